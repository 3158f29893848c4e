/**
 * 撤回: a withdrawn notice leaves the home page at once; staff keep it in their list with the
 * reason, the audit log has who and why; it cannot be withdrawn twice, nor by anyone but an
 * admin of its community.
 */
import type { NoticeView } from '../../../../../miniprogram/core/disclosure/notice-contract';
import type { Page } from '../../../../../miniprogram/core/action';
import { HOUR } from '../../../../../cloudfunctions/lib/kernel/time';
import { createHarness, member, type Harness } from '../../../../support/harness';
import { noticeEvents, published, titles } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  // The harness seeds without the lifecycle, where the second admin comes from.
  await h.ok('demo-admin', 'member.setRoles', { memberId: member('demo-admin-2'), roles: ['admin'], name: '李主任' });
});
afterEach(() => h.close());

const withdraw = (who: string, noticeId: string, reason = '时间有变，另行通知') => h.call<NoticeView>(who, 'notice.withdraw', { noticeId, reason });

describe('an admin withdraws a notice', () => {
  it('takes it off the home page and keeps it for staff with the reason', async () => {
    const n = await published(h, { title: '周日义诊活动通知' });
    await published(h, { title: '社区食堂试营业' });
    const res = await withdraw('demo-admin-2', n.noticeId);
    expect(res).toMatchObject({ ok: true, data: { withdrawn: true, withdrawReason: '时间有变，另行通知', allowedActions: ['notice.list'] } });
    expect(await titles(h, 'demo-resident-1')).toEqual(['社区食堂试营业']);
    const all = await h.ok<Page<NoticeView>>('demo-grid-1', 'notice.list', { when: 'all' });
    expect(all.items.find((x) => x.noticeId === n.noticeId)).toMatchObject({ withdrawn: true, withdrawReason: '时间有变，另行通知' });
  });
  it('records who withdrew it and why', async () => {
    const n = await published(h, { title: '周日义诊活动通知' });
    await withdraw('demo-admin-2', n.noticeId);
    const events = await noticeEvents(h, n.noticeId);
    expect(events.map((e) => [e.type, e.actorId, e.note])).toEqual([
      ['notice.published', member('demo-admin'), '周日义诊活动通知'],
      ['notice.withdrawn', member('demo-admin-2'), '周日义诊活动通知：时间有变，另行通知'],
    ]);
  });
});

describe('a notice is withdrawn once', () => {
  it('says it is already withdrawn on a second try', async () => {
    const n = await published(h);
    expect((await withdraw('demo-admin', n.noticeId)).ok).toBe(true);
    expect(await withdraw('demo-admin', n.noticeId, '重复撤回')).toMatchObject({ error: { code: 'CLOSED', message: '该公告已撤回' } });
    expect((await h.deps.store.get('notices', n.noticeId))?.withdrawReason).toBe('时间有变，另行通知');
  });
  it('takes one of two withdrawals sent at once', async () => {
    const n = await published(h);
    const [a, b] = await Promise.all([withdraw('demo-admin', n.noticeId, '第一位管理员撤回'), withdraw('demo-admin-2', n.noticeId, '第二位管理员撤回')]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect([a, b].find((x) => !x.ok)).toMatchObject({ error: { code: 'CLOSED' } });
    expect((await noticeEvents(h, n.noticeId)).filter((e) => e.type === 'notice.withdrawn')).toHaveLength(1);
  });
  it('refuses an expired one: residents no longer see it', async () => {
    const n = await published(h, { expiresAt: h.clock.now() + HOUR });
    h.clock.advance(HOUR);
    expect(await withdraw('demo-admin', n.noticeId)).toMatchObject({ error: { code: 'CLOSED' } });
  });
});

describe('only an admin of its community withdraws it', () => {
  it('refuses grid workers and residents, and another community finds nothing', async () => {
    const n = await published(h);
    expect(await withdraw('demo-grid-1', n.noticeId)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await withdraw('demo-resident-1', n.noticeId)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await withdraw('other-admin', n.noticeId)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await titles(h, 'demo-resident-1')).toHaveLength(1);
  });
  it('checks the reason like any other text', async () => {
    const n = await published(h);
    expect(await withdraw('demo-admin', n.noticeId, '涉及赌博内容')).toMatchObject({ error: { code: 'CONTENT_REJECTED', details: { issues: [{ path: 'reason' }] } } });
    expect(await titles(h, 'demo-resident-1')).toHaveLength(1);
  });
});
