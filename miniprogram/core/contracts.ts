/**
 * Every action the backend offers, in one list. The server binds a handler to each entry
 * (a missing one fails type-checking); the mini-program and the docs read it as data.
 */
import type { ActionName } from './action-names';
import * as booking from './booking/contract';
import * as community from './community/contract';
import * as concern from './concern/contract';
import * as membership from './member/contract';
import * as media from './media/contract';
import * as meta from './meta/contract';
import * as moderation from './moderation/contract';
import * as privacy from './privacy/contract';
import * as notify from './notify/contract';
import * as department from './department/contract';
import * as certificate from './volunteer/certificate';

export const contracts = {
  'meta.describe': meta.describe,
  'member.me': membership.getMe,
  'member.requestBinding': membership.requestBinding,
  'member.redeemInvite': membership.redeemInvite,
  'member.listRequests': membership.listRequests,
  'member.reviewRequest': membership.reviewRequest,
  'member.setRoles': membership.setRoles,
  'member.issueInvites': membership.issueInvites,
  'member.find': membership.findMembers,
  'community.list': community.listCommunities,
  'community.buildings': community.listBuildings,
  'community.grids': community.listGrids,
  'community.upsertGrid': community.upsertGrid,
  'community.upsertBuilding': community.upsertBuilding,
  'community.update': community.updateCommunity,
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
  'concern.upsertCategory': concern.upsertCategory,
  'concern.fileFor': concern.fileConcernFor,
  'concern.urge': concern.urgeConcern,
  'staff.setAway': concern.setAway,
  'booking.services': booking.listServices,
  'booking.service': booking.getService,
  'booking.slots': booking.listSlots,
  'booking.create': booking.createBooking,
  'booking.cancel': booking.cancelBooking,
  'booking.confirmPromotion': booking.confirmPromotion,
  'booking.listMine': booking.listMyBookings,
  'booking.listForSlot': booking.listForSlot,
  'booking.checkIn': booking.checkIn,
  'booking.markNoShow': booking.markNoShow,
  'booking.rate': booking.rateBooking,
  'booking.upsertService': booking.upsertService,
  'booking.setSchedule': booking.setSchedule,
  'booking.closeSlots': booking.closeSlots,
  'booking.stats': booking.serviceStats,
  'notify.inbox': notify.listInbox,
  'notify.unreadCount': notify.unreadCount,
  'notify.markRead': notify.markRead,
  'notify.templates': notify.templatesFor,
  'notify.recordConsent': notify.recordConsent,
  'media.register': media.registerMedia,
  'media.urls': media.mediaUrls,
  'moderation.queue': moderation.moderationQueue,
  'moderation.decide': moderation.decideModeration,
  'moderation.report': moderation.reportContent,
  'privacy.setPhone': privacy.setPhone,
  'privacy.export': privacy.exportMyData,
  'privacy.requestDeletion': privacy.requestDeletion,
  'privacy.cancelDeletion': privacy.cancelDeletion,
  'department.list': department.listDepartments,
  'department.upsert': department.upsertDepartment,
  'department.issueCode': department.issueDepartmentCode,
  'department.redeemCode': department.redeemDepartmentCode,
  'department.removeContact': department.removeDepartmentContact,
  'department.queue': department.departmentQueue,
  'department.request': department.getDepartmentRequest,
  'department.answer': department.answerDepartmentRequest,
  // 志愿服务记录证明 and the subdistrict's sheets (the hours feature's certificate section).
  'hours.certificate': certificate.issueCertificate,
  'hours.certificates': certificate.listCertificates,
  'hours.revokeCertificate': certificate.revokeCertificate,
  'hours.verifyCertificate': certificate.verifyCertificate,
  'hours.export': certificate.exportSheet,
} as const;

export type Contracts = typeof contracts;
export type { ActionName };

// The name list (action-names.ts) and this table must hold the same actions, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchTable: Same<ActionName, keyof Contracts> = true;
void namesMatchTable;
