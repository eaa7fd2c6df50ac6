import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RetroDataset } from '../../../shared/contract/retro';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { callOrThrow } from '../api/client';
import { useSession } from '../navigation';
import { ReportExport } from '../reports/ReportExport';
import { ConcordanceSection } from '../retro/ConcordanceSection';
import { DatasetHeader } from '../retro/DatasetHeader';
import { MappingReference } from '../retro/MappingReference';
import { OutcomesChart } from '../retro/OutcomesChart';
import { retroCsv } from '../retro/retroCsv';
import { RetroEmptyState } from '../retro/RetroEmptyState';
import { retroFileName } from '../retro/retroWording';
import { RuleInputs } from '../retro/RuleInputs';
import { SettingsSection } from '../retro/SettingsSection';
import { StayChart } from '../retro/StayChart';
import { TransitionFlowChart } from '../retro/TransitionFlowChart';
import '../reports/reports.css';
import '../reports/print.css';
import '../retro/retro.css';

const newestFirst = (a: RetroDataset, b: RetroDataset) => b.importedAt.localeCompare(a.importedAt);

/** A supervisor's retrospective review of an imported TEDS-D file: counts by setting, flows, outcomes, stays and rule concordance. */
export function RetrospectivePage({ datasetId }: { readonly datasetId?: string }) {
  const session = useSession();
  const [chosen, setChosen] = useState<string | null>(datasetId ?? null);
  const datasets = useQuery({ queryKey: ['retro.datasets'], queryFn: () => callOrThrow('retro.datasets', {}) });
  const list = [...(datasets.data?.datasets ?? [])].sort(newestFirst);
  const current = list.find((dataset) => dataset.id === chosen) ?? list[0] ?? null;
  const report = useQuery({
    queryKey: ['retro.report', current?.id ?? null],
    queryFn: () => callOrThrow('retro.report', { datasetId: current?.id ?? '' }),
    enabled: current !== null,
    placeholderData: keepPreviousData,
  });
  const data = report.data && current && report.data.dataset.id === current.id ? report.data : null;
  const problem = datasets.error ?? report.error;
  const buildCsv = data ? () => retroCsv(data, new Date()) : null;

  return (
    <section
      className="page page-scroll retro-page printable-report"
      aria-labelledby="retro-title"
      aria-busy={datasets.isFetching || report.isFetching}
    >
      <header className="page-header">
        <h1 id="retro-title">Retrospective review</h1>
        {list.length > 0 && (
          <ReportExport baseName={current ? retroFileName(current) : 'stepwise-retrospective'} buildCsv={buildCsv} recordKind="retro-report" />
        )}
      </header>
      {problem && (
        <p role="alert" className="form-error">
          {problem.message}
        </p>
      )}
      {datasets.isPending ? (
        <p role="status">Looking for imported datasets…</p>
      ) : list.length === 0 ? (
        !problem && <RetroEmptyState onImport={() => session.navigate({ page: 'import', kind: 'teds-d' })} />
      ) : (
        <>
          <DatasetHeader
            datasets={list}
            current={current}
            onChoose={setChosen}
            onImport={() => session.navigate({ page: 'import', kind: 'teds-d' })}
          />
          {!data ? (
            report.isFetching && <p role="status">Counting the records…</p>
          ) : (
            <div className="retro-sections">
              <SettingsSection report={data} />
              <TransitionFlowChart report={data} />
              <OutcomesChart report={data} />
              <StayChart report={data} />
              <ConcordanceSection report={data} inputs={<RuleInputs />} />
              <MappingReference />
              {/* Every export carries it: the PDF prints this block, the CSV starts with the same text. */}
              <footer className="redisclosure-notice" role="note" aria-labelledby="redisclosure-title">
                <h2 id="redisclosure-title">Confidentiality notice (42 CFR part 2)</h2>
                <p>{REDISCLOSURE_NOTICE}</p>
              </footer>
            </div>
          )}
        </>
      )}
    </section>
  );
}
