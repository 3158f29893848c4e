/**
 * 隐私审核: staff decide each flag of the draft they loaded, by its id, and mark what the scan
 * missed. A stale draftVersion is CONFLICT; a flag that is gone is named; a mark masks every
 * occurrence of its text; decisions survive a later save that leaves their text in place; the
 * reviewer becomes an author; the step is audited; residents never see any of it.
 */
import type { ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { eventsOf, financeDraft, newDraft, publish, storedItem } from './fixtures';

// Until the manifest (the items helper's file) binds disclosure.review, this suite binds it
// before the registry reads the manifests; once bound there, this only binds it again.
jest.mock('../../../../../cloudfunctions/lib/features/disclosure/manifest', () => {
  const actual = jest.requireActual('../../../../../cloudfunctions/lib/features/disclosure/manifest');
  const { bind } = jest.requireActual('../../../../../cloudfunctions/lib/kernel/action');
  const { contracts } = jest.requireActual('../../../../../miniprogram/core/contracts');
  const { reviewDraft } = jest.requireActual('../../../../../cloudfunctions/lib/features/disclosure/review-draft');
  actual.disclosureManifest.actions['disclosure.review'] = bind(contracts['disclosure.review'], reviewDraft);
  return actual;
});

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const BODY = '住户王建国（电话13800138000）反映楼道灯不亮，已于10月15日修复，费用1,234.50元。赵六也来反映过，赵六住楼上。';
const review = (who: string, item: ItemView, data: Record<string, unknown>) => h.call<ItemView>(who, 'disclosure.review', { itemId: item.itemId, draftVersion: item.draft!.draftVersion, ...data });

async function withFlags(): Promise<ItemView> {
  await h.deps.store.update('members', member('demo-resident-1'), { name: '王建国' });
  const item = await newDraft(h, { body: BODY });
  expect(item.draft!.flags.map((f) => f.text)).toEqual(['王建国', '13800138000']);
  return item;
}

describe('decisions go on the flags by id', () => {
  it('masking and keeping every flag resolves the draft; the preview shows what residents will read', async () => {
    const item = await withFlags();
    const [name, phone] = item.draft!.flags;
    const res = await review('demo-grid-1', item, { decisions: [{ flagId: name.flagId, decision: 'mask' }, { flagId: phone.flagId, decision: 'keep', reason: '住户同意公开' }] });
    expect(res).toMatchObject({ ok: true, data: { draft: { unresolved: 0, draftVersion: item.draft!.draftVersion + 1 } } });
    const d = res.ok ? res.data.draft! : null;
    expect(d!.preview.body).toBe(BODY.replace('王建国', '王某'));
    expect(d!.flags.find((f) => f.flagId === phone.flagId)).toMatchObject({ decision: 'keep', reason: '住户同意公开', decidedByName: expect.any(String) });
    expect(await publish(h, res.ok ? res.data : item)).toMatchObject({ ok: true, data: { shown: { body: BODY.replace('王建国', '王某') } } });
  });

  it('keeping needs a reason', async () => {
    const item = await withFlags();
    expect(await review('demo-grid-1', item, { decisions: [{ flagId: item.draft!.flags[0].flagId, decision: 'keep' }] })).toMatchObject({
      error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'decisions.0.reason' }] } },
    });
  });

  it('an unknown flag is named by its place in the request, and nothing is written', async () => {
    const item = await withFlags();
    const before = await storedItem(h, item.itemId);
    const res = await review('demo-grid-1', item, { decisions: [{ flagId: item.draft!.flags[0].flagId, decision: 'mask' }, { flagId: 'flag_nowhere', decision: 'mask' }] });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { issues: [{ path: 'decisions.1.flagId' }] } } });
    expect(await storedItem(h, item.itemId)).toEqual(before);
  });
});

describe('the review is on the draft that was loaded', () => {
  it('two reviewers of one loaded draft: one review, one CONFLICT', async () => {
    const item = await withFlags();
    const d = { decisions: [{ flagId: item.draft!.flags[0].flagId, decision: 'mask' }] };
    const results = await Promise.all([review('demo-grid-1', item, d), review('demo-admin', item, { decisions: [{ flagId: item.draft!.flags[0].flagId, decision: 'keep', reason: '社区干部' }] })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ error: { code: 'CONFLICT', details: { issues: [{ path: 'draftVersion' }] } } }]);
    expect((await eventsOf(h, item.itemId)).filter((e) => e.type === 'disclosure.reviewed')).toHaveLength(1);
  });

  it('the same review sent again answers with what it made, once', async () => {
    const item = await withFlags();
    const d = { decisions: [{ flagId: item.draft!.flags[0].flagId, decision: 'mask' }] };
    const first = await review('demo-grid-1', item, d);
    const again = await review('demo-grid-1', item, d);
    expect(first.ok).toBe(true);
    expect(again).toEqual(first);
    expect((await eventsOf(h, item.itemId)).filter((e) => e.type === 'disclosure.reviewed')).toHaveLength(1);
  });

  it('a decision survives a later save that leaves its text where it was', async () => {
    const item = await withFlags();
    const reviewed = await h.ok<ItemView>('demo-grid-1', 'disclosure.review', { itemId: item.itemId, draftVersion: item.draft!.draftVersion, decisions: item.draft!.flags.map((f) => ({ flagId: f.flagId, decision: 'mask' })) });
    const saved = await h.ok<ItemView>('demo-grid-1', 'disclosure.draft', { ...financeDraft({ body: `补充说明。${BODY}` }), itemId: item.itemId, draftVersion: reviewed.draft!.draftVersion }, key());
    expect(saved.draft!.unresolved).toBe(0);
    expect(saved.draft!.preview.body).toBe(`补充说明。${BODY}`.replace('王建国', '王某').replace('13800138000', '***'));
  });
});

describe('a mark masks what the scan missed', () => {
  it('covers every occurrence of its text in its field, and follows it through a save; a new occurrence waits for a decision', async () => {
    const item = await withFlags();
    const res = await h.ok<ItemView>('demo-grid-1', 'disclosure.review', { itemId: item.itemId, draftVersion: item.draft!.draftVersion, marks: [{ field: 'body', text: '赵六' }] });
    expect(res.draft!.flags.filter((f) => f.kind === 'manual')).toMatchObject([{ text: '赵六', decision: 'mask' }, { text: '赵六', decision: 'mask' }]);
    expect(res.draft!.preview.body).toContain('赵某也来反映过，赵某住楼上');
    const saved = await h.ok<ItemView>('demo-grid-1', 'disclosure.draft', { ...financeDraft({ body: `${BODY}请赵六注意安全。` }), itemId: item.itemId, draftVersion: res.draft!.draftVersion }, key());
    // The two it covered stay masked; one typed after the review is new, to be decided before publishing.
    expect(saved.draft!.flags.filter((f) => f.kind === 'manual').map((f) => f.decision)).toEqual(['mask', 'mask', null]);
    expect(saved.draft!.preview.body).toContain('赵某也来反映过，赵某住楼上。请赵六注意安全。');
  });

  it('text that is not in the field is refused, naming the mark', async () => {
    const item = await withFlags();
    expect(await review('demo-grid-1', item, { marks: [{ field: 'body', text: '钱七' }] })).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'marks.0.text' }] } } });
    expect(await review('demo-grid-1', item, { marks: [{ field: 'relief.rows.0.name', text: '王' }] })).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'marks.0.field' }] } } });
  });
});

describe('who reviews, and what it leaves behind', () => {
  it('the reviewer becomes an author, the step is audited, residents cannot review', async () => {
    const item = await withFlags();
    expect(await review('demo-resident-1', item, { decisions: [] })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    await h.ok('demo-admin', 'disclosure.review', { itemId: item.itemId, draftVersion: item.draft!.draftVersion, decisions: [{ flagId: item.draft!.flags[0].flagId, decision: 'mask' }] });
    expect((await storedItem(h, item.itemId))!.authorIds).toContain(member('demo-admin'));
    expect((await eventsOf(h, item.itemId)).find((e) => e.type === 'disclosure.reviewed')).toMatchObject({ public: false, note: '遮盖1处' });
  });

  it('a published item has no draft to review', async () => {
    const item = await newDraft(h);
    const pub = await publish(h, item);
    expect(pub.ok).toBe(true);
    expect(await review('demo-grid-1', item, { decisions: [] })).toMatchObject({ error: { code: 'CLOSED' } });
  });
});
