/**
 * The states each page is drawn in. The gallery draws every page of app.json in `demo`,
 * `empty`, `error` and `large`; this table only says who is looking, which page options to
 * open it with, and how to reach states that need a tap (`validation`). A page missing from
 * the table still gets every default state, as `demo-resident-1` (main package) or
 * `demo-admin` (staff package).
 *
 * - demo: the demo community (dev/demo-seed.ts, with its lifecycle concerns) as `as`;
 * - empty: an opened but empty community (gallery/backend.ts `bare`) as `emptyAs`;
 * - error: every call answers INTERNAL;
 * - validation: the demo state, then `validation.act` (tap submit with nothing filled in);
 * - large: the demo state with every font size ×1.5 (WeChat's large-text setting).
 */
import type { World } from './backend';
import { BARE_GRID, BARE_RESIDENT } from './backend';
import { memberIdFor } from '../cloudfunctions/lib/kernel/caller';

export const STATES = ['demo', 'empty', 'error', 'validation', 'large'] as const;
export type StateName = (typeof STATES)[number];

/** What a state's `act` may do to the rendered page. */
export interface PageDriver {
  tap(selector: string): Promise<void>;
  input(selector: string, value: string): Promise<void>;
  /** Calls a method of the page instance and waits for what it starts. */
  call(method: string, ...args: unknown[]): Promise<void>;
}

export type Query = Record<string, string>;
/** Page options, possibly looked up (or made) in the world the page will read. */
export type QueryFn = (world: World, as: string) => Promise<Query>;

export interface PageEntry {
  /** The demo person looking at the page in `demo`, `error`, `validation` and `large`. */
  as?: string;
  /** Who looks at it in `empty` (the bare community); defaults from `as`. */
  emptyAs?: string;
  query?: Query | QueryFn;
  emptyQuery?: Query | QueryFn;
  /** How to reach the validation state from the demo state (and who looks, if not `as`). */
  validation?: { act: (page: PageDriver) => Promise<void>; as?: string; query?: Query | QueryFn };
  /** States that make no sense for this page. */
  skip?: StateName[];
}

const first = <T>(items: T[], what: string): T => {
  if (items.length === 0) throw new Error(`no ${what} to show`);
  return items[0];
};
type Items<T> = { items: T[] };

const concernOf = (status?: string): QueryFn => async (w, as) => {
  const action = as.startsWith('demo-resident') || as === BARE_RESIDENT ? 'concern.listMine' : 'concern.queue';
  const { items } = (await w.call(as, action, {})) as Items<{ id: string; status: string }>;
  return { id: first(items.filter((c) => !status || c.status === status), `concern (${status ?? 'any'}) for ${as}`).id };
};

/** The first request whistled to the contact's department (open ones come first). */
const departmentRequest: QueryFn = async (w, as) => {
  const { items } = (await w.call(as, 'department.queue', {})) as Items<{ concernId: string }>;
  return { id: first(items, `department request for ${as}`).concernId };
};

const serviceNamed = (name: string, key = 'id'): QueryFn => async (w, as) => {
  const { items } = (await w.call(as, 'booking.services', {})) as Items<{ id: string; name: string }>;
  return { [key]: first(items.filter((s) => s.name === name), `service ${name}`).id };
};

/** In the bare community: the resident submits one concern, so a detail page has its subject. */
const bareConcern: QueryFn = async (w) => {
  const { items: buildings } = (await w.call(BARE_RESIDENT, 'community.buildings', {})) as Items<{ id: string }>;
  const made = (await w.call(BARE_RESIDENT, 'concern.submit', {
    category: 'cat_demo_repair',
    buildingId: first(buildings, 'building').id,
    text: '楼道灯不亮了。',
  }, `gallery-bare-concern-${Date.now()}`)) as { id: string };
  return { id: made.id };
};

/** In the bare community: a service with no schedule yet. */
const bareService = (key = 'id'): QueryFn => async (w) => {
  const made = (await w.call('demo-admin', 'booking.upsertService', {
    name: '法律咨询',
    description: '社区律师驻点答疑。',
    location: '社区服务站',
    durationMinutes: 30,
    seatsPerSlot: 1,
    staffIds: [],
  })) as { id: string };
  return { [key]: made.id };
};

/** The demo's full activity (刘阿姨 waits for it): seats, a waitlist and her place. */
const fullActivity: QueryFn = async (w, as) => {
  const { items } = (await w.call(as, 'activity.list', {})) as Items<{ id: string; seatsLeft: number }>;
  return { activityId: first(items.filter((a) => a.seatsLeft === 0).concat(items), `activity for ${as}`).id };
};

/** Today's activity (独居老人上门问候, 陈志愿 booked), as its organiser or volunteer opens it. */
const todaysShift: QueryFn = async (w, as) => {
  const { items } = (await w.call(as, 'activity.list', {})) as Items<{ id: string; title: string; shifts: Array<{ shiftId: string; startAt: number; endAt: number }> }>;
  const a = first(items.filter((x) => x.title === '独居老人上门问候'), `today's activity for ${as}`);
  const s = a.shifts[0];
  return { activityId: a.id, shiftId: s.shiftId, title: encodeURIComponent(a.title), startAt: String(s.startAt), endAt: String(s.endAt) };
};

/** 马大爷's certificate (the demo's one), as the verify page opens from its QR. */
const demoCertificate: QueryFn = async (w) => {
  const { items } = (await w.call('demo-resident-2', 'hours.certificates', {})) as Items<{ verify: { communityId: string; token: string } }>;
  const c = first(items, 'certificate of 马大爷');
  return { c: c.verify.communityId, t: c.verify.token };
};

/** A demo poll as 刘阿姨 finds it in 投票表决: one under way (to vote in), or one published (its result). */
const pollOf = (when: 'current' | 'past', status: string): QueryFn => async (w, as) => {
  const { items } = (await w.call(as, 'poll.list', { when })) as Items<{ id: string; status: string }>;
  return { pollId: first(items.filter((p) => p.status === status), `${status} poll for ${as}`).id };
};

/** A poll of the demo as `as` lists it (current, then past): the first `pick` accepts, else any. */
const demoPoll = (pick: (p: { status: string; channels: string[] }) => boolean): QueryFn => async (w, as) => {
  const lists = (await Promise.all(['current', 'past'].map((when) => w.call(as, 'poll.list', { when })))) as Items<{ id: string; status: string; channels: string[] }>[];
  const polls = lists.flatMap((l) => l.items);
  return { pollId: first(polls.filter(pick).concat(polls), `poll for ${as}`).id };
};

/** 民主议事 as 刘阿姨 finds it: the first motion, meeting or resolution a list gives (`pick` first). */
const councilOf = (action: string, when: string, key: string, pick: (x: { status?: string; minutes?: string }) => boolean = () => true): QueryFn => async (w, as) => {
  const { items } = (await w.call(as, action, { when })) as Items<{ id: string; status?: string; minutes?: string }>;
  return { [key]: first(items.filter(pick).concat(items), `${action} (${when}) for ${as}`).id };
};

/** A demo meeting as staff list it (upcoming, then past): the first `pick` accepts, else any. */
const demoMeeting = (pick: (m: { status: string }) => boolean): QueryFn => async (w, as) => {
  const lists = (await Promise.all(['upcoming', 'past'].map((when) => w.call(as, 'meeting.list', { when })))) as Items<{ id: string; status: string }>[];
  const meetings = lists.flatMap((l) => l.items);
  return { meetingId: first(meetings.filter(pick).concat(meetings), `meeting for ${as}`).id };
};

/** The demo's resolution at 60 % (any open one will do). */
const demoResolution: QueryFn = async (w, as) => {
  const { items } = (await w.call(as, 'resolution.list', { when: 'open' })) as Items<{ id: string }>;
  return { resolutionId: first(items, `resolution for ${as}`).id };
};

/** The Beijing day of `now` as YYYY-MM-DD, and the quarter that ended last. */
function chinaDay(now: number, addYears = 0): string {
  const d = new Date(now + 8 * 3600_000);
  return `${d.getUTCFullYear() + addYears}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}
function quarterBefore(now: number): { kind: 'quarter'; year: number; quarter: number } {
  const d = new Date(now + 8 * 3600_000);
  const q = Math.floor(d.getUTCMonth() / 3);
  return q === 0 ? { kind: 'quarter', year: d.getUTCFullYear() - 1, quarter: 4 } : { kind: 'quarter', year: d.getUTCFullYear(), quarter: q };
}

type ItemLike = { itemId: string; categoryKey: string };
type Drafted = { itemId: string; draft: { draftVersion: number } | null };

/** Drafts and publishes one item as the demo's admin, once (fixed keys: a second run finds it). */
async function publishOnce(w: World, key: string, input: Record<string, unknown>): Promise<string> {
  const made = (await w.call('demo-admin', 'disclosure.draft', { attachments: [], links: [], ...input }, `gallery-disclosure-${key}`)) as Drafted;
  if (made.draft) await w.call('demo-admin', 'disclosure.publish', { itemId: made.itemId, draftVersion: made.draft.draftVersion });
  return made.itemId;
}

const disclosureDemo = new WeakMap<World, Promise<{ financeId: string }>>();

/**
 * What the residents' 居务公开 pages show in the demo, made once per world where the seed has
 * not made it: a committee with 马大爷 (demo-resident-2) as its 主任; last quarter's finances,
 * which he objects to and 刘阿姨 asks about; a second item still waiting for his opinion.
 */
function ensureDisclosureDemo(w: World): Promise<{ financeId: string }> {
  let made = disclosureDemo.get(w);
  if (!made) {
    made = (async () => {
      const now = Date.now();
      const committee = (await w.call('demo-resident-1', 'supervision.committee', {})) as { termId: string | null; current: boolean };
      if (!committee.termId || !committee.current) {
        await w.call('demo-admin', 'supervision.appoint', {
          chosenBy: 'residentsMeeting',
          startsOn: chinaDay(now),
          endsOn: chinaDay(now, 3),
          members: [
            { memberId: memberIdFor('demo-resident-2'), name: '马大爷', position: 'chair' },
            { name: '郑小红', position: 'member' },
          ],
        });
      }
      const { items } = (await w.call('demo-resident-1', 'disclosure.list', { when: 'published' })) as Items<ItemLike>;
      const financeId =
        items.find((i) => i.categoryKey === 'finance')?.itemId ??
        (await publishOnce(w, 'finance', {
          categoryKey: 'finance',
          title: '上季度财务收支',
          period: quarterBefore(now),
          body: '本季度收支情况如下，原始凭证在社区居委会可查阅。',
          finance: {
            openingFen: 1_250_000,
            income: [{ label: '公益性岗位补贴', amountFen: 360_000 }, { label: '停车位租金', amountFen: 128_050, note: '三个月' }],
            expense: [{ label: '楼道照明维修', amountFen: 86_000, note: '3号楼、4号楼' }, { label: '绿化养护', amountFen: 150_000 }],
            closingFen: 1_502_050,
          },
        }));
      await publishOnce(w, 'service', {
        categoryKey: 'service',
        title: '社区服务站收费项目和标准',
        period: quarterBefore(now),
        body: '社区服务站代收代办项目均不收费；打印复印每页0.2元，收入纳入社区公共收益。',
      });
      const item = (await w.call('demo-resident-2', 'disclosure.get', { itemId: financeId })) as { currentNumber: number; allowedActions: string[]; questions: unknown[] };
      if (item.allowedActions.includes('disclosure.opinion')) {
        await w.call('demo-resident-2', 'disclosure.opinion', { itemId: financeId, versionNumber: item.currentNumber, stance: 'objection', text: '重阳节敬老活动的支出请附采购明细和签收单。' });
      }
      if (item.questions.length === 0) {
        await w.call('demo-resident-1', 'disclosure.ask', { itemId: financeId, text: '楼道照明维修是哪几个楼道？' }, 'gallery-disclosure-question');
      }
      return { financeId };
    })();
    disclosureDemo.set(w, made);
  }
  return made;
}

/** The demo's finance item, with the committee's objection and a resident's question on it. */
const publishedItem: QueryFn = async (w) => ({ itemId: (await ensureDisclosureDemo(w)).financeId });
/** Nothing to open with: the demo's board, committee and questions made first. */
/** The demo's issued report: last month as the demo's clock sees it. */
const issuedMonth: QueryFn = async (w) => {
  const list = (await w.call('demo-admin', 'report.list', {})) as { items: Array<{ month: string; issued: boolean }> };
  return { month: list.items.find((m) => m.issued)?.month ?? '' };
};

const disclosureReady: QueryFn = async (w) => {
  await ensureDisclosureDemo(w);
  return {};
};

/**
 * A 居务公开 draft to review: the world's first, or one made once (a fixed key) with a name,
 * a phone, a room number and a small count in it, so the privacy check has something to show.
 */
const disclosureDraft: QueryFn = async (w, as) => {
  const { items } = (await w.call(as, 'disclosure.list', { when: 'drafts' })) as Items<{ itemId: string }>;
  if (items.length > 0) return { itemId: items[0].itemId };
  const made = (await w.call(as, 'disclosure.draft', {
    categoryKey: 'finance',
    title: '社区财务收支公开',
    period: quarterBefore(Date.now()),
    body: '本季度支付保洁员张建国保洁费3,000.00元（联系电话13800001234）；3号楼2单元302室屋面漏水维修，涉及3户。',
    finance: {
      openingFen: 1_000_000,
      income: [{ label: '街道工作经费', amountFen: 500_000 }],
      expense: [
        { label: '保洁费', amountFen: 300_000 },
        { label: '屋面维修', amountFen: 120_000, note: '3号楼' },
      ],
      closingFen: 1_080_000,
    },
    attachments: [],
    links: [],
  }, 'gallery-disclosure-draft')) as { itemId: string };
  return { itemId: made.itemId };
};

export const PAGE_STATES: Record<string, PageEntry> = {
  'pages/volunteer/home/index': { as: 'demo-volunteer-1' },
  'pages/volunteer/check-in/index': { as: 'demo-volunteer-1', query: todaysShift, emptyQuery: {} },
  'pages/volunteer/hours/index': { as: 'demo-resident-2' },
  'pages/certificates/index': { as: 'demo-resident-2' },
  'pages/verify-certificate/index': { as: 'demo-visitor-1', query: demoCertificate, emptyQuery: {} },
  'staff/volunteer-records/index': { as: 'demo-admin', query: { memberId: memberIdFor('demo-resident-2') }, emptyQuery: {} },
  'staff/activity-checkin/index': { as: 'demo-admin', query: todaysShift, skip: ['empty'] },
  'staff/hours-verify/index': { as: 'demo-admin' },
  'pages/volunteer/activities/index': { as: 'demo-resident-1' },
  'pages/volunteer/activity/index': { as: 'demo-resident-1', query: fullActivity, skip: ['empty'] },
  'pages/volunteer/signups/index': { as: 'demo-resident-1' },
  'staff/volunteering/index': { as: 'demo-admin' },
  'staff/activity-edit/index': { as: 'demo-admin', query: {}, validation: { act: (p) => p.tap('#save') } },
  'staff/activity-roster/index': { as: 'demo-admin', query: fullActivity, skip: ['empty'] },
  'pages/volunteer/register/index': { as: 'demo-resident-1', validation: { as: 'demo-visitor-1', act: (p) => p.tap('#submit') } },
  'pages/polls/index': { as: 'demo-resident-1' },
  // 提交选票 with nothing chosen: the choice's own message, nothing sent.
  'pages/poll/index': { as: 'demo-resident-1', query: pollOf('current', 'open'), skip: ['empty'], validation: { act: (p) => p.tap('#submit') } },
  'pages/poll-result/index': { as: 'demo-resident-1', query: pollOf('past', 'published'), skip: ['empty'] },
  // 民主议事: the demo's motion past its threshold, today's meeting, approved minutes, a resolution at 60 %.
  'pages/council/index': { as: 'demo-resident-1' },
  'pages/motion/index': { as: 'demo-resident-1', query: councilOf('motion.list', 'open', 'motionId'), skip: ['empty'] },
  'pages/motion-propose/index': { as: 'demo-resident-1', validation: { act: (p) => p.tap('#submit') } },
  'pages/meeting/index': { as: 'demo-resident-1', query: councilOf('meeting.list', 'upcoming', 'meetingId', (m) => m.status === 'inSession'), skip: ['empty'] },
  'pages/minutes/index': { as: 'demo-resident-1', query: councilOf('meeting.list', 'past', 'meetingId', (m) => m.minutes === 'approved'), skip: ['empty'] },
  'pages/resolution/index': { as: 'demo-resident-1', query: councilOf('resolution.list', 'open', 'resolutionId'), skip: ['empty'] },
  'pages/home/index': { as: 'demo-resident-1' },
  'pages/concerns/index': { as: 'demo-resident-1' },
  'pages/services/index': { as: 'demo-resident-1' },
  'pages/me/index': { as: 'demo-resident-1' },
  // A newcomer given a code by the 街道: the form, refused with nothing typed.
  'pages/admin-join/index': { as: 'gallery-newcomer', validation: { act: (p) => p.tap('#submit') } },
  'pages/concern-submit/index': { as: 'demo-resident-1', validation: { act: (p) => p.tap('#submit') } },
  'pages/concern-detail/index': {
    as: 'demo-resident-1',
    query: concernOf('closed'),
    emptyQuery: bareConcern,
    // 补充说明 with nothing written, on the concern still waiting to be signed for.
    validation: {
      query: concernOf('dispatched'),
      act: async (p) => {
        await p.tap('#open-supplement');
        await p.tap('#sup-submit');
      },
    },
  },
  'pages/service/index': { as: 'demo-resident-1', query: serviceNamed('健康体检'), emptyQuery: bareService() },
  'pages/bookings/index': { as: 'demo-resident-1' },
  // 孙先生 waits for review; a newcomer (nobody yet) sees the form.
  'pages/bind/index': {
    as: 'demo-visitor-1',
    emptyAs: 'gallery-newcomer',
    validation: {
      as: 'gallery-newcomer',
      act: async (p) => {
        await p.tap('#mode-request');
        await p.tap('#request');
      },
    },
  },
  'pages/privacy/index': { as: 'demo-resident-1' },
  'pages/inbox/index': { as: 'demo-resident-1' },
  // 王书记 opens on 今日待办 with most of its kinds from the demo: today's activity, a poll's result
  // due on the 公开 calendar, the 督办 item, 孙先生's binding request, the motion past its threshold.
  // (The grid leader's landing on his 督办 list is the page test's.)
  'staff/workbench/index': { as: 'demo-admin' },
  'staff/concern/index': {
    as: 'demo-grid-1',
    emptyAs: BARE_GRID,
    query: concernOf('dispatched'),
    emptyQuery: bareConcern,
    // 答复居民 with nothing written.
    validation: {
      act: async (p) => {
        await p.tap('#action-reply');
        await p.tap('#form-submit');
      },
    },
  },
  'staff/stats/index': { as: 'demo-admin' },
  'staff/service-day/index': { as: 'demo-grid-1', query: serviceNamed('健康体检', 'serviceId'), emptyQuery: bareService('serviceId') },
  'staff/service-edit/index': { as: 'demo-admin', query: serviceNamed('健康体检'), emptyQuery: bareService(), validation: { query: {}, act: (p) => p.tap('#save') } },
  'staff/moderation/index': { as: 'demo-admin' },
  'staff/audit/index': { as: 'demo-admin' },
  'staff/household/index': { as: 'demo-grid-1', validation: { act: (p) => p.tap('#remove') } },
  'pages/household/index': { as: 'demo-resident-2', validation: { act: async (p) => { await p.input('#name', ''); await p.tap('#save-name'); } } },
  'staff/service-stats/index': { as: 'demo-admin' },
  'staff/community/index': { as: 'demo-admin', validation: { act: (p) => p.tap('#tab-body-grids >>> #grid-save') } },
  // 代办: find 刘阿姨 by name, pick her, open 说事 and send it empty.
  'staff/desk/index': {
    as: 'demo-grid-1',
    validation: {
      act: async (p) => {
        await p.input('#desk-picker >>> #mp-name', '刘');
        await p.tap('#desk-picker >>> #mp-search');
        await p.tap('#desk-picker >>> .mp-choice');
        await p.tap('#task-concern');
        await p.tap('#submit');
      },
    },
  },
  'staff/departments/index': {
    as: 'demo-admin',
    validation: {
      act: async (p) => {
        await p.tap('#add');
        await p.tap('#edit-save');
      },
    },
  },
  // A newcomer (nobody yet) sees the join form; the demo contact their requests.
  'staff/department/index': { as: 'demo-dept-1', emptyAs: 'gallery-newcomer' },
  'staff/department/request': { as: 'demo-dept-1', query: departmentRequest, validation: { act: (p) => p.tap('#answer-submit') } },
  // 投票表决, staff side: the sealed result of a closed poll; paper entry on an open one.
  'staff/polls/index': { as: 'demo-admin' },
  'staff/poll-edit/index': { as: 'demo-admin', validation: { act: (p) => p.tap('#submit') } },
  'staff/poll/index': { as: 'demo-admin', query: demoPoll((p) => p.status === 'closed' || p.status === 'published'), skip: ['empty'] },
  'staff/poll-paper/index': { as: 'demo-grid-1', query: demoPoll((p) => p.status === 'open' && p.channels.includes('paper')), skip: ['empty'] },
  'staff/council/index': { as: 'demo-admin' },
  'staff/meeting-edit/index': { as: 'demo-admin', validation: { act: (p) => p.tap('#submit') } },
  // 登记纸质委托书 with nothing picked: the roll below offers the principal and the agent.
  'staff/meeting-run/index': { as: 'demo-admin', query: demoMeeting((m) => m.status === 'inSession'), skip: ['empty'], validation: { act: async (p) => { await p.tap('#tab-proxies'); await p.tap('#paper-open'); await p.tap('#paper-submit'); } } },
  'staff/minutes-edit/index': { as: 'demo-admin', query: demoMeeting((m) => m.status === 'ended' || m.status === 'minutesApproved'), skip: ['empty'] },
  'staff/resolution/index': { as: 'demo-admin', query: demoResolution, skip: ['empty'] },
  // 更正 the first household with nothing filled in: the reason is required.
  'staff/roll/index': { as: 'demo-admin', validation: { act: async (p) => { await p.tap('#row-0'); await p.tap('#correct-save'); } } },
  // 居务公开, residents' side (gallery/states.ts ensureDisclosureDemo): the board, the finance
  // item (提交问题 with nothing written), the committee, 我的提问.
  // 马大爷 sits on the committee: his page has the opinion queue.
  'disclosure/board/index': { as: 'demo-resident-1', query: disclosureReady, emptyQuery: {} },
  'disclosure/item/index': { as: 'demo-resident-1', query: publishedItem, skip: ['empty'], validation: { act: (p) => p.tap('#ask-submit') } },
  'disclosure/committee/index': { as: 'demo-resident-2', query: disclosureReady, emptyQuery: {} },
  'disclosure/questions/index': { as: 'demo-resident-1', query: disclosureReady, emptyQuery: {} },
  // 居务公开, staff side: the calendar; a draft's form (empty: a new finance item) and its
  // privacy review (保留 without a reason); the committee (登记 with nothing filled in).
  'staff/disclosure/index': { as: 'demo-admin' },
  'staff/disclosure-edit/index': { as: 'demo-admin', query: disclosureDraft, emptyQuery: { categoryKey: 'finance' }, validation: { query: { categoryKey: 'finance' }, act: (p) => p.tap('#save') } },
  'staff/disclosure-review/index': { as: 'demo-admin', query: disclosureDraft, validation: { act: async (p) => { await p.tap('.rv-keep'); await p.tap('#save-review'); } } },
  // 街道: 和平街道's admin — each community's month and the escalations; a new community's form.
  'staff/subdistrict/index': { as: 'demo-subdistrict' },
  'staff/community-new/index': { as: 'demo-subdistrict', validation: { act: (p) => p.tap('#submit') } },
  // 社区公告: the demo's two; the form refusing a phone number and a resident's name until kept or removed.
  'staff/notices/index': { as: 'demo-admin' },
  'staff/notice-edit/index': {
    as: 'demo-admin',
    validation: {
      act: async (p) => {
        await p.input('#title', '停水期间临时供水点');
        await p.input('#body', '停水期间在3号楼门口设临时供水点，行动不便的请联系刘阿姨，电话13912345678。');
        await p.tap('#submit');
      },
    },
  },
  // 社情民意 as 李秀英 (grid 1 only: 1号楼, 2号楼), with the seed's three months of history and
  // the 每月一题 card; 未诉先办 as the admins (the case appears after the first sweep).
  'staff/insights/index': { as: 'demo-grid-1', emptyAs: BARE_GRID },
  'staff/cases/index': { as: 'demo-admin' },
  'staff/committee/index': { as: 'demo-admin', validation: { act: async (p) => { await p.tap('#open-form'); await p.tap('#submit'); } } },
  // 走访: 李秀英's grid — the elderly household not contacted for 40 days; the form with nothing filled in.
  'staff/visit-log/index': { as: 'demo-grid-1', validation: { act: (p) => p.tap('#submit') } },
  'staff/visit-coverage/index': { as: 'demo-grid-1' },
  // 定期评事: the months (the demo's last month issued, with an addendum); that report; the
  // addendum form sent empty. A grid worker sees the same whole-community report.
  'staff/reports/index': { as: 'demo-admin' },
  'staff/report/index': { as: 'demo-admin', query: issuedMonth, skip: ['empty'], validation: { act: (p) => p.tap('#amend-btn') } },
};

/** Who looks in the bare community, for a person of the demo community. */
function emptyPerson(as: string): string {
  if (as.startsWith('demo-resident')) return BARE_RESIDENT;
  if (as.startsWith('demo-grid') || as === 'demo-leader') return BARE_GRID;
  return as;
}

export interface Plan {
  route: string;
  state: StateName;
  world: 'demo' | 'bare' | 'error';
  as: string;
  query?: Query | QueryFn;
  act?: (page: PageDriver) => Promise<void>;
  fontScale: number;
}

/** Every (page, state) to draw, in app.json order. */
export function plan(routes: string[], table: Record<string, PageEntry> = PAGE_STATES): Plan[] {
  const out: Plan[] = [];
  for (const route of routes) {
    const entry = table[route] ?? {};
    const as = entry.as ?? (route.startsWith('staff/') ? 'demo-admin' : 'demo-resident-1');
    const skip = new Set(entry.skip ?? []);
    for (const state of STATES) {
      if (skip.has(state)) continue;
      const base = { route, state, as, query: entry.query, fontScale: 1 };
      if (state === 'demo') out.push({ ...base, world: 'demo' });
      else if (state === 'empty') out.push({ ...base, world: 'bare', as: entry.emptyAs ?? emptyPerson(as), query: entry.emptyQuery ?? entry.query });
      else if (state === 'error') out.push({ ...base, world: 'error' });
      else if (state === 'validation') {
        if (entry.validation) out.push({ ...base, world: 'demo', as: entry.validation.as ?? as, query: entry.validation.query ?? entry.query, act: entry.validation.act });
      } else out.push({ ...base, world: 'demo', fontScale: 1.5 });
    }
  }
  return out;
}
