/**
 * What other people learn about 刘阿姨 when her concern has a history: merged with 马大爷's
 * duplicate (he follows it), answered, supplemented with her own words and a photo, noted
 * internally by staff. Everyone but her and the staff of grid 1 reads every screen they can
 * open; none may show her name, her member id, any openid, her words, her photo or the
 * staff's internal note.
 */
import { pollVerdicts } from '../../../cloudfunctions/lib/features/media/verdicts';
import { baseSnapshot, CALLERS, key, member, restore, snapshot, type CallerKind, type Snapshot } from '../support/world';
import { envelopeProblem, show } from '../support/envelope';
import { proofCase, Symptom } from '../support/known-bugs';
import { leaksFor } from '../support/privacy';

const HER_TEXT = '1号楼2单元门禁坏了';
const HER_SUPPLEMENT = '我家门口的监控拍到有陌生人尾随进门';
const HER_PHOTO = `local://uploads/${member('demo-resident-1')}_door.jpg`;
const STAFF_NOTE = '刘阿姨独居，需重点关注';

let world: Snapshot;
let ids: { concern: string; dup: string; request: string };

beforeAll(async () => {
  const w = await restore(await baseSnapshot());
  try {
    const h = w.h;
    const concern = w.ids.concern;
    await h.ok('demo-grid-1', 'concern.accept', { concernId: concern });
    const dup = await h.ok<{ id: string }>('demo-resident-2', 'concern.submit', { category: 'cat_demo_repair', buildingId: w.ids.b1, text: '1号楼单元门禁坏了，谁都能进。' }, key());
    await h.ok('demo-grid-1', 'concern.merge', { concernId: dup.id, intoId: concern, reason: '同一门禁故障' });
    await h.ok('demo-grid-1', 'concern.note', { concernId: concern, text: STAFF_NOTE });
    await h.ok('demo-grid-1', 'concern.reply', { concernId: concern, text: '已联系物业，明天上午来修。' });
    await h.ok('demo-resident-1', 'media.register', { fileId: HER_PHOTO });
    h.clock.advance(60_000);
    await pollVerdicts(h.deps, h.clock.now(), { items: 100 });
    await h.ok('demo-resident-1', 'concern.supplement', { concernId: concern, text: HER_SUPPLEMENT, photos: [HER_PHOTO] });
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: concern, summary: '物业已更换门禁控制器。' });
    ids = { concern, dup: dup.id, request: w.ids.visitorRequest };
    world = snapshot(w);
  } finally {
    w.h.close();
  }
});

/** Every screen a non-staff person can open that could mention her. */
const screens = (): Array<[string, Record<string, unknown>]> => [
  ['member.me', {}],
  ['concern.listMine', {}],
  ['concern.get', { concernId: ids.concern }],
  ['concern.get', { concernId: ids.dup }],
  ['notify.inbox', {}],
  ['notify.inbox', { unreadOnly: true }],
  ['community.grids', {}],
  ['community.buildings', { communityId: 'demo' }],
  ['community.list', {}],
  ['concern.categories', {}],
  ['booking.services', {}],
  ['booking.listMine', {}],
  ['member.listRequests', {}],
  ['concern.queue', {}],
  ['concern.stats', { from: 0, to: world.now + 1, groupBy: 'worker' }],
  ['privacy.export', {}],
  ['moderation.queue', {}],
];

const VIEWERS: CallerKind[] = ['anonymous', 'visitor', 'otherResident', 'volunteer', 'otherGridWorker', 'otherAdmin'];

describe('nobody but 刘阿姨 and grid 1’s staff learns anything personal about her', () => {
  it.each(VIEWERS)('%s sees neither her name, her words, her photo nor the staff note', async (kind) => {
    const w = await restore(world);
    try {
      const problems: string[] = [];
      let answered = 0;
      for (const [action, data] of screens()) {
        const res = await w.h.call(CALLERS[kind], action, data);
        const shape = envelopeProblem(res);
        if (shape) problems.push(`${action}: ${shape}`);
        if (res.ok) answered += 1;
        const leaks = leaksFor(kind, res, [HER_TEXT, HER_SUPPLEMENT, HER_PHOTO, STAFF_NOTE, ids.request]);
        if (leaks.length) problems.push(`${action} ${show(data)} leaks ${leaks.join(', ')}\n    ${show(res, 400)}`);
      }
      expect(answered).toBeGreaterThan(0);
      if (problems.length) throw new Error(problems.join('\n  '));
    } finally {
      w.h.close();
    }
  });

  it('lets 马大爷 follow the merged concern without her words (the follower view is not empty)', async () => {
    const w = await restore(world);
    try {
      const res = await w.h.call<{ status: string; timeline: unknown[] }>('demo-resident-2', 'concern.get', { concernId: ids.concern });
      expect(res.ok).toBe(true);
      expect(res.ok && res.data.timeline.length).toBeGreaterThan(0);
    } finally {
      w.h.close();
    }
  });

  it('shows grid 1’s staff her name, words and photo (the scan above is not blind)', async () => {
    const w = await restore(world);
    try {
      const res = await w.h.call('demo-grid-1', 'concern.get', { concernId: ids.concern });
      const json = JSON.stringify(res);
      expect(json).toContain('刘阿姨');
      expect(json).toContain(HER_TEXT);
      expect(json).toContain(HER_SUPPLEMENT);
      expect(json).toContain(HER_PHOTO);
      expect(json).toContain(STAFF_NOTE);
    } finally {
      w.h.close();
    }
  });
});

describe('her photo’s address goes only to those who may see her photo', () => {
  const check = (kind: CallerKind) => async () => {
    const w = await restore(world);
    try {
      const res = await w.h.call(CALLERS[kind], 'media.urls', { fileIds: [HER_PHOTO] });
      const shape = envelopeProblem(res);
      if (shape) throw new Symptom(`media.urls: ${shape}`);
      const leaks = leaksFor(kind, res, [HER_PHOTO]);
      if (leaks.length) throw new Symptom(`media.urls gives ${kind} a URL for her photo: ${show(res, 300)}`);
    } finally {
      w.h.close();
    }
  };
  for (const kind of VIEWERS) {
    proofCase(
      `${kind} gets no URL for it, even knowing its file id`,
      undefined,
      check(kind),
    );
  }
});

describe('calls without a platform identity are nobody’s, and share nothing', () => {
  proofCase(
    'one anonymous call cannot read what another anonymous call left',
    undefined,
    async () => {
      const w = await restore(await baseSnapshot());
      try {
        // Someone without an identity (a misconfigured client, a script) asks to bind…
        await w.h.call(null, 'member.requestBinding', { communityId: 'demo', buildingId: w.ids.b1, unit: '6', room: '602', name: '钱女士' }, key());
        // …and someone else without an identity downloads "their" data.
        const res = await w.h.call(null, 'privacy.export', {});
        const leaks = leaksFor('anonymous', res, ['钱女士', '602']);
        if (leaks.length) throw new Symptom(`privacy.export without identity returns another caller's data: ${leaks.join(', ')}\n  ${show(res, 500)}`);
      } finally {
        w.h.close();
      }
    },
  );
});
