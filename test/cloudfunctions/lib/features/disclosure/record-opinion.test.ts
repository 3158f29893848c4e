/**
 * 监督意见: a member of the sitting 居务监督委员会 records one opinion per published version —
 * never on an item they drafted, reviewed or published, never outside their term, once however
 * often or in parallel they tap.
 */
import type { ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import { opinionIdFor } from '../../../../../cloudfunctions/lib/features/disclosure/opinions';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { appointCommittee, correctedItem, draftItem, inbox, publishedItem } from './committee-fixtures';
import { newDraft, publish } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const opine = (who: string, itemId: string, stance: 'agree' | 'objection', text = '', versionNumber = 1) =>
  h.call<ItemView>(who, 'disclosure.opinion', { itemId, versionNumber, stance, text });
const opinionsOf = async (itemId: string) =>
  (await h.deps.store.query('disclosureOpinions', { where: { communityId: 'demo', itemId }, orderBy: { field: 'at', dir: 'asc' }, limit: 100 })).items;

describe('a member of the sitting committee', () => {
  it('records an opinion on the current version, named, and may not record a second', async () => {
    await appointCommittee(h);
    const item = await publishedItem(h);
    expect((await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: item._id })).allowedActions).toContain('disclosure.opinion');
    expect((await h.ok<ItemView>('demo-resident-2', 'disclosure.get', { itemId: item._id })).allowedActions).not.toContain('disclosure.opinion');
    const res = await opine('demo-resident-1', item._id, 'agree');
    expect(res.ok).toBe(true);
    expect((await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: item._id })).allowedActions).not.toContain('disclosure.opinion');
    const view = res.ok ? res.data : null;
    expect(view?.opinions).toEqual([expect.objectContaining({ versionNumber: 1, stance: 'agree', stanceLabel: '无异议', memberName: '刘阿姨', response: null })]);
    expect(view?.allowedActions).not.toContain('disclosure.opinion');
    expect(view?.objectionBanner).toBeNull();
    // The other member still may.
    const other = await opine('demo-volunteer-1', item._id, 'agree');
    expect(other.ok && other.data.opinions).toHaveLength(2);
    expect(await opine('demo-resident-1', item._id, 'objection', '支出明细不全，请补充')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('每个版本只能登记一次') } });
  });

  it('must give reasons for an objection', async () => {
    await appointCommittee(h);
    const item = await publishedItem(h);
    expect(await opine('demo-resident-1', item._id, 'objection', '不行')).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'text' }] } } });
    expect(await opinionsOf(item._id)).toEqual([]);
  });

  it('opines on a correction anew; the old version’s opinion stays, and a late one on it is refused', async () => {
    await appointCommittee(h);
    const item = await publishedItem(h);
    expect((await opine('demo-resident-1', item._id, 'agree')).ok).toBe(true);
    await correctedItem(h, item._id);
    expect(await opine('demo-volunteer-1', item._id, 'agree', '', 1)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已更正为第2版') } });
    expect((await opine('demo-resident-1', item._id, 'agree', '', 2)).ok).toBe(true);
    expect((await opinionsOf(item._id)).map((o) => [o.memberId, o.versionNumber]).sort((x, y) => Number(x[1]) - Number(y[1]))).toEqual([[member('demo-resident-1'), 1], [member('demo-resident-1'), 2]]);
  });

  it('finds nothing to opine on in another community or before publication', async () => {
    await appointCommittee(h);
    const draft = await draftItem(h);
    expect(await opine('demo-resident-1', draft._id, 'agree')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const foreign = await publishedItem(h);
    await h.deps.store.update('disclosureItems', foreign._id, { communityId: 'other' });
    expect(await opine('demo-resident-1', foreign._id, 'agree')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('outside a sitting term nobody opines', () => {
  it('refuses a resident before any committee is recorded', async () => {
    const item = await publishedItem(h);
    expect(await opine('demo-resident-1', item._id, 'agree')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a member the day after the term ends, even before the sweep takes the role', async () => {
    await appointCommittee(h, { startsOn: '2026-11-01', endsOn: '2026-11-30' });
    const item = await publishedItem(h);
    h.clock.set(Date.parse('2026-12-01T08:00:00+08:00'));
    expect((await h.deps.store.get('members', member('demo-resident-1')))?.roles).toContain('supervisor');
    expect(await opine('demo-resident-1', item._id, 'agree')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只有本届居务监督委员会成员可以登记监督意见' } });
    expect(await opinionsOf(item._id)).toEqual([]);
  });

  it('refuses the members of a term that has not begun', async () => {
    await appointCommittee(h, { startsOn: '2026-12-05' });
    const item = await publishedItem(h);
    expect(await opine('demo-resident-1', item._id, 'agree')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a member of a term that was replaced', async () => {
    await appointCommittee(h);
    await appointCommittee(h, { startsOn: '2026-11-28', members: [{ who: 'demo-volunteer-1', name: '陈志愿', position: 'chair' }] });
    const item = await publishedItem(h);
    expect(await opine('demo-resident-1', item._id, 'agree')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await opine('demo-volunteer-1', item._id, 'agree')).ok).toBe(true);
  });
});

describe('a supervisor cannot supervise their own item', () => {
  it('refuses one who drafted, reviewed or published it, and leaves it out of their queue', async () => {
    // 李秀英 drafted this item as a grid worker, then left the staff and was chosen for the committee.
    const item = await publishedItem(h);
    const byOther = await newDraft(h, { title: '2026年第三季度救助款物发放' }, 'demo-grid-2');
    const other = { _id: (await publish(h, byOther)).ok ? byOther.itemId : '' };
    await h.ok('demo-admin', 'member.setRoles', { memberId: member('demo-grid-1'), roles: ['volunteer'] });
    await appointCommittee(h, { members: [{ who: 'demo-grid-1', name: '李秀英', position: 'chair' }, { who: 'demo-resident-1', name: '刘阿姨', position: 'member' }] });
    expect(await opine('demo-grid-1', item._id, 'agree')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '不能监督自己起草或公开的事项' } });
    expect(await opinionsOf(item._id)).toEqual([]);
    const queue = await h.ok<{ items: Array<{ itemId: string }> }>('demo-grid-1', 'disclosure.opinionQueue', { when: 'awaiting' });
    expect(queue.items.map((i) => i.itemId)).toEqual([other._id]);
    const seen = await h.ok<ItemView>('demo-grid-1', 'disclosure.get', { itemId: item._id });
    expect(seen.allowedActions).not.toContain('disclosure.opinion');
    // 张建国 drafted the other: 李秀英 had no hand in it, so it is hers to supervise.
    expect((await opine('demo-grid-1', other._id, 'agree')).ok).toBe(true);
    expect((await opine('demo-resident-1', item._id, 'agree')).ok).toBe(true);
  });
});

describe('one opinion per member per version, however many taps at once', () => {
  it('keeps one of twelve parallel different opinions and counts an objection once', async () => {
    await appointCommittee(h);
    const item = await publishedItem(h);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? opine('demo-resident-1', item._id, 'objection', `第${i}次：支出明细不全`) : opine('demo-resident-1', item._id, 'agree'))),
    );
    const stored = await opinionsOf(item._id);
    expect(stored).toHaveLength(1);
    expect(stored[0]._id).toBe(opinionIdFor(item._id, 1, member('demo-resident-1')));
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    // Only calls identical to the stored one succeed; every other is told it was already recorded.
    expect(won.length).toBeGreaterThanOrEqual(1);
    expect(lost.every((r) => !r.ok && r.error.code === 'CONFLICT')).toBe(true);
    const after = await h.deps.store.get('disclosureItems', item._id);
    expect(after?.openObjections).toBe(stored[0].stance === 'objection' ? 1 : 0);
    const steps = await h.deps.store.query('events', { where: { communityId: 'demo', subject: `disclosureItem:${item._id}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 50 });
    expect(steps.items.filter((e) => e.type === 'disclosure.opinion')).toHaveLength(1);
  });

  it('answers ten identical parallel taps as one opinion', async () => {
    await appointCommittee(h);
    const item = await publishedItem(h);
    const results = await Promise.all(Array.from({ length: 10 }, () => opine('demo-resident-1', item._id, 'objection', '支出明细不全，请补充票据')));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await opinionsOf(item._id)).toHaveLength(1);
    expect((await h.deps.store.get('disclosureItems', item._id))?.openObjections).toBe(1);
    expect((await inbox(h, `admins:demo`)).filter((m) => m.kind === 'disclosure.objected')).toHaveLength(1);
  });
});
