import type { ChartOption } from './echarts';
import { useChart } from './useChart';

/** One ECharts drawing filling the width of its frame at a fixed height. */
export function Chart({ option, height }: { readonly option: ChartOption; readonly height: number }) {
  const chartRef = useChart(option);
  return <div ref={chartRef} className="chart-canvas" style={{ height }} />;
}
