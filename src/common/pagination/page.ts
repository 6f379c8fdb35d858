import { badRequest } from '../http/problem.exception';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** A page of a list, newest first; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `?limit=` (1..200, default 50); anything else is 400 naming it. */
export function pageSize(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PAGE_SIZE;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badRequest(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}.`, [
      { pointer: '/limit', detail: `must be an integer from 1 to ${MAX_PAGE_SIZE}` },
    ]);
  }
  return size;
}

/** Cursors are opaque to clients: base64url JSON of the sort key of the last item. */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(raw: string | undefined, arity: number): (string | number)[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const position: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(position) &&
      position.length === arity &&
      position.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return position;
    }
  } catch {
    // falls through to the 400 below
  }
  throw invalidCursor();
}

export const invalidCursor = () =>
  badRequest('cursor is not one this service issued.', [{ pointer: '/cursor', detail: 'is invalid' }]);

/** Fetch `size + 1` rows; the extra one only tells whether another page exists. */
export function toPage<Row, Item>(
  rows: Row[],
  size: number,
  positionOf: (row: Row) => (string | number)[],
  toItem: (row: Row) => Item,
): Page<Item> {
  const items = rows.slice(0, size);
  const last = items[items.length - 1];
  return {
    items: items.map(toItem),
    nextCursor: rows.length > size && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}
