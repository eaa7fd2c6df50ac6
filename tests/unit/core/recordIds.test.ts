import { describe, expect, it } from 'vitest';
import { createRecordIds, newRecordId } from '../../../electron/core/recordIds';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millisecondsOf = (id: string): number => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('record ids (UUID version 7)', () => {
  it('are version 7 UUIDs with the RFC 9562 variant, stamped with the time they were made', () => {
    const before = Date.now();
    const id = newRecordId();
    expect(id).toMatch(UUID_V7);
    expect(millisecondsOf(id)).toBeGreaterThanOrEqual(before);
    expect(millisecondsOf(id)).toBeLessThanOrEqual(Date.now());
  });

  it('sort in the order they were made, within one millisecond and across many, and never repeat', () => {
    let now = 1_764_400_000_000;
    const next = createRecordIds(() => now);
    const ids: string[] = [];
    for (let index = 0; index < 20_000; index += 1) {
      if (index % 7_000 === 0) now += 1;
      ids.push(next());
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
  });

  it('keep going forward when the clock goes back', () => {
    let now = 1_764_400_000_000;
    const next = createRecordIds(() => now);
    const first = next();
    now -= 60_000;
    const second = next();
    expect(second > first).toBe(true);
    expect(millisecondsOf(second)).toBe(millisecondsOf(first));
  });
});
