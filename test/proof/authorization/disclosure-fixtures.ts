/**
 * Builders for 居务公开's rows: a quarter's finance item drafted by 李秀英 (grid 1), published
 * by 王书记, and a notice on the home page.
 */
import type { ItemView } from '../../../miniprogram/core/disclosure/contract';
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
  'notice.list': async (w) => ({ data: {}, probe: (await notice(w)).noticeId }),
  'notice.publish': async (w) => ({ data: { ...NOTICE, expiresAt: w.h.clock.now() + 5 * DAY } }),
  'notice.withdraw': async (w) => ({ data: { noticeId: (await notice(w)).noticeId, reason: '检修改期' }, probe: '"withdrawn":true' }),
};
