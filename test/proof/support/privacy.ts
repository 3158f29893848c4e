/**
 * What a response may not carry for a given viewer: any openid (member ids stand in for
 * them everywhere), and the name, member id or phone (full or masked) of a private person
 * the viewer may not see.
 */
import { member } from '../../support/harness';
import { KNOWN_OPENIDS, PRIVATE_PEOPLE, type CallerKind } from './world';

export function leaksFor(viewer: CallerKind, response: unknown, extraSecrets: string[] = []): string[] {
  const json = JSON.stringify(response) ?? '';
  const found: string[] = [];
  for (const openid of KNOWN_OPENIDS) {
    if (json.includes(openid)) found.push(`openid "${openid}"`);
  }
  for (const p of PRIVATE_PEOPLE) {
    if (p.seenBy.includes(viewer)) continue;
    if (json.includes(p.name)) found.push(`name of ${p.openid} "${p.name}"`);
    if (json.includes(member(p.openid))) found.push(`member id of ${p.openid}`);
    if (p.phone && json.includes(p.phone)) found.push(`phone of ${p.openid}`);
    if (p.phone && json.includes(`${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`)) found.push(`masked phone of ${p.openid}`);
  }
  for (const s of extraSecrets) if (json.includes(s)) found.push(`"${s}"`);
  return found;
}
