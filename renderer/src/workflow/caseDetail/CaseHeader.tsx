import type { EpisodeRecord } from '../../../../shared/contract/caseDetail';
import type { CaseSummary } from '../../../../shared/contract/cases';
import { IOP_MINIMUM_WEEKLY_HOURS } from '../../../../shared/domain/attendance';
import { DemoTag } from '../../components/DemoTag';
import { LevelBadge } from '../../components/LevelBadge';
import { formatAge, formatDate } from '../../format/time';
import { AttentionMarker, DischargedTag } from '../care/AttentionMarker';
import { authorizationProblem, describeReviewDue, formatHours } from '../care/careText';
import { jumpToSection, SECTION_IDS } from '../care/sections';
import { daysAtLevel, relativeDay } from '../dates';
import { capitalize, EPISODE_END_REASON_LABELS, levelName, movementLabel } from '../describe';

interface Props {
  readonly summary: CaseSummary;
  readonly episodes: readonly EpisodeRecord[];
  readonly today: string;
  readonly canAct: boolean;
  readonly onBack: () => void;
  readonly onAssess: () => void;
  readonly onDischarge: (() => void) | null;
  readonly onEdit: () => void;
}

/** Who the person is, where they are in care now, and what needs attention: the review, IOP hours, the authorization. */
export function CaseHeader({ summary, episodes, today, canAct, onBack, onAssess, onDischarge, onEdit }: Props) {
  const discharged = summary.status === 'discharged';
  return (
    <header className="case-header">
      <div className="case-heading">
        <button type="button" className="wf-link wf-back" onClick={onBack}>
          ← Caseload
        </button>
        <h1 id="case-title">
          {summary.fullName}
          {summary.synthetic && <DemoTag />}
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
            <dd>{discharged ? <DischargedTag /> : 'Active'}</dd>
          </div>
        </dl>
        {canAct && (
          <div className="case-actions">
            <button type="button" className="button-primary" onClick={onAssess}>
              {discharged ? 'Readmit: new assessment' : 'New assessment'} <kbd>N</kbd>
            </button>
            {onDischarge && (
              <button type="button" className="button-secondary" onClick={onDischarge}>
                Record discharge <kbd>D</kbd>
              </button>
            )}
            <button type="button" className="button-secondary" onClick={onEdit}>
              Edit case details <kbd>E</kbd>
            </button>
          </div>
        )}
      </div>
      <div className="case-level">
        {discharged ? <DischargedLine episodes={episodes} /> : <CurrentLevelLine summary={summary} today={today} />}
        {summary.plannedLevel && summary.plannedOn && (
          <p className="planned-line">
            <span className="wf-planned">Planned</span> {capitalize(movementLabel(summary.level, summary.plannedLevel))} on{' '}
            {formatDate(summary.plannedOn)} ({relativeDay(summary.plannedOn, today)}).
          </p>
        )}
        {summary.recommendedLevel && summary.mismatch && (
          <p className="muted">The latest assessment recommends {levelName(summary.recommendedLevel)}, not the current level.</p>
        )}
        <AttentionLines summary={summary} today={today} />
      </div>
    </header>
  );
}

function CurrentLevelLine({ summary, today }: { readonly summary: CaseSummary; readonly today: string }) {
  return (
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
  );
}

/** After a discharge the header says when care ended, from which level and why. */
function DischargedLine({ episodes }: { readonly episodes: readonly EpisodeRecord[] }) {
  const last = [...episodes].filter((episode) => episode.endDate !== null).sort((a, b) => ((a.endDate ?? '') < (b.endDate ?? '') ? 1 : -1))[0];
  return (
    <p className="case-level-now">
      <DischargedTag />{' '}
      {last?.endDate ? (
        <>
          on {formatDate(last.endDate)} from <LevelBadge level={last.level} />
          {last.endReason && <span className="muted"> ({EPISODE_END_REASON_LABELS[last.endReason].toLowerCase()})</span>}
        </>
      ) : (
        <span className="muted">No episode of care recorded</span>
      )}
    </p>
  );
}

function AttentionLines({ summary, today }: { readonly summary: CaseSummary; readonly today: string }) {
  const review = describeReviewDue(summary, today);
  const authorization = authorizationProblem(summary, today);
  return (
    <>
      {review && <p className="review-line">{review.overdue ? <AttentionMarker>{review.text}</AttentionMarker> : review.text}</p>}
      {summary.iopBelowIntensity && summary.iopHoursLastWeek !== null && (
        <p>
          <AttentionMarker>
            IOP hours last week: {formatHours(summary.iopHoursLastWeek)}, below {IOP_MINIMUM_WEEKLY_HOURS} h
          </AttentionMarker>{' '}
          <button type="button" className="wf-link" onClick={() => jumpToSection(SECTION_IDS.attendance)}>
            See attendance
          </button>
        </p>
      )}
      {authorization && (
        <p>
          <AttentionMarker>{authorization}</AttentionMarker>{' '}
          <button type="button" className="wf-link" onClick={() => jumpToSection(SECTION_IDS.authorizations)}>
            See authorizations
          </button>
        </p>
      )}
    </>
  );
}
