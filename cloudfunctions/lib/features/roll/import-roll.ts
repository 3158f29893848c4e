import { AppError } from '../../../../miniprogram/core/errors';
import type { RollImportReport } from '../../../../miniprogram/core/poll/contract';
import { areaText } from '../../../../miniprogram/core/poll/rules';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { everyPage } from '../../kernel/every-page';
import type { MemberRecord } from '../../kernel/members';
import type { ScopedStore } from '../../kernel/scoped-store';
import { householdIdFor } from '../member/household';
import { openSheet, readOwnerSheet, type SheetUnit } from './owner-sheet';
import { boundResidents } from './presenters';
import type { OwnerUnitRecord } from './records';

type Outcome = 'created' | 'updated' | 'unchanged';

/**
 * 导入业主名册. The sheet is read whole first; a preview, or a sheet with any problem,
 * writes nothing and says what an import would do. An import writes each unit under the id
 * its address gives (a re-import finds what it wrote), leaves unchanged units alone, keeps
 * the owner links staff made while the name stays, and never deletes a unit the sheet no
 * longer lists — it reports them for staff to decide.
 */
export const importRoll: Handler<'roll.import'> = async (ctx) => {
  const { input, caller, now } = ctx;
  const db = ctx.db();
  const ws = await openSheet(input.fileBase64);
  const sheet = readOwnerSheet(ws, await everyPage(db, 'buildings', {}, 'name'));
  // The register as it stands and the sheet's households: independent reads, side by side.
  const [units, places] = await Promise.all([everyPage(db, 'ownerUnits', {}, 'createdAt'), placesOf(db, sheet.units)]);
  const roll = new Map(units.map((u) => [u._id, u]));
  const report: RollImportReport = {
    committed: false,
    rows: sheet.rows,
    created: 0,
    updated: 0,
    unchanged: 0,
    missingFromSheet: [...roll.keys()].filter((id) => !sheet.listed.has(id)).length,
    linkedOwners: 0,
    totalAreaText: areaText(sheet.units.reduce((n, u) => n + u.areaCenti, 0)),
    problems: sheet.problems,
    preview: sheet.units.slice(0, 10).map((u) => ({ address: u.address, areaText: areaText(u.areaCenti), owners: u.ownerNames.join('、'), unsold: u.unsold })),
  };
  const commit = input.commit && sheet.problems.length === 0;
  if (commit) await checkWritten(ctx, { reason: input.reason });
  const tally = (outcome: Outcome, links: number) => {
    report[outcome] += 1;
    report.linkedOwners += links;
  };
  if (!commit) {
    for (const u of sheet.units) {
      const current = roll.get(u.id) ?? null;
      const next = merged(u, current, places);
      tally(!current ? 'created' : sameUnit(current, next.fields) ? 'unchanged' : 'updated', next.links);
    }
    return report;
  }
  // A few writes at a time: a register of thousands of units fits in one call.
  for (let i = 0; i < sheet.units.length; i += 20) {
    const done = await Promise.all(sheet.units.slice(i, i + 20).map((u) => writeUnit(db, u, roll.get(u.id) ?? null, places, caller.memberId, now)));
    for (const d of done) tally(d.outcome, d.links);
  }
  report.committed = true;
  await appendEvent(db, caller, {
    key: `imported:${now}:${caller.memberId}`,
    subject: `community:${db.communityId}`,
    type: 'roll.imported',
    public: false,
    note: [
      `表格${report.rows}行：新增${report.created}套、更新${report.updated}套、未变${report.unchanged}套`,
      `名册上有${report.missingFromSheet}套表中未列（保留）`,
      `自动关联业主${report.linkedOwners}位`,
      `专有面积合计${report.totalAreaText}`,
      ...(input.reason ? [`说明：${input.reason}`] : []),
    ].join('；'),
    at: now,
  });
  return report;
};

/** The household at each unit's address (when there is one) and the residents bound to it. */
interface Places {
  householdOf: Map<string, string>;
  residentsOf: Map<string, MemberRecord[]>;
}

async function placesOf(db: ScopedStore, units: readonly SheetUnit[]): Promise<Places> {
  const wanted = new Map(units.map((u) => [u.id, householdIdFor(db.communityId, u.buildingId, u.unit, u.room)]));
  const existing = new Set((await db.getMany('households', [...wanted.values()])).map((h) => h._id));
  const found = [...existing];
  const residentsOf = new Map<string, MemberRecord[]>();
  for (let i = 0; i < found.length; i += 100) {
    const chunk = found.slice(i, i + 100);
    const members = await everyPage(db, 'members', { householdId: { $in: chunk } }, 'createdAt');
    for (const h of chunk) residentsOf.set(h, boundResidents(members, h));
  }
  const householdOf = new Map([...wanted].filter(([, h]) => existing.has(h)));
  return { householdOf, residentsOf };
}

type UnitFields = Pick<OwnerUnitRecord, 'buildingId' | 'buildingName' | 'unit' | 'room' | 'sortKey' | 'areaCenti' | 'unsold' | 'owners' | 'householdId'>;

/**
 * What the unit becomes: the sheet's facts, each owner keeping the member staff linked while
 * the name is the same, else linked to the one resident of that address with exactly this
 * name (two residents of one name are not guessed between). `links` counts the new links.
 */
function merged(u: SheetUnit, current: OwnerUnitRecord | null, places: Places): { fields: UnitFields; links: number } {
  const householdId = places.householdOf.get(u.id) ?? null;
  const residents = householdId ? places.residentsOf.get(householdId) ?? [] : [];
  let links = 0;
  const owners = u.ownerNames.map((name) => {
    const kept = current?.owners.find((o) => o.name === name && o.memberId !== null);
    if (kept) return { name, memberId: kept.memberId };
    const same = residents.filter((m) => m.name === name);
    if (u.unsold || same.length !== 1) return { name, memberId: null };
    links += 1;
    return { name, memberId: same[0]._id };
  });
  const { buildingId, buildingName, unit, room, sortKey, areaCenti, unsold } = u;
  return { fields: { buildingId, buildingName, unit, room, sortKey, areaCenti, unsold, owners, householdId }, links };
}

function sameUnit(current: OwnerUnitRecord, f: UnitFields): boolean {
  const scalars = ['buildingId', 'buildingName', 'unit', 'room', 'sortKey', 'areaCenti', 'unsold', 'householdId'] as const;
  return (
    scalars.every((k) => current[k] === f[k]) &&
    current.owners.length === f.owners.length &&
    current.owners.every((o, i) => o.name === f.owners[i].name && o.memberId === f.owners[i].memberId)
  );
}

/** Insert-if-absent, else compare-and-set on version; a lost race re-reads and merges again. */
async function writeUnit(db: ScopedStore, u: SheetUnit, read: OwnerUnitRecord | null, places: Places, by: string, now: number): Promise<{ outcome: Outcome; links: number }> {
  let current = read;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const { fields, links } = merged(u, current, places);
    if (!current) {
      const record: OwnerUnitRecord = { _id: u.id, communityId: db.communityId, ...fields, version: 1, createdAt: now, updatedAt: now, updatedBy: by };
      if (await db.insert('ownerUnits', record)) return { outcome: 'created', links };
    } else {
      if (sameUnit(current, fields)) return { outcome: 'unchanged', links: 0 };
      if (await db.update('ownerUnits', u.id, { ...fields, version: current.version + 1, updatedAt: now, updatedBy: by }, { version: current.version })) return { outcome: 'updated', links };
    }
    current = await db.get('ownerUnits', u.id);
  }
  throw new AppError('CONFLICT', `${u.address}正在被其他人修改，请稍后重新导入（已导入的房屋不会重复）`);
}
