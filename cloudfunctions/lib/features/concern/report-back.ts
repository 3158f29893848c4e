import type { Handler } from '../../kernel/action';
import { resume } from './lifecycle';
import { act } from './transition';

/** Records the department's report (报到); the coordination ends and the clocks resume. */
export const reportBack: Handler<'concern.reportBack'> = async (ctx) => {
  return act(ctx, 'concern.reportBack', (c) => ({
    patch: { ...resume(c, ctx.now), whistle: null },
    step: { type: 'concern.reportedBack', public: true, note: `${c.whistle?.department ?? '相关部门'}：${ctx.input.text}`, photos: ctx.input.photos },
  }), ctx.input.photos, { text: ctx.input.text });
};
