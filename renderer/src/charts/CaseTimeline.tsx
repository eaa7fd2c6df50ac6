import { useMemo } from 'react';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import { LEVEL_SHORT_LABELS } from '../../../shared/domain/levels';
import { formatDate } from '../format/time';
import { todayIso } from '../workflow/dates';
import { caseTimelineOption, GRID_BOTTOM, GRID_TOP, LANE_HEIGHT } from './caseTimelineOption';
import { buildCaseTimeline, TIMELINE_LANES } from './caseTimelineModel';
import { Chart } from './Chart';
import { ChartFrame } from './ChartFrame';
import { ChartLegend, type LegendEntry } from './ChartLegend';

const LEGEND: readonly LegendEntry[] = [
  { label: 'Inpatient', mark: { kind: 'level', level: 'inpatient' } },
  { label: 'IOP', mark: { kind: 'level', level: 'iop' } },
  { label: 'Outpatient', mark: { kind: 'level', level: 'outpatient' } },
  { label: 'Decision approved', mark: { kind: 'marker', shape: 'approved' } },
  { label: 'Returned for changes', mark: { kind: 'marker', shape: 'returned' } },
  { label: 'Awaiting review', mark: { kind: 'marker', shape: 'pending' } },
  { label: 'Assessment', mark: { kind: 'marker', shape: 'assessment' } },
  { label: 'Discharge', mark: { kind: 'marker', shape: 'discharge' } },
  { label: 'Ongoing', mark: { kind: 'marker', shape: 'ongoing' } },
  { label: 'Payer authorization', mark: { kind: 'marker', shape: 'authorization' } },
  { label: 'Today', mark: { kind: 'marker', shape: 'today' } },
];

/** A case's care over time: a lane per level with its episodes as bars, and decisions, assessments and authorizations as markers. */
export function CaseTimeline({ detail }: { readonly detail: CaseDetail }) {
  const model = useMemo(() => buildCaseTimeline(detail, todayIso()), [detail]);
  const option = useMemo(() => caseTimelineOption(model), [model]);
  const height = TIMELINE_LANES.length * LANE_HEIGHT + GRID_TOP + GRID_BOTTOM;
  const name = detail.summary.fullName;
  const summary =
    model.episodes.length === 0
      ? 'No episodes of care yet.'
      : `${model.episodes.length} episode${model.episodes.length === 1 ? '' : 's'} from ${formatDate(model.episodes[0]?.start ?? model.today)}.`;
  return (
    <ChartFrame
      name="case-timeline"
      title="Timeline"
      headingLevel="h2"
      caption={
        model.episodes.length === 0
          ? 'No episodes of care yet: the first approved placement decision opens one, and it appears here as a bar.'
          : 'Each bar is a stretch of care at one level; markers show assessments, placement decisions and payer authorizations. Point at a marker for details.'
      }
      chartLabel={`Timeline of care for ${name}. ${summary}`}
      legend={<ChartLegend entries={LEGEND} label="Timeline legend" />}
      table={<TimelineTable rows={model.rows} name={name} />}
    >
      <Chart option={option} height={height} />
    </ChartFrame>
  );
}

function TimelineTable({ rows, name }: { readonly rows: ReturnType<typeof buildCaseTimeline>['rows']; readonly name: string }) {
  if (rows.length === 0) return <p>No episodes, decisions, assessments or authorizations recorded yet.</p>;
  return (
    <table className="chart-data-table">
      <caption>Timeline of care for {name}, oldest first</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Event</th>
          <th scope="col">Level</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={`${row.date}-${index}`}>
            <td className="nowrap">{formatDate(row.date)}</td>
            <td>{row.event}</td>
            <td>{row.level ? LEVEL_SHORT_LABELS[row.level] : '—'}</td>
            <td>{row.details}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
