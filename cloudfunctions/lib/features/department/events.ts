/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const DEPARTMENT_EVENTS = {
  'department.created': '新建部门',
  'department.updated': '修改部门',
  'department.codeIssued': '发放部门联系人加入码',
  'department.contactJoined': '部门联系人加入',
  'department.contactReplaced': '更换部门联系人',
  'department.contactRemoved': '取消部门联系人',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof DEPARTMENT_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
