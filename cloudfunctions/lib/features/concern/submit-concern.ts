import { createHash } from 'node:crypto';
import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { lastOfDayPart, takeIn } from './intake';

/** The building and the day's last concern (where numbering starts) go in the round-trip of the caller's record. */
export const prefetchSubmit: PrefetchOf<'concern.submit'> = (input, _memberId, now) => ({
  building: { collection: 'buildings', id: input.buildingId },
  last: lastOfDayPart(now),
});

/**
 * 说事: a bound resident raises a concern about their building. Everything after — content
 * check, number, routing, clocks, intake steps — is the one intake path (intake.ts).
 */
export const submitConcern: Handler<'concern.submit'> = async (ctx) => {
  const { caller, input } = ctx;
  const authorId = caller.memberId;
  // The role without the household (its binding ended): say what happened, not 没有权限.
  if (!caller.householdId) throw new AppError('FORBIDDEN', '您已不再绑定该住户。如已搬家，请在「我的」重新绑定新的住户');
  return takeIn(ctx, {
    id: `c_${createHash('sha256').update(`${authorId}:${ctx.idempotencyKey}`).digest('hex').slice(0, 24)}`,
    requestHash: createHash('sha256').update(JSON.stringify(input)).digest('hex'),
    authorId,
    authorName: caller.name,
    authorPhoneEnc: caller.phoneEnc,
    householdId: caller.householdId,
    buildingId: input.buildingId,
    category: input.category,
    text: input.text,
    photos: input.photos,
    hideName: input.hideName,
    filedBy: null,
  });
};
