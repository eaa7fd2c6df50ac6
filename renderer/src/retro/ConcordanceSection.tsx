import type { ReactNode } from 'react';
import type { RetroReport } from '../../../shared/contract/retro';
import { LEVEL_SHORT_LABELS } from '../../../shared/domain/levels';
import { ChartFrame } from '../charts/ChartFrame';
import { LevelBadge } from '../components/LevelBadge';
import { concordanceRows, concordanceSentence, formatCount, formatShare, shareOf, type ConcordanceRow } from './retroModel';

const PARTS = [
  { key: 'matching', label: 'Admitted to the recommended level', short: 'match', className: 'concordance-match' },
  { key: 'notMatching', label: 'Admitted elsewhere', short: 'elsewhere', className: 'concordance-other' },
  { key: 'insufficientData', label: 'Insufficient data for a recommendation', short: 'insufficient', className: 'concordance-insufficient' },
] as const;

/** A part this wide or wider carries its count; from WORDS_FROM, with its name. */
const LABEL_FROM = 0.04;
const WORDS_FROM = 0.12;

interface Props {
  readonly report: RetroReport;
  /** Which mapped fields the rules read, in a sentence or two. */
  readonly inputs: ReactNode;
}

/** How often the admission setting's level is the level Stepwise's rules recommend from the few fields TEDS-D holds. */
export function ConcordanceSection({ report, inputs }: Props) {
  const { overall, byLevel } = concordanceRows(report);
  const rows = [overall, ...byLevel];
  return (
    <ChartFrame
      name="retro-concordance"
      title="Rule concordance"
      caption={<strong className="concordance-sentence">{concordanceSentence(report)}</strong>}
      chartLabel={`Rule concordance: ${rows
        .map(
          (row) =>
            `${row.level === null ? 'all records' : LEVEL_SHORT_LABELS[row.level]}: ${formatCount(row.matching)} matching, ${formatCount(
              row.notMatching,
            )} elsewhere, ${formatCount(row.insufficientData)} insufficient data`,
        )
        .join('; ')}.`}
      legend={
        <ul className="chart-legend" aria-label="Concordance legend">
          {PARTS.map((part) => (
            <li key={part.key}>
              <span aria-hidden="true" className={`legend-swatch ${part.className}`} />
              {part.label}
            </li>
          ))}
        </ul>
      }
      note={inputs}
      table={<ConcordanceTable rows={rows} />}
      printTable
    >
      {overall.records === 0 ? (
        <p className="chart-empty">No record to compare.</p>
      ) : (
        <div className="concordance-bars" aria-hidden="true">
          {rows.map((row) => (
            <ConcordanceBar key={row.level ?? 'all'} row={row} />
          ))}
        </div>
      )}
    </ChartFrame>
  );
}

function rowName(row: ConcordanceRow): ReactNode {
  return row.level === null ? <strong>All records</strong> : <LevelBadge level={row.level} />;
}

/** The part's count in words when it is wide enough, the bare count when it is narrower, nothing when it is a sliver. */
function partText(count: number, share: number, short: string): string {
  if (share >= WORDS_FROM) return `${formatCount(count)} ${short}`;
  return share >= LABEL_FROM ? formatCount(count) : '';
}

function ConcordanceBar({ row }: { readonly row: ConcordanceRow }) {
  const whole = row.matching + row.notMatching + row.insufficientData;
  return (
    <div className="concordance-row">
      <p className="concordance-line">
        <span className="concordance-name">{rowName(row)}</span>
        <span className="muted">n = {formatCount(row.records)}</span>
        <span className="concordance-figure">
          {row.withRecommendation > 0
            ? `${formatCount(row.matching)} of ${formatCount(row.withRecommendation)} with a recommendation match (${formatShare(
                shareOf(row.matching, row.withRecommendation),
              )})`
            : 'No record with a recommendation'}
          <span className="muted">
            {' '}
            · {formatCount(row.insufficientData)} insufficient data ({formatShare(shareOf(row.insufficientData, row.records))})
          </span>
        </span>
      </p>
      <span className="concordance-bar">
        {PARTS.map((part) => {
          const count = row[part.key];
          if (count === 0) return null;
          return (
            <span key={part.key} className={`concordance-part ${part.className}`} style={{ flexGrow: count }}>
              {partText(count, shareOf(count, whole) ?? 0, part.short)}
            </span>
          );
        })}
      </span>
    </div>
  );
}

function ConcordanceTable({ rows }: { readonly rows: readonly ConcordanceRow[] }) {
  return (
    <table className="chart-data-table">
      <caption>Rule concordance by the level of the admission setting</caption>
      <thead>
        <tr>
          <th scope="col">Admitted at</th>
          <th scope="col" className="num">
            Records
          </th>
          <th scope="col" className="num">
            With a recommendation
          </th>
          <th scope="col" className="num">
            Admitted to the recommended level
          </th>
          <th scope="col" className="num">
            Admitted elsewhere
          </th>
          <th scope="col" className="num">
            Insufficient data
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.level ?? 'all'}>
            <th scope="row">{row.level === null ? 'All records' : LEVEL_SHORT_LABELS[row.level]}</th>
            <td className="num">{formatCount(row.records)}</td>
            <td className="num">{formatCount(row.withRecommendation)}</td>
            <td className="num">
              {formatCount(row.matching)} <span className="retro-share">{formatShare(shareOf(row.matching, row.withRecommendation))}</span>
            </td>
            <td className="num">
              {formatCount(row.notMatching)} <span className="retro-share">{formatShare(shareOf(row.notMatching, row.withRecommendation))}</span>
            </td>
            <td className="num">
              {formatCount(row.insufficientData)} <span className="retro-share">{formatShare(shareOf(row.insufficientData, row.records))}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
