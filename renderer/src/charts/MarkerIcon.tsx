/** Marker shapes shared by the timeline and its legend, drawn in a 14 × 14 box. Shape carries the meaning; colour only helps. */
export const MARKER_SHAPES = {
  approved: { path: 'M7 1 L13 12.5 L1 12.5 Z', fill: '#2e6b30', stroke: '#ffffff' },
  returned: { path: 'M7 0.5 L13.5 7 L7 13.5 L0.5 7 Z', fill: '#a4262c', stroke: '#ffffff' },
  pending: { path: 'M7 1.5 A5.5 5.5 0 1 1 6.99 1.5 Z', fill: '#ffffff', stroke: '#1d2327' },
  assessment: { path: 'M7 2 A5 5 0 1 1 6.99 2 Z', fill: '#1d2327', stroke: '#ffffff' },
  discharge: { path: 'M2 2 H12 V12 H2 Z', fill: '#1d2327', stroke: '#ffffff' },
  ongoing: { path: 'M2 1.5 L12.5 7 L2 12.5 Z', fill: '#1d2327', stroke: '#ffffff' },
} as const;

export type MarkerShape = keyof typeof MARKER_SHAPES | 'authorization' | 'today';

export function MarkerIcon({ shape }: { readonly shape: MarkerShape }) {
  return (
    <svg className="legend-marker" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      {shape === 'authorization' ? (
        <rect x="0.75" y="4" width="12.5" height="6" rx="1" fill="#ffffff" stroke="#1d2327" strokeWidth="1.5" strokeDasharray="3 1.5" />
      ) : shape === 'today' ? (
        <line x1="7" y1="0" x2="7" y2="14" stroke="#1d2327" strokeWidth="1.5" strokeDasharray="3 2" />
      ) : (
        <path
          d={MARKER_SHAPES[shape].path}
          fill={MARKER_SHAPES[shape].fill}
          stroke={MARKER_SHAPES[shape].stroke}
          strokeWidth={shape === 'pending' ? 2 : 1}
        />
      )}
    </svg>
  );
}
