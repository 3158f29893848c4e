/**
 * Input generators driven by the JSON Schemas `meta.describe` publishes: values that
 * conform (to reach deep into handlers with random but well-formed data), hostile values
 * (wrong types, huge, unicode tricks, prototype keys, database operators, numbers at the
 * edges), and one-field mutations of a known-valid input.
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

/** An object with an own, enumerable property of any name (even `__proto__`). */
export function withKey(obj: Record<string, unknown>, k: string, v: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [kk, vv] of Object.entries(obj)) Object.defineProperty(out, kk, { value: vv, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

// ---------------------------------------------------------------- hostile values

const TRICKY_CHARS = [
  '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', // zero-width
  '\u202A', '\u202B', '\u202D', '\u202E', '\u2066', '\u2067', '\u2069', // bidi overrides
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', // lone surrogates
  '\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u2028', '\u2029', '\uFFFE', '\uFFFF',
  '\u0301', '\u20DD', '\u00A0', '\u3000', '\t', '\n', '\r',
  '😀', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇨🇳', '\uD83D\uDE00',
  'A', 'z', '0', '楼', '道', '灯', 'ｆ', '١', 'ß', 'İ', '$', '.', '/', '\\', '"', "'", '%', '<', '>', '&', '{', '}',
];

export const trickyString = fc.array(fc.constantFrom(...TRICKY_CHARS), { maxLength: 40 }).map((a) => a.join(''));

const SPECIAL_STRINGS = [
  '', ' ', '   ', '\u200B', '\u200B\u200B\u200B', '\u202Egnp.exe', '楼道灯坏了\u202Egnp.exe', '楼道灯坏了\uD800了了', '\uDC00楼道灯坏了',
  'null', 'undefined', 'NaN', 'true', '0', '-0', '1e309', '[]', '{}', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString',
  '$ne', '$gt', '$where', '{"$ne":null}', 'a.b', 'a$b', 'holders.x', 'keys.__proto__',
  '../../etc/passwd', '..', 'cloud://env.bucket/../secret', 'local://uploads/../../x', 'local://uploads/a.jpg', 'cloud://env-1.bucket/a/b.jpg',
  "'; DROP TABLE c_concerns; --", '" OR 1=1 --', "json_extract(doc,'$')", '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '%s%s%s%n',
  'demo', 'other', 'demo-admin', 'other-admin', 'm_00000000000000000000000a', 'br_null', 'cat_demo_repair', 'cat_other_repair',
  'x'.repeat(80), 'x'.repeat(81), 'y'.repeat(513), '楼'.repeat(1000), '楼'.repeat(1001), '😀'.repeat(600),
  '9999-12-31T23:59:59.999Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '2026-11-28', '1970-01-01', 'Invalid Date',
  '20261128-0001', '20261128-00001', '99999999-9999', 'ABCDEFGH', 'abcdefgh', 'ABCD-EFGH', 'ABCDEFG0',
  '09:00', '24:00', '23:60', '9:00', '00:00',
];

export const hugeString = fc.oneof(
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'A'.repeat(n)),
  fc.integer({ min: 1_000, max: 5_000 }).map((n) => '楼'.repeat(n)),
  fc.constant('x'.repeat(200_000)),
);

export const nastyNumber = fc.oneof(
  fc.constantFrom(
    0, -0, 1, -1, 0.5, -0.5, 1e-7, 5e-324, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER, 1e21, 1e308, -1e308, Number.MAX_VALUE, -Number.MAX_VALUE,
    8.64e15, -8.64e15, 8.64e15 + 1, 253402300800000, -62135596800000, 1e13, 99, 100, 101, 999, 1000, 366 * 24 * 3600 * 1000 + 1,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Query operators where an id or value belongs, MongoDB and CloudBase style. */
export const operatorObject = fc.constantFrom<unknown>(
  { $ne: null }, { $gt: '' }, { $gte: 0 }, { $lt: 'z' }, { $exists: true }, { $in: ['demo', 'other'] }, { $nin: [] }, { $regex: '.*' },
  { $where: 'return true' }, { $or: [{}] }, { $inc: 1 }, { $set: { roles: ['admin'] } }, { _id: { $ne: null } },
  JSON.parse('{"__proto__": {"isAdmin": true, "roles": ["admin"]}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  JSON.parse('{"__proto__": null}'),
);

export const weirdContainer = fc.constantFrom<unknown>(
  [], [null], [[]], {}, [{}], { length: 1e9 }, { toString: 'x' }, { valueOf: 1 }, { toJSON: 'x' }, new Array(2000).fill('x'), new Array(500).fill({ a: 1 }),
  JSON.parse('[' + '['.repeat(200) + ']'.repeat(200) + ']'),
);

export const nastyScalar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 2, arbitrary: trickyString },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: nastyScalar },
  { weight: 2, arbitrary: operatorObject },
  { weight: 1, arbitrary: weirdContainer },
  { weight: 1, arbitrary: fc.array(nastyScalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Keys an attacker adds: prototype tricks, operators, identity, garbage. */
export const nastyKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', '$set', '_id', 'communityId', 'openid', 'role', 'roles', 'memberId', 'status', 'version', 'authorId', 'x'.repeat(5000), '', ' ', '\u202E', '\uD800', 'a.b', 'holders.x'),
  fc.string({ maxLength: 12 }),
);

// ---------------------------------------------------------------- conforming values

const TEXTS = ['楼道灯坏了好几天', '3号楼北侧垃圾桶满了没人清运', '已联系物业', '王', '周先生', 'Room 1', '201', '2', 'ok', '法律咨询'];

function typeOf(s: JsonSchema): string | undefined {
  return Array.isArray(s.type) ? s.type[0] : s.type;
}

/** Values that satisfy the schema's shape and bounds (not the refinements it cannot express). */
export function conforming(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.anyOf?.length) return fc.oneof(...schema.anyOf.map((s) => conforming(s, depth)));
  if (schema.oneOf?.length) return fc.oneof(...schema.oneOf.map((s) => conforming(s, depth)));
  if (schema.allOf?.length) return conforming(schema.allOf[0], depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (typeOf(schema)) {
    case 'string': {
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? 40, 60);
      if (schema.pattern) {
        const re = new RegExp(schema.pattern);
        return fc.stringMatching(re).filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity));
      }
      return fc.oneof(
        fc.string({ minLength: min, maxLength: Math.max(min, max) }),
        fc.constantFrom(...TEXTS).filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity)),
        fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.max(min, max) }),
      );
    }
    case 'integer': {
      const min = Math.max(schema.minimum ?? Number.MIN_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);
      const max = Math.min(schema.maximum ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e12, max: schema.maximum ?? 1e12, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (depth > 3) return fc.constant([]);
      const min = schema.minItems ?? 0;
      return fc.array(schema.items ? conforming(schema.items, depth + 1) : fc.jsonValue({ maxDepth: 1 }), { minLength: min, maxLength: Math.max(min, Math.min(schema.maxItems ?? 4, 4)) });
    }
    case 'object': {
      if (depth > 3) return fc.constant({});
      if (schema.propertyNames?.enum && typeof schema.additionalProperties === 'object') {
        return fc.dictionary(fc.constantFrom(...(schema.propertyNames.enum as string[])), conforming(schema.additionalProperties, depth + 1), { maxKeys: 5 });
      }
      const props = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(props)) model[k] = conforming(s, depth + 1);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Same keys as the schema, each present or not, every value hostile. */
export function hostileFields(schema: JsonSchema): fc.Arbitrary<unknown> {
  const props = Object.keys(schema.properties ?? {});
  if (!props.length) return fc.dictionary(nastyKey, nastyValue, { maxKeys: 3 });
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of props) model[k] = nastyValue;
  return fc.record(model, { requiredKeys: [] });
}

// ---------------------------------------------------------------- one-field mutations

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length) out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = clone(root);
  let node = copy as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else if (Array.isArray(node)) node[last as number] = value;
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function schemaAt(schema: JsonSchema, path: Path): JsonSchema | undefined {
  let s: JsonSchema | undefined = schema;
  for (const p of path) {
    if (!s) return undefined;
    s = typeof p === 'number' ? s.items : s.properties?.[p] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
  }
  return s;
}

/** The valid input with exactly one change: a field removed, replaced, or one extra added. */
export function oneFieldMutation(valid: Record<string, unknown>, schema: JsonSchema): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid);
  const objectPaths: Path[] = [[], ...paths.filter((p) => {
    let node: unknown = valid;
    for (const k of p) node = (node as Record<string | number, unknown>)[k];
    return !!node && typeof node === 'object' && !Array.isArray(node);
  })];
  const optional = Object.keys(schema.properties ?? {}).filter((k) => !(k in valid));
  const options: Array<fc.Arbitrary<unknown>> = [
    fc.tuple(fc.constantFrom(...objectPaths), nastyKey, nastyValue).map(([p, k, v]) => {
      if (!p.length) return withKey(valid, k, v);
      return setAt(valid, [...p, k], v);
    }),
  ];
  if (paths.length) {
    options.push(fc.tuple(fc.constantFrom(...paths), nastyValue).map(([p, v]) => setAt(valid, p, v)));
    options.push(fc.constantFrom(...paths).map((p) => setAt(valid, p, undefined, true)));
    options.push(
      fc.constantFrom(...paths).chain((p) => {
        const s = schemaAt(schema, p);
        return (s ? conforming(s) : nastyValue).map((v) => setAt(valid, p, v));
      }),
    );
  }
  if (optional.length) {
    options.push(fc.constantFrom(...optional).chain((k) => fc.oneof(conforming(schema.properties![k]), nastyValue).map((v) => withKey(valid, k, v))));
  }
  return fc.oneof(...options);
}

/** The `data` of an event for one action: mostly near-valid, some wild. */
export function inputFor(schema: JsonSchema, valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(valid) },
    { weight: 5, arbitrary: oneFieldMutation(valid, schema) },
    { weight: 3, arbitrary: conforming(schema) },
    { weight: 2, arbitrary: hostileFields(schema) },
    { weight: 1, arbitrary: nastyValue },
  );
}

export const idempotencyKeyArb = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);

/** Whole events that are wrong at the top: no action, odd types, huge keys. */
export function malformedEvent(actionNames: string[]): fc.Arbitrary<unknown> {
  const action = fc.oneof(
    fc.constantFrom(...actionNames),
    fc.constantFrom<unknown>('', ' ', 'meta.describe ', 'META.DESCRIBE', 'meta.describe\u0000', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'x'.repeat(65), 'x'.repeat(100_000), 'concern', 'concern.', '.get'),
    nastyValue,
  );
  const key = fc.oneof(idempotencyKeyArb, nastyValue, fc.constant('k'.repeat(1_000_000)));
  const event = fc.record(
    { action, data: fc.oneof(nastyValue, fc.constantFrom<unknown>([], 'data', 42, null, [{}], { data: {} })), idempotencyKey: key, extra: nastyValue },
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 6, arbitrary: event },
    { weight: 2, arbitrary: nastyValue },
    { weight: 1, arbitrary: fc.tuple(nastyKey, nastyValue, action).map(([k, v, a]) => withKey({ action: a }, k, v)) },
  );
}
