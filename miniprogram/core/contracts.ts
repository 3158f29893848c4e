/**
 * Every action the backend offers, in one list. The server binds a handler to each entry
 * (a missing one fails type-checking); the mini-program and the docs read it as data.
 */
import * as booking from './booking/contract';
import * as community from './community/contract';
import * as concern from './concern/contract';
import * as membership from './membership/contract';
import * as media from './media/contract';
import * as meta from './meta/contract';
import * as moderation from './moderation/contract';
import * as privacy from './privacy/contract';
import * as notify from './notify/contract';

export const contracts = {
  'meta.describe': meta.describe,
  'me.get': membership.getMe,
  'member.requestBinding': membership.requestBinding,
  'member.redeemInvite': membership.redeemInvite,
  'member.listRequests': membership.listRequests,
  'member.reviewRequest': membership.reviewRequest,
  'admin.setRoles': membership.setRoles,
  'admin.issueInvites': membership.issueInvites,
  'community.list': community.listCommunities,
  'community.buildings': community.listBuildings,
  'community.grids': community.listGrids,
  'admin.upsertGrid': community.upsertGrid,
  'admin.upsertBuilding': community.upsertBuilding,
  'admin.updateCommunity': community.updateCommunity,
  'concern.categories': concern.listCategories,
  'concern.submit': concern.submitConcern,
  'concern.listMine': concern.listMyConcerns,
  'concern.get': concern.getConcern,
  'concern.queue': concern.concernQueue,
  'concern.accept': concern.acceptConcern,
  'concern.reply': concern.replyConcern,
  'concern.note': concern.noteConcern,
  'concern.requestInfo': concern.requestInfo,
  'concern.supplement': concern.supplementConcern,
  'concern.transfer': concern.transferConcern,
  'concern.whistle': concern.whistleConcern,
  'concern.reportBack': concern.reportBack,
  'concern.merge': concern.mergeConcern,
  'concern.resolve': concern.resolveConcern,
  'concern.rate': concern.rateConcern,
  'concern.reopen': concern.reopenConcern,
  'concern.withdraw': concern.withdrawConcern,
  'concern.stats': concern.concernStats,
  'concern.export': concern.exportArchive,
  'admin.upsertCategory': concern.upsertCategory,
  'staff.setAway': concern.setAway,
  'service.list': booking.listServices,
  'service.get': booking.getService,
  'service.slots': booking.listSlots,
  'booking.create': booking.createBooking,
  'booking.cancel': booking.cancelBooking,
  'booking.confirmPromotion': booking.confirmPromotion,
  'booking.listMine': booking.listMyBookings,
  'booking.listForSlot': booking.listForSlot,
  'booking.checkIn': booking.checkIn,
  'booking.markNoShow': booking.markNoShow,
  'booking.rate': booking.rateBooking,
  'admin.upsertService': booking.upsertService,
  'admin.setSchedule': booking.setSchedule,
  'admin.closeSlots': booking.closeSlots,
  'service.stats': booking.serviceStats,
  'inbox.list': notify.listInbox,
  'inbox.unreadCount': notify.unreadCount,
  'inbox.markRead': notify.markRead,
  'notify.templates': notify.templatesFor,
  'notify.recordConsent': notify.recordConsent,
  'media.register': media.registerMedia,
  'media.urls': media.mediaUrls,
  'moderation.queue': moderation.moderationQueue,
  'moderation.decide': moderation.decideModeration,
  'content.report': moderation.reportContent,
  'member.setPhone': privacy.setPhone,
  'privacy.export': privacy.exportMyData,
  'privacy.requestDeletion': privacy.requestDeletion,
  'privacy.cancelDeletion': privacy.cancelDeletion,
} as const;

export type Contracts = typeof contracts;
export type ActionName = keyof Contracts;
