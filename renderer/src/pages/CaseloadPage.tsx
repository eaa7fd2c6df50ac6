import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { CASE_LEVEL_FILTERS, type CaseLevelFilter, type CaseSortKey, type CaseSummary } from '../../../shared/contract/cases';
import { toIsoDate } from '../../../shared/domain/dates';
import { LEVEL_SHORT_LABELS } from '../../../shared/domain/levels';
import { DEMO_CASELOAD_SIZE } from '../../../shared/synthetic/demo';
import { callOrThrow } from '../api/client';
import { useShortcut } from '../components/useShortcut';
import { CaseloadTable } from './CaseloadTable';
import { CreateCaseDialog } from './CreateCaseDialog';

const PAGE_SIZE = 50;

const FILTER_LABELS: Readonly<Record<CaseLevelFilter, string>> = {
  all: 'All levels',
  inpatient: LEVEL_SHORT_LABELS.inpatient,
  iop: LEVEL_SHORT_LABELS.iop,
  outpatient: LEVEL_SHORT_LABELS.outpatient,
  unplaced: 'Not placed',
};

export function CaseloadPage() {
  const queryClient = useQueryClient();
  const [level, setLevel] = useState<CaseLevelFilter>('all');
  const [sortBy, setSortBy] = useState<CaseSortKey>('fullName');
  const [sortDir, setSortDir] = useState<'asc' | 'desc'>('asc');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const query = { page, pageSize: PAGE_SIZE, sortBy, sortDir, level };
  const cases = useQuery({ queryKey: ['cases.list', query], queryFn: () => callOrThrow('cases.list', query), placeholderData: keepPreviousData });
  const status = useQuery({ queryKey: ['demo.status'], queryFn: () => callOrThrow('demo.status', {}) });
  const loadDemo = useMutation({
    mutationFn: () => callOrThrow('demo.load', {}),
    onSuccess: async (result) => {
      setNotice(`Loaded ${result.created} synthetic demo cases. They are marked DEMO and are not real patients.`);
      await queryClient.invalidateQueries();
    },
  });

  const pageCount = Math.max(1, Math.ceil((cases.data?.total ?? 0) / PAGE_SIZE));
  const goToPage = useCallback((next: number) => setPage(Math.min(Math.max(1, next), pageCount)), [pageCount]);
  useShortcut('n', () => setCreating(true), !creating);
  useShortcut('[', () => goToPage(page - 1), !creating);
  useShortcut(']', () => goToPage(page + 1), !creating);

  const chooseLevel = (filter: CaseLevelFilter) => {
    setLevel(filter);
    setPage(1);
  };
  const onSort = (key: CaseSortKey) => {
    setPage(1);
    if (key === sortBy) setSortDir(sortDir === 'asc' ? 'desc' : 'asc');
    else {
      setSortBy(key);
      setSortDir(key === 'updatedAt' ? 'desc' : 'asc');
    }
  };
  const onCreated = async (created: CaseSummary) => {
    setCreating(false);
    setNotice(`Created the case of ${created.fullName} (MRN ${created.mrn}).`);
    await queryClient.invalidateQueries();
  };

  const now = new Date();
  const total = cases.data?.total ?? 0;
  const databaseEmpty = status.data?.totalCases === 0;

  return (
    <section className="page" aria-labelledby="caseload-title">
      <header className="page-header">
        <h1 id="caseload-title">Caseload</h1>
        <div className="toolbar">
          <div role="group" aria-label="Filter by level of care" className="segmented">
            {CASE_LEVEL_FILTERS.map((filter) => (
              <button key={filter} type="button" aria-pressed={level === filter} onClick={() => chooseLevel(filter)}>
                {FILTER_LABELS[filter]}
              </button>
            ))}
          </div>
          <button type="button" className="button-primary" onClick={() => setCreating(true)}>
            New case <kbd>N</kbd>
          </button>
        </div>
      </header>

      {status.data && status.data.syntheticCases > 0 && (
        <p className="demo-banner" role="note">
          Demo data: this database holds {status.data.syntheticCases} synthetic cases marked DEMO. They are invented for trying Stepwise and are not
          real patients.
        </p>
      )}
      {notice && (
        <div className="notice">
          <p role="status">{notice}</p>
          <button type="button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {(cases.error ?? status.error ?? loadDemo.error) && (
        <p className="form-error" role="alert">
          {(cases.error ?? status.error ?? loadDemo.error)?.message}
        </p>
      )}

      {databaseEmpty ? (
        <div className="empty-state">
          <h2>No cases yet</h2>
          <p>Stepwise keeps its records in a local database on this computer. To start:</p>
          <ul>
            <li>load the demo caseload — {DEMO_CASELOAD_SIZE} invented cases, clearly marked, to explore the app;</li>
            <li>or create the first real case.</li>
          </ul>
          <div className="empty-actions">
            <button type="button" className="button-primary" onClick={() => loadDemo.mutate()} disabled={loadDemo.isPending}>
              {loadDemo.isPending ? 'Loading…' : 'Load demo caseload'}
            </button>
            <button type="button" className="button-secondary" onClick={() => setCreating(true)}>
              Create a case
            </button>
          </div>
        </div>
      ) : cases.data && cases.data.rows.length === 0 ? (
        <div className="empty-state">
          <p>No cases match “{FILTER_LABELS[level]}”.</p>
          <button type="button" className="button-secondary" onClick={() => chooseLevel('all')}>
            Show all levels
          </button>
        </div>
      ) : cases.data ? (
        <>
          <div className="table-scroll">
            <CaseloadTable rows={cases.data.rows} sortBy={sortBy} sortDir={sortDir} onSort={onSort} today={toIsoDate(now)} now={now} />
          </div>
          <nav className="pager" aria-label="Pages">
            <button type="button" className="button-secondary" onClick={() => goToPage(page - 1)} disabled={page <= 1}>
              <kbd>[</kbd> Previous
            </button>
            <span aria-live="polite">
              Page {page} of {pageCount} · {total} case{total === 1 ? '' : 's'}
            </span>
            <button type="button" className="button-secondary" onClick={() => goToPage(page + 1)} disabled={page >= pageCount}>
              Next <kbd>]</kbd>
            </button>
          </nav>
        </>
      ) : (
        <p className="muted" aria-busy="true">
          Loading the caseload…
        </p>
      )}

      <CreateCaseDialog open={creating} onClose={() => setCreating(false)} onCreated={onCreated} />
    </section>
  );
}
