/**
 * The community's rule for motions and how a motion freezes it: the default is the law's
 * (《城市居民委员会组织法》第九条: a 居民会议 is called at the request of one fifth of the
 * households or of the adults), support collected for DEFAULT_SUPPORT_DAYS, staff answering
 * within DEFAULT_ANSWER_DAYS of the threshold being met.
 */
import type { MotionSettingsView } from '../../../../miniprogram/core/council/motion-contract';
import { DEFAULT_ANSWER_DAYS, DEFAULT_SUPPORT_DAYS } from '../../../../miniprogram/core/council/vocabulary';
import { leastReaching } from '../../../../miniprogram/core/poll/rules';
import type { ActionName } from '../../../../miniprogram/core/action-names';
import { hasRole, type Caller } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { censusSizes } from '../roll/census';
import { motionSettingsId, type MotionSettingsRecord, type SupportUnit, type ThresholdRule } from './records';

export function defaultSettings(communityId: string): MotionSettingsRecord {
  return {
    _id: motionSettingsId(communityId),
    communityId,
    supportUnit: 'household',
    threshold: { kind: 'share', num: 1, den: 5 },
    supportDays: DEFAULT_SUPPORT_DAYS,
    answerDays: DEFAULT_ANSWER_DAYS,
    version: 0,
    updatedAt: 0,
    updatedBy: null,
  };
}

export async function settingsOf(db: ScopedStore): Promise<MotionSettingsRecord> {
  return (await db.get('motionSettings', motionSettingsId(db.communityId))) ?? defaultSettings(db.communityId);
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–100 in Chinese numerals, as a fraction is read: 五, 十二, 二十, 一百. */
export function chineseNumber(n: number): string {
  if (n === 100) return '一百';
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

export const unitWord = (unit: SupportUnit) => (unit === 'household' ? '户' : '人');

/** 「本社区五分之一以上户附议」, 「3号楼五分之一以上成年居民附议」, 「50户以上附议」. */
export function thresholdText(unit: SupportUnit, t: ThresholdRule, where = '本社区'): string {
  const who = unit === 'household' ? '户' : '成年居民';
  if (t.kind === 'count') return `${t.count}${unit === 'household' ? '户' : '人'}以上附议`;
  const share = t.num === 1 && t.den === 2 ? '半数' : `${chineseNumber(t.den)}分之${chineseNumber(t.num)}`;
  return `${where}${share}以上${who}附议`;
}

export function toSettingsView(caller: Caller, s: MotionSettingsRecord): MotionSettingsView {
  const allowedActions: ActionName[] = ['motion.settings'];
  // The same test propose applies: staff, or a resident bound to a household.
  if (hasRole(caller, 'gridWorker', 'admin') || caller.householdId) allowedActions.push('motion.propose');
  if (hasRole(caller, 'admin')) allowedActions.push('motion.configure');
  return {
    supportUnit: s.supportUnit,
    threshold: s.threshold,
    thresholdText: thresholdText(s.supportUnit, s.threshold),
    supportDays: s.supportDays,
    answerDays: s.answerDays,
    allowedActions,
  };
}

/**
 * The census of a motion's scope now (households, bound or not; or adults bound there, minors
 * left out), both counts from one read: the caller reads it beside the settings that say
 * which count the community's rule uses.
 */
export function censusOfScope(db: ScopedStore, buildingIds: readonly string[]): Promise<Record<SupportUnit, number>> {
  const e = buildingIds.length ? { scope: 'buildings' as const, ids: buildingIds } : { scope: 'community' as const, ids: [] };
  return censusSizes(db, e);
}

/**
 * The census frozen into a motion and the least number of supports reaching the rule: a
 * share is 「以上」 (≥), as the law's 五分之一以上 reads, tested in integers; never fewer than one.
 */
export function freezeThreshold(sizes: Readonly<Record<SupportUnit, number>>, unit: SupportUnit, rule: ThresholdRule): { census: number; threshold: number } {
  const census = sizes[unit];
  const threshold = rule.kind === 'count' ? rule.count : leastReaching(census, { num: rule.num, den: rule.den, cmp: '>=' });
  return { census, threshold: Math.max(1, threshold) };
}
