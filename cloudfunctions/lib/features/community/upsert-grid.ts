import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { changeMember } from '../../kernel/members';
import type { GridRecord } from './records';

/**
 * Creates or edits a grid. Naming a worker A or B also puts the grid in that worker's
 * scope, so routing and permission can never point at someone who cannot see the item.
 */
export const upsertGrid: Handler<'community.upsertGrid'> = async (ctx) => {
  const db = ctx.db();
  const { input, now } = ctx;
  const workerIds = [input.workerA, input.workerB].filter((id): id is string => !!id);
  if (input.workerA && input.workerA === input.workerB) {
    throw fieldError('VALIDATION_ERROR', 'workerB', 'A角和B角不能是同一人');
  }
  const workers = await db.getMany('members', [...workerIds, ...(input.leader ? [input.leader] : [])]);
  for (const id of workerIds) {
    const w = workers.find((m) => m._id === id);
    if (!w || !w.roles.includes('gridWorker')) {
      throw fieldError('VALIDATION_ERROR', id === input.workerA ? 'workerA' : 'workerB', '负责人须为本社区的网格员，请先在成员管理中设置角色');
    }
  }
  const leader = input.leader ? workers.find((m) => m._id === input.leader) : undefined;
  if (input.leader && (!leader || !leader.roles.some((r) => r === 'gridWorker' || r === 'admin'))) {
    throw fieldError('VALIDATION_ERROR', 'leader', '网格长须为本社区的网格员或管理员');
  }
  // A grid-worker leader needs the grid in scope to supervise it; admins see all anyway.
  const scoped = [...workerIds, ...(leader?.roles.includes('gridWorker') ? [leader._id] : [])];

  let grid: GridRecord;
  let previousLeader: string | null = null;
  if (input.gridId) {
    const existing = await db.require('grids', input.gridId, '网格不存在', 'gridId');
    previousLeader = existing.leaderId ?? null;
    grid = { ...existing, name: input.name, workerA: input.workerA ?? null, workerB: input.workerB ?? null, leaderId: input.leader ?? null, updatedAt: now };
    await db.update('grids', grid._id, { name: grid.name, workerA: grid.workerA, workerB: grid.workerB, leaderId: grid.leaderId, updatedAt: now });
  } else {
    grid = {
      _id: ctx.deps.ids.random('g'),
      communityId: db.communityId,
      name: input.name,
      workerA: input.workerA ?? null,
      workerB: input.workerB ?? null,
      leaderId: input.leader ?? null,
      createdAt: now,
      updatedAt: now,
    };
    await db.insert('grids', grid);
  }

  for (const id of scoped) {
    await changeMember(ctx.deps.store, id, now, (m) => {
      if (!m) throw new AppError('NOT_FOUND', '成员不存在');
      return { ...m, gridIds: m.gridIds.includes(grid._id) ? m.gridIds : [...m.gridIds, grid._id] };
    }, workers.find((w) => w._id === id));
  }
  // The leader supervises the grid (督办 list, 催办): the new one gains it, the previous one
  // loses it, so supervision rights follow the grid record and never linger.
  const leaderId = grid.leaderId ?? null;
  const previous = previousLeader && previousLeader !== leaderId ? await db.get('members', previousLeader) : null;
  if (previous) {
    await changeMember(ctx.deps.store, previous._id, now, (m) => {
      if (!m) throw new AppError('NOT_FOUND', '成员不存在');
      return { ...m, ledGridIds: (m.ledGridIds ?? []).filter((g) => g !== grid._id) };
    }, previous);
  }
  if (leaderId && !(leader?.ledGridIds ?? []).includes(grid._id)) {
    await changeMember(ctx.deps.store, leaderId, now, (m) => {
      if (!m) throw new AppError('NOT_FOUND', '成员不存在');
      const led = m.ledGridIds ?? [];
      return { ...m, ledGridIds: led.includes(grid._id) ? led : [...led, grid._id] };
    }, scoped.includes(leaderId) ? undefined : leader);
  }
  await appendEvent(db, ctx.caller, {
    key: ctx.deps.ids.random('e'),
    subject: `grid:${grid._id}`,
    type: input.gridId ? 'grid.updated' : 'grid.created',
    to: JSON.stringify({ name: grid.name, workerA: grid.workerA, workerB: grid.workerB, leader: grid.leaderId }),
    public: false,
    at: now,
  });
  const names = new Map(workers.map((w) => [w._id, w.name ?? '网格员']));
  return {
    id: grid._id,
    name: grid.name,
    ...(grid.workerA ? { workerA: { memberId: grid.workerA, name: names.get(grid.workerA) ?? '网格员' } } : {}),
    ...(grid.workerB ? { workerB: { memberId: grid.workerB, name: names.get(grid.workerB) ?? '网格员' } } : {}),
    ...(grid.leaderId ? { leader: { memberId: grid.leaderId, name: names.get(grid.leaderId) ?? '网格长' } } : {}),
  };
};
