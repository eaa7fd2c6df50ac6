import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { addDays } from '../../../shared/domain/dates';
import { callOrThrow } from '../api/client';
import { JobProgressBar } from '../components/JobProgressBar';
import { tracked, useJobProgress } from '../components/useJobProgress';
import { CaseloadFlowChart } from '../charts/CaseloadFlowChart';
import { CensusChart } from '../charts/CensusChart';
import { LengthOfStayChart } from '../charts/LengthOfStayChart';
import { useSession } from '../navigation';
import { HeadlineFigures } from '../reports/HeadlineFigures';
import { reportCsv } from '../reports/reportCsv';
import { ReportEmptyState } from '../reports/ReportEmptyState';
import { ReportExport } from '../reports/ReportExport';
import { ALL, defaultReportFilter, describeFilter, filterProblems, metricsInput, type ReportFilter } from '../reports/reportFilter';
import { ReportFilters } from '../reports/ReportFilters';
import '../reports/reports.css';
import '../reports/print.css';
import { todayIso } from '../workflow/dates';

/** How the caseload moves between levels over a date range: headline figures, flow, census and length of stay. */
export function ReportsPage() {
  const session = useSession();
  const [today] = useState(todayIso);
  const [filter, setFilter] = useState<ReportFilter>(() => defaultReportFilter(today));
  const problems = filterProblems(filter);
  const valid = !problems.from && !problems.to;
  const input = useMemo(() => metricsInput(filter), [filter]);

  const clinicians = useQuery({ queryKey: ['users.clinicians'], queryFn: () => callOrThrow('users.clinicians', {}) });
  const demo = useQuery({ queryKey: ['demo.status'], queryFn: () => callOrThrow('demo.status', {}) });
  const job = useJobProgress();
  const metrics = useQuery({
    queryKey: ['reports.metrics', input],
    queryFn: () => tracked(job, (jobId) => callOrThrow('reports.metrics', { ...input, jobId })),
    enabled: valid,
    placeholderData: keepPreviousData,
  });

  const report = metrics.data;
  const clinicianList = clinicians.data?.clinicians ?? [];
  const description = report ? describeFilter(report, filter, clinicianList) : null;
  const isDefault = JSON.stringify(filter) === JSON.stringify(defaultReportFilter(today));
  const change = (next: Partial<ReportFilter>) => setFilter({ ...filter, ...next });
  const buildCsv = report && description && report.episodes > 0 ? () => reportCsv(report, description, new Date()) : null;
  const problem = metrics.error ?? clinicians.error;

  return (
    <section className="page page-scroll reports-page printable-report" aria-labelledby="reports-title" aria-busy={metrics.isFetching}>
      <header className="page-header">
        <h1 id="reports-title">Transitions report</h1>
        <ReportExport baseName={report ? `stepwise-report-${report.from}-to-${report.to}` : 'stepwise-report'} buildCsv={buildCsv} />
      </header>
      {demo.data && demo.data.syntheticCases > 0 && (
        <p className="demo-banner" role="note">
          Includes synthetic demo cases: {demo.data.syntheticCases} invented cases marked DEMO, not real patients.
        </p>
      )}
      <ReportFilters
        filter={filter}
        problems={problems}
        clinicians={clinicianList}
        programs={report?.programs ?? []}
        description={description}
        onChange={change}
        onReset={isDefault ? null : () => setFilter(defaultReportFilter(today))}
      />
      {problem && (
        <p role="alert" className="form-error">
          {problem.message}
        </p>
      )}
      {/* Not over a report refreshed in the background: only while the report asked for is on its way. */}
      {metrics.isFetching && valid && (!report || metrics.isPlaceholderData) && (
        <JobProgressBar label="Counting episodes" progress={job.progress} finished={job.finished} />
      )}
      {!report ? null : report.episodes === 0 ? (
        <ReportEmptyState
          description={description}
          databaseEmpty={demo.data?.totalCases === 0}
          filtered={filter.clinicianId !== ALL || filter.program !== ALL}
          onWiden={() => change({ from: addDays(today, -3 * 365), to: today })}
          onClearFilters={() => change({ clinicianId: ALL, program: ALL })}
          onOpenCaseload={() => session.navigate({ page: 'caseload' })}
        />
      ) : (
        <>
          <HeadlineFigures report={report} />
          <div className="report-charts">
            <CaseloadFlowChart transitions={report.transitions} />
            <LengthOfStayChart lengthOfStay={report.lengthOfStay} />
            <div className="report-chart-wide">
              <CensusChart census={report.census} />
            </div>
          </div>
          {/* Every export carries it: the PDF prints this block, the CSV starts with the same text. */}
          <footer className="redisclosure-notice" role="note" aria-labelledby="redisclosure-title">
            <h2 id="redisclosure-title">Confidentiality notice (42 CFR part 2)</h2>
            <p>{REDISCLOSURE_NOTICE}</p>
          </footer>
        </>
      )}
    </section>
  );
}
