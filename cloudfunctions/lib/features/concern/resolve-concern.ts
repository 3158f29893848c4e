import type { Handler } from '../../kernel/action';
import { RATING_WINDOW } from './lifecycle';
import { act } from './transition';
import { sentence } from '../../../../miniprogram/core/format';

/** 办结: the handler states what was done; the resident has a week to say if it worked. */
export const resolveConcern: Handler<'concern.resolve'> = async (ctx) => {
  const rateDueAt = ctx.now + RATING_WINDOW;
  return act(ctx, 'concern.resolve', (c) => ({
    patch: {
      status: 'resolved',
      resolution: { summary: ctx.input.summary, photos: ctx.input.photos, at: ctx.now, by: ctx.caller.memberId },
      firstResolvedAt: c.firstResolvedAt ?? ctx.now,
      round: c.firstResolvedAt === null ? 1 : c.round,
      rateDueAt,
      pausedAt: null,
      resumeStatus: null,
      whistle: null,
      overdue: false,
      wakeAt: rateDueAt,
    },
    step: { type: 'concern.resolved', public: true, note: ctx.input.summary, photos: ctx.input.photos },
    messages: () => [
      { to: [c.authorId], kind: 'concern.resolved', title: '您的诉求已办结，请评价', body: `${sentence(ctx.input.summary)}。问题解决了吗？欢迎评价。` },
      // Followers of a merge hear the outcome; the rating is the original author's alone.
      { to: c.followerIds, kind: 'concern.resolved', title: '与您反映的问题合并办理的诉求已办结', body: `${sentence(ctx.input.summary)}。` },
    ],
  }), ctx.input.photos, { summary: ctx.input.summary });
};
