import type { Handler } from '../../kernel/action';
import { act } from './transition';

/**
 * 签收. The first signature makes its signer the first responder (首接负责), who stays
 * responsible until the concern closes, and fixes whether the contact SLA was met.
 */
export const acceptConcern: Handler<'concern.accept'> = async (ctx) => {
  const me = ctx.caller.memberId;
  return act(ctx, 'concern.accept', (c) => ({
    patch: {
      // A reopened concern (round 2+) that was passed on stays under supervision when signed.
      status: c.round >= 2 ? 'supervised' : 'accepted',
      assigneeId: me,
      firstResponderId: c.firstResponderId ?? me,
      acceptedAt: c.acceptedAt ?? ctx.now,
      respondedInTime: c.respondedInTime ?? ctx.now <= c.contactDueAt,
      // An unsigned item's wakeAt is the end of its current holder's window (see clocks.ts).
      signedInWindow: c.signedInWindow ?? ctx.now <= (c.wakeAt ?? c.contactDueAt),
      overdue: false,
      wakeAt: Math.max(c.resolveDueAt, ctx.now),
    },
    step: { type: 'concern.accepted', public: true },
    messages: () => [{ to: [c.authorId], kind: 'concern.accepted', title: '您的诉求正在办理', body: `诉求 ${c.number} 已有工作人员负责，正在办理。` }],
  }));
};
