/**
 * 监督异议: an objection puts a banner on the item and tells the staff; the staff answer it
 * once; the banner stays until every objection on the item is answered; the member who
 * objected is told and the rest of the committee copied.
 */
import type { ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import { OBJECTION_BANNER } from '../../../../../cloudfunctions/lib/features/disclosure/presenters';
import { createHarness, type Harness } from '../../../../support/harness';
import { appointCommittee, inbox, publishedItem } from './committee-fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await appointCommittee(h);
});
afterEach(() => h.close());

const object = (who: string, itemId: string, text: string) => h.ok<ItemView>(who, 'disclosure.opinion', { itemId, versionNumber: 1, stance: 'objection', text });
const respond = (who: string, itemId: string, opinionId: string, text = '支出票据已补充公开，请查阅附件') => h.call<ItemView>(who, 'disclosure.respond', { itemId, opinionId, text });

describe('an objection', () => {
  it('shows the banner and reaches the staff', async () => {
    const item = await publishedItem(h);
    const view = await object('demo-resident-1', item._id, '绿化养护支出没有附票据');
    expect(view.objectionBanner).toBe(OBJECTION_BANNER);
    // Every resident reading the item sees it.
    expect((await h.ok<ItemView>('demo-resident-2', 'disclosure.get', { itemId: item._id })).objectionBanner).toBe(OBJECTION_BANNER);
    expect(view.opinions[0]).toMatchObject({ stance: 'objection', stanceLabel: '有异议', text: '绿化养护支出没有附票据', response: null });
    const told = (await inbox(h, 'admins:demo')).filter((m) => m.kind === 'disclosure.objected');
    expect(told).toEqual([expect.objectContaining({ title: '监督委员会有异议：2026年第三季度财务收支', page: `/staff/disclosure-review/index?id=${item._id}` })]);
    // The item's drafter hears of it too.
    expect((await inbox(h, 'demo-grid-1')).filter((m) => m.kind === 'disclosure.objected')).toHaveLength(1);
  });
});

describe('answering an objection', () => {
  it('takes the banner down, shows the answer, tells the member and copies the committee', async () => {
    const item = await publishedItem(h);
    const objected = await object('demo-resident-1', item._id, '绿化养护支出没有附票据');
    const res = await respond('demo-grid-1', item._id, objected.opinions[0].opinionId);
    expect(res.ok).toBe(true);
    const view = res.ok ? res.data : null;
    expect(view?.objectionBanner).toBeNull();
    expect((await h.ok<ItemView>('demo-resident-2', 'disclosure.get', { itemId: item._id })).objectionBanner).toBeNull();
    expect(view?.opinions[0].response).toEqual({ text: '支出票据已补充公开，请查阅附件', byName: '李秀英', at: h.clock.now() });
    expect((await inbox(h, 'demo-resident-1')).filter((m) => m.kind === 'disclosure.objectionAnswered')).toEqual([
      expect.objectContaining({ title: '异议已答复：2026年第三季度财务收支', page: `/disclosure/item/index?id=${item._id}` }),
    ]);
    expect((await inbox(h, 'demo-volunteer-1')).filter((m) => m.kind === 'disclosure.objectionAnswered')).toHaveLength(1);
  });

  it('keeps the banner up while another objection is open', async () => {
    const item = await publishedItem(h);
    const first = await object('demo-resident-1', item._id, '绿化养护支出没有附票据');
    const both = await object('demo-volunteer-1', item._id, '停车费收入与车位数对不上');
    expect(both.objectionBanner).toBe(OBJECTION_BANNER);
    const afterOne = await respond('demo-admin', item._id, first.opinions[0].opinionId);
    expect(afterOne.ok && afterOne.data.objectionBanner).toBe(OBJECTION_BANNER);
    const second = both.opinions.find((o) => o.memberName === '陈志愿');
    const afterBoth = await respond('demo-admin', item._id, second?.opinionId ?? '', '停车费按月收取，明细已补充');
    expect(afterBoth.ok && afterBoth.data.objectionBanner).toBeNull();
  });

  it('is written once when several staff answer at the same time', async () => {
    const item = await publishedItem(h);
    const objected = await object('demo-resident-1', item._id, '绿化养护支出没有附票据');
    const id = objected.opinions[0].opinionId;
    const staff = ['demo-grid-1', 'demo-grid-2', 'demo-admin', 'demo-grid-1b', 'demo-leader'];
    const results = await Promise.all(staff.map((who, i) => respond(who, item._id, id, `答复${i + 1}：票据已补充公开`)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'CONFLICT' && r.error.message.includes('这条异议已由'))).toBe(true);
    expect((await h.deps.store.get('disclosureItems', item._id))?.openObjections).toBe(0);
    expect((await inbox(h, 'demo-resident-1')).filter((m) => m.kind === 'disclosure.objectionAnswered')).toHaveLength(1);
    // The same answer sent again by the one who gave it is answered as before.
    const winner = results.findIndex((r) => r.ok);
    expect((await respond(staff[winner], item._id, id, `答复${winner + 1}：票据已补充公开`)).ok).toBe(true);
  });

  it('is for objections only, and for staff only', async () => {
    const item = await publishedItem(h);
    const agreed = await h.ok<ItemView>('demo-resident-1', 'disclosure.opinion', { itemId: item._id, versionNumber: 1, stance: 'agree', text: '' });
    expect(await respond('demo-admin', item._id, agreed.opinions[0].opinionId)).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'opinionId' }] } } });
    const objected = await object('demo-volunteer-1', item._id, '绿化养护支出没有附票据');
    const id = objected.opinions.find((o) => o.stance === 'objection')?.opinionId ?? '';
    expect(await respond('demo-resident-2', item._id, id)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await respond('demo-resident-1', item._id, id)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await respond('demo-admin', 'ditem_other', id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('the opinions queue', () => {
  it('lists for a member what awaits their opinion, and for staff what awaits an answer', async () => {
    const a = await publishedItem(h, { title: '2026年第三季度财务收支' });
    const b = await publishedItem(h, { title: '2026年第三季度救助款物发放' });
    const awaiting = (who: string) => h.ok<{ items: Array<{ itemId: string }> }>(who, 'disclosure.opinionQueue', { when: 'awaiting' });
    expect((await awaiting('demo-resident-1')).items.map((i) => i.itemId).sort()).toEqual([a._id, b._id].sort());
    await object('demo-resident-1', a._id, '绿化养护支出没有附票据');
    expect((await awaiting('demo-resident-1')).items.map((i) => i.itemId)).toEqual([b._id]);
    expect((await awaiting('demo-volunteer-1')).items).toHaveLength(2);
    // Staff have nothing to opine on.
    expect((await awaiting('demo-admin')).items).toEqual([]);
    const objections = await h.ok<{ items: Array<{ itemId: string; openObjections: number }> }>('demo-admin', 'disclosure.opinionQueue', { when: 'objections' });
    expect(objections.items).toEqual([expect.objectContaining({ itemId: a._id, openObjections: 1, categoryLabel: '财务收支' })]);
    expect(await h.call('demo-resident-2', 'disclosure.opinionQueue', { when: 'awaiting' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
