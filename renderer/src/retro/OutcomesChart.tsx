import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import { useMemo } from 'react';
import type { RetroReport } from '../../../shared/contract/retro';
import { Chart } from '../charts/Chart';
import { ChartFrame } from '../charts/ChartFrame';
import type { ChartOption } from '../charts/echarts';
import { CHART_FONT, GRID_COLOR, MUTED_COLOR, TEXT_COLOR } from '../charts/levelStyle';
import { TOOLTIP_BASE, tooltipContent } from '../charts/tooltip';
import {
  formatCount,
  formatShare,
  outcomeMatrix,
  reasonLabel,
  recordsCount,
  settingShortLabel,
  shareOf,
  type OutcomeMatrix,
  type ReasonKey,
} from './retroModel';
import { reasonColor, reasonDecal, reasonSwatchClass, reasonTextColor, settingWithDots } from './retroStyle';

const ROW_HEIGHT = 34;
/** A segment this wide or wider carries its share as text. */
const LABEL_FROM = 0.06;

/** Reasons for discharge per discharge setting, each bar the whole of that setting's discharges. */
export function OutcomesChart({ report }: { readonly report: RetroReport }) {
  const matrix = useMemo(() => outcomeMatrix(report), [report]);
  const option = useMemo(() => outcomesOption(matrix), [matrix]);
  const completed = matrix.totals.get(1) ?? 0;
  return (
    <ChartFrame
      name="retro-outcomes"
      title="Reason for discharge by discharge setting"
      caption={
        <>
          Each bar is all the records discharged from one setting (n beside its name), split by the reason the episode ended (TEDS REASON); the share
          is printed on every part wide enough to hold it.
        </>
      }
      chartLabel={`Reason for discharge by discharge setting: ${recordsCount(matrix.total)}; ${formatCount(completed)} (${formatShare(
        shareOf(completed, matrix.total),
      )}) completed treatment.`}
      legend={<ReasonLegend reasons={matrix.reasons} />}
      table={<OutcomesTable matrix={matrix} />}
      printTable
    >
      {matrix.total === 0 ? (
        <p className="chart-empty">No record has both a discharge setting and a reason for discharge.</p>
      ) : (
        <Chart option={option} height={matrix.rows.length * ROW_HEIGHT + 48} />
      )}
    </ChartFrame>
  );
}

export function ReasonLegend({ reasons }: { readonly reasons: readonly ReasonKey[] }) {
  return (
    <ul className="chart-legend" aria-label="Reasons for discharge">
      {reasons.map((reason) => (
        <li key={String(reason)}>
          <span aria-hidden="true" className={`legend-swatch ${reasonSwatchClass(reason)}`} />
          {reasonLabel(reason)}
        </li>
      ))}
    </ul>
  );
}

function outcomesOption(matrix: OutcomeMatrix): ChartOption {
  const rows = matrix.rows;
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: TEXT_COLOR },
    grid: { top: 8, bottom: 28, left: 250, right: 24 },
    tooltip: {
      ...TOOLTIP_BASE,
      trigger: 'item',
      formatter: (params: TooltipComponentFormatterCallbackParams) => {
        const item = Array.isArray(params) ? params[0] : params;
        const row = item ? rows[item.dataIndex] : undefined;
        const reason = item ? matrix.reasons[item.seriesIndex ?? -1] : undefined;
        if (!row || reason === undefined) return '';
        const count = row.counts.get(reason) ?? 0;
        return tooltipContent(`${settingShortLabel(row.setting)}: ${reasonLabel(reason)}`, [
          `${recordsCount(count)} of ${formatCount(row.total)}`,
          `${formatShare(shareOf(count, row.total))} of the discharges from this setting`,
        ]);
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      axisLabel: { formatter: '{value}%', color: TEXT_COLOR, fontSize: 12 },
      splitLine: { lineStyle: { color: GRID_COLOR } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((row) => `${settingWithDots(row.setting)}  n = ${formatCount(row.total)}`),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: MUTED_COLOR } },
      axisLabel: { fontSize: 12.5, color: TEXT_COLOR },
    },
    series: matrix.reasons.map((reason) => ({
      type: 'bar',
      stack: 'outcomes',
      name: reasonLabel(reason),
      barWidth: 22,
      data: rows.map((row) => {
        const share = shareOf(row.counts.get(reason) ?? 0, row.total) ?? 0;
        return { value: share * 100, share };
      }),
      itemStyle: { color: reasonColor(reason), decal: reasonDecal(reason), borderColor: '#ffffff', borderWidth: 0.5 },
      label: {
        show: true,
        color: reasonTextColor(reason),
        fontSize: 11.5,
        fontWeight: 600,
        formatter: (params: { data?: unknown }) => {
          const data = params.data;
          const share = typeof data === 'object' && data !== null && 'share' in data && typeof data.share === 'number' ? data.share : 0;
          return share >= LABEL_FROM ? formatShare(share) : '';
        },
      },
      emphasis: { disabled: true },
    })),
  };
}

function OutcomesTable({ matrix }: { readonly matrix: OutcomeMatrix }) {
  if (matrix.total === 0) return <p>No record has both a discharge setting and a reason for discharge.</p>;
  const cell = (count: number, total: number) =>
    count === 0 ? (
      <>
        <span className="retro-zero">0</span> <span className="retro-share" />
      </>
    ) : (
      <>
        {formatCount(count)} <span className="retro-share">{formatShare(shareOf(count, total))}</span>
      </>
    );
  return (
    <table className="chart-data-table retro-outcomes-table">
      <caption>Reason for discharge by discharge setting: records and share of the setting&apos;s discharges</caption>
      <thead>
        <tr>
          <th scope="col">Discharge setting</th>
          <th scope="col" className="num">
            Records
          </th>
          {matrix.reasons.map((reason) => (
            <th key={String(reason)} scope="col" className="num">
              {reasonLabel(reason)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.rows.map((row) => (
          <tr key={String(row.setting)}>
            <th scope="row">{settingShortLabel(row.setting)}</th>
            <td className="num">{formatCount(row.total)}</td>
            {matrix.reasons.map((reason) => (
              <td key={String(reason)} className="num">
                {cell(row.counts.get(reason) ?? 0, row.total)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All discharge settings</th>
          <td className="num">{formatCount(matrix.total)}</td>
          {matrix.reasons.map((reason) => (
            <td key={String(reason)} className="num">
              {cell(matrix.totals.get(reason) ?? 0, matrix.total)}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}
