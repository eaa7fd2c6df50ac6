import type { RetroDataset } from '../../../shared/contract/retro';
import { formatInstant } from '../workflow/dates';
import { recordsCount } from './retroModel';

/** Stands on the screen, the PDF and the CSV: what TEDS-D records can and cannot tell. */
export const RETRO_CAVEAT =
  "TEDS-D records are discharges without dates and without links between them: this report counts records; it never shows dates, day averages or a person's path across records.";

export const FORMAT_LABELS: Readonly<Record<RetroDataset['format'], string>> = {
  coded: 'coded (official public-use columns)',
  labelled: 'labelled (decoded labels)',
};

/** "2023" or "2021–2023" or "2019, 2021". */
export function yearsText(years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  if (sorted.length === 0) return 'no discharge year';
  const first = sorted[0] ?? 0;
  const last = sorted[sorted.length - 1] ?? 0;
  const consecutive = sorted.every((year, index) => year === first + index);
  if (sorted.length > 2 && consecutive) return `${first}–${last}`;
  return sorted.join(', ');
}

/** One line naming a dataset in the chooser: "tedsd-2023.csv · 1,000 records · 2023 · labelled · imported 29 Nov 2026, 05:04". */
export function datasetOption(dataset: RetroDataset): string {
  return `${dataset.fileName} · ${recordsCount(dataset.records)} · ${yearsText(dataset.dischargeYears)} · ${dataset.format} · imported ${formatInstant(dataset.importedAt)}`;
}

/** The PDF and CSV file names: "stepwise-retrospective-2023-imported-2026-11-29". */
export function retroFileName(dataset: RetroDataset): string {
  const years = yearsText(dataset.dischargeYears).replace(/[^0-9]+/g, '-');
  return `stepwise-retrospective-${years}-imported-${dataset.importedAt.slice(0, 10)}`;
}
