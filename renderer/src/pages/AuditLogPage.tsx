import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { UserSummary } from '../../../shared/contract/users';
import { call, callOrThrow, RequestError } from '../api/client';
import { useShortcut } from '../components/useShortcut';
import { AuditExport } from '../audit/AuditExport';
import { AuditFilters, type AuditFilterErrors } from '../audit/AuditFilters';
import { pageHoldingRow, rowRange } from '../audit/auditFormat';
import { AuditTable } from '../audit/AuditTable';
import { AuditVerdict } from '../audit/AuditVerdict';
import { EMPTY_FILTER, isEmptyFilter, toListFilter, useAuditView, type AuditFilterForm } from '../audit/useAuditView';
import { placeAppError } from '../workflow/appErrors';
import '../audit/audit.css';

const PAGE_SIZE = 100;
const FILTER_KEYS = Object.keys(EMPTY_FILTER) as (keyof AuditFilterForm)[];
const FILTER_PATHS = FILTER_KEYS.map((key) => `filter.${key}`);

/** A request to bring one row of the whole log on screen and put the focus on it. */
interface RowJump {
  readonly seq: number;
  readonly focused: boolean;
}

/** Who did what, when, to which record, and whether it was allowed: the administrator's view of the hash-chained audit log. */
export function AuditLogPage() {
  const queryClient = useQueryClient();
  const view = useAuditView();
  const [jump, setJump] = useState<RowJump | null>(null);
  const [jumpProblem, setJumpProblem] = useState<string | null>(null);

  const users = useQuery({ queryKey: ['users.list'], queryFn: () => callOrThrow('users.list', {}) });
  const input = useMemo(() => ({ filter: toListFilter(view.applied), page: view.page, pageSize: PAGE_SIZE }), [view.applied, view.page]);
  const list = useQuery({ queryKey: ['audit.list', input], queryFn: () => callOrThrow('audit.list', input), placeholderData: keepPreviousData });
  const refreshList = useCallback(() => void queryClient.invalidateQueries({ queryKey: ['audit.list'] }), [queryClient]);
  // Verifying is itself recorded, so the list gains a row.
  const verify = useMutation({ mutationFn: () => callOrThrow('audit.verify', {}), onSettled: refreshList });

  const userMap = useMemo(() => new Map<string, UserSummary>((users.data?.users ?? []).map((user) => [user.id, user])), [users.data]);
  const { fieldErrors, formError } = describeListError(list.error);
  const filterValid = Object.keys(fieldErrors).length === 0;

  const page = list.data?.page ?? view.page;
  const total = list.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const leaveJump = () => {
    setJump(null);
    setJumpProblem(null);
  };
  const goToPage = (next: number) => {
    leaveJump();
    view.goToPage(Math.min(Math.max(1, next), pageCount));
  };
  useShortcut('[', () => goToPage(page - 1), page > 1);
  useShortcut(']', () => goToPage(page + 1), page < pageCount);

  const showRow = async (seq: number) => {
    leaveJump();
    const newest = await call('audit.list', { filter: {}, page: 1, pageSize: 1 });
    if (!newest.ok) {
      setJumpProblem(newest.error.message);
      return;
    }
    const newestSeq = newest.value.rows[0]?.seq ?? 0;
    view.showUnfilteredPage(pageHoldingRow(seq, newestSeq, newest.value.total, PAGE_SIZE));
    setJump({ seq, focused: false });
  };
  const onFocused = useCallback(() => setJump((current) => (current ? { ...current, focused: true } : current)), []);

  const rows = list.data?.rows ?? [];
  const settled = list.data !== undefined && !list.isPlaceholderData && !list.isFetching;
  const jumpMissed = jump !== null && !jump.focused && settled && isEmptyFilter(view.applied) && !rows.some((row) => row.seq === jump.seq);
  const rowNote =
    jumpProblem ?? (jumpMissed ? `Row ${jump.seq} is not in the log any more: it was deleted. The rows numbered around it are shown.` : null);
  const verdict = verify.data ?? null;
  const range = list.data ? rowRange(page, PAGE_SIZE, rows.length, total) : '';
  const filtered = !isEmptyFilter(view.applied);

  return (
    <section className="page audit-page" aria-labelledby="audit-title">
      <header className="page-header audit-header">
        <div>
          <h1 id="audit-title">Audit log</h1>
          <p className="audit-intro">
            Every sign-in, record opened or changed, export and refused action, newest first. Each row is chained to the one before it, so a change
            made outside Stepwise shows up when you verify the log.
          </p>
        </div>
        <div className="audit-actions">
          <div className="audit-action">
            <button type="button" className="button-primary" disabled={verify.isPending} onClick={() => verify.mutate()}>
              {verify.isPending ? 'Verifying…' : 'Verify audit log'}
            </button>
          </div>
          <AuditExport filter={filterValid ? toListFilter(view.applied) : null} onExported={refreshList} />
        </div>
      </header>

      <AuditVerdict
        verifying={verify.isPending}
        verdict={verify.isPending ? null : verdict}
        failure={verify.error?.message ?? null}
        onShowRow={(seq) => void showRow(seq)}
        rowNote={rowNote}
      />

      <AuditFilters
        form={view.form}
        users={users.data?.users ?? []}
        errors={fieldErrors}
        onChange={(change, at) => {
          leaveJump();
          view.change(change, at);
        }}
        onApplyNow={view.applyNow}
        onClear={isEmptyFilter(view.form) ? null : view.clear}
      />
      {(formError ?? users.error) && (
        <p role="alert" className="form-error">
          {formError ?? users.error?.message}
        </p>
      )}

      {!filterValid ? (
        <p className="muted">Correct the filter above to see the log.</p>
      ) : !list.data ? (
        !list.error && (
          <p className="muted" aria-busy="true">
            Loading the audit log…
          </p>
        )
      ) : total === 0 ? (
        <NoRows filtered={filtered} onClear={view.clear} />
      ) : (
        <>
          {/* Focusable so the keyboard can scroll the rows; the arrow keys move through them. */}
          <div className="table-scroll audit-scroll" role="region" aria-label="Audit log rows" tabIndex={0} aria-busy={list.isPlaceholderData}>
            <AuditTable
              rows={rows}
              users={userMap}
              range={range}
              brokenSeq={verdict && !verdict.intact ? verdict.firstBrokenRow : null}
              targetSeq={jump?.seq ?? null}
              focusSeq={jump && !jump.focused ? jump.seq : null}
              onFocused={onFocused}
            />
          </div>
          <div className="table-footer">
            <p className="shortcut-legend">
              <kbd>[</kbd> newer · <kbd>]</kbd> older · times are this computer&apos;s local time; hover a time for UTC
            </p>
            <nav className="pager" aria-label="Pages of the audit log">
              <button type="button" className="button-secondary" onClick={() => goToPage(1)} disabled={page <= 1}>
                Newest
              </button>
              <button type="button" className="button-secondary" onClick={() => goToPage(page - 1)} disabled={page <= 1}>
                <kbd>[</kbd> Newer
              </button>
              <span aria-live="polite" className="audit-range">
                {range}
                {filtered && <span className="muted"> (filtered)</span>}
              </span>
              <button type="button" className="button-secondary" onClick={() => goToPage(page + 1)} disabled={page >= pageCount}>
                Older <kbd>]</kbd>
              </button>
              <button type="button" className="button-secondary" onClick={() => goToPage(pageCount)} disabled={page >= pageCount}>
                Oldest
              </button>
            </nav>
          </div>
        </>
      )}
    </section>
  );
}

/** Field errors from the main process go beside their filter; anything else is said above the table. */
function describeListError(error: Error | null): { fieldErrors: AuditFilterErrors; formError: string | null } {
  if (!error) return { fieldErrors: {}, formError: null };
  if (!(error instanceof RequestError)) return { fieldErrors: {}, formError: error.message };
  const placed = placeAppError(error.appError, FILTER_PATHS);
  const fieldErrors: AuditFilterErrors = {};
  for (const key of FILTER_KEYS) {
    const message = placed.fields[`filter.${key}`];
    if (message) fieldErrors[key] = message;
  }
  return { fieldErrors, formError: placed.form };
}

function NoRows({ filtered, onClear }: { readonly filtered: boolean; readonly onClear: () => void }) {
  if (!filtered) {
    return (
      <div className="empty-state">
        <h2>The audit log is empty</h2>
        <p>Stepwise records here every sign-in, every record opened or changed, every export and every refused action, as they happen.</p>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <h2>No events match these filters</h2>
      <p>
        The dates are days on this computer&apos;s calendar, and the record id must be typed in full. Widen the dates or clear a filter to see more.
      </p>
      <div className="empty-actions">
        <button type="button" className="button-secondary" onClick={onClear}>
          Clear the filters
        </button>
      </div>
    </div>
  );
}
