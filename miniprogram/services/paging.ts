import type { Page } from '../core/action';
import type { Envelope } from '../core/envelope';

/**
 * Reads a short reference list (categories, buildings, communities) page by page, for a
 * picker that needs all of it. The cap keeps a broken cursor from looping forever; a
 * community with more than `maxPages` pages of buildings would need a search, not a picker.
 */
export async function collectPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<Envelope<Page<T>>>,
  maxPages = 10,
): Promise<Envelope<T[]>> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const res = await fetchPage(cursor);
    if (!res.ok) return res;
    items.push(...res.data.items);
    if (!res.data.next || res.data.next === cursor) break;
    cursor = res.data.next;
  }
  return { ok: true, data: items };
}
