/**
 * What `zod` is on the device (dev/build.ts bundles this file as miniprogram_npm/zod): a
 * stand-in that lets the shared contracts (core/**) be defined at load without zod itself,
 * which lives in its own subpackage (vendor/zod, ≈125 KB) and is fetched with WeChat's
 * `require.async` (分包异步化, base library ≥ 2.11.2) so it is not part of the main package.
 *
 * Each builder call made before zod has arrived is recorded as a node; the node builds the
 * real schema the first time it is used, with the same arguments, so the device still runs
 * exactly the schemas the server runs (one definition, core/**). Once zod is loaded every
 * node is transparent: members are the real schema's members. Parsing before zod has
 * arrived throws rather than answering wrongly: callers wait for `whenLoaded()` (services/schemas.ts).
 * Reading data off a schema at load (its shape, its options) would give a node, not data:
 * the contracts do not, and the equivalence test (test/miniprogram/services/lazy-zod.test.ts)
 * builds every contract both ways and compares them.
 */

type Real = Record<string | symbol, unknown>;
type Loader = () => Promise<{ z: Real }>;

interface LazyNode {
  resolve(): unknown;
}

/** Where the stand-in finds its node. */
const NODE = Symbol('lazy-zod-node');
/** What `{ ...node }` copies: the node, so the real value's fields can be put in its place. */
const SPREAD = Symbol('lazy-zod-spread');
/** Members that answer about data: before zod is here they cannot be answered truly. */
const PARSERS = /^(parse|safeParse|parseAsync|safeParseAsync|spa|decode|encode|safeDecode|safeEncode|decodeAsync|encodeAsync|safeDecodeAsync|safeEncodeAsync)$/;

let real: Real | undefined;
let loading: Promise<boolean> | undefined;
/** Calls made for their effect (the global config), replayed first when zod arrives. */
const effects: Array<() => void> = [];

type AsyncRequire = { async(path: string): Promise<unknown> };
// Written as the literal call WeChat's compiler looks for: it is how the compiler knows the
// file is used and keeps it in the upload. The path is relative to where this file ends up,
// miniprogram_npm/zod/index.js; WeChat downloads the subpackage (app.json: vendor/zod) if
// it is not there yet.
let loader: Loader = () => (require as unknown as AsyncRequire).async('../../vendor/zod/index.js') as Promise<{ z: Real }>;

function nodeOf(v: unknown): LazyNode | undefined {
  if ((typeof v === 'function' || typeof v === 'object') && v !== null) return (v as { [NODE]?: LazyNode })[NODE];
  return undefined;
}

function isPlain(v: unknown): v is Record<string | symbol, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** An argument as zod should see it: nodes built, inside arrays and plain objects too. */
function materialize(v: unknown): unknown {
  const node = nodeOf(v);
  if (node) return node.resolve();
  if (Array.isArray(v)) return v.map(materialize);
  if (!isPlain(v)) return v;
  const out: Record<string | symbol, unknown> = {};
  // `{ ...node, key }` copies the node under NODE: its real value's fields come first.
  const spread = (v as { [SPREAD]?: LazyNode })[SPREAD];
  if (spread) Object.assign(out, spread.resolve());
  for (const key of Object.keys(v)) {
    const d = Object.getOwnPropertyDescriptor(v, key);
    // A getter is zod's way to refer to a schema defined later: it stays a getter.
    if (d?.get) Object.defineProperty(out, key, { enumerable: true, configurable: true, get: () => materialize(d.get?.call(v)) });
    else out[key] = materialize(v[key]);
  }
  return out;
}

function lazy(make: () => unknown, invoke?: (args: unknown[]) => unknown): unknown {
  let built = false;
  let value: unknown;
  const node: LazyNode = {
    resolve() {
      if (!built) {
        if (!real) throw new Error('zod 尚未加载');
        value = make();
        built = true;
      }
      return value;
    },
  };
  const call = invoke ?? ((args: unknown[]) => (node.resolve() as (...a: unknown[]) => unknown)(...args.map(materialize)));
  return new Proxy(() => undefined, {
    get(_target, prop) {
      // A spread reads the key it was told of (ownKeys) with a get.
      if (prop === NODE || prop === SPREAD) return node;
      // Not a promise, not iterable, no primitive value: a node is only a schema.
      if (typeof prop === 'symbol' || prop === 'then') return undefined;
      if (real) {
        const self = node.resolve() as Real;
        const member = self[prop];
        return typeof member === 'function' ? (member as (...a: unknown[]) => unknown).bind(self) : member;
      }
      if (PARSERS.test(prop)) throw new Error('zod 尚未加载，无法校验');
      return lazy(
        () => (node.resolve() as Real)[prop],
        (args) => {
          const self = node.resolve() as Real;
          return (self[prop] as (...a: unknown[]) => unknown).apply(self, args.map(materialize));
        },
      );
    },
    apply(_target, _this, args: unknown[]) {
      return real ? call(args) : lazy(() => call(args));
    },
    ownKeys: () => [SPREAD],
    getOwnPropertyDescriptor: (_target, key) => (key === SPREAD ? { value: node, enumerable: true, configurable: true, writable: false } : undefined),
  });
}

const root = lazy(() => real) as Real;

/** The device's `z`: the real one once loaded; before, the recorder. */
export const z = new Proxy(root, {
  get(target, prop) {
    if (real) return real[prop];
    // The global config (locale, plain-Chinese issues) is an effect: it runs on arrival.
    if (prop === 'config') {
      return (...args: unknown[]) => {
        effects.push(() => (real?.config as (...a: unknown[]) => unknown)(...args.map(materialize)));
      };
    }
    return target[prop];
  },
});

/** Fetches zod once (again after a failure); true when schemas can run. Never rejects. */
export function whenLoaded(): Promise<boolean> {
  if (real) return Promise.resolve(true);
  loading ??= loader().then(
    (mod) => {
      real = mod.z;
      for (const effect of effects.splice(0)) effect();
      return true;
    },
    () => {
      loading = undefined;
      return false;
    },
  );
  return loading;
}

/** True once zod is here: a synchronous check may run. */
export function isLoaded(): boolean {
  return real !== undefined;
}

/** Tests load zod from node_modules instead of a subpackage. */
export function setLoader(l: Loader): void {
  loader = l;
}
