/**
 * 投票表决: polls with their eligibility, ballot unit and frozen rule; one ballot per unit
 * across the app, paper (two-person entry), meeting votes and a show of hands; results
 * sealed until close and published by a second admin with the roll's hash.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { cancelPoll, closePoll, pollClock } from './close-poll';
import { createPoll } from './create-poll';
import { POLL_EVENTS } from './events';
import { getPoll, prefetchPoll } from './get-poll';
import { listPolls } from './list-polls';
import { myBallot, prefetchMyBallot } from './my-ballot';
import { confirmPaperBallot, enterPaperBallot, pendingPaperBallots } from './paper-ballot';
import { pollPersonalData } from './personal-data';
import { pollRoll } from './poll-roll';
import { publishPoll } from './publish-poll';
import { recordHands } from './record-hands';
import { pollResults } from './results';
import { vote } from './vote';

const HOUR = 3600;

export const pollManifest = {
  name: 'poll',
  actions: {
    'poll.create': bind(contracts['poll.create'], createPoll),
    'poll.list': bind(contracts['poll.list'], listPolls),
    'poll.get': bind(contracts['poll.get'], getPoll, { prefetch: prefetchPoll }),
    'poll.vote': bind(contracts['poll.vote'], vote),
    'poll.myBallot': bind(contracts['poll.myBallot'], myBallot, { prefetch: prefetchMyBallot }),
    'poll.roll': bind(contracts['poll.roll'], pollRoll),
    'poll.enterPaperBallot': bind(contracts['poll.enterPaperBallot'], enterPaperBallot),
    'poll.confirmPaperBallot': bind(contracts['poll.confirmPaperBallot'], confirmPaperBallot),
    'poll.pendingPaper': bind(contracts['poll.pendingPaper'], pendingPaperBallots),
    'poll.recordHands': bind(contracts['poll.recordHands'], recordHands),
    'poll.close': bind(contracts['poll.close'], closePoll),
    'poll.cancel': bind(contracts['poll.cancel'], cancelPoll),
    'poll.results': bind(contracts['poll.results'], pollResults),
    'poll.publish': bind(contracts['poll.publish'], publishPoll),
  },
  collections: {
    polls: {
      indexes: [
        ['communityId', 'status', 'closesAt', '_id'],
        // Opening and closing on time.
        ['wakeAt', '_id'],
      ],
      holds: 'shared',
    },
    pollRolls: { indexes: [['communityId', 'pollId', '_id']], holds: 'personal' },
    ballots: {
      indexes: [
        ['communityId', 'pollId', 'at', '_id'],
        ['communityId', 'pollId', 'status', 'at', '_id'],
        ['communityId', 'voterId', 'at', '_id'],
      ],
      holds: 'personal',
    },
  },
  rateLimits: {
    'poll.create': [{ limit: 30, windowSeconds: 24 * HOUR }],
    'poll.vote': [{ limit: 120, windowSeconds: HOUR }],
    'poll.enterPaperBallot': [{ limit: 2000, windowSeconds: HOUR }],
  },
  sweep: {
    pollClock: (deps, now) => pollClock(deps, now, { pages: 5 }),
  },
  events: POLL_EVENTS,
  personalData: pollPersonalData,
} satisfies FeatureManifest<'poll'>;
