import type { Page } from '../core/action';
import type { Envelope } from '../core/envelope';
import { supersede, type ListRun } from './page-state';

/** What a paged list needs of its page or component: only setData. */
export interface ListHost {
  setData(patch: Record<string, unknown>): void;
}

/** The setData keys one list renders into; two lists on a page use two sets. */
export interface ListKeys {
  /** The rows. */
  items: string;
  /** More pages wait behind the "加载更多" button. */
  more: string;
  loadingMore: string;
  /** A failed first page: the list is not shown, a retry is. */
  error: string;
  /** A failed later page: the rows stay, the message sits under them. */
  moreError: string;
  /** The first page has answered at least once, well or not. */
  loaded: string;
}

export const DEFAULT_KEYS: ListKeys = {
  items: 'items',
  more: 'hasMore',
  loadingMore: 'loadingMore',
  error: 'error',
  moreError: 'moreError',
  loaded: 'loaded',
};

/** Keys for a second list on a page: `queue`, `queueMore`, `queueLoadingMore`, `queueError`… */
export function prefixedKeys(name: string): ListKeys {
  return {
    items: name,
    more: `${name}More`,
    loadingMore: `${name}LoadingMore`,
    error: `${name}Error`,
    moreError: `${name}MoreError`,
    loaded: `${name}Loaded`,
  };
}

export interface PagedListSpec<Q, T, R> {
  /** One page of the list for `query`, from `cursor` (undefined = the first page). */
  fetch(query: Q, cursor: string | undefined): Promise<Envelope<Page<T>>>;
  /** The display row for one item, so setData carries display text only; `host` for its state. */
  row(item: T, host: ListHost): R;
  keys?: Partial<ListKeys>;
  /** Items already shown are skipped when a later page brings them again (e.g. added here). */
  sameItem?(a: T, b: T): boolean;
}

/**
 * One paged list of one page instance. Raw items stay here, out of setData, so a page can
 * read what it does not render (a message's link, a photo's file id) by row index.
 */
export class PagedList<Q, T, R> {
  private readonly run: ListRun = { gen: 0, busy: false };
  private next: string | undefined;
  private query: Q | undefined;
  private readonly keys: ListKeys;
  /** The items on screen, in row order. */
  items: T[] = [];
  /** The first page has been read successfully at least once. */
  loaded = false;

  constructor(
    private readonly host: ListHost,
    private readonly spec: PagedListSpec<Q, T, R>,
  ) {
    this.keys = { ...DEFAULT_KEYS, ...spec.keys };
  }

  /** Changes with every reload: work started under an older value is stale. */
  get generation(): number {
    return this.run.gen;
  }

  get hasMore(): boolean {
    return !!this.next;
  }

  /**
   * Reads the first page again, with a new query or the last one. Supersedes a load-more
   * in flight: its answer is dropped, and it does not keep the list "busy" even if this
   * reload fails. Resolves true when its answer is the one on screen.
   */
  async reload(query?: Q): Promise<boolean> {
    if (query !== undefined) this.query = query;
    const gen = supersede(this.run);
    const res = await this.spec.fetch(this.query as Q, undefined);
    if (gen !== this.run.gen) return false;
    const k = this.keys;
    if (!res.ok) {
      this.host.setData({ [k.loaded]: true, [k.error]: res.error.message, [k.loadingMore]: false });
      return false;
    }
    // Also drops a load-more started during the reload: it used the old cursor.
    supersede(this.run);
    this.items = res.data.items.slice();
    this.next = res.data.next;
    this.loaded = true;
    this.host.setData({
      [k.loaded]: true,
      [k.error]: '',
      [k.moreError]: '',
      [k.items]: this.items.map((t) => this.spec.row(t, this.host)),
      [k.more]: this.hasMore,
      [k.loadingMore]: false,
    });
    return true;
  }

  /** Appends the next page, once at a time. Resolves true when rows were appended. */
  async loadMore(): Promise<boolean> {
    if (!this.next || this.run.busy) return false;
    this.run.busy = true;
    const gen = this.run.gen;
    const k = this.keys;
    this.host.setData({ [k.loadingMore]: true, [k.moreError]: '' });
    const res = await this.spec.fetch(this.query as Q, this.next);
    if (gen !== this.run.gen) return false;
    this.run.busy = false;
    if (!res.ok) {
      this.host.setData({ [k.loadingMore]: false, [k.moreError]: res.error.message });
      return false;
    }
    const same = this.spec.sameItem;
    const fresh = same ? res.data.items.filter((t) => !this.items.some((x) => same(x, t))) : res.data.items;
    // Append by index path so setData carries only the new rows, not the whole list.
    const patch: Record<string, unknown> = { [k.loadingMore]: false, [k.more]: !!res.data.next };
    fresh.forEach((t, i) => {
      patch[`${k.items}[${this.items.length + i}]`] = this.spec.row(t, this.host);
    });
    this.items.push(...fresh);
    this.next = res.data.next;
    this.host.setData(patch);
    return true;
  }

  /** Puts an item an action answered with in place of the one with the same key, or appends it. */
  put(item: T, same: (a: T, b: T) => boolean): number {
    const i = this.items.findIndex((x) => same(x, item));
    const at = i >= 0 ? i : this.items.length;
    this.items[at] = item;
    this.host.setData({ [`${this.keys.items}[${at}]`]: this.spec.row(item, this.host) });
    return at;
  }

  /** Takes items out (decided, reviewed): the list is a few pages at most, resent whole. */
  remove(gone: (item: T) => boolean): void {
    this.items = this.items.filter((t) => !gone(t));
    this.host.setData({ [this.keys.items]: this.items.map((t) => this.spec.row(t, this.host)) });
  }

  /** Renders every row again, when something a row shows (a grid's name) changed elsewhere. */
  rerender(): void {
    this.host.setData({ [this.keys.items]: this.items.map((t) => this.spec.row(t, this.host)) });
  }

  /** Forgets the list (a tab switch): rows go, answers in flight are dropped. */
  clear(): void {
    supersede(this.run);
    this.items = [];
    this.next = undefined;
    this.loaded = false;
    const k = this.keys;
    this.host.setData({ [k.items]: [], [k.more]: false, [k.loadingMore]: false, [k.loaded]: false, [k.error]: '', [k.moreError]: '' });
  }
}

/**
 * Declares a paged list once per page module; `list(this)` gives this instance's list, so
 * two open copies of a page never share a cursor.
 */
export function pagedList<Q, T, R>(spec: PagedListSpec<Q, T, R>): (host: ListHost) => PagedList<Q, T, R> {
  const lists = new WeakMap<ListHost, PagedList<Q, T, R>>();
  return (host) => {
    let list = lists.get(host);
    if (!list) {
      list = new PagedList(host, spec);
      lists.set(host, list);
    }
    return list;
  };
}
