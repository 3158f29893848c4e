import type { Handler } from '../../kernel/action';
import type { ConcernRecord } from './records';
import { resume } from './lifecycle';
import { act } from './transition';

/**
 * The resident adds words or photos. If staff were waiting for exactly that, the clocks
 * start again with the waiting time added to both deadlines.
 */
export const supplementConcern: Handler<'concern.supplement'> = async (ctx) => {
  return act(ctx, 'concern.supplement', (c) => {
    const waiting = c.status === 'waitingResident';
    const patch: Partial<ConcernRecord> = waiting ? resume(c, ctx.now) : {};
    if (ctx.input.photos.length) patch.photos = [...c.photos, ...ctx.input.photos].slice(0, 18);
    return {
      patch,
      step: { type: 'concern.supplemented', public: true, note: ctx.input.text ?? null, photos: ctx.input.photos },
      messages: () => [
        { to: [c.assigneeId ?? c.firstResponderId], kind: 'concern.supplemented', title: `居民补充了诉求 ${c.number}`, body: (ctx.input.text ?? '补充了图片').slice(0, 60) },
      ],
    };
  }, ctx.input.photos, { text: ctx.input.text });
};
