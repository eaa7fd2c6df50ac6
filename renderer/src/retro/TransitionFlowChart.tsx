import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import { useId, useMemo, useState } from 'react';
import type { RetroReport } from '../../../shared/contract/retro';
import { LEVEL_SHORT_LABELS } from '../../../shared/domain/levels';
import type { TedsSetting } from '../../../shared/teds/codes';
import { Chart } from '../charts/Chart';
import { ChartFrame } from '../charts/ChartFrame';
import { ChartLegend, type LegendEntry } from '../charts/ChartLegend';
import type { ChartOption } from '../charts/echarts';
import { CHART_FONT, LEVEL_COLORS, LEVELS_BY_INTENSITY, TEXT_COLOR } from '../charts/levelStyle';
import { TOOLTIP_BASE, tooltipContent } from '../charts/tooltip';
import { INTENSITY_DOTS } from '../components/LevelBadge';
import {
  formatCount,
  formatShare,
  recordsCount,
  SETTING_SHORT_LABELS,
  settingLevel,
  sumCounts,
  transitionRows,
  type TransitionRow,
} from './retroModel';

const LEGEND: readonly LegendEntry[] = LEVELS_BY_INTENSITY.map((level) => ({
  label: `${INTENSITY_DOTS[level]} ${LEVEL_SHORT_LABELS[level]} settings`,
  mark: { kind: 'level', level },
}));

const FLOW_HEIGHT = 420;

const admittedId = (setting: TedsSetting) => `admitted:${setting}`;
const dischargedId = (setting: TedsSetting) => `discharged:${setting}`;
/** The level shows as dots beside the name, so a node reads without its colour. */
const nodeName = (setting: TedsSetting) => `${INTENSITY_DOTS[settingLevel(setting)]} ${SETTING_SHORT_LABELS[setting]}`;

/**
 * Admission setting on the left, discharge setting on the right, within each record (TEDS-D holds no other
 * transition). A record discharged from the setting it was admitted to is a band too, usually the widest.
 */
export function TransitionFlowChart({ report }: { readonly report: RetroReport }) {
  const rows = useMemo(() => transitionRows(report), [report]);
  const [changesOnly, setChangesOnly] = useState(false);
  const drawn = useMemo(() => (changesOnly ? rows.filter((row) => row.from !== row.to) : rows), [rows, changesOnly]);
  const option = useMemo(() => flowOption(drawn), [drawn]);
  const labelId = useId();
  const total = sumCounts(rows);
  const same = sumCounts(rows.filter((row) => row.from === row.to));
  const left = Math.max(0, report.dataset.records - total);
  const largestMove = [...rows].filter((row) => row.from !== row.to).sort((a, b) => b.count - a.count)[0];
  return (
    <ChartFrame
      name="retro-flow"
      title="Admission → discharge setting"
      caption={
        <>
          Each band is the records admitted to the setting on the left and discharged from the setting on the right; its width is the number of
          records. {formatCount(same)} of {recordsCount(total)} ({formatShare(total > 0 ? same / total : null)}) were discharged from the setting they
          were admitted to.
          {left > 0 && ` ${recordsCount(left)} without an admission or a discharge setting ${left === 1 ? 'is' : 'are'} not drawn.`} These are moves
          within one record, not a person&apos;s path across records.
        </>
      }
      chartLabel={`Admission to discharge setting: ${recordsCount(total)}, ${formatCount(same)} in the same setting${
        largestMove
          ? `; the largest change is ${SETTING_SHORT_LABELS[largestMove.from]} to ${SETTING_SHORT_LABELS[largestMove.to]}, ${formatCount(largestMove.count)}`
          : ''
      }.`}
      legend={
        <div className="retro-chart-controls">
          <div className="retro-inline-field">
            <span id={labelId} className="retro-control-label">
              Show
            </span>
            <div role="group" aria-labelledby={labelId} className="segmented">
              <button type="button" aria-pressed={!changesOnly} onClick={() => setChangesOnly(false)}>
                All records
              </button>
              <button type="button" aria-pressed={changesOnly} disabled={same === total} onClick={() => setChangesOnly(true)}>
                Only changes of setting ({formatCount(total - same)})
              </button>
            </div>
          </div>
          <ChartLegend entries={LEGEND} label="Flow legend" />
        </div>
      }
      table={<FlowTable rows={rows} total={total} />}
      printTable
    >
      {sumCounts(drawn) === 0 ? (
        <p className="chart-empty">
          {total === 0 ? 'No record has both an admission and a discharge setting.' : 'No record changed setting between admission and discharge.'}
        </p>
      ) : (
        <>
          <div className="flow-columns" aria-hidden="true">
            <span>Admitted to</span>
            <span>Discharged from</span>
          </div>
          <Chart option={option} height={FLOW_HEIGHT} />
        </>
      )}
    </ChartFrame>
  );
}

function flowOption(rows: readonly TransitionRow[]): ChartOption {
  const admitted = (setting: TedsSetting) => sumCounts(rows.filter((row) => row.from === setting));
  const discharged = (setting: TedsSetting) => sumCounts(rows.filter((row) => row.to === setting));
  const settings = [...new Set(rows.flatMap((row) => [row.from, row.to]))].sort((a, b) => a - b);
  const label = (text: string, position: 'left' | 'right') => ({
    formatter: text,
    position,
    fontSize: 12.5,
    color: TEXT_COLOR,
    fontFamily: CHART_FONT,
  });
  const settingOf = (id: string): TedsSetting => Number(id.split(':')[1]) as TedsSetting;
  return {
    animation: false,
    tooltip: {
      ...TOOLTIP_BASE,
      trigger: 'item',
      formatter: (params: TooltipComponentFormatterCallbackParams) => {
        const item = Array.isArray(params) ? params[0] : params;
        const data: unknown = item?.data;
        if (!item || typeof data !== 'object' || data === null) return '';
        if (item.dataType === 'edge' && 'source' in data && 'target' in data) {
          const row = rows.find((candidate) => data.source === admittedId(candidate.from) && data.target === dischargedId(candidate.to));
          return row
            ? tooltipContent(`${SETTING_SHORT_LABELS[row.from]} → ${SETTING_SHORT_LABELS[row.to]}`, [
                recordsCount(row.count),
                `${formatShare(row.shareOfFrom)} of those admitted to ${SETTING_SHORT_LABELS[row.from]}`,
              ])
            : '';
        }
        const name = 'name' in data && typeof data.name === 'string' ? data.name : '';
        const setting = settingOf(name);
        return name.startsWith('admitted')
          ? tooltipContent(`Admitted to ${SETTING_SHORT_LABELS[setting]}`, [recordsCount(admitted(setting))])
          : tooltipContent(`Discharged from ${SETTING_SHORT_LABELS[setting]}`, [recordsCount(discharged(setting))]);
      },
    },
    series: [
      {
        type: 'sankey',
        left: 232,
        right: 232,
        top: 6,
        bottom: 6,
        nodeWidth: 14,
        nodeGap: 14,
        layoutIterations: 0,
        draggable: false,
        emphasis: { focus: 'adjacency' },
        data: [
          ...settings
            .filter((setting) => admitted(setting) > 0)
            .map((setting) => ({
              name: admittedId(setting),
              depth: 0,
              itemStyle: { color: LEVEL_COLORS[settingLevel(setting)], borderColor: LEVEL_COLORS[settingLevel(setting)] },
              label: label(`${nodeName(setting)} · ${formatCount(admitted(setting))}`, 'left'),
            })),
          ...settings
            .filter((setting) => discharged(setting) > 0)
            .map((setting) => ({
              name: dischargedId(setting),
              depth: 1,
              itemStyle: { color: LEVEL_COLORS[settingLevel(setting)], borderColor: LEVEL_COLORS[settingLevel(setting)] },
              label: label(`${nodeName(setting)} · ${formatCount(discharged(setting))}`, 'right'),
            })),
        ],
        links: rows.map((row) => ({
          source: admittedId(row.from),
          target: dischargedId(row.to),
          value: row.count,
          lineStyle: { color: LEVEL_COLORS[settingLevel(row.from)], opacity: row.from === row.to ? 0.28 : 0.5 },
        })),
      },
    ],
  };
}

function FlowTable({ rows, total }: { readonly rows: readonly TransitionRow[]; readonly total: number }) {
  if (rows.length === 0) return <p>No record has both an admission and a discharge setting.</p>;
  return (
    <table className="chart-data-table">
      <caption>Records by admission and discharge setting ({recordsCount(total)})</caption>
      <thead>
        <tr>
          <th scope="col">Admitted to</th>
          <th scope="col">Discharged from</th>
          <th scope="col" className="num">
            Records
          </th>
          <th scope="col" className="num">
            Share of those admitted there
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.from}->${row.to}`}>
            <th scope="row">{SETTING_SHORT_LABELS[row.from]}</th>
            <td>
              {SETTING_SHORT_LABELS[row.to]}
              {row.from === row.to && <span className="muted"> (same setting)</span>}
            </td>
            <td className="num">{formatCount(row.count)}</td>
            <td className="num">{formatShare(row.shareOfFrom)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
