import type { RetroReport } from '../../../shared/contract/retro';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { LEVEL_SHORT_LABELS } from '../../../shared/domain/levels';
import { TEDS_REASON_INFO } from '../../../shared/teds/codes';
import { csvCell } from '../reports/reportCsv';
import { EPISODE_END_REASON_LABELS } from '../workflow/describe';
import { RETRO_CAVEAT } from './retroWording';
import {
  binLabel,
  concordanceRows,
  outcomeMatrix,
  reasonLabel,
  settingFullLabel,
  settingRows,
  shareOf,
  stayCount,
  stayMatrix,
  transitionRows,
  type ReasonKey,
} from './retroModel';

type Cell = string | number | null;

const ratio = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);
const endReasonOf = (reason: ReasonKey) => (reason === null ? null : EPISODE_END_REASON_LABELS[TEDS_REASON_INFO[reason].endReason]);

/**
 * The retrospective report as one CSV file: the 42 CFR part 2 redisclosure notice first, in one quoted cell, then a
 * section per table separated by a blank line. Counts only: TEDS-D has no dates and no person links, and the file
 * adds none. Shares are numbers from 0 to 1 beside the count they are a share of.
 */
export function retroCsv(report: RetroReport, generatedAt: Date): string {
  const { dataset } = report;
  const outcomes = outcomeMatrix(report);
  const stays = stayMatrix(report);
  const { overall, byLevel } = concordanceRows(report);
  const sections: Cell[][][] = [
    [
      ['Stepwise retrospective report (TEDS-D discharges)'],
      ['Dataset imported', dataset.importedAt],
      ['Format', dataset.format],
      ['Records', dataset.records],
      ['Discharge years', dataset.dischargeYears.join(' ')],
      ['Generated', generatedAt.toISOString()],
      ['Caveat', RETRO_CAVEAT],
    ],
    [
      ['Setting code', 'TEDS setting', 'Stepwise level', 'Withdrawal management', 'Admitted to it', 'Discharged from it'],
      ...settingRows(report).map((row): Cell[] => [
        row.setting,
        row.label,
        LEVEL_SHORT_LABELS[row.level],
        row.withdrawalManagement ? 'yes' : 'no',
        row.admissions,
        row.discharges,
      ]),
      [null, 'Not recorded', null, null, report.missingSetting.admission, report.missingSetting.discharge],
    ],
    [
      ['Admitted to', 'Discharged from', 'Records'],
      ...transitionRows(report).map((row): Cell[] => [settingFullLabel(row.from), settingFullLabel(row.to), row.count]),
    ],
    [
      ['Discharge setting', 'Reason for discharge', 'Stepwise end reason', 'Records', 'Share of the setting'],
      ...outcomes.rows.flatMap((row) =>
        outcomes.reasons.map((reason): Cell[] => {
          const count = row.counts.get(reason) ?? 0;
          return [settingFullLabel(row.setting), reasonLabel(reason), endReasonOf(reason), count, ratio(shareOf(count, row.total))];
        }),
      ),
      ...outcomes.reasons.map((reason): Cell[] => {
        const count = outcomes.totals.get(reason) ?? 0;
        return ['All discharge settings', reasonLabel(reason), endReasonOf(reason), count, ratio(shareOf(count, outcomes.total))];
      }),
    ],
    [
      ['Discharge setting', 'Length of stay', 'From day', 'To day', 'Records'],
      ...stays.settings.flatMap((setting) =>
        stays.bins.map((bin): Cell[] => [settingFullLabel(setting), binLabel(bin), bin.min, bin.max, stayCount(stays, setting, bin)]),
      ),
    ],
    [
      ['Admitted at', 'Records', 'With a recommendation', 'Admitted to the recommended level', 'Admitted elsewhere', 'Insufficient data'],
      ...[overall, ...byLevel].map((row): Cell[] => [
        row.level === null ? 'All records' : LEVEL_SHORT_LABELS[row.level],
        row.records,
        row.withRecommendation,
        row.matching,
        row.notMatching,
        row.insufficientData,
      ]),
    ],
  ];
  const notice = `"${REDISCLOSURE_NOTICE.replace(/"/g, '""')}"`;
  return `${notice}\r\n\r\n${sections.map((rows) => rows.map((row) => row.map(csvCell).join(',')).join('\r\n')).join('\r\n\r\n')}\r\n`;
}
