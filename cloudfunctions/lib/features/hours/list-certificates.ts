import { hasRole } from '../../kernel/caller';
import type { Handler } from '../../kernel/action';
import { toCertificateView } from './certificate';

/**
 * 我的证明, or an admin looking at one volunteer's (to issue or revoke). Anyone else naming
 * a member sees nothing of theirs: the list is simply their own.
 */
export const listCertificates: Handler<'hours.certificates'> = async (ctx) => {
  const db = ctx.db();
  const { memberId, cursor, limit } = ctx.input;
  const whose = memberId && hasRole(ctx.caller, 'admin') ? memberId : ctx.caller.memberId;
  const page = await db.query('certificates', { where: { memberId: whose }, orderBy: { field: 'issuedAt', dir: 'desc' }, limit, after: cursor });
  return { items: page.items.map(toCertificateView), ...(page.next ? { next: page.next } : {}) };
};
