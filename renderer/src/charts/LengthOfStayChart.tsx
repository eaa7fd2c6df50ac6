import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import { useMemo } from 'react';
import type { MetricsReport } from '../../../shared/contract/reports';
import { LEVEL_SHORT_LABELS, type Level } from '../../../shared/domain/levels';
import { Chart } from './Chart';
import { ChartFrame } from './ChartFrame';
import { ChartLegend, type LegendEntry } from './ChartLegend';
import type { ChartOption } from './echarts';
import { CHART_FONT, GRID_COLOR, LEVEL_COLORS, LEVEL_TINTS, LEVELS_BY_INTENSITY, MUTED_COLOR, TEXT_COLOR } from './levelStyle';
import { TOOLTIP_BASE, tooltipContent } from './tooltip';

type LengthOfStay = MetricsReport['lengthOfStay'];
type StaySummary = NonNullable<LengthOfStay[Level]>;

const LOS_HEIGHT = 300;
const LEGEND: readonly LegendEntry[] = LEVELS_BY_INTENSITY.map((level) => ({ label: LEVEL_SHORT_LABELS[level], mark: { kind: 'level', level } }));

/** Days are whole numbers; quartiles may fall between two stays. */
const formatNumber = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
const formatDays = (days: number) => `${formatNumber(days)} day${days === 1 ? '' : 's'}`;
const stays = (n: number) => `${n} closed stay${n === 1 ? '' : 's'}`;

/** Length of closed stays per level: box from the 25th to the 75th percentile, median line, whiskers to the shortest and longest. */
export function LengthOfStayChart({ lengthOfStay }: { readonly lengthOfStay: LengthOfStay }) {
  const option = useMemo(() => lengthOfStayOption(lengthOfStay), [lengthOfStay]);
  const described = LEVELS_BY_INTENSITY.flatMap((level) => {
    const summary = lengthOfStay[level];
    return summary ? [`${LEVEL_SHORT_LABELS[level]} median ${formatDays(summary.median)} (${stays(summary.n)})`] : [];
  });
  return (
    <ChartFrame
      name="length-of-stay"
      title="Length of stay per level"
      caption="Days from start to end of episodes that ended: the box holds the middle half of stays, the line in it is the median, the whiskers reach the shortest and longest."
      chartLabel={`Length of stay per level: ${described.length > 0 ? described.join('; ') : 'no closed stays'}.`}
      legend={<ChartLegend entries={LEGEND} label="Length of stay legend" />}
      table={<LengthOfStayTable lengthOfStay={lengthOfStay} />}
      printTable
    >
      {described.length === 0 ? (
        <p className="chart-empty">No episode ended in this range, so there is no length of stay yet.</p>
      ) : (
        <Chart option={option} height={LOS_HEIGHT} />
      )}
    </ChartFrame>
  );
}

function axisLabel(level: Level, summary: StaySummary | undefined): string {
  return `${LEVEL_SHORT_LABELS[level]}\n${summary ? `n = ${summary.n}` : 'none ended'}`;
}

function lengthOfStayOption(lengthOfStay: LengthOfStay): ChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: TEXT_COLOR },
    grid: { top: 28, bottom: 44, left: 56, right: 16 },
    tooltip: {
      ...TOOLTIP_BASE,
      trigger: 'item',
      formatter: (params: TooltipComponentFormatterCallbackParams) => {
        const item = Array.isArray(params) ? params[0] : params;
        const level = item ? LEVELS_BY_INTENSITY[item.dataIndex] : undefined;
        const summary = level ? lengthOfStay[level] : undefined;
        if (!level || !summary) return '';
        return tooltipContent(`${LEVEL_SHORT_LABELS[level]}: ${stays(summary.n)}`, [
          `Median ${formatDays(summary.median)}`,
          `Middle half ${formatDays(summary.p25)} to ${formatDays(summary.p75)}`,
          `Shortest ${formatDays(summary.min)}, longest ${formatDays(summary.max)}`,
        ]);
      },
    },
    xAxis: {
      type: 'category',
      data: LEVELS_BY_INTENSITY.map((level) => axisLabel(level, lengthOfStay[level])),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: MUTED_COLOR } },
      axisLabel: {
        fontSize: 13,
        lineHeight: 18,
        color: (_value?: string | number, index?: number) => LEVEL_COLORS[LEVELS_BY_INTENSITY[index ?? 0] ?? 'inpatient'],
      },
    },
    yAxis: {
      type: 'value',
      name: 'Days',
      min: 0,
      nameTextStyle: { color: MUTED_COLOR, fontSize: 12, align: 'right' },
      axisLabel: { color: TEXT_COLOR, fontSize: 12 },
      splitLine: { lineStyle: { color: GRID_COLOR } },
    },
    series: [
      {
        type: 'boxplot',
        boxWidth: [28, 72],
        data: LEVELS_BY_INTENSITY.map((level) => {
          const summary = lengthOfStay[level];
          return {
            value: summary ? [summary.min, summary.p25, summary.median, summary.p75, summary.max] : [],
            itemStyle: { color: LEVEL_TINTS[level], borderColor: LEVEL_COLORS[level], borderWidth: 2 },
          };
        }),
        emphasis: { disabled: true },
      },
    ],
  };
}

function LengthOfStayTable({ lengthOfStay }: { readonly lengthOfStay: LengthOfStay }) {
  return (
    <table className="chart-data-table">
      <caption>Length of stay in days, episodes that ended</caption>
      <thead>
        <tr>
          <th scope="col">Level</th>
          <th scope="col" className="num">
            Stays ended (n)
          </th>
          <th scope="col" className="num">
            Shortest
          </th>
          <th scope="col" className="num">
            25th percentile
          </th>
          <th scope="col" className="num">
            Median
          </th>
          <th scope="col" className="num">
            75th percentile
          </th>
          <th scope="col" className="num">
            Longest
          </th>
        </tr>
      </thead>
      <tbody>
        {LEVELS_BY_INTENSITY.map((level) => {
          const summary = lengthOfStay[level];
          return (
            <tr key={level}>
              <th scope="row">{LEVEL_SHORT_LABELS[level]}</th>
              {summary ? (
                [summary.n, summary.min, summary.p25, summary.median, summary.p75, summary.max].map((value, index) => (
                  <td key={index} className="num">
                    {formatNumber(value)}
                  </td>
                ))
              ) : (
                <td colSpan={6}>No episode at this level ended in the range.</td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
