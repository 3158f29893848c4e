/**
 * Identity comes from the platform, never from the event — proven on the source. Every file
 * under cloudfunctions/lib/features and cloudfunctions/lib/kernel except the wrapper itself
 * (kernel/dispatch.ts) is parsed; none may reach the event or a platform identity source,
 * handlers get a context without the event, and the wrapper hands on only the validated
 * `data` and the platform's openid.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { makeContext, type HandlerContext } from '../../../cloudfunctions/lib/kernel/action';
import { FEATURE_REGISTRY } from '../../../cloudfunctions/lib/manifests';
import { ANONYMOUS } from '../../../cloudfunctions/lib/kernel/caller';
import { createHarness } from '../../support/harness';

const ROOT = path.resolve(__dirname, '../../..');
const LIB = path.join(ROOT, 'cloudfunctions/lib');
const WRAPPER = path.join(LIB, 'kernel/dispatch.ts');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return tsFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

const rel = (f: string) => path.relative(ROOT, f);
const where = (sf: ts.SourceFile, n: ts.Node) => `${rel(sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;

/** Names that only exist to carry a platform identity or the raw event. */
const IDENTITY_SOURCES = new Set(['rawEvent', 'userInfo', 'getUserInfo', 'getWXContext', 'ActionEvent', 'WX_OPENID', 'WX_CONTEXT_KEYS', 'WX_UNIONID', 'callFunction']);
const IDENTITY_STRINGS = /x-wx-openid|WX_OPENID|WX_CONTEXT_KEYS|OPENID|TCB_CONTEXT/;
/** Fields that would say who the caller is, what they may do, or where they belong. */
const IDENTITY_FIELDS = new Set(['openid', 'openId', 'OPENID', '_openid', 'unionid', 'unionId', 'userInfo', 'role', 'roles', 'memberId', 'communityId', 'gridIds', 'householdId', 'caller']);
/** Names a raw event would go by. */
const EVENT_NAMES = /^(event|evt|ev|rawEvent|wxEvent|cloudEvent)$/;

function isEventLike(expr: ts.Expression): boolean {
  if (ts.isIdentifier(expr)) return EVENT_NAMES.test(expr.text);
  if (ts.isPropertyAccessExpression(expr)) return EVENT_NAMES.test(expr.name.text);
  return false;
}

function findings(file: string): string[] {
  const sf = parse(file);
  const out: string[] = [];
  walk(sf, (n) => {
    if (ts.isIdentifier(n) && IDENTITY_SOURCES.has(n.text)) out.push(`${where(sf, n)} uses ${n.text}`);
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && IDENTITY_STRINGS.test(n.text)) out.push(`${where(sf, n)} names a platform identity source "${n.text}"`);
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'process' && n.name.text === 'env') {
      out.push(`${where(sf, n)} reads process.env (configuration reaches use cases through deps)`);
    }
    if (ts.isPropertyAccessExpression(n) && IDENTITY_FIELDS.has(n.name.text) && isEventLike(n.expression)) {
      out.push(`${where(sf, n)} reads ${n.getText(sf)} from an event`);
    }
    if (ts.isElementAccessExpression(n) && ts.isStringLiteral(n.argumentExpression) && IDENTITY_FIELDS.has(n.argumentExpression.text) && isEventLike(n.expression)) {
      out.push(`${where(sf, n)} reads ${n.getText(sf)} from an event`);
    }
    // const { openid } = event
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isObjectBindingPattern(n.name) && isEventLike(n.initializer)) {
      for (const el of n.name.elements) {
        const name = (el.propertyName ?? el.name).getText(sf);
        if (IDENTITY_FIELDS.has(name)) out.push(`${where(sf, el)} destructures ${name} from an event`);
      }
    }
    // function f({ openid }: SomeEvent) — a parameter destructuring identity out of an event type
    if (ts.isParameter(n) && ts.isObjectBindingPattern(n.name) && n.type && /Event\b/.test(n.type.getText(sf))) {
      for (const el of n.name.elements) {
        const name = (el.propertyName ?? el.name).getText(sf);
        if (IDENTITY_FIELDS.has(name)) out.push(`${where(sf, el)} destructures ${name} from an event parameter`);
      }
    }
  });
  return out;
}

describe('use cases and the kernel never read identity from the event', () => {
  const files = [...tsFiles(path.join(LIB, 'features')), ...tsFiles(path.join(LIB, 'kernel'))].filter((f) => f !== WRAPPER);

  it('scans a real tree', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.map(rel)).toEqual(expect.arrayContaining(['cloudfunctions/lib/kernel/action.ts', 'cloudfunctions/lib/kernel/caller.ts']));
  });

  it('finds no read of identity, role, grid or community from an event, and no platform identity source', () => {
    const all = files.flatMap(findings);
    if (all.length) throw new Error(`identity read outside the wrapper:\n  ${all.join('\n  ')}`);
  });

  it('would notice such a read (the check itself works)', () => {
    const tmp = path.join(require('node:os').tmpdir(), `proof-identity-${process.pid}.ts`);
    fs.writeFileSync(
      tmp,
      [
        'export function h(event: any, ctx: any) {',
        '  const { openid, roles } = event;',
        '  const c = event.userInfo.openId;',
        '  const g = ctx.event.gridIds;',
        "  const r = event['role'];",
        '  return [openid, roles, c, g, r, process.env.WX_OPENID];',
        '}',
        'export const f = ({ communityId }: ActionEvent) => communityId;',
      ].join('\n'),
    );
    try {
      const found = findings(tmp).join('\n');
      for (const expected of ['destructures openid', 'destructures roles', 'event.userInfo', 'ctx.event.gridIds', "event['role']", 'process.env', 'WX_OPENID', 'ActionEvent', 'destructures communityId']) {
        expect(found).toContain(expected);
      }
    } finally {
      fs.unlinkSync(tmp);
    }
  });
});

describe('a handler is given a context without the event', () => {
  const FORBIDDEN_MEMBERS = /event|raw|request|userInfo|openid|context|headers|platform/i;

  it('declares no event-like member on HandlerContext', () => {
    const sf = parse(path.join(LIB, 'kernel/action.ts'));
    let members: string[] | undefined;
    walk(sf, (n) => {
      if (ts.isInterfaceDeclaration(n) && n.name.text === 'HandlerContext') members = n.members.map((m) => m.name?.getText(sf) ?? '?');
    });
    expect(members).toBeDefined();
    expect(members).toEqual(expect.arrayContaining(['input', 'caller']));
    expect(members!.filter((m) => FORBIDDEN_MEMBERS.test(m))).toEqual([]);
  });

  it('takes no event when making a context, and builds one with none', async () => {
    const sf = parse(path.join(LIB, 'kernel/action.ts'));
    let params: string[] | undefined;
    walk(sf, (n) => {
      if (ts.isFunctionDeclaration(n) && n.name?.text === 'makeContext') params = n.parameters.map((p) => p.name.getText(sf));
    });
    expect(params).toBeDefined();
    expect(params!.filter((p) => FORBIDDEN_MEMBERS.test(p))).toEqual([]);

    const h = await createHarness({ seed: false });
    try {
      const ctx = makeContext(h.deps, FEATURE_REGISTRY, ANONYMOUS, { any: 'input' }, 0) as HandlerContext<unknown> & Record<string, unknown>;
      expect(Object.keys(ctx).filter((k) => FORBIDDEN_MEMBERS.test(k))).toEqual([]);
      expect(ctx.caller).toBe(ANONYMOUS);
    } finally {
      h.close();
    }
  });
});

// Compile-time: `npm run typecheck` fails if HandlerContext ever grows an event.
type AssertTrue<T extends true> = T;
export type HandlerContextHasNoEvent = AssertTrue<Extract<keyof HandlerContext<unknown>, 'event' | 'rawEvent' | 'userInfo' | 'openid'> extends never ? true : false>;

describe('the wrapper passes on only the platform openid and the validated data', () => {
  const sf = parse(WRAPPER);
  const calls = (name: string) => {
    const out: ts.CallExpression[] = [];
    walk(sf, (n) => {
      if (ts.isCallExpression(n) && n.expression.getText(sf) === name) out.push(n);
    });
    return out;
  };

  it('reads the raw event in one place only: the top-level schema', () => {
    const uses: string[] = [];
    walk(sf, (n) => {
      if (ts.isIdentifier(n) && n.text === 'rawEvent' && !ts.isParameter(n.parent)) uses.push(n.parent.getText(sf));
    });
    expect(uses).toEqual(['eventSchema.safeParse(rawEvent)']);
  });

  it('lets the top-level schema keep only action, data and idempotencyKey', () => {
    let keys: string[] | undefined;
    walk(sf, (n) => {
      if (ts.isVariableDeclaration(n) && n.name.getText(sf) === 'eventSchema' && n.initializer && ts.isCallExpression(n.initializer)) {
        const obj = n.initializer.arguments[0];
        if (obj && ts.isObjectLiteralExpression(obj)) keys = obj.properties.map((p) => p.name?.getText(sf) ?? '?');
      }
    });
    expect(keys?.sort()).toEqual(['action', 'data', 'idempotencyKey']);
    // z.object (not passthrough/loose): unknown top-level keys are dropped before anything reads them.
    expect(sf.getFullText()).not.toMatch(/eventSchema[\s\S]{0,200}\.(passthrough|loose)\(/);
  });

  it('resolves the caller from the openid the platform gave, nothing else', () => {
    const resolve = calls('resolveCaller');
    // resolveCallerWith reads the member record together with the action's prefetch: its third
    // argument names other documents to read, never who calls (the record's id is derived from
    // the openid inside, as in resolveCaller).
    const withParts = calls('resolveCallerWith');
    expect(resolve.length + withParts.length).toBeGreaterThan(0);
    for (const c of resolve) expect(c.arguments.map((a) => a.getText(sf))).toEqual(['openid', 'deps']);
    for (const c of withParts) expect(c.arguments.map((a) => a.getText(sf))).toEqual(['openid', 'deps', 'parts']);
    // …and that openid is the destructured DispatchOptions parameter.
    let fromOptions = false;
    walk(sf, (n) => {
      if (ts.isParameter(n) && ts.isObjectBindingPattern(n.name) && n.type?.getText(sf) === 'DispatchOptions') {
        fromOptions = n.name.elements.some((e) => e.name.getText(sf) === 'openid');
      }
    });
    expect(fromOptions).toBe(true);
  });

  it('gives the handler the validated data, not the event', () => {
    const make = calls('makeContext');
    expect(make).toHaveLength(1);
    const args = make[0].arguments.map((a) => a.getText(sf));
    expect(args.filter((a) => /event/i.test(a))).toEqual([]);
    expect(args).toContain('input.data');
  });

  it('takes identity from the call context in the function entry, never from the event', () => {
    const entry = parse(path.join(LIB, 'api-function.ts'));
    const identityCalls: string[] = [];
    walk(entry, (n) => {
      if (ts.isCallExpression(n) && n.expression.getText(entry) === 'identity') identityCalls.push(n.arguments.map((a) => a.getText(entry)).join(','));
    });
    expect(identityCalls).toEqual(['context']);
  });
});
