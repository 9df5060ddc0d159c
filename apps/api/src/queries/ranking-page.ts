import { ProblemException } from '../http/problem';

/** Columns a ranking (or a list) may be sorted by; `-` in front sorts descending. */
export const RANKING_SORTS = [
  'rank',
  'partnerId',
  'name',
  'connectedClients',
  'payingClients',
  'itsProfConnections',
  'retail',
  'discount',
  'net',
] as const;
export type RankingSort = (typeof RANKING_SORTS)[number];
export const SORT_PATTERN = new RegExp(`^-?(${RANKING_SORTS.join('|')})$`);

const MONEY_COLUMNS = new Set(['retail', 'discount', 'net']);

/** Rows whose partner id or name holds `search`, case-insensitively. The rank stays the ranking's. */
export function searchRows<T extends { partnerId: string; name: string }>(
  rows: T[],
  search: string | undefined,
): T[] {
  const needle = search?.trim().toLocaleLowerCase('ru');
  if (!needle) return rows;
  return rows.filter(
    (r) =>
      r.partnerId.toLocaleLowerCase('ru').includes(needle) ||
      r.name.toLocaleLowerCase('ru').includes(needle),
  );
}

/** Rows sorted by a column (ties keep the ranking's order). */
export function sortRows<T extends object>(rows: T[], sort: string | undefined): T[] {
  if (!sort || sort === 'rank') return rows;
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as keyof T;
  const value = (row: T): number | string => {
    const v = row[key] as unknown;
    return MONEY_COLUMNS.has(String(key)) ? Number(v) : (v as number | string);
  };
  const sign = descending ? -1 : 1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const x = value(a.row);
      const y = value(b.row);
      const c = typeof x === 'string' ? x.localeCompare(String(y), 'ru') : x - (y as number);
      return c !== 0 ? sign * c : a.i - b.i;
    })
    .map(({ row }) => row);
}

/** A cursor is the offset of the next row, opaque to clients. */
export const encodeCursor = (offset: number) =>
  Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o: unknown };
    if (Number.isSafeInteger(o) && (o as number) >= 0) return o as number;
  } catch {
    // falls through to the refusal
  }
  throw new ProblemException(400, 'VALIDATION_FAILED', 'cursor is not one this service gave', [
    { field: 'cursor', message: 'must be a nextCursor from a previous page' },
  ]);
}

/** One page of rows from the cursor on, and the cursor of the next page (null on the last). */
export function pageOf<T>(rows: T[], limit: number, cursor: string | undefined) {
  const offset = decodeCursor(cursor);
  const items = rows.slice(offset, offset + limit);
  const next = offset + limit < rows.length ? encodeCursor(offset + limit) : null;
  return { items, nextCursor: next, total: rows.length };
}
