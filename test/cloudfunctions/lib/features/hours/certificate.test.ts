import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { addActivity, addEntry, ledgerWorld } from '../../../../support/volunteer-ledger';
import type { CertificateCheck, CertificateView } from '../../../../../miniprogram/core/volunteer/certificate';

const ADMIN = 'demo-admin';
const RESIDENT = 'demo-resident-1';
const ISSUE = { personInCharge: '王书记', contact: '010-66668888' };

let h: Harness;
let w: Awaited<ReturnType<typeof ledgerWorld>>;
beforeEach(async () => {
  h = await createHarness();
  w = await ledgerWorld(h);
});
afterEach(() => h.close());

const issue = (data: Record<string, unknown> = {}, k = key()) => h.call<CertificateView>(ADMIN, 'hours.certificate', { memberId: w.resident, ...ISSUE, ...data }, k);
async function issued(data: Record<string, unknown> = {}): Promise<CertificateView> {
  const res = await issue(data);
  if (!res.ok) throw new Error(res.error.message);
  return res.data;
}
const verify = (c: CertificateView, openid: string | null = null) => h.call<CertificateCheck>(openid, 'hours.verifyCertificate', { communityId: c.verify.communityId, token: c.verify.token });

describe('a certificate counts only verified hours of this community’s own activities', () => {
  it('leaves out the pending hour and states the four blocks of 民发〔2015〕149号', async () => {
    const c = await issued();
    expect(c.snapshot).toMatchObject({
      name: '刘阿姨',
      idType: '居民身份证',
      idNumberMasked: '110***********1234',
      volunteerNumber: 'V0001',
      minutes: 300,
      content: ['植绿护绿', '探访独居老人'],
      period: { from: '2026-10-03', to: '2026-11-20' },
      issuer: '幸福里社区居民委员会',
      personInCharge: '王书记',
      handler: '王书记',
      contact: '010-66668888',
    });
    expect(c.snapshot.rounding).toContain('半小时');
    expect(c.snapshot.ruleVersion).toContain('民政部令第67号');
    expect(c.number).toBe('幸福里-2026-0001');
    expect(JSON.stringify(c)).not.toContain('110101195501011234');
  });
  it('refuses a volunteer who has only unverified hours', async () => {
    const res = await issue({ from: '2026-11-21' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect((res.error.details as { issues?: Array<{ path: string }> } | undefined)?.issues?.[0]?.path).toBe('memberId');
  });
  it('does not count entries of another community’s activity or kept by another community', async () => {
    await addActivity(h, 'act_foreign', { title: '别的社区的活动', communityId: 'other' });
    await addEntry(h, { memberId: w.resident, activityId: 'act_foreign', minutes: 600, serviceDate: '2026-11-01' });
    await addEntry(h, { memberId: w.resident, activityId: 'act_green', minutes: 600, serviceDate: '2026-11-02', communityId: 'other' });
    const c = await issued();
    expect(c.snapshot.minutes).toBe(300);
    expect(c.snapshot.content).not.toContain('别的社区的活动');
    const onlyForeign = await issue({ from: '2026-11-01', to: '2026-11-02' });
    expect(onlyForeign.ok).toBe(false);
  });
  it('counts a verified correction with its sign', async () => {
    await addEntry(h, { memberId: w.resident, activityId: 'act_green', minutes: -30, kind: 'adjustment', corrects: w.entries[0]._id, serviceDate: '2026-10-03' });
    expect((await issued()).snapshot.minutes).toBe(270);
  });
});

describe('numbers are sequential and a retry issues nothing twice', () => {
  it('gives the next number to the next certificate and the same one to a retry', async () => {
    const k = key();
    const first = await issue({}, k);
    const again = await issue({}, k);
    const second = await issued();
    expect(first.ok && again.ok && first.data.id === again.data.id && first.data.number === again.data.number).toBe(true);
    expect(second.number).toBe('幸福里-2026-0002');
  });
});

describe('the snapshot never changes after issue', () => {
  it('reads the same after the ledger gains and corrects entries', async () => {
    const c = await issued();
    await addEntry(h, { memberId: w.resident, activityId: 'act_green', minutes: 240, serviceDate: '2026-11-26' });
    await addEntry(h, { memberId: w.resident, activityId: 'act_green', minutes: -180, kind: 'adjustment', corrects: w.entries[0]._id, serviceDate: '2026-10-03' });
    await h.deps.store.update('volunteers', `vol_${w.resident}`, { name: '刘秀兰' });
    const mine = await h.ok<{ items: CertificateView[] }>(RESIDENT, 'hours.certificates', {});
    expect(mine.items[0].snapshot).toEqual(c.snapshot);
    const check = await verify(c);
    expect(check.ok && check.data).toEqual({ status: 'valid', minutes: 300, period: { from: '2026-10-03', to: '2026-11-20' }, maskedName: '刘**' });
  });
});

describe('the public verify page shows only validity, hours, period and masked name', () => {
  it('answers anyone, even with no identity, with exactly those keys', async () => {
    const c = await issued();
    for (const who of [null, 'demo-visitor-1', 'demo-resident-2']) {
      const res = await verify(c, who);
      expect(res.ok).toBe(true);
      if (res.ok) {
        expect(Object.keys(res.data).sort()).toEqual(['maskedName', 'minutes', 'period', 'status']);
        expect(Object.keys((res.data as { period: object }).period).sort()).toEqual(['from', 'to']);
        expect(JSON.stringify(res.data)).not.toMatch(/刘阿姨|V0001|110|王书记|幸福里/);
      }
    }
  });
  it('finds nothing for a made-up token or the right token in another community', async () => {
    const c = await issued();
    const made = await h.call(null, 'hours.verifyCertificate', { communityId: 'demo', token: 'ct_AAAAAAAAAAAAAAAA' });
    const elsewhere = await h.call(null, 'hours.verifyCertificate', { communityId: 'other', token: c.verify.token });
    expect(made.ok || elsewhere.ok).toBe(false);
    expect(!made.ok && made.error.code).toBe('NOT_FOUND');
  });
});

describe('revocation leaves a tombstone', () => {
  it('verifies as revoked with the date and nothing else; the volunteer sees it marked', async () => {
    const c = await issued();
    h.clock.advance(24 * 3600_000);
    const revoked = await h.ok<CertificateView>(ADMIN, 'hours.revokeCertificate', { certificateId: c.id, reason: '时长录入有误，重新开具' });
    expect(revoked.revoked).toEqual({ on: '2026-11-29', reason: '时长录入有误，重新开具' });
    const check = await verify(c);
    expect(check.ok && check.data).toEqual({ status: 'revoked', revokedOn: '2026-11-29' });
    const mine = await h.ok<{ items: CertificateView[] }>(RESIDENT, 'hours.certificates', {});
    expect(mine.items[0].revoked?.on).toBe('2026-11-29');
    const twice = await h.call(ADMIN, 'hours.revokeCertificate', { certificateId: c.id, reason: '再撤一次' });
    expect(!twice.ok && twice.error.code).toBe('CONFLICT');
  });
  it('audits issue and revocation and tells the volunteer', async () => {
    const c = await issued();
    await h.ok(ADMIN, 'hours.revokeCertificate', { certificateId: c.id, reason: '重复开具' });
    const events = await h.deps.store.query<{ _id: string; type: string }>('events', { where: { communityId: 'demo', subject: `certificate:${c.id}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 10 });
    expect(events.items.map((e) => e.type)).toEqual(['hours.certificateIssued', 'hours.certificateRevoked']);
    const inbox = await h.ok<{ items: Array<{ title: string }> }>(RESIDENT, 'notify.inbox', {});
    expect(inbox.items.map((m) => m.title)).toEqual(expect.arrayContaining(['志愿服务记录证明已开具', '志愿服务记录证明已撤销']));
  });
});

describe('who sees which certificates', () => {
  it('gives each person their own and the admin anyone’s; a resident naming someone sees only their own', async () => {
    await issued();
    const admin = await h.ok<{ items: CertificateView[] }>(ADMIN, 'hours.certificates', { memberId: w.resident });
    const other = await h.ok<{ items: CertificateView[] }>('demo-resident-2', 'hours.certificates', { memberId: w.resident });
    const grid = await h.ok<{ items: CertificateView[] }>('demo-grid-1', 'hours.certificates', { memberId: w.resident });
    expect(admin.items).toHaveLength(1);
    expect(other.items).toHaveLength(0);
    expect(grid.items).toHaveLength(0);
    expect(member(RESIDENT)).toBe(w.resident);
  });
});

describe('numbers are claimed one by one, without a transaction (kernel/numbering.ts)', () => {
  const seq = (c: CertificateView) => Number(c.number.split('-').pop());
  it('continues the year counter kept before numbers were claimed', async () => {
    const first = await issued();
    const year = first.number.split('-')[1];
    await h.deps.store.set('counters', { _id: `ctr_demo_certificate_${year}`, communityId: 'demo', value: 7 });
    expect(seq(await issued())).toBe(8);
  });

  it('gives parallel issues distinct numbers that run on without gaps', async () => {
    const all = await Promise.all([issued(), issued(), issued(), issued()]);
    expect(all.map(seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
  });

  it('a claim whose certificate never landed is finished by its retry, or by the next issue', async () => {
    const first = await issued();
    const year = first.number.split('-')[1];
    const k = key();
    const mine = await issue({}, k);
    if (!mine.ok) throw new Error(mine.error.message);
    // As if the first attempt died between its claim and its certificate.
    await h.deps.store.remove('certificates', mine.data.id);
    const next = await issued();
    expect(seq(next)).toBe(3);
    const stored = await h.deps.store.get('certificates', mine.data.id);
    expect(stored && (stored as { number: string }).number).toBe(mine.data.number);
    const again = await issue({}, k);
    expect(again.ok && [again.data.id, again.data.number]).toEqual([mine.data.id, mine.data.number]);
    expect((await h.deps.store.get('counters', `ctr_demo_certificate_${year}_n2`))?.value).toBe(2);
  });

  it('a retry finds its own claim when the certificate is missing', async () => {
    const k = key();
    const mine = await issue({}, k);
    if (!mine.ok) throw new Error(mine.error.message);
    await h.deps.store.remove('certificates', mine.data.id);
    const again = await issue({}, k);
    expect(again.ok && [again.data.id, again.data.number]).toEqual([mine.data.id, mine.data.number]);
    expect(await h.deps.store.get('certificates', mine.data.id)).not.toBeNull();
  });
});

describe('deleting the person erases the copy their number’s claim kept', () => {
  it('leaves the claim without its record, and a later issue still numbers on', async () => {
    const c = await issued();
    const year = c.number.split('-')[1];
    const { certificatePersonalData } = await import('../../../../../cloudfunctions/lib/features/hours/certificate-personal-data');
    const m = await h.deps.store.get('members', w.resident);
    await certificatePersonalData.erase(h.deps, m as never, 'anon_test', h.clock.now());
    const claim = await h.deps.store.get('counters', `ctr_demo_certificate_${year}_n1`);
    expect(claim && 'record' in claim ? (claim as { record?: unknown }).record : undefined).toBeUndefined();
    expect(claim?.value).toBe(1);
  });
});
