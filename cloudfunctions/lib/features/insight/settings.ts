import { CLUSTER_K_DEFAULT, CLUSTER_WINDOW_DAYS } from '../../../../miniprogram/core/insight/contract';
import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { hasRole } from '../../kernel/caller';
import type { ScopedStore } from '../../kernel/scoped-store';
import { DAY } from '../../kernel/time';
import { settingsIdFor } from './ids';
import type { InsightSettingsRecord } from './records';

/** The community's settings, made on first use: the watermark starts one window back. */
export async function settingsOf(db: ScopedStore, now: number): Promise<InsightSettingsRecord> {
  const id = settingsIdFor(db.communityId);
  const found = await db.get('insightSettings', id);
  if (found) return found;
  const fresh: InsightSettingsRecord = { _id: id, communityId: db.communityId, clusterK: CLUSTER_K_DEFAULT, scannedTo: now - CLUSTER_WINDOW_DAYS * DAY, version: 1, updatedAt: now };
  if (await db.insert('insightSettings', fresh)) return fresh;
  return db.require('insightSettings', id);
}

/** Reads the cluster rule; an admin may set k (2–10), compare-and-set on the version. */
export const insightSettings: Handler<'insight.settings'> = async (ctx) => {
  const db = ctx.db();
  const k = ctx.input.clusterK;
  if (k === undefined) {
    // A read writes nothing: the settings are made by the sweep or the first change.
    const found = await db.get('insightSettings', settingsIdFor(db.communityId));
    return { clusterK: found?.clusterK ?? CLUSTER_K_DEFAULT, windowDays: CLUSTER_WINDOW_DAYS };
  }
  if (!hasRole(ctx.caller, 'admin')) throw new AppError('FORBIDDEN', '只有管理员可以调整聚集规则');
  const current = await settingsOf(db, ctx.now);
  if (k === current.clusterK) return { clusterK: k, windowDays: CLUSTER_WINDOW_DAYS };
  const done = await db.store.transaction(async (tx) => {
    const s = await tx.get('insightSettings', current._id);
    if (!s || s.version !== current.version) return false;
    tx.set('insightSettings', { ...s, clusterK: k, version: s.version + 1, updatedAt: ctx.now });
    tx.insert('events', eventRecord(db, ctx.caller, { key: `rule:${s.version + 1}`, subject: `insightSettings:${s._id}`, type: 'insight.ruleSet', from: String(s.clusterK), to: String(k), public: false, note: `${CLUSTER_WINDOW_DAYS}天内同一楼栋同一类别${k}件起提示`, at: ctx.now }));
    return true;
  });
  if (!done) throw new AppError('CONFLICT', '规则刚被他人修改，请刷新后重试');
  return { clusterK: k, windowDays: CLUSTER_WINDOW_DAYS };
};
