/**
 * 更正 and the immutability of what was published: a correction is a new version with its
 * reason, the old one stays readable and is marked superseded; no action — drafting,
 * correcting, publishing again, a review, the committee's opinion and its answer, a resident's
 * question and its answer — changes a word of a version once it is up.
 */
import type { ItemView, QuestionView } from '../../../../../miniprogram/core/disclosure/contract';
import { versionHash } from '../../../../../cloudfunctions/lib/features/disclosure/publish-item';
import type { VersionRecord } from '../../../../../cloudfunctions/lib/features/disclosure/records';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { appointCommittee, MEMBERS } from './committee-fixtures';
import { BALANCED, financeDraft, publish, published, storedItem, storedVersions } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const REASON = '支出中楼道灯维修金额录入有误，应为280元';
const CORRECTED = { ...BALANCED, expense: [{ label: '楼道灯维修', amountFen: 28_000, note: '1号楼、2号楼' }], closingFen: 122_000 };

async function corrected(): Promise<{ v1: ItemView; v2: ItemView }> {
  const v1 = await published(h);
  const c = await h.ok<ItemView>('demo-grid-1', 'disclosure.correct', { itemId: v1.itemId, reason: REASON });
  const edited = await h.ok<ItemView>('demo-grid-1', 'disclosure.draft', { ...financeDraft({ finance: CORRECTED }), itemId: v1.itemId, draftVersion: c.draft!.draftVersion }, key());
  const res = await publish(h, edited);
  if (!res.ok) throw new Error(res.error.message);
  return { v1, v2: res.data };
}

describe('a correction keeps v1 readable and marked superseded; v2 carries its reason', () => {
  it('starts from the version that is up, with the reason, while v1 stays shown', async () => {
    const v1 = await published(h);
    const c = await h.ok<ItemView>('demo-grid-1', 'disclosure.correct', { itemId: v1.itemId, reason: REASON });
    expect(c).toMatchObject({ state: 'correcting', currentNumber: 1, shown: { number: 1, superseded: false }, draft: { correctionReason: REASON, finance: BALANCED, title: '2026年第三季度财务收支' } });
    // A resident reads v1 as before, and nothing of the draft.
    const seen = await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: v1.itemId });
    expect(seen).toMatchObject({ state: 'published', draft: null, shown: { number: 1, finance: BALANCED } });
  });
  it('publishes v2 with the reason and keeps v1 readable, marked superseded by it', async () => {
    const { v1, v2 } = await corrected();
    expect(v2).toMatchObject({ currentNumber: 2, state: 'published', shown: { number: 2, reason: REASON, finance: CORRECTED, superseded: false } });
    const old = await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: v1.itemId, version: 1 });
    expect(old.shown).toMatchObject({ number: 1, reason: null, finance: BALANCED, superseded: true, supersededAt: expect.any(Number) });
    expect(old.versions).toEqual([
      { number: 1, publishedAt: expect.any(Number), reason: null, superseded: true },
      { number: 2, publishedAt: expect.any(Number), reason: REASON, superseded: false },
    ]);
    const stored = await storedVersions(h, v1.itemId);
    expect(stored.map((v) => [v.number, v.supersededBy])).toEqual([[1, 2], [2, null]]);
  });
  it('needs a reason, and a published item to correct', async () => {
    const v1 = await published(h);
    expect(await h.call('demo-grid-1', 'disclosure.correct', { itemId: v1.itemId, reason: '' })).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'reason' }] } } });
    expect(await h.call('demo-resident-1', 'disclosure.correct', { itemId: v1.itemId, reason: REASON })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    await h.ok('demo-grid-1', 'disclosure.correct', { itemId: v1.itemId, reason: REASON });
    // The same request again answers with the correction it started; another one is refused.
    expect(await h.call('demo-grid-1', 'disclosure.correct', { itemId: v1.itemId, reason: REASON })).toMatchObject({ ok: true, data: { state: 'correcting' } });
    expect(await h.call('demo-admin', 'disclosure.correct', { itemId: v1.itemId, reason: '另一处需要更正的地方' })).toMatchObject({ error: { code: 'CONFLICT' } });
  });
});

describe('no action changes a published version', () => {
  const frozen = (v: VersionRecord) => {
    const { supersededAt, supersededBy, ...content } = v;
    void supersededAt;
    void supersededBy;
    return content;
  };

  it('leaves v1 byte for byte as published through edits, corrections, publications and refused calls', async () => {
    const v1 = await published(h);
    const [before] = await storedVersions(h, v1.itemId);
    expect(before.contentHash).toBe(versionHash(before));

    // A draft save against a published item is refused: a version is never a draft.
    expect(await h.call('demo-grid-1', 'disclosure.draft', { ...financeDraft({ title: '改过的标题' }), itemId: v1.itemId, draftVersion: 1 }, key())).toMatchObject({ error: { code: 'CLOSED' } });
    expect(await h.call('demo-admin', 'disclosure.publish', { itemId: v1.itemId, draftVersion: 1 })).toMatchObject({ ok: true, data: { currentNumber: 1 } });
    const c = await h.ok<ItemView>('demo-grid-1', 'disclosure.correct', { itemId: v1.itemId, reason: REASON });
    const e1 = await h.ok<ItemView>('demo-grid-1', 'disclosure.draft', { ...financeDraft({ title: '2026年第三季度财务收支（更正）', finance: CORRECTED }), itemId: v1.itemId, draftVersion: c.draft!.draftVersion }, key());
    // A review of the correction touches its draft only (whatever the review answers).
    await h.call('demo-admin', 'disclosure.review', { itemId: v1.itemId, draftVersion: e1.draft!.draftVersion, decisions: [], marks: [{ field: 'body', text: '公益金' }] });
    let e2 = (await storedItem(h, v1.itemId))!;
    const open = e2.draft!.flags.filter((f) => f.decision === null);
    if (open.length) {
      await h.ok('demo-admin', 'disclosure.review', { itemId: v1.itemId, draftVersion: e2.draft!.draftVersion, decisions: open.map((f) => ({ flagId: f.flagId, decision: 'mask' })) });
      e2 = (await storedItem(h, v1.itemId))!;
    }
    expect((await publish(h, { itemId: v1.itemId, draft: { draftVersion: e2.draft!.draftVersion } as ItemView['draft'] })).ok).toBe(true);
    const [, v2AsPublished] = await storedVersions(h, v1.itemId);
    // A stale publish of v1's draft, and a second correction, change nothing either.
    expect(await h.call('demo-admin', 'disclosure.publish', { itemId: v1.itemId, draftVersion: 1 })).toMatchObject({ error: { code: 'CONFLICT' } });
    await h.ok('demo-admin', 'disclosure.correct', { itemId: v1.itemId, reason: '再次更正：补充备注' });
    // The committee's and the residents' steps on the item leave its versions alone too.
    await appointCommittee(h);
    const objected = await h.ok<ItemView>(MEMBERS.member.who, 'disclosure.opinion', { itemId: v1.itemId, versionNumber: 2, stance: 'objection', text: '维修金额与发票不一致，请核实。' });
    await h.ok('demo-admin', 'disclosure.respond', { itemId: v1.itemId, opinionId: objected.opinions[0].opinionId, text: '已核对发票，金额以更正后为准。' });
    const q = await h.ok<QuestionView>('demo-resident-2', 'disclosure.ask', { itemId: v1.itemId, text: '楼道灯维修是哪家公司做的？' }, key());
    await h.ok('demo-grid-1', 'disclosure.answer', { questionId: q.questionId, text: '由幸福里物业维修班完成。' });
    expect(await storedVersions(h, v1.itemId)).toHaveLength(2);

    const [after, v2] = await storedVersions(h, v1.itemId);
    expect(frozen(after)).toEqual(frozen(before));
    expect(after.contentHash).toBe(versionHash(after));
    expect(after).toMatchObject({ supersededBy: 2, supersededAt: expect.any(Number) });
    expect(v2).toEqual(v2AsPublished);
    expect(v2.contentHash).toBe(versionHash(v2));
    expect(v2).toMatchObject({ title: '2026年第三季度财务收支（更正）', reason: REASON, supersededAt: null });
  });
});

describe('a relief table published as counts only can be corrected', () => {
  it('comes back with rows the staff can save again, and the correction still names nobody', async () => {
    const names = ['王建国', '李秀兰', '赵德明', '孙桂芳', '周海'];
    const relief = { programme: '2026年冬季困难家庭临时救助', form: 'count', rows: names.map((name) => ({ name, amountFen: 50_000 })) };
    const v1 = await published(h, { categoryKey: 'relief', title: '冬季临时救助发放情况', finance: null, relief });
    const c = await h.ok<ItemView>('demo-grid-1', 'disclosure.correct', { itemId: v1.itemId, reason: '救助金额录入有误' });
    expect(c.draft!.relief!.rows.map((r) => r.name)).toEqual(['受助人1', '受助人2', '受助人3', '受助人4', '受助人5']);
    // What the draft form sends back: the rows as the draft shows them, one amount changed.
    const rows = c.draft!.relief!.rows.map((r, i) => ({ ...r, amountFen: i === 0 ? 60_000 : r.amountFen }));
    const edited = await h.call<ItemView>('demo-grid-1', 'disclosure.draft', {
      ...financeDraft({ categoryKey: 'relief', title: '冬季临时救助发放情况', finance: null, relief: { ...c.draft!.relief!, rows } }), itemId: v1.itemId, draftVersion: c.draft!.draftVersion,
    }, key());
    if (!edited.ok) throw new Error(`${edited.error.code} ${edited.error.message} ${JSON.stringify(edited.error.details)}`);
    const res = await publish(h, edited.data);
    if (!res.ok) throw new Error(`${res.error.code} ${res.error.message}`);
    const shown = JSON.stringify(res.data.shown);
    expect(shown).not.toContain('受助人');
    expect(shown).not.toContain('王建国');
    expect(res.data.currentNumber).toBe(2);
  });
});

describe('a relief table of fewer than five, published as counts only, is entered again to be corrected', () => {
  it('comes back with no rows, and saving it empty names the field to fill', async () => {
    const relief = { programme: '临时救助', form: 'count', rows: [{ name: '王建国', amountFen: 50_000 }, { name: '李秀兰', amountFen: 50_000 }] };
    const v1 = await published(h, { categoryKey: 'relief', title: '临时救助发放情况', finance: null, relief });
    const c = await h.ok<ItemView>('demo-grid-1', 'disclosure.correct', { itemId: v1.itemId, reason: '救助金额录入有误' });
    expect(c.draft!.relief).toMatchObject({ programme: '临时救助', form: 'count', rows: [] });
    const saved = await h.call<ItemView>('demo-grid-1', 'disclosure.draft', {
      ...financeDraft({ categoryKey: 'relief', title: '临时救助发放情况', finance: null, relief: c.draft!.relief }), itemId: v1.itemId, draftVersion: c.draft!.draftVersion,
    }, key());
    expect(saved).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'relief.rows' }] } } });
  });
});
