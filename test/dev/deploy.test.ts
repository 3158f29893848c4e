/**
 * `npm run deploy` puts into CloudBase exactly what the code declares, refuses to run with a
 * missing or broken variable, never prints a secret, and a second run changes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLLECTIONS } from '../../cloudfunctions/lib/manifests';
import { applyPlan, isCodeUpload, managerTarget, stageMiniprogram, type DeployTarget } from '../../dev/deploy';
import { SWEEP_SETUP } from '../../bench/sweep';
import { cloudbaserc, deployPlan, DEPLOY_VARIABLES, formatPlan, FUNCTION_NAMES, FUNCTION_VARIABLES, indexName, type Plan, type PlannedFunction, type PlannedIndex } from '../../dev/deploy-plan';

const ROOT = path.resolve(__dirname, '../..');
const KEY = Buffer.alloc(32, 7).toString('base64');
const FULL_ENV = {
  TCB_ENV: 'linli-prod-1a2b3c',
  TCB_SECRET_ID: 'AKIDsecretid',
  TCB_SECRET_KEY: 'very-secret-key-value',
  LINLI_UPLOAD_KEY: './private.upload.key',
  LINLI_DATA_KEY: KEY,
  LINLI_APPID: 'wx0123456789abcdef',
  LINLI_ADMIN_OPENIDS: 'demo:oAdmin123456',
};

/** Every source file of the functions (what gets bundled), tests excluded. */
function functionSources(dir = path.join(ROOT, 'cloudfunctions')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? functionSources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the plan holds everything the code declares', () => {
  const plan = deployPlan(FULL_ENV);

  it('deploys every cloud function folder, on Node 18, with no online install', () => {
    const folders = fs.readdirSync(path.join(ROOT, 'cloudfunctions')).filter((d) => fs.existsSync(path.join(ROOT, 'cloudfunctions', d, 'index.ts')));
    expect(plan.functions.map((f) => f.name).sort()).toEqual([...folders].sort());
    expect([...FUNCTION_NAMES].sort()).toEqual([...folders].sort());
    for (const f of plan.functions) {
      expect(f).toMatchObject({ runtime: 'Nodejs18.15', handler: 'index.main', installDependency: false, dir: `dist/cloudfunctions/${f.name}` });
      expect(f.timeout).toBeGreaterThanOrEqual(10);
      expect(f.timeout).toBeLessThanOrEqual(60);
    }
  });

  it('carries each function’s trigger and open-API permissions from its config.json', () => {
    for (const f of plan.functions) {
      const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', f.name, 'config.json'), 'utf8'));
      expect(f.triggers).toEqual(config.triggers ?? []);
      expect(f.openapi).toEqual(config.permissions.openapi);
    }
    expect(plan.functions.find((f) => f.name === 'sweep')?.triggers).toEqual([expect.objectContaining({ type: 'timer' })]);
  });

  it('gives the sweep the time limit its round-trip budget and bench (g) are sized for', () => {
    expect(plan.functions.find((f) => f.name === 'sweep')?.timeout).toBe(SWEEP_SETUP.limitMs / 1000);
    expect(SWEEP_SETUP.limitMs).toBe(20_000);
  });

  it('names every variable the function code reads, and reads every variable it names', () => {
    const read = new Set(functionSources().flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/process\.env\.(LINLI_[A-Z_]+)/g)].map((m) => m[1])));
    expect([...read].sort()).toEqual(FUNCTION_VARIABLES.map((v) => v.name).sort());
  });

  it('creates every collection the manifests declare, each index named after its fields, admin-only', () => {
    expect(plan.collections.map((c) => c.name).sort()).toEqual(Object.keys(COLLECTIONS).sort());
    for (const c of plan.collections) {
      expect(c.permission).toBe('ADMINONLY');
      expect(c.indexes.map((ix) => ix.keys.map((k) => k.field))).toEqual(COLLECTIONS[c.name].map((ix) => [...ix]));
      expect(c.indexes.map((ix) => ix.name)).toEqual(COLLECTIONS[c.name].map((ix) => indexName(ix)));
    }
    expect(indexName(['communityId', 'createdAt', '_id'])).toBe('communityId_1_createdAt_1__id_1');
    expect(plan.storage.permission).toBe('PRIVATE');
  });

  it('prints every function setting, trigger, variable, collection and index, and no secret', () => {
    const text = formatPlan(plan);
    for (const f of plan.functions) {
      expect(text).toContain(`${f.name}  ${f.runtime}  index.main  超时 ${f.timeout} s  内存 ${f.memorySize} MB`);
      for (const t of f.triggers) expect(text).toContain(`触发器 ${t.name}  timer  ${t.config}`);
    }
    for (const v of [...FUNCTION_VARIABLES, ...DEPLOY_VARIABLES]) expect(text).toContain(v.name);
    for (const c of plan.collections) for (const ix of c.indexes) expect(text).toContain(ix.name);
    for (const secret of [KEY, FULL_ENV.TCB_SECRET_KEY, FULL_ENV.TCB_SECRET_ID]) expect(text).not.toContain(secret);
  });

  it('writes the same functions as a cloudbaserc.json for tcb fn deploy --all --force', () => {
    const rc = cloudbaserc(plan) as { envId: string; functionRoot: string; functions: Array<Record<string, unknown>> };
    expect(rc.envId).toBe('linli-prod-1a2b3c');
    expect(rc.functionRoot).toBe('./dist/cloudfunctions');
    expect(rc.functions).toEqual(
      plan.functions.map((f) => ({ name: f.name, handler: 'index.main', runtime: f.runtime, timeout: f.timeout, memorySize: f.memorySize, installDependency: false, envVariables: f.envVariables, triggers: f.triggers })),
    );
  });
});

describe('a deploy with a missing or broken variable does not start', () => {
  it('lists each missing required variable by name', () => {
    const plan = deployPlan({});
    expect(plan.blockers).toEqual(expect.arrayContaining(['LINLI_DATA_KEY: 未设置', 'LINLI_APPID: 未设置', 'TCB_ENV: 未设置', 'LINLI_UPLOAD_KEY: 未设置']));
    expect(deployPlan(FULL_ENV).blockers).toEqual([]);
  });

  it.each([
    ['LINLI_DATA_KEY', Buffer.alloc(16).toString('base64'), /32 bytes/],
    ['LINLI_SUBSCRIBE_TEMPLATES', '{"concernProgress":', /JSON|template/],
    ['LINLI_RATE_LIMITS', '{"no.such": [{"limit": 1, "windowSeconds": 60}]}', /rate-limit/],
    ['LINLI_MP_STATE', 'production', /formal/],
    ['LINLI_APPID', 'touristappid', /AppID/],
  ])('refuses a bad %s (the function would fail at start)', (name, value, message) => {
    const plan = deployPlan({ ...FULL_ENV, [name]: value });
    expect(plan.blockers).toHaveLength(1);
    expect(plan.blockers[0]).toMatch(new RegExp(`^${name}: `));
    expect(plan.blockers[0]).toMatch(message);
  });

  it('touches nothing online', async () => {
    const target = new FakeEnvironment();
    await expect(applyPlan(deployPlan({ ...FULL_ENV, LINLI_DATA_KEY: '' }), target, 'dist')).rejects.toThrow('LINLI_DATA_KEY');
    expect(target.calls).toEqual([]);
  });

  it('sends every set variable to both functions and leaves unset optional ones out', () => {
    const plan = deployPlan({ ...FULL_ENV, LINLI_MP_STATE: 'trial' });
    for (const f of plan.functions) {
      expect(f.envVariables).toEqual({ LINLI_DATA_KEY: KEY, LINLI_APPID: FULL_ENV.LINLI_APPID, LINLI_ADMIN_OPENIDS: FULL_ENV.LINLI_ADMIN_OPENIDS, LINLI_MP_STATE: 'trial' });
      expect(Object.keys(f.envVariables).some((k) => k.startsWith('TCB_'))).toBe(false);
    }
  });
});

class FakeEnvironment implements DeployTarget {
  calls: string[] = [];
  functions = new Map<string, { runtime: string; triggers: PlannedFunction['triggers']; env: Record<string, string> }>();
  collections = new Map<string, { indexes: string[]; permission?: string }>();
  storage: string | undefined = 'READONLY';

  async functionState(name: string) {
    const f = this.functions.get(name);
    return f && { runtime: f.runtime, triggers: [...f.triggers] };
  }
  async deployFunction(f: PlannedFunction) {
    this.calls.push(`deploy ${f.name}`);
    const before = this.functions.get(f.name);
    this.functions.set(f.name, { runtime: before?.runtime ?? f.runtime, triggers: before?.triggers ?? [], env: f.envVariables });
  }
  async deleteTrigger(fn: string, name: string) {
    this.calls.push(`delete trigger ${fn}.${name}`);
    const f = this.functions.get(fn)!;
    f.triggers = f.triggers.filter((t) => t.name !== name);
  }
  async createTriggers(fn: string, triggers: PlannedFunction['triggers']) {
    this.calls.push(`create triggers ${fn}`);
    this.functions.get(fn)!.triggers.push(...triggers);
  }
  async ensureCollection(name: string) {
    if (this.collections.has(name)) return false;
    this.calls.push(`create ${name}`);
    this.collections.set(name, { indexes: ['_id_'] });
    return true;
  }
  async indexNames(name: string) {
    return [...this.collections.get(name)!.indexes];
  }
  async createIndexes(name: string, indexes: PlannedIndex[]) {
    this.calls.push(`index ${name}`);
    this.collections.get(name)!.indexes.push(...indexes.map((ix) => ix.name));
  }
  async permission(type: 'collection' | 'storage', name: string) {
    return type === 'storage' ? this.storage : this.collections.get(name)?.permission;
  }
  async setPermission(type: 'collection' | 'storage', name: string, permission: string) {
    this.calls.push(`permission ${type} ${name}`);
    if (type === 'storage') this.storage = permission;
    else this.collections.get(name)!.permission = permission;
  }
}

describe('deploying into an environment', () => {
  const plan: Plan = deployPlan(FULL_ENV);

  it('creates every function, trigger, collection, index and permission the first time', async () => {
    const env = new FakeEnvironment();
    const report = await applyPlan(plan, env, 'dist/cloudfunctions');
    expect([...env.functions.keys()].sort()).toEqual(['api', 'sweep']);
    expect(env.functions.get('sweep')!.triggers).toEqual(plan.functions.find((f) => f.name === 'sweep')!.triggers);
    expect(env.functions.get('api')!.env.LINLI_DATA_KEY).toBe(KEY);
    for (const c of plan.collections) {
      expect(env.collections.get(c.name)).toEqual({ indexes: ['_id_', ...c.indexes.map((ix) => ix.name)], permission: 'ADMINONLY' });
    }
    expect(env.storage).toBe('PRIVATE');
    expect(report.changes).toContain('函数 api：已创建（Nodejs18.15）');
    expect(report.notes).toEqual([]);
  });

  it('changes nothing on a second run but upload the same code', async () => {
    const env = new FakeEnvironment();
    await applyPlan(plan, env, 'dist/cloudfunctions');
    env.calls = [];
    const again = await applyPlan(plan, env, 'dist/cloudfunctions');
    expect(again.changes.filter((c) => !isCodeUpload(c))).toEqual([]);
    expect(env.calls).toEqual(['deploy api', 'deploy sweep']);
  });

  it('replaces a trigger whose schedule was changed online, keeps unknown indexes, and says what it cannot change', async () => {
    const env = new FakeEnvironment();
    await applyPlan(plan, env, 'dist/cloudfunctions');
    const sweep = env.functions.get('sweep')!;
    sweep.triggers = [{ ...sweep.triggers[0], config: '0 0 * * * * *' }];
    env.functions.get('api')!.runtime = 'Nodejs16.13';
    env.collections.get('concerns')!.indexes.push('made_by_hand_1');
    const report = await applyPlan(plan, env, 'dist/cloudfunctions');
    expect(env.functions.get('sweep')!.triggers).toEqual(plan.functions.find((f) => f.name === 'sweep')!.triggers);
    expect(report.changes.filter((c) => !isCodeUpload(c))).toEqual([expect.stringContaining('删除触发器'), expect.stringContaining('创建触发器')]);
    expect(env.collections.get('concerns')!.indexes).toContain('made_by_hand_1');
    expect(report.notes).toEqual([expect.stringContaining('Nodejs16.13'), expect.stringContaining('made_by_hand_1')]);
  });
});

describe('the manager-node calls', () => {
  function fakeManager() {
    const calls: Array<[string, unknown]> = [];
    const rec = (name: string, answer: unknown = {}) => async (...args: unknown[]): Promise<never> => {
      calls.push([name, args.length === 1 ? args[0] : args]);
      return (typeof answer === 'function' ? (answer as (...a: unknown[]) => unknown)(...args) : answer) as never;
    };
    const app = {
      functions: {
        getFunctionDetail: rec('getFunctionDetail', () => {
          throw Object.assign(new Error('[ResourceNotFound.Function] 函数不存在'), { code: 'ResourceNotFound.Function' });
        }),
        createFunction: rec('createFunction'),
        deleteFunctionTrigger: rec('deleteFunctionTrigger'),
        createFunctionTriggers: rec('createFunctionTriggers'),
      },
      database: {
        createCollectionIfNotExists: rec('createCollectionIfNotExists', { IsCreated: true }),
        describeCollection: rec('describeCollection', { Indexes: [{ Name: '_id_' }] }),
        updateCollection: rec('updateCollection'),
      },
      storage: { getStorageAcl: rec('getStorageAcl', 'READONLY'), setStorageAcl: rec('setStorageAcl') },
      permission: {
        describeResourcePermission: rec('describeResourcePermission', { Data: { PermissionList: [{ Resource: 'concerns', Permission: 'PRIVATE' }] } }),
        modifyResourcePermission: rec('modifyResourcePermission'),
      },
    };
    return { app, calls };
  }

  it('deploys code with its settings, indexes by field with ascending keys, and sets both permissions', async () => {
    const { app, calls } = fakeManager();
    const target = managerTarget(app);
    const api = deployPlan(FULL_ENV).functions[0];
    expect(await target.functionState('api')).toBeUndefined();
    await target.deployFunction(api, '/repo/dist/cloudfunctions');
    await target.createIndexes('concerns', [{ name: 'a_1__id_1', keys: [{ field: 'a', direction: 1 }, { field: '_id', direction: 1 }] }]);
    expect(await target.permission('collection', 'concerns')).toBe('PRIVATE');
    await target.setPermission('collection', 'concerns', 'ADMINONLY');
    await target.setPermission('storage', '*', 'PRIVATE');
    const byName = Object.fromEntries(calls.map(([n, a]) => [n, a]));
    expect(byName.createFunction).toEqual({
      func: { name: 'api', handler: 'index.main', runtime: 'Nodejs18.15', timeout: api.timeout, memorySize: 256, installDependency: false, envVariables: api.envVariables, description: api.description },
      functionRootPath: '/repo/dist/cloudfunctions',
      force: true,
    });
    expect(byName.updateCollection).toEqual(['concerns', { CreateIndexes: [{ IndexName: 'a_1__id_1', MgoKeySchema: { MgoIndexKeys: [{ Name: 'a', Direction: '1' }, { Name: '_id', Direction: '1' }], MgoIsUnique: false } }] }]);
    expect(byName.modifyResourcePermission).toEqual({ resourceType: 'collection', resource: 'concerns', permission: 'ADMINONLY' });
    expect(byName.setStorageAcl).toBe('PRIVATE');
  });
});

describe('the uploaded mini-program', () => {
  it('is a copy whose config points at the environment in cloud mode; the tracked config stays local', () => {
    const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-stage-'));
    try {
      stageMiniprogram(deployPlan(FULL_ENV), stage);
      const config = fs.readFileSync(path.join(stage, 'miniprogram', 'config.ts'), 'utf8');
      expect(config).toContain("mode: 'cloud'");
      expect(config).toContain('cloudEnv: "linli-prod-1a2b3c"');
      expect(fs.existsSync(path.join(stage, 'miniprogram', 'config-type.ts'))).toBe(true);
      expect(JSON.parse(fs.readFileSync(path.join(stage, 'project.config.json'), 'utf8')).appid).toBe('wx0123456789abcdef');
      expect(fs.readFileSync(path.join(ROOT, 'miniprogram', 'config.ts'), 'utf8')).toContain("mode: 'local'");
    } finally {
      fs.rmSync(stage, { recursive: true, force: true });
    }
  });
});
