import { ARCHIVE_COLUMNS, CONCERN_STATUS_LABELS } from '../../../../miniprogram/core/concern/contract';
import { formatDateTime } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { workbookBase64 } from '../../kernel/xlsx';
import type { ConcernRecord } from './records';

/** One export reads at most this many concerns; more says `truncated`. */
const MAX_ROWS = 2000;
const ARCHIVED = new Set(['closed', 'withdrawn', 'merged']);
const CLOSED_REASON: Record<string, string> = { rated: '居民评价', autoClosed: '评价期满自动归档', withdrawn: '居民撤回', merged: '合并', moderated: '内容未通过审核', residentSilent: '居民未补充情况，到期结束' };

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs it. */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * 统一归档: the community's record of finished concerns, as a CSV (or an xlsx, for the phone) staff can file or hand
 * to the subdistrict. No resident's name, phone or words leave with it: the archive is
 * about what was handled, how fast and how well. Audited.
 */
export const exportArchive: Handler<'concern.export'> = async (ctx) => {
  const db = ctx.db();
  const open = ctx.input.kind === 'open';
  const concerns: ConcernRecord[] = [];
  let after: string | undefined;
  do {
    const page = await db.query('concerns', { where: { createdAt: { $gte: ctx.input.from, $lt: ctx.input.to } }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 100, after });
    concerns.push(...page.items.filter((c) => ARCHIVED.has(c.status) === !open));
    after = page.next;
  } while (after && concerns.length < MAX_ROWS);
  const rows = concerns.slice(0, MAX_ROWS);
  const [grids, staff] = await Promise.all([
    db.getMany('grids', [...new Set(rows.map((c) => c.gridId))]),
    db.getMany('members', [...new Set(rows.map((c) => c.firstResponderId).filter((x): x is string => !!x))].slice(0, 100)),
  ]);
  const gridName = new Map(grids.map((g) => [g._id, g.name]));
  const staffName = new Map(staff.map((m) => [m._id, m.name ?? '']));
  const time = (t: number | null) => (t === null ? '' : formatDateTime(t));
  const values = (c: ConcernRecord): Record<(typeof ARCHIVE_COLUMNS)[number][0], string> => ({
    number: c.number,
    category: c.categoryName,
    building: c.buildingName,
    grid: gridName.get(c.gridId) ?? '',
    status: CONCERN_STATUS_LABELS[c.status],
    submittedAt: time(c.createdAt),
    acceptedAt: time(c.acceptedAt),
    respondedInTime: c.respondedInTime === null ? '' : c.respondedInTime ? '是' : '否',
    firstResolvedAt: time(c.firstResolvedAt),
    closedAt: time(c.closedAt),
    closedReason: c.closedReason ? CLOSED_REASON[c.closedReason] ?? '' : '',
    resolvedByResident: c.rating ? (c.rating.resolved ? '是' : '否') : '',
    satisfaction: c.rating ? String(c.rating.satisfaction) : '',
    // `round` counts resolutions: the first is 1, each 督办 adds one. Never supervised is 0.
    rounds: String(Math.max(0, c.round - 1)),
    firstResponder: c.firstResponderId ? staffName.get(c.firstResponderId) ?? '' : '',
    summary: c.resolution?.summary ?? '',
  });
  const truncated = !!after || concerns.length > MAX_ROWS;
  const xlsx = ctx.input.format === 'xlsx';
  await appendEvent(db, ctx.caller, { key: ctx.deps.ids.random('e'), subject: `community:${db.communityId}`, type: 'concern.exported', to: xlsx ? 'xlsx' : 'csv', public: false, note: `${open ? '在办' : '归档'}${rows.length}条`, at: ctx.now });
  if (xlsx) {
    const period = `${formatDateTime(ctx.input.from).slice(0, 10)} 至 ${formatDateTime(ctx.input.to - 1).slice(0, 10)}`;
    const base64 = await workbookBase64([{
      name: open ? '在办诉求' : '统一归档',
      blocks: [{ title: open ? '在办诉求（尚未办结）' : '统一归档（已办结、撤回、合并的诉求）', note: `提交时间：${period}，共${rows.length}条${truncated ? `（只含前${MAX_ROWS}条）` : ''}。不含居民姓名、电话和原话。`, header: ARCHIVE_COLUMNS.map(([, label]) => label), rows: rows.map((c) => ARCHIVE_COLUMNS.map(([key]) => values(c)[key])) }],
      widths: ARCHIVE_COLUMNS.map(([, label]) => Math.max(10, label.length * 2 + 4)),
    }]);
    return { csv: '', rows: rows.length, truncated, fileName: `linli-${open ? 'open' : 'archive'}-${formatDateTime(ctx.input.from).slice(0, 10)}.xlsx`, base64 };
  }
  const lines = [ARCHIVE_COLUMNS.map(([, label]) => label).join(','), ...rows.map((c) => ARCHIVE_COLUMNS.map(([key]) => cell(values(c)[key])).join(','))];
  // A byte-order mark so spreadsheet programs read the Chinese as UTF-8.
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows: rows.length, truncated };
};
