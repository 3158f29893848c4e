/**
 * What the committee's and the questions' tests stand on: a sitting committee appointed
 * through the real api, and items drafted by 李秀英 (demo-grid-1) and published by 王书记
 * (demo-admin) through the items' own actions.
 */
import type { ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import type { ItemRecord } from '../../../../../cloudfunctions/lib/features/disclosure/records';
import { key, member, type Harness } from '../../../../support/harness';
import { financeDraft, newDraft, publish, published } from './fixtures';

async function stored(h: Harness, itemId: string): Promise<ItemRecord> {
  const item = await h.deps.store.get('disclosureItems', itemId);
  if (!item) throw new Error(`no item ${itemId}`);
  return item;
}

/** A finance item published as v1. */
export async function publishedItem(h: Harness, o: { title?: string } = {}): Promise<ItemRecord> {
  return stored(h, (await published(h, o.title ? { title: o.title } : {})).itemId);
}

/** A first draft nobody has published. */
export async function draftItem(h: Harness): Promise<ItemRecord> {
  return stored(h, (await newDraft(h)).itemId);
}

/** Corrects the item and publishes v2. */
export async function correctedItem(h: Harness, itemId: string): Promise<ItemRecord> {
  const c = await h.ok<ItemView>('demo-grid-1', 'disclosure.correct', { itemId, reason: '绿化养护支出少记了一笔' });
  const edited = await h.ok<ItemView>('demo-grid-1', 'disclosure.draft', { ...financeDraft({ body: '本季度社区公益金收支情况如下（已更正绿化养护支出）。' }), itemId, draftVersion: c.draft!.draftVersion }, key());
  const res = await publish(h, edited);
  if (!res.ok) throw new Error(`publish v2: ${res.error.code} ${res.error.message}`);
  return stored(h, itemId);
}

export const MEMBERS = {
  chair: { who: 'demo-resident-1', name: '刘阿姨' },
  member: { who: 'demo-volunteer-1', name: '陈志愿' },
} as const;

/** 本届: 刘阿姨 (主任), 陈志愿, and 周大爷 who reads only the paper board. */
export async function appointCommittee(h: Harness, o: { startsOn?: string; endsOn?: string; members?: Array<{ who?: string; name: string; position: 'chair' | 'member' }> } = {}): Promise<void> {
  const members = o.members ?? [
    { who: MEMBERS.chair.who, name: MEMBERS.chair.name, position: 'chair' as const },
    { who: MEMBERS.member.who, name: MEMBERS.member.name, position: 'member' as const },
    { name: '周大爷', position: 'member' as const },
  ];
  await h.ok('demo-admin', 'supervision.appoint', {
    chosenBy: 'residentsMeeting',
    startsOn: o.startsOn ?? '2026-11-01',
    endsOn: o.endsOn ?? '2029-10-31',
    members: members.map((m) => ({ ...(m.who ? { memberId: member(m.who) } : {}), name: m.name, position: m.position })),
  });
}

export async function inbox(h: Harness, who: string): Promise<Array<{ _id: string; kind: string; title: string; body: string; page: string }>> {
  const page = await h.deps.store.query<{ _id: string; kind: string; title: string; body: string; page: string }>('inbox', {
    where: { communityId: 'demo', recipientId: who.startsWith('admins:') ? who : member(who) },
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: 100,
  });
  return page.items;
}
