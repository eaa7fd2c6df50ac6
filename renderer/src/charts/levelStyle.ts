import type { LineSeriesOption } from 'echarts/charts';
import type { Level } from '../../../shared/domain/levels';

/** The same hex values as --level-* in styles.css, so a level looks the same in a chart as in its badge. */
export const LEVEL_COLORS: Readonly<Record<Level, string>> = {
  inpatient: '#8e2c6b',
  iop: '#9a4a00',
  outpatient: '#0b5f7a',
};

/** --level-*-bg in styles.css: the badge backgrounds, used for lighter shapes such as authorizations. */
export const LEVEL_TINTS: Readonly<Record<Level, string>> = {
  inpatient: '#f7e6f1',
  iop: '#fcefdc',
  outpatient: '#e0f1f6',
};

/** Discharge is not a level: the muted text colour, and always labelled. */
export const DISCHARGED_COLOR = '#5b6470';
export const TEXT_COLOR = '#1d2327';
export const MUTED_COLOR = '#5b6470';
export const GRID_COLOR = '#e3e6ea';

/** Most intensive first, the order every chart lists levels in (top to bottom). */
export const LEVELS_BY_INTENSITY: readonly Level[] = ['inpatient', 'iop', 'outpatient'];

type DecalOption = Exclude<NonNullable<NonNullable<LineSeriesOption['itemStyle']>['decal']>, 'none'>;

/**
 * Patterns over the colour, so areas and bars read without colour (colour-blind users, grey printouts):
 * stripes for inpatient, dots for IOP, plain for outpatient. The legend swatches in charts.css match.
 */
export const LEVEL_DECALS: Readonly<Record<Level, DecalOption | undefined>> = {
  inpatient: { symbol: 'rect', symbolSize: 1, color: 'rgba(255, 255, 255, 0.5)', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4 },
  iop: { symbol: 'circle', symbolSize: 0.7, color: 'rgba(255, 255, 255, 0.6)', dashArrayX: [[4, 4]], dashArrayY: [4, 4] },
  outpatient: undefined,
};

export const CHART_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
