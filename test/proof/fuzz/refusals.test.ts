/**
 * Business refusals deep inside use cases — the ones random inputs rarely reach — each on a
 * fresh world: the caller gets the specific code, and the database is exactly as before
 * (rate-limit windows aside). A refusal that leaves residue is a bug, listed in the report.
 */
import { residents } from '../../support/fixtures';
import { codeOf, envelopeProblem, show, type AnyEnvelope } from '../support/envelope';
import { proofCase, Symptom } from '../support/known-bugs';
import { baseSnapshot, changedCollections, contentHash, DAY, HOUR, key, member, restore, snapshot, type Snapshot, type World } from '../support/world';

interface Attempt {
  openid: string;
  action: string;
  data: Record<string, unknown>;
  idempotencyKey?: string;
}

interface Refusal {
  name: string;
  code: string;
  /** Prepares the world and returns the call that must be refused. */
  setup(w: World): Promise<Attempt>;
  /** A known bug: the case is `test.failing` until it is fixed. */
  bug?: string;
}

const startOf = (slotId: string) => Number(slotId.split('_').pop());

async function slots(w: World, serviceId = w.ids.service) {
  return (await w.h.ok<{ items: Array<{ id: string; startAt: number }> }>('demo-admin', 'booking.slots', { serviceId, limit: 50 })).items;
}

const REFUSALS: Refusal[] = [
  {
    name: 'a booking for a slot whose seats and waitlist are all taken',
    code: 'FULL',
    async setup(w) {
      const people = await residents(w.h, 7);
      for (const p of people.slice(0, 6)) await w.h.ok(p, 'booking.create', { slotId: w.ids.slot }, key());
      return { openid: people[6], action: 'booking.create', data: { slotId: w.ids.slot }, idempotencyKey: key() };
    },
  },
  {
    name: 'a booking past the monthly quota',
    code: 'BOOKING_LIMIT',
    async setup(w) {
      const once = await w.h.ok<{ id: string }>('demo-admin', 'booking.upsertService', {
        name: '每月一次', description: '每月只能预约一次', location: '服务站', durationMinutes: 60, seatsPerSlot: 3, maxPerMonth: 1, staffIds: [member('demo-grid-1')],
      });
      await w.h.ok('demo-admin', 'booking.setSchedule', { serviceId: once.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })) });
      const [first, , , second] = (await slots(w, once.id)).filter((s) => s.startAt > w.h.clock.now() + 3 * HOUR);
      const b = await w.h.ok<{ id: string }>('demo-resident-1', 'booking.create', { slotId: first.id }, key());
      w.h.clock.set(first.startAt);
      await w.h.ok('demo-grid-1', 'booking.checkIn', { bookingId: b.id });
      return { openid: 'demo-resident-1', action: 'booking.create', data: { slotId: second.id }, idempotencyKey: key() };
    },
  },
  {
    name: 'a second open booking of the same service',
    code: 'BOOKING_LIMIT',
    async setup(w) {
      await w.h.ok('demo-resident-1', 'booking.create', { slotId: w.ids.slot }, key());
      return { openid: 'demo-resident-1', action: 'booking.create', data: { slotId: w.ids.laterSlot }, idempotencyKey: key() };
    },
  },
  {
    name: 'a booking inside the minimum notice',
    code: 'BOOKING_TOO_LATE',
    async setup(w) {
      const soon = (await slots(w)).find((s) => s.startAt - w.h.clock.now() < 2 * HOUR);
      if (!soon) throw new Error('fixture: no slot within two hours');
      return { openid: 'demo-resident-1', action: 'booking.create', data: { slotId: soon.id }, idempotencyKey: key() };
    },
  },
  {
    name: 'a booking of a closed slot',
    code: 'CLOSED',
    async setup(w) {
      await w.h.ok('demo-admin', 'booking.closeSlots', { serviceId: w.ids.service, from: startOf(w.ids.slot), to: startOf(w.ids.slot) + HOUR, reason: '节假日休息' });
      return { openid: 'demo-resident-1', action: 'booking.create', data: { slotId: w.ids.slot }, idempotencyKey: key() };
    },
  },
  {
    name: 'a booking of a service open to another grid only',
    code: 'BOOKING_NOT_ELIGIBLE',
    async setup(w) {
      const g1only = await w.h.ok<{ id: string }>('demo-admin', 'booking.upsertService', {
        name: '第一网格专享', description: '仅限第一网格', homeVisit: true, durationMinutes: 60, seatsPerSlot: 1, gridIds: [w.ids.g1],
      });
      await w.h.ok('demo-admin', 'booking.setSchedule', { serviceId: g1only.id, schedule: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })) });
      const slot = (await slots(w, g1only.id)).find((s) => s.startAt > w.h.clock.now() + DAY)!;
      return { openid: 'demo-resident-2', action: 'booking.create', data: { slotId: slot.id }, idempotencyKey: key() };
    },
  },
  {
    name: 'a resident’s cancellation after the cutoff',
    code: 'BOOKING_CUTOFF_PASSED',
    async setup(w) {
      const b = await w.h.ok<{ id: string }>('demo-resident-1', 'booking.create', { slotId: w.ids.slot }, key());
      w.h.clock.set(startOf(w.ids.slot) - HOUR);
      return { openid: 'demo-resident-1', action: 'booking.cancel', data: { bookingId: b.id } };
    },
  },
  {
    name: 'confirming a promotion after the offer ran out',
    code: 'BOOKING_OFFER_EXPIRED',
    async setup(w) {
      const his = await w.h.ok<{ id: string }>('demo-resident-2', 'booking.create', { slotId: w.ids.slot }, key());
      const hers = await w.h.ok<{ id: string }>('demo-resident-1', 'booking.create', { slotId: w.ids.slot }, key());
      await w.h.ok('demo-resident-2', 'booking.cancel', { bookingId: his.id });
      w.h.clock.advance(5 * HOUR);
      return { openid: 'demo-resident-1', action: 'booking.confirmPromotion', data: { bookingId: hers.id } };
    },
  },
  {
    name: 'checking in long before the slot',
    code: 'CONFLICT',
    async setup(w) {
      const b = await w.h.ok<{ id: string }>('demo-resident-1', 'booking.create', { slotId: w.ids.slot }, key());
      return { openid: 'demo-grid-1', action: 'booking.checkIn', data: { bookingId: b.id } };
    },
  },
  {
    name: 'a concern the content check rejects',
    code: 'CONTENT_REJECTED',
    async setup(w) {
      return { openid: 'demo-resident-1', action: 'concern.submit', data: { category: 'cat_demo_repair', buildingId: w.ids.b1, text: '楼下有人聚众赌博，吵得睡不着' }, idempotencyKey: key() };
    },
  },
  {
    name: 'the same idempotency key reused for different words',
    code: 'CONFLICT',
    async setup(w) {
      const k = key();
      await w.h.ok('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: w.ids.b1, text: '楼道灯坏了好几天' }, k);
      return { openid: 'demo-resident-1', action: 'concern.submit', data: { category: 'cat_demo_repair', buildingId: w.ids.b1, text: '电梯也坏了好几天' }, idempotencyKey: k };
    },
  },
  {
    name: 'the same idempotency key reused for different words and a photo',
    code: 'CONFLICT',
    async setup(w) {
      const k = key();
      const photo = `local://uploads/${member('demo-resident-1')}_stairs.jpg`;
      await w.h.ok('demo-resident-1', 'media.register', { fileId: photo });
      await w.h.ok('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: w.ids.b1, text: '楼道灯坏了好几天' }, k);
      return { openid: 'demo-resident-1', action: 'concern.submit', data: { category: 'cat_demo_repair', buildingId: w.ids.b1, text: '楼梯扶手也松了', photos: [photo] }, idempotencyKey: k };
    },
  },
  {
    name: 'a supplement to a concern that has ended, with a photo',
    code: 'CLOSED',
    async setup(w) {
      const photo = `local://uploads/${member('demo-resident-1')}_late.jpg`;
      await w.h.ok('demo-resident-1', 'media.register', { fileId: photo });
      await w.h.ok('demo-resident-1', 'concern.withdraw', { concernId: w.ids.concern });
      return { openid: 'demo-resident-1', action: 'concern.supplement', data: { concernId: w.ids.concern, text: '补充一张照片', photos: [photo] } };
    },
  },
  {
    name: 'another resident “supplementing” 刘阿姨’s concern with his photo',
    code: 'NOT_FOUND',
    async setup(w) {
      const photo = `local://uploads/${member('demo-resident-2')}_junk.jpg`;
      await w.h.ok('demo-resident-2', 'media.register', { fileId: photo });
      return { openid: 'demo-resident-2', action: 'concern.supplement', data: { concernId: w.ids.concern, text: '看这里', photos: [photo] } };
    },
  },
  {
    name: 'the other grid’s worker “resolving” grid 1’s concern with a photo',
    code: 'NOT_FOUND',
    async setup(w) {
      const photo = `local://uploads/${member('demo-grid-2')}_done.jpg`;
      await w.h.ok('demo-grid-2', 'media.register', { fileId: photo });
      return { openid: 'demo-grid-2', action: 'concern.resolve', data: { concernId: w.ids.concern, summary: '已处理', photos: [photo] } };
    },
  },
  {
    name: 'signing a concern twice',
    code: 'CONFLICT',
    async setup(w) {
      await w.h.ok('demo-grid-1', 'concern.accept', { concernId: w.ids.concern });
      return { openid: 'demo-grid-1', action: 'concern.accept', data: { concernId: w.ids.concern } };
    },
  },
  {
    name: 'rating after the rating window',
    code: 'CLOSED',
    async setup(w) {
      await w.h.ok('demo-grid-1', 'concern.accept', { concernId: w.ids.concern });
      await w.h.ok('demo-grid-1', 'concern.resolve', { concernId: w.ids.concern, summary: '门禁已修好。' });
      w.h.clock.advance(8 * DAY);
      return { openid: 'demo-resident-1', action: 'concern.rate', data: { concernId: w.ids.concern, resolved: true, satisfaction: 5 } };
    },
  },
  {
    name: 'acting on a withdrawn concern',
    code: 'CLOSED',
    async setup(w) {
      await w.h.ok('demo-resident-1', 'concern.withdraw', { concernId: w.ids.concern });
      return { openid: 'demo-grid-1', action: 'concern.reply', data: { concernId: w.ids.concern, text: '您好' } };
    },
  },
  {
    name: 'merging into a concern that has ended',
    code: 'CONFLICT',
    async setup(w) {
      const dup = await w.h.ok<{ id: string }>('demo-resident-2', 'concern.submit', { category: 'cat_demo_repair', buildingId: w.ids.b1, text: '1号楼门禁坏了' }, key());
      await w.h.ok('demo-resident-1', 'concern.withdraw', { concernId: w.ids.concern });
      return { openid: 'demo-grid-1', action: 'concern.merge', data: { concernId: dup.id, intoId: w.ids.concern, reason: '同一问题' } };
    },
  },
  {
    name: 'transferring a concern to the person who already has it',
    code: 'VALIDATION_ERROR',
    async setup(w) {
      return { openid: 'demo-grid-1', action: 'concern.transfer', data: { concernId: w.ids.concern, toMemberId: member('demo-grid-1'), reason: '转给自己' } };
    },
  },
  {
    name: 'reviewing a request that was already decided',
    code: 'CONFLICT',
    async setup(w) {
      await w.h.ok('demo-grid-1', 'member.reviewRequest', { requestId: w.ids.visitorRequest, decision: 'reject', reason: '门牌号不符' });
      return { openid: 'demo-grid-1b', action: 'member.reviewRequest', data: { requestId: w.ids.visitorRequest, decision: 'approve' } };
    },
  },
  {
    name: 'a second binding request while one is pending',
    code: 'BINDING_PENDING',
    async setup(w) {
      return { openid: 'demo-visitor-1', action: 'member.requestBinding', data: { communityId: 'demo', buildingId: w.ids.b1, unit: '1', room: '102', name: '孙先生' }, idempotencyKey: key() };
    },
  },
  {
    name: 'an invite code nobody issued',
    code: 'INVITE_INVALID',
    async setup() {
      return { openid: 'proof-visitor', action: 'member.redeemInvite', data: { code: 'ABCDEFGH' } };
    },
  },
  {
    name: 'an invite code already used',
    code: 'INVITE_INVALID',
    async setup(w) {
      const { invites } = await w.h.ok<{ invites: Array<{ code: string }> }>('demo-admin', 'member.issueInvites', { households: [{ buildingId: w.ids.b1, unit: '9', room: '901' }] });
      await w.h.ok('demo-volunteer-1', 'member.redeemInvite', { code: invites[0].code });
      return { openid: 'proof-visitor', action: 'member.redeemInvite', data: { code: invites[0].code } };
    },
  },
  {
    name: 'granting the resident role by hand',
    code: 'VALIDATION_ERROR',
    async setup() {
      return { openid: 'demo-admin', action: 'member.setRoles', data: { memberId: member('demo-volunteer-1'), roles: ['resident'] } };
    },
  },
  {
    name: 'going away until a time already past',
    code: 'VALIDATION_ERROR',
    async setup(w) {
      return { openid: 'demo-grid-1', action: 'staff.setAway', data: { away: true, until: w.h.clock.now() - HOUR } };
    },
  },
];

let base: Snapshot;
beforeAll(async () => {
  base = await baseSnapshot();
});

describe('a refusal deep in a use case leaves the database as it was', () => {
  for (const r of REFUSALS) {
    const run = async () => {
      const w = await restore(base, { rateLimits: {} });
      let attempt: Attempt;
      let before: Snapshot;
      try {
        attempt = await r.setup(w);
        before = snapshot(w);
      } finally {
        w.h.close();
      }
      const t = await restore(before, { rateLimits: {} });
      try {
        const { openid, action, data, idempotencyKey } = attempt;
        const res = (await t.h.api({ action, data, ...(idempotencyKey ? { idempotencyKey } : {}) }, { openid })) as AnyEnvelope;
        const shape = envelopeProblem(res);
        if (shape) throw new Symptom(`malformed envelope: ${shape}`);
        if (codeOf(res) !== r.code) throw new Symptom(`expected ${r.code}, got ${codeOf(res)}: ${show(res)}`);
        if (contentHash(t.h) !== before.hash) throw new Symptom(`refused with ${r.code} but changed: ${changedCollections(t.h, before).join(', ')}`);
      } finally {
        t.h.close();
      }
    };
    proofCase(`${r.name}: ${r.code}`, r.bug, run);
  }
});
