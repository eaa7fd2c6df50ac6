import { defaultRangeExtractor, useVirtualizer, type Range, type VirtualItem, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import type { CaseSortKey, CaseSummary } from '../../../shared/contract/cases';
import { CASELOAD_COLUMNS, CaseloadRow, CaseloadSpacer } from './CaseloadRow';
import type { RowSpan } from './useCaseloadWindows';
import '../workflow.css';

/** A typical row (one wrapped line); each row is measured once shown, so this only shapes the scrollbar before that. */
const ESTIMATED_ROW_PX = 52;
const OVERSCAN_ROWS = 6;
const MOVE_KEYS: Readonly<Record<string, number>> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 };
const SCREEN_KEYS: Readonly<Record<string, 1 | -1>> = { PageDown: 1, PageUp: -1 };
const estimateRowSize = () => ESTIMATED_ROW_PX;

/**
 * Rows above the view that change size when measured move the list so the view stays on the same rows (the
 * library's own rule), except at the very end: there the view stays on the last rows, as the browser keeps the
 * scroll inside the list when it gets shorter, rather than being pushed up from them.
 */
function keepViewSteady(item: VirtualItem, _delta: number, instance: Virtualizer<HTMLDivElement, HTMLTableRowElement>): boolean {
  if (instance.getDistanceFromEnd() <= ESTIMATED_ROW_PX) return false;
  const offset = instance.scrollOffset ?? 0;
  const measuredBefore = instance.itemSizeCache.has(item.key);
  return measuredBefore ? item.end <= offset && instance.scrollDirection !== 'backward' : item.start < offset;
}

/** What the page's shortcuts do to the table. */
export interface CaseloadTableControls {
  /** Puts the focus on the current row, scrolling it into view (arrow down from the search box). */
  focusCurrentRow(): void;
  /** Moves the current row one screen down (1) or up (-1), as PageDown and PageUp do in the table. */
  moveByScreen(direction: 1 | -1): void;
}

interface Props {
  /** Cases matching the filters: the table is as tall as all of them, but only the rows in view exist. */
  readonly total: number;
  readonly rowAt: (index: number) => CaseSummary | undefined;
  /** Where a case now is among the loaded rows, or -1. */
  readonly indexOf: (caseId: string) => number;
  /** Changes with every filter or sort: the list starts again from its first row. */
  readonly queryKey: string;
  readonly busy: boolean;
  readonly sortBy: CaseSortKey;
  readonly sortDir: 'asc' | 'desc';
  readonly onSort: (key: CaseSortKey) => void;
  readonly onOpen: (row: CaseSummary, index: number) => void;
  readonly onRowsShown: (rows: RowSpan) => void;
  readonly today: string;
  /** Where the list was left, and the case opened last: scrolled to and focused when the table appears again. */
  readonly restore: { readonly firstRow: number; readonly lastOpened: { readonly caseId: string; readonly index: number } | null };
  readonly controls: Ref<CaseloadTableControls>;
}

export function CaseloadTable(props: Props) {
  const { total, rowAt, indexOf, queryKey, busy, onRowsShown, restore, controls } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const headerHeight = useHeaderHeight(scrollRef);
  const [active, setActive] = useState(() => restore.lastOpened?.index ?? restore.firstRow);
  const current = Math.max(0, Math.min(active, total - 1));
  const focusRequest = useRef<number | null>(null);
  const pendingRestore = useRef(restore.lastOpened?.caseId ?? null);

  // The focused row stays rendered while it is scrolled away, so the focus is never lost to the page.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (current < range.count && !indexes.includes(current)) return [...indexes, current].sort((a, b) => a - b);
      return indexes;
    },
    [current],
  );
  // No React Compiler here: the virtualizer's changing methods are read fresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateRowSize,
    overscan: OVERSCAN_ROWS,
    // The rows scroll under the sticky header: they start below it, and a row scrolled to is not hidden by it.
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
    rangeExtractor,
    useFlushSync: false,
  });

  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = keepViewSteady;
  // getVirtualItems() brings the range up to date with the scroll position, so it is read first. The first row in
  // view is the one just below the sticky header, where a row scrolled to with align 'start' lands.
  const items = virtualizer.getVirtualItems();
  const firstShown = virtualizer.getVirtualItemForOffset((virtualizer.scrollOffset ?? 0) + headerHeight)?.index ?? 0;
  const lastShown = Math.min(virtualizer.range?.endIndex ?? 0, total - 1);
  useEffect(() => {
    if (total > 0) onRowsShown({ first: firstShown, last: lastShown });
  }, [firstShown, lastShown, total, onRowsShown]);

  // A row already in the page takes the focus now; one scrolled to from far away once it is drawn.
  const focusRow = useCallback((index: number) => {
    const element = bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`);
    if (element) element.focus({ preventScroll: true });
    else focusRequest.current = index;
  }, []);
  const moveFocus = useCallback(
    (index: number) => {
      if (total === 0) return;
      const next = Math.max(0, Math.min(index, total - 1));
      setActive(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
      focusRow(next);
    },
    [total, virtualizer, focusRow],
  );
  const moveByScreen = useCallback(
    (direction: 1 | -1) => {
      const screen = Math.max(1, lastShown - firstShown);
      moveFocus(current + direction * screen);
    },
    [firstShown, lastShown, current, moveFocus],
  );
  useImperativeHandle(controls, () => ({ focusCurrentRow: () => moveFocus(current), moveByScreen }), [moveFocus, moveByScreen, current]);

  // A new filter or sort is a new list: back to its top, as turning to page 1 was.
  const shownQuery = useRef(queryKey);
  useEffect(() => {
    if (shownQuery.current === queryKey) return;
    shownQuery.current = queryKey;
    setActive(0);
    virtualizer.scrollToOffset(0);
  }, [queryKey, virtualizer]);

  useLayoutEffect(() => {
    if (restore.firstRow > 0) virtualizer.scrollToIndex(Math.min(restore.firstRow, total - 1), { align: 'start' });
    // Only when the table first appears: later the person scrolls themselves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const caseId = pendingRestore.current;
    const row = rowAt(current);
    if (caseId !== null && row) {
      pendingRestore.current = null;
      const stillFocusable = document.activeElement === document.body || document.activeElement?.id === 'main';
      // Where it was, the list is already scrolled to it; a case that has moved is scrolled to.
      if (stillFocusable && row.id === caseId) focusRow(current);
      else if (stillFocusable && indexOf(caseId) >= 0) moveFocus(indexOf(caseId));
    }
    const requested = focusRequest.current;
    const element = requested === null ? null : bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${requested}"]`);
    if (element) {
      focusRequest.current = null;
      element.focus({ preventScroll: true });
    }
  });

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const step = MOVE_KEYS[event.key];
    const screen = SCREEN_KEYS[event.key];
    const row = rowAt(index);
    if (step !== undefined) moveFocus(index + step);
    else if (screen !== undefined) moveByScreen(screen);
    else if (event.key === 'Home') moveFocus(0);
    else if (event.key === 'End') moveFocus(total - 1);
    else if (event.key === 'Enter' && row) props.onOpen(row, index);
    else return;
    event.preventDefault();
  };

  const body: ReactNode[] = [];
  let reached = headerHeight;
  for (const item of items) {
    body.push(<CaseloadSpacer key={`gap-${item.index}`} height={item.start - reached} />);
    reached = item.end;
    body.push(
      <CaseloadRow
        key={item.index}
        row={rowAt(item.index)}
        index={item.index}
        active={item.index === current}
        today={props.today}
        measure={virtualizer.measureElement}
        onFocus={setActive}
        onKeyDown={onRowKeyDown}
        onOpen={props.onOpen}
      />,
    );
  }
  body.push(<CaseloadSpacer key="end" height={virtualizer.getTotalSize() - reached} />);

  return (
    <div className="table-scroll" ref={scrollRef} aria-busy={busy}>
      <table className="caseload-table" aria-label="Caseload" aria-rowcount={total + 1}>
        <colgroup>
          {CASELOAD_COLUMNS.map((column) => (
            <col key={column.label} style={{ width: column.width }} />
          ))}
        </colgroup>
        <CaseloadHeader sortBy={props.sortBy} sortDir={props.sortDir} onSort={props.onSort} />
        <tbody ref={bodyRef}>{body}</tbody>
      </table>
    </div>
  );
}

function CaseloadHeader({ sortBy, sortDir, onSort }: Pick<Props, 'sortBy' | 'sortDir' | 'onSort'>) {
  return (
    <thead>
      <tr aria-rowindex={1}>
        {CASELOAD_COLUMNS.map((column) => {
          if (column.sortKey === null) {
            return (
              <th key={column.label} scope="col" className="plain-header">
                {column.label}
              </th>
            );
          }
          const sortKey = column.sortKey;
          const sorted = sortKey === sortBy;
          return (
            <th key={column.label} scope="col" aria-sort={sorted ? (sortDir === 'asc' ? 'ascending' : 'descending') : 'none'}>
              <button type="button" className="sort-button" onClick={() => onSort(sortKey)}>
                {column.label}
                <span aria-hidden="true" className="sort-indicator">
                  {sorted ? (sortDir === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/** The sticky header's height, which the rows start below; it changes when the window is resized. */
function useHeaderHeight(scrollRef: { readonly current: HTMLDivElement | null }): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const header = scrollRef.current?.querySelector('thead');
    if (!header) return undefined;
    const update = () => setHeight(header.offsetHeight);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(header);
    return () => observer.disconnect();
  }, [scrollRef]);
  return height;
}
