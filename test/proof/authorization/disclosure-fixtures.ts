/**
 * Builders for 居务公开's rows: a quarter's finance item drafted by 李秀英 (grid 1), published
 * by 王书记, and a notice on the home page. The committee's rows appoint a sitting committee
 * whose 主任 is the `otherResident` account (马大爷, listed by his full name 马建华 as a
 * committee's roster is), so that column is the committee member; 刘阿姨 (`resident`) asks
 * the questions.
 */
import type { ItemView, QuestionView } from '../../../miniprogram/core/disclosure/contract';
import { memberIdFor } from '../../../cloudfunctions/lib/kernel/caller';
import type { NoticeView } from '../../../miniprogram/core/disclosure/notice-contract';
import type { World } from '../support/world';
import { DAY, key } from '../support/world';
import type { Builder } from './fixtures';

const GRID1 = 'demo-grid-1';
const ADMIN = 'demo-admin';

const FINANCE = {
  categoryKey: 'finance',
  title: '授权矩阵第三季度财务收支',
  period: { kind: 'quarter', year: 2026, quarter: 3 },
  body: '本季度社区工作经费收支如下，凭证存社区办公室备查。',
  finance: {
    openingFen: 1_250_000,
    income: [{ label: '上级拨付工作经费', amountFen: 3_000_000 }],
    expense: [{ label: '办公用品', amountFen: 86_050 }, { label: '楼道照明维修', amountFen: 420_000 }],
    closingFen: 3_743_950,
  },
};

async function drafted(w: World): Promise<ItemView> {
  return w.h.ok<ItemView>(GRID1, 'disclosure.draft', FINANCE, key());
}

/** Every flag the gate raised masked, so the draft may publish. */
async function reviewed(w: World): Promise<ItemView> {
  const d = await drafted(w);
  const draft = d.draft!;
  if (!draft.flags.length) return d;
  return w.h.ok<ItemView>(GRID1, 'disclosure.review', { itemId: d.itemId, draftVersion: draft.draftVersion, decisions: draft.flags.map((f) => ({ flagId: f.flagId, decision: 'mask' })) });
}

async function published(w: World): Promise<ItemView> {
  const r = await reviewed(w);
  return w.h.ok<ItemView>(ADMIN, 'disclosure.publish', { itemId: r.itemId, draftVersion: r.draft!.draftVersion });
}

const CHAIR = 'demo-resident-2';
const RESIDENT = 'demo-resident-1';

/** 「2026-11-28」 in Beijing time. */
const chinaDay = (instant: number) => new Date(instant + 8 * 3600_000).toISOString().slice(0, 10);

async function committee(w: World): Promise<void> {
  const now = w.h.clock.now();
  await w.h.ok(ADMIN, 'supervision.appoint', {
    chosenBy: 'residentsMeeting',
    startsOn: chinaDay(now),
    endsOn: chinaDay(now + 3 * 365 * DAY),
    members: [
      { memberId: memberIdFor(CHAIR), name: '马建华', position: 'chair' },
      { name: '郑小红', position: 'member' },
    ],
  });
}

/** Published, with the committee sitting and asked for its opinion. */
async function supervised(w: World): Promise<ItemView> {
  await committee(w);
  return published(w);
}

async function objected(w: World): Promise<{ item: ItemView; opinionId: string }> {
  const p = await supervised(w);
  const item = await w.h.ok<ItemView>(CHAIR, 'disclosure.opinion', { itemId: p.itemId, versionNumber: p.currentNumber, stance: 'objection', text: '办公用品支出请附明细' });
  return { item, opinionId: item.opinions.find((o) => o.stance === 'objection')!.opinionId };
}

async function asked(w: World): Promise<QuestionView> {
  const p = await supervised(w);
  return w.h.ok<QuestionView>(RESIDENT, 'disclosure.ask', { itemId: p.itemId, text: '楼道照明维修的是哪几栋楼？' }, key());
}

const NOTICE = { title: '授权矩阵停水通知', body: '12月5日9时至17时，1号楼、2号楼停水检修，请提前储水。', pinned: true };

async function notice(w: World): Promise<NoticeView> {
  return w.h.ok<NoticeView>(ADMIN, 'notice.publish', { ...NOTICE, expiresAt: w.h.clock.now() + 5 * DAY }, key());
}

export const disclosureBuilders: Record<string, Builder> = {
  'disclosure.catalogue': async () => ({ data: {}, probe: '"key":"finance"' }),
  'disclosure.setCategory': async () => ({ data: { key: 'finance', label: '财务收支', cadence: { kind: 'monthly', dueDay: 15 } } }),
  'disclosure.list': async (w) => ({ data: {}, probe: (await published(w)).itemId }),
  'disclosure.list#drafts': async (w) => ({ data: { when: 'drafts' }, probe: (await drafted(w)).itemId }),
  'disclosure.get': async (w) => {
    const p = await published(w);
    return { data: { itemId: p.itemId }, probe: p.itemId };
  },
  'disclosure.get#draft': async (w) => {
    const d = await drafted(w);
    return { data: { itemId: d.itemId }, probe: d.itemId };
  },
  'disclosure.draft': async () => ({ data: { ...FINANCE, title: '授权矩阵新起草的财务收支' } }),
  'disclosure.draft#edit': async (w) => {
    const d = await drafted(w);
    return { data: { ...FINANCE, itemId: d.itemId, draftVersion: d.draft!.draftVersion, body: '修改后的说明：凭证存社区办公室备查。' } };
  },
  'disclosure.review': async (w) => {
    const d = await drafted(w);
    return { data: { itemId: d.itemId, draftVersion: d.draft!.draftVersion, marks: [{ field: 'body', text: '社区办公室' }] } };
  },
  'disclosure.publish': async (w) => {
    const r = await reviewed(w);
    return { data: { itemId: r.itemId, draftVersion: r.draft!.draftVersion }, probe: '"state":"published"' };
  },
  'disclosure.correct': async (w) => ({ data: { itemId: (await published(w)).itemId, reason: '办公用品金额录入有误' }, probe: '"state":"correcting"' }),
  'disclosure.calendar': async (w) => {
    await committee(w);
    return { data: {}, probe: '"rate"' };
  },
  'disclosure.opinion': async (w) => {
    const p = await supervised(w);
    return { data: { itemId: p.itemId, versionNumber: p.currentNumber, stance: 'agree' }, probe: '"stance":"agree"' };
  },
  'disclosure.respond': async (w) => {
    const { item, opinionId } = await objected(w);
    return { data: { itemId: item.itemId, opinionId, text: '明细已张贴在社区公开栏，欢迎查阅。' }, probe: '明细已张贴' };
  },
  'disclosure.opinionQueue': async (w) => ({ data: {}, probe: (await supervised(w)).itemId }),
  'disclosure.opinionQueue#objections': async (w) => ({ data: { when: 'objections' }, probe: (await objected(w)).item.itemId }),
  'disclosure.ask': async (w) => ({ data: { itemId: (await supervised(w)).itemId, text: '办公用品买了哪些？' }, probe: '办公用品买了哪些' }),
  'disclosure.answer': async (w) => ({ data: { questionId: (await asked(w)).questionId, text: '是1号楼和2号楼的楼道。' }, probe: '1号楼和2号楼的楼道' }),
  'disclosure.questions': async (w) => ({ data: {}, probe: (await asked(w)).questionId }),
  'disclosure.questions#mine': async (w) => ({ data: { when: 'mine' }, probe: (await asked(w)).questionId }),
  'supervision.committee': async (w) => {
    await committee(w);
    return { data: {}, probe: '马建华' };
  },
  'supervision.appoint': async (w) => {
    const now = w.h.clock.now();
    return { data: { chosenBy: 'residentsMeeting', startsOn: chinaDay(now), endsOn: chinaDay(now + 3 * 365 * DAY), members: [{ name: '郑小红', position: 'chair' }] } };
  },
  'notice.list': async (w) => ({ data: {}, probe: (await notice(w)).noticeId }),
  'notice.publish': async (w) => ({ data: { ...NOTICE, expiresAt: w.h.clock.now() + 5 * DAY } }),
  'notice.withdraw': async (w) => ({ data: { noticeId: (await notice(w)).noticeId, reason: '检修改期' }, probe: '"withdrawn":true' }),
};
