import { createHash } from 'node:crypto';
import { fieldError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { hasRole } from '../../kernel/caller';
import { lastOfDayPart, takeIn } from './intake';

/** The household, the resident the staff member picked and the day's last concern go in the round-trip of their own record. */
export const prefetchFiling: PrefetchOf<'concern.fileFor'> = (input, _memberId, now) => ({
  last: lastOfDayPart(now),
  household: { collection: 'households', id: input.householdId },
  ...(input.residentId ? { resident: { collection: 'members', id: input.residentId } } : {}),
});

/**
 * 代办说事: a resident phones, visits or comes to the window, and the staff member files the
 * concern for them — the household picked through `member.find`, and the resident if one of
 * them uses the app. It takes the one intake path (same check, number, routing and clocks);
 * the resident is told and follows, supplements, rates and reopens it as their own. For a
 * household where nobody uses the app it belongs to the household: whoever binds there later
 * finds it in their list. Grid workers file only for households of their grids.
 */
export const fileConcernFor: Handler<'concern.fileFor'> = async (ctx) => {
  const { caller, input } = ctx;
  const db = ctx.db();
  // Both named by the input: prefetched, and the resident's checks wait for the household's.
  const [household, resident] = await Promise.all([db.get('households', input.householdId), input.residentId ? db.get('members', input.residentId) : null]);
  const building = household ? await db.get('buildings', household.buildingId) : null;
  if (!household || !building || !(hasRole(caller, 'admin') || caller.gridIds.includes(building.gridId))) {
    throw fieldError('NOT_FOUND', 'householdId', '住户不存在');
  }
  let authorName = input.contactName ?? null;
  let authorPhoneEnc: string | null = null;
  if (input.residentId) {
    if (!resident || resident.deletedAt || resident.householdId !== household._id || !resident.roles.includes('resident')) {
      throw fieldError('NOT_FOUND', 'residentId', '该住户没有这位居民');
    }
    authorName = resident.name;
    authorPhoneEnc = resident.phoneEnc ?? null;
  }
  return takeIn(ctx, {
    // Keyed by the staff member who files, apart from any concern they submit as a resident.
    id: `c_${createHash('sha256').update(`fileFor:${caller.memberId}:${ctx.idempotencyKey}`).digest('hex').slice(0, 24)}`,
    requestHash: createHash('sha256').update(JSON.stringify(input)).digest('hex'),
    authorId: input.residentId ?? null,
    authorName,
    authorPhoneEnc,
    householdId: household._id,
    buildingId: building._id,
    category: input.category,
    text: input.text,
    photos: input.photos,
    hideName: input.hideName,
    filedBy: { memberId: caller.memberId, name: caller.name ?? '社区工作人员', channel: input.channel, reason: input.reason, contactName: input.contactName ?? null },
  });
};
