import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import type { CaseSortKey, CaseSummary } from '../../../shared/contract/cases';
import { seesEveryCase } from '../../../shared/domain/roles';
import { toIsoDate } from '../../../shared/domain/dates';
import { DEMO_CASELOAD_SIZE } from '../../../shared/synthetic/demo';
import { callOrThrow } from '../api/client';
import { useDebouncedValue } from '../components/useDebouncedValue';
import { useShortcut } from '../components/useShortcut';
import { useSession, userHasRole } from '../navigation';
import { CaseloadExport } from '../exports/CaseloadExport';
import { CaseloadFilters, isDefaultFilter } from './CaseloadFilters';
import { caseloadQueryOf, defaultFilter, type CaseloadFilter, type CaseloadView } from './caseloadQuery';
import { CaseloadTable, type CaseloadTableControls } from './CaseloadTable';
import { CreateCaseDialog } from './CreateCaseDialog';
import { useCaseloadWindows, type RowSpan } from './useCaseloadWindows';
import { OutsideCaseloadNotice } from '../workflow/access/OutsideCaseloadNotice';
import { useShowCaseDetail } from '../workflow/useCaseDetail';

const SEARCH_DELAY_MS = 250;
/** Newest first is what people want from a date column; names and levels read best A→Z. */
const DESCENDING_FIRST: readonly CaseSortKey[] = ['updatedAt'];
const countFormat = new Intl.NumberFormat();

interface Props {
  readonly view: CaseloadView;
  readonly onViewChange: Dispatch<SetStateAction<CaseloadView>>;
}

export function CaseloadPage({ view, onViewChange }: Props) {
  const session = useSession();
  const { user } = session;
  const queryClient = useQueryClient();
  const showDetail = useShowCaseDetail();
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<CaseloadTableControls>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const canCreate = userHasRole(user, 'clinician', 'supervisor');
  // Bulk exports hold clinical records: clinicians and supervisors only, as the main process enforces.
  const canExport = canCreate;
  const isAdmin = userHasRole(user, 'admin');
  const canImport = userHasRole(user, 'supervisor', 'admin');

  const search = useDebouncedValue(view.searchText.trim(), SEARCH_DELAY_MS);
  const query = caseloadQueryOf(view, search);
  const { searchText: _typed, sortBy: _sortBy, sortDir: _sortDir, firstRow: _firstRow, lastOpened: _last, ...exportFilter } = view;
  const cases = useCaseloadWindows(query);
  const status = useQuery({ queryKey: ['demo.status'], queryFn: () => callOrThrow('demo.status', {}) });
  const clinicians = useQuery({ queryKey: ['users.clinicians'], queryFn: () => callOrThrow('users.clinicians', {}) });
  const loadDemo = useMutation({
    mutationFn: () => callOrThrow('demo.load', {}),
    onSuccess: async (result) => {
      setNotice(`Loaded ${result.created} synthetic demo cases. They are marked DEMO and are not real patients.`);
      await queryClient.invalidateQueries();
    },
  });

  const total = cases.total ?? 0;
  const update = useCallback((change: Partial<CaseloadView>) => onViewChange((current) => ({ ...current, ...change })), [onViewChange]);
  // A new filter or sort is a new list, read from its top.
  const filter = (change: Partial<CaseloadFilter>) => update({ ...change, firstRow: 0, lastOpened: null });
  const focusList = () => tableRef.current?.focusCurrentRow();

  // Coming back to the caseload finds it scrolled where it was left.
  const firstShown = useRef(view.firstRow);
  const { showRows } = cases;
  const onRowsShown = useCallback(
    (rows: RowSpan) => {
      firstShown.current = rows.first;
      showRows(rows);
    },
    [showRows],
  );
  useEffect(() => () => onViewChange((current) => ({ ...current, firstRow: firstShown.current })), [onViewChange]);

  useShortcut('n', () => setCreating(true), canCreate && !creating);
  useShortcut('/', () => searchRef.current?.focus(), !creating);
  useShortcut('[', () => tableRef.current?.moveByScreen(-1), !creating);
  useShortcut(']', () => tableRef.current?.moveByScreen(1), !creating);

  const onSort = (key: CaseSortKey) => {
    const firstDir = DESCENDING_FIRST.includes(key) ? 'desc' : 'asc';
    const sortDir = key !== view.sortBy ? firstDir : view.sortDir === 'asc' ? 'desc' : 'asc';
    update({ sortBy: key, sortDir, firstRow: 0, lastOpened: null });
  };
  const openCase = (row: CaseSummary, index: number) => {
    update({ lastOpened: { caseId: row.id, index }, firstRow: firstShown.current });
    session.navigate({ page: 'case', caseId: row.id });
  };
  const openedInEmergency = async (detail: CaseDetail) => {
    await showDetail(detail);
    openCase(detail.summary, firstShown.current);
  };
  const onCreated = async (created: CaseSummary) => {
    setCreating(false);
    await queryClient.invalidateQueries({ queryKey: ['cases.list'] });
    await queryClient.invalidateQueries({ queryKey: ['demo.status'] });
    // Where the new case falls in the list is not known here; the list comes back where it was.
    openCase(created, firstShown.current);
  };

  const today = toIsoDate(new Date());
  const databaseEmpty = status.data?.totalCases === 0;
  const problem = cases.error ?? status.error ?? loadDemo.error;

  return (
    <section className="page" aria-labelledby="caseload-title">
      <header className="page-header">
        <h1 id="caseload-title">Caseload</h1>
        <div className="toolbar">
          {canExport && !databaseEmpty && (
            <CaseloadExport
              filter={{ ...exportFilter, search }}
              filteredCount={cases.total !== undefined && !cases.showingPrevious ? total : null}
              shortcutEnabled={!creating}
            />
          )}
          {canCreate && (
            <button type="button" className="button-primary" onClick={() => setCreating(true)}>
              New case <kbd>N</kbd>
            </button>
          )}
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
      {problem && (
        <p className="form-error" role="alert">
          {problem.message}
        </p>
      )}

      {databaseEmpty ? (
        <FirstStart
          isAdmin={isAdmin}
          canCreate={canCreate}
          loading={loadDemo.isPending}
          onLoadDemo={() => loadDemo.mutate()}
          onCreate={() => setCreating(true)}
          onAdmin={() => session.navigate({ page: 'admin' })}
          onImport={canImport ? () => session.navigate({ page: 'import' }) : null}
        />
      ) : (
        <>
          <CaseloadFilters
            user={user}
            view={view}
            clinicians={clinicians.data?.clinicians ?? []}
            searchRef={searchRef}
            onChange={filter}
            onLeaveSearch={focusList}
            onClear={isDefaultFilter(view, user) ? null : () => filter(defaultFilter(user))}
          />
          {cases.outsideCaseload && <OutsideCaseloadNotice match={cases.outsideCaseload} onOpened={openedInEmergency} />}
          {cases.total === 0 ? (
            <NoMatch
              mineOnly={view.clinician === 'mine' && isDefaultFilter(view, user)}
              canCreate={canCreate}
              onCreate={() => setCreating(true)}
              onShowAll={seesEveryCase(user.roles) ? () => filter({ clinician: 'all' }) : null}
              onClear={() => filter(defaultFilter(user))}
            />
          ) : cases.total !== undefined ? (
            <>
              <CaseloadTable
                total={total}
                rowAt={cases.rowAt}
                indexOf={cases.indexOf}
                queryKey={cases.queryKey}
                busy={cases.showingPrevious || cases.loading}
                sortBy={view.sortBy}
                sortDir={view.sortDir}
                onSort={onSort}
                onOpen={openCase}
                onRowsShown={onRowsShown}
                today={today}
                restore={{ firstRow: view.firstRow, lastOpened: view.lastOpened }}
                controls={tableRef}
              />
              <div className="table-footer">
                <ShortcutLegend canCreate={canCreate} canExport={canExport} />
                <p className="caseload-count">
                  <span aria-live="polite">
                    {countFormat.format(total)} case{total === 1 ? '' : 's'}
                  </span>
                  {total > 0 && (
                    <span className="muted">
                      {' '}
                      · rows {countFormat.format(cases.shown.first + 1)}–{countFormat.format(cases.shown.last + 1)} in view
                    </span>
                  )}
                </p>
              </div>
            </>
          ) : (
            <p className="muted" aria-busy="true">
              Loading the caseload…
            </p>
          )}
        </>
      )}

      {creating && <CreateCaseDialog onClose={() => setCreating(false)} onCreated={onCreated} />}
    </section>
  );
}

function ShortcutLegend({ canCreate, canExport }: { readonly canCreate: boolean; readonly canExport: boolean }) {
  return (
    <p className="shortcut-legend">
      <kbd>/</kbd> search · <kbd>↑</kbd>
      <kbd>↓</kbd> or <kbd>J</kbd>
      <kbd>K</kbd> move · <kbd>PgUp</kbd>
      <kbd>PgDn</kbd> or <kbd>[</kbd>
      <kbd>]</kbd> a screen · <kbd>Home</kbd>
      <kbd>End</kbd> first, last · <kbd>Enter</kbd> open
      {canCreate && (
        <>
          {' '}
          · <kbd>N</kbd> new case
        </>
      )}
      {canExport && (
        <>
          {' '}
          · <kbd>E</kbd> export
        </>
      )}
    </p>
  );
}

interface FirstStartProps {
  readonly isAdmin: boolean;
  readonly canCreate: boolean;
  readonly loading: boolean;
  readonly onLoadDemo: () => void;
  readonly onCreate: () => void;
  readonly onAdmin: () => void;
  /** Null when this person may not import. */
  readonly onImport: (() => void) | null;
}

/** The empty database teaches the next step, which depends on what this person may do. */
function FirstStart({ isAdmin, canCreate, loading, onLoadDemo, onCreate, onAdmin, onImport }: FirstStartProps) {
  return (
    <div className="empty-state">
      <h2>No cases yet</h2>
      <p>Stepwise keeps its records in a local database on this computer. To start:</p>
      <ul>
        {isAdmin && <li>load the demo caseload — {DEMO_CASELOAD_SIZE} invented cases, clearly marked DEMO, to explore the app;</li>}
        {canCreate && (
          <li>
            create the first real case (<kbd>N</kbd>);
          </li>
        )}
        {onImport && <li>import the clinic’s cases, then their assessments and episodes, from CSV files saved from a spreadsheet;</li>}
        {isAdmin && <li>add the clinicians and supervisors who will use Stepwise, in Admin.</li>}
        {!isAdmin && <li>to explore with invented cases, ask an administrator to load the demo caseload.</li>}
      </ul>
      <div className="empty-actions">
        {isAdmin && (
          <button type="button" className="button-primary" onClick={onLoadDemo} disabled={loading}>
            {loading ? 'Loading…' : 'Load demo caseload'}
          </button>
        )}
        {canCreate && (
          <button type="button" className="button-secondary" onClick={onCreate}>
            Create a case
          </button>
        )}
        {onImport && (
          <button type="button" className="button-secondary" onClick={onImport}>
            Import a CSV file
          </button>
        )}
        {isAdmin && (
          <button type="button" className="button-secondary" onClick={onAdmin}>
            Open Admin
          </button>
        )}
      </div>
    </div>
  );
}

interface NoMatchProps {
  readonly mineOnly: boolean;
  readonly canCreate: boolean;
  readonly onCreate: () => void;
  /** Null for a clinician, whose caseload is only their own cases. */
  readonly onShowAll: (() => void) | null;
  readonly onClear: () => void;
}

function NoMatch({ mineOnly, canCreate, onCreate, onShowAll, onClear }: NoMatchProps) {
  if (mineOnly) {
    return (
      <div className="empty-state">
        <h2>No cases assigned to you</h2>
        <p>Cases you create are assigned to you; a supervisor or administrator can also move cases to you.</p>
        <div className="empty-actions">
          {canCreate && (
            <button type="button" className="button-primary" onClick={onCreate}>
              Create a case
            </button>
          )}
          {onShowAll && (
            <button type="button" className="button-secondary" onClick={onShowAll}>
              Show all cases
            </button>
          )}
        </div>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <h2>No cases match these filters</h2>
      <p>Check the spelling of the name, or type fewer characters of the MRN; or widen the filters.</p>
      <div className="empty-actions">
        <button type="button" className="button-secondary" onClick={onClear}>
          Clear the filters
        </button>
      </div>
    </div>
  );
}
