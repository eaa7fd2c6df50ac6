import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import { useId, useMemo, useState } from 'react';
import type { RetroReport } from '../../../shared/contract/retro';
import { LEVEL_SHORT_LABELS, type Level } from '../../../shared/domain/levels';
import { TEDS_LOS_RANGES, type TedsSetting } from '../../../shared/teds/codes';
import { Chart } from '../charts/Chart';
import { ChartFrame } from '../charts/ChartFrame';
import type { ChartOption } from '../charts/echarts';
import {
  CHART_FONT,
  DISCHARGED_COLOR,
  GRID_COLOR,
  LEVEL_COLORS,
  LEVEL_DECALS,
  LEVEL_TINTS,
  LEVELS_BY_INTENSITY,
  MUTED_COLOR,
  TEXT_COLOR,
} from '../charts/levelStyle';
import { TOOLTIP_BASE, tooltipContent } from '../charts/tooltip';
import { INTENSITY_DOTS } from '../components/LevelBadge';
import {
  binLabel,
  binRange,
  binTotal,
  formatCount,
  formatShare,
  hasExactDays,
  recordsCount,
  settingLevel,
  settingShortLabel,
  settingStayTotal,
  shareOf,
  stayCount,
  stayMatrix,
  type StayBin,
  type SettingKey,
  type StayMatrix,
} from './retroModel';

const STAY_HEIGHT = 300;
const ALL = 'all';
type Shown = typeof ALL | SettingKey;
/** The bars are stacked by the level of the discharge setting; records without one are a group of their own. */
type Group = Level | 'none';

/** Stacked from the bottom up, so inpatient sits on top as in every other list. */
const STACK_ORDER: readonly Group[] = ['none', ...[...LEVELS_BY_INTENSITY].reverse()];
const groupOf = (setting: SettingKey): Group => settingLevel(setting) ?? 'none';
const groupLabel = (group: Group) => (group === 'none' ? 'Setting not recorded' : `${LEVEL_SHORT_LABELS[group]} settings`);
const groupColor = (group: Group) => (group === 'none' ? DISCHARGED_COLOR : LEVEL_COLORS[group]);
const groupTint = (group: Group) => (group === 'none' ? '#eceef1' : LEVEL_TINTS[group]);
const parseShown = (value: string): Shown => (value === ALL ? ALL : value === 'null' ? null : (Number(value) as TedsSetting));

/** The codebook's ranges beyond 30 days, as a sentence: "31–45, 46–60, …, 181–365 days and more than a year". */
const CODED_RANGES = Object.values(TEDS_LOS_RANGES)
  .filter((range) => range.min > 30)
  .map((range) => (range.max === null ? `more than ${range.min - 1} days` : `${range.min}–${range.max}`))
  .join(', ');

/** Length of stay as the data holds it: one bar per bin (exact days or a range), "not recorded" as a bar of its own. */
export function StayChart({ report }: { readonly report: RetroReport }) {
  const matrix = useMemo(() => stayMatrix(report), [report]);
  const [shown, setShown] = useState<Shown>(ALL);
  const [withMissing, setWithMissing] = useState(true);
  const selectId = useId();
  const checkboxId = useId();
  const settings = shown === ALL ? matrix.settings : [shown];
  const missingBin = matrix.bins.find((bin) => bin.min === null);
  const missing = missingBin ? binTotal(matrix, missingBin) : 0;
  const bins = useMemo(() => (withMissing ? matrix.bins : matrix.bins.filter((bin) => bin.min !== null)), [matrix, withMissing]);
  const option = useMemo(() => stayOption(matrix, bins, shown), [matrix, bins, shown]);
  const shownTotal = settings.reduce((sum, setting) => sum + settingStayTotal(matrix, setting), 0);
  const groups = [...STACK_ORDER].reverse().filter((group) => settings.some((setting) => groupOf(setting) === group));

  return (
    <ChartFrame
      name="retro-stay"
      title="Length of stay by discharge setting"
      caption={
        <>
          Records per length-of-stay bin, exactly as the file holds them: each bar is a bin of days, not an equal span of time, and a record without a
          length of stay is a bar of its own. {formatCount(missing)} of {recordsCount(matrix.total)} ({formatShare(shareOf(missing, matrix.total))})
          have none.
        </>
      }
      chartLabel={`Length of stay, ${shown === ALL ? 'all discharge settings' : settingShortLabel(shown)}: ${recordsCount(shownTotal)}; ${bins
        .map((bin) => `${binLabel(bin)} ${formatCount(binTotal(matrix, bin, settings))}`)
        .join(', ')}${withMissing || !missingBin ? '' : '; records without a length of stay left out of the picture'}.`}
      legend={
        <div className="retro-chart-controls">
          <div className="retro-inline-field">
            <label htmlFor={selectId}>Discharge setting</label>
            <select id={selectId} value={String(shown)} onChange={(event) => setShown(parseShown(event.target.value))}>
              <option value={ALL}>All settings ({formatCount(matrix.total)})</option>
              {matrix.settings.map((setting) => (
                <option key={String(setting)} value={String(setting)}>
                  {settingShortLabel(setting)} ({formatCount(settingStayTotal(matrix, setting))})
                </option>
              ))}
            </select>
          </div>
          {missingBin && (
            <div className="retro-inline-field">
              <input id={checkboxId} type="checkbox" checked={withMissing} onChange={(event) => setWithMissing(event.target.checked)} />
              <label htmlFor={checkboxId} className="retro-checkbox-label">
                Include &ldquo;Not recorded&rdquo; ({formatCount(missing)})
              </label>
            </div>
          )}
          <ul className="chart-legend" aria-label="Length of stay legend">
            {groups.map((group) => (
              <li key={group}>
                <span aria-hidden="true" className={`legend-swatch ${group === 'none' ? 'swatch-discharged' : `swatch-${group}`}`} />
                {group === 'none' ? '○○○' : INTENSITY_DOTS[group]} {groupLabel(group)}
              </li>
            ))}
            {withMissing && missingBin && (
              <li>
                <span aria-hidden="true" className="legend-swatch stay-swatch-missing" />
                Not recorded (pale, dashed)
              </li>
            )}
          </ul>
        </div>
      }
      note={
        <>
          <p>
            TEDS-D gives the length of stay in exact days only from 1 to 30 days; a longer stay is a range ({CODED_RANGES}).
            {stayFileNote(report.dataset.format, matrix)}
          </p>
          <p>
            There are no dates in TEDS-D, so no day count can be recomputed: this report gives no average, median or day estimate, only the number of
            records in each bin.
          </p>
        </>
      }
      table={<StayTable matrix={matrix} />}
      printTable
    >
      {matrix.total === 0 ? <p className="chart-empty">No record has a discharge setting.</p> : <Chart option={option} height={STAY_HEIGHT} />}
    </ChartFrame>
  );
}

function stayOption(matrix: StayMatrix, bins: readonly StayBin[], shown: Shown): ChartOption {
  const settings = shown === ALL ? matrix.settings : [shown];
  const groups = STACK_ORDER.filter((group) => settings.some((setting) => groupOf(setting) === group));
  const count = (group: Group, bin: StayBin) =>
    settings.filter((setting) => groupOf(setting) === group).reduce((sum, setting) => sum + stayCount(matrix, setting, bin), 0);
  // Up to eight bins, labels wrap within their column, even at print width; more are slanted.
  const many = bins.length > 8;
  const top = groups[groups.length - 1];
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, color: TEXT_COLOR },
    grid: { top: 24, bottom: many ? 64 : 40, left: 56, right: 16 },
    tooltip: {
      ...TOOLTIP_BASE,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: TooltipComponentFormatterCallbackParams) => {
        const first = Array.isArray(params) ? params[0] : params;
        const bin = first ? bins[first.dataIndex] : undefined;
        if (!bin) return '';
        return tooltipContent(`${binLabel(bin)}: ${recordsCount(binTotal(matrix, bin, settings))}`, [
          binRange(bin),
          ...[...groups].reverse().map((group) => `${groupLabel(group)}: ${formatCount(count(group, bin))}`),
        ]);
      },
    },
    xAxis: {
      type: 'category',
      data: bins.map(binLabel),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: MUTED_COLOR } },
      axisLabel: many
        ? { fontSize: 12, color: TEXT_COLOR, interval: 0, rotate: 35 }
        : { fontSize: 12, color: TEXT_COLOR, interval: 0, width: 80, overflow: 'break', lineHeight: 15 },
    },
    yAxis: {
      type: 'value',
      name: 'Records',
      minInterval: 1,
      nameTextStyle: { color: MUTED_COLOR, fontSize: 12, align: 'right' },
      axisLabel: { color: TEXT_COLOR, fontSize: 12 },
      splitLine: { lineStyle: { color: GRID_COLOR } },
    },
    series: groups.map((group) => ({
      type: 'bar',
      stack: 'stay',
      name: groupLabel(group),
      barMaxWidth: 64,
      data: bins.map((bin) => ({
        value: count(group, bin),
        // "Not recorded" is not a length: a pale bar with the level's outline.
        itemStyle:
          bin.min === null
            ? { color: groupTint(group), borderColor: groupColor(group), borderWidth: 1.5, borderType: 'dashed' as const }
            : { color: groupColor(group), decal: group === 'none' ? undefined : LEVEL_DECALS[group] },
      })),
      label:
        group === top
          ? {
              show: true,
              position: 'top' as const,
              color: TEXT_COLOR,
              fontSize: 12,
              formatter: (params: { dataIndex: number }) => {
                const bin = bins[params.dataIndex];
                return bin ? formatCount(binTotal(matrix, bin, settings)) : '';
              },
            }
          : { show: false },
      emphasis: { disabled: true },
    })),
  };
}

/** What this file holds against the codebook, and what the bars make of it. */
function stayFileNote(format: RetroReport['dataset']['format'], matrix: StayMatrix): string {
  if (hasExactDays(matrix)) return ' Stays of 1 to 30 days are drawn day by day, as the file holds them.';
  const short = matrix.bins.filter((bin) => bin.min !== null && bin.max !== null && bin.max <= 30).map(binLabel);
  const grouped = short.length > 0 ? ` into ${short.join(' and ')}` : '';
  return format === 'coded'
    ? ` This file holds those codes; the exact stays of 1 to 30 days are grouped here${grouped}, so every bar is a range.`
    : ' This file holds coarser bins than the codebook, as written in it, so even short stays are ranges here.';
}

/** "1–7 days" and "1-7 days" say the same; "More than a year" and "366 days or more" do not. */
const sameWords = (a: string, b: string) => a.replace(/[^a-z0-9]/gi, '').toLowerCase() === b.replace(/[^a-z0-9]/gi, '').toLowerCase();

function StayTable({ matrix }: { readonly matrix: StayMatrix }) {
  if (matrix.total === 0) return <p>No record has a discharge setting.</p>;
  return (
    <table className="chart-data-table retro-stay-table">
      <caption>Records per length-of-stay bin, by discharge setting</caption>
      <thead>
        <tr>
          <th scope="col">Length of stay</th>
          {matrix.settings.map((setting) => (
            <th key={String(setting)} scope="col" className="num">
              {settingShortLabel(setting)}
            </th>
          ))}
          <th scope="col" className="num">
            All settings
          </th>
        </tr>
      </thead>
      <tbody>
        {matrix.bins.map((bin) => (
          <tr key={bin.key}>
            <th scope="row">
              {binLabel(bin)}
              {bin.min !== null && !sameWords(binLabel(bin), binRange(bin)) && <span className="retro-bin-range"> ({binRange(bin)})</span>}
            </th>
            {matrix.settings.map((setting) => (
              <td key={String(setting)} className="num">
                {formatCount(stayCount(matrix, setting, bin))}
              </td>
            ))}
            <td className="num">{formatCount(binTotal(matrix, bin))}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All records</th>
          {matrix.settings.map((setting) => (
            <td key={String(setting)} className="num">
              {formatCount(settingStayTotal(matrix, setting))}
            </td>
          ))}
          <td className="num">{formatCount(matrix.total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
