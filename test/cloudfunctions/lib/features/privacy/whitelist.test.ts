/**
 * "Download my data" hands out what each feature names, field by field: what staff wrote
 * about a resident's concern, and any field added to a record later, stays out.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { MyData } from '../../../../../miniprogram/core/privacy/contract';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { addDepartment } from '../../../../support/departments';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function submit(text = '楼道灯坏了很久了') {
  return h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text }, key());
}

describe('the private note a grid worker writes when whistling', () => {
  it('is not in the resident’s export', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-grid-1', 'concern.whistle', { concernId: c.id, departmentId: await addDepartment(h, '物业公司'), note: '内部备注请勿外传XYZ', replyDays: 3 });
    await h.ok('demo-grid-1', 'concern.note', { concernId: c.id, text: '另一条内部备注ABC' });
    const data = await h.ok<MyData>('demo-resident-1', 'privacy.export');
    const text = JSON.stringify(data);
    expect(data.concerns.map((x) => x.text)).toContain('楼道灯坏了很久了');
    expect(text).toContain('楼道灯坏了很久了');
    expect(text).not.toContain('内部备注请勿外传XYZ');
    expect(text).not.toContain('另一条内部备注ABC');
    expect(text).not.toContain('assigneeId');
  });
});

describe('a field added to a record later', () => {
  it('does not appear in the export until a feature names it', async () => {
    const c = await submit();
    await h.deps.store.update('concerns', c.id, { riskScoreAddedNextYear: 'SHOULD-NOT-LEAK' });
    const member = (await h.deps.store.query('members', { where: { communityId: 'demo' }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 100 })).items;
    for (const m of member) await h.deps.store.update('members', m._id, { staffOnlyFlag: 'ALSO-NOT' });
    const text = JSON.stringify(await h.ok<MyData>('demo-resident-1', 'privacy.export'));
    expect(text).not.toContain('SHOULD-NOT-LEAK');
    expect(text).not.toContain('riskScoreAddedNextYear');
    expect(text).not.toContain('ALSO-NOT');
  });
});
