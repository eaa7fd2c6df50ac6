import { keepPreviousData, useQueries, useQuery, useQueryClient, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { SessionUser } from '../../../shared/contract/auth';
import type { CasePage, CaseSummary, OutsideCaseload } from '../../../shared/contract/cases';
import type { Result } from '../../../shared/contract/result';
import { callOrThrow } from '../api/client';
import { useDebouncedValue } from '../components/useDebouncedValue';
import { CASELOAD_WINDOW_SIZE, caseloadQueryOf, caseloadWindowInput, defaultCaseloadView, type CaseloadQuery } from './caseloadQuery';

/** Rows beyond those in view whose window is fetched ahead, so scrolling on seldom meets a row still loading. */
const READ_AHEAD_ROWS = 40;
/** A window is asked for once the scrolling has rested on it this long: dragging the scrollbar past thousands of rows asks for none of them. */
const WINDOW_SETTLE_MS = 80;

/** Rows in view, by position in the whole caseload (0 is the first case), both ends included. */
export interface RowSpan {
  readonly first: number;
  readonly last: number;
}

interface WindowSpan {
  readonly queryKey: string;
  readonly first: number;
  readonly last: number;
}

export interface CaseloadWindows {
  /** Identifies the filters and sort; it changes exactly when the list starts again. */
  readonly queryKey: string;
  /** Cases matching; undefined until the first answer. */
  readonly total: number | undefined;
  readonly outsideCaseload: OutsideCaseload | null;
  /** The previous filters' rows are still shown while the new ones are on their way. */
  readonly showingPrevious: boolean;
  /** Some row in view is still on its way. */
  readonly loading: boolean;
  readonly error: Error | null;
  readonly shown: RowSpan;
  readonly rowAt: (index: number) => CaseSummary | undefined;
  readonly indexOf: (caseId: string) => number;
  readonly showRows: (rows: RowSpan) => void;
}

function windowKey(query: CaseloadQuery, window: number) {
  return ['cases.list', query, window] as const;
}

/** Only the rows and the first error of the windows fetched, so the result changes only when they do. */
function fetchedWindows(results: readonly UseQueryResult<CasePage>[]): {
  readonly pages: readonly (CasePage | undefined)[];
  readonly error: Error | null;
} {
  return { pages: results.map((result) => result.data), error: results.find((result) => result.error)?.error ?? null };
}

function fetchWindow(query: CaseloadQuery, window: number): Promise<CasePage> {
  return callOrThrow('cases.list', caseloadWindowInput(query, window));
}

/**
 * Asks for a person's default caseload's first rows before its screen is drawn: the main process reads the page
 * while the window renders the signed-in screen, and the caseload's own query then finds the answer, or the call
 * under way. An answer asked for earlier (as the window opened) is used when it came back.
 */
export function prefetchFirstCaseload(queryClient: QueryClient, user: SessionUser, earlyAnswer: Promise<Result<CasePage>> | null = null): void {
  if (user.mustChangePassword) return;
  const query = caseloadQueryOf(defaultCaseloadView(user), '');
  const queryFn = async (): Promise<CasePage> => {
    const early = earlyAnswer === null ? null : await earlyAnswer;
    return early?.ok ? early.value : fetchWindow(query, 0);
  };
  void queryClient.prefetchQuery({ queryKey: windowKey(query, 0), queryFn });
}

/**
 * The caseload fetched a window of rows at a time, only where the person looks. The first window is always
 * held: it carries the total, and keeps the old list on screen while a new filter's first rows arrive.
 */
export function useCaseloadWindows(query: CaseloadQuery): CaseloadWindows {
  const queryClient = useQueryClient();
  const queryKey = JSON.stringify(query);
  const [shown, setShown] = useState<RowSpan & { readonly queryKey: string }>({ queryKey, first: 0, last: 0 });
  const [span, setSpan] = useState<WindowSpan>({ queryKey, first: 0, last: 0 });
  const settledSpan = useDebouncedValue(span, WINDOW_SETTLE_MS);

  const head = useQuery({ queryKey: windowKey(query, 0), queryFn: () => fetchWindow(query, 0), placeholderData: keepPreviousData });
  const headCurrent = head.data !== undefined && !head.isPlaceholderData;
  const lastWindow = headCurrent ? Math.max(0, Math.ceil(head.data.total / CASELOAD_WINDOW_SIZE) - 1) : 0;

  // Windows already fetched are shown at once; others wait for the scrolling to rest.
  const wanted = new Set<number>();
  const spans = [span, settledSpan].filter((candidate) => candidate.queryKey === queryKey);
  for (const candidate of spans) {
    for (let window = Math.max(1, candidate.first); window <= Math.min(candidate.last, lastWindow); window += 1) {
      if (candidate === settledSpan || queryClient.getQueryData(windowKey(query, window)) !== undefined) wanted.add(window);
    }
  }
  const windows = [...wanted].sort((a, b) => a - b);
  const fetched = useQueries({
    queries: windows.map((window) => ({ queryKey: windowKey(query, window), queryFn: () => fetchWindow(query, window), enabled: headCurrent })),
    combine: fetchedWindows,
  });

  const windowList = windows.join(',');
  // The same lookup while the same windows hold the same rows, so the table's effects do not rerun on every scroll.
  const loaded = useMemo(() => {
    const pages = new Map<number, CasePage>();
    if (head.data) pages.set(0, head.data);
    windowList
      .split(',')
      .filter(Boolean)
      .forEach((window, position) => {
        const page = fetched.pages[position];
        if (page) pages.set(Number(window), page);
      });
    return pages;
  }, [head.data, windowList, fetched.pages]);
  const rowAt = useCallback((index: number) => loaded.get(Math.floor(index / CASELOAD_WINDOW_SIZE))?.rows[index % CASELOAD_WINDOW_SIZE], [loaded]);
  const indexOf = useCallback(
    (caseId: string) => {
      for (const [window, page] of loaded) {
        const position = page.rows.findIndex((row) => row.id === caseId);
        if (position >= 0) return window * CASELOAD_WINDOW_SIZE + position;
      }
      return -1;
    },
    [loaded],
  );

  const showRows = useCallback(
    (rows: RowSpan) => {
      setShown((previous) =>
        previous.queryKey === queryKey && previous.first === rows.first && previous.last === rows.last ? previous : { queryKey, ...rows },
      );
      const first = Math.floor(Math.max(0, rows.first - READ_AHEAD_ROWS) / CASELOAD_WINDOW_SIZE);
      const last = Math.floor((rows.last + READ_AHEAD_ROWS) / CASELOAD_WINDOW_SIZE);
      setSpan((previous) =>
        previous.queryKey === queryKey && previous.first === first && previous.last === last ? previous : { queryKey, first, last },
      );
    },
    [queryKey],
  );

  const inView = shown.queryKey === queryKey ? shown : { first: 0, last: 0 };
  let loading = false;
  for (let window = Math.floor(inView.first / CASELOAD_WINDOW_SIZE); window <= Math.floor(inView.last / CASELOAD_WINDOW_SIZE); window += 1) {
    if (!loaded.has(window)) loading = true;
  }
  return {
    queryKey,
    total: head.data?.total,
    outsideCaseload: head.data?.outsideCaseload ?? null,
    showingPrevious: head.isPlaceholderData,
    loading,
    error: head.error ?? fetched.error,
    shown: inView,
    rowAt,
    indexOf,
    showRows,
  };
}
