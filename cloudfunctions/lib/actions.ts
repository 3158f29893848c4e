/**
 * The action table: every contract bound to its use case. Adding a contract without a
 * handler here fails type-checking; the wrapper (kernel/dispatch.ts) does the rest.
 */
import type { ActionContract } from '../../miniprogram/core/action';
import { contracts } from '../../miniprogram/core/contracts';
import { bind, type ActionDef, type ActionTable } from './kernel/action';
import { closeSlots, setSchedule, upsertService } from './features/booking/admin-services';
import { cancelBooking } from './features/booking/cancel-booking';
import { getService, listServices, listSlots } from './features/booking/catalogue';
import { checkIn, markNoShow } from './features/booking/check-in';
import { confirmPromotion } from './features/booking/confirm-promotion';
import { createBooking } from './features/booking/create-booking';
import { listForSlot, listMyBookings } from './features/booking/my-bookings';
import { rateBooking } from './features/booking/rate-booking';
import { serviceStats } from './features/booking/service-stats';
import { listBuildings } from './features/community/list-buildings';
import { listCommunities } from './features/community/list-communities';
import { listGrids } from './features/community/list-grids';
import { updateCommunity } from './features/community/update-community';
import { upsertBuilding } from './features/community/upsert-building';
import { upsertGrid } from './features/community/upsert-grid';
import { acceptConcern } from './features/concern/accept-concern';
import { concernQueue } from './features/concern/concern-queue';
import { concernStats } from './features/concern/concern-stats';
import { exportArchive } from './features/concern/export-archive';
import { mergeConcern } from './features/concern/merge-concern';
import { noteConcern } from './features/concern/note-concern';
import { rateConcern } from './features/concern/rate-concern';
import { reopenConcern } from './features/concern/reopen-concern';
import { replyConcern } from './features/concern/reply-concern';
import { reportBack } from './features/concern/report-back';
import { requestInfo } from './features/concern/request-info';
import { resolveConcern } from './features/concern/resolve-concern';
import { supplementConcern } from './features/concern/supplement-concern';
import { transferConcern } from './features/concern/transfer-concern';
import { upsertCategory } from './features/concern/upsert-category';
import { whistleConcern } from './features/concern/whistle-concern';
import { withdrawConcern } from './features/concern/withdraw-concern';
import { setAway } from './features/staff/set-away';
import { getConcern } from './features/concern/get-concern';
import { listCategories } from './features/concern/list-categories';
import { listMyConcerns } from './features/concern/list-my-concerns';
import { submitConcern } from './features/concern/submit-concern';
import { getMe } from './features/member/get-me';
import { issueInvites } from './features/member/issue-invites';
import { listRequests } from './features/member/list-requests';
import { redeemInvite } from './features/member/redeem-invite';
import { requestBinding } from './features/member/request-binding';
import { reviewRequest } from './features/member/review-request';
import { setRoles } from './features/member/set-roles';
import { mediaUrls } from './features/media/media-urls';
import { registerMedia } from './features/media/register-media';
import { decideModeration, moderationQueue } from './features/moderation/decide';
import { reportContent } from './features/moderation/report';
import { cancelDeletion, requestDeletion } from './features/privacy/deletion';
import { exportMyData } from './features/privacy/export';
import { setPhone } from './features/privacy/phone';
import { describeActions } from './features/meta/describe';
import { recordConsent, templatesFor } from './features/notify/consent';
import { listInbox, markRead, unreadCount } from './features/notify/inbox';

const c = contracts;

export const actionTable: ActionTable = {
  'meta.describe': bind(c['meta.describe'], describeActions),
  'member.me': bind(c['member.me'], getMe),
  'member.requestBinding': bind(c['member.requestBinding'], requestBinding),
  'member.redeemInvite': bind(c['member.redeemInvite'], redeemInvite),
  'member.listRequests': bind(c['member.listRequests'], listRequests),
  'member.reviewRequest': bind(c['member.reviewRequest'], reviewRequest),
  'member.setRoles': bind(c['member.setRoles'], setRoles),
  'member.issueInvites': bind(c['member.issueInvites'], issueInvites),
  'community.update': bind(c['community.update'], updateCommunity),
  'community.list': bind(c['community.list'], listCommunities),
  'community.buildings': bind(c['community.buildings'], listBuildings),
  'community.grids': bind(c['community.grids'], listGrids),
  'community.upsertGrid': bind(c['community.upsertGrid'], upsertGrid),
  'community.upsertBuilding': bind(c['community.upsertBuilding'], upsertBuilding),
  'concern.categories': bind(c['concern.categories'], listCategories),
  'concern.submit': bind(c['concern.submit'], submitConcern),
  'concern.listMine': bind(c['concern.listMine'], listMyConcerns),
  'concern.get': bind(c['concern.get'], getConcern),
  'concern.queue': bind(c['concern.queue'], concernQueue),
  'concern.accept': bind(c['concern.accept'], acceptConcern),
  'concern.reply': bind(c['concern.reply'], replyConcern),
  'concern.note': bind(c['concern.note'], noteConcern),
  'concern.requestInfo': bind(c['concern.requestInfo'], requestInfo),
  'concern.supplement': bind(c['concern.supplement'], supplementConcern),
  'concern.transfer': bind(c['concern.transfer'], transferConcern),
  'concern.whistle': bind(c['concern.whistle'], whistleConcern),
  'concern.reportBack': bind(c['concern.reportBack'], reportBack),
  'concern.merge': bind(c['concern.merge'], mergeConcern),
  'concern.resolve': bind(c['concern.resolve'], resolveConcern),
  'concern.rate': bind(c['concern.rate'], rateConcern),
  'concern.reopen': bind(c['concern.reopen'], reopenConcern),
  'concern.withdraw': bind(c['concern.withdraw'], withdrawConcern),
  'concern.stats': bind(c['concern.stats'], concernStats),
  'concern.export': bind(c['concern.export'], exportArchive),
  'concern.upsertCategory': bind(c['concern.upsertCategory'], upsertCategory),
  'staff.setAway': bind(c['staff.setAway'], setAway),
  'booking.services': bind(c['booking.services'], listServices),
  'booking.service': bind(c['booking.service'], getService),
  'booking.slots': bind(c['booking.slots'], listSlots),
  'booking.create': bind(c['booking.create'], createBooking),
  'booking.cancel': bind(c['booking.cancel'], cancelBooking),
  'booking.confirmPromotion': bind(c['booking.confirmPromotion'], confirmPromotion),
  'booking.listMine': bind(c['booking.listMine'], listMyBookings),
  'booking.listForSlot': bind(c['booking.listForSlot'], listForSlot),
  'booking.checkIn': bind(c['booking.checkIn'], checkIn),
  'booking.markNoShow': bind(c['booking.markNoShow'], markNoShow),
  'booking.rate': bind(c['booking.rate'], rateBooking),
  'booking.upsertService': bind(c['booking.upsertService'], upsertService),
  'booking.setSchedule': bind(c['booking.setSchedule'], setSchedule),
  'booking.closeSlots': bind(c['booking.closeSlots'], closeSlots),
  'booking.stats': bind(c['booking.stats'], serviceStats),
  'notify.inbox': bind(c['notify.inbox'], listInbox),
  'notify.unreadCount': bind(c['notify.unreadCount'], unreadCount),
  'notify.markRead': bind(c['notify.markRead'], markRead),
  'notify.templates': bind(c['notify.templates'], templatesFor),
  'notify.recordConsent': bind(c['notify.recordConsent'], recordConsent),
  'media.register': bind(c['media.register'], registerMedia),
  'media.urls': bind(c['media.urls'], mediaUrls),
  'moderation.queue': bind(c['moderation.queue'], moderationQueue),
  'moderation.decide': bind(c['moderation.decide'], decideModeration),
  'moderation.report': bind(c['moderation.report'], reportContent),
  'privacy.setPhone': bind(c['privacy.setPhone'], setPhone),
  'privacy.export': bind(c['privacy.export'], exportMyData),
  'privacy.requestDeletion': bind(c['privacy.requestDeletion'], requestDeletion),
  'privacy.cancelDeletion': bind(c['privacy.cancelDeletion'], cancelDeletion),
};

/** Own-property lookup only: `__proto__` or `constructor` as an action name finds nothing. */
export function lookupAction(name: string): ActionDef<ActionContract> | undefined {
  return Object.prototype.hasOwnProperty.call(actionTable, name)
    ? (actionTable[name as keyof ActionTable] as unknown as ActionDef<ActionContract>)
    : undefined;
}
