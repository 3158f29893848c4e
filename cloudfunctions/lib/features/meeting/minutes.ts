/**
 * 会议纪要. The record part is built from the meeting, never typed: when and where, who was
 * called and how many came, the roll's check hash, the rule, each item with the quorum when
 * its vote opened and closed and the decision's explanation. The secretary adds the summary
 * and each item's discussion. The public version is all of it through kernel/redact: only
 * officers, movers and people who agreed stay named; every other name of the community or
 * the roll, and phone, ID and room numbers, are masked. Frozen at approval.
 */
import dayjs from 'dayjs';
import type { MinutesView } from '../../../../miniprogram/core/council/meeting-contract';
import type { QuorumView } from '../../../../miniprogram/core/council/quorum';
import { AGENDA_ITEM_STATUS_LABELS, AGENDA_VOTE_MODE_LABELS, MEETING_BODY_LABELS, MEETING_ROLL_LABELS } from '../../../../miniprogram/core/council/vocabulary';
import type { HandlerContext } from '../../kernel/action';
import { everyPage } from '../../kernel/every-page';
import { redact, type RedactCounts } from '../../kernel/redact';
import type { ScopedStore } from '../../kernel/scoped-store';
import { COMMUNITY_TZ } from '../../kernel/time';
import { isMeetingStaff, meetingActions } from './permissions';
import { quorumOfMeeting, ruleTextOf } from './presenters';
import type { MeetingRecord, MinutesRecord } from './records';
import { wholeMeetingRoll } from './roll';

const dateTime = (t: number) => dayjs(t).tz(COMMUNITY_TZ).format('YYYY年M月D日 HH:mm');
const time = (t: number) => dayjs(t).tz(COMMUNITY_TZ).format('HH:mm');
const UNIT_WORDS = { household: '户', person: '人', ownerUnit: '户', invitees: '人' } as const;

/** The printed check of the roll: the first 16 hex digits of its hash. */
export const rollHashText = (m: MeetingRecord) => m.roll.hash.slice(0, 16);

/** The record lines of the minutes, from the meeting as it stands and its final attendance. */
export function recordLines(m: MeetingRecord, quorum: QuorumView | null): string[] {
  const ended = m.endedAt ?? m.endsAt;
  const sameDay = dayjs(m.startsAt).tz(COMMUNITY_TZ).format('YYYYMMDD') === dayjs(ended).tz(COMMUNITY_TZ).format('YYYYMMDD');
  const lines = [
    `会议名称：${m.title}`,
    `会议类型：${MEETING_BODY_LABELS[m.body]}`,
    `时间：${dateTime(m.startsAt)}至${sameDay ? time(ended) : dateTime(ended)}`,
    `地点：${m.place}`,
    `召集人：${m.convenerName}；记录人：${m.secretaryName}`,
    `参会范围：${MEETING_ROLL_LABELS[m.roll.kind]}，应到${m.roll.size}${UNIT_WORDS[m.roll.kind]}`,
    `名册校验码：${rollHashText(m)}（发出通知时冻结）`,
    `议事规则：${ruleTextOf(m)}`,
  ];
  if (quorum) lines.push(`到会情况：${quorum.text}`);
  for (const i of [...m.agenda].sort((a, b) => a.order - b.order)) {
    lines.push(`第${i.order}项：${i.title}${i.moverName ? `（提议人：${i.moverName}）` : ''}`);
    if (i.text) lines.push(`　内容：${i.text}`);
    lines.push(`　表决方式：${AGENDA_VOTE_MODE_LABELS[i.voteMode]}${i.secret ? '（不记名）' : ''}`);
    if (i.quorumAtOpen) lines.push(`　开始表决时：${i.quorumAtOpen.text}`);
    if (i.quorumAtClose) lines.push(`　结束表决时：${i.quorumAtClose.text}`);
    if (i.decision) {
      const counts = i.decision.counts.map((c) => `${c.label}${c.count}`).join('，');
      lines.push(`　表决结果：${AGENDA_ITEM_STATUS_LABELS[i.status]}。${i.decision.explanation}${counts ? `（${counts}）` : ''}`);
    } else lines.push(`　结果：${AGENDA_ITEM_STATUS_LABELS[i.status]}`);
  }
  return lines;
}

/** Who is masked and who stays named in the public version. */
export interface MinutesNames {
  knownNames: string[];
  keepNames: string[];
  /** The people on the roll named in the draft's `namedMemberIds`, with their names. */
  named: { memberId: string; name: string }[];
  /** Every member id on the roll, to check `namedMemberIds` against. */
  rollMemberIds: Set<string>;
}

/**
 * Every member name of the community and every name on the roll are masked, except the
 * officers (the community's staff and the departments' contact people), the convener and
 * secretary, the movers, and those on the roll who agreed to be named.
 */
export async function minutesNames(db: ScopedStore, m: MeetingRecord, namedMemberIds: readonly string[]): Promise<MinutesNames> {
  const [members, roll] = await Promise.all([everyPage(db, 'members', {}, 'createdAt'), wholeMeetingRoll(db, m)]);
  const rollNames = new Map<string, string>();
  const known = new Set<string>();
  for (const { unit } of roll) {
    for (const [id, name] of Object.entries(unit.voterNames)) {
      rollNames.set(id, name);
      known.add(name);
    }
    if (m.roll.kind === 'invitees') known.add(unit.label);
  }
  const keep = new Set<string>([m.convenerName, m.secretaryName]);
  for (const mem of members) {
    if (!mem.name || mem.deletedAt) continue;
    // Officers: the community's staff, and the departments' contact people acting for their unit.
    if (mem.roles.some((r) => r === 'admin' || r === 'gridWorker' || r === 'department')) keep.add(mem.name);
    else known.add(mem.name);
  }
  for (const i of m.agenda) if (i.moverName) keep.add(i.moverName);
  const named = [...new Set(namedMemberIds)].flatMap((id) => {
    const name = rollNames.get(id);
    return name ? [{ memberId: id, name }] : [];
  });
  for (const n of named) keep.add(n.name);
  return { knownNames: [...known], keepNames: [...keep], named, rollMemberIds: new Set(rollNames.keys()) };
}

export interface PublicMinutes {
  /** The record lines as residents read them. */
  record: string[];
  summary: string;
  items: { itemId: string; discussion: string }[];
  text: string;
  counts: RedactCounts;
}

/** The public version: record, summary and each item's discussion, masked alike. */
export function publicMinutes(m: MeetingRecord, record: readonly string[], draft: Pick<MinutesRecord, 'summary' | 'items'>, names: Pick<MinutesNames, 'knownNames' | 'keepNames'>): PublicMinutes {
  const counts: RedactCounts = { name: 0, phone: 0, idNumber: 0, room: 0 };
  const options = { knownNames: names.knownNames, keepNames: names.keepNames, keepTokens: [rollHashText(m)] };
  const mask = (text: string) => {
    const r = redact(text, options);
    for (const k of Object.keys(counts) as (keyof RedactCounts)[]) counts[k] += r.counts[k];
    return r.text;
  };
  const publicRecord = record.map(mask);
  const parts = [...publicRecord];
  const summary = draft.summary.trim() ? mask(draft.summary) : '';
  if (summary) parts.push('', `会议概要：${summary}`);
  const byItem = new Map(draft.items.map((i) => [i.itemId, i.discussion]));
  const items: { itemId: string; discussion: string }[] = [];
  for (const i of [...m.agenda].sort((a, b) => a.order - b.order)) {
    const d = byItem.get(i.itemId)?.trim();
    if (!d) continue;
    const masked = mask(d);
    items.push({ itemId: i.itemId, discussion: masked });
    parts.push(`第${i.order}项讨论情况：${masked}`);
  }
  return { record: publicRecord, summary, items, text: parts.join('\n'), counts };
}

/** 「将隐去：姓名3处、手机号2处」 for the approver, before the version is frozen. */
export function maskedText(c: RedactCounts): string {
  const parts = [
    c.name ? `姓名${c.name}处` : '',
    c.phone ? `电话号码${c.phone}处` : '',
    c.idNumber ? `证件号码${c.idNumber}处` : '',
    c.room ? `房号${c.room}处` : '',
  ].filter(Boolean);
  return parts.length ? `公开版将隐去：${parts.join('、')}` : '公开版没有需要隐去的个人信息';
}

const MINUTES_ACTIONS = new Set(['meeting.saveMinutes', 'meeting.approveMinutes', 'meeting.minutes']);

/**
 * The minutes as the caller may read them. Meeting staff: the draft (an empty one before the
 * first save), the record, and while a draft the public version it would make with what it
 * masks. Everyone else: only once approved, only the frozen public version.
 */
/** `known`: the names and the quorum the caller has just worked out for this meeting and draft, so they are not read again. */
export async function minutesView(ctx: HandlerContext<unknown>, m: MeetingRecord, known: { names?: MinutesNames; quorum?: QuorumView | null } = {}): Promise<MinutesView | null> {
  const staff = isMeetingStaff(ctx.caller, m);
  const min = m.minutes;
  const allowedActions = meetingActions(ctx.caller, m, { now: ctx.now, onRoll: false, registration: null }).filter((a) => MINUTES_ACTIONS.has(a));
  if (!staff) {
    if (!min || min.status !== 'approved') return null;
    return {
      meetingId: m._id,
      status: 'approved',
      version: min.version,
      record: min.publicRecord ?? [],
      summary: min.publicSummary ?? '',
      // Titled by their place on the agenda: the titles themselves are read masked in the record.
      items: (min.publicItems ?? []).map((i) => ({ itemId: i.itemId, title: `第${m.agenda.find((a) => a.itemId === i.itemId)?.order ?? ''}项`, discussion: i.discussion })),
      named: [],
      secretaryName: m.secretaryName,
      approvedByName: min.approvedByName,
      approvedAt: min.approvedAt,
      publicText: min.publicText,
      maskedText: null,
      allowedActions: ['meeting.minutes'],
    };
  }
  const db = ctx.db();
  // Independent readings at once.
  const [quorum, names] = await Promise.all([
    known.quorum !== undefined ? known.quorum : quorumOfMeeting(db, m),
    known.names ?? minutesNames(db, m, min?.namedMemberIds ?? []),
  ]);
  const record = recordLines(m, quorum);
  const draft = { summary: min?.summary ?? '', items: min?.items ?? [] };
  const approved = min?.status === 'approved';
  const preview = approved ? null : publicMinutes(m, record, draft, names);
  const discussion = new Map(draft.items.map((i) => [i.itemId, i.discussion]));
  return {
    meetingId: m._id,
    status: approved ? 'approved' : 'draft',
    version: min?.version ?? 0,
    record,
    summary: draft.summary,
    items: [...m.agenda].sort((a, b) => a.order - b.order).map((i) => ({ itemId: i.itemId, title: i.title, discussion: discussion.get(i.itemId) ?? '' })),
    named: names.named,
    secretaryName: m.secretaryName,
    approvedByName: min?.approvedByName ?? null,
    approvedAt: min?.approvedAt ?? null,
    publicText: approved ? min.publicText : preview!.text,
    maskedText: preview ? maskedText(preview.counts) : null,
    allowedActions: allowedActions.length ? allowedActions : ['meeting.minutes'],
  };
}
