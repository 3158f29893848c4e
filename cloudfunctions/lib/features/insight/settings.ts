import { CLUSTER_K_DEFAULT, CLUSTER_WINDOW_DAYS } from '../../../../miniprogram/core/insight/contract';
import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { commitVersioned } from '../../kernel/versioned';
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
  const id = settingsIdFor(db.communityId);
  const eventFor = (from: number, next: InsightSettingsRecord) => eventRecord(db, ctx.caller, { key: `rule:${next.version}`, subject: `insightSettings:${id}`, type: 'insight.ruleSet', from: String(from), to: String(k), public: false, note: `${CLUSTER_WINDOW_DAYS}天内同一楼栋同一类别${k}件起提示`, at: ctx.now });
  let current = await db.get('insightSettings', id);
  if (!current) {
    // First use: the settings are made with the admin's k at once, carrying the step's event
    // (versioned.ts), so making them and changing k are one write.
    const fresh: InsightSettingsRecord = { _id: id, communityId: db.communityId, clusterK: k, scannedTo: ctx.now - CLUSTER_WINDOW_DAYS * DAY, version: 1, updatedAt: ctx.now };
    const event = eventFor(CLUSTER_K_DEFAULT, fresh);
    if (await db.insert('insightSettings', { ...fresh, lastEvent: event } as InsightSettingsRecord)) {
      await db.insert('events', event);
      return { clusterK: k, windowDays: CLUSTER_WINDOW_DAYS };
    }
    current = await db.require('insightSettings', id);
  }
  if (k === current.clusterK) return { clusterK: k, windowDays: CLUSTER_WINDOW_DAYS };
  const from = current.clusterK;
  await commitVersioned(db, 'insightSettings', current, { clusterK: k, updatedAt: ctx.now }, (next) => eventFor(from, next), '规则刚被他人修改，请刷新后重试');
  return { clusterK: k, windowDays: CLUSTER_WINDOW_DAYS };
};
