/** Event shapes shared by the 社区管理 tabs' templates. */
export type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; index?: number }>;
export type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string; index?: number }>;

/** Staff see a member by name; never by id, even when no name was ever given. */
export const staffName = (ref: { memberId: string; name?: string } | undefined): string => (ref ? ref.name || '（未留姓名）' : '');
