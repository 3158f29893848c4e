/**
 * 监督意见: its identity (one per member per version, so its id is made of the three and a
 * retry or a second tap lands on the same record) and who may give one. How an opinion reads
 * is presenters.ts's `opinionView`.
 */
import { createHash } from 'node:crypto';
import type { HandlerContext } from '../../kernel/action';
import { sits } from '../supervision/committee';
import type { ItemRecord } from './records';

export const opinionIdFor = (itemId: string, versionNumber: number, memberId: string) =>
  `dop_${createHash('sha256').update(`${itemId}|${versionNumber}|${memberId}`).digest('hex').slice(0, 24)}`;

/**
 * Whether the caller may give an opinion on the item now: they sit on the committee, the
 * item is published, they had no hand in it, and they have not yet given one on its current
 * version. What `allowedActions` offers (presenters.ts asks it for each view).
 */
export async function mayOpine(ctx: HandlerContext<unknown>, item: ItemRecord): Promise<boolean> {
  if (item.currentNumber === 0 || item.authorIds.includes(ctx.caller.memberId) || !(await sits(ctx))) return false;
  return !(await ctx.db().get('disclosureOpinions', opinionIdFor(item._id, item.currentNumber, ctx.caller.memberId)));
}
