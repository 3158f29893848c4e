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
