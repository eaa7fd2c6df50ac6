import type { ClinicianOption } from '../../../shared/contract/users';
import { ALL, type FilterDescription, type FilterProblems, type ReportFilter } from './reportFilter';

interface ReportFiltersProps {
  readonly filter: ReportFilter;
  readonly problems: FilterProblems;
  readonly clinicians: readonly ClinicianOption[];
  readonly programs: readonly string[];
  readonly description: FilterDescription | null;
  readonly onChange: (change: Partial<ReportFilter>) => void;
  readonly onReset: (() => void) | null;
}

/** Date range, clinician and program. On paper only the chosen values print, as a sentence. */
export function ReportFilters({ filter, problems, clinicians, programs, description, onChange, onReset }: ReportFiltersProps) {
  // A chosen program no longer in the records still shows, rather than silently reading "All programs".
  const programChoices = filter.program === ALL || programs.includes(filter.program) ? programs : [...programs, filter.program];
  return (
    <>
      <div className="filter-bar report-filter-controls" role="search" aria-label="Choose what the report covers">
        <div className="filter">
          <label htmlFor="report-from">First day</label>
          <input
            id="report-from"
            type="date"
            value={filter.from}
            max={filter.to || undefined}
            aria-invalid={Boolean(problems.from)}
            aria-describedby={problems.from ? 'report-from-error' : undefined}
            onChange={(event) => onChange({ from: event.target.value })}
          />
          {problems.from && (
            <p id="report-from-error" className="field-error report-field-error">
              {problems.from}
            </p>
          )}
        </div>
        <div className="filter">
          <label htmlFor="report-to">Last day</label>
          <input
            id="report-to"
            type="date"
            value={filter.to}
            min={filter.from || undefined}
            aria-invalid={Boolean(problems.to)}
            aria-describedby={problems.to ? 'report-to-error' : undefined}
            onChange={(event) => onChange({ to: event.target.value })}
          />
          {problems.to && (
            <p id="report-to-error" className="field-error report-field-error">
              {problems.to}
            </p>
          )}
        </div>
        <div className="filter">
          <label htmlFor="report-clinician">Assigned clinician</label>
          <select id="report-clinician" value={filter.clinicianId} onChange={(event) => onChange({ clinicianId: event.target.value })}>
            <option value={ALL}>All clinicians</option>
            {clinicians.map((clinician) => (
              <option key={clinician.id} value={clinician.id}>
                {clinician.displayName}
                {clinician.active ? '' : ' (inactive)'}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="report-program">Program</label>
          <select id="report-program" value={filter.program} onChange={(event) => onChange({ program: event.target.value })}>
            <option value={ALL}>All programs</option>
            {programChoices.map((program) => (
              <option key={program} value={program}>
                {program}
              </option>
            ))}
          </select>
        </div>
        {onReset && (
          <button type="button" className="button-secondary report-reset" onClick={onReset}>
            Last 12 months, everyone
          </button>
        )}
      </div>
      {description && (
        <p className="report-scope">
          <span className="report-scope-label">Covers</span> {description.range} · {description.clinician} · {description.program}
        </p>
      )}
    </>
  );
}
