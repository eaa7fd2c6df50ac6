import { useEffect, useRef } from 'react';
import type { ChartOption, EChartsType } from './echarts';

/** Fits a US Letter or A4 page with Electron's default margins (print.css lays charts out one per row); the SVG's viewBox scales it down further if needed. */
const PRINT_WIDTH = 680;

/**
 * Runs one ECharts instance on the returned element: created on mount, given each new option, resized with its
 * box and for printing, disposed on unmount. Once drawn, the element carries data-chart-ready (for tests).
 */
export function useChart(option: ChartOption) {
  const elementRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const optionRef = useRef(option);

  useEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    let chart: EChartsType | null = null;
    let unmounted = false;
    const fit = (width: number | 'auto') => {
      if (!chart) return;
      chart.resize({ width, height: 'auto' });
      chart.getZr().refreshImmediately();
      scalableSvg(chart);
    };
    const observer = new ResizeObserver(() => fit('auto'));
    // printToPDF lays the page out narrower than the window; beforeprint runs first, so the chart is redrawn to fit.
    const beforePrint = () => fit(PRINT_WIDTH);
    const afterPrint = () => fit('auto');
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    // ECharts is large: it loads with the first chart shown, so the rest of the app starts without it.
    void import('./echarts').then(({ createChart }) => {
      if (unmounted) return;
      chart = createChart(element);
      chartRef.current = chart;
      chart.setOption(optionRef.current, { notMerge: true });
      scalableSvg(chart);
      observer.observe(element);
      element.dataset.chartReady = 'true';
    });
    return () => {
      unmounted = true;
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      observer.disconnect();
      chart?.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    optionRef.current = option;
    const chart = chartRef.current;
    if (!chart) return;
    chart.setOption(option, { notMerge: true });
    scalableSvg(chart);
  }, [option]);

  return elementRef;
}

/** A viewBox lets print CSS scale the drawing with its box instead of clipping it. */
function scalableSvg(chart: EChartsType) {
  const svg = chart.getDom().querySelector('svg');
  svg?.setAttribute('viewBox', `0 0 ${chart.getWidth()} ${chart.getHeight()}`);
}
