import type { NoticeSpec } from '../../kernel/feature';

/** Every kind of message this feature sends, and who reads it. */
export const MEETING_NOTICES = {
  // To everyone on the roll, from the sweep a bucket at a time.
  'meeting.noticed': { audience: 'resident' },
  'meeting.reminder': { audience: 'resident' },
  'meeting.cancelled': { audience: 'resident' },
  'meeting.registered': { audience: 'resident' },
  'meeting.waitlisted': { audience: 'resident' },
  'meeting.promoted': { audience: 'resident' },
  // Proxies (council-votes): the principal is told how their proxy was used; the agent of changes to it.
  'meeting.proxySignedIn': { audience: 'resident' },
  'meeting.proxyUsed': { audience: 'resident' },
  'meeting.proxyAccepted': { audience: 'resident' },
  'meeting.proxyRevoked': { audience: 'resident' },
  'meeting.proxyConfirmed': { audience: 'resident' },
  'meeting.proxyOverridden': { audience: 'resident' },
  // The secretary named when the meeting is convened: they keep the minutes.
  'meeting.appointed': { audience: 'staff', template: 'staffTask' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof MEETING_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}

/** The resident's meeting page, which every notice opens. */
export const meetingPage = (meetingId: string) => `/pages/meeting/index?meetingId=${encodeURIComponent(meetingId)}`;
