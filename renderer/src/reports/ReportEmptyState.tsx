import type { FilterDescription } from './reportFilter';

interface ReportEmptyStateProps {
  readonly description: FilterDescription | null;
  readonly databaseEmpty: boolean;
  readonly filtered: boolean;
  readonly onWiden: () => void;
  readonly onClearFilters: () => void;
  readonly onOpenCaseload: () => void;
}

/** Says why the report is empty and what to do next. */
export function ReportEmptyState({ description, databaseEmpty, filtered, onWiden, onClearFilters, onOpenCaseload }: ReportEmptyStateProps) {
  if (databaseEmpty) {
    return (
      <div className="empty-state report-empty">
        <h2>No cases yet</h2>
        <p>
          Reports count episodes of care, which start when a placement decision is approved. Add cases on the Caseload screen, or, to try Stepwise
          first, an administrator can load the demo caseload there.
        </p>
        <div className="empty-actions">
          <button type="button" className="button-primary" onClick={onOpenCaseload}>
            Go to the caseload
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="empty-state report-empty">
      <h2>No episodes of care in this range</h2>
      <p>
        No episode of care overlaps {description ? description.range : 'the chosen range'}
        {filtered && description ? ` (${description.clinician}, ${description.program})` : ''}. Widen the date range
        {filtered ? ' or clear the clinician and program' : ''} to include more care.
      </p>
      <div className="empty-actions">
        <button type="button" className="button-primary" onClick={onWiden}>
          Show the last 3 years
        </button>
        {filtered && (
          <button type="button" className="button-secondary" onClick={onClearFilters}>
            Clear clinician and program
          </button>
        )}
      </div>
    </div>
  );
}
