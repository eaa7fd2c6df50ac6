import type { MetricsReport } from '../../../shared/contract/reports';
import { LevelBadge } from '../components/LevelBadge';
import { LEVELS_BY_INTENSITY } from '../charts/levelStyle';
import { count, percent, varianceLabel } from './reportWording';

/** The report's key figures, each with what it counts in plain words (definitions: docs/METRICS.md). */
export function HeadlineFigures({ report }: { readonly report: MetricsReport }) {
  const { continuityAfterInpatient: continuity, returnToHigherWithin30: returns, concordance, variances } = report;
  const reasons = variances.byReason.filter((row) => row.count > 0);
  return (
    <section className="report-figures" aria-labelledby="report-figures-title">
      <h2 id="report-figures-title">Headline figures</h2>
      <dl className="figure-grid">
        <div className="figure">
          <dt>Cases in care</dt>
          <dd>
            <strong className="figure-value">{report.cases}</strong>
            <span className="figure-note">with {count(report.episodes, 'episode')} of care overlapping the range.</span>
          </dd>
        </div>
        <div className="figure">
          <dt>Continuity after inpatient care</dt>
          <dd>
            <strong className="figure-value">{percent(continuity.within7)}</strong> within 7 days ·{' '}
            <strong className="figure-value">{percent(continuity.within30)}</strong> within 30 days
            <span className="figure-note">
              {continuity.n === 0
                ? 'No inpatient stay ended in the range.'
                : `Of ${count(continuity.n, 'inpatient stay')} that ended (deaths left out), the share followed by IOP or outpatient care.`}
            </span>
          </dd>
        </div>
        <div className="figure">
          <dt>Return to a higher level within 30 days</dt>
          <dd>
            <strong className="figure-value">{percent(returns.rate)}</strong>
            <span className="figure-note">
              {returns.n === 0
                ? 'No step-down to IOP or outpatient care in the range.'
                : `Of ${count(returns.n, 'step-down')} (a lower level starting within 7 days of a higher one ending), the share stepped back up within 30 days.`}
            </span>
          </dd>
        </div>
        <div className="figure">
          <dt>Dropout rate</dt>
          <dd>
            <ul className="figure-levels">
              {LEVELS_BY_INTENSITY.map((level) => {
                const ended = report.lengthOfStay[level]?.n ?? 0;
                return (
                  <li key={level}>
                    <LevelBadge level={level} /> <strong>{percent(report.dropoutRate[level])}</strong>{' '}
                    <span className="muted">{ended === 0 ? 'none ended' : `of ${ended} ended`}</span>
                  </li>
                );
              })}
            </ul>
            <span className="figure-note">Episodes that ended with the person dropping out, of all that ended at that level.</span>
          </dd>
        </div>
        <div className="figure">
          <dt>Placed as the rules recommended</dt>
          <dd>
            <strong className="figure-value">
              {concordance.share === null ? '—' : `${percent(concordance.share)} (${concordance.placedAsRecommended} of ${concordance.eligible})`}
            </strong>
            <span className="figure-note">
              {concordance.eligible === 0
                ? 'No approved decision with a recommendation in the range.'
                : 'Approved, current decisions that placed the person at the level the rules recommended.'}
            </span>
          </dd>
        </div>
        <div className="figure">
          <dt>Variance reasons</dt>
          <dd>
            {variances.variances === 0 ? (
              <span className="figure-note">No approved decision departed from the rules.</span>
            ) : (
              <>
                <ul className="figure-reasons">
                  {reasons.map((row) => (
                    <li key={row.reason}>
                      {varianceLabel(row.reason)} <strong>{row.count}</strong>
                    </li>
                  ))}
                  {variances.withoutReason > 0 && (
                    <li>
                      No reason given <strong>{variances.withoutReason}</strong>
                    </li>
                  )}
                </ul>
                <span className="figure-note">{count(variances.variances, 'decision')} placed the person elsewhere than the rules recommended.</span>
              </>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
