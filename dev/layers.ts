/**
 * The import directions that keep features apart and the domain free of adapters:
 *
 *   core ← ports ← kernel ← features ← app (manifests, actions, sweep) ← wiring
 *   adapters (store, platform) ← wiring only
 *
 * plus no import cycle between folders (feature folders count one each). `npm run
 * check:layers` runs it in CI; test/dev/layers.test.ts plants violations to prove it bites.
 * Type-only imports count: a cycle of types is still two folders that cannot move apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

type Layer = 'core' | 'ports' | 'kernel' | 'features' | 'app' | 'adapters' | 'wiring' | 'client';

/** Which layers each layer may import from (its own always included). */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  core: [],
  ports: ['core'],
  kernel: ['core', 'ports'],
  features: ['core', 'ports', 'kernel'],
  app: ['core', 'ports', 'kernel', 'features'],
  adapters: ['core', 'ports'],
  wiring: ['core', 'ports', 'kernel', 'features', 'app', 'adapters'],
  client: ['core'],
};

/** The layer of a file, by path relative to the repository root; undefined = not checked. */
export function layerOf(rel: string): Layer | undefined {
  if (rel.startsWith('miniprogram/core/')) return 'core';
  if (rel.startsWith('miniprogram/')) return 'client';
  if (rel.startsWith('cloudfunctions/lib/ports/')) return 'ports';
  if (rel.startsWith('cloudfunctions/lib/kernel/')) return 'kernel';
  if (rel.startsWith('cloudfunctions/lib/features/')) return 'features';
  if (rel.startsWith('cloudfunctions/lib/store/') || rel.startsWith('cloudfunctions/lib/platform/')) return 'adapters';
  if (rel.startsWith('cloudfunctions/lib/wiring/') || rel.startsWith('cloudfunctions/api/') || rel.startsWith('cloudfunctions/sweep/') || rel.startsWith('dev/')) return 'wiring';
  if (rel.startsWith('cloudfunctions/lib/')) return 'app';
  return undefined;
}

const ENTRY_POINTS = ['miniprogram/core/contracts.ts', 'miniprogram/app.ts'];

/** The folder a file counts in for the cycle check: each feature and each core contract apart. */
export function unitOf(rel: string): string {
  // Entry points that gather everything sit above the folder they live in.
  if (ENTRY_POINTS.includes(rel)) return rel;
  const feature = /^cloudfunctions\/lib\/features\/([^/]+)\//.exec(rel);
  if (feature) return `features/${feature[1]}`;
  const contract = /^miniprogram\/core\/([^/]+)\//.exec(rel);
  if (contract) return `core/${contract[1]}`;
  return path.dirname(rel);
}

export interface Violation {
  kind: 'direction' | 'cycle';
  message: string;
}

function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!['node_modules', 'miniprogram_npm', 'dist'].includes(e.name)) walk(p);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return out;
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Every relative import between checked files, as [from, to] paths relative to root. */
export function importEdges(root: string, dirs: readonly string[] = ['miniprogram', 'cloudfunctions', 'dev']): Array<[string, string]> {
  const edges: Array<[string, string]> = [];
  for (const file of sourceFiles(root, dirs)) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const imported of info.importedFiles) {
      if (!imported.fileName.startsWith('.')) continue;
      const target = resolveImport(file, imported.fileName);
      if (target) edges.push([path.relative(root, file), path.relative(root, target)]);
    }
  }
  return edges;
}

/** Strongly connected components of more than one folder (Tarjan). */
function folderCycles(edges: Array<[string, string]>): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const [a, b] of edges) {
    const ua = unitOf(a);
    const ub = unitOf(b);
    if (!graph.has(ua)) graph.set(ua, new Set());
    if (!graph.has(ub)) graph.set(ub, new Set());
    if (ua !== ub) graph.get(ua)!.add(ub);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

export function checkLayers(root: string, dirs?: readonly string[]): Violation[] {
  const edges = importEdges(root, dirs);
  const violations: Violation[] = [];
  for (const [from, to] of edges) {
    const a = layerOf(from);
    const b = layerOf(to);
    if (!a || !b || a === b) continue;
    if (!ALLOWED[a].includes(b)) violations.push({ kind: 'direction', message: `${from} (${a}) imports ${to} (${b})` });
  }
  for (const cycle of folderCycles(edges)) {
    const links = edges.filter(([a, b]) => cycle.includes(unitOf(a)) && cycle.includes(unitOf(b)) && unitOf(a) !== unitOf(b));
    violations.push({
      kind: 'cycle',
      message: `import cycle between ${cycle.join(', ')}: ${links.slice(0, 6).map(([a, b]) => `${a} → ${b}`).join('; ')}`,
    });
  }
  return violations;
}

if (process.argv[1]?.endsWith('layers.ts')) {
  const violations = checkLayers(path.resolve(__dirname, '..'));
  for (const v of violations) console.error(`${v.kind}: ${v.message}`);
  if (violations.length) {
    console.error(`${violations.length} layer violation(s)`);
    process.exit(1);
  }
  console.log('layers: every import goes the allowed way, no folder cycles');
}
