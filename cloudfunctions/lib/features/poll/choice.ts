import type { PollVote } from '../../../../miniprogram/core/poll/contract';
import { fieldError } from '../../../../miniprogram/core/errors';
import type { PollRecord } from './records';
import type { Choice } from './seal';

/** The marks must name this poll's options, each once, within its min and max. */
export function checkedChoice(poll: PollRecord, choice: PollVote['choice'], openText: string | undefined): Choice {
  const text = poll.openTextLabel && openText ? { openText } : {};
  if ('abstain' in choice) return { abstain: true, ...text };
  const ids = [...new Set(choice.optionIds)];
  const known = new Set(poll.options.map((o) => o.id));
  if (ids.length !== choice.optionIds.length) throw fieldError('VALIDATION_ERROR', 'choice.optionIds', '同一选项不能选两次');
  if (ids.some((id) => !known.has(id))) throw fieldError('VALIDATION_ERROR', 'choice.optionIds', '选项不在本次投票中，请刷新后重选');
  if (ids.length < poll.minPicks || ids.length > poll.maxPicks) {
    throw fieldError('VALIDATION_ERROR', 'choice.optionIds', poll.minPicks === poll.maxPicks ? `请选择${poll.maxPicks}项` : `请选择${poll.minPicks}至${poll.maxPicks}项`);
  }
  return { optionIds: ids, ...text };
}
