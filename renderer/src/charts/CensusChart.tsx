import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import { useMemo } from 'react';
import type { MetricsReport } from '../../../shared/contract/reports';
import { LEVEL_SHORT_LABELS, type Level } from '../../../shared/domain/levels';
import { formatDate } from '../format/time';
import { Chart } from './Chart';
import { ChartFrame } from './ChartFrame';
import { ChartLegend, type LegendEntry } from './ChartLegend';
import type { ChartOption } from './echarts';
import { CHART_FONT, GRID_COLOR, LEVEL_COLORS, LEVEL_DECALS, LEVELS_BY_INTENSITY, MUTED_COLOR, TEXT_COLOR } from './levelStyle';
import { TOOLTIP_BASE, tooltipContent } from './tooltip';

type CensusDay = MetricsReport['census'][number];

const CENSUS_HEIGHT = 300;
const LEGEND: readonly LegendEntry[] = LEVELS_BY_INTENSITY.map((level) => ({ label: LEVEL_SHORT_LABELS[level], mark: { kind: 'level', level } }));
/** Stacked from the bottom up, so inpatient, the most intensive, sits on top as in every other list. */
const STACK_ORDER: readonly Level[] = [...LEVELS_BY_INTENSITY].reverse();

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const totalOf = (day: CensusDay) => day.inpatient + day.iop + day.outpatient;

/** People in care on each day (or each week for long ranges), stacked by level. */
export function CensusChart({ census }: { readonly census: readonly CensusDay[] }) {
  const option = useMemo(() => censusOption(census), [census]);
  const weekly = census.length > 1 && census[1] !== undefined && census[0] !== undefined && dayMs(census[1].day) - dayMs(census[0].day) > 86_400_000;
  const peak = census.reduce<CensusDay | null>((best, day) => (best === null || totalOf(day) > totalOf(best) ? day : best), null);
  const last = census[census.length - 1];
  return (
    <ChartFrame
      name="census"
      title="Census over time"
      caption={`People in care at each level, ${weekly ? 'counted once a week' : 'day by day'}: an episode counts from its start day up to the day before it ends; the top edge is everyone in care.`}
      chartLabel={`Census over time, stacked by level${peak ? `: highest ${totalOf(peak)} people on ${formatDate(peak.day)}` : ''}${last ? `; ${totalOf(last)} on ${formatDate(last.day)}` : ''}.`}
      legend={<ChartLegend entries={LEGEND} label="Census legend" />}
      table={<CensusTable census={census} weekly={weekly} />}
    >
      {census.length === 0 ? <p className="chart-empty">No days in this range.</p> : <Chart option={option} height={CENSUS_HEIGHT} />}
    </ChartFrame>
  );
}

function censusOption(census: readonly CensusDay[]): ChartOption {
  return {
    animation: false,
    useUTC: true,
    textStyle: { fontFamily: CHART_FONT, color: TEXT_COLOR },
    grid: { top: 16, bottom: 30, left: 48, right: 104 },
    tooltip: {
      ...TOOLTIP_BASE,
      trigger: 'axis',
      axisPointer: { type: 'line', lineStyle: { color: MUTED_COLOR } },
      formatter: (params: TooltipComponentFormatterCallbackParams) => {
        const first = Array.isArray(params) ? params[0] : params;
        const day = first ? census[first.dataIndex] : undefined;
        if (!day) return '';
        return tooltipContent(formatDate(day.day), [
          ...LEVELS_BY_INTENSITY.map((level) => `${LEVEL_SHORT_LABELS[level]}: ${day[level]}`),
          `In care: ${totalOf(day)}`,
        ]);
      },
    },
    xAxis: {
      type: 'time',
      axisLabel: { color: TEXT_COLOR, fontSize: 12, hideOverlap: true },
      axisLine: { lineStyle: { color: MUTED_COLOR } },
    },
    yAxis: {
      type: 'value',
      name: 'People',
      nameTextStyle: { color: MUTED_COLOR, fontSize: 12, align: 'right' },
      minInterval: 1,
      axisLabel: { color: TEXT_COLOR, fontSize: 12 },
      splitLine: { lineStyle: { color: GRID_COLOR } },
    },
    series: STACK_ORDER.map((level) => ({
      type: 'line',
      name: LEVEL_SHORT_LABELS[level],
      stack: 'census',
      step: 'end',
      symbol: 'none',
      data: census.map((day) => [dayMs(day.day), day[level]]),
      lineStyle: { color: LEVEL_COLORS[level], width: 1.5 },
      itemStyle: { color: LEVEL_COLORS[level], decal: LEVEL_DECALS[level] },
      areaStyle: { color: LEVEL_COLORS[level], opacity: 0.85 },
      endLabel: { show: true, formatter: '{a}', color: LEVEL_COLORS[level], fontSize: 13, fontWeight: 600, distance: 6 },
      labelLayout: { hideOverlap: true },
      emphasis: { disabled: true },
    })),
  };
}

function CensusTable({ census, weekly }: { readonly census: readonly CensusDay[]; readonly weekly: boolean }) {
  if (census.length === 0) return <p>No days in this range.</p>;
  return (
    <table className="chart-data-table">
      <caption>People in care per level, {weekly ? 'counted once a week' : 'each day'}</caption>
      <thead>
        <tr>
          <th scope="col">{weekly ? 'Week from' : 'Day'}</th>
          {LEVELS_BY_INTENSITY.map((level) => (
            <th key={level} scope="col" className="num">
              {LEVEL_SHORT_LABELS[level]}
            </th>
          ))}
          <th scope="col" className="num">
            In care
          </th>
        </tr>
      </thead>
      <tbody>
        {census.map((day) => (
          <tr key={day.day}>
            <th scope="row" className="nowrap">
              {formatDate(day.day)}
            </th>
            {LEVELS_BY_INTENSITY.map((level) => (
              <td key={level} className="num">
                {day[level]}
              </td>
            ))}
            <td className="num">{totalOf(day)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
