import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { loadPoll } from './my-ballot';
import { isVotingTime, mayManage } from './permissions';
import { toPollView } from './presenters';

/**
 * A show of hands in a meeting: the attendance and the hands per option, recorded once.
 * The numbers must be possible — nobody counted twice, no more present than on the roll.
 */
export const recordHands: Handler<'poll.recordHands'> = async (ctx) => {
  const db = ctx.db();
  const poll = await loadPoll(ctx, ctx.input.pollId);
  if (!mayManage(ctx.caller, poll)) throw new AppError('FORBIDDEN', '只有社区管理员可以记录');
  if (!poll.channels.includes('hands')) throw new AppError('FORBIDDEN', '本次投票不是举手表决');
  if (poll.meeting) throw new AppError('FORBIDDEN', '会议举手表决在结束表决时录入');
  if (!isVotingTime(poll, ctx.now)) throw new AppError('CLOSED', ctx.now < poll.opensAt ? '表决尚未开始' : '表决已结束');
  if (poll.hands) throw new AppError('CONFLICT', '举手表决结果已经记录过');
  const { present, counts, abstain } = ctx.input;
  const known = new Set(poll.options.map((o) => o.id));
  const unknown = Object.keys(counts).find((k) => !known.has(k));
  if (unknown) throw fieldError('VALIDATION_ERROR', `counts.${unknown}`, '选项不在本次表决中');
  if (present > (poll.roll?.size ?? 0)) throw fieldError('VALIDATION_ERROR', 'present', `到会人数不能超过名册人数${poll.roll?.size ?? 0}`);
  const hands = Object.values(counts).reduce((n, c) => n + c, 0);
  if (poll.maxPicks === 1 && hands + abstain > present) throw fieldError('VALIDATION_ERROR', 'counts', `举手总数${hands + abstain}超过了到会人数${present}`);
  if (Object.values(counts).some((c) => c > present) || abstain > present) throw fieldError('VALIDATION_ERROR', 'counts', '某一项的举手数超过了到会人数');
  const record = { present, counts: Object.fromEntries(poll.options.map((o) => [o.id, counts[o.id] ?? 0])), abstain, by: ctx.caller.memberId, at: ctx.now };
  const patch = { hands: record, participation: present, version: poll.version + 1 };
  if (!(await db.update('polls', poll._id, patch, { version: poll.version, hands: null }))) throw new AppError('CONFLICT', '举手表决结果已经记录过');
  await appendEvent(db, ctx.caller, { key: 'hands', subject: `poll:${poll._id}`, type: 'poll.handsRecorded', public: false, note: `到会${present}人`, at: ctx.now });
  return toPollView(ctx.caller, { ...poll, ...patch }, ctx.now, false, null);
};
