import type { AssessmentRecord } from '../../../shared/contract/assessments';
import { CRITERIA, DIMENSIONS, type CriterionName } from '../../../shared/rules';
import { formatDate } from '../format/time';
import { formatInstant } from '../workflow/dates';
import { assessmentFieldLabel, capitalize, criterionLabel, levelName, personName, recommendationHeadline } from '../workflow/describe';
import { LevelBadge } from '../components/LevelBadge';

const DIMENSION_SHORT: Readonly<Record<(typeof DIMENSIONS)[number], string>> = {
  withdrawal: 'Withdrawal',
  biomedical: 'Physical health',
  psychiatric: 'Mental health',
  readiness: 'Readiness',
  relapse: 'Relapse',
  environment: 'Environment',
};

/** Every assessment, the latest first; amended versions stay, marked, so the record reads as it was made. */
export function ReviewAssessments({ assessments }: { readonly assessments: readonly AssessmentRecord[] }) {
  if (assessments.length === 0) return <p className="muted">No assessments recorded.</p>;
  const newestFirst = [...assessments].sort((a, b) => compareDesc(a.assessedOn, b.assessedOn) || compareDesc(a.createdAt, b.createdAt));
  const dateOf = (id: string | null) => {
    const other = assessments.find((record) => record.id === id);
    return other ? formatDate(other.assessedOn) : 'an earlier date';
  };
  const latest = newestFirst.find((record) => record.amendedById === null);
  return (
    <>
      {newestFirst.map((record) => (
        <AssessmentBlock
          key={record.id}
          record={record}
          latest={record === latest}
          amends={record.amendsId ? dateOf(record.amendsId) : null}
          amendedBy={record.amendedById ? dateOf(record.amendedById) : null}
        />
      ))}
    </>
  );
}

interface BlockProps {
  readonly record: AssessmentRecord;
  readonly latest: boolean;
  readonly amends: string | null;
  readonly amendedBy: string | null;
}

function AssessmentBlock({ record, latest, amends, amendedBy }: BlockProps) {
  const { assessment, recommendation } = record;
  const answered = (value: boolean) => CRITERIA.filter((name) => assessment.criteria?.[name] === value);
  const unknown = CRITERIA.filter((name) => assessment.criteria?.[name] === undefined);
  const current = assessment.currentLevel === 'none' ? 'not in care' : levelName(assessment.currentLevel);
  return (
    <section
      className={`print-block review-assessment${amendedBy ? ' review-superseded' : ''}`}
      aria-label={`Assessment of ${formatDate(record.assessedOn)}`}
    >
      <h3>
        {formatDate(record.assessedOn)} · <LevelBadge level={recommendation.level} />{' '}
        {recommendationHeadline(recommendation.transition, recommendation.level)}
        {latest && <span className="review-tag">Latest</span>}
        {amendedBy && <span className="review-tag">Amended {amendedBy}</span>}
      </h3>
      <p className="review-meta">
        Assessed by {personName(record.assessor)}, recorded {formatInstant(record.createdAt)}; level at the time: {current}
        {amends ? `; amends the assessment of ${amends}` : ''}.
      </p>
      {recommendation.reasons.length > 0 && (
        <>
          <p className="review-label">Why, in the rules' words:</p>
          <ul className="review-reasons">
            {recommendation.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
      {recommendation.warnings.length > 0 && (
        <ul className="review-reasons review-warnings" aria-label="Warnings">
          {recommendation.warnings.map((warning) => (
            <li key={warning}>Watch: {warning}</li>
          ))}
        </ul>
      )}
      {recommendation.missing.length > 0 && (
        <p>
          <span className="review-label">Still unknown:</span> {recommendation.missing.map(assessmentFieldLabel).join('; ')}.
        </p>
      )}
      <table className="print-table review-ratings">
        <caption className="visually-hidden">Severity and risk ratings, 0 (none) to 4 (severe)</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            {DIMENSIONS.map((name) => (
              <th scope="col" key={name}>
                {DIMENSION_SHORT[name]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{assessment.severity ? capitalize(assessment.severity) : '—'}</td>
            {DIMENSIONS.map((name) => (
              <td key={name}>{assessment.dimensions?.[name] ?? '—'}</td>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="review-criteria">
        <CriteriaLine label="Yes" names={answered(true)} />
        <CriteriaLine label="No" names={answered(false)} />
        <CriteriaLine label="Unknown" names={unknown} />
      </p>
      {record.note && (
        <p>
          <span className="review-label">Note:</span> {record.note}
        </p>
      )}
      <p className="review-detail">
        Rules: <span className="mono">{recommendation.ruleIds.length > 0 ? recommendation.ruleIds.join(', ') : 'none fired'}</span> · ruleset{' '}
        {recommendation.rulesetVersion}
        {assessment.weeklyTreatmentHours !== undefined ? ` · ${assessment.weeklyTreatmentHours} treatment hours last week` : ''}
      </p>
    </section>
  );
}

function CriteriaLine({ label, names }: { readonly label: string; readonly names: readonly CriterionName[] }) {
  if (names.length === 0) return null;
  return (
    <span className="review-criteria-line">
      <span className="review-label">{label}:</span> {names.map(criterionLabel).join('; ')}.
    </span>
  );
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
