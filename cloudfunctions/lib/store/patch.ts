import { Inc, Pull, Push, Unset, type Doc, type Patch } from '../ports/store';
import { assertFieldPath } from './index-check';

function setPath(target: Record<string, unknown>, path: string, fn: (old: unknown) => unknown): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  const value = fn(node[last]);
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** Applies a patch the way CloudBase's update does: set, inc, unset, push by field path. */
export function applyPatch<T extends Doc>(doc: T, patch: Patch): T {
  const out = structuredClone(doc) as Record<string, unknown>;
  for (const [path, value] of Object.entries(patch)) {
    assertFieldPath(path);
    if (path === '_id') throw new Error('_id cannot be updated');
    if (value instanceof Inc) setPath(out, path, (old) => (typeof old === 'number' ? old : 0) + value.by);
    else if (value instanceof Unset) setPath(out, path, () => undefined);
    else if (value instanceof Push) setPath(out, path, (old) => [...(Array.isArray(old) ? old : []), value.value]);
    else if (value instanceof Pull) setPath(out, path, (old) => (Array.isArray(old) ? old.filter((v) => v !== value.value) : old));
    else setPath(out, path, () => value);
  }
  return out as T;
}
