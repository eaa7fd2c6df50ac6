import { useEffect, useState } from 'react';
import type { AuditAction, AuditOutcome, ListAuditInput } from '../../../shared/contract/audit';

/** The filter as the controls hold it: an empty string means "any". */
export interface AuditFilterForm {
  readonly from: string;
  readonly to: string;
  readonly userId: string;
  readonly action: AuditAction | '';
  readonly outcome: AuditOutcome | '';
  readonly recordId: string;
}

export const EMPTY_FILTER: AuditFilterForm = { from: '', to: '', userId: '', action: '', outcome: '', recordId: '' };

export type AuditListFilter = NonNullable<ListAuditInput['filter']>;

/** What audit.list and audit.export take: only the fields that narrow the log. */
export function toListFilter(form: AuditFilterForm): AuditListFilter {
  const recordId = form.recordId.trim();
  return {
    ...(form.from ? { from: form.from } : {}),
    ...(form.to ? { to: form.to } : {}),
    ...(form.userId ? { userId: form.userId } : {}),
    ...(form.action ? { action: form.action } : {}),
    ...(form.outcome ? { outcome: form.outcome } : {}),
    ...(recordId ? { recordId } : {}),
  };
}

export function isEmptyFilter(form: AuditFilterForm): boolean {
  return Object.keys(toListFilter(form)).length === 0;
}

function sameFilter(a: AuditFilterForm, b: AuditFilterForm): boolean {
  return (Object.keys(EMPTY_FILTER) as (keyof AuditFilterForm)[]).every((key) => a[key] === b[key]);
}

interface AppliedView {
  readonly filter: AuditFilterForm;
  readonly page: number;
}

export interface AuditView {
  /** What the controls show, including typing not yet applied. */
  readonly form: AuditFilterForm;
  /** What the table shows. */
  readonly applied: AuditFilterForm;
  readonly page: number;
  /** Changes the controls; choices from a list apply at once, typed text once it settles. */
  readonly change: (change: Partial<AuditFilterForm>, at: 'now' | 'settled') => void;
  /** Enter in a field: apply what is typed without waiting. */
  readonly applyNow: () => void;
  readonly clear: () => void;
  readonly goToPage: (page: number) => void;
  /** Everything, at this page: to show a row of the whole log. */
  readonly showUnfilteredPage: (page: number) => void;
}

/** The audit log's filter and page. A new filter starts again at the newest rows. */
export function useAuditView(settleMs = 400): AuditView {
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_FILTER);
  const [view, setView] = useState<AppliedView>({ filter: EMPTY_FILTER, page: 1 });

  useEffect(() => {
    if (sameFilter(form, view.filter)) return undefined;
    const timer = window.setTimeout(() => setView({ filter: form, page: 1 }), settleMs);
    return () => window.clearTimeout(timer);
  }, [form, view.filter, settleMs]);

  return {
    form,
    applied: view.filter,
    page: view.page,
    change: (change, at) => {
      const next = { ...form, ...change };
      setForm(next);
      if (at === 'now') setView({ filter: next, page: 1 });
    },
    applyNow: () => {
      if (!sameFilter(form, view.filter)) setView({ filter: form, page: 1 });
    },
    clear: () => {
      setForm(EMPTY_FILTER);
      setView({ filter: EMPTY_FILTER, page: 1 });
    },
    goToPage: (page) => setView((current) => ({ ...current, page: Math.max(1, page) })),
    showUnfilteredPage: (page) => {
      setForm(EMPTY_FILTER);
      setView({ filter: EMPTY_FILTER, page: Math.max(1, page) });
    },
  };
}
