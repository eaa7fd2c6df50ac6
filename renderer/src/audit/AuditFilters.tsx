import type { KeyboardEvent, ReactNode } from 'react';
import { AUDIT_ACTION_LABELS, AUDIT_OUTCOMES } from '../../../shared/contract/audit';
import type { UserSummary } from '../../../shared/contract/users';
import { ACTIONS_BY_LABEL, isAuditAction, OUTCOME_LABELS } from './auditFormat';
import type { AuditFilterForm } from './useAuditView';

export type AuditFilterErrors = Partial<Record<keyof AuditFilterForm, string>>;

interface Props {
  readonly form: AuditFilterForm;
  readonly users: readonly UserSummary[];
  readonly errors: AuditFilterErrors;
  readonly onChange: (change: Partial<AuditFilterForm>, at: 'now' | 'settled') => void;
  readonly onApplyNow: () => void;
  /** Present while some filter is set. */
  readonly onClear: (() => void) | null;
}

/** When, who, what, how it ended and which record: each narrows the log; empty means any. */
export function AuditFilters({ form, users, errors, onChange, onApplyNow, onClear }: Props) {
  const applyOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onApplyNow();
    }
  };
  // A chosen person no longer listed still shows, rather than silently reading "Anyone".
  const knownUser = form.userId === '' || users.some((user) => user.id === form.userId);
  return (
    <div className="filter-bar audit-filters" role="search" aria-label="Filter the audit log">
      <FilterField id="audit-from" label="From" error={errors.from}>
        {(a11y) => (
          <input
            {...a11y}
            type="date"
            value={form.from}
            onChange={(event) => onChange({ from: event.target.value }, 'settled')}
            onKeyDown={applyOnEnter}
          />
        )}
      </FilterField>
      <FilterField id="audit-to" label="To" error={errors.to}>
        {(a11y) => (
          <input
            {...a11y}
            type="date"
            value={form.to}
            onChange={(event) => onChange({ to: event.target.value }, 'settled')}
            onKeyDown={applyOnEnter}
          />
        )}
      </FilterField>
      <FilterField id="audit-user" label="Who" error={errors.userId}>
        {(a11y) => (
          <select {...a11y} className="audit-user-select" value={form.userId} onChange={(event) => onChange({ userId: event.target.value }, 'now')}>
            <option value="">Anyone</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.displayName} ({user.username}){user.active ? '' : ', deactivated'}
              </option>
            ))}
            {!knownUser && <option value={form.userId}>Chosen user</option>}
          </select>
        )}
      </FilterField>
      <FilterField id="audit-action" label="Action" error={errors.action}>
        {(a11y) => (
          <select
            {...a11y}
            value={form.action}
            onChange={(event) => {
              const action = event.target.value;
              onChange({ action: isAuditAction(action) ? action : '' }, 'now');
            }}
          >
            <option value="">Any action</option>
            {ACTIONS_BY_LABEL.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTION_LABELS[action]}
              </option>
            ))}
          </select>
        )}
      </FilterField>
      <FilterField id="audit-outcome" label="Outcome" error={errors.outcome}>
        {(a11y) => (
          <select
            {...a11y}
            value={form.outcome}
            onChange={(event) => onChange({ outcome: AUDIT_OUTCOMES.find((outcome) => outcome === event.target.value) ?? '' }, 'now')}
          >
            <option value="">Any outcome</option>
            {AUDIT_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {OUTCOME_LABELS[outcome]}
              </option>
            ))}
          </select>
        )}
      </FilterField>
      <FilterField id="audit-record" label="Record id" error={errors.recordId}>
        {(a11y) => (
          <input
            {...a11y}
            type="search"
            className="mono audit-record-input"
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            value={form.recordId}
            onChange={(event) => onChange({ recordId: event.target.value }, 'settled')}
            onKeyDown={applyOnEnter}
          />
        )}
      </FilterField>
      {onClear && (
        <button type="button" className="link-button audit-clear" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}

interface FilterA11y {
  readonly id: string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby': string | undefined;
}

function FilterField({
  id,
  label,
  error,
  children,
}: {
  readonly id: string;
  readonly label: string;
  readonly error: string | undefined;
  readonly children: (a11y: FilterA11y) => ReactNode;
}) {
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': error ? `${id}-error` : undefined })}
      {error && (
        <p id={`${id}-error`} className="field-error audit-field-error">
          {error}
        </p>
      )}
    </div>
  );
}
