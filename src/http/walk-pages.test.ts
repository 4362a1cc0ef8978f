import { describe, expect, test } from 'bun:test';
import { walkPages } from './walk-pages.ts';

async function collect<T>(walk: AsyncGenerator<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const items of walk) all.push(...items);
  return all;
}

describe('walkPages', () => {
  test('follows cursors to the end', async () => {
    const pages: Record<string, { items: number[]; next: string | null }> = { start: { items: [1, 2], next: 'b' }, b: { items: [3], next: null } };
    expect(await collect(walkPages(async (cursor) => pages[cursor ?? 'start']!))).toEqual([1, 2, 3]);
  });

  test('a repeated cursor ends with api_error instead of looping', async () => {
    const next: Record<string, string> = { start: 'a', a: 'b', b: 'a' };
    const walk = collect(walkPages(async (cursor) => ({ items: [cursor], next: next[String(cursor ?? 'start')]! }), { label: 'members of group 7' }));
    await expect(walk).rejects.toMatchObject({ code: 'api_error', message: expect.stringContaining('members of group 7') });
  });

  test('more than maxPages pages ends with api_error', async () => {
    const walk = collect(walkPages(async (cursor) => ({ items: [], next: Number(cursor ?? 0) + 1 }), { maxPages: 5 }));
    await expect(walk).rejects.toMatchObject({ code: 'api_error', message: expect.stringContaining('more than 5 pages') });
  });
});
