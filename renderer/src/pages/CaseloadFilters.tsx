import type { RefObject } from 'react';
import type { SessionUser } from '../../../shared/contract/auth';
import {
  CASE_FLAG_FILTERS,
  CASE_LEVEL_FILTERS,
  CASE_STATUS_FILTERS,
  type CaseDecisionFilter,
  type CaseFlagFilter,
  type CaseLevelFilter,
} from '../../../shared/contract/cases';
import type { ClinicianOption } from '../../../shared/contract/users';
import { LEVEL_SHORT_LABELS } from '../../../shared/domain/levels';
import { DECISION_STATUS_LABELS } from '../components/DecisionStatusLabel';
import { userHasRole } from '../navigation';
import { defaultFilter, type CaseloadFilter, type CaseloadView } from './caseloadQuery';

export function isDefaultFilter(view: CaseloadView, user: SessionUser): boolean {
  const defaults = defaultFilter(user);
  return (Object.keys(defaults) as (keyof CaseloadFilter)[]).every((key) => view[key] === defaults[key]);
}

export const LEVEL_FILTER_LABELS: Readonly<Record<CaseLevelFilter, string>> = {
  all: 'All',
  inpatient: LEVEL_SHORT_LABELS.inpatient,
  iop: LEVEL_SHORT_LABELS.iop,
  outpatient: LEVEL_SHORT_LABELS.outpatient,
  unplaced: 'Not placed',
};

const DECISION_FILTER_LABELS: Readonly<Record<CaseDecisionFilter, string>> = {
  any: 'Any',
  none: 'No decision yet',
  ...DECISION_STATUS_LABELS,
};

const FLAG_FILTER_LABELS: Readonly<Record<CaseFlagFilter, string>> = {
  any: 'Any',
  'review-overdue': 'Review overdue',
  'iop-hours': 'IOP under 9 h last week',
  authorization: 'Authorization problem',
};

interface ClinicianChoice {
  readonly value: string;
  readonly label: string;
}

function clinicianChoices(user: SessionUser, clinicians: readonly ClinicianOption[]): ClinicianChoice[] {
  const isClinician = userHasRole(user, 'clinician');
  if (!userHasRole(user, 'supervisor', 'admin')) {
    return [
      { value: 'mine', label: 'My cases' },
      // A clinician's whole view: their own cases and any opened through emergency access this session.
      { value: 'all', label: 'Mine and emergency access' },
    ];
  }
  return [
    { value: 'all', label: 'All clinicians' },
    ...(isClinician ? [{ value: 'mine', label: 'My cases' }] : []),
    { value: 'unassigned', label: 'Unassigned' },
    ...clinicians
      .filter((clinician) => !isClinician || clinician.id !== user.id)
      .map((clinician) => ({ value: clinician.id, label: clinician.active ? clinician.displayName : `${clinician.displayName} (inactive)` })),
  ];
}

interface Props {
  readonly user: SessionUser;
  readonly view: CaseloadView;
  readonly clinicians: readonly ClinicianOption[];
  readonly searchRef: RefObject<HTMLInputElement | null>;
  readonly onChange: (filter: Partial<CaseloadFilter>) => void;
  /** Arrow down from the search box moves into the list. */
  readonly onLeaveSearch: () => void;
  /** Present while some filter differs from the person's default. */
  readonly onClear: (() => void) | null;
}

export function CaseloadFilters({ user, view, clinicians, searchRef, onChange, onLeaveSearch, onClear }: Props) {
  const choices = clinicianChoices(user, clinicians);
  // A remembered clinician who is no longer listed still shows, rather than silently reading "All".
  const knownChoice = choices.some((choice) => choice.value === view.clinician);
  return (
    <div className="filter-bar" role="search" aria-label="Filter the caseload">
      <div className="filter">
        <label htmlFor="caseload-search">
          Search <kbd>/</kbd>
        </label>
        <input
          id="caseload-search"
          ref={searchRef}
          type="search"
          className="search-input"
          placeholder="Name or MRN"
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          value={view.searchText}
          onChange={(event) => onChange({ searchText: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              onLeaveSearch();
            }
          }}
        />
      </div>
      <div className="filter">
        <label htmlFor="caseload-clinician">Clinician</label>
        <select id="caseload-clinician" value={view.clinician} onChange={(event) => onChange({ clinician: event.target.value })}>
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
          {!knownChoice && <option value={view.clinician}>Chosen clinician</option>}
        </select>
      </div>
      <div className="filter">
        <span className="filter-label" id="caseload-level-label">
          Current level
        </span>
        <div role="group" aria-labelledby="caseload-level-label" className="segmented">
          {CASE_LEVEL_FILTERS.map((level) => (
            <button key={level} type="button" aria-pressed={view.level === level} onClick={() => onChange({ level })}>
              {LEVEL_FILTER_LABELS[level]}
            </button>
          ))}
        </div>
      </div>
      <div className="filter">
        <label htmlFor="caseload-decision">Decision</label>
        <select
          id="caseload-decision"
          value={view.decisionStatus}
          onChange={(event) => {
            const status = CASE_STATUS_FILTERS.find((candidate) => candidate === event.target.value);
            if (status) onChange({ decisionStatus: status });
          }}
        >
          {CASE_STATUS_FILTERS.map((status) => (
            <option key={status} value={status}>
              {DECISION_FILTER_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="caseload-flag">Needs attention</label>
        <select
          id="caseload-flag"
          value={view.flag}
          onChange={(event) => {
            const flag = CASE_FLAG_FILTERS.find((candidate) => candidate === event.target.value);
            if (flag) onChange({ flag });
          }}
        >
          {CASE_FLAG_FILTERS.map((flag) => (
            <option key={flag} value={flag}>
              {FLAG_FILTER_LABELS[flag]}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-checkboxes">
        <label className="checkbox">
          <input type="checkbox" checked={view.mismatchOnly} onChange={(event) => onChange({ mismatchOnly: event.target.checked })} />
          Only where the level differs
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={view.includeDischarged} onChange={(event) => onChange({ includeDischarged: event.target.checked })} />
          Show discharged
        </label>
      </div>
      {onClear && (
        <button type="button" className="link-button" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
