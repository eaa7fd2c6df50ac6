import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import { useMemo } from 'react';
import { LEVEL_SHORT_LABELS, type Level } from '../../../shared/domain/levels';
import { Chart } from './Chart';
import { ChartFrame } from './ChartFrame';
import { ChartLegend, type LegendEntry } from './ChartLegend';
import type { ChartOption } from './echarts';
import { FLOW_TARGETS, flowTargetLabel, transitionCounts, type FlowTarget, type TransitionCount } from './flowModel';
import { CHART_FONT, DISCHARGED_COLOR, LEVEL_COLORS, LEVELS_BY_INTENSITY, TEXT_COLOR } from './levelStyle';
import { TOOLTIP_BASE, tooltipContent } from './tooltip';

const LEGEND: readonly LegendEntry[] = [
  ...LEVELS_BY_INTENSITY.map((level): LegendEntry => ({ label: LEVEL_SHORT_LABELS[level], mark: { kind: 'level', level } })),
  { label: 'Discharged', mark: { kind: 'discharged' } },
];

const FLOW_HEIGHT = 320;

const fromId = (level: Level) => `from:${level}`;
const toId = (target: FlowTarget) => `to:${target}`;
const colorOf = (target: FlowTarget) => (target === 'discharged' ? DISCHARGED_COLOR : LEVEL_COLORS[target]);
const percent = (share: number) => `${Math.round(share * 100)}%`;
const moves = (count: number) => `${count} move${count === 1 ? '' : 's'}`;

/**
 * How the caseload moved between levels: levels people left on the left, where they went on the right. Drawing
 * "from" and "to" as separate columns keeps the diagram acyclic, so returns to the same level after a gap
 * (inpatient -> inpatient) and step-ups back (IOP -> inpatient) are drawn too.
 */
export function CaseloadFlowChart({ transitions }: { readonly transitions: Readonly<Record<string, number>> }) {
  const rows = useMemo(() => transitionCounts(transitions), [transitions]);
  const option = useMemo(() => flowOption(rows), [rows]);
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const sameLevel = rows.filter((row) => row.from === row.to).reduce((sum, row) => sum + row.count, 0);
  const largest = [...rows].sort((a, b) => b.count - a.count)[0];
  return (
    <ChartFrame
      name="caseload-flow"
      title="Caseload flow between levels"
      caption={
        <>
          Every move from one episode to the next, and every discharge after a case&apos;s last episode: band width is the number of moves.
          {sameLevel > 0 && ` ${moves(sameLevel)} returned to the same level after a gap (drawn from a level to itself).`}
        </>
      }
      chartLabel={`Caseload flow between levels: ${moves(total)}${largest ? `; the largest is ${flowTargetLabel(largest.from)} to ${flowTargetLabel(largest.to)}, ${largest.count}` : ''}.`}
      legend={<ChartLegend entries={LEGEND} label="Flow legend" />}
      table={<FlowTable rows={rows} total={total} />}
      printTable
    >
      {total === 0 ? (
        <p className="chart-empty">No moves between levels or discharges in this range.</p>
      ) : (
        <>
          <div className="flow-columns" aria-hidden="true">
            <span>Moved from</span>
            <span>Moved to</span>
          </div>
          <Chart option={option} height={FLOW_HEIGHT} />
        </>
      )}
    </ChartFrame>
  );
}

function flowOption(rows: readonly TransitionCount[]): ChartOption {
  const outOf = (level: Level) => rows.filter((row) => row.from === level).reduce((sum, row) => sum + row.count, 0);
  const into = (target: FlowTarget) => rows.filter((row) => row.to === target).reduce((sum, row) => sum + row.count, 0);
  const sources = LEVELS_BY_INTENSITY.filter((level) => outOf(level) > 0);
  const targets = FLOW_TARGETS.filter((target) => into(target) > 0);
  const label = (text: string, position: 'left' | 'right') => ({
    formatter: text,
    position,
    fontSize: 13,
    color: TEXT_COLOR,
    fontFamily: CHART_FONT,
    lineHeight: 17,
  });
  return {
    animation: false,
    tooltip: {
      ...TOOLTIP_BASE,
      trigger: 'item',
      formatter: (params: TooltipComponentFormatterCallbackParams) => {
        const item = Array.isArray(params) ? params[0] : params;
        const data: unknown = item?.data;
        if (!item || typeof data !== 'object' || data === null) return '';
        if (item.dataType === 'edge') {
          const row = rows.find(
            (candidate) => 'source' in data && 'target' in data && data.source === fromId(candidate.from) && data.target === toId(candidate.to),
          );
          return row
            ? tooltipContent(`${flowTargetLabel(row.from)} → ${flowTargetLabel(row.to)}`, [
                `${moves(row.count)}`,
                `${percent(row.shareOfFrom)} of moves out of ${flowTargetLabel(row.from)}`,
              ])
            : '';
        }
        const name = 'name' in data && typeof data.name === 'string' ? data.name : '';
        const [side, key] = name.split(':') as [string, FlowTarget];
        return side === 'from'
          ? tooltipContent(`Out of ${flowTargetLabel(key)}`, [moves(outOf(key as Level))])
          : tooltipContent(key === 'discharged' ? 'Discharged' : `Into ${flowTargetLabel(key)}`, [moves(into(key))]);
      },
    },
    series: [
      {
        type: 'sankey',
        left: 120,
        right: 150,
        top: 8,
        bottom: 8,
        nodeWidth: 16,
        nodeGap: 16,
        layoutIterations: 0,
        draggable: false,
        emphasis: { focus: 'adjacency' },
        data: [
          ...sources.map((level) => ({
            name: fromId(level),
            depth: 0,
            itemStyle: { color: LEVEL_COLORS[level], borderColor: LEVEL_COLORS[level] },
            label: label(`${LEVEL_SHORT_LABELS[level]}\n${moves(outOf(level))} out`, 'left'),
          })),
          ...targets.map((target) => ({
            name: toId(target),
            depth: 1,
            itemStyle: { color: colorOf(target), borderColor: colorOf(target) },
            label: label(`${flowTargetLabel(target)}\n${target === 'discharged' ? moves(into(target)) : `${moves(into(target))} in`}`, 'right'),
          })),
        ],
        links: rows.map((row) => ({
          source: fromId(row.from),
          target: toId(row.to),
          value: row.count,
          lineStyle: { color: colorOf(row.from), opacity: 0.35 },
        })),
      },
    ],
  };
}

function FlowTable({ rows, total }: { readonly rows: readonly TransitionCount[]; readonly total: number }) {
  if (rows.length === 0) return <p>No moves between levels or discharges in this range.</p>;
  return (
    <table className="chart-data-table">
      <caption>Moves between levels and discharges ({moves(total)})</caption>
      <thead>
        <tr>
          <th scope="col">From</th>
          <th scope="col">To</th>
          <th scope="col" className="num">
            Moves
          </th>
          <th scope="col" className="num">
            Share of moves out
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.from}->${row.to}`}>
            <th scope="row">{flowTargetLabel(row.from)}</th>
            <td>
              {flowTargetLabel(row.to)}
              {row.from === row.to && <span className="muted"> (again, after a gap)</span>}
            </td>
            <td className="num">{row.count}</td>
            <td className="num">{percent(row.shareOfFrom)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
