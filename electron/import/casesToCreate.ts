import type { CaseRow } from '../../shared/import/rows';
import type { CheckedRow } from './planImport';

/** A case the import would create: the file's row and the clinician it names. Its id is given when it is written. */
export interface CaseToCreate {
  readonly row: CaseRow;
  readonly clinicianId: string | null;
}

export interface ListedCases {
  readonly rowNumbers: readonly number[];
  readonly clinicianIds: readonly (string | null)[];
}

/**
 * The cases an import would create, listed by their row numbers and the clinicians they name: the rows themselves are
 * kept once, in the check's store, and read from it again when the cases are written, in the file's order.
 */
export class CasesToCreate {
  constructor(
    private readonly rowNumbers: number[] = [],
    private readonly clinicianIds: (string | null)[] = [],
  ) {}

  /** The list as `listed()` gave it (from another thread). */
  static of(listed: ListedCases): CasesToCreate {
    if (listed.rowNumbers.length !== listed.clinicianIds.length) throw new Error('Each listed case needs its clinician (or null)');
    return new CasesToCreate([...listed.rowNumbers], [...listed.clinicianIds]);
  }

  get size(): number {
    return this.rowNumbers.length;
  }

  /** The list as plain data, to cross to another thread. */
  listed(): ListedCases {
    return { rowNumbers: [...this.rowNumbers], clinicianIds: [...this.clinicianIds] };
  }

  add(rowNumber: number, clinicianId: string | null): void {
    this.rowNumbers.push(rowNumber);
    this.clinicianIds.push(clinicianId);
  }

  /** The listed cases with their rows, from the rows they were checked from (in the same order). */
  *from(rows: Iterable<CheckedRow>): Generator<CaseToCreate> {
    let next = 0;
    for (const checked of rows) {
      if (next === this.rowNumbers.length) return;
      if (checked.row !== this.rowNumbers[next]) continue;
      yield { row: checked.value as CaseRow, clinicianId: this.clinicianIds[next] ?? null };
      next += 1;
    }
    if (next < this.rowNumbers.length) throw new Error(`Row ${this.rowNumbers[next] ?? '?'} of the plan is not among the checked rows`);
  }
}
