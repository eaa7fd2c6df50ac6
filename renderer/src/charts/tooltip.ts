import type { TooltipComponentOption } from 'echarts/components';
import { CHART_FONT, TEXT_COLOR } from './levelStyle';

/**
 * Tooltip content built as DOM nodes: ECharts' own markup carries style="" attributes, which the app's
 * Content-Security-Policy (style-src 'self') refuses. The look comes from charts.css.
 */
export function tooltipContent(heading: string, lines: readonly string[]): HTMLElement {
  const root = document.createElement('div');
  root.className = 'chart-tooltip-body';
  const title = document.createElement('strong');
  title.textContent = heading;
  root.append(title);
  for (const line of lines) {
    const row = document.createElement('div');
    row.textContent = line;
    root.append(row);
  }
  return root;
}

/** Shared tooltip settings: kept inside the chart (no arrow markup), plain white box, readable size. */
export const TOOLTIP_BASE: TooltipComponentOption = {
  confine: true,
  className: 'chart-tooltip',
  backgroundColor: '#ffffff',
  borderColor: '#b8bec6',
  borderWidth: 1,
  padding: [6, 10],
  textStyle: { color: TEXT_COLOR, fontSize: 13, fontFamily: CHART_FONT },
};
