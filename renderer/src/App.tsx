import { useState } from 'react';
import { AboutPage } from './pages/AboutPage';
import { CaseloadPage } from './pages/CaseloadPage';
import { RulesPage } from './pages/RulesPage';

const PAGES = [
  { id: 'caseload', label: 'Caseload' },
  { id: 'rules', label: 'Rules' },
  { id: 'about', label: 'About' },
] as const;
type PageId = (typeof PAGES)[number]['id'];

export function App() {
  const [page, setPage] = useState<PageId>('caseload');
  return (
    <div className="app">
      <header className="app-bar">
        <span className="brand" aria-label="Stepwise">
          <span aria-hidden="true" className="brand-mark">
            ▁▃▅
          </span>
          Stepwise
        </span>
        <nav aria-label="Main">
          {PAGES.map((item) => (
            <button
              key={item.id}
              type="button"
              className="nav-link"
              aria-current={page === item.id ? 'page' : undefined}
              onClick={() => setPage(item.id)}
            >
              {item.label}
            </button>
          ))}
        </nav>
        <span className="offline-note">Offline · data stays on this computer</span>
      </header>
      <main className="app-main">
        {page === 'caseload' && <CaseloadPage />}
        {page === 'rules' && <RulesPage />}
        {page === 'about' && <AboutPage />}
      </main>
    </div>
  );
}
