/**
 * Concerns stored before the desk kept their timeline, handlers' names and the author's
 * phone on the concern: their page still shows the whole timeline, who handles it and the
 * phone, read from the events and members as before, and a step on them answers the same.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { ConcernRecord } from '../../../../../cloudfunctions/lib/features/concern/records';
import { createHarness, key, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const submit = () => h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼道灯坏了一个星期了' }, key());

/** The concern as an older release stored it: without the fields the page now reads from it. */
async function makeOlder(id: string) {
  const c = (await h.deps.store.get('concerns', id)) as ConcernRecord;
  const { trail: _trail, staffNames: _names, authorPhoneEnc: _phone, ...older } = c;
  await h.deps.store.set('concerns', older);
}

const shown = (v: ConcernView) => ({
  timeline: v.timeline,
  assignee: v.assignee,
  firstResponder: v.firstResponder,
  authorPhone: v.authorPhone,
  authorName: v.authorName,
});

describe('a concern from before the trail', () => {
  it('shows staff and the resident what a new one shows', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-grid-1', 'concern.reply', { concernId: c.id, text: '明天上午来修。' });
    const staffNew = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    const residentNew = await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id });
    expect(staffNew.assignee?.name).toBeTruthy();
    expect(staffNew.timeline.some((e) => e.actorName)).toBe(true);
    await makeOlder(c.id);
    const staffOld = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    const residentOld = await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id });
    expect(shown(staffOld)).toEqual(shown(staffNew));
    expect(shown(residentOld)).toEqual(shown(residentNew));
  });

  it('answers a step with the events it has, and gains nothing half-kept', async () => {
    const c = await submit();
    await makeOlder(c.id);
    const accepted = await h.ok<ConcernView>('demo-grid-1', 'concern.accept', { concernId: c.id });
    expect(accepted.timeline.map((e) => e.type)).toEqual(['concern.submitted', 'concern.dispatched', 'concern.accepted']);
    const stored = (await h.deps.store.get('concerns', c.id)) as ConcernRecord;
    // No partial timeline is started on it: its page keeps reading the events.
    expect(stored.trail).toBeUndefined();
  });
});
