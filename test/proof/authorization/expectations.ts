/**
 * THE AUTHORIZATION TABLE: for every action (and variant) listed by `meta.describe`, what
 * each kind of caller gets when aiming at an item owned by 刘阿姨 (`resident`) / lying in
 * grid 1 of the demo community. Fixtures live in ./fixtures.ts under the same keys; the
 * callers are defined in ../support/world.ts (CALLERS).
 *
 * Own vs other item: the item is fixed and the columns say how the caller relates to it —
 * `resident` is its owner, `otherResident` a resident of another household (for them it is
 * someone else's item), `gridWorker` works its grid, `otherGridWorker` another grid,
 * `otherAdmin` runs another community. Actions on the caller's own account (member.me,
 * privacy.*, privacy.setPhone…) have no foreign item: there every caller acts on their own.
 *
 * Cells:
 *   'allow'   the call succeeded (ok:true) — and, when the fixture names a probe, the
 *             target item is in the response.
 *   'hidden'  ok:true, but the target item is NOT in the response (the caller's list is
 *             scoped away from it), and nothing was written.
 *   'own'     ok:true on the caller's own data only: the target is NOT in the response
 *             (the call may write the caller's own records, e.g. an audit entry).
 *   'deny'    an error envelope with FORBIDDEN, NOT_FOUND or UNAUTHENTICATED, and nothing
 *             was written.
 *   a code    a denial with exactly that code (where the code itself matters).
 *
 * Rules checked on every cell besides the table (authorization.test.ts):
 *   - an anonymous caller is denied with UNAUTHENTICATED;
 *   - a denied or hidden call writes nothing (rate-limit windows aside);
 *   - no call changes another community's data;
 *   - no response carries an openid, and nobody but staff of the item's community sees a
 *     resident's name or member id other than their own.
 */
import type { CallerKind } from '../support/world';

export type Cell = 'allow' | 'hidden' | 'own' | 'deny' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'VALIDATION_ERROR';

export const COLUMNS = ['anonymous', 'visitor', 'resident', 'otherResident', 'volunteer', 'gridWorker', 'otherGridWorker', 'admin', 'otherAdmin', 'subdistrict'] as const satisfies readonly CallerKind[];

/**
 * The subdistrict admin's column, the same for every row unless named here: denied. They are
 * no member of any community, so nothing of a community's people reaches them; the leak
 * check runs on their cells like on every other (counts and rates only, never a resident).
 */
const SUBDISTRICT_CELLS: Record<string, Cell> = {
  'meta.describe': 'allow',
  'member.me': 'allow',
  'community.list': 'allow',
  'community.buildings': 'allow',
};

type Row = { [K in (typeof COLUMNS)[number]]: Cell };

function table(rows: Record<string, readonly Cell[]>): Record<string, Row> {
  const out: Record<string, Row> = {};
  for (const [name, cells] of Object.entries(rows)) {
    // A row lists every column but the subdistrict's, which SUBDISTRICT_CELLS gives.
    const cellsFor = cells.length === COLUMNS.length - 1 ? [...cells, SUBDISTRICT_CELLS[name] ?? 'deny'] : cells;
    if (cellsFor.length !== COLUMNS.length) throw new Error(`expectations: row ${name} has ${cells.length} cells, expected ${COLUMNS.length - 1} (or ${COLUMNS.length} with the subdistrict's)`);
    out[name] = Object.fromEntries(COLUMNS.map((c, i) => [c, cellsFor[i]])) as Row;
  }
  return out;
}

// prettier-ignore
export const EXPECTATIONS = table({
  //                           anonymous  visitor   resident  otherRes  volunteer gridWorker otherGrid admin     otherAdmin
  'meta.describe':            ['allow',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow'],
  'member.me':                   ['deny',    'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow'],
  // Staff and volunteers may bind their own home too; a member of another community may not.
  'member.requestBinding':    ['deny',    'allow',  'deny',   'deny',   'allow',  'allow',  'allow',  'allow',  'deny'],
  'member.redeemInvite':      ['deny',    'allow',  'deny',   'deny',   'allow',  'allow',  'allow',  'allow',  'deny'],
  'member.listRequests':      ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'hidden', 'allow',  'hidden'],
  'member.reviewRequest':     ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'deny',   'allow',  'deny'],
  'member.setRoles':           ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  // 代办's finder: staff of the household's grid and the admins; elsewhere it finds nothing.
  'member.find':              ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'hidden', 'allow',  'hidden'],
  // Another community's buildings read as missing, reported on the field.
  'member.issueInvites':       ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'VALIDATION_ERROR'],
  // 搬离: every resident ends their own binding (the other resident leaves theirs, never hers).
  'member.leaveHousehold':    ['deny',    'deny',   'allow',  'own',    'deny',   'deny',   'deny',   'deny',   'deny'],
  // Removing 刘阿姨 from her flat: staff of her building's grid and the admins; elsewhere she is not found.
  'member.removeFromHousehold': ['deny',  'deny',   'deny',   'deny',   'deny',   'allow',  'deny',   'allow',  'deny'],
  // Everyone with a member record names themselves; nobody names anyone else.
  'member.setName':           ['deny',    'deny',   'allow',  'own',    'own',    'own',    'own',    'own',    'own'],

  // Public: a visitor must see where they could live before anyone knows them.
  'community.list':           ['allow',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow'],
  'community.buildings':      ['allow',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow'],
  'community.grids':          ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'hidden'],
  'community.upsertGrid':         ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  'community.upsertBuilding':     ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  // Acts on the caller's own community only (the cross-community rule proves demo is untouched).
  'community.update':    ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'allow'],

  'concern.categories':       ['deny',    'deny',   'allow',  'allow',  'deny',   'allow',  'allow',  'allow',  'hidden'],
  // Any bound resident may speak up about any building of their community.
  'concern.submit':           ['deny',    'deny',   'allow',  'allow',  'deny',   'deny',   'deny',   'deny',   'deny'],
  'concern.fileFor':          ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'deny',   'allow',  'deny'],
  'concern.listMine':         ['deny',    'deny',   'allow',  'hidden', 'deny',   'deny',   'deny',   'deny',   'deny'],
  'concern.get':              ['deny',    'deny',   'allow',  'NOT_FOUND', 'deny', 'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'concern.queue':            ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'hidden', 'allow',  'hidden'],
  // Numbers only, of the caller's own lists.
  'concern.counts':           ['deny',    'deny',   'deny',   'deny',   'deny',   'own',    'own',    'own',    'own'],
  'concern.accept':           ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'concern.reply':            ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'concern.note':             ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'concern.requestInfo':      ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'concern.supplement':       ['deny',    'deny',   'allow',  'NOT_FOUND', 'deny', 'deny',   'deny',   'deny',   'deny'],
  'concern.transfer':         ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'concern.whistle':          ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'concern.reportBack':       ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'concern.merge':            ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'concern.resolve':          ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'concern.rate':             ['deny',    'deny',   'allow',  'NOT_FOUND', 'deny', 'deny',   'deny',   'deny',   'deny'],
  'concern.reopen':           ['deny',    'deny',   'allow',  'NOT_FOUND', 'deny', 'deny',   'deny',   'deny',   'deny'],
  'concern.withdraw':         ['deny',    'deny',   'allow',  'NOT_FOUND', 'deny', 'deny',   'deny',   'deny',   'deny'],
  'concern.stats':            ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'hidden', 'allow',  'hidden'],
  // Another community's admin exports their own (empty) archive; the export is audited.
  'concern.export':           ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'own'],
  'concern.upsertCategory':     ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  // 催办 is the grid leader's or an admin's, over the handler: 李秀英 handles this one herself.
  'concern.urge':             ['deny',    'deny',   'deny',   'deny',   'deny',   'FORBIDDEN', 'NOT_FOUND', 'allow', 'NOT_FOUND'],
  // The fixture marks 李秀英 away: herself or an admin of her community, nobody else.
  'staff.setAway':            ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'deny',   'allow',  'deny'],

  'booking.services':             ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'hidden'],
  'booking.service':              ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'deny'],
  'booking.slots':            ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'deny'],
  // Usage figures only for the services one runs; admins see all of their community's.
  'booking.stats':            ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'hidden', 'allow',  'hidden'],
  // Booking for oneself needs a household; staff book for residents only as 代办 (next row).
  'booking.create':           ['deny',    'deny',   'allow',  'allow',  'deny',   'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'deny'],
  // 代办 is open to any staff of the community (contract scope: 为本社区居民代办).
  // Only the service's own staff (and admins) book on a resident's behalf.
  'booking.create#onBehalf':  ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'deny',   'allow',  'deny'],
  // 李秀英 is the proof service's staff; 张建国 is not.
  'booking.cancel':           ['deny',    'deny',   'allow',  'NOT_FOUND', 'deny', 'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'booking.confirmPromotion': ['deny',    'deny',   'allow',  'NOT_FOUND', 'deny', 'deny',   'deny',   'deny',   'deny'],
  'booking.listMine':         ['deny',    'deny',   'allow',  'hidden', 'deny',   'deny',   'deny',   'deny',   'deny'],
  'booking.listForSlot':      ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'booking.checkIn':          ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'booking.markNoShow':       ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'booking.rate':             ['deny',    'deny',   'allow',  'NOT_FOUND', 'deny', 'deny',   'deny',   'deny',   'deny'],
  'booking.upsertService':      ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  'booking.setSchedule':        ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  'booking.closeSlots':         ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],

  // Everyone has an inbox (an anonymous one is empty); only 刘阿姨 reads or marks hers.
  'notify.inbox':               ['deny',    'hidden', 'allow',  'hidden', 'hidden', 'hidden', 'hidden', 'hidden', 'hidden'],
  'notify.unreadCount':        ['deny',    'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow'],
  'notify.markRead':           ['deny',    'hidden', 'allow',  'hidden', 'hidden', 'hidden', 'hidden', 'hidden', 'hidden'],
  'notify.templates':         ['deny',    'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow'],
  // Consent is recorded per person: someone with no identity has nobody to record it for.
  'notify.recordConsent':     ['deny',    'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow'],

  // Only files in one's own upload folder can be registered; the fixture's is 刘阿姨's.
  'media.register':           ['deny',    'deny',   'allow',  'deny',   'deny',   'deny',   'deny',   'deny',   'deny'],
  // A photo on 刘阿姨's concern: her, and whoever may read the concern.
  'media.urls':               ['deny',    'deny',   'allow',  'hidden', 'hidden', 'allow',  'hidden', 'allow',  'hidden'],
  'moderation.queue':         ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'hidden'],
  'moderation.decide':        ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  // Whoever can read 刘阿姨's concern may report it — except herself (refused on the field).
  'moderation.report':           ['deny',    'deny',   'VALIDATION_ERROR', 'deny', 'deny', 'allow', 'deny', 'allow', 'deny'],
  'privacy.setPhone':          ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow'],
  // Everyone exports their own data; only 刘阿姨's export holds her profile.
  'privacy.export':           ['deny',    'own',    'allow',  'own',    'own',    'own',    'own',    'own',    'own'],
  'privacy.requestDeletion':  ['deny',    'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow'],
  // 刘阿姨 asked to delete her account; only she can take it back.
  'privacy.cancelDeletion':   ['deny',    'hidden', 'allow',  'hidden', 'hidden', 'hidden', 'hidden', 'hidden', 'hidden'],
  // The directory is the community's staff's; a non-shared entry is invisible to another community.
  'department.list':          ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'hidden'],
  'department.upsert':        ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  'department.issueCode':     ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  // Anyone of the community (or of none) may become a contact by code; a member elsewhere may not.
  'department.redeemCode':    ['deny',    'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'FORBIDDEN'],
  'department.removeContact': ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  // Only a department's contact person: none of these callers is one.
  'department.queue':         ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny'],
  'department.request':       ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny'],
  'department.answer':        ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny'],
  // The community's audit log: its admins only; another community's admin reads their own.
  'audit.log':                ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'hidden'],

  // 志愿服务. Everyone registers themselves (a member elsewhere may not join this community's roll).
  'volunteer.register':       ['deny',    'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'FORBIDDEN'],
  // 刘阿姨 registered: only she sees her record; everyone else sees their own (none).
  'volunteer.profile':        ['deny',    'own',    'allow',  'own',    'own',    'own',    'own',    'own',    'own'],
  // The roll names residents: the community's admins only.
  'volunteer.verify':         ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  'volunteer.list':           ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'hidden'],
  'team.list':                ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'hidden'],
  // Only a registered volunteer joins (刘阿姨 is one; the others have no registration).
  'team.join':                ['deny',    'deny',   'allow',  'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'deny'],
  'team.upsert':              ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  'activity.list':            ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'hidden'],
  'activity.get':             ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'NOT_FOUND'],
  // Staff organise for any team of their community (a leader for their own team).
  'activity.upsert':          ['deny',    'deny',   'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'allow', 'allow', 'allow', 'deny'],
  // The admin's draft: invisible to everyone who does not run it.
  'activity.publish':         ['deny',    'deny',   'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'activity.cancel':          ['deny',    'deny',   'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'allow', 'NOT_FOUND'],
  // Only a registered, verified volunteer signs up: 刘阿姨.
  'activity.signup':          ['deny',    'deny',   'allow',  'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'deny'],
  'activity.withdraw':        ['deny',    'deny',   'allow',  'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
  'activity.confirm':         ['deny',    'deny',   'allow',  'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
  'activity.mine':            ['deny',    'deny',   'allow',  'hidden', 'hidden', 'hidden', 'hidden', 'hidden', 'hidden'],
  // The roster names people: the activity's organiser (the admin here), its lead and team leaders.
  'activity.roster':          ['deny',    'deny',   'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'allow', 'NOT_FOUND'],

  // The activity is led and organised by 李秀英 (gridWorker); 刘阿姨 (resident) is booked on its shift.
  'activity.checkInCode':     ['deny',    'deny',   'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'allow', 'FORBIDDEN', 'allow', 'NOT_FOUND'],
  // Only the booked volunteer checks in and out, for herself; staff who did not book are refused.
  'activity.checkIn':         ['deny',    'deny',   'allow',  'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND'],
  'activity.checkOut':        ['deny',    'deny',   'allow',  'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
  'activity.checkInByHand':   ['deny',    'deny',   'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'allow', 'FORBIDDEN', 'allow', 'NOT_FOUND'],
  // Everyone reads their own hours; only 刘阿姨's hold her entry.
  'hours.mine':               ['deny',    'deny',   'allow',  'hidden', 'hidden', 'hidden', 'hidden', 'hidden', 'hidden'],
  // The lead's queue and the admins'; anyone else's queue is empty.
  'hours.pending':            ['deny',    'deny',   'hidden', 'hidden', 'hidden', 'allow',  'hidden', 'allow',  'hidden'],
  'hours.verify':             ['deny',    'deny',   'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'allow', 'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'hours.adjust':             ['deny',    'deny',   'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'allow', 'FORBIDDEN', 'allow', 'NOT_FOUND'],
  // Someone else's entry reads as missing.
  'hours.dispute':            ['deny',    'deny',   'allow',  'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
  'hours.disputes':           ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'hidden'],
  'hours.answerDispute':      ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND'],
  'hours.anomalies':          ['deny',    'deny',   'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'allow', 'FORBIDDEN', 'allow', 'NOT_FOUND'],

  // 志愿服务记录证明: issued and revoked by the community's admins; another community's admin finds no such volunteer.
  'hours.certificate':        ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  // Everyone's own list; naming 刘阿姨 shows hers only to her and her community's admins.
  'hours.certificates':       ['deny',    'deny',   'allow',  'hidden', 'hidden', 'hidden', 'hidden', 'allow',  'hidden'],
  'hours.revokeCertificate':  ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],
  // Public, from the certificate's QR: validity, hours, period, masked name — for anyone, signed in or not.
  'hours.verifyCertificate':  ['allow',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow'],
  // The subdistrict's sheets: the community's staff (IDs whole for admins only); another community's admin finds no such volunteer.
  'hours.export':             ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'deny'],

  // 投票表决 — the rolls. Staff read the roll of their grids' buildings (admins all of it); another grid's list is empty.
  'roll.list':                ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'hidden', 'allow',  'hidden'],
  'roll.list#owner':          ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'hidden', 'allow',  'hidden'],
  // The owner register comes from the community's sheet: admins only. Another community's admin
  // names buildings it does not have: every row is a problem, nothing is imported.
  'roll.import':              ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'hidden'],
  // 户名册: the household's grid workers and the admins; 业主名册: admins only.
  'roll.correct':             ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'deny',   'allow',  'deny'],
  'roll.correct#owner':       ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'deny'],

  // Polls: 李主任's poll for grid 1 (刘阿姨's household is on its roll, 马大爷's is not).
  // A grid worker runs polls in their own grids only; another community's admin names a grid it does not have.
  'poll.create':              ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'VALIDATION_ERROR'],
  // Residents see the polls they may vote in; staff those within their grids; nobody else learns of it.
  'poll.list':                ['deny',    'deny',   'allow',  'hidden', 'hidden', 'allow',  'hidden', 'allow',  'hidden'],
  'poll.get':                 ['deny',    'deny',   'allow',  'NOT_FOUND', 'NOT_FOUND', 'allow', 'NOT_FOUND', 'allow', 'NOT_FOUND'],
  // The same poll, due to open but not yet opened by the sweep: a caller it concerns opens it; a refused one writes nothing.
  'poll.get#due':             ['deny',    'deny',   'allow',  'NOT_FOUND', 'NOT_FOUND', 'allow', 'NOT_FOUND', 'allow', 'NOT_FOUND'],
  // Only someone on the frozen roll votes; staff are on it only as residents (these have no household here).
  'poll.vote':                ['deny',    'deny',   'allow',  'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND'],
  // 刘阿姨 voted: her receipt is hers; the poll's staff read their own (no) ballot.
  'poll.myBallot':            ['deny',    'deny',   'allow',  'NOT_FOUND', 'NOT_FOUND', 'own',  'NOT_FOUND', 'own',  'NOT_FOUND'],
  // Paper ballots: the staff within the poll's scope (its grids' workers, the admins).
  'poll.roll':                ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'poll.enterPaperBallot':    ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  // 赵丽 keyed it in: anyone else of the poll's staff confirms it.
  'poll.confirmPaperBallot':  ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'poll.pendingPaper':        ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'poll.recordHands':         ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND'],
  'poll.close':               ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND'],
  // The maker (李主任) or an admin withdraws it: 李秀英 runs grid 1 but did not set it up.
  'poll.cancel':              ['deny',    'deny',   'deny',   'deny',   'deny',   'FORBIDDEN', 'FORBIDDEN', 'allow', 'NOT_FOUND'],
  // Closed, not published: those who manage it (grid 1's worker, the admins) see the tally; 刘阿姨 only that it awaits publishing.
  'poll.results':             ['deny',    'deny',   'hidden', 'NOT_FOUND', 'NOT_FOUND', 'allow', 'NOT_FOUND', 'allow', 'NOT_FOUND'],
  // Published by an admin other than its maker: 王书记 publishes 李主任's poll.
  'poll.publish':             ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND'],
  // 议题: the item is a motion for 1号楼 (grid 1), moved by 社区居委会 (李秀英). Staff see every
  // motion of their community; residents those their household lies in; only residents support.
  // 刘阿姨 proposes for 1号楼; 马大爷 (3号楼) may not leave his own building out; the other
  // community's admin names a building that is not theirs.
  'motion.propose':           ['deny',    'deny',   'allow',  'VALIDATION_ERROR', 'FORBIDDEN', 'allow', 'allow', 'allow', 'VALIDATION_ERROR'],
  // From 刘阿姨's concern: its author and those handling it (李秀英, the admins), nobody else.
  'motion.propose#fromConcern': ['deny',  'deny',   'allow',  'NOT_FOUND', 'FORBIDDEN', 'allow', 'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'motion.support':           ['deny',    'deny',   'allow',  'NOT_FOUND', 'NOT_FOUND', 'deny', 'deny',   'deny',   'deny'],
  'motion.list':              ['deny',    'deny',   'allow',  'hidden', 'hidden', 'allow',  'allow',  'allow',  'hidden'],
  'motion.get':               ['deny',    'deny',   'allow',  'NOT_FOUND', 'NOT_FOUND', 'allow', 'allow', 'allow', 'NOT_FOUND'],
  'motion.answer':            ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND'],
  // The community's support rule: everyone of a community reads their own; admins set it.
  'motion.settings':          ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow'],
  'motion.configure':         ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'allow'],
  // 会议: a 协商会 of grid 1's households (刘阿姨's among them), convened by 王书记 with 李秀英 as
  // secretary. Everyone of the community reads the meeting (agenda, time, quorum numbers); the
  // roll's own people register, sign in and give proxies; the meeting's staff (convener,
  // secretary, admins, grid 1's workers) run the door.
  'meeting.create':           ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'VALIDATION_ERROR'],
  'meeting.list':             ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'hidden'],
  'meeting.get':              ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'NOT_FOUND'],
  'meeting.cancel':           ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND'],
  'meeting.register':         ['deny',    'deny',   'allow',  'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND'],
  // Only 刘阿姨 registered: anyone else has no registration to withdraw.
  'meeting.unregister':       ['deny',    'deny',   'allow',  'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
  'meeting.signInCode':       ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'meeting.signIn':           ['deny',    'deny',   'allow',  'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND'],
  'meeting.signIn#byStaff':   ['deny',    'deny',   'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'allow', 'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'meeting.markLeft':         ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'meeting.attendance':       ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'meeting.grantProxy':       ['deny',    'deny',   'allow',  'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND'],
  // The neighbour's code, entered by 刘阿姨: another person on the roll; nobody off it.
  'meeting.acceptProxy':      ['deny',    'deny',   'allow',  'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND'],
  // The photo is 李秀英's own: an admin may not attach a photo someone else took (refused on the field).
  'meeting.recordPaperProxy': ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'VALIDATION_ERROR', 'NOT_FOUND'],
  // Recorded by 赵丽: confirmed by another of the meeting's staff.
  'meeting.confirmProxy':     ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  // 刘阿姨's own proxy: residents never learn of another's; staff see it and may not revoke it for her.
  'meeting.revokeProxy':      ['deny',    'deny',   'allow',  'NOT_FOUND', 'NOT_FOUND', 'FORBIDDEN', 'NOT_FOUND', 'FORBIDDEN', 'NOT_FOUND'],
  'meeting.proxies':          ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  // Votes, the end and the minutes: the convener, the secretary (李秀英) and the admins.
  'meeting.openVote':         ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'meeting.closeVote':        ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'meeting.end':              ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'meeting.saveMinutes':      ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND'],
  'meeting.approveMinutes':   ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND'],
  'meeting.minutes':          ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'NOT_FOUND'],
  // 决议: adopted at a grid-1 meeting, owned by 李秀英; the whole community follows it.
  'resolution.list':          ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'hidden'],
  'resolution.get':           ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'NOT_FOUND'],
  'resolution.progress':      ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'resolution.reassign':      ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND'],
  'resolution.recordStage':   ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND'],

  // 居务公开: the board is the community's; drafts, review and corrections are staff's, publishing the admins'.
  // 社情民意: staff only; a grid worker reads their grids' buildings, an admin the community.
  'insight.overview':         ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'hidden', 'allow',  'hidden'],
  'insight.drill':            ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'hidden', 'allow',  'hidden'],
  'insight.cases':            ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'hidden', 'allow',  'hidden'],
  // A case in grid 1: another grid's worker and another community's admin do not find it.
  'insight.decideCase':       ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'insight.decideCase#task':  ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'insight.closeCase':        ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'insight.settings':         ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'allow'],
  // Setting k is the admins'; another community's admin sets their own community's.
  'insight.settings#set':     ['deny',    'deny',   'deny',   'deny',   'deny',   'FORBIDDEN', 'FORBIDDEN', 'allow', 'allow'],
  // The owner named is demo's 李秀英: another community's admin cannot name her.
  'insight.setMonthlyTopic':  ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'VALIDATION_ERROR'],
  'insight.monthlyTopic':     ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'hidden'],
  // The topic's owner (李秀英) and the admins record its milestones.
  'insight.recordMilestone':  ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'FORBIDDEN', 'allow', 'NOT_FOUND'],
  'disclosure.catalogue':     ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'allow'],
  'disclosure.setCategory':   ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'allow'],
  'disclosure.list':          ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'hidden'],
  'disclosure.list#drafts':   ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'hidden'],
  'disclosure.get':           ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'NOT_FOUND'],
  'disclosure.get#draft':     ['deny',    'deny',   'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'allow', 'allow', 'allow', 'NOT_FOUND'],
  'disclosure.draft':         ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'allow'],
  'disclosure.draft#edit':    ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'NOT_FOUND'],
  'disclosure.review':        ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'NOT_FOUND'],
  'disclosure.publish':       ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND'],
  'disclosure.correct':       ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'NOT_FOUND'],
  // The committee's rows: otherResident (马大爷) sits on it as 主任; 刘阿姨 (resident) asks.
  'disclosure.calendar':      ['deny',    'deny',   'deny',   'allow',  'deny',   'allow',  'allow',  'allow',  'allow'],
  'disclosure.opinion':       ['deny',    'deny',   'deny',   'allow',  'deny',   'deny',   'deny',   'deny',   'deny'],
  'disclosure.respond':       ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'NOT_FOUND'],
  'disclosure.opinionQueue':  ['deny',    'deny',   'deny',   'allow',  'deny',   'hidden', 'hidden', 'hidden', 'hidden'],
  'disclosure.opinionQueue#objections': ['deny', 'deny', 'deny', 'allow', 'deny', 'allow', 'allow', 'allow', 'hidden'],
  'disclosure.ask':           ['deny',    'deny',   'allow',  'allow',  'deny',   'deny',   'deny',   'deny',   'deny'],
  'disclosure.answer':        ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'NOT_FOUND'],
  'disclosure.questions':     ['deny',    'deny',   'allow',  'allow',  'deny',   'allow',  'allow',  'allow',  'hidden'],
  'disclosure.questions#mine': ['deny',   'deny',   'allow',  'hidden', 'deny',   'hidden', 'hidden', 'hidden', 'hidden'],
  'supervision.committee':    ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'hidden'],
  'supervision.appoint':      ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'allow'],
  // 街道: the subdistrict admin's own actions (last cell: the subdistrict column). The code
  // opens a new community to whoever redeems it: a visitor becomes its admin; members of a
  // community are refused.
  'subdistrict.overview':     ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow'],
  'subdistrict.createCommunity': ['deny', 'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow'],
  'subdistrict.issueAdminCode': ['deny',  'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow'],
  'subdistrict.escalations':  ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow'],
  'subdistrict.redeemAdminCode': ['deny', 'allow',  'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny'],
  'notice.list':              ['deny',    'deny',   'allow',  'allow',  'allow',  'allow',  'allow',  'allow',  'hidden'],
  'notice.publish':           ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'allow'],
  'notice.withdraw':          ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND'],
  'visit.log':                ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'visit.list':               ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'visit.list#grid':          ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'visit.coverage':           ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  'visit.setCare':            ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND', 'allow', 'NOT_FOUND'],
  // 今日待办: staff only, each their own list (the lead's and the admins' hours to verify).
  'workbench.today':          ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'hidden', 'allow',  'hidden'],

  // 定期评事: the whole community's report for all its staff (no resident in it); issuing and addenda are the admins'.
  // The subdistrict admin must name the community (communityId): without it, the field is named.
  'report.list':              ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'hidden', 'VALIDATION_ERROR'],
  'report.get':               ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'NOT_FOUND', 'VALIDATION_ERROR'],
  'report.get#community':     ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'NOT_FOUND', 'allow'],
  'report.list#community':    ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'NOT_FOUND', 'allow'],
  'report.issue':             ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'own'],
  'report.addendum':          ['deny',    'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'allow',  'NOT_FOUND'],
  'report.export':            ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'allow',  'allow',  'NOT_FOUND'],
  // The services sheet: each staff member's own services (a grid worker's have no names).
  'booking.export':           ['deny',    'deny',   'deny',   'deny',   'deny',   'allow',  'own',    'allow',  'own'],
});

/**
 * Cells where the backend does not do what the table says today. Each is a real bug,
 * described in full in the report; its test is `test.failing`, so fixing the bug turns
 * the marker red until it is removed from here.
 */
export const KNOWN_BUGS: Record<string, string> = {};
