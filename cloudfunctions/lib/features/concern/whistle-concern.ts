import type { Handler } from '../../kernel/action';
import { DAY } from '../../kernel/time';
import { pause } from './lifecycle';
import { act, residents } from './transition';

/**
 * 吹哨报到: a named department or the subdistrict is brought in and must report back by a
 * date. The handler's clocks stop meanwhile; the sweep chases the department when late.
 */
export const whistleConcern: Handler<'concern.whistle'> = async (ctx) => {
  const { department, note, replyDays } = ctx.input;
  const dueAt = ctx.now + replyDays * DAY;
  return act(ctx, 'concern.whistle', (c) => ({
    patch: { status: 'coordinating', ...pause(c, ctx.now), whistle: { department, note, since: ctx.now, dueAt, chases: 0 }, overdue: false, wakeAt: dueAt },
    step: { type: 'concern.whistled', public: true, note: `已请${department}协同处理` },
    messages: () => [{ to: residents(c), kind: 'concern.whistled', title: '您的诉求正在协调相关部门', body: `已请${department}协同处理，${replyDays}天内回复。` }],
  }));
};
