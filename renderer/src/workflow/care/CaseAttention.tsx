import type { CaseSummary } from '../../../../shared/contract/cases';
import { IOP_MINIMUM_WEEKLY_HOURS } from '../../../../shared/domain/attendance';
import { formatShortDate } from '../../components/levelTime';
import { formatDate } from '../../format/time';
import { AttentionMarker } from './AttentionMarker';
import { authorizationProblem, describeReviewDue, formatHours } from './careText';

interface Props {
  readonly row: CaseSummary;
  readonly today: string;
}

/** Caseload cells: "Dec 3 in 4 days" or the overdue marker for the continued-stay review. */
export function NextReview({ row, today }: Props) {
  const review = describeReviewDue(row, today);
  if (!review || row.nextReviewDue === null) return <span className="muted">—</span>;
  return (
    <span title={review.text}>
      {formatShortDate(row.nextReviewDue, today)}
      <span className="review-relative">
        {review.overdue ? <AttentionMarker>{review.short}</AttentionMarker> : <span className="muted">{review.short}</span>}
      </span>
    </span>
  );
}

/** IOP hours last week (at IOP only) and payer authorization problems, each in words with a marker. */
export function CaseAttention({ row, today }: Props) {
  const authorization = authorizationProblem(row, today, 'short');
  const hours = row.level === 'iop' && row.iopHoursLastWeek !== null ? row.iopHoursLastWeek : null;
  if (hours === null && authorization === null) return null;
  return (
    <>
      {hours !== null &&
        (row.iopBelowIntensity ? (
          <AttentionMarker title={`Below the ${IOP_MINIMUM_WEEKLY_HOURS}-hour IOP minimum in the last complete week`}>
            IOP {formatHours(hours)} last week
          </AttentionMarker>
        ) : (
          <span className="muted">IOP {formatHours(hours)} last week</span>
        ))}
      {authorization && (
        <AttentionMarker title={row.authorizationEndsOn ? `Authorized until ${formatDate(row.authorizationEndsOn)}` : undefined}>
          {authorization}
        </AttentionMarker>
      )}
    </>
  );
}
