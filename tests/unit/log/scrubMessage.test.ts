import { describe, expect, it } from 'vitest';
import { describeError, scrubMessage } from '../../../electron/log/logger';

describe('scrubMessage', () => {
  it.each([
    [`Unexpected token in 'Jane Doe'`, `Unexpected token in '…'`],
    ['value "A-17 Jane" is not valid', 'value "…" is not valid'],
    ['template `x y` here', 'template `…` here'],
    ['phone 5551234567 and year 1980', 'phone # and year #'],
    ['born 1979-06-23 at 2026-11-29T10:00:00Z', 'born (date) at (date)T10:00:00Z'],
    ['SQLITE_CONSTRAINT: UNIQUE constraint failed: cases.mrn', 'SQLITE_CONSTRAINT: UNIQUE constraint failed: cases.mrn'],
  ])('%s', (message, scrubbed) => {
    expect(scrubMessage(message)).toBe(scrubbed);
  });

  it('keeps messages short', () => {
    expect(scrubMessage('x'.repeat(2000))).toHaveLength(500);
  });

  it('describes an error by kind, scrubbed reason and stack frames, never by the message line of its stack', () => {
    const described = describeError(new TypeError("Cannot read 'Maria Lopez'"));
    expect(described).toMatchObject({ error: 'TypeError', reason: "Cannot read '…'" });
    expect(String(described.stack)).not.toContain('Maria');
    expect(String(described.stack)).toMatch(/^\s+at /);
    expect(describeError('Maria Lopez')).toEqual({ error: 'string' });
  });
});
