/** The demo `npm start` serves: every listed person exists and can do what the README says. */
import { createApiFunction } from '../../cloudfunctions/lib/api-function';
import { DEMO_PEOPLE, seedDemo } from '../../dev/demo-seed';
import type { PollResultView, PollView } from '../../miniprogram/core/poll/contract';
import type { ConcernSummary, QueueItem } from '../../miniprogram/core/concern/contract';
import type { FoundEntry, MeView } from '../../miniprogram/core/member/contract';
import type { ActivityView, SignupView, TeamView, VolunteerView } from '../../miniprogram/core/volunteer/contract';
import type { AnomalyView, DisputeView, HourEntryView, MyHoursView } from '../../miniprogram/core/hours/contract';
import type { CertificateView } from '../../miniprogram/core/volunteer/certificate';
import type { OwnerUnitView } from '../../miniprogram/core/poll/contract';
import type { MotionView } from '../../miniprogram/core/council/motion-contract';
import type { MeetingView, MinutesView } from '../../miniprogram/core/council/meeting-contract';
import type { ResolutionView } from '../../miniprogram/core/council/resolution-contract';
import type { ItemSummaryView, ItemView } from '../../miniprogram/core/disclosure/contract';
import type { NoticeView } from '../../miniprogram/core/disclosure/notice-contract';
import type { ReportMonthRow, ReportView } from '../../miniprogram/core/report/contract';
import { memberIdFor } from '../../cloudfunctions/lib/kernel/caller';
import { milestoneFor } from '../../miniprogram/core/volunteer/milestones';
import type { CoverageView, VisitView } from '../../miniprogram/core/visit/contract';
import { makeContext } from '../../cloudfunctions/lib/kernel/action';
import { resolveCaller, type IdentifiedCaller } from '../../cloudfunctions/lib/kernel/caller';
import { FEATURE_REGISTRY } from '../../cloudfunctions/lib/manifests';
import { createHarness, type Harness } from '../support/harness';
import type { CaseView, InsightOverview, MonthlyTopicView } from '../../miniprogram/core/insight/contract';
import { runSweep } from '../../cloudfunctions/lib/sweep/run-sweep';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ seed: false });
  expect(await seedDemo(createApiFunction(h.deps, (c) => (c as { openid: string | null }).openid), h.deps.store)).toBe(true);
});
afterAll(() => h.close());

describe('the demo community', () => {
  it('seeds only once', async () => {
    expect(await seedDemo(h.api, h.deps.store)).toBe(false);
  });
  it('gives every listed demo person the role the README promises', async () => {
    const roles: Record<string, string[]> = {};
    for (const openid of Object.keys(DEMO_PEOPLE)) roles[openid] = (await h.ok<MeView>(openid, 'member.me')).roles;
    expect(roles).toEqual({
      'demo-admin': ['admin'],
      'demo-grid-1': ['gridWorker'],
      'demo-grid-1b': ['gridWorker'],
      'demo-grid-2': ['gridWorker'],
      'demo-leader': ['gridWorker'],
      'demo-resident-1': ['resident', 'volunteer'],
      'demo-resident-2': ['resident', 'volunteer', 'supervisor'],
      'demo-volunteer-1': ['volunteer'],
      'demo-visitor-1': ['visitor'],
      'demo-dept-1': ['department'],
      'demo-admin-2': ['admin'],
      'demo-subdistrict': ['subdistrict'],
      'demo-admin-3': ['admin'],
    });
  });
  it('has concerns in every stage a page shows', async () => {
    const r1 = await h.ok<{ items: ConcernSummary[] }>('demo-resident-1', 'concern.listMine', {});
    expect(r1.items.map((c) => c.status).sort()).toEqual(['closed', 'dispatched', 'supervised']);
    const r2 = await h.ok<{ items: ConcernSummary[] }>('demo-resident-2', 'concern.listMine', {});
    expect(r2.items.map((c) => c.status).sort()).toEqual(['coordinating', 'resolved']);
    const queue = await h.ok<{ items: QueueItem[] }>('demo-admin', 'concern.queue', {});
    // Besides the archived history of 社情民意 (seedInsights): six from residents and the window, one from 张建国's visit that needed action.
    expect(queue.items.filter((c) => !c.id.startsWith('seed_history_'))).toHaveLength(7);
    // 代办: one filed at the window for a household where nobody uses the app.
    expect(queue.items.map((c) => c.excerpt)).toContainEqual(expect.stringContaining('孙奶奶到窗口反映'));
    const { items: buildings } = await h.ok<{ items: Array<{ id: string; name: string }> }>('demo-admin', 'community.buildings', {});
    const b1 = buildings.find((b) => b.name === '1号楼')?.id;
    const household = await h.ok<{ items: FoundEntry[] }>('demo-grid-1', 'member.find', { buildingId: b1, unit: '2', room: '202' });
    expect(household.items).toEqual([expect.objectContaining({ onApp: false, people: [] })]);
  });
  it('gives the grid leader a supervised item he has chased in his 督办 list', async () => {
    const supervise = await h.ok<{ items: QueueItem[] }>('demo-leader', 'concern.queue', { view: 'supervise' });
    expect(supervise.items.map((c) => c.status)).toEqual(['supervised']);
    const c = await h.ok<{ urges?: number; allowedActions: string[] }>('demo-leader', 'concern.get', { concernId: supervise.items[0].id });
    expect(c.urges).toBe(1);
  });
  it('has a department contact with a request waiting on them', async () => {
    const requests = await h.ok<{ items: Array<{ open: boolean; buildingName: string }> }>('demo-dept-1', 'department.queue', {});
    expect(requests.items).toEqual([expect.objectContaining({ open: true, buildingName: '3号楼' })]);
    const directory = await h.ok<{ items: Array<{ name: string; shared: boolean }> }>('demo-admin', 'department.list', {});
    expect(directory.items.map((d) => [d.name, d.shared]).sort()).toEqual([['和平派出所', false], ['和平街道城管科', true], ['幸福里物业服务中心', false]]);
  });
  it('has volunteer teams and activities: one full with a waitlist, one today, one next week', async () => {
    const teams = await h.ok<{ items: TeamView[] }>('demo-resident-1', 'team.list', {});
    expect(teams.items.map((t) => t.name).sort()).toEqual(['党员志愿者服务队（植绿护绿）', '助老探访队']);
    const activities = await h.ok<{ items: ActivityView[] }>('demo-volunteer-1', 'activity.list', {});
    expect(activities.items.map((a) => a.title)).toEqual(['独居老人上门问候', '重阳节敬老探访', '植绿护绿：小区绿地补种']);
    expect(activities.items[1].seatsLeft).toBe(0);
    const mine = await h.ok<{ items: SignupView[] }>('demo-resident-1', 'activity.mine', {});
    expect(mine.items).toEqual([expect.objectContaining({ activityTitle: '重阳节敬老探访', status: 'waitlisted', waitlist: { position: 1, of: 1 } })]);
    expect((await h.ok<{ volunteer: VolunteerView | null }>('demo-volunteer-1', 'volunteer.profile', {})).volunteer).toMatchObject({ volunteerNumber: 'V0001', status: 'active' });
    const managed = (await h.ok<{ items: ActivityView[] }>('demo-volunteer-1', 'activity.list', { view: 'manage', teamId: teams.items.find((t) => t.name.includes('植绿'))!.id })).items;
    expect(managed.find((a) => a.status === 'published')?.allowedActions).toEqual(expect.arrayContaining(['activity.roster', 'activity.cancel']));
  });
  it('has polls: one open per household 刘阿姨 has not voted in, an owners’ Art. 278 poll, and a published result', async () => {
    const current = await h.ok<{ items: PollView[] }>('demo-resident-1', 'poll.list', { when: 'current' });
    expect(current.items.map((p) => [p.unit, p.rule.id, p.myBallot?.voted ?? null])).toEqual(expect.arrayContaining([['household', 'URC-2018', false], ['ownerUnit', 'CivilCode-278', null]]));
    const past = await h.ok<{ items: PollView[] }>('demo-resident-1', 'poll.list', { when: 'past' });
    const result = await h.ok<PollResultView>('demo-resident-1', 'poll.results', { pollId: past.items[0].id });
    expect(result.stage).toBe('published');
    expect(result.result?.byChannel.map((c) => c.channelLabel).sort()).toEqual(['小程序投票', '纸质选票']);
  });
  it('has the council: a motion past its threshold, today\'s meeting in session with a proxy and quorum, approved minutes and a resolution at 60 %', async () => {
    const motions = await h.ok<{ items: MotionView[] }>('demo-resident-1', 'motion.list', { when: 'open' });
    expect(motions.items.map((m) => m.status)).toEqual(expect.arrayContaining(['thresholdMet', 'collecting']));
    const upcoming = await h.ok<{ items: MeetingView[] }>('demo-resident-1', 'meeting.list', { when: 'upcoming' });
    const today = await h.ok<MeetingView>('demo-resident-1', 'meeting.get', { meetingId: upcoming.items.find((m) => m.status === 'inSession')!.id });
    expect(today.quorum).toMatchObject({ byProxy: 1, met: true });
    expect(today.myAttendance?.present).toBe(true);
    expect(today.agenda[0].status).toBe('voting');
    expect(today.proxiesToMe.map((p) => p.status)).toEqual(['active']);
    const past = await h.ok<{ items: MeetingView[] }>('demo-resident-1', 'meeting.list', { when: 'past' });
    const minutes = await h.ok<MinutesView>('demo-resident-1', 'meeting.minutes', { meetingId: past.items[0].id });
    expect(minutes.status).toBe('approved');
    const resolutions = await h.ok<{ items: ResolutionView[] }>('demo-resident-1', 'resolution.list', { when: 'open' });
    expect(resolutions.items.map((r) => [r.percent, r.procedure?.find((st) => st.stage === 'propose')?.done])).toEqual([[60, true]]);
  });
  it('has the disclosure board: last quarter\'s finance that reconciles with a question awaiting its answer, the minutes with the committee\'s opinion, the charter, and two notices, one pinned', async () => {
    const board = await h.ok<{ items: ItemSummaryView[] }>('demo-resident-1', 'disclosure.list', {});
    expect(board.items.map((i) => i.categoryKey).sort()).toEqual(['charter', 'decision', 'finance']);
    const finance = await h.ok<ItemView>('demo-resident-1', 'disclosure.get', { itemId: board.items.find((i) => i.categoryKey === 'finance')!.itemId });
    expect(finance.shown!.financeText).toContain('与期末余额一致');
    expect(finance.questions.map((q) => [q.askerText, q.state])).toEqual([['我', 'open']]);
    const minutes = await h.ok<ItemView>('demo-resident-2', 'disclosure.get', { itemId: board.items.find((i) => i.categoryKey === 'decision')!.itemId });
    expect(minutes.source?.kind).toBe('minutes');
    expect(minutes.opinions.map((o) => o.stance)).toEqual(['agree']);
    expect((await h.ok<{ members: unknown[] }>('demo-resident-1', 'supervision.committee', {})).members).toHaveLength(2);
    const notices = await h.ok<{ items: NoticeView[] }>('demo-resident-1', 'notice.list', {});
    expect(notices.items.map((n) => n.pinned)).toEqual([true, false]);
  });
  it('has 和平街道 with two communities, the second opened in the app with its admin joined', async () => {
    const view = await h.ok<{ communities: Array<{ name: string; awaitingAdmin: boolean }> }>('demo-subdistrict', 'subdistrict.overview', {});
    expect(view.communities.map((c) => [c.name, c.awaitingAdmin])).toEqual([['幸福里社区', false], ['长青社区', false]]);
    expect((await h.ok<MeView>('demo-admin-3', 'member.me')).community?.name).toBe('长青社区');
  });
  it('has hours: a checked-out shift waiting in the lead’s queue, 马大爷 past 100 verified hours with a certificate, an open dispute, an anomaly', async () => {
    const queue = await h.ok<{ items: HourEntryView[] }>('demo-volunteer-1', 'hours.pending', {});
    expect(queue.items.map((e) => [e.volunteerName, e.content, e.status])).toEqual([['马大爷', '植绿护绿：春季补种', 'pending'], ['刘阿姨', '植绿护绿：春季补种', 'pending']]);
    const ma = await h.ok<MyHoursView>('demo-resident-2', 'hours.mine', {});
    expect(ma.verified).toEqual({ minutes: 104 * 60, hoursText: '104.0小时' });
    expect(milestoneFor(ma.verified.minutes).reached).toBe(100);
    expect(ma.pending.minutes).toBe(80);
    const certs = await h.ok<{ items: CertificateView[] }>('demo-resident-2', 'hours.certificates', {});
    expect(certs.items).toEqual([expect.objectContaining({ revoked: null, snapshot: expect.objectContaining({ minutes: 104 * 60 }) })]);
    const disputes = await h.ok<{ items: DisputeView[] }>('demo-admin', 'hours.disputes', {});
    expect(disputes.items).toEqual([expect.objectContaining({ status: 'open', entry: expect.objectContaining({ volunteerName: '刘阿姨', minutes: 90 }) })]);
    const liu = await h.ok<MyHoursView>('demo-resident-1', 'hours.mine', {});
    expect(liu.entries.find((e) => e.dispute)?.dispute).toMatchObject({ statusLabel: '异议待答复' });
    const activityId = 'act_seed_planting';
    expect((await h.ok<{ items: AnomalyView[] }>('demo-volunteer-1', 'hours.anomalies', { activityId })).items).toEqual([expect.objectContaining({ kind: 'sharedDevice', people: ['马大爷', '刘阿姨'] })]);
  });
  it('has an owner roll: 刘阿姨 linked on two units, decimal areas, two unsold units', async () => {
    const roll = await h.ok<{ items: OwnerUnitView[]; total: number; totalAreaCenti: number }>('demo-admin', 'roll.list', { kind: 'owner', limit: 50 });
    expect(roll).toMatchObject({ total: 10, totalAreaCenti: 104881 });
    const liu = roll.items.filter((u) => u.owners.some((o) => o.memberId === memberIdFor('demo-resident-1')));
    expect(liu.map((u) => [u.address, u.areaText])).toEqual([['1号楼 1单元 101室', '89.37㎡'], ['3号楼 1单元 101室', '68.90㎡']]);
    expect(roll.items.filter((u) => u.unsold)).toHaveLength(2);
  });
  it('has visits this month in both grids, one by a Party member, one that filed a concern, and an elderly household 40 days unvisited', async () => {
    const month = new Date(h.clock.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const grids = await h.ok<{ items: Array<{ id: string; name: string }> }>('demo-admin', 'community.grids', {});
    const g1 = grids.items.find((g) => g.name === '第一网格')!.id;
    const g2 = grids.items.find((g) => g.name === '第二网格')!.id;
    const one = await h.ok<{ items: VisitView[] }>('demo-grid-1', 'visit.list', { gridId: g1, month });
    expect(one.items.map((v) => v.visitorText).sort()).toEqual(['党员 王大伟（李秀英登记）', '李秀英']);
    const two = await h.ok<{ items: VisitView[] }>('demo-grid-2', 'visit.list', { gridId: g2, month });
    expect(two.items).toEqual([expect.objectContaining({ channelLabel: '微信', concern: expect.objectContaining({ number: expect.any(String) }) })]);
    const coverage = await h.ok<CoverageView>('demo-grid-1', 'visit.coverage', { gridId: g1, month });
    expect(coverage.care).toEqual([expect.objectContaining({ address: '2号楼 1单元 201室', reason: '40天未联系', care: expect.objectContaining({ elderly: true }) })]);
    const caller = (await resolveCaller('demo-grid-1', h.deps)) as IdentifiedCaller;
    const today = await FEATURE_REGISTRY.today(makeContext(h.deps, FEATURE_REGISTRY, caller, {}, h.clock.now()) as Parameters<typeof FEATURE_REGISTRY.today>[0]);
    expect(today.filter((r) => r.kind === 'visit').map((r) => r.title)).toEqual(['2号楼 1单元 201室（高龄/独居）']);
  });
});

describe('the demo’s 社情民意', () => {
  it('has three months of history for the charts, and the first sweep proposes a 未诉先办 case in 1号楼', async () => {
    const month = new Date(h.clock.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const o = await h.ok<InsightOverview>('demo-admin', 'insight.overview', { month });
    const repair = o.byCategory.find((c) => c.category === 'cat_demo_repair')!;
    expect(repair.prevTotal).toBeGreaterThanOrEqual(3);
    expect(o.cells.length).toBeGreaterThan(2);
    const topic = await h.ok<MonthlyTopicView>('demo-resident-1', 'insight.monthlyTopic', { month });
    expect(topic).toMatchObject({ topic: { title: '楼道照明和扶手' }, owner: { name: '李秀英' } });
    expect(topic!.milestones).toHaveLength(3);
    await runSweep(h.deps);
    const cases = await h.ok<{ items: CaseView[] }>('demo-grid-1', 'insight.cases', {});
    expect(cases.items.map((c) => c.title)).toEqual(['1号楼 · 设施维修']);
    // The history is nobody's today: 刘阿姨's own list has none of it.
    const mine = await h.ok<{ items: ConcernSummary[] }>('demo-resident-1', 'concern.listMine', {});
    expect(mine.items.some((c) => c.number.endsWith('-0901'))).toBe(false);
  });
});

describe('the demo’s 定期评事', () => {
  it('has last month’s report issued, with real verified hours and an addendum beside it', async () => {
    const list = await h.ok<{ items: ReportMonthRow[] }>('demo-grid-1', 'report.list', {});
    expect(list.items[0]).toMatchObject({ month: '2026-10', issued: true, addenda: 1 });
    const report = await h.ok<ReportView>('demo-grid-1', 'report.get', { month: '2026-10' });
    expect(report).toMatchObject({ monthLabel: '2026年10月', communityName: '幸福里社区', issuedBy: '王书记' });
    expect(report.parts.find((p) => p.key === 'hours')?.figures[0].value).toBeGreaterThan(0);
    expect(report.addenda).toEqual([expect.objectContaining({ byName: '王书记', text: expect.stringContaining('窗口补录') })]);
  });
});
