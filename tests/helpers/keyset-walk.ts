// Walks a keyset list (docs/architecture.md §3 "Lists") through every page forward, then back from the last page
// to the first, so a test can assert that each row comes exactly once, in order, both ways.
import { expect } from "vitest";

export interface CursorPage<T> {
  rows: T[];
  nextCursor: string | null;
  previousCursor: string | null;
}

/** One page of the list: the first (no cursor), or the one after or before a cursor. */
export type ReadPage<T> = (cursor: { after?: string; before?: string }) => Promise<CursorPage<T>>;

/** Every page, following Next from the first page, then Previous from the last back to the first. */
export async function walkKeyset<T>(read: ReadPage<T>, limit: number): Promise<{ forward: T[][]; backward: T[][] }> {
  let page = await read({});
  expect(page.previousCursor).toBeNull();
  const forward = [page.rows];
  while (page.nextCursor) {
    page = await read({ after: page.nextCursor });
    expect(page.previousCursor).not.toBeNull();
    forward.push(page.rows);
  }
  const backward = [page.rows];
  while (page.previousCursor) {
    page = await read({ before: page.previousCursor });
    expect(page.nextCursor).not.toBeNull();
    backward.unshift(page.rows);
  }
  for (const rows of [...forward, ...backward]) expect(rows.length).toBeLessThanOrEqual(limit);
  return { forward, backward };
}
