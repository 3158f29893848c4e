import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { cancelActivity } from './cancel-activity';
import { runSignupClocks } from './clocks';
import { confirmSignup, prefetchConfirm } from './confirm';
import { ACTIVITY_EVENTS } from './events';
import { getActivity, prefetchActivity, prefetchActivityOnly } from './get-activity';
import { listActivities, prefetchActivities } from './list-activities';
import { mySignups, prefetchMySignups } from './my-signups';
import { ACTIVITY_NOTICES } from './notices';
import { activityPersonalData } from './personal-data';
import { publishActivity } from './publish-activity';
import { activityRoster, prefetchRoster } from './roster';
import { prefetchSignUp, signUp } from './sign-up';
import { upsertActivity } from './upsert-activity';
import { prefetchWithdraw, withdrawSignup } from './withdraw';
import { autoCloseAttendance } from './auto-close';
import { checkIn, prefetchCheckIn } from './check-in';
import { checkInByHand, prefetchCheckInByHand } from './check-in-by-hand';
import { checkInCode, prefetchCheckInCode } from './check-in-code';
import { CHECK_IN_EVENTS } from './check-in-events';
import { checkOut, prefetchCheckOut } from './check-out';
import { activityToday } from './today';

const HOUR = 3600;
export const activityManifest = {
  name: 'activity',
  actions: {
    // Each prefetch: the reads known from the input, in the caller's record's round-trip.
    'activity.list': bind(contracts['activity.list'], listActivities, { prefetch: prefetchActivities }),
    'activity.get': bind(contracts['activity.get'], getActivity, { prefetch: prefetchActivity }),
    'activity.upsert': bind(contracts['activity.upsert'], upsertActivity),
    'activity.publish': bind(contracts['activity.publish'], publishActivity, { prefetch: prefetchActivity }),
    'activity.cancel': bind(contracts['activity.cancel'], cancelActivity, { prefetch: prefetchActivityOnly }),
    'activity.signup': bind(contracts['activity.signup'], signUp, { prefetch: prefetchSignUp }),
    'activity.withdraw': bind(contracts['activity.withdraw'], withdrawSignup, { prefetch: prefetchWithdraw }),
    'activity.confirm': bind(contracts['activity.confirm'], confirmSignup, { prefetch: prefetchConfirm }),
    'activity.mine': bind(contracts['activity.mine'], mySignups, { prefetch: prefetchMySignups }),
    'activity.roster': bind(contracts['activity.roster'], activityRoster, { prefetch: prefetchRoster }),
    'activity.checkInCode': bind(contracts['activity.checkInCode'], checkInCode, { prefetch: prefetchCheckInCode }),
    'activity.checkIn': bind(contracts['activity.checkIn'], checkIn, { prefetch: prefetchCheckIn }),
    'activity.checkOut': bind(contracts['activity.checkOut'], checkOut, { prefetch: prefetchCheckOut }),
    'activity.checkInByHand': bind(contracts['activity.checkInByHand'], checkInByHand, { prefetch: prefetchCheckInByHand }),
  },
  collections: {
    activities: {
      indexes: [
        ['communityId', 'status', 'startAt', '_id'],
        ['communityId', 'status', 'teamId', 'startAt', '_id'],
        ['communityId', 'teamId', 'startAt', '_id'],
        ['communityId', 'organiserId', 'startAt', '_id'],
        // 今日待办: the day's activities a 项目负责人 leads.
        ['communityId', 'leadId', 'startAt', '_id'],
        ['communityId', 'startAt', '_id'],
      ],
      holds: 'shared',
    },
    // One per (activity, shift, role); always read by id, by community only for backups.
    activitySeats: { indexes: [['communityId', 'activityId', '_id']], holds: 'shared' },
    signups: {
      indexes: [
        ['communityId', 'memberId', 'endAt', '_id'],
        ['communityId', 'activityId', 'status', 'createdAt', '_id'],
        ['communityId', 'activityId', 'createdAt', '_id'],
        ['wakeAt', '_id'],
      ],
      holds: 'personal',
    },
    // One per person, the times their open sign-ups hold; read by id.
    volunteerAgendas: { indexes: [['communityId', '_id']], holds: 'bookkeeping' },
    attendance: {
      indexes: [
        ['communityId', 'activityId', 'inAt', '_id'],
        ['communityId', 'memberId', 'inAt', '_id'],
        // Forgotten check-outs the sweep closes.
        ['wakeAt', '_id'],
      ],
      holds: 'personal',
    },
    // One per shift and phone: a phone checks in one person.
    attendanceDevices: { indexes: [['communityId', 'memberId', 'at', '_id']], holds: 'personal' },
  },
  rateLimits: {
    'activity.signup': [{ limit: 60, windowSeconds: HOUR }],
    'activity.checkIn': [{ limit: 30, windowSeconds: HOUR }],
    'activity.checkOut': [{ limit: 30, windowSeconds: HOUR }],
  },
  sweep: {
    signupClocks: (deps, now) => runSignupClocks(deps, now, { pages: 10 }),
    autoCloseAttendance: (deps, now) => autoCloseAttendance(deps, now, { pages: 10 }),
  },
  notices: ACTIVITY_NOTICES,
  events: { ...ACTIVITY_EVENTS, ...CHECK_IN_EVENTS },
  personalData: activityPersonalData,
  today: activityToday,
} satisfies FeatureManifest<'activity'>;
