import type { CustomSeriesRenderItem, CustomSeriesRenderItemAPI, TooltipComponentFormatterCallbackParams } from 'echarts';
import type { IsoDate } from '../../../shared/domain/dates';
import { LEVEL_SHORT_LABELS, type Level } from '../../../shared/domain/levels';
import type { CaseTimelineModel, Mark, TimelineLane } from './caseTimelineModel';
import { LANE_LABELS, TIMELINE_LANES } from './caseTimelineModel';
import type { ChartOption, CustomSeriesOption } from './echarts';
import { CHART_FONT, GRID_COLOR, LEVEL_COLORS, LEVEL_DECALS, LEVEL_TINTS, MUTED_COLOR, TEXT_COLOR } from './levelStyle';
import { MARKER_SHAPES } from './MarkerIcon';
import { TOOLTIP_BASE, tooltipContent } from './tooltip';

export const LANE_HEIGHT = 46;
export const GRID_TOP = 26;
export const GRID_BOTTOM = 30;

type Graphic = NonNullable<ReturnType<CustomSeriesRenderItem>>;

const dayMs = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`);
const laneIndex = (lane: TimelineLane) => TIMELINE_LANES.indexOf(lane);
const LABEL_FONT = `600 12px ${CHART_FONT}`;

/** Roughly how wide a label is drawn, to show it only where it fits. */
const textWidth = (text: string) => text.length * 6.8 + 12;

function laneGeometry(api: CustomSeriesRenderItemAPI, lane: TimelineLane) {
  const [, center = 0] = api.coord([0, laneIndex(lane)]);
  const size = api.size?.([0, 1]);
  const height = Array.isArray(size) ? (size[1] ?? LANE_HEIGHT) : LANE_HEIGHT;
  return { center, height };
}

function xOf(api: CustomSeriesRenderItemAPI, date: IsoDate): number {
  return api.coord([dayMs(date), 0])[0] ?? 0;
}

function marker(shape: keyof typeof MARKER_SHAPES, x: number, y: number, size = 14): Graphic {
  const { path, fill, stroke } = MARKER_SHAPES[shape];
  return {
    type: 'path',
    shape: { pathData: path, x: x - size / 2, y: y - size / 2, width: size, height: size, layout: 'center' },
    style: { fill, stroke, lineWidth: shape === 'pending' ? 2 : 1 },
  };
}

/** The bar sits in the lower part of its lane, leaving the upper part for decision markers. */
function barBox(api: CustomSeriesRenderItemAPI, lane: TimelineLane) {
  const { center, height } = laneGeometry(api, lane);
  return { top: center - height * 0.05, height: height * 0.42, markerY: center - height * 0.29 };
}

function series(id: string, data: number[][], renderItem: CustomSeriesRenderItem, silent = false): CustomSeriesOption {
  return { type: 'custom', id, data, renderItem, silent, encode: { x: 0, y: 1 }, clip: false };
}

export function caseTimelineOption(model: CaseTimelineModel): ChartOption {
  const episodes = series(
    'episodes',
    model.episodes.map((bar) => [dayMs(bar.start), laneIndex(bar.level)]),
    (params, api) => {
      const bar = model.episodes[params.dataIndex];
      if (!bar) return null;
      const { top, height } = barBox(api, bar.level);
      const x0 = xOf(api, bar.start);
      const width = Math.max(xOf(api, bar.end) - x0, 3);
      const children: Graphic[] = [
        { type: 'rect', shape: { x: x0, y: top, width, height, r: 2 }, style: { fill: LEVEL_COLORS[bar.level], decal: LEVEL_DECALS[bar.level] } },
      ];
      if (width > textWidth(bar.label)) {
        children.push({
          type: 'text',
          silent: true,
          style: {
            text: bar.label,
            x: x0 + 6,
            y: top + height / 2,
            verticalAlign: 'middle',
            fill: '#ffffff',
            font: LABEL_FONT,
            stroke: LEVEL_COLORS[bar.level],
            lineWidth: 3,
          },
        });
      }
      if (bar.ongoing) children.push(marker('ongoing', x0 + width + 7, top + height / 2, 12));
      if (bar.discharged) children.push(marker('discharge', x0 + width, top + height / 2, 11));
      return { type: 'group', children };
    },
  );

  const decisions = series(
    'decisions',
    model.decisions.map((mark) => [dayMs(mark.date), laneIndex(mark.level)]),
    (params, api) => {
      const mark = model.decisions[params.dataIndex];
      return mark ? marker(mark.shape, xOf(api, mark.date), barBox(api, mark.level).markerY) : null;
    },
  );

  const assessments = series(
    'assessments',
    model.assessments.map((mark) => [dayMs(mark.date), laneIndex('assessments')]),
    (params, api) => {
      const mark = model.assessments[params.dataIndex];
      return mark ? marker('assessment', xOf(api, mark.date), laneGeometry(api, 'assessments').center, 12) : null;
    },
  );

  const authorizations = series(
    'authorizations',
    model.authorizations.map((span) => [dayMs(span.from), laneIndex('authorizations')]),
    (params, api) => {
      const span = model.authorizations[params.dataIndex];
      if (!span) return null;
      const { center, height: laneHeight } = laneGeometry(api, 'authorizations');
      const rowHeight = (laneHeight * 0.8) / model.authorizationRows;
      const top = center - laneHeight * 0.4 + span.row * rowHeight + 1;
      const x0 = xOf(api, span.from);
      const width = Math.max(xOf(api, span.until) - x0, 3);
      const label = `${span.payer} · ${LEVEL_SHORT_LABELS[span.level]}`;
      const color = LEVEL_COLORS[span.level];
      const children: Graphic[] = [
        {
          type: 'rect',
          shape: { x: x0, y: top, width, height: rowHeight - 2, r: 2 },
          style: { fill: LEVEL_TINTS[span.level], stroke: color, lineWidth: 1.5, lineDash: [4, 2] },
        },
      ];
      if (width > textWidth(label) && rowHeight >= 14) {
        children.push({
          type: 'text',
          silent: true,
          style: { text: label, x: x0 + 6, y: top + rowHeight / 2 - 1, verticalAlign: 'middle', fill: color, font: LABEL_FONT },
        });
      }
      return { type: 'group', children };
    },
  );

  const transitions = series(
    'transitions',
    model.transitions.map((link) => [dayMs(link.date), laneIndex(link.from)]),
    (params, api) => {
      const link = model.transitions[params.dataIndex];
      if (!link) return null;
      const x = xOf(api, link.date);
      const from = barBox(api, link.from);
      const to = barBox(api, link.to);
      return {
        type: 'line',
        shape: { x1: x, y1: from.top + from.height / 2, x2: x, y2: to.top + to.height / 2 },
        style: { stroke: MUTED_COLOR, lineWidth: 1.5, lineDash: [3, 2] },
      };
    },
    true,
  );

  const today = series(
    'today',
    [[dayMs(model.today), 0]],
    (_params, api) => {
      const x = xOf(api, model.today);
      const top = laneGeometry(api, 'assessments');
      const bottom = laneGeometry(api, 'authorizations');
      return {
        type: 'group',
        children: [
          {
            type: 'line',
            shape: { x1: x, y1: top.center - top.height / 2, x2: x, y2: bottom.center + bottom.height / 2 },
            style: { stroke: TEXT_COLOR, lineWidth: 1.5, lineDash: [4, 3] },
          },
          {
            type: 'text',
            style: {
              text: 'Today',
              x,
              y: top.center - top.height / 2 - 4,
              align: 'center',
              verticalAlign: 'bottom',
              fill: TEXT_COLOR,
              font: LABEL_FONT,
            },
          },
        ],
      };
    },
    true,
  );

  const marks: Readonly<Record<string, readonly Mark[]>> = {
    episodes: model.episodes.map((bar) => ({ date: bar.start, heading: `${LEVEL_SHORT_LABELS[bar.level]} episode`, details: bar.details })),
    decisions: model.decisions,
    assessments: model.assessments,
    authorizations: model.authorizations,
  };

  return {
    animation: false,
    useUTC: true,
    textStyle: { fontFamily: CHART_FONT, color: TEXT_COLOR },
    grid: { top: GRID_TOP, bottom: GRID_BOTTOM, left: 118, right: 40 },
    tooltip: {
      ...TOOLTIP_BASE,
      trigger: 'item',
      formatter: (params: TooltipComponentFormatterCallbackParams) => {
        const item = Array.isArray(params) ? params[0] : params;
        const mark = item ? marks[item.seriesId ?? '']?.[item.dataIndex] : undefined;
        return mark ? tooltipContent(mark.heading, mark.details) : '';
      },
    },
    xAxis: {
      type: 'time',
      min: dayMs(model.from),
      max: dayMs(model.to),
      axisLabel: { color: TEXT_COLOR, fontSize: 12, hideOverlap: true },
      axisLine: { lineStyle: { color: MUTED_COLOR } },
      splitLine: { show: true, lineStyle: { color: GRID_COLOR } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: TIMELINE_LANES.map((lane) => LANE_LABELS[lane]),
      axisTick: { show: false },
      axisLine: { show: false },
      splitLine: { show: true, lineStyle: { color: GRID_COLOR } },
      axisLabel: { fontSize: 13, fontWeight: 600, color: (_value?: string | number, index?: number) => laneColor(TIMELINE_LANES[index ?? 0]) },
    },
    series: [transitions, authorizations, episodes, assessments, decisions, today],
  };
}

function laneColor(lane: TimelineLane | undefined): string {
  return lane === 'inpatient' || lane === 'iop' || lane === 'outpatient' ? LEVEL_COLORS[lane satisfies Level] : TEXT_COLOR;
}
