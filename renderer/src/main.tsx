import { call } from './api/client';
import { beginFirstCalls } from './boot';
import './styles.css';

// This first script is small so that the window's first calls leave at once; the screens load beside them.
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
const firstCalls = beginFirstCalls({ authStatus: () => call('auth.status', {}), listCases: (input) => call('cases.list', input) });
import('./mountApp')
  .then(({ mountApp }) => mountApp(root, firstCalls))
  .catch((error: unknown) => {
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.className = 'form-error';
    message.textContent = `Stepwise could not load its screens (${error instanceof Error ? error.message : String(error)}). Close the app and open it again; if this persists, reinstall it.`;
    root.replaceChildren(message);
  });
