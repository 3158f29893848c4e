/**
 * 公开: an admin publishes the draft they read once it passes every check, each refusal
 * naming its field and writing nothing; one version per draft however many taps race; a
 * retry answers with what was published; the category's latest and the calendar follow.
 */
import type { CategoryView, ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import type { FlagRecord } from '../../../../../cloudfunctions/lib/features/disclosure/records';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { appointCommittee, inbox, MEMBERS } from './committee-fixtures';
import { BALANCED, draft, eventsOf, financeDraft, newDraft, publish, storedItem, storedVersions, UNBALANCED } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  // 李主任, the community's second admin (the demo seeds her only with the lifecycle).
  await h.ok('demo-admin', 'member.setRoles', { memberId: member('demo-admin-2'), roles: ['admin'], name: '李主任' });
});
afterEach(() => h.close());

describe('a finance table that does not reconcile cannot be published', () => {
  it('names finance.closingFen with the reconciliation line and writes nothing', async () => {
    const item = await newDraft(h, { finance: UNBALANCED });
    expect(item.draft?.reconciliation).toMatchObject({ ok: false, differenceFen: -1_000 });
    const before = await storedItem(h, item.itemId);
    const eventsBefore = await eventsOf(h, item.itemId);
    const res = await publish(h, item);
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'finance.closingFen' }] } },
    });
    if (res.ok) return;
    expect(res.error.message).toContain('期初1,000.00元 + 收入500.00元 − 支出300.00元 = 1,200.00元');
    expect(res.error.message).toContain('与填写的期末余额1,190.00元相差-10.00元');
    expect(await storedVersions(h, item.itemId)).toEqual([]);
    expect(await storedItem(h, item.itemId)).toEqual(before);
    expect(await eventsOf(h, item.itemId)).toEqual(eventsBefore);
    // Residents still find nothing.
    expect(await h.call('demo-resident-1', 'disclosure.get', { itemId: item.itemId })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
  it('publishes once the closing balance is put right', async () => {
    const item = await newDraft(h, { finance: UNBALANCED });
    const fixed = await h.ok<ItemView>('demo-grid-1', 'disclosure.draft', { ...financeDraft(), itemId: item.itemId, draftVersion: item.draft!.draftVersion }, key());
    expect(fixed.draft?.reconciliation?.ok).toBe(true);
    const res = await publish(h, fixed);
    expect(res).toMatchObject({ ok: true, data: { state: 'published', currentNumber: 1, shown: { number: 1, finance: BALANCED, financeText: expect.stringContaining('与期末余额一致') } } });
  });
});

describe('every other check names its field', () => {
  it('a 财务收支 item needs its table', async () => {
    const item = await newDraft(h, { finance: null });
    expect(await publish(h, item)).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'finance' }] } } });
  });
  it('a quarterly category needs a quarter', async () => {
    const item = await newDraft(h, { period: { kind: 'month', year: 2026, month: 9 } });
    expect(await publish(h, item)).toMatchObject({ error: { code: 'VALIDATION_ERROR', message: '本类别按季度公开，请选择公开的季度', details: { issues: [{ path: 'period' }] } } });
  });
  it('only an admin publishes, and only the draft they read', async () => {
    const item = await newDraft(h);
    expect(await publish(h, item, 'demo-grid-1')).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.call('demo-admin', 'disclosure.publish', { itemId: item.itemId, draftVersion: item.draft!.draftVersion + 1 })).toMatchObject({ error: { code: 'CONFLICT', details: { issues: [{ path: 'draftVersion' }] } } });
    expect(await storedVersions(h, item.itemId)).toEqual([]);
  });
});

describe('a draft with an unresolved flag cannot publish', () => {
  /**
   * The flags as the privacy gate leaves them on a save (its scan is the gate's own suite):
   * one decided, two not. Written onto the stored draft, so this proves publish's check alone.
   */
  async function flagged(): Promise<ItemView> {
    const item = await newDraft(h, { body: '本季度楼道灯维修由刘阿姨联系，电话13812345678，住1号楼1单元101。' });
    const stored = (await storedItem(h, item.itemId))!;
    const body = stored.draft!.body;
    const flag = (flagId: string, kind: FlagRecord['kind'], text: string, suggestion: string, decided: boolean): FlagRecord => ({
      flagId, field: 'body', kind, start: body.indexOf(text), end: body.indexOf(text) + text.length, text, suggestion,
      decision: decided ? 'mask' : null, reason: null, decidedById: decided ? member('demo-admin') : null, decidedByName: decided ? '王书记' : null,
    });
    const flags = [flag('f_name', 'name', '刘阿姨', '刘某', true), flag('f_phone', 'phone', '13812345678', '***', false), flag('f_room', 'room', '1单元101', '*单元***', false)];
    await h.deps.store.set('disclosureItems', { ...stored, draft: { ...stored.draft!, flags } });
    return h.ok<ItemView>('demo-admin', 'disclosure.get', { itemId: item.itemId });
  }

  it('names the flags still to decide, and writes nothing', async () => {
    const item = await flagged();
    expect(item.draft).toMatchObject({ unresolved: 2, flags: [{ flagId: 'f_name', fieldLabel: '正文', kindLabel: '姓名', before: '本季度楼道灯维修由', after: '联系，电话1381234' }, { flagId: 'f_phone' }, { flagId: 'f_room' }] });
    const before = await storedItem(h, item.itemId);
    const res = await publish(h, item);
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', message: '还有2处个人信息未处理，请逐项选择遮盖或保留后再公开', details: { issues: [{ path: 'flags' }], flagIds: ['f_phone', 'f_room'] } } });
    expect(await storedVersions(h, item.itemId)).toEqual([]);
    expect(await storedItem(h, item.itemId)).toEqual(before);
  });
  it('residents never see the flags, before or after publication', async () => {
    const item = await flagged();
    expect(await h.call('demo-resident-1', 'disclosure.get', { itemId: item.itemId })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const stored = (await storedItem(h, item.itemId))!;
    await h.deps.store.set('disclosureItems', { ...stored, draft: { ...stored.draft!, flags: stored.draft!.flags.map((f) => ({ ...f, decision: 'mask' as const, decidedById: member('demo-admin'), decidedByName: '王书记' })) } });
    expect((await publish(h, item)).ok).toBe(true);
    const seen = JSON.stringify(await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: item.itemId }));
    // (What the masked text reads is the gate's applyFlags, proven in its own suite.)
    for (const word of ['f_phone', 'flags', 'suggestion', 'decidedByName', '13812345678', '刘阿姨']) expect(seen).not.toContain(word);
    const [v1] = await storedVersions(h, item.itemId);
    expect(v1).toMatchObject({ reviewedByIds: [member('demo-admin')], masked: { name: 1, phone: 1, room: 1 }, kept: [] });
  });
});

describe('twenty parallel publishes of one draft make one version', () => {
  it('answers every tap with the same published item', async () => {
    const item = await newDraft(h);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => publish(h, item, i % 2 ? 'demo-admin' : 'demo-admin-2')));
    for (const r of results) expect(r).toMatchObject({ ok: true, data: { state: 'published', currentNumber: 1, shown: { number: 1 } } });
    const versions = await storedVersions(h, item.itemId);
    expect(versions.map((v) => v.number)).toEqual([1]);
    expect((await eventsOf(h, item.itemId)).filter((e) => e.type === 'disclosure.published')).toHaveLength(1);
    const cat = await h.ok<{ categories: CategoryView[] }>('demo-resident-1', 'disclosure.catalogue', {});
    expect(cat.categories.find((c) => c.key === 'finance')).toMatchObject({ publishedCount: 1, latest: { itemId: item.itemId, title: '2026年第三季度财务收支', periodLabel: '2026年第三季度' } });
  });
  it('a retry after success answers with the version it made', async () => {
    const item = await newDraft(h);
    const first = await publish(h, item);
    const again = await publish(h, item);
    expect(again).toEqual(first);
    expect(await storedVersions(h, item.itemId)).toHaveLength(1);
  });
});

describe('a new draft is staff business until published', () => {
  it('is kept by its request key: a retried create makes one item', async () => {
    const k = key();
    const a = await draft(h, 'demo-grid-1', financeDraft(), k);
    const b = await draft(h, 'demo-grid-1', financeDraft(), k);
    expect(a.ok && b.ok && a.data.itemId === b.data.itemId).toBe(true);
    const list = await h.ok<{ items: { itemId: string }[] }>('demo-admin', 'disclosure.list', { when: 'drafts' });
    expect(list.items.map((i) => i.itemId)).toEqual([a.ok ? a.data.itemId : '']);
  });
});

describe('each publication asks the sitting committee for its opinion', () => {
  it('tells its members with an account, once per version, and offers them the opinion form', async () => {
    await appointCommittee(h);
    const item = await newDraft(h);
    await publish(h, item);
    await publish(h, item);
    for (const who of [MEMBERS.chair.who, MEMBERS.member.who]) {
      const told = (await inbox(h, who)).filter((m) => m.kind === 'disclosure.toReview');
      expect(told).toMatchObject([{ title: '请监督：2026年第三季度财务收支', page: `/disclosure/item/index?id=${item.itemId}` }]);
      const seen = await h.ok<ItemView>(who, 'disclosure.get', { itemId: item.itemId });
      expect(seen.allowedActions).toContain('disclosure.opinion');
    }
    // Staff who wrote and published it are no committee: nothing for them.
    expect((await inbox(h, 'demo-grid-1')).filter((m) => m.kind === 'disclosure.toReview')).toEqual([]);
  });
});
