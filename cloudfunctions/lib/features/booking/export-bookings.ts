/**
 * 导出: service usage (the figures `booking.stats` shows) and the bookings behind them, as
 * xlsx. The person booked — name and address — is on the sheet only for admins, who answer
 * for the community's records; a grid worker's sheet has the service, time, status and how it
 * was booked. Every export is audited.
 */
import { BOOKING_STATUS_LABELS } from '../../../../miniprogram/core/booking/contract';
import { FILING_CHANNEL_LABELS } from '../../../../miniprogram/core/channels';
import { formatDateTime } from '../../../../miniprogram/core/format';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { hasRole } from '../../kernel/caller';
import { workbookBase64 } from '../../kernel/xlsx';
import type { BookingRecord } from './records';
import { isServiceStaff } from './rules';
import { readUsage, REPORT_SERVICES, usage } from './service-stats';

const pct = (r: number | null) => (r === null ? '' : `${Math.floor(r * 100)}%`);

export const exportBookings: Handler<'booking.export'> = async (ctx) => {
  const db = ctx.db();
  const { from, to } = ctx.input;
  const names = hasRole(ctx.caller, 'admin');
  const listed = await db.query('services', { where: {}, ...REPORT_SERVICES });
  const mine = listed.items.filter((s) => isServiceStaff(ctx.caller, s));
  const read = await readUsage(db, mine, from, to);
  const truncated = listed.next !== undefined || read.truncated;
  const usageRows: (string | number)[][] = [];
  const bookings: BookingRecord[] = [];
  for (const p of read.perService) {
    const u = usage(p.service, p.slots, p.bookings);
    usageRows.push([u.name, u.slots, u.seatsOffered, u.booked, u.attended, u.noShow, u.cancelled, pct(u.fillRate), pct(u.noShowRate), u.averageRating ?? '', u.ratings]);
    bookings.push(...p.bookings);
  }
  const how = (b: BookingRecord) => (b.onBehalf ? `代办（${b.onBehalf.channel ? FILING_CHANNEL_LABELS[b.onBehalf.channel] : '工作人员'}）` : '本人预约');
  const detail = bookings.map((b) => [
    b.serviceName, formatDateTime(b.startAt), b.location, BOOKING_STATUS_LABELS[b.status], how(b), b.rating ? b.rating.score : '',
    ...(names ? [b.residentName ?? '', b.address ?? ''] : []),
  ]);
  const period = `${formatDateTime(from).slice(0, 10)} 至 ${formatDateTime(to - 1).slice(0, 10)}`;
  const base64 = await workbookBase64([
    {
      name: '服务使用',
      blocks: [{ title: '服务使用统计', note: `服务时间：${period}。满座率 = 已占座 ÷ 开放名额；爽约率 = 爽约 ÷（到场 + 爽约）。`, header: ['服务', '开放时段', '开放名额', '已占座', '到场', '爽约', '取消', '满座率', '爽约率', '平均评分', '评分人数'], rows: usageRows }],
      widths: [18, 10, 10, 10, 8, 8, 8, 10, 10, 10, 10],
    },
    {
      name: '预约明细',
      blocks: [{ title: '预约明细', note: names ? '含预约人姓名和住址，仅供社区存档，请勿外传。' : '不含预约人姓名和住址。', header: ['服务', '时间', '地点', '状态', '预约方式', '评分', ...(names ? ['预约人', '住址'] : [])], rows: detail }],
      widths: [18, 18, 16, 10, 14, 6, 10, 20],
    },
  ]);
  await appendEvent(db, ctx.caller, {
    key: ctx.deps.ids.random('e'), subject: `community:${db.communityId}`, type: 'booking.exported', to: 'xlsx', public: false,
    note: `服务${usageRows.length}项，预约${detail.length}条，${names ? '含预约人姓名' : '不含预约人姓名'}`, at: ctx.now,
  });
  return { fileName: `linli-bookings-${formatDateTime(from).slice(0, 10)}.xlsx`, base64, rows: detail.length, truncated, namesShown: names };
};
