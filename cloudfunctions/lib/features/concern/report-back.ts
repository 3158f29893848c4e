import { attachPhotos } from '../media/attach';
import { concernSubject } from './records';
import type { HandlerContext } from '../../kernel/action';
import { resume } from './lifecycle';
import { act } from './transition';

/** Records the department's report (报到); the coordination ends and the clocks resume. */
export async function reportBack(ctx: HandlerContext<{ concernId: string; text: string; photos: string[] }>) {
  // Photos must be the caller's own uploads; they then follow the concern's visibility.
  await attachPhotos(ctx.db(), ctx.caller.memberId as string, ctx.input.photos, concernSubject(ctx.input.concernId));
  return act(ctx, 'concern.reportBack', (c) => ({
    patch: { ...resume(c, ctx.now), whistle: null },
    step: { type: 'concern.reportedBack', public: true, note: `${c.whistle?.department ?? '相关部门'}：${ctx.input.text}`, photos: ctx.input.photos },
  }));
}
