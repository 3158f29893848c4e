import { AppError } from '../../../../miniprogram/core/errors';
import type { PublicHandler } from '../../kernel/action';
import { publicCheck } from './certificate';

/**
 * 查验 from the QR, with no identity: the token is unguessable (96 random bits) and the
 * answer holds validity, hours, period and the masked name — nothing else, ever.
 */
export const verifyCertificate: PublicHandler<'hours.verifyCertificate'> = async (ctx) => {
  const db = ctx.dbFor(ctx.input.communityId);
  const page = await db.query('certificates', { where: { verifyToken: ctx.input.token }, orderBy: { field: '_id', dir: 'asc' }, limit: 1 });
  const cert = page.items[0];
  if (!cert) throw new AppError('NOT_FOUND', '没有找到这份证明，请核对二维码');
  return publicCheck(cert);
};
