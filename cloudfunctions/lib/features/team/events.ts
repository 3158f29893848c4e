/** What each of this feature's audit events is called. */
export const TEAM_EVENTS = {
  'team.created': '新建服务队',
  'team.updated': '修改服务队',
  'team.joined': '加入服务队',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof TEAM_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
