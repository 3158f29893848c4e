/**
 * What `npm run deploy` puts into a CloudBase environment, computed from the code and the
 * git-ignored `.env` alone — no network, no keys — so `--dry-run` prints it and the tests
 * check it holds every function, setting, variable, trigger, collection, index and permission
 * the code declares.
 *
 * Function environment variables are taken only from `.env`: CloudBase replaces a function's
 * whole variable set on deploy (cloudbaserc `envVariables` and manager-node alike), so a value
 * kept only in the console — `LINLI_DATA_KEY` above all — would be wiped. A variable the
 * code needs and `.env` lacks stops the deploy instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS, DEFAULT_RATE_LIMITS } from '../cloudfunctions/lib/manifests';
import { parseRateLimits } from '../cloudfunctions/lib/kernel/rate-limit';
import { referenceTtlFromEnv } from '../cloudfunctions/lib/store/reference-cache';
import { parseTemplates } from '../cloudfunctions/lib/features/notify/templates';
import { TEMPLATE_KEYS } from '../miniprogram/core/notify/contract';
import { parseDataKeys } from '../cloudfunctions/lib/platform/data-cipher';

const ROOT = path.resolve(__dirname, '..');

export const FUNCTION_NAMES = ['api', 'sweep'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/**
 * What a function is given beyond its code. A timer-triggered function is bound by its own
 * configured timeout (only WeChat's HTTP `invokecloudfunction` caps calls at 5 s); the WeChat
 * console allows 1–60 s, CloudBase itself up to 900 s. The sweep gets 20 s because its
 * round-trip budget (kernel/sweep-budget.ts) is sized for 20 s and bench (g) measures each run
 * against this very figure: a longer timeout would only hide a run that outgrew its budget.
 */
export const FUNCTION_SETTINGS: Record<FunctionName, { timeout: number; memorySize: number; description: string }> = {
  api: { timeout: 20, memorySize: 256, description: '邻里：小程序的全部请求' },
  sweep: { timeout: 20, memorySize: 256, description: '邻里：时限、提醒与清理（定时）' },
};
const RUNTIME = 'Nodejs18.15';

export interface Variable {
  name: string;
  /** Deploy stops when a required variable is missing or any set one is invalid. */
  required: boolean;
  secret: boolean;
  meaning: string;
  /** A message when the value cannot be used; undefined when it is fine (or unset and optional). */
  check?: (value: string) => string | undefined;
}

function parses(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Every variable the functions read (a test greps the function code for `process.env.LINLI_*`). */
export const FUNCTION_VARIABLES: readonly Variable[] = [
  {
    name: 'LINLI_DATA_KEY',
    required: true,
    secret: true,
    meaning: '32 字节密钥（base64），加密手机号；轮换见 README',
    check: (v) => parses(() => parseDataKeys(v, undefined)),
  },
  {
    name: 'LINLI_DATA_KEYS_RETIRED',
    required: false,
    secret: true,
    meaning: '轮换期间的旧密钥（逗号分隔），只用于解密',
    check: (v) => parses(() => parseDataKeys('A'.repeat(43) + '=', v)),
  },
  {
    name: 'LINLI_APPID',
    required: true,
    secret: false,
    meaning: '本小程序 AppID：只认它的图片审核推送；上传小程序也用它',
    check: (v) => (/^wx[0-9a-f]{16}$/.test(v) ? undefined : 'AppID 形如 wx 加 16 位十六进制'),
  },
  {
    name: 'LINLI_ADMIN_OPENIDS',
    required: true,
    secret: false,
    meaning: '首批管理员：community:openid,…（或配合 LINLI_DEFAULT_COMMUNITY 的裸 openid）',
    check: (v) => (v.split(',').every((e) => /^([\w-]+:)?[\w-]{6,}$/.test(e.trim())) ? undefined : '每项为 community:openid 或 openid'),
  },
  { name: 'LINLI_DEFAULT_COMMUNITY', required: false, secret: false, meaning: '裸 openid 的管理员所属社区（默认 default）' },
  { name: 'LINLI_SUBDISTRICT', required: false, secret: false, meaning: '本部署服务的街道名称，须与各社区登记的街道一致（默认「街道」）' },
  {
    name: 'LINLI_SUBDISTRICT_ADMIN_OPENIDS',
    required: false,
    secret: false,
    meaning: '街道管理员 openid，逗号分隔：在小程序里新建社区、发放社区管理员加入码',
    check: (v) => (v.split(',').every((e) => /^[\w-]{6,}$/.test(e.trim())) ? undefined : '每项为一个 openid'),
  },
  {
    name: 'LINLI_SUBSCRIBE_TEMPLATES',
    required: false,
    secret: false,
    meaning: `订阅消息模板 JSON（${TEMPLATE_KEYS.join('、')}）；不设则只发站内消息`,
    check: (v) => parses(() => parseTemplates(v)),
  },
  {
    name: 'LINLI_RATE_LIMITS',
    required: false,
    secret: false,
    meaning: '限流覆盖 JSON，键为操作名',
    check: (v) => parses(() => parseRateLimits(v, DEFAULT_RATE_LIMITS)),
  },
  {
    name: 'LINLI_REFERENCE_TTL_MS',
    required: false,
    secret: false,
    meaning: '参考数据（分类、楼栋、网格等）在各实例内存中缓存的毫秒数，默认 15000，0 为不缓存',
    check: (v) => parses(() => referenceTtlFromEnv(v)),
  },
  {
    name: 'LINLI_MP_STATE',
    required: false,
    secret: false,
    meaning: '订阅消息打开的版本：formal（默认）、trial、developer',
    check: (v) => (['formal', 'trial', 'developer'].includes(v) ? undefined : '只能是 formal、trial 或 developer'),
  },
];

/** Read by the deploy itself, never sent to a function. */
export const DEPLOY_VARIABLES: readonly Variable[] = [
  { name: 'TCB_ENV', required: true, secret: false, meaning: '云开发环境 ID' },
  { name: 'TCB_SECRET_ID', required: true, secret: true, meaning: '腾讯云 API 密钥 SecretId（子账号，仅云开发权限）' },
  { name: 'TCB_SECRET_KEY', required: true, secret: true, meaning: '腾讯云 API 密钥 SecretKey' },
  {
    name: 'LINLI_UPLOAD_KEY',
    required: true,
    secret: false,
    meaning: '小程序代码上传密钥文件的路径（小程序后台 → 开发设置 → 小程序代码上传）',
  },
];

export interface PlannedFunction {
  name: FunctionName;
  /** Bundled by `npm run build`; uploaded as it is. */
  dir: string;
  runtime: string;
  handler: 'index.main';
  timeout: number;
  memorySize: number;
  installDependency: false;
  description: string;
  envVariables: Record<string, string>;
  triggers: Array<{ name: string; type: string; config: string }>;
  /** From the function's config.json; applied only by a DevTools upload (see the checklist). */
  openapi: string[];
}

export interface PlannedIndex {
  name: string;
  keys: Array<{ field: string; direction: 1 }>;
}

export interface Plan {
  envId: string | undefined;
  functions: PlannedFunction[];
  variables: Array<{ name: string; scope: 'function' | 'deploy'; set: boolean; required: boolean; problem?: string }>;
  collections: Array<{ name: string; indexes: PlannedIndex[]; permission: 'ADMINONLY' }>;
  storage: { permission: 'PRIVATE' };
  miniprogram: { appid: string | undefined; cloudEnv: string | undefined };
  /** Deploy refuses to touch the environment while any of these stand. */
  blockers: string[];
  checklist: string[];
}

/** MongoDB's own naming (`field_1_other_1`), so the console shows what each index is for. */
export function indexName(fields: readonly string[]): string {
  return fields.map((f) => `${f}_1`).join('_');
}

function functionConfig(name: FunctionName): { permissions?: { openapi?: string[] }; triggers?: PlannedFunction['triggers'] } {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', name, 'config.json'), 'utf8'));
}

export function deployPlan(env: Readonly<Record<string, string | undefined>>): Plan {
  const value = (name: string) => (env[name] ?? '').trim() || undefined;
  const variables: Plan['variables'] = [];
  const blockers: string[] = [];
  for (const [scope, list] of [['function', FUNCTION_VARIABLES], ['deploy', DEPLOY_VARIABLES]] as const) {
    for (const v of list) {
      const raw = value(v.name);
      const problem = raw === undefined ? (v.required ? '未设置' : undefined) : v.check?.(raw);
      variables.push({ name: v.name, scope, set: raw !== undefined, required: v.required, ...(problem ? { problem } : {}) });
      if (problem) blockers.push(`${v.name}: ${problem}`);
    }
  }
  const envVariables = Object.fromEntries(FUNCTION_VARIABLES.flatMap((v) => (value(v.name) ? [[v.name, value(v.name) as string]] : [])));

  const functions: PlannedFunction[] = FUNCTION_NAMES.map((name) => {
    const config = functionConfig(name);
    return {
      name,
      dir: `dist/cloudfunctions/${name}`,
      runtime: RUNTIME,
      handler: 'index.main',
      installDependency: false,
      ...FUNCTION_SETTINGS[name],
      envVariables,
      triggers: config.triggers ?? [],
      openapi: config.permissions?.openapi ?? [],
    };
  });

  const collections = Object.entries(COLLECTIONS).map(([name, indexes]) => ({
    name,
    indexes: indexes.map((fields) => ({ name: indexName(fields), keys: fields.map((field) => ({ field, direction: 1 as const })) })),
    permission: 'ADMINONLY' as const,
  }));

  const templates = value('LINLI_SUBSCRIBE_TEMPLATES') ? Object.keys(parsesOr(() => parseTemplates(value('LINLI_SUBSCRIBE_TEMPLATES')), {})) : [];
  const missingTemplates = TEMPLATE_KEYS.filter((k) => !templates.includes(k));
  const checklist = [
    `云调用权限（${[...new Set(functions.flatMap((f) => f.openapi))].join('、')}）只在微信开发者工具上传云函数时生效：首次部署后在开发者工具把 ${FUNCTION_NAMES.join('、')} 各「上传并部署：所有文件」一次（目录 dist/cloudfunctions/<名>）；以后每次部署后在云开发控制台 → 云函数 → 权限配置 核对它们仍在。`,
    '云开发控制台 → 设置 → 消息推送：事件 wxa_media_check 推送到云函数 api（图片审核结果）。',
    missingTemplates.length
      ? `订阅消息模板未配置：${missingTemplates.join('、')}（小程序后台 → 订阅消息选用模板，填入 .env 的 LINLI_SUBSCRIBE_TEMPLATES 后重新部署）。`
      : '订阅消息模板已全部配置；在小程序后台核对每个模板的字段与 LINLI_SUBSCRIBE_TEMPLATES 一致。',
    '小程序后台 → 设置 → 服务内容声明 → 用户隐私保护指引：按 pages/privacy 列出的信息（手机号、选中的照片或视频信息、摄像头（扫码签到）、相册（仅写入，保存志愿服务记录证明）、身份证号（志愿者登记，选填））填写并提交审核。',
    '在小程序后台把上传的版本设为体验版，用首批管理员的微信打开，在「社区管理」开通社区、建网格与楼栋、发邀请码（README「首次部署」）。',
  ];

  return {
    envId: value('TCB_ENV'),
    functions,
    variables,
    collections,
    storage: { permission: 'PRIVATE' },
    miniprogram: { appid: value('LINLI_APPID'), cloudEnv: value('TCB_ENV') },
    blockers,
    checklist,
  };
}

function parsesOr<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/**
 * The same functions as a `cloudbaserc.json`, for anyone who deploys by hand with
 * `tcb fn deploy --all --force`. It carries the variables' values, so it is git-ignored.
 */
export function cloudbaserc(plan: Plan): Record<string, unknown> {
  return {
    version: '2.0',
    envId: plan.envId ?? '{{env.TCB_ENV}}',
    functionRoot: './dist/cloudfunctions',
    functions: plan.functions.map((f) => ({
      name: f.name,
      handler: f.handler,
      runtime: f.runtime,
      timeout: f.timeout,
      memorySize: f.memorySize,
      installDependency: f.installDependency,
      envVariables: f.envVariables,
      triggers: f.triggers,
    })),
  };
}

/** The mini-program's config.ts for a deployed build: cloud mode, this environment. */
export function cloudAppConfig(cloudEnv: string): string {
  return [
    '// Generated by `npm run deploy` for the upload; the tracked config.ts stays in local mode.',
    "import type { AppConfig } from './config-type';",
    '',
    'export type { AppConfig };',
    'export const config: AppConfig = {',
    "  mode: 'cloud',",
    `  cloudEnv: ${JSON.stringify(cloudEnv)},`,
    "  localBaseUrl: '',",
    "  localOpenid: '',",
    '};',
    '',
  ].join('\n');
}

/** The plan as people read it: values of secrets never printed, only whether they are set. */
export function formatPlan(plan: Plan): string {
  const lines: string[] = [];
  lines.push(`环境 ${plan.envId ?? '(TCB_ENV 未设置)'}`);
  lines.push('', '云函数');
  for (const f of plan.functions) {
    lines.push(`  ${f.name}  ${f.runtime}  ${f.handler}  超时 ${f.timeout} s  内存 ${f.memorySize} MB  云端安装依赖 否  代码 ${f.dir}`);
    for (const t of f.triggers) lines.push(`    触发器 ${t.name}  ${t.type}  ${t.config}`);
    lines.push(`    云调用权限（开发者工具上传时生效）${f.openapi.join(', ')}`);
  }
  lines.push('', '环境变量（两个云函数相同；部署会整体替换线上的值）');
  for (const v of plan.variables) {
    const state = v.problem ? `✗ ${v.problem}` : v.set ? '已设置' : '未设置（用默认）';
    lines.push(`  ${v.scope === 'deploy' ? '[部署用] ' : ''}${v.name}  ${state}`);
  }
  lines.push('', `数据库集合（权限 仅管理端可读写 ADMINONLY）${plan.collections.length} 个`);
  for (const c of plan.collections) {
    lines.push(`  ${c.name}`);
    for (const ix of c.indexes) lines.push(`    索引 ${ix.name}`);
  }
  lines.push('', `云存储权限 仅创建者可读写 ${plan.storage.permission}`);
  lines.push('', `小程序  AppID ${plan.miniprogram.appid ?? '(LINLI_APPID 未设置)'}  云环境 ${plan.miniprogram.cloudEnv ?? '(TCB_ENV 未设置)'}`);
  if (plan.blockers.length) lines.push('', '不能部署，先修正：', ...plan.blockers.map((b) => `  ✗ ${b}`));
  lines.push('', '部署后在控制台完成（工具无法设置）：', ...plan.checklist.map((c, i) => `  ${i + 1}. ${c}`));
  return lines.join('\n');
}
