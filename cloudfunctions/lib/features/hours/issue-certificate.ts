import { createHash } from 'node:crypto';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler, PrefetchOf } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { fromAnchor } from '../../ports/store';
import { claimNumber } from '../../kernel/numbering';
import type { CertificateRecord } from '../volunteer/records';
import { certificateNumber, countableEntries, dateOf, snapshotOf, toCertificateView } from './certificate';
import { activitiesOf, verifiedOf } from './ledger-read';

/** Read with the caller's record: the volunteer and the first page of their verified entries, asked as verifiedOf does. */
export const prefetchIssueCertificate: PrefetchOf<'hours.certificate'> = (input) => ({
  volunteer: { collection: 'volunteers', id: `vol_${input.memberId}` },
  entries: { collection: 'hourEntries', where: { communityId: fromAnchor('communityId'), memberId: input.memberId, status: 'verified' }, orderBy: { field: 'serviceDate', dir: 'asc' }, limit: 100 },
});

/**
 * 开具: an admin issues a certificate at the volunteer's request (申请→受理→开具 happens at
 * the community's window, where identity is checked), free of charge. It counts only
 * verified entries of this community's own activities and freezes them into a snapshot
 * with a community-sequential number, claimed without gaps (kernel/numbering.ts). A retry
 * returns the first.
 */
export const issueCertificate: Handler<'hours.certificate'> = async (ctx) => {
  const db = ctx.db();
  const { memberId, from, to, personInCharge, contact } = ctx.input;
  const id = `cert_${createHash('sha256').update(`${db.communityId}|${ctx.caller.memberId}|${ctx.idempotencyKey ?? ''}`).digest('hex').slice(0, 24)}`;
  // The volunteer, their verified entries (both read with the caller's record) and the
  // community's name are apart: read at once. A retry's certificate is looked for beside the
  // entries' activities, before anything is judged: a retry returns the first whatever changed.
  const [volunteer, { items }, community] = await Promise.all([db.get('volunteers', `vol_${memberId}`), verifiedOf(db, { memberId }), db.get('communities', db.communityId)]);
  // The last certificate and the older counter give where numbering starts: read beside them.
  const older = db.get('counters', `ctr_${db.communityId}_certificate_${dateOf(ctx.now).slice(0, 4)}`);
  older.catch(() => undefined);
  const [existing, activities, last] = await Promise.all([
    db.get('certificates', id),
    activitiesOf(db, items.map((e) => e.activityId)),
    db.query('certificates', { where: {}, orderBy: { field: 'issuedAt', dir: 'desc' }, limit: 1 }),
    older,
  ]);
  if (existing) return replay(existing, memberId);
  if (!volunteer) throw fieldError('NOT_FOUND', 'memberId', '没有找到这位志愿者的登记信息');
  const entries = countableEntries(items, activities, db.communityId, { from, to });
  const minutes = entries.reduce((sum, e) => sum + e.minutes, 0);
  if (entries.length === 0 || minutes <= 0) throw fieldError('VALIDATION_ERROR', 'memberId', '这段时间没有本社区组织、已核验的服务时长，不能开具证明');
  const snapshot = snapshotOf({
    volunteer, entries, activities, communityName: community?.name ?? '本社区',
    personInCharge, handler: ctx.caller.name ?? '社区工作人员', contact,
  });

  const year = dateOf(ctx.now).slice(0, 4);
  const series = seriesFor(db.communityId, year);
  // Numbered without a transaction (kernel/numbering.ts): the walk starts above the last
  // certificate stored and above the year's counter from before numbers were claimed.
  const floor = Math.max((await older)?.value ?? 0, seqOf(last.items[0], year));
  const claimed = await claimNumber(db, {
    series, floor, collection: 'certificates', ownerId: id,
    record: (value): CertificateRecord => ({
      _id: id,
      communityId: db.communityId,
      memberId,
      number: certificateNumber(community?.name ?? '', year, value),
      snapshot,
      verifyToken: ctx.deps.ids.random('ct'),
      issuedAt: ctx.now,
      issuedBy: ctx.caller.memberId,
      revokedAt: null,
      revokedReason: null,
    }),
  });
  const cert = claimed.record;
  // An earlier attempt under this key claimed its number for someone else: as a stored one would.
  if (claimed.earlier && cert.memberId !== memberId) return replay(cert, memberId);
  // The certificate, its event and the notice have deterministic ids: at once (a retry finds
  // its claim and puts back whichever did not land).
  await Promise.all([db.insert('certificates', cert), appendEvent(db, ctx.caller, { key: 'issued', subject: `certificate:${cert._id}`, type: 'hours.certificateIssued', to: cert.number, public: false, at: ctx.now }), ctx.deps.notifier.notify({
    id: `certificate:${cert._id}:issued`,
    communityId: db.communityId,
    recipientId: memberId,
    kind: 'hours.certificateIssued',
    title: '志愿服务记录证明已开具',
    body: `证明编号 ${cert.number}，可在「我的证明」保存为图片。`,
    page: '/pages/certificates/index',
  })]);
  return toCertificateView(cert);
};

function replay(existing: CertificateRecord, memberId: string) {
  if (existing.memberId !== memberId) throw new AppError('CONFLICT', '该请求标识已用于另一份证明，请重新提交');
  return toCertificateView(existing);
}

/** The sequence number of a certificate of `year` (0 for none, or another year's). */
function seqOf(c: CertificateRecord | undefined, year: string): number {
  const m = c ? /-(\d{4})-(\d+)$/.exec(c.number) : null;
  return m && m[1] === year ? Number(m[2]) : 0;
}

const seriesFor = (communityId: string, year: string) => `ctr_${communityId}_certificate_${year}`;

/** The claim that numbered a certificate (none for one numbered before claims): its copy of the record is personal data too. */
export function claimIdOf(c: CertificateRecord): string | null {
  const m = /-(\d{4})-(\d+)$/.exec(c.number);
  return m ? `${seriesFor(c.communityId, m[1])}_n${Number(m[2])}` : null;
}
