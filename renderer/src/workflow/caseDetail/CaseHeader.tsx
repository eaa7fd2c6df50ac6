import type { CaseSummary } from '../../../../shared/contract/cases';
import { LevelBadge } from '../../components/LevelBadge';
import { formatAge, formatDate } from '../../format/time';
import { useSession } from '../../navigation';
import { daysAtLevel, relativeDay } from '../dates';
import { capitalize, levelName, movementLabel } from '../describe';

interface Props {
  readonly summary: CaseSummary;
  readonly today: string;
  readonly canAssess: boolean;
}

export function CaseHeader({ summary, today, canAssess }: Props) {
  const session = useSession();
  return (
    <header className="case-header">
      <div className="case-heading">
        <button type="button" className="wf-link wf-back" onClick={() => session.navigate({ page: 'caseload' })}>
          ← Caseload
        </button>
        <h1 id="case-title">
          {summary.fullName}
          {summary.synthetic && (
            <span className="demo-tag" title="Synthetic demo record, not a real patient">
              DEMO
            </span>
          )}
        </h1>
        <dl className="case-facts">
          <div>
            <dt>MRN</dt>
            <dd className="mono">{summary.mrn}</dd>
          </div>
          <div>
            <dt>Age</dt>
            <dd>
              {formatAge(summary.dateOfBirth, today)} <span className="muted">(born {formatDate(summary.dateOfBirth)})</span>
            </dd>
          </div>
          <div>
            <dt>Clinician</dt>
            <dd>{summary.clinician?.displayName ?? 'Unassigned'}</dd>
          </div>
          <div>
            <dt>Program</dt>
            <dd>{summary.program ?? '—'}</dd>
          </div>
          <div>
            <dt>Payer</dt>
            <dd>{summary.payer ?? '—'}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>{summary.status === 'active' ? 'Active' : 'Discharged'}</dd>
          </div>
        </dl>
      </div>
      <div className="case-level">
        <p className="case-level-now">
          <span className="muted">Current level</span> <LevelBadge level={summary.level} />{' '}
          {summary.level && summary.levelSince ? (
            <span>
              {daysAtLevel(summary.levelSince, today, summary.level)} <span className="muted">(since {formatDate(summary.levelSince)})</span>
            </span>
          ) : (
            <span className="muted">No approved placement yet</span>
          )}
        </p>
        {summary.plannedLevel && summary.plannedOn && (
          <p className="planned-line">
            <span className="wf-planned">Planned</span> {capitalize(movementLabel(summary.level, summary.plannedLevel))} on{' '}
            {formatDate(summary.plannedOn)} ({relativeDay(summary.plannedOn, today)}).
          </p>
        )}
        {summary.recommendedLevel && summary.mismatch && (
          <p className="muted">The latest assessment recommends {levelName(summary.recommendedLevel)}, not the current level.</p>
        )}
        {canAssess && summary.status === 'active' && (
          <div className="case-actions">
            <button type="button" className="button-primary" onClick={() => session.navigate({ page: 'assess', caseId: summary.id })}>
              New assessment
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
