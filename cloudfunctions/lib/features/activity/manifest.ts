/**
 * The activity feature. On this branch (vol-hours) it holds only the check-in part: the four
 * check-in actions, the attendance collections and the auto-close sweep. The sign-up part
 * (activity.list … activity.roster, the seat pools and sign-ups) is added by vol-signup.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { attendancePersonalData } from './attendance-personal-data';
import { autoCloseAttendance } from './auto-close';
import { checkIn } from './check-in';
import { checkInByHand } from './check-in-by-hand';
import { checkInCode } from './check-in-code';
import { CHECK_IN_EVENTS } from './check-in-events';
import { checkOut } from './check-out';

export const activityManifest = {
  name: 'activity',
  actions: {
    'activity.checkInCode': bind(contracts['activity.checkInCode'], checkInCode),
    'activity.checkIn': bind(contracts['activity.checkIn'], checkIn),
    'activity.checkOut': bind(contracts['activity.checkOut'], checkOut),
    'activity.checkInByHand': bind(contracts['activity.checkInByHand'], checkInByHand),
  },
  collections: {
    attendance: {
      indexes: [
        ['communityId', 'activityId', 'inAt', '_id'],
        ['communityId', 'memberId', 'inAt', '_id'],
        // Forgotten check-outs the sweep closes.
        ['wakeAt', '_id'],
      ],
      holds: 'personal',
    },
    attendanceDevices: { indexes: [['communityId', 'memberId', 'at', '_id']], holds: 'personal' },
    // Stand-ins until vol-signup's activity and team manifests are merged (read by id only
    // here): the merge keeps theirs and drops these four lines.
    activities: { indexes: [['communityId', '_id']], holds: 'shared' },
    activitySeats: { indexes: [['communityId', '_id']], holds: 'shared' },
    signups: { indexes: [['communityId', '_id']], holds: 'bookkeeping' },
    teams: { indexes: [['communityId', '_id']], holds: 'shared' },
  },
  rateLimits: {
    'activity.checkIn': [{ limit: 30, windowSeconds: 3600 }],
    'activity.checkOut': [{ limit: 30, windowSeconds: 3600 }],
  },
  sweep: {
    autoCloseAttendance: (deps, now) => autoCloseAttendance(deps, now, { pages: 10 }),
  },
  events: CHECK_IN_EVENTS,
  personalData: attendancePersonalData,
} satisfies FeatureManifest<'activity'>;
