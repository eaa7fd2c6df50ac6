import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { DisclosureDetails } from '../../../shared/contract/disclosures';
import type { CaseloadFilterInput, ExportDataset, ExportRecordsOutput } from '../../../shared/contract/exports';
import { seesEveryCase } from '../../../shared/domain/roles';
import { call, callOrThrow } from '../api/client';
import { useShortcut } from '../components/useShortcut';
import { AudienceDialog } from '../disclosure/AudienceDialog';
import { SaveStatus } from '../disclosure/SaveStatus';
import { useSaveFile } from '../disclosure/useSaveFile';
import { useSession } from '../navigation';
import { plural } from '../workflow/describe';
import { ExportDialog, type ExportChoice } from './ExportDialog';
import './exports.css';
import { JobProgressBar } from '../components/JobProgressBar';
import { tracked, useJobProgress } from '../components/useJobProgress';

const DATASET_PHRASES: Readonly<Record<ExportDataset, string>> = {
  cases: 'the case list',
  assessments: 'the assessments',
  decisions: 'the placement decisions',
  episodes: 'the episodes of care',
};

const ROW_NOUNS: Readonly<Record<ExportDataset, string>> = {
  cases: 'case',
  assessments: 'assessment',
  decisions: 'placement decision',
  episodes: 'episode',
};

interface Props {
  /** The caseload's current filters and search. */
  readonly filter: CaseloadFilterInput;
  /** How many cases they show; null while loading. */
  readonly filteredCount: number | null;
  /** False while another dialog of the caseload is open, so the shortcut stays quiet. */
  readonly shortcutEnabled: boolean;
}

/** The caseload's Export button: what and which cases, who it is for, then the save dialog; the result in a sentence. */
export function CaseloadExport({ filter, filteredCount, shortcutEnabled }: Props) {
  const { user } = useSession();
  const { state, save } = useSaveFile();
  const job = useJobProgress();
  const [step, setStep] = useState<'closed' | 'choose' | 'audience'>('closed');
  const [choice, setChoice] = useState<ExportChoice | null>(null);
  const everyCase = seesEveryCase(user.roles);
  // The same query the caseload runs with its widest filters: how many cases "all" holds (a count, not the records).
  const allQuery = { page: 1, pageSize: 1, clinician: 'all', includeDischarged: true } as const;
  const all = useQuery({ queryKey: ['cases.list', allQuery], queryFn: () => callOrThrow('cases.list', allQuery), enabled: step === 'choose' });
  const open = useCallback(() => setStep('choose'), []);
  useShortcut('e', open, shortcutEnabled && step === 'closed');

  const run = (chosen: ExportChoice, disclosure: DisclosureDetails | null) => {
    const scope = chosen.scope === 'all' ? ({ kind: 'all' } as const) : ({ kind: 'filtered', filter } as const);
    const disclosed = (saved: ExportRecordsOutput) =>
      disclosure
        ? ` The disclosure to ${disclosure.recipient} was entered in the disclosure history of ${saved.cases === 1 ? 'the case' : `each of the ${saved.cases} cases`}.`
        : '';
    void save(
      'export',
      () => tracked(job, (jobId) => call('exports.save', { dataset: chosen.dataset, format: chosen.format, scope, disclosure, jobId })),
      (saved) => {
        const rows = plural(saved.rows, ROW_NOUNS[chosen.dataset]);
        return ` It holds ${chosen.dataset === 'cases' ? rows : `${rows} of ${plural(saved.cases, 'case')}`}.${disclosed(saved)}`;
      },
    );
  };

  return (
    <div className="caseload-export">
      <button type="button" className="button-secondary" disabled={state.kind === 'busy'} onClick={open} aria-keyshortcuts="E">
        Export… <kbd>E</kbd>
      </button>
      <SaveStatus state={state} />
      {state.kind === 'busy' && job.running && <JobProgressBar label="Preparing the export" progress={job.progress} />}
      {step === 'choose' && (
        <ExportDialog
          filteredCount={filteredCount}
          allCount={all.data?.total ?? null}
          allLabel={everyCase ? 'of every clinician, discharged included' : 'assigned to you, discharged included'}
          onCancel={() => setStep('closed')}
          onNext={(chosen) => {
            setChoice(chosen);
            setStep('audience');
          }}
        />
      )}
      {step === 'audience' && choice && (
        <AudienceDialog
          what={`${DATASET_PHRASES[choice.dataset]} of ${choice.scope === 'all' ? (everyCase ? 'every case' : 'all your cases') : 'the cases the caseload shows'} as a ${choice.format.toUpperCase()} file`}
          onCancel={() => setStep('closed')}
          onChoose={(disclosure) => {
            setStep('closed');
            run(choice, disclosure);
          }}
        />
      )}
    </div>
  );
}
