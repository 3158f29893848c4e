/**
 * The `disclosable` hook: what another feature made public — approved minutes, a poll's
 * result, a resolution carried out — comes to 居务公开 as a draft of 决定事项及实施, with the
 * source's text and links, scanned by the privacy gate with the source's names, and starts
 * the calendar's clock at the moment it became public. One item per source (its id is the
 * source's), so the caller may hand it over again on every retry: nothing is made twice,
 * and an item staff have since edited or published is left as it is.
 */
import dayjs from 'dayjs';
import type { SourceKind } from '../../../../miniprogram/core/disclosure/contract';
import type { BuiltinCategory } from '../../../../miniprogram/core/disclosure/vocabulary';
import { periodKey } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { HandlerContext } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { settleLastEvent } from '../../kernel/versioned';
import type { Disclosable } from '../../kernel/feature';
import { COMMUNITY_TZ } from '../../kernel/time';
import { requireCategory } from './catalogue';
import { buildDraft, namesFor, type DraftContent } from './drafts';
import { sourceDueRecord } from './dues';
import { itemSubject, sourceItemIdFor } from './ids';
import type { ItemRecord, LinkRef } from './records';

/** Where each kind of source is filed: all three are decisions and their carrying out. */
const SOURCE_CATEGORY: Record<Exclude<SourceKind, 'manual'>, BuiltinCategory> = { minutes: 'decision', poll: 'decision', resolution: 'decision' };

const MAX_TITLE = 60;
const MAX_BODY = 20_000;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export async function discloseSource(ctx: HandlerContext<unknown>, s: Disclosable): Promise<void> {
  const { caller, now } = ctx;
  const db = ctx.db();
  const id = sourceItemIdFor(db.communityId, s.kind, s.refId);
  const source: ItemRecord['source'] = { kind: s.kind, refId: s.refId, title: s.title };
  // The category and the gate's names are apart: read together. The names are read on a
  // retry too: the item is not read first (its insert says whether it is there).
  const [category, names] = await Promise.all([
    requireCategory(db, SOURCE_CATEGORY[s.kind], now),
    namesFor(db, source, now, { knownNames: s.knownNames ?? [], keepNames: s.keepNames ?? [] }),
  ]);
  // The due's id and date follow from the source, so it is written without being read.
  const due = sourceDueRecord(db, { category, source: { kind: s.kind, refId: s.refId, title: s.title }, at: s.at, itemId: id }, now);

  const seen = new Set<string>();
  const links: LinkRef[] = s.links.filter((l) => !seen.has(`${l.kind}:${l.refId}`) && seen.add(`${l.kind}:${l.refId}`)).slice(0, 20);
  const period = { kind: 'date' as const, date: dayjs(s.at).tz(COMMUNITY_TZ).format('YYYY-MM-DD') };
  const content: DraftContent = {
    categoryKey: category.key, title: clip(s.title, MAX_TITLE), period, body: clip(s.body, MAX_BODY), finance: null, relief: null, attachments: [], links,
  };
  const draft = buildDraft(content, { draftVersion: 1, correctionReason: null, by: caller, now, names, previous: [] });
  const item: ItemRecord = {
    _id: id, communityId: db.communityId, categoryKey: category.key, title: content.title, period, periodKey: periodKey(period),
    state: 'draft', currentNumber: 0, draft, source, dueId: due?._id ?? null, dueAt: due?.dueAt ?? null, authorIds: [caller.memberId],
    openObjections: 0, openQuestions: 0, publishedAt: null, lastPublishedAt: null,
    createdById: caller.memberId, createdByName: caller.name ?? '社区工作人员', createdAt: now, updatedAt: now, version: 1,
  };
  const event = eventRecord(db, caller, { key: 'v1:disclosure.drafted', subject: itemSubject(id), type: 'disclosure.drafted', to: 'draft', public: false, note: s.title, at: now });
  // The obligation first (insert-if-absent): a crash after it leaves the retry the item to make.
  if (due) await db.insert('disclosureDues', due);
  // The item carries its audit event (kernel/versioned.ts) instead of a transaction: one
  // insert-if-absent, and the drafting event goes into `events` with the item's next commit
  // (staff review or publish it: commitVersioned repairs `lastEvent`) or with a retry here.
  // Left riding, it costs the source's step no write of its own.
  if (!(await db.insert('disclosureItems', { ...item, lastEvent: event } as ItemRecord))) {
    await settleLastEvent(db, await db.get('disclosureItems', id));
  }
}
