/**
 * What the sweep does with a concern whose department is late (status `coordinating`, its
 * `wakeAt` reached): at the due date the department's contact is chased and the handler
 * told; after a second miss the grid leader is asked to supervise, after a third the
 * community admins; after that the coordination ends with a recorded step and the clocks
 * resume. One move per wake, each applied by the clocks through `commit` (compare-and-set),
 * so an overlapping sweep finds nothing left to do.
 */
import { excerpt } from '../../../../miniprogram/core/format';
import type { ScopedStore } from '../../kernel/scoped-store';
import { CHASE_INTERVAL, resume } from './lifecycle';
import { staffLine } from './notices';
import type { ConcernRecord } from './records';
import { adminsInbox, type Message, type Step } from './transition';

/** Chases before the wait ends: the contact, then the grid leader, then the community admins. */
export const WHISTLE_CHASES = 3;

export interface WhistlePlan {
  patch: Partial<ConcernRecord>;
  step: Step;
  messages: Message[];
  outcome: 'chased' | 'escalated' | 'lapsed';
}

export async function planWhistleClock(db: ScopedStore, c: ConcernRecord, now: number): Promise<WhistlePlan> {
  const w = c.whistle;
  const name = w?.department ?? '协办部门';
  const handlers = [c.assigneeId, c.firstResponderId];
  if (!w || w.chases >= WHISTLE_CHASES) {
    return {
      patch: { ...resume(c, now), whistle: null },
      step: { type: 'concern.whistleLapsed', public: true, note: `${name}逾期未回复，已恢复办理` },
      messages: [{ to: handlers, kind: 'concern.departmentLapsed', title: `诉求 ${c.number}：${name}逾期未回复`, body: '协调已结束，诉求已恢复办理计时，请继续办理。' }],
      outcome: 'lapsed',
    };
  }
  const next = { ...w, chases: w.chases + 1 };
  const patch = { whistle: next, wakeAt: now + CHASE_INTERVAL };
  const chaseContact: Message = {
    to: [w.contactId ?? null],
    kind: 'concern.departmentChased',
    title: `催办：协办请求已超期（${c.number}）`,
    body: `请尽快回复：${excerpt(w.note, 40)}`,
  };
  const tellHandlers: Message = { to: handlers, kind: 'concern.whistleLate', title: `诉求 ${c.number} 协办部门未按时回复`, body: `已催促${name}，请跟进。` };
  if (w.chases === 0) {
    return { patch, step: { type: 'concern.whistleChased', public: false, note: `${name}回复已超期，已催促` }, messages: [chaseContact, tellHandlers], outcome: 'chased' };
  }
  const toLeader = w.chases === 1;
  const grid = toLeader ? await db.get('grids', c.gridId) : null;
  const up = (toLeader ? grid?.leaderId : null) ?? adminsInbox(c.communityId);
  return {
    patch,
    step: { type: 'concern.whistleEscalated', public: false, note: toLeader ? `${name}仍未回复，已提请网格长督办` : `${name}仍未回复，已提请社区督办` },
    messages: [chaseContact, tellHandlers, { to: [up], kind: 'concern.escalated', title: `督办：${name}逾期未回复（诉求 ${c.number}）`, body: staffLine(c) }],
    outcome: 'escalated',
  };
}
