/**
 * Per-page state that is not rendered (ids behind a picker, cursors, idempotency keys).
 * Keeping it out of `data` keeps setData small; keeping it in a WeakMap keyed by the
 * component instance keeps two open copies of a page apart and needs no `this` typing.
 */
export function instanceState<T extends object>(init: () => T): (owner: object) => T {
  const map = new WeakMap<object, T>();
  return (owner) => {
    let state = map.get(owner);
    if (!state) {
      state = init();
      map.set(owner, state);
    }
    return state;
  };
}

/** Bookkeeping of a paged list that is not rendered. */
export interface ListRun {
  /** Bumped by every reload; an answer carrying an older number is dropped. */
  gen: number;
  /** A load-more is in flight. */
  busy: boolean;
}

/**
 * Starts a reload: any load-more still in flight is superseded (its answer will be dropped),
 * so the list must not stay "busy" on its account — even if this reload then fails.
 */
export function supersede(run: ListRun): number {
  run.busy = false;
  run.gen += 1;
  return run.gen;
}
