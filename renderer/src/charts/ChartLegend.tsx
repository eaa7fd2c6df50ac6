import type { Level } from '../../../shared/domain/levels';
import { MarkerIcon, type MarkerShape } from './MarkerIcon';

export type LegendMark =
  { readonly kind: 'level'; readonly level: Level } | { readonly kind: 'discharged' } | { readonly kind: 'marker'; readonly shape: MarkerShape };

export interface LegendEntry {
  readonly label: string;
  readonly mark: LegendMark;
}

/** An HTML legend: real text beside each swatch, so it reads aloud, zooms and prints like the page. */
export function ChartLegend({ entries, label = 'Legend' }: { readonly entries: readonly LegendEntry[]; readonly label?: string }) {
  return (
    <ul className="chart-legend" aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.label}>
          <LegendSwatch mark={entry.mark} />
          {entry.label}
        </li>
      ))}
    </ul>
  );
}

function LegendSwatch({ mark }: { readonly mark: LegendMark }) {
  switch (mark.kind) {
    case 'level':
      return <span aria-hidden="true" className={`legend-swatch swatch-${mark.level}`} />;
    case 'discharged':
      return <span aria-hidden="true" className="legend-swatch swatch-discharged" />;
    case 'marker':
      return <MarkerIcon shape={mark.shape} />;
  }
}
