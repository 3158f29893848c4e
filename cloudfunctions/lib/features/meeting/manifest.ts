/**
 * 会议: a body's meeting on a roll frozen at notice — registration on the seat engine,
 * sign-in by rotating code or by staff, quorum counted from the sign-ins, proxies with two-
 * person paper confirmation, votes per agenda item as polls, minutes drafted by the secretary
 * and approved by another admin into a masked public version and the resolutions.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { acceptProxy } from './accept-proxy';
import { closeVote } from './close-vote';
import { createMeeting } from './create-meeting';
import { meetingMonthlyReport } from './monthly-report';
import { listMeetings, prefetchMeetingList } from './list-meetings';
import { getMeeting, prefetchMeeting } from './get-meeting';
import { cancelMeeting } from './cancel-meeting';
import { registerForMeeting } from './register';
import { unregisterFromMeeting } from './unregister';
import { meetingSignInCode } from './sign-in-code';
import { meetingAttendance } from './attendance';
import { endMeeting } from './end-meeting';
import { runMeetingClock } from './clock';
import { MEETING_EVENTS } from './events';
import { grantProxy } from './grant-proxy';
import { meetingProxies } from './list-proxies';
import { markLeft } from './mark-left';
import { MEETING_NOTICES } from './notices';
import { openVote } from './open-vote';
import { confirmProxy, recordPaperProxy } from './paper-proxy';
import { meetingPersonalData } from './personal-data';
import { revokeProxy } from './revoke-proxy';
import { signIn } from './sign-in';
import { saveMinutes } from './save-minutes';
import { approveMinutes } from './approve-minutes';
import { getMinutes } from './get-minutes';
import { MINUTES_EVENTS } from './minutes-events';
import { meetingToday } from './today';
import {
  prefetchAcceptProxy, prefetchAttendanceScreen, prefetchCreate, prefetchMeetingAttendance, prefetchMeetingOfMine, prefetchMeetingOnly, prefetchPaperProxy, prefetchRegister,
  prefetchProxies, prefetchProxyById, prefetchSignIn,
} from './prefetch';

export const meetingManifest = {
  name: 'meeting',
  actions: {
    'meeting.create': bind(contracts['meeting.create'], createMeeting, { prefetch: prefetchCreate }),
    'meeting.list': bind(contracts['meeting.list'], listMeetings, { prefetch: prefetchMeetingList }),
    'meeting.get': bind(contracts['meeting.get'], getMeeting, { prefetch: prefetchMeeting }),
    'meeting.cancel': bind(contracts['meeting.cancel'], cancelMeeting, { prefetch: prefetchMeetingOnly }),
    'meeting.register': bind(contracts['meeting.register'], registerForMeeting, { prefetch: prefetchRegister }),
    'meeting.unregister': bind(contracts['meeting.unregister'], unregisterFromMeeting, { prefetch: prefetchMeetingOfMine }),
    'meeting.signInCode': bind(contracts['meeting.signInCode'], meetingSignInCode, { prefetch: prefetchMeetingAttendance }),
    'meeting.signIn': bind(contracts['meeting.signIn'], signIn, { prefetch: prefetchSignIn }),
    'meeting.markLeft': bind(contracts['meeting.markLeft'], markLeft, { prefetch: prefetchMeetingAttendance }),
    'meeting.attendance': bind(contracts['meeting.attendance'], meetingAttendance, { prefetch: prefetchAttendanceScreen }),
    'meeting.grantProxy': bind(contracts['meeting.grantProxy'], grantProxy, { prefetch: prefetchMeetingOfMine }),
    'meeting.acceptProxy': bind(contracts['meeting.acceptProxy'], acceptProxy, { prefetch: prefetchAcceptProxy }),
    'meeting.recordPaperProxy': bind(contracts['meeting.recordPaperProxy'], recordPaperProxy, { prefetch: prefetchPaperProxy }),
    'meeting.confirmProxy': bind(contracts['meeting.confirmProxy'], confirmProxy, { prefetch: prefetchProxyById }),
    'meeting.revokeProxy': bind(contracts['meeting.revokeProxy'], revokeProxy, { prefetch: prefetchProxyById }),
    'meeting.proxies': bind(contracts['meeting.proxies'], meetingProxies, { prefetch: prefetchProxies }),
    'meeting.openVote': bind(contracts['meeting.openVote'], openVote, { prefetch: prefetchMeetingAttendance }),
    'meeting.closeVote': bind(contracts['meeting.closeVote'], closeVote, { prefetch: prefetchMeetingAttendance }),
    'meeting.end': bind(contracts['meeting.end'], endMeeting, { prefetch: prefetchMeetingAttendance }),
    'meeting.saveMinutes': bind(contracts['meeting.saveMinutes'], saveMinutes, { prefetch: prefetchMeetingAttendance }),
    'meeting.approveMinutes': bind(contracts['meeting.approveMinutes'], approveMinutes, { prefetch: prefetchMeetingOnly }),
    'meeting.minutes': bind(contracts['meeting.minutes'], getMinutes),
  },
  collections: {
    meetings: {
      indexes: [
        // meeting.list: upcoming soonest first, past latest first.
        ['communityId', 'status', 'startsAt', '_id'],
        // meetingClock: notices, the reminder, the start and the forgotten end.
        ['wakeAt', '_id'],
      ],
      holds: 'shared',
    },
    // Buckets of a frozen roll, read by id; by meeting only for erasure and backups.
    meetingRolls: { indexes: [['communityId', 'meetingId', '_id']], holds: 'personal' },
    meetingRegistrations: {
      indexes: [
        ['communityId', 'meetingId', 'at', '_id'],
        ['communityId', 'memberId', 'at', '_id'],
        // A household's registration found from the caller's record (prefetch.ts prefetchRegister).
        ['communityId', 'meetingId', 'unitKey', '_id'],
      ],
      holds: 'personal',
    },
    // One pool per meeting, read by id.
    meetingSeats: { indexes: [['communityId', 'meetingId', '_id']], holds: 'bookkeeping' },
    meetingAttendance: {
      indexes: [
        ['communityId', 'meetingId', 'at', '_id'],
        ['communityId', 'memberId', 'at', '_id'],
        ['communityId', 'agentId', 'at', '_id'],
      ],
      holds: 'personal',
    },
    meetingProxies: {
      indexes: [
        ['communityId', 'meetingId', 'status', 'createdAt', '_id'],
        // 今日待办: paper 委托书 waiting for their second check, across meetings.
        ['communityId', 'status', 'createdAt', '_id'],
        ['communityId', 'meetingId', 'createdAt', '_id'],
        ['communityId', 'principalMemberId', 'createdAt', '_id'],
        ['communityId', 'agentMemberId', 'createdAt', '_id'],
      ],
      holds: 'personal',
    },
    // One per agent and meeting: the proxy ids they hold, capped by compare-and-set; read by id.
    meetingProxyAgents: { indexes: [['communityId', 'meetingId', '_id']], holds: 'bookkeeping' },
  },
  rateLimits: {
    // A proxy code is six characters: guessing one takes more tries than this allows.
    'meeting.acceptProxy': [{ limit: 20, windowSeconds: 3600 }],
    'meeting.signIn': [{ limit: 600, windowSeconds: 3600 }],
    'meeting.register': [{ limit: 30, windowSeconds: 3600 }],
    'meeting.unregister': [{ limit: 30, windowSeconds: 3600 }],
  },
  sweep: {
    meetingClock: (deps, now) => runMeetingClock(deps, now, { pages: 10 }),
  },
  notices: MEETING_NOTICES,
  events: { ...MEETING_EVENTS, ...MINUTES_EVENTS },
  monthlyReport: (db, month) => meetingMonthlyReport(db, month),
  personalData: meetingPersonalData,
  today: meetingToday,
} satisfies FeatureManifest<'meeting'>;
