/**
 * `npm run deploy`: from a clean checkout to a CloudBase environment with Tencent's own
 * tooling, and nothing else to click but the checklist it prints at the end.
 *   1. builds the functions (`npm run build`) and stages the mini-program with a config.ts
 *      generated for the environment, compiled by WeChat's compiler;
 *   2. deploys `api` and `sweep` with their runtime, timeout, memory, variables and timer
 *      trigger (@cloudbase/manager-node, the library under `tcb fn deploy`);
 *   3. creates missing collections and indexes and sets permissions (same library);
 *   4. uploads the mini-program (miniprogram-ci).
 * Every step compares with what is online first, so a second run changes nothing.
 * `npm run deploy -- --dry-run` does step 1 and prints the plan: no network, no keys.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildAll } from './build';
import { compileMiniprogram, PROJECT_IGNORES, type CompileReport } from './compile-miniprogram';
import { cloudAppConfig, cloudbaserc, deployPlan, formatPlan, type Plan, type PlannedFunction, type PlannedIndex } from './deploy-plan';
import { operatorEnv } from './operator-store';

const ROOT = path.resolve(__dirname, '..');
const STAGE = path.join(ROOT, '.deploy', 'project');

/** What the deploy needs of an environment; `managerTarget` is the real one, tests use a fake. */
export interface DeployTarget {
  /** undefined when the function does not exist yet. */
  functionState(name: string): Promise<{ runtime: string; triggers: PlannedFunction['triggers'] } | undefined>;
  /** Creates the function or replaces its code and configuration (not its triggers). */
  deployFunction(f: PlannedFunction, functionRoot: string): Promise<void>;
  deleteTrigger(functionName: string, triggerName: string): Promise<void>;
  createTriggers(functionName: string, triggers: PlannedFunction['triggers']): Promise<void>;
  /** True when it had to be created. */
  ensureCollection(name: string): Promise<boolean>;
  indexNames(collection: string): Promise<string[]>;
  createIndexes(collection: string, indexes: PlannedIndex[]): Promise<void>;
  permission(resourceType: 'collection' | 'storage', resource: string): Promise<string | undefined>;
  setPermission(resourceType: 'collection' | 'storage', resource: string, permission: string): Promise<void>;
}

export interface ApplyReport {
  /** One line per change made; empty on a run that found everything in place. */
  changes: string[];
  /** Online state the deploy leaves alone (indexes it did not create, a runtime it cannot change). */
  notes: string[];
}

const sameTrigger = (a: PlannedFunction['triggers'][number], b: PlannedFunction['triggers'][number]) => a.name === b.name && a.type === b.type && a.config === b.config;

export async function applyPlan(plan: Plan, target: DeployTarget, functionRoot: string): Promise<ApplyReport> {
  if (plan.blockers.length) throw new Error(`not deploying: ${plan.blockers.join('; ')}`);
  const changes: string[] = [];
  const notes: string[] = [];

  for (const f of plan.functions) {
    const before = await target.functionState(f.name);
    await target.deployFunction(f, functionRoot);
    changes.push(before ? `函数 ${f.name}：代码与配置已更新` : `函数 ${f.name}：已创建（${f.runtime}）`);
    if (before && before.runtime !== f.runtime) notes.push(`函数 ${f.name} 线上运行时为 ${before.runtime}，创建后不能更改；要换到 ${f.runtime} 须删除后重新部署`);
    const online = before?.triggers ?? [];
    for (const t of online.filter((o) => !f.triggers.some((p) => sameTrigger(o, p)))) {
      await target.deleteTrigger(f.name, t.name);
      changes.push(`函数 ${f.name}：删除触发器 ${t.name}（${t.config}）`);
    }
    const missing = f.triggers.filter((p) => !online.some((o) => sameTrigger(o, p)));
    if (missing.length) {
      await target.createTriggers(f.name, missing);
      changes.push(...missing.map((t) => `函数 ${f.name}：创建触发器 ${t.name}（${t.config}）`));
    }
  }

  for (const c of plan.collections) {
    if (await target.ensureCollection(c.name)) changes.push(`集合 ${c.name}：已创建`);
    const existing = await target.indexNames(c.name);
    const missing = c.indexes.filter((ix) => !existing.includes(ix.name));
    if (missing.length) {
      await target.createIndexes(c.name, missing);
      changes.push(...missing.map((ix) => `集合 ${c.name}：创建索引 ${ix.name}`));
    }
    const extra = existing.filter((n) => n !== '_id_' && !c.indexes.some((ix) => ix.name === n));
    if (extra.length) notes.push(`集合 ${c.name} 有代码未声明的索引（保留不动）：${extra.join(', ')}`);
    if ((await target.permission('collection', c.name)) !== c.permission) {
      await target.setPermission('collection', c.name, c.permission);
      changes.push(`集合 ${c.name}：权限设为 ${c.permission}`);
    }
  }

  if ((await target.permission('storage', '*')) !== plan.storage.permission) {
    await target.setPermission('storage', '*', plan.storage.permission);
    changes.push(`云存储：权限设为 ${plan.storage.permission}`);
  }
  return { changes, notes };
}

/** Function code is uploaded on every run (it is what a deploy is for); say it apart from real changes. */
export const isCodeUpload = (line: string) => line.endsWith('代码与配置已更新');

interface ManagerApp {
  functions: {
    getFunctionDetail(name: string): Promise<{ Runtime?: string; Triggers?: Array<{ TriggerName: string; Type: string; TriggerDesc: string }> }>;
    createFunction(p: { func: Record<string, unknown>; functionRootPath: string; force: boolean }): Promise<unknown>;
    deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>;
    createFunctionTriggers(name: string, triggers: PlannedFunction['triggers']): Promise<unknown>;
  };
  database: {
    createCollectionIfNotExists(name: string): Promise<{ IsCreated?: boolean }>;
    describeCollection(name: string): Promise<{ Indexes?: Array<{ Name: string }> }>;
    updateCollection(name: string, info: { CreateIndexes: Array<{ IndexName: string; MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean } }> }): Promise<unknown>;
  };
  storage: {
    getStorageAcl(): Promise<string>;
    setStorageAcl(acl: string): Promise<unknown>;
  };
  permission: {
    describeResourcePermission(o: { resourceType: string; resources?: string[] }): Promise<{ Data?: { PermissionList?: Array<{ Resource?: string; Permission?: string }> } }>;
    modifyResourcePermission(o: { resourceType: string; resource: string; permission: string }): Promise<unknown>;
  };
}

const isNotFound = (err: unknown) => /ResourceNotFound|not exist|不存在/i.test(String((err as { code?: string }).code ?? '') + String((err as Error).message ?? ''));

/** @cloudbase/manager-node behind the port. Triggers are handled apart so unchanged ones stay. */
export function managerTarget(app: ManagerApp): DeployTarget {
  return {
    async functionState(name) {
      try {
        const d = await app.functions.getFunctionDetail(name);
        return { runtime: d.Runtime ?? '', triggers: (d.Triggers ?? []).map((t) => ({ name: t.TriggerName, type: t.Type, config: t.TriggerDesc })) };
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    async deployFunction(f, functionRoot) {
      const func = { name: f.name, handler: f.handler, runtime: f.runtime, timeout: f.timeout, memorySize: f.memorySize, installDependency: f.installDependency, envVariables: f.envVariables, description: f.description };
      await app.functions.createFunction({ func, functionRootPath: functionRoot, force: true });
    },
    async deleteTrigger(name, triggerName) {
      await app.functions.deleteFunctionTrigger(name, triggerName);
    },
    async createTriggers(name, triggers) {
      await app.functions.createFunctionTriggers(name, triggers);
    },
    async ensureCollection(name) {
      return Boolean((await app.database.createCollectionIfNotExists(name)).IsCreated);
    },
    async indexNames(collection) {
      return ((await app.database.describeCollection(collection)).Indexes ?? []).map((ix) => ix.Name);
    },
    async createIndexes(collection, indexes) {
      await app.database.updateCollection(collection, {
        CreateIndexes: indexes.map((ix) => ({ IndexName: ix.name, MgoKeySchema: { MgoIndexKeys: ix.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })), MgoIsUnique: false } })),
      });
    },
    async permission(resourceType, resource) {
      if (resourceType === 'storage') return app.storage.getStorageAcl();
      const res = await app.permission.describeResourcePermission({ resourceType, resources: [resource] });
      return (res.Data?.PermissionList ?? []).find((p) => p.Resource === resource)?.Permission;
    },
    async setPermission(resourceType, resource, permission) {
      if (resourceType === 'storage') await app.storage.setStorageAcl(permission);
      else await app.permission.modifyResourcePermission({ resourceType, resource, permission });
    },
  };
}

/** A copy of the project whose config.ts points at the environment; the tracked one stays local. */
export function stageMiniprogram(plan: Plan, stage = STAGE): string {
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  fs.cpSync(path.join(ROOT, 'miniprogram'), path.join(stage, 'miniprogram'), { recursive: true, filter: (src) => !src.endsWith('.test.ts') });
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(stage, 'tsconfig.json'));
  const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(path.join(stage, 'project.config.json'), `${JSON.stringify({ ...project, appid: plan.miniprogram.appid ?? project.appid, cloudfunctionRoot: undefined }, null, 2)}\n`);
  fs.writeFileSync(path.join(stage, 'miniprogram', 'config.ts'), cloudAppConfig(plan.miniprogram.cloudEnv ?? 'TCB_ENV-未设置'));
  return stage;
}

interface UploadCi {
  Project: new (o: { appid: string; type: string; projectPath: string; privateKeyPath: string; ignores: string[] }) => unknown;
  upload(o: { project: unknown; version: string; desc: string; setting: Record<string, unknown>; robot: number; onProgressUpdate(m: unknown): void }): Promise<{ subPackageInfo?: Array<{ name: string; size: number }> }>;
}

async function uploadMiniprogram(plan: Plan, stage: string, keyPath: string): Promise<string> {
  const ci = (await import('miniprogram-ci')) as unknown as UploadCi;
  const project = new ci.Project({ appid: plan.miniprogram.appid as string, type: 'miniProgram', projectPath: stage, privateKeyPath: keyPath, ignores: PROJECT_IGNORES });
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const res = await ci.upload({ project, version, desc: `npm run deploy · ${new Date().toISOString().slice(0, 16)}`, setting: { useProjectConfig: true }, robot: 1, onProgressUpdate: () => undefined });
  const total = (res.subPackageInfo ?? []).find((p) => p.name === '__FULL__')?.size;
  return `小程序 ${version} 已上传${total ? `（整包 ${(total / 1024).toFixed(1)} KB）` : ''}，在小程序后台「版本管理」设为体验版或提交审核`;
}

const say = (...lines: string[]) => console.log(lines.join('\n'));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function formatCompile(r: CompileReport): string {
  return `微信编译器编译 ${r.files} 个文件（${r.seconds} s）：主包 ${kb(r.mainBytes)}${Object.entries(r.subpackageBytes).map(([k, v]) => `，${k} ${kb(v)}`).join('')}`;
}

async function cli(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  const env = operatorEnv();
  const plan = deployPlan(env);
  const built = await buildAll();
  const stage = stageMiniprogram(plan);
  const compiled = await compileMiniprogram(stage);
  console.log(formatPlan(plan));
  say('', '构建', ...Object.entries(built.functions).map(([n, { bytes }]) => `  dist/cloudfunctions/${n}/index.js  ${kb(bytes)}`), `  ${formatCompile(compiled)}`);
  if (dryRun) {
    say('', plan.blockers.length ? `--dry-run：未连接任何服务。真正部署前须修正上面 ${plan.blockers.length} 项。` : '--dry-run：未连接任何服务。去掉 --dry-run 即按上面的计划部署。');
    return;
  }
  if (plan.blockers.length) throw new Error(`不能部署：${plan.blockers.join('；')}`);
  // The same plan for `tcb fn deploy --all --force` by hand; git-ignored, it holds the values.
  fs.writeFileSync(path.join(ROOT, 'cloudbaserc.json'), `${JSON.stringify(cloudbaserc(plan), null, 2)}\n`);
  const CloudBase = (await import('@cloudbase/manager-node')).default as unknown as new (o: Record<string, string>) => ManagerApp;
  const app = new CloudBase({ secretId: env.TCB_SECRET_ID as string, secretKey: env.TCB_SECRET_KEY as string, envId: plan.envId as string });
  const report = await applyPlan(plan, managerTarget(app), path.join(ROOT, 'dist', 'cloudfunctions'));
  const real = report.changes.filter((c) => !isCodeUpload(c));
  say('', '已部署', ...report.changes.map((c) => `  ${c}`), real.length ? '' : '  （除函数代码外线上已与计划一致，无其他改动）');
  if (report.notes.length) say('', '注意', ...report.notes.map((n) => `  ${n}`));
  say('', await uploadMiniprogram(plan, stage, env.LINLI_UPLOAD_KEY as string));
  say('', '还须在控制台完成：', ...plan.checklist.map((c, i) => `  ${i + 1}. ${c}`));
}

if (process.argv[1]?.endsWith('deploy.ts')) {
  cli().then(
    // miniprogram-ci keeps its compiler worker alive after answering.
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
