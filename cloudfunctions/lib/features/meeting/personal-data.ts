/**
 * A person's part of meetings: their registrations, sign-ins and proxies (given and held),
 * each with the meeting it was for. On deletion the records stay — attendance and quorum of
 * a meeting must not change afterwards — but no longer name anyone, and the frozen rolls
 * forget the person too (an invitee's entry is relabelled).
 */
import { ATTENDANCE_VIA_LABELS, PROXY_STATUS_LABELS, REGISTRATION_STATUS_LABELS } from '../../../../miniprogram/core/council/vocabulary';
import type { PersonalData } from '../../kernel/feature';
import { everyPage } from '../../kernel/every-page';
import { lastEventOf, settleLastEvent } from '../../kernel/versioned';
import { op } from '../../ports/store';
import { ScopedStore } from '../../kernel/scoped-store';

const GONE = '已注销用户';

export const meetingPersonalData: PersonalData = {
  collections: ['meetingRegistrations', 'meetingAttendance', 'meetingProxies', 'meetingRolls'],
  async export({ ctx, all, memberId }) {
    const regs = await all('meetingRegistrations', { memberId }, 'at');
    const came = await all('meetingAttendance', { memberId }, 'at');
    const stoodIn = await all('meetingAttendance', { agentId: memberId }, 'at');
    const given = await all('meetingProxies', { principalMemberId: memberId }, 'createdAt');
    const held = await all('meetingProxies', { agentMemberId: memberId }, 'createdAt');
    const ids = [...regs.items, ...came.items, ...stoodIn.items, ...given.items, ...held.items].map((r) => r.meetingId);
    const titles = new Map((ctx.caller.communityId ? await ctx.db().getMany('meetings', [...new Set(ids)]) : []).map((m) => [m._id, m.title]));
    const title = (id: string) => titles.get(id) ?? '';
    const attendance = [...came.items, ...stoodIn.items.filter((a) => a.memberId !== memberId)].map((a) => ({
      meeting: title(a.meetingId), entry: a.label, via: ATTENDANCE_VIA_LABELS[a.via], at: a.at, left: a.left, leftAt: a.leftAt,
    }));
    const proxy = (p: (typeof given.items)[number], role: string) => ({
      meeting: title(p.meetingId), role, principal: p.principalLabel, agent: p.agentName, status: PROXY_STATUS_LABELS[p.status], via: p.via === 'app' ? '小程序' : '纸质委托书',
      uses: p.uses.map((u) => u.text), createdAt: p.createdAt,
    });
    return {
      sections: {
        meetingRegistrations: regs.items.map((r) => ({ meeting: title(r.meetingId), status: REGISTRATION_STATUS_LABELS[r.status], at: r.at })),
        meetingAttendance: attendance,
        meetingProxies: [...given.items.map((p) => proxy(p, '委托人')), ...held.items.map((p) => proxy(p, '受托人'))],
      },
      truncated: regs.truncated || came.truncated || stoodIn.truncated || given.truncated || held.truncated,
    };
  },
  async erase(deps, member, anonymousId) {
    const db = new ScopedStore(deps.store, member.communityId);
    await db.drain('meetingRegistrations', { memberId: member._id }, 'at', async (r) => {
      // The embedded event of its latest step names who took it: into `events` first (the audit log keeps it), then off the record.
      await settleLastEvent(db, r);
      await db.update('meetingRegistrations', r._id, { memberId: anonymousId, ...(lastEventOf(r) ? { lastEvent: op.unset() } : {}) });
    });
    await db.drain('meetingAttendance', { memberId: member._id }, 'at', (a) => db.update('meetingAttendance', a._id, { memberId: anonymousId }));
    await db.drain('meetingAttendance', { agentId: member._id }, 'at', (a) => db.update('meetingAttendance', a._id, { agentId: anonymousId }));
    await db.drain('meetingProxies', { principalMemberId: member._id }, 'createdAt', (p) => db.update('meetingProxies', p._id, { principalMemberId: anonymousId }));
    await db.drain('meetingProxies', { agentMemberId: member._id }, 'createdAt', (p) => db.update('meetingProxies', p._id, { agentMemberId: anonymousId, agentName: GONE }));
    for (const bucket of await everyPage(db, 'meetingRolls', {}, 'meetingId')) {
      const mine = bucket.voters[member._id];
      const units = Object.entries(bucket.units).filter(([, u]) => u.voterIds.includes(member._id));
      if (!mine && units.length === 0) continue;
      const patch: Record<string, unknown> = {};
      if (mine) patch.voters = Object.fromEntries(Object.entries(bucket.voters).filter(([k]) => k !== member._id));
      for (const [key, u] of units) {
        const names = Object.fromEntries(Object.entries(u.voterNames).filter(([k]) => k !== member._id));
        patch[`units.${key}`] = { ...u, voterIds: u.voterIds.filter((v) => v !== member._id), voterNames: names, label: key === member._id ? GONE : u.label };
      }
      await db.update('meetingRolls', bucket._id, patch);
    }
  },
};
