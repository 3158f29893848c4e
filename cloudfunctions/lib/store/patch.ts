import { Inc, Pull, Push, Unset, type Doc, type Patch } from '../ports/store';
import { assertFieldPath } from './index-check';

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? '[...]' : JSON.stringify(value);
}

/**
 * Walks to the parent of `path`, creating missing objects on the way. A step through a stored
 * null, scalar or array fails as MongoDB fails it (PathNotViable: "Cannot create field 'x' in
 * element {a: null}"), unless `lenient` (unset and pull leave such a path alone, as MongoDB does).
 */
function parentOf(target: Record<string, unknown>, path: string, lenient: boolean): Record<string, unknown> | undefined {
  const parts = path.split('.');
  let node: Record<string, unknown> = target;
  for (let i = 0; i < parts.length - 1; i += 1) {
    const next = node[parts[i]];
    if (next === undefined) {
      if (lenient) return undefined;
      node[parts[i]] = {};
    } else if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      if (lenient) return undefined;
      throw new Error(`Cannot create field '${parts[i + 1]}' in element {${parts[i]}: ${describe(next)}}`);
    }
    node = node[parts[i]] as Record<string, unknown>;
  }
  return node;
}

function setPath(target: Record<string, unknown>, path: string, fn: (old: unknown) => unknown, lenient = false): void {
  const node = parentOf(target, path, lenient);
  if (!node) return;
  const last = path.slice(path.lastIndexOf('.') + 1);
  const value = fn(node[last]);
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/**
 * Applies a patch the way CloudBase's update does (see CloudbaseStore.patch): set (a plain
 * object replaces the field whole), inc, unset, push of one element, pull, by field path. An
 * `undefined` value is ignored, as the SDK drops it. Paths of one patch must not overlap.
 */
export function applyPatch<T extends Doc>(doc: T, patch: Patch): T {
  const out = structuredClone(doc) as Record<string, unknown>;
  const paths = Object.keys(patch).filter((p) => patch[p] !== undefined);
  for (const path of paths) {
    assertFieldPath(path);
    if (path === '_id') throw new Error('_id cannot be updated');
    const clash = paths.find((other) => other.startsWith(`${path}.`));
    if (clash) throw new Error(`Updating the path '${clash}' would create a conflict at '${path}'`);
  }
  for (const path of paths) {
    const value = patch[path];
    if (value instanceof Inc) setPath(out, path, (old) => (typeof old === 'number' ? old : 0) + value.by);
    else if (value instanceof Unset) setPath(out, path, () => undefined, true);
    else if (value instanceof Push) setPath(out, path, (old) => [...(Array.isArray(old) ? old : []), value.value]);
    else if (value instanceof Pull) setPath(out, path, (old) => (Array.isArray(old) ? old.filter((v) => v !== value.value) : old), true);
    else setPath(out, path, () => structuredClone(value));
  }
  return out as T;
}
