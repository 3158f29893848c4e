import type { NoticeSpec } from '../../kernel/feature';

/**
 * Every kind of message this feature sends. Residents hear of a resolution because they
 * raised what it came from (the concern or the motion): the concern templates they allowed
 * when they raised it carry it.
 */
export const RESOLUTION_NOTICES = {
  // To the mover and the concern authors.
  'resolution.adopted': { audience: 'resident', template: 'concernProgress' },
  'resolution.progress': { audience: 'resident', template: 'concernProgress' },
  'resolution.done': { audience: 'resident', template: 'concernResolved' },
  // To the owner, and the admins once it runs late.
  'resolution.assigned': { audience: 'staff', template: 'staffTask' },
  'resolution.overdue': { audience: 'staff', template: 'staffTask' },
  'resolution.chased': { audience: 'staff', template: 'staffTask' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof RESOLUTION_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}

export type ResolutionNoticeKind = keyof typeof RESOLUTION_NOTICES;

/** Residents open the resolution's page; staff the workbench's. */
export function resolutionPage(kind: ResolutionNoticeKind, resolutionId: string): string {
  return RESOLUTION_NOTICES[kind].audience === 'staff' ? `/staff/resolution/index?id=${resolutionId}` : `/pages/resolution/index?id=${resolutionId}`;
}
