/**
 * 定期评事, volunteering's part: the hours verified in the month — entries verified at issue
 * time whose decision (`decidedAt`, the first verifier's) fell in it, adjustments included
 * with their sign, as a volunteer's total counts them. Counts per team; no volunteer's name.
 */
import { hoursText } from '../../../../miniprogram/core/volunteer/vocabulary';
import type { ReportMonth, ReportPart } from '../../../../miniprogram/core/workbench/report';
import { countFigure } from '../../../../miniprogram/core/report/figures';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { HourEntryRecord } from '../volunteer/records';

/** A month's verified entries of one community, read whole. */
const MAX_ENTRIES = 20_000;

export function hoursPart(entries: readonly HourEntryRecord[], teamName: (teamId: string) => string): ReportPart {
  const verified = entries.filter((e) => e.status === 'verified');
  const minutes = verified.reduce((s, e) => s + e.minutes, 0);
  const people = new Set(verified.map((e) => e.memberId)).size;
  const teams = new Map<string, { minutes: number; people: Set<string>; entries: number }>();
  for (const e of verified) {
    const t = teams.get(e.teamId) ?? { minutes: 0, people: new Set<string>(), entries: 0 };
    t.minutes += e.minutes;
    t.people.add(e.memberId);
    t.entries += 1;
    teams.set(e.teamId, t);
  }
  const rows = [...teams.entries()]
    .map(([teamId, t]) => ({ name: teamName(teamId), ...t }))
    .sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name, 'zh-CN'))
    .map((t) => [t.name, hoursText(t.minutes), String(t.entries), String(t.people.size)]);
  return {
    key: 'hours',
    title: '志愿服务时长（本月核验）',
    figures: [countFigure('核验时长（分钟）', minutes, hoursText(minutes)), countFigure('核验条目', verified.length, `${verified.length}条`), countFigure('志愿者人数', people, `${people}人`)],
    table: { columns: ['服务队', '时长', '条目', '人数'], rows },
  };
}

export async function hoursMonthlyReport(db: ScopedStore, month: ReportMonth): Promise<ReportPart[]> {
  const entries = await everyPage(db, 'hourEntries', { status: 'verified', decidedAt: { $gte: month.start, $lt: month.end } }, 'decidedAt', MAX_ENTRIES);
  const teams = new Map((await db.getMany('teams', [...new Set(entries.map((e) => e.teamId))])).map((t) => [t._id, t.name]));
  return [hoursPart(entries, (id) => teams.get(id) ?? '服务队')];
}
