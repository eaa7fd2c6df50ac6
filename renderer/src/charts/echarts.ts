import { BarChart, BoxplotChart, CustomChart, LineChart, SankeyChart } from 'echarts/charts';
import type { BarSeriesOption, BoxplotSeriesOption, CustomSeriesOption, LineSeriesOption, SankeySeriesOption } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import { init, use as registerEchartsParts, type ComposeOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/*
 * Only what the charts use is registered, to keep the bundle small. The SVG renderer keeps charts crisp
 * in print and PDF. No legend or aria component: legends are HTML beside each chart (readable, printable,
 * the same as the level badges) and each chart has its own accessible name and table view.
 */
registerEchartsParts([SankeyChart, LineChart, BarChart, BoxplotChart, CustomChart, TooltipComponent, GridComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  SankeySeriesOption | LineSeriesOption | BarSeriesOption | BoxplotSeriesOption | CustomSeriesOption | TooltipComponentOption | GridComponentOption
>;

export type { CustomSeriesOption, EChartsType };

export function createChart(element: HTMLElement): EChartsType {
  return init(element, null, { renderer: 'svg' });
}
