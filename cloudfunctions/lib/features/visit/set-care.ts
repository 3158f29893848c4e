import { CARE_FLAG_LABELS } from '../../../../miniprogram/core/visit/contract';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { careIdFor, householdSubject } from './ids';
import { toCareView } from './presenters';
import type { HouseholdCareRecord } from './records';
import { householdInScope } from './scope';

/**
 * 标记关爱户: staff of the household's grid (or an admin) set whether it is 高龄/独居 or
 * 特殊关爱. A plain set of two flags: the same call twice leaves the same record, and the
 * household's own roll record is never touched. Inserted when new, else replaced by one
 * conditional write; the audit event says what it became.
 */
export const setCare: Handler<'visit.setCare'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  const { household } = await householdInScope(ctx, input.householdId);
  const id = careIdFor(household._id);
  const record: HouseholdCareRecord = {
    _id: id,
    communityId: db.communityId,
    householdId: household._id,
    buildingId: household.buildingId,
    elderly: input.elderly,
    specialCare: input.specialCare,
    flagged: input.elderly || input.specialCare,
    updatedAt: now,
    updatedById: caller.memberId,
    updatedByName: caller.name ?? '社区工作人员',
  };
  if (!(await db.insert('householdCare', record))) {
    const { _id, communityId, ...patch } = record;
    void _id;
    void communityId;
    await db.update('householdCare', id, patch);
  }
  const to = [input.elderly ? CARE_FLAG_LABELS.elderly : '', input.specialCare ? CARE_FLAG_LABELS.specialCare : ''].filter(Boolean).join('、') || '无';
  await appendEvent(db, caller, { key: `care-${now}`, subject: householdSubject(household._id), type: 'visit.careSet', to, public: false, at: now });
  return toCareView(household._id, record);
};
