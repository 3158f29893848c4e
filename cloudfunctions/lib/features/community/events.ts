/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const COMMUNITY_EVENTS = {
  'community.opened': '开通社区',
  'community.updated': '修改社区信息',
  'grid.created': '新建网格',
  'grid.updated': '修改网格',
  'building.created': '新建楼栋',
  'building.updated': '修改楼栋',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof COMMUNITY_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
