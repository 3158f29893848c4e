/**
 * The caller's member id, for pages that do not otherwise read member.me but need it to name
 * the upload folder or to tell their own photos apart. Asked once per page; a failed read
 * is asked again next time.
 */
import type { Envelope } from '../core/envelope';
import { getMe, type MeView } from '../core/member/contract';
import { call } from './api';
import { instanceState } from './page-state';

const memo = instanceState(() => ({ id: '', pending: undefined as Promise<string> | undefined }));

export function pageMemberId(owner: object, fetch: () => Promise<Envelope<MeView>> = () => call(getMe, {})): Promise<string> {
  const m = memo(owner);
  if (m.id) return Promise.resolve(m.id);
  if (!m.pending) {
    m.pending = fetch()
      .then((res) => (res.ok ? res.data.memberId : ''))
      .catch(() => '')
      .then((id) => {
        m.id = id;
        m.pending = undefined;
        return id;
      });
  }
  return m.pending;
}

/** What is known without asking ('' if not read yet). */
export function knownMemberId(owner: object): string {
  return memo(owner).id;
}
