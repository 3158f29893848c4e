/**
 * 投票表决: polls with their eligibility, ballot unit and frozen rule; one ballot per unit
 * across the app, paper (two-person entry), meeting votes and a show of hands; results
 * sealed until close and published by a second admin with the roll's hash.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind, type Prefetch } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { cancelPoll, closePoll, pollClock } from './close-poll';
import { createPoll } from './create-poll';
import { POLL_EVENTS } from './events';
import { getPoll, prefetchPoll } from './get-poll';
import { listPolls, prefetchPolls } from './list-polls';
import { myBallot, prefetchMyBallot } from './my-ballot';
import { confirmPaperBallot, enterPaperBallot, pendingPaperBallots, prefetchBallotAndPoll, prefetchPendingPaper } from './paper-ballot';
import { pollPersonalData } from './personal-data';
import { pollRoll } from './poll-roll';
import { prefetchPublish, publishPoll } from './publish-poll';
import { recordHands } from './record-hands';
import { pollResults } from './results';
import { vote } from './vote';

const HOUR = 3600;

/**
 * Read with the caller's record: the poll the input names. Every handler given it reads the
 * poll by that id first (loadPoll or require), so its first read costs no round-trip of its own.
 */
const prefetchPollOf: Prefetch<{ pollId: string }> = (input) => ({ poll: { collection: 'polls', id: input.pollId } });

export const pollManifest = {
  name: 'poll',
  actions: {
    'poll.create': bind(contracts['poll.create'], createPoll),
    'poll.list': bind(contracts['poll.list'], listPolls, { prefetch: prefetchPolls }),
    'poll.get': bind(contracts['poll.get'], getPoll, { prefetch: prefetchPoll }),
    'poll.vote': bind(contracts['poll.vote'], vote, { prefetch: prefetchPollOf }),
    'poll.myBallot': bind(contracts['poll.myBallot'], myBallot, { prefetch: prefetchMyBallot }),
    'poll.roll': bind(contracts['poll.roll'], pollRoll, { prefetch: prefetchPollOf }),
    'poll.enterPaperBallot': bind(contracts['poll.enterPaperBallot'], enterPaperBallot, { prefetch: prefetchPollOf }),
    'poll.confirmPaperBallot': bind(contracts['poll.confirmPaperBallot'], confirmPaperBallot, { prefetch: prefetchBallotAndPoll }),
    'poll.pendingPaper': bind(contracts['poll.pendingPaper'], pendingPaperBallots, { prefetch: prefetchPendingPaper }),
    'poll.recordHands': bind(contracts['poll.recordHands'], recordHands, { prefetch: prefetchPollOf }),
    'poll.close': bind(contracts['poll.close'], closePoll, { prefetch: prefetchPollOf }),
    'poll.cancel': bind(contracts['poll.cancel'], cancelPoll, { prefetch: prefetchPollOf }),
    'poll.results': bind(contracts['poll.results'], pollResults, { prefetch: prefetchPollOf }),
    'poll.publish': bind(contracts['poll.publish'], publishPoll, { prefetch: prefetchPublish }),
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
