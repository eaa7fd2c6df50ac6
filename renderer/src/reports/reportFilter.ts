import type { ClinicianOption } from '../../../shared/contract/users';
import type { MetricsReportInput } from '../../../shared/contract/reports';
import { addDays, isIsoDate, type IsoDate } from '../../../shared/domain/dates';
import { formatDate } from '../format/time';

/** What the person chose; dates stay as typed until they are valid. */
export interface ReportFilter {
  readonly from: string;
  readonly to: string;
  readonly clinicianId: string;
  readonly program: string;
}

export const ALL = '';

/** The last 12 months up to today, everyone, every program: the same default as the main process. */
export function defaultReportFilter(today: IsoDate): ReportFilter {
  return { from: addDays(today, -365), to: today, clinicianId: ALL, program: ALL };
}

export interface FilterProblems {
  readonly from?: string;
  readonly to?: string;
}

export function filterProblems(filter: ReportFilter): FilterProblems {
  const from = isIsoDate(filter.from) ? undefined : 'Enter the first day of the range as a full date.';
  const to = isIsoDate(filter.to) ? undefined : 'Enter the last day of the range as a full date.';
  if (from || to) return { from, to };
  return filter.from > filter.to ? { to: 'The last day is before the first day; choose a later date.' } : {};
}

export function metricsInput(filter: ReportFilter): MetricsReportInput {
  return {
    from: filter.from,
    to: filter.to,
    ...(filter.clinicianId === ALL ? {} : { clinicianId: filter.clinicianId }),
    ...(filter.program === ALL ? {} : { program: filter.program }),
  };
}

export interface FilterDescription {
  readonly range: string;
  readonly clinician: string;
  readonly program: string;
}

/** The filter in words, for the printed report and the CSV header. */
export function describeFilter(
  range: { readonly from: IsoDate; readonly to: IsoDate },
  filter: ReportFilter,
  clinicians: readonly ClinicianOption[],
): FilterDescription {
  const clinician = clinicians.find((option) => option.id === filter.clinicianId);
  return {
    range: `${formatDate(range.from)} to ${formatDate(range.to)}`,
    clinician: filter.clinicianId === ALL ? 'All clinicians' : (clinician?.displayName ?? 'The chosen clinician'),
    program: filter.program === ALL ? 'All programs' : filter.program,
  };
}
