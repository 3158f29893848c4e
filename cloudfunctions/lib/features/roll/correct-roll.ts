import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { HouseholdRollView, OwnerUnitView } from '../../../../miniprogram/core/poll/contract';
import { areaText, parseArea } from '../../../../miniprogram/core/poll/rules';
import type { Handler, HandlerContext } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import type { IdentifiedCaller } from '../../kernel/caller';
import { checkWritten } from '../../kernel/content';
import { everyPage } from '../../kernel/every-page';
import { commitVersioned } from '../../kernel/versioned';
import { mayCorrectHousehold, mayCorrectOwnerUnit } from './permissions';
import { boundResidents, householdRollView, ownerUnitView } from './presenters';
import { householdRollId, type HouseholdRollRecord } from './records';

type Input = Parameters<Handler<'roll.correct'>>[0]['input'];
type Ctx<I> = HandlerContext<I, IdentifiedCaller>;

/**
 * 更正名册: one unit of the owner register (admins: area, owners and their links, 未售), or
 * one household's 户代表 and minors (admins and the building's grid workers). Each change is
 * compared on the record's version and audited with its reason; a correction that changes
 * nothing writes nothing.
 */
export const correctRoll: Handler<'roll.correct'> = async (ctx) => {
  const input = ctx.input;
  return input.kind === 'owner' ? correctOwnerUnit({ ...ctx, input }) : correctHousehold({ ...ctx, input });
};

async function correctOwnerUnit(ctx: Ctx<Extract<Input, { kind: 'owner' }>>): Promise<OwnerUnitView> {
  const { caller, input, now } = ctx;
  if (!mayCorrectOwnerUnit(caller)) throw new AppError('FORBIDDEN', '业主名册只有社区管理员可以更正');
  const db = ctx.db();
  const unit = await db.require('ownerUnits', input.unitId, '没有找到这套房屋', 'unitId');
  const areaCenti = input.areaM2 === undefined ? unit.areaCenti : parseArea(input.areaM2);
  if (areaCenti === null) throw fieldError('VALIDATION_ERROR', 'areaM2', '专有面积须大于0，最多两位小数');
  const owners = input.owners ?? unit.owners;
  if (input.owners) await checkOwners(ctx, input.owners);
  const unsold = input.unsold ?? unit.unsold;
  const buildingName = (await db.get('buildings', unit.buildingId))?.name;

  const changes = [
    areaCenti !== unit.areaCenti ? `专有面积 ${areaText(unit.areaCenti)} → ${areaText(areaCenti)}` : null,
    sameOwners(owners, unit.owners) ? null : `业主 ${ownersText(unit.owners)} → ${ownersText(owners, unit.owners)}`,
    unsold !== unit.unsold ? `状态 ${unit.unsold ? '未售' : '已售'} → ${unsold ? '未售' : '已售'}` : null,
  ].filter((c): c is string => c !== null);
  if (changes.length === 0) return ownerUnitView(caller, unit, buildingName);

  await checkWritten(ctx, { reason: input.reason });
  const next = await commitVersioned(
    db,
    'ownerUnits',
    unit,
    { areaCenti, owners: owners.map((o) => ({ name: o.name, memberId: o.memberId })), unsold, updatedAt: now, updatedBy: caller.memberId },
    (n) => eventRecord(db, caller, { key: `v${n.version}:roll.corrected`, subject: `ownerUnit:${unit._id}`, type: 'roll.corrected', public: false, note: `${changes.join('；')}；原因：${input.reason}`, at: now }),
    '这套房屋的名册刚被修改，请刷新后重试',
  );
  return ownerUnitView(caller, next, buildingName);
}

/** Names pass the content check; a linked member must be a resident of this community, once. */
async function checkOwners(ctx: Ctx<unknown>, owners: readonly Owner[]): Promise<void> {
  const names = new Set<string>();
  owners.forEach((o, i) => {
    if (names.has(o.name)) throw fieldError('VALIDATION_ERROR', `owners.${i}.name`, '业主姓名重复了');
    names.add(o.name);
  });
  const ids = owners.map((o) => o.memberId).filter((m): m is string => m !== null);
  const residents = new Set((await ctx.db().getMany('members', ids)).filter((m) => m.roles.includes('resident') && !m.deletedAt).map((m) => m._id));
  const linked = new Set<string>();
  owners.forEach((o, i) => {
    if (o.memberId === null) return;
    if (!residents.has(o.memberId)) throw fieldError('VALIDATION_ERROR', `owners.${i}.memberId`, '关联的须是本社区已绑定住户的居民');
    if (linked.has(o.memberId)) throw fieldError('VALIDATION_ERROR', `owners.${i}.memberId`, '同一位居民不能关联两次');
    linked.add(o.memberId);
  });
  await checkWritten(ctx, Object.fromEntries(owners.map((o, i) => [`owners.${i}.name`, o.name])), { scene: 'profile' });
}

type Owner = { name: string; memberId: string | null };

function sameOwners(a: readonly Owner[], b: readonly Owner[]): boolean {
  return a.length === b.length && a.every((o, i) => o.name === b[i].name && o.memberId === b[i].memberId);
}

/**
 * 「张三（已关联）、李四」: names as the register has them, never a phone or an ID number; a
 * name tied to another member than `before` had reads 「（重新关联）」.
 */
function ownersText(owners: readonly Owner[], before: readonly Owner[] = []): string {
  const mark = (o: Owner) => {
    if (!o.memberId) return '';
    return before.some((p) => p.name === o.name && p.memberId !== null && p.memberId !== o.memberId) ? '（重新关联）' : '（已关联）';
  };
  return owners.length ? owners.map((o) => `${o.name}${mark(o)}`).join('、') : '无';
}

async function correctHousehold(ctx: Ctx<Extract<Input, { kind: 'household' }>>): Promise<HouseholdRollView> {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const rollId = householdRollId(input.householdId);
  // The household, its people and its roll entry at once (all keyed by the id asked for);
  // nothing of the people or the entry is shown unless the household is the caller's to correct.
  const [household, people, stored] = await Promise.all([
    db.get('households', input.householdId),
    everyPage(db, 'members', { householdId: input.householdId }, 'createdAt'),
    db.get('householdRolls', rollId),
  ]);
  const building = household ? await db.get('buildings', household.buildingId) : null;
  // Outside the caller's grids the household is not there for them, as in every list.
  if (!household || !mayCorrectHousehold(caller, building?.gridId ?? null)) throw fieldError('NOT_FOUND', 'householdId', '没有找到这一户');
  const residents = boundResidents(people, household._id);
  const bound = new Set(residents.map((m) => m._id));
  let current = stored;

  if (input.representativeId && !bound.has(input.representativeId)) throw fieldError('VALIDATION_ERROR', 'representativeId', '户代表须是这一户已绑定的居民');
  input.minorIds?.forEach((id, i) => {
    if (!bound.has(id)) throw fieldError('VALIDATION_ERROR', `minorIds.${i}`, '只能选这一户已绑定的居民');
  });
  const representativeId = input.representativeId === undefined ? current?.representativeId ?? null : input.representativeId;
  const minorIds = input.minorIds === undefined ? current?.minorIds ?? [] : [...new Set(input.minorIds)];
  if (representativeId && minorIds.includes(representativeId)) {
    throw input.representativeId !== undefined
      ? fieldError('VALIDATION_ERROR', 'representativeId', '户代表须是成年人')
      : fieldError('VALIDATION_ERROR', `minorIds.${(input.minorIds ?? []).indexOf(representativeId)}`, '户代表不能标为未成年人，请先更换户代表');
  }

  const before = { representativeId: current?.representativeId ?? null, minorIds: current?.minorIds ?? [] };
  const sameMinors = before.minorIds.length === minorIds.length && before.minorIds.every((id) => minorIds.includes(id));
  if (before.representativeId === representativeId && sameMinors) return householdRollView(caller, household, building ?? undefined, residents, current);

  await checkWritten(ctx, { reason: input.reason });
  if (!current) {
    // Insert-if-absent an empty entry (it says what no entry says), then change it like any other.
    const empty: HouseholdRollRecord = { _id: rollId, communityId: db.communityId, householdId: household._id, representativeId: null, minorIds: [], version: 0, updatedAt: now, updatedBy: caller.memberId };
    // Inserted: it is as written; else another call made it first, and it is read.
    current = (await db.insert('householdRolls', empty)) ? empty : await db.require('householdRolls', rollId);
  }
  const from = current;
  // Names stay out of the shared audit trail (it outlives an account deletion): what changed, not who.
  const note = [
    from.representativeId !== representativeId ? `户代表 ${from.representativeId ? '已指定' : '未指定'} → ${representativeId ? (from.representativeId ? '已更换' : '已指定') : '未指定'}` : null,
    from.minorIds.length === minorIds.length && from.minorIds.every((id) => minorIds.includes(id)) ? null : `未成年人 ${from.minorIds.length}人 → ${minorIds.length}人`,
    `原因：${input.reason}`,
  ].filter((c): c is string => c !== null);
  const next = await commitVersioned(
    db,
    'householdRolls',
    from,
    { representativeId, minorIds, updatedAt: now, updatedBy: caller.memberId },
    (n) => eventRecord(db, caller, { key: `v${n.version}:roll.corrected`, subject: `household:${household._id}`, type: 'roll.corrected', public: false, note: note.join('；'), at: now }),
    '这一户的名册刚被修改，请刷新后重试',
  );
  return householdRollView(caller, household, building ?? undefined, residents, next);
}
