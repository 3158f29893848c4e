/**
 * The certificate's rules, pure: which entries count (verified, of activities this
 * community organised), what the snapshot holds (民发〔2015〕149号's four blocks plus the
 * rounding and rule version), how it is numbered, and what the public may see of it.
 */
import type { CertificateCheck, CertificateView } from '../../../../miniprogram/core/volunteer/certificate';
import { CERTIFICATE_RULE_VERSION } from '../../../../miniprogram/core/volunteer/certificate';
import { ROUNDING_RULE_LABELS } from '../../../../miniprogram/core/volunteer/vocabulary';
import { formatDateTime } from '../../../../miniprogram/core/format';
import type { ActivityRecord, CertificateRecord, HourEntryRecord, VolunteerRecord } from '../volunteer/records';

/** `2026-11-28` in Beijing time. */
export const dateOf = (instant: number): string => formatDateTime(instant).slice(0, 10);

/** 刘阿姨 → 刘**: the family name stays, the rest is hidden, whatever its length. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '*';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/**
 * 谁组织谁记录、谁记录谁证明: only verified entries whose activity this community organised
 * (the activity is found in its own records) and within the period count. Adjustments are
 * signed and count like any verified entry.
 */
export function countableEntries(
  entries: readonly HourEntryRecord[],
  activities: ReadonlyMap<string, ActivityRecord>,
  communityId: string,
  period: { from?: string; to?: string },
): HourEntryRecord[] {
  return entries.filter(
    (e) =>
      e.communityId === communityId &&
      e.status === 'verified' &&
      activities.get(e.activityId)?.communityId === communityId &&
      (!period.from || e.serviceDate >= period.from) &&
      (!period.to || e.serviceDate <= period.to),
  );
}

export interface IssueFacts {
  volunteer: VolunteerRecord;
  entries: readonly HourEntryRecord[];
  activities: ReadonlyMap<string, ActivityRecord>;
  communityName: string;
  personInCharge: string;
  handler: string;
  contact: string;
}

export function snapshotOf(f: IssueFacts): CertificateRecord['snapshot'] {
  const dates = f.entries.map((e) => e.serviceDate).sort();
  const titles = [...new Set(f.entries.map((e) => f.activities.get(e.activityId)?.title ?? e.content))];
  const rules = [...new Set(f.entries.map((e) => f.activities.get(e.activityId)?.rounding).filter((r) => r !== undefined))];
  return {
    name: f.volunteer.name,
    idType: f.volunteer.idNumberMasked ? '居民身份证' : null,
    idNumberMasked: f.volunteer.idNumberMasked,
    volunteerNumber: f.volunteer.volunteerNumber,
    minutes: f.entries.reduce((sum, e) => sum + e.minutes, 0),
    content: titles,
    period: { from: dates[0] ?? '', to: dates[dates.length - 1] ?? '' },
    issuer: `${f.communityName}居民委员会`,
    personInCharge: f.personInCharge,
    handler: f.handler,
    contact: f.contact,
    rounding: rules.map((r) => ROUNDING_RULE_LABELS[r]).join('；') || ROUNDING_RULE_LABELS.none,
    ruleVersion: CERTIFICATE_RULE_VERSION,
    entryIds: f.entries.map((e) => e._id),
  };
}

/** 幸福里-2026-0007: community-sequential per year, from a kernel counter. */
export function certificateNumber(communityName: string, year: string, seq: number): string {
  return `${communityName.replace(/社区$/, '')}-${year}-${String(seq).padStart(4, '0')}`;
}

export function toCertificateView(c: CertificateRecord): CertificateView {
  const { entryIds: _entryIds, ...snapshot } = c.snapshot;
  void _entryIds;
  return {
    id: c._id,
    number: c.number,
    issuedOn: dateOf(c.issuedAt),
    snapshot,
    verify: { communityId: c.communityId, token: c.verifyToken },
    revoked: c.revokedAt === null ? null : { on: dateOf(c.revokedAt), reason: c.revokedReason ?? '' },
  };
}

/** What anyone holding the QR may learn; a revoked certificate says only when. */
export function publicCheck(c: CertificateRecord): CertificateCheck {
  if (c.revokedAt !== null) return { status: 'revoked', revokedOn: dateOf(c.revokedAt) };
  return { status: 'valid', minutes: c.snapshot.minutes, period: { ...c.snapshot.period }, maskedName: maskName(c.snapshot.name) };
}
