import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ExistingChoice, ImportFile, ImportReport, ImportResult } from '../../../shared/contract/imports';
import type { ImportKind } from '../../../shared/import/fields';
import { mappingProblems, type DateFormat, type MappingProblem } from '../../../shared/import/mapping';
import { call } from '../api/client';
import { useImportRun, type RunAction } from './useImportRun';

export interface ImportChoicesForm {
  readonly columns: readonly string[];
  readonly dateFormat: DateFormat;
  readonly existing: ExistingChoice;
}

export interface CheckedReport {
  /** Counts the checks of this screen, so each report starts afresh. */
  readonly id: number;
  readonly report: ImportReport;
  /** What the check was run with; the import must be sent exactly these. */
  readonly choices: ImportChoicesForm;
}

/** How the last check or import ended when it did not produce a report or a result. */
export interface RunOutcome {
  readonly kind: 'cancelled' | 'failed';
  readonly action: RunAction;
  readonly message: string;
}

export const CANCELLED_MESSAGE = 'Cancelled — nothing was imported.';

const sameChoices = (a: ImportChoicesForm, b: ImportChoicesForm) =>
  a.dateFormat === b.dateFormat &&
  a.existing === b.existing &&
  a.columns.length === b.columns.length &&
  a.columns.every((column, index) => column === b.columns[index]);

const failure = (action: RunAction, error: { code: string; message: string }): RunOutcome =>
  error.code === 'cancelled' ? { kind: 'cancelled', action, message: CANCELLED_MESSAGE } : { kind: 'failed', action, message: error.message };

/** The import screen's state: the chosen file, the person's choices, the last check's report and the result. */
export function useImportFlow(initialKind: ImportKind = 'cases') {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [file, setFile] = useState<ImportFile | null>(null);
  const [opening, setOpening] = useState(false);
  const [openProblem, setOpenProblem] = useState<string | null>(null);
  const [choices, setChoicesState] = useState<ImportChoicesForm | null>(null);
  const [checked, setChecked] = useState<CheckedReport | null>(null);
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const { running, run, cancel } = useImportRun();
  const checks = useRef(0);

  // The main process holds the open file until it is told to let go: on leaving the screen, and on choosing another.
  const openId = useRef<string | null>(null);
  const closeOpen = useCallback(() => {
    const importId = openId.current;
    openId.current = null;
    if (importId) void call('imports.close', { importId });
  }, []);
  useEffect(() => closeOpen, [closeOpen]);

  const problems: readonly MappingProblem[] = useMemo(
    () => (file && choices ? mappingProblems(file.kind, file.headers, choices.columns) : []),
    [file, choices],
  );
  const stale = checked !== null && choices !== null && !sameChoices(checked.choices, choices);

  const startOver = useCallback(() => {
    closeOpen();
    setFile(null);
    setChoicesState(null);
    setChecked(null);
    setOutcome(null);
    setResult(null);
    setOpenProblem(null);
  }, [closeOpen]);

  const chooseFile = useCallback(async () => {
    startOver();
    setOpening(true);
    const opened = await call('imports.open', { kind });
    setOpening(false);
    if (!opened.ok) return setOpenProblem(opened.error.message);
    if ('cancelled' in opened.value) return;
    const value = opened.value;
    openId.current = value.importId;
    setFile(value);
    setChoicesState({ columns: value.columns, dateFormat: value.dateFormat, existing: 'update' });
  }, [kind, startOver]);

  const changeChoices = useCallback((change: Partial<ImportChoicesForm>) => {
    setOutcome(null);
    setChoicesState((current) => (current ? { ...current, ...change } : current));
  }, []);

  const check = useCallback(async () => {
    if (!file || !choices) return;
    const sent = choices;
    setOutcome(null);
    setChecked(null);
    const input = { importId: file.importId, columns: [...sent.columns], dateFormat: sent.dateFormat, existing: sent.existing };
    const answer = await run('check', file.importId, () => call('imports.check', input));
    checks.current += 1;
    if (answer.ok) setChecked({ id: checks.current, report: answer.value, choices: sent });
    else setOutcome(failure('check', answer.error));
  }, [file, choices, run]);

  const commit = useCallback(async () => {
    if (!file || !checked) return;
    const sent = checked.choices;
    setOutcome(null);
    const input = { importId: file.importId, columns: [...sent.columns], dateFormat: sent.dateFormat, existing: sent.existing };
    const answer = await run('commit', file.importId, () => call('imports.commit', input));
    if (!answer.ok) return setOutcome(failure('commit', answer.error));
    setResult(answer.value);
    setChecked(null);
    // Cases, their levels, the queue, the overview and the reports may all have changed.
    await queryClient.invalidateQueries();
  }, [file, checked, run, queryClient]);

  return {
    kind,
    setKind: (next: ImportKind) => {
      setKind(next);
      setOpenProblem(null);
    },
    file,
    opening,
    openProblem,
    choices,
    changeChoices,
    mappingProblems: problems,
    /** The report of the last check, while the choices are still the ones it was run with. */
    report: stale ? null : checked,
    stale,
    outcome,
    result,
    running,
    chooseFile,
    startOver,
    check,
    commit,
    cancel,
  };
}

export type ImportFlow = ReturnType<typeof useImportFlow>;
