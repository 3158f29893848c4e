import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import type { BuildingRecord } from './records';

export const upsertBuilding: Handler<'community.upsertBuilding'> = async (ctx) => {
  const db = ctx.db();
  const { input, now } = ctx;
  await db.require('grids', input.gridId, '网格不存在', 'gridId');
  let building: BuildingRecord;
  if (input.buildingId) {
    const existing = await db.require('buildings', input.buildingId, '楼栋不存在', 'buildingId');
    building = { ...existing, name: input.name, gridId: input.gridId, updatedAt: now };
    await db.update('buildings', building._id, { name: building.name, gridId: building.gridId, updatedAt: now });
  } else {
    building = {
      _id: ctx.deps.ids.random('b'),
      communityId: db.communityId,
      name: input.name,
      gridId: input.gridId,
      createdAt: now,
      updatedAt: now,
    };
    await db.insert('buildings', building);
  }
  await appendEvent(db, ctx.caller, {
    key: ctx.deps.ids.random('e'),
    subject: `building:${building._id}`,
    type: input.buildingId ? 'building.updated' : 'building.created',
    to: JSON.stringify({ name: building.name, gridId: building.gridId }),
    public: false,
    at: now,
  });
  return { id: building._id, name: building.name, gridId: building.gridId };
};
