import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/contract/caseDetail';
import { addDays } from '../../../../shared/domain/dates';
import { IOP_MINIMUM_WEEKLY_HOURS } from '../../../../shared/domain/attendance';
import { AttentionMarker } from './AttentionMarker';
import { formatHours, hoursPhrase, weekLabel } from './careText';

type Week = CaseDetail['weeklyHours'][number];

const RECENT_WEEKS = 8;

/** Hours per week against the 9-hour IOP minimum: a bar for the eye, the numbers and a verdict in words for everyone. */
export function WeeklyHoursTable({ weeks, today }: { readonly weeks: readonly Week[]; readonly today: string }) {
  const [showAll, setShowAll] = useState(false);
  if (weeks.length === 0) return <p className="muted">No weeks at IOP yet.</p>;
  const newestFirst = [...weeks].reverse();
  const shown = showAll ? newestFirst : newestFirst.slice(0, RECENT_WEEKS);
  const scale = Math.max(IOP_MINIMUM_WEEKLY_HOURS + 3, ...weeks.map((week) => Math.ceil(week.hours)));
  const line = (IOP_MINIMUM_WEEKLY_HOURS / scale) * 100;
  return (
    <>
      <table className="workflow-table weekly-hours-table" aria-label="Hours per week against the 9-hour IOP minimum">
        <thead>
          <tr>
            <th scope="col">Week (Monday – Sunday)</th>
            <th scope="col" className="wf-num">
              Hours
            </th>
            <th scope="col" className="hours-bar-header">
              <span aria-hidden="true">Bar from 0 h; dashed line at 9 h</span>
              <span className="visually-hidden">Bar (the hours again, as a picture)</span>
            </th>
            <th scope="col">Against 9 h</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((week) => (
            <tr key={week.weekStart} className={week.belowIntensity ? 'below-intensity' : undefined}>
              <td className="date-cell">{weekLabel(week.weekStart)}</td>
              <td className="wf-num">{formatHours(week.hours)}</td>
              <td className="hours-bar-cell">
                <svg className="hours-bar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect className="hours-bar-track" x="0" y="2" width="100" height="8" />
                  <rect
                    className={week.belowIntensity ? 'hours-bar-fill below' : 'hours-bar-fill'}
                    x="0"
                    y="2"
                    width={Math.min(100, (week.hours / scale) * 100)}
                    height="8"
                  />
                  <line className="hours-bar-line" x1={line} x2={line} y1="0" y2="12" />
                </svg>
              </td>
              <td>
                <WeekVerdict week={week} today={today} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {newestFirst.length > RECENT_WEEKS && (
        <button type="button" className="link-button" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
          {showAll ? `Show the last ${RECENT_WEEKS} weeks only` : `Show all ${newestFirst.length} weeks`}
        </button>
      )}
    </>
  );
}

function WeekVerdict({ week, today }: { readonly week: Week; readonly today: string }) {
  if (week.belowIntensity) {
    return <AttentionMarker>Below 9 h: {hoursPhrase(IOP_MINIMUM_WEEKLY_HOURS - week.hours)} short</AttentionMarker>;
  }
  if (week.fullWeekAtIop) {
    return (
      <span className="meets-intensity">
        <span aria-hidden="true">✓</span> Meets 9 h
      </span>
    );
  }
  const inProgress = week.weekStart <= today && today <= addDays(week.weekStart, 6);
  return <span className="muted">{inProgress ? 'This week, still in progress' : 'Not a full week at IOP: not counted'}</span>;
}
