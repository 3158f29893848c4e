/**
 * meeting: manifest. PLACEHOLDER while the feature is built: each action below is bound to
 * `notBuilt` until its use case lands; the lead removes `notBuilt` before merging to main.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { AppError } from '../../../../miniprogram/core/errors';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { createMeeting } from './create-meeting';
import { listMeetings } from './list-meetings';
import { getMeeting } from './get-meeting';
import { cancelMeeting } from './cancel-meeting';
import { registerForMeeting } from './register';
import { unregisterFromMeeting } from './unregister';
import { meetingSignInCode } from './sign-in-code';
import { meetingAttendance } from './attendance';
import { endMeeting } from './end-meeting';
import { runMeetingClock } from './clock';
import { MEETING_EVENTS } from './events';
import { MEETING_NOTICES } from './notices';
import { meetingPersonalData } from './personal-data';
import { saveMinutes } from './save-minutes';
import { approveMinutes } from './approve-minutes';
import { getMinutes } from './get-minutes';
import { MINUTES_EVENTS } from './minutes-events';

const notBuilt = async (): Promise<never> => {
  throw new AppError('INTERNAL', '功能建设中');
};

export const meetingManifest = {
  name: 'meeting',
  actions: {
    'meeting.create': bind(contracts['meeting.create'], createMeeting),
    'meeting.list': bind(contracts['meeting.list'], listMeetings),
    'meeting.get': bind(contracts['meeting.get'], getMeeting),
    'meeting.cancel': bind(contracts['meeting.cancel'], cancelMeeting),
    'meeting.register': bind(contracts['meeting.register'], registerForMeeting),
    'meeting.unregister': bind(contracts['meeting.unregister'], unregisterFromMeeting),
    'meeting.signInCode': bind(contracts['meeting.signInCode'], meetingSignInCode),
    'meeting.signIn': bind(contracts['meeting.signIn'], notBuilt),
    'meeting.markLeft': bind(contracts['meeting.markLeft'], notBuilt),
    'meeting.attendance': bind(contracts['meeting.attendance'], meetingAttendance),
    'meeting.grantProxy': bind(contracts['meeting.grantProxy'], notBuilt),
    'meeting.acceptProxy': bind(contracts['meeting.acceptProxy'], notBuilt),
    'meeting.recordPaperProxy': bind(contracts['meeting.recordPaperProxy'], notBuilt),
    'meeting.confirmProxy': bind(contracts['meeting.confirmProxy'], notBuilt),
    'meeting.revokeProxy': bind(contracts['meeting.revokeProxy'], notBuilt),
    'meeting.proxies': bind(contracts['meeting.proxies'], notBuilt),
    'meeting.openVote': bind(contracts['meeting.openVote'], notBuilt),
    'meeting.closeVote': bind(contracts['meeting.closeVote'], notBuilt),
    'meeting.end': bind(contracts['meeting.end'], endMeeting),
    'meeting.saveMinutes': bind(contracts['meeting.saveMinutes'], saveMinutes),
    'meeting.approveMinutes': bind(contracts['meeting.approveMinutes'], approveMinutes),
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
    'meeting.register': [{ limit: 30, windowSeconds: 3600 }],
    'meeting.unregister': [{ limit: 30, windowSeconds: 3600 }],
  },
  sweep: {
    meetingClock: (deps, now) => runMeetingClock(deps, now, { pages: 10 }),
  },
  notices: MEETING_NOTICES,
  events: { ...MEETING_EVENTS, ...MINUTES_EVENTS },
  personalData: meetingPersonalData,
} satisfies FeatureManifest<'meeting'>;
