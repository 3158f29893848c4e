import type { NoticeSpec } from '../../kernel/feature';

/** Every kind of message this feature sends, who reads it and the subscription template it may push as. */
export const CONCERN_NOTICES = {
  'concern.dispatched': { audience: 'staff' },
  'concern.rated': { audience: 'staff' },
  'concern.accepted': { audience: 'resident', template: 'concernProgress' },
  'concern.replied': { audience: 'resident', template: 'concernProgress' },
  'concern.infoRequested': { audience: 'resident', template: 'concernProgress' },
  'concern.whistled': { audience: 'resident', template: 'concernProgress' },
  'concern.merged': { audience: 'resident', template: 'concernProgress' },
  'concern.resolved': { audience: 'resident', template: 'concernResolved' },
  'concern.moderated': { audience: 'resident' },
  'concern.supervised': { audience: 'staff' },
  'concern.supplemented': { audience: 'staff' },
  'concern.withdrawn': { audience: 'staff' },
  'concern.unsigned': { audience: 'staff' },
  'concern.rerouted': { audience: 'staff' },
  'concern.overdue': { audience: 'staff' },
  'concern.escalated': { audience: 'staff' },
  'concern.whistleLate': { audience: 'staff' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof CONCERN_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}
