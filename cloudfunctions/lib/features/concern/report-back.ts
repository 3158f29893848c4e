import type { HandlerContext } from '../../kernel/action';
import { resume } from './lifecycle';
import { act } from './transition';

/** Records the department's report (报到); the coordination ends and the clocks resume. */
export async function reportBack(ctx: HandlerContext<{ concernId: string; text: string; photos: string[] }>) {
  return act(ctx, 'concern.reportBack', (c) => ({
    patch: { ...resume(c, ctx.now), whistle: null },
    step: { type: 'concern.reportedBack', public: true, note: `${c.whistle?.department ?? '相关部门'}：${ctx.input.text}`, photos: ctx.input.photos },
  }), ctx.input.photos);
}
