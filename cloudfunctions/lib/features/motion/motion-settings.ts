import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { motionSettingsId, type MotionSettingsRecord } from './records';
import { settingsOf, thresholdText, toSettingsView } from './settings';

/** 附议规则: what the community has set (the law's default until an admin sets its own). */
export const motionSettings: Handler<'motion.settings'> = async (ctx) => toSettingsView(ctx.caller, await settingsOf(ctx.db()));

/**
 * 设置附议规则. Each motion froze the rule when it was proposed, so a change applies to the
 * motions proposed after it. The first save inserts, later ones compare-and-set on `version`.
 */
export const configureMotions: Handler<'motion.configure'> = async (ctx) => {
  const db = ctx.db();
  const { caller, input, now } = ctx;
  const current = await settingsOf(db);
  const next: MotionSettingsRecord = {
    _id: motionSettingsId(db.communityId), communityId: db.communityId,
    supportUnit: input.supportUnit, threshold: input.threshold, supportDays: input.supportDays, answerDays: input.answerDays,
    version: current.version + 1, updatedAt: now, updatedBy: caller.memberId,
  };
  const saved = current.version === 0
    ? await db.insert('motionSettings', next)
    : await db.update('motionSettings', next._id, { supportUnit: next.supportUnit, threshold: next.threshold, supportDays: next.supportDays, answerDays: next.answerDays, version: next.version, updatedAt: now, updatedBy: caller.memberId }, { version: current.version });
  if (!saved) throw new AppError('CONFLICT', '附议规则刚被他人修改，请刷新后重试');
  await appendEvent(db, caller, {
    key: `v${next.version}`, subject: `motionSettings:${db.communityId}`, type: 'motion.configured', public: false,
    note: `${thresholdText(next.supportUnit, next.threshold)}；附议期${next.supportDays}天；答复期限${next.answerDays}天`, at: now,
  });
  return toSettingsView(caller, next);
};
