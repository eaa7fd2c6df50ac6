import { useId, useState, type ReactNode } from 'react';
import './charts.css';

interface ChartFrameProps {
  /** Names the test id, `chart-<name>`, for end-to-end screenshots. */
  readonly name: string;
  readonly title: string;
  /** One line in plain language: what the picture shows. */
  readonly caption: ReactNode;
  /** The accessible name of the picture itself (role="img"). */
  readonly chartLabel: string;
  readonly legend: ReactNode;
  /** The same figures as a table: visually hidden until asked for, always there for screen readers. */
  readonly table: ReactNode;
  /** Print the table under the chart even when it is hidden on screen (small tables only). */
  readonly printTable?: boolean;
  readonly headingLevel?: 'h2' | 'h3';
  /** Read after the picture: what the figures can and cannot say. */
  readonly note?: ReactNode;
  readonly children: ReactNode;
}

/** Title, caption, legend, the chart and its table view: the frame every chart in Stepwise shares. */
export function ChartFrame({
  name,
  title,
  caption,
  chartLabel,
  legend,
  table,
  printTable = false,
  headingLevel = 'h2',
  note,
  children,
}: ChartFrameProps) {
  const [tableShown, setTableShown] = useState(false);
  const titleId = useId();
  const captionId = useId();
  const tableId = useId();
  const Heading = headingLevel;
  const tableClass = tableShown ? 'chart-table' : `chart-table visually-hidden${printTable ? ' print-visible' : ''}`;
  return (
    <section className="chart-frame" aria-labelledby={titleId} data-testid={`chart-${name}`}>
      <div className="chart-figure">
        <div className="chart-frame-header">
          <Heading id={titleId}>{title}</Heading>
          <button
            type="button"
            className="button-secondary chart-table-toggle"
            aria-expanded={tableShown}
            aria-controls={tableId}
            onClick={() => setTableShown(!tableShown)}
          >
            {tableShown ? 'Hide table' : 'Show as table'}
          </button>
        </div>
        <p id={captionId} className="chart-caption">
          {caption}
        </p>
        {legend}
        <div className="chart-surface" role="img" aria-label={chartLabel} aria-describedby={captionId}>
          {children}
        </div>
        {note && <div className="chart-note">{note}</div>}
      </div>
      {/* Shown, a long table scrolls in its box: focusable, so the keyboard can scroll it too. */}
      <div id={tableId} className={tableClass} {...(tableShown ? { role: 'region', 'aria-label': `${title}, as a table`, tabIndex: 0 } : {})}>
        {table}
      </div>
    </section>
  );
}
