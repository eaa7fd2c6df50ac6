import type { MetricsReport } from '../../../shared/contract/reports';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { LEVEL_SHORT_LABELS } from '../../../shared/domain/levels';
import { flowTargetLabel, transitionCounts } from '../charts/flowModel';
import { LEVELS_BY_INTENSITY } from '../charts/levelStyle';
import type { FilterDescription } from './reportFilter';
import { varianceLabel } from './reportWording';

type Cell = string | number | null;

/**
 * The report's figures and tables as one CSV file: the 42 CFR part 2 redisclosure notice first, in one quoted
 * cell, then a section per table, separated by a blank line. Ratios are numbers from 0 to 1 (empty where there
 * is nothing to divide by), next to the count they are a share of.
 */
export function reportCsv(report: MetricsReport, filter: FilterDescription, generatedAt: Date): string {
  const los = report.lengthOfStay;
  const sections: Cell[][][] = [
    [
      ['Stepwise level-of-care report'],
      ['From', report.from],
      ['To', report.to],
      ['Clinician', filter.clinician],
      ['Program', filter.program],
      ['Generated', generatedAt.toISOString()],
    ],
    [
      ['Measure', 'Value', 'Of (n)', 'Meaning'],
      ['Cases', report.cases, null, 'Cases with an episode of care in the range'],
      ['Episodes', report.episodes, null, 'Episodes overlapping the range'],
      [
        'Continuity after inpatient within 7 days',
        ratio(report.continuityAfterInpatient.within7),
        report.continuityAfterInpatient.n,
        'Share of ended inpatient stays (deaths left out) followed by IOP or outpatient care within 7 days',
      ],
      [
        'Continuity after inpatient within 30 days',
        ratio(report.continuityAfterInpatient.within30),
        report.continuityAfterInpatient.n,
        'The same within 30 days',
      ],
      [
        'Return to a higher level within 30 days',
        ratio(report.returnToHigherWithin30.rate),
        report.returnToHigherWithin30.n,
        'Share of step-downs followed by a higher level within 30 days',
      ],
      ...LEVELS_BY_INTENSITY.map((level): Cell[] => [
        `Dropout rate ${LEVEL_SHORT_LABELS[level]}`,
        ratio(report.dropoutRate[level]),
        los[level]?.n ?? 0,
        'Share of ended episodes at this level that ended with the person dropping out',
      ]),
      [
        'Concordance',
        ratio(report.concordance.share),
        report.concordance.eligible,
        `${report.concordance.placedAsRecommended} approved decisions placed the person at the recommended level`,
      ],
    ],
    [
      ['From', 'To', 'Moves'],
      ...transitionCounts(report.transitions).map((row): Cell[] => [flowTargetLabel(row.from), flowTargetLabel(row.to), row.count]),
    ],
    [
      ['Length of stay (days)', 'Closed stays (n)', 'Shortest', '25th percentile', 'Median', '75th percentile', 'Longest'],
      ...LEVELS_BY_INTENSITY.map((level): Cell[] => {
        const summary = los[level];
        return summary
          ? [LEVEL_SHORT_LABELS[level], summary.n, summary.min, summary.p25, summary.median, summary.p75, summary.max]
          : [LEVEL_SHORT_LABELS[level], 0, null, null, null, null, null];
      }),
    ],
    [
      ['Variance reason', 'Decisions'],
      ...report.variances.byReason.filter((row) => row.count > 0).map((row): Cell[] => [varianceLabel(row.reason), row.count]),
      ['No reason given', report.variances.withoutReason],
      ['All variances', report.variances.variances],
    ],
    [
      ['Census day', ...LEVELS_BY_INTENSITY.map((level) => LEVEL_SHORT_LABELS[level]), 'In care'],
      ...report.census.map((day): Cell[] => [day.day, day.inpatient, day.iop, day.outpatient, day.inpatient + day.iop + day.outpatient]),
    ],
  ];
  const notice = `"${REDISCLOSURE_NOTICE.replace(/"/g, '""')}"`;
  return `${notice}\r\n\r\n${sections.map((rows) => rows.map((row) => row.map(csvCell).join(',')).join('\r\n')).join('\r\n\r\n')}\r\n`;
}

function ratio(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}

/** Quotes what needs quoting, and keeps text that a spreadsheet would run as a formula as plain text. */
export function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
