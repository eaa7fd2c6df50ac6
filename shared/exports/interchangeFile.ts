import { REDISCLOSURE_NOTICE } from '../domain/confidentiality';

/**
 * The interchange formats (assessments v1, episodes v1) are JSON arrays. A file Stepwise exports wraps the array
 * in an object that carries the 42 CFR part 2 redisclosure notice first, since JSON has no comments and the
 * items' own fields are fixed: `{ "notice": "...", "assessments": [...] }` or `{ "notice": "...", "episodes": [...] }`.
 * The CLIs read both the bare array and exactly this wrapper.
 */
export type InterchangeListKey = 'assessments' | 'episodes';

export type NoticeWrapped<K extends InterchangeListKey, T> = { readonly notice: string } & { readonly [key in K]: readonly T[] };

export function wrapWithNotice<K extends InterchangeListKey, T>(key: K, items: readonly T[]): NoticeWrapped<K, T> {
  return { notice: REDISCLOSURE_NOTICE, [key]: items } as NoticeWrapped<K, T>;
}

/**
 * The array inside an exported file; anything else is returned unchanged for the caller to judge. Only an object
 * with exactly the two keys `notice` (text) and the list is unwrapped, so other objects keep their old meaning.
 */
export function unwrapNoticeFile(data: unknown, key: InterchangeListKey): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const keys = Object.keys(data);
  if (keys.length !== 2 || !keys.includes('notice') || !keys.includes(key)) return data;
  const record = data as Record<string, unknown>;
  return typeof record.notice === 'string' && Array.isArray(record[key]) ? record[key] : data;
}
