import { contract } from '../action';
import type { CallerRole } from '../roles';
import { z } from '../schema';

export interface ActionDescription {
  name: string;
  summary: string;
  roles: readonly CallerRole[];
  scope: string;
  idempotent: boolean;
  /** Callable without a platform identity. */
  anonymous: boolean;
  /** JSON Schema (draft 2020-12) of the `data` the action accepts. */
  input: unknown;
}

export const describe = contract<{ actions: ActionDescription[] }>()({
  name: 'meta.describe',
  summary: '列出全部接口、角色和输入格式',
  input: z.strictObject({}),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'subdistrict'],
  scope: '公开信息',
  anonymous: true,
});
