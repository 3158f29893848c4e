/** The department directory, as a test sets it up: entries by name, and a contact who joined by code. */
import type { DepartmentKind, DepartmentView } from '../../miniprogram/core/department/contract';
import { key, type Harness } from './harness';

/** Adds a directory entry as the community's admin (demo-admin unless said) and returns its id. */
export async function addDepartment(
  h: Pick<Harness, 'ok'>,
  name = '物业公司',
  options: { kind?: DepartmentKind; shared?: boolean; phone?: string; admin?: string } = {},
): Promise<string> {
  const { admin = 'demo-admin', kind = 'property', ...rest } = options;
  return (await h.ok<DepartmentView>(admin, 'department.upsert', { name, kind, ...rest }, key())).id;
}

/** Issues a join code for the entry and lets `openid` redeem it under `name`. */
export async function joinAsContact(h: Pick<Harness, 'ok'>, departmentId: string, openid: string, name = '物业刘经理', admin = 'demo-admin'): Promise<void> {
  const { code } = await h.ok<{ code: string }>(admin, 'department.issueCode', { departmentId });
  await h.ok(openid, 'department.redeemCode', { code, name });
}
