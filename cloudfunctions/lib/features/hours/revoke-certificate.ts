import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { toCertificateView } from './certificate';

/**
 * 撤销: the certificate stays as a tombstone (its number is never reused; verify says
 * 已撤销 and the date). Once only: the condition on `revokedAt` decides a race.
 */
export const revokeCertificate: Handler<'hours.revokeCertificate'> = async (ctx) => {
  const db = ctx.db();
  const { certificateId, reason } = ctx.input;
  const cert = await db.require('certificates', certificateId, '没有找到这份证明', 'certificateId');
  if (cert.revokedAt !== null) throw new AppError('CONFLICT', '这份证明已经撤销');
  const done = await db.update('certificates', cert._id, { revokedAt: ctx.now, revokedReason: reason }, { revokedAt: null });
  if (!done) throw new AppError('CONFLICT', '这份证明已经撤销');
  await appendEvent(db, ctx.caller, { key: 'revoked', subject: `certificate:${cert._id}`, type: 'hours.certificateRevoked', from: cert.number, note: reason, public: false, at: ctx.now });
  await ctx.deps.notifier.notify({
    id: `certificate:${cert._id}:revoked`,
    communityId: db.communityId,
    recipientId: cert.memberId,
    kind: 'hours.certificateRevoked',
    title: '志愿服务记录证明已撤销',
    body: `证明编号 ${cert.number}：${reason}`,
    page: '/pages/certificates/index',
  });
  return toCertificateView({ ...cert, revokedAt: ctx.now, revokedReason: reason });
};
