import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH, verifyChain, type AuditRow } from '../../../electron/audit/auditChain';

type Content = Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>;

function event(index: number, overrides: Partial<Content> = {}): Content {
  return {
    at: `2026-11-29T10:${String(index % 60).padStart(2, '0')}:00.000Z`,
    user_id: 'user-dana',
    username: 'dana',
    action: 'case-viewed',
    record_type: 'case',
    record_id: `case-${index}`,
    outcome: 'ok',
    details: '{}',
    ...overrides,
  };
}

/** Links the events into a chain exactly as the log writes it: numbered from 1, each hashing the one before. */
function chainOf(contents: readonly Content[]): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const content of contents) {
    const base = { ...content, seq: rows.length + 1, prev_hash: rows.at(-1)?.hash ?? GENESIS_HASH };
    rows.push({ ...base, hash: auditHash(base) });
  }
  return rows;
}

const chainOfLength = (length: number) => chainOf(Array.from({ length }, (_, index) => event(index + 1)));
const headOf = (rows: readonly AuditRow[]) => ({ count: rows.length, head: rows.at(-1)?.hash ?? GENESIS_HASH });
/** Re-hashes a row after its content changed, as a careful forger would, so only the link or the head gives it away. */
const rehashed = (row: AuditRow): AuditRow => ({ ...row, hash: auditHash(row) });

const HASHED_FIELDS = ['seq', 'at', 'user_id', 'username', 'action', 'record_type', 'record_id', 'outcome', 'details', 'prev_hash'] as const;

function withChangedField(row: AuditRow, field: (typeof HASHED_FIELDS)[number]): AuditRow {
  switch (field) {
    case 'seq':
      return { ...row, seq: row.seq + 1 };
    case 'outcome':
      return { ...row, outcome: row.outcome === 'ok' ? 'denied' : 'ok' };
    case 'user_id':
    case 'username':
    case 'record_type':
    case 'record_id':
      return { ...row, [field]: row[field] === null ? 'x' : null };
    default:
      return { ...row, [field]: `${row[field]}x` };
  }
}

describe('auditHash', () => {
  const [row] = chainOfLength(1);
  if (!row) throw new Error('no row');

  it('is a SHA-256 hex digest that does not depend on the stored hash itself', () => {
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...row, hash: 'f'.repeat(64) } as AuditRow)).toBe(row.hash);
  });

  it.each(HASHED_FIELDS)('changes when %s changes', (field) => {
    expect(auditHash(withChangedField(row, field))).not.toBe(row.hash);
  });

  it('cannot be fooled by moving text from one field into the next, or null into the string "null"', () => {
    const shifted = { ...row, username: 'danac', action: 'ase-viewed' };
    expect(auditHash({ ...row, username: 'dana', action: 'case-viewed' })).toBe(row.hash);
    expect(auditHash(shifted)).not.toBe(row.hash);
    const nullRecord = { ...row, record_type: null, record_id: null };
    expect(auditHash({ ...nullRecord, record_id: 'null' })).not.toBe(auditHash(nullRecord));
  });
});

describe('verifyChain', () => {
  it('passes an intact chain, with and without the recorded head, and an empty log', async () => {
    const rows = chainOfLength(5);
    expect(await verifyChain(rows, undefined)).toEqual({ intact: true, events: 5 });
    expect(await verifyChain(rows, headOf(rows))).toEqual({ intact: true, events: 5 });
    expect(await verifyChain([], { count: 0, head: GENESIS_HASH })).toEqual({ intact: true, events: 0 });
  });

  it('reads rows from an async source, as the database streams them', async () => {
    const rows = chainOfLength(3);
    async function* stream(): AsyncGenerator<AuditRow> {
      for (const row of rows) yield row;
    }
    expect(await verifyChain(stream(), headOf(rows))).toEqual({ intact: true, events: 3 });
  });

  it('passes a log that grew after its head was recorded (a crash between the commit and the key file)', async () => {
    const rows = chainOfLength(6);
    expect(await verifyChain(rows, headOf(rows.slice(0, 4)))).toEqual({ intact: true, events: 6 });
  });

  it('names an edited row', async () => {
    const rows = chainOfLength(5);
    const edited = rows.map((row) => (row.seq === 3 ? { ...row, details: '{"reason":"covering"}' } : row));
    expect(await verifyChain(edited, headOf(rows))).toEqual({
      intact: false,
      events: 2,
      firstBrokenRow: 3,
      problem: 'Row 3 was changed after it was written.',
    });
  });

  it('names a row deleted from the middle', async () => {
    const rows = chainOfLength(5);
    expect(
      await verifyChain(
        rows.filter((row) => row.seq !== 3),
        headOf(rows),
      ),
    ).toEqual({
      intact: false,
      events: 2,
      firstBrokenRow: 3,
      problem: 'Row 3 is missing (the next row is 4).',
    });
  });

  it('names a row whose link to the previous row is broken, even when its own hash was recomputed', async () => {
    const rows = chainOfLength(5);
    const relinked = rows.map((row) => (row.seq === 4 ? rehashed({ ...row, prev_hash: 'a'.repeat(64) }) : row));
    expect(await verifyChain(relinked, undefined)).toMatchObject({
      intact: false,
      firstBrokenRow: 4,
      problem: 'Row 4 does not link to the row before it.',
    });
  });

  it('names the row after an edited row whose hash was recomputed: the next link no longer fits', async () => {
    const rows = chainOfLength(5);
    const forged = rows.map((row) => (row.seq === 2 ? rehashed({ ...row, user_id: 'user-lee', username: 'lee' }) : row));
    expect(await verifyChain(forged, undefined)).toMatchObject({ intact: false, firstBrokenRow: 3 });
  });

  it('catches rows deleted from the end only through the recorded head', async () => {
    const rows = chainOfLength(6);
    const truncated = rows.slice(0, 4);
    expect(await verifyChain(truncated, undefined)).toEqual({ intact: true, events: 4 });
    expect(await verifyChain(truncated, headOf(rows))).toEqual({
      intact: false,
      events: 4,
      firstBrokenRow: 5,
      problem: 'The log ends at row 4, but 6 rows were recorded: rows 5 to 6 were deleted.',
    });
  });

  it('catches a replaced last row that links and hashes correctly, by the recorded head', async () => {
    const rows = chainOfLength(4);
    const replaced = [...rows.slice(0, 3), ...chainOf([...rows.slice(0, 3), event(99, { action: 'sign-out' })]).slice(3)];
    expect(await verifyChain(replaced, undefined)).toEqual({ intact: true, events: 4 });
    expect(await verifyChain(replaced, headOf(rows))).toEqual({
      intact: false,
      events: 3,
      firstBrokenRow: 4,
      problem: 'Row 4 does not match the last hash recorded outside the log.',
    });
  });
});

const nullableText = fc.option(fc.string({ maxLength: 20 }), { nil: null });
const contentArb: fc.Arbitrary<Content> = fc.record({
  at: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
  user_id: nullableText,
  username: nullableText,
  action: fc.constantFrom('sign-in', 'case-viewed', 'export', 'access-denied'),
  record_type: nullableText,
  record_id: nullableText,
  outcome: fc.constantFrom('ok', 'denied', 'failed'),
  details: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 12 }), fc.integer())).map((value) => JSON.stringify(value)),
});

type Mutation = (row: AuditRow) => AuditRow;
const differentText = (next: string, old: string) => (next === old ? `${old}~` : next);
const differentNullable = (next: string | null, old: string | null) => (next === old ? (old === null ? '' : null) : next);
const text = fc.string({ maxLength: 20 });

/** One field of one row changed to any other value of its type. */
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .integer({ min: -50, max: 50 })
    .filter((delta) => delta !== 0)
    .map((delta): Mutation => (row) => ({ ...row, seq: row.seq + delta })),
  ...(['at', 'action', 'details', 'prev_hash', 'hash'] as const).map((field) =>
    text.map((value): Mutation => (row) => ({ ...row, [field]: differentText(value, row[field]) })),
  ),
  ...(['user_id', 'username', 'record_type', 'record_id'] as const).map((field) =>
    nullableText.map((value): Mutation => (row) => ({ ...row, [field]: differentNullable(value, row[field]) })),
  ),
  fc.constantFrom(1, 2).map((step): Mutation => {
    const outcomes = ['ok', 'denied', 'failed'] as const;
    return (row) => ({ ...row, outcome: outcomes[(outcomes.indexOf(row.outcome) + step) % 3] ?? 'ok' });
  }),
);

describe('verifyChain over generated chains', () => {
  it('reports any single-field change of any row at exactly that row', async () => {
    const scenario = fc
      .array(contentArb, { minLength: 1, maxLength: 12 })
      .chain((contents) => fc.tuple(fc.constant(chainOf(contents)), fc.nat({ max: contents.length - 1 }), mutationArb, fc.boolean()));
    await fc.assert(
      fc.asyncProperty(scenario, async ([rows, index, mutate, withHead]) => {
        const tampered = rows.map((row, at) => (at === index ? mutate(row) : row));
        const verdict = await verifyChain(tampered, withHead ? headOf(rows) : undefined);
        expect(verdict).toMatchObject({ intact: false, firstBrokenRow: index + 1, events: index });
      }),
      { numRuns: 500 },
    );
  });

  it('passes every untouched generated chain', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(contentArb, { maxLength: 12 }), async (contents) => {
        const rows = chainOf(contents);
        expect(await verifyChain(rows, headOf(rows))).toEqual({ intact: true, events: rows.length });
      }),
    );
  });
});
