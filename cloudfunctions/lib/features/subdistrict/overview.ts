import { monthOf, monthSpan } from '../../kernel/months';
import { SUBDISTRICT_MIN_SAMPLE, type CommunityFigures, type RateFigure } from '../../../../miniprogram/core/subdistrict/contract';
import type { Handler } from '../../kernel/action';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import { rateCounts, type Sample } from '../concern/stats';
import { onTimeRate } from '../disclosure/get-calendar';
import type { CommunityRecord } from '../community/records';
import { communitiesOf } from './communities';

/** A community's concerns of one month are read whole, up to this many; past it the figures are not a month's. */
const MAX_CONCERNS = 5_000;

export function rateFigure({ num, den }: Sample): RateFigure {
  if (den === 0) return { percent: null, sample: 0, text: '—' };
  // Integer percent rounded down, like every rate the app shows: never more than was done.
  const percent = Math.floor((num * 100) / den);
  return { percent, sample: den, text: den < SUBDISTRICT_MIN_SAMPLE ? `样本不足（n=${den}）` : `${percent}%（n=${den}）` };
}

async function figuresOf(db: ScopedStore, c: CommunityRecord, month: string, now: number): Promise<CommunityFigures> {
  const { start, end } = monthSpan(month);
  const [concerns, dues, codes, unmet] = await Promise.all([
    everyPage(db, 'concerns', { createdAt: { $gte: start, $lt: end } }, 'createdAt', MAX_CONCERNS),
    everyPage(db, 'disclosureDues', { month }, 'dueAt', 1_000),
    db.query('adminCodes', { where: {}, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 20 }),
    db.query('disclosureDues', { where: { state: 'due' }, orderBy: { field: 'dueAt', dir: 'asc' }, limit: 100 }),
  ]);
  const rates = rateCounts(concerns, now);
  return {
    communityId: c._id,
    name: c.name,
    // Opened in the app and no code used yet: nobody runs it.
    awaitingAdmin: codes.items.length > 0 && codes.items.every((c) => c.usedBy === null),
    concerns: concerns.filter((x) => x.status !== 'merged').length,
    response: rateFigure(rates.response),
    resolution: rateFigure(rates.resolution),
    satisfaction: rateFigure(rates.satisfaction),
    disclosureText: onTimeRate(month, dues, now).rateText,
    escalated: unmet.items.filter((d) => d.escalation === 'subdistrict').length,
  };
}

/**
 * 街道总览: for each community of the subdistrict, the month's concerns and three rates with
 * their samples, the 公开及时率, and how much it has escalated — counts and rates only.
 */
export const subdistrictOverview: Handler<'subdistrict.overview'> = async (ctx) => {
  const { now } = ctx;
  const month = ctx.input.month ?? monthOf(now);
  const communities = await communitiesOf(ctx);
  return {
    subdistrict: ctx.deps.config.subdistrict.name,
    month,
    communities: await Promise.all(communities.map((c) => figuresOf(ctx.dbFor(c._id), c, month, now))),
  };
};
