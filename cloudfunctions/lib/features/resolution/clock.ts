/**
 * 决议逾期: at its due date an open resolution's owner is told; from then on, every
 * CHASE_EVERY_DAYS until it is done or given a new date, the community's admins are told
 * (the owner in copy). Each step is a compare-and-set on the resolution, so overlapping
 * sweeps send one message per step.
 */
import { CHASE_EVERY_DAYS } from '../../../../miniprogram/core/council/vocabulary';
import { formatDay, sentence } from '../../../../miniprogram/core/format';
import type { Deps } from '../../kernel/deps';
import { forEachDue } from '../../kernel/due';
import { DAY } from '../../kernel/time';
import { adminsInbox } from '../notify/records';
import { commitResolution, tell } from './transition';

export async function runResolutionClock(deps: Deps, now: number, options: { pages: number }): Promise<{ conflicts: number }> {
  return forEachDue(deps.store, 'resolutions', now, options.pages, async (r, db) => {
    if (r.status !== 'inProgress') return db.update('resolutions', r._id, { wakeAt: null }, { version: r.version });
    if (now < r.dueAt) return db.update('resolutions', r._id, { wakeAt: r.dueAt }, { version: r.version });
    const first = r.chases === 0;
    const { next, event } = await commitResolution(
      db,
      'system',
      r,
      { overdue: true, chases: r.chases + 1, wakeAt: now + CHASE_EVERY_DAYS * DAY },
      { type: first ? 'resolution.overdue' : 'resolution.chased', note: `期限${formatDay(r.dueAt)}，进度${r.percent}%`, from: null, to: null },
      now,
    );
    const title = sentence(r.title, 20);
    await tell(deps.notifier, next, event._id, { to: [r.ownerId], kind: 'resolution.overdue', title: `决议已逾期：${title}`, body: `期限${formatDay(r.dueAt)}，目前进度${r.percent}%，请尽快落实并记录进度。` });
    if (!first) {
      await tell(deps.notifier, next, event._id, { to: [adminsInbox(r.communityId)], kind: 'resolution.chased', title: `督办：决议逾期未办结：${title}`, body: `负责人${r.ownerName}，期限${formatDay(r.dueAt)}，目前进度${r.percent}%。` });
    }
    return true;
  });
}
