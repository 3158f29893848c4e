import { AppError } from '../../../../miniprogram/core/errors';
import { areaText } from '../../../../miniprogram/core/poll/rules';
import { CHANNEL_LABELS } from '../../../../miniprogram/core/poll/vocabulary';
import type { Handler } from '../../kernel/action';
import { everyPage } from '../../kernel/every-page';
import { loadPoll } from './my-ballot';
import { mayCollect, mayCollectAny } from './permissions';
import { wholeRoll } from './roll-freeze';

/**
 * The frozen roll for the staff entering paper: which units have a ballot (and by which
 * channel), never what it says. Paged in memory: the roll is read whole either way.
 */
export const pollRoll: Handler<'poll.roll'> = async (ctx) => {
  const db = ctx.db();
  const poll = await loadPoll(ctx, ctx.input.pollId);
  if (!mayCollectAny(ctx.caller, poll)) throw new AppError('FORBIDDEN', '只有投票范围内的工作人员可以查看名册');
  if (!poll.roll) throw new AppError('CLOSED', '投票尚未开始，名册还没有冻结');
  // Independent reads: side by side, one round-trip.
  const [units, ballots] = await Promise.all([wholeRoll(db, poll), everyPage(db, 'ballots', { pollId: poll._id }, 'at')]);
  const voted = new Map(ballots.map((b) => [b.unitKey, b.channel]));
  const search = ctx.input.search;
  const mine = units.filter((u) => mayCollect(ctx.caller, poll, u.unit.gridId));
  const matching = search ? mine.filter((u) => u.unit.label.includes(search)) : mine;
  const start = ctx.input.cursor ? Number.parseInt(ctx.input.cursor, 10) || 0 : 0;
  const slice = matching.slice(start, start + ctx.input.limit);
  const items = slice.map(({ unitKey, unit }) => {
    const channel = voted.get(unitKey);
    return { unitKey, label: unit.label, areaText: poll.unit === 'ownerUnit' ? areaText(unit.areaCenti) : null, voted: !!channel, channelLabel: channel ? CHANNEL_LABELS[channel] : null };
  });
  const next = start + ctx.input.limit < matching.length ? String(start + ctx.input.limit) : undefined;
  return { items, total: matching.length, ...(next ? { next } : {}) };
};
