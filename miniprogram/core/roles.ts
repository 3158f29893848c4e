/**
 * Roles a member can hold; a caller with no member record is a visitor. `department` is the
 * contact person of a unit in the department directory (部门联系人); only a join code grants it.
 * `supervisor` sits on the 居务监督委员会; only a recorded term (supervision.appoint) grants it,
 * and only for that term.
 */
export const MEMBER_ROLES = ['resident', 'volunteer', 'gridWorker', 'admin', 'department', 'supervisor'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
/**
 * `subdistrict`: an admin of the 街道 the deployment serves, named by the deployment, not a
 * member of any community: they open communities, name their first admins and read counts and
 * rates across them — never a resident's name, phone, room or words.
 */
export type CallerRole = MemberRole | 'visitor' | 'subdistrict';
export const CALLER_ROLES: readonly CallerRole[] = ['visitor', ...MEMBER_ROLES, 'subdistrict'];

export const ROLE_LABELS: Record<CallerRole, string> = {
  visitor: '访客',
  resident: '居民',
  volunteer: '志愿者',
  gridWorker: '网格员',
  admin: '社区管理员',
  department: '部门联系人',
  supervisor: '居务监督委员会成员',
  subdistrict: '街道管理员',
};

export const STAFF_ROLES: readonly MemberRole[] = ['gridWorker', 'admin'];

export function isStaff(roles: readonly CallerRole[]): boolean {
  return roles.some((r) => r === 'gridWorker' || r === 'admin');
}
