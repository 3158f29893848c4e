/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const MEMBER_EVENTS = {
  'binding.requested': '申请绑定住户',
  'binding.approved': '绑定申请通过',
  'binding.rejected': '绑定申请未通过',
  'binding.expired': '绑定申请过期',
  'invites.issued': '发放邀请码',
  'member.bound': '绑定住户',
  'member.rolesChanged': '角色变更',
  'member.left': '搬离住户',
  'member.removed': '被工作人员移出住户',
  'member.renamed': '修改姓名',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof MEMBER_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
