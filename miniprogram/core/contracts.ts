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
import * as audit from './audit/contract';
import * as volunteer from './volunteer/contract';
import * as checkInContract from './volunteer/check-in-contract';
import * as hours from './hours/contract';
import * as certificate from './volunteer/certificate';
import * as poll from './poll/contract';

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
  'member.leaveHousehold': membership.leaveHousehold,
  'member.removeFromHousehold': membership.removeFromHousehold,
  'member.setName': membership.setName,
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
  'concern.counts': concern.concernCounts,
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
  'audit.log': audit.auditLog,
  'volunteer.register': volunteer.registerVolunteer,
  'volunteer.profile': volunteer.volunteerProfile,
  'volunteer.verify': volunteer.verifyVolunteer,
  'volunteer.list': volunteer.listVolunteers,
  'team.list': volunteer.listTeams,
  'team.join': volunteer.joinTeam,
  'team.upsert': volunteer.upsertTeam,
  'activity.list': volunteer.listActivities,
  'activity.get': volunteer.getActivity,
  'activity.upsert': volunteer.upsertActivity,
  'activity.publish': volunteer.publishActivity,
  'activity.cancel': volunteer.cancelActivity,
  'activity.signup': volunteer.signUp,
  'activity.withdraw': volunteer.withdrawSignup,
  'activity.confirm': volunteer.confirmSignup,
  'activity.mine': volunteer.mySignups,
  'activity.roster': volunteer.activityRoster,
  'activity.checkInCode': checkInContract.checkInCode,
  'activity.checkIn': checkInContract.checkIn,
  'activity.checkOut': checkInContract.checkOut,
  'activity.checkInByHand': checkInContract.checkInByHand,
  'hours.mine': hours.myHours,
  'hours.pending': hours.pendingHours,
  'hours.verify': hours.verifyHours,
  'hours.adjust': hours.adjustHours,
  'hours.dispute': hours.disputeHours,
  'hours.disputes': hours.listDisputes,
  'hours.answerDispute': hours.answerDispute,
  'hours.anomalies': hours.hourAnomalies,
  // 志愿服务记录证明 and the subdistrict's sheets (the hours feature's certificate section).
  'hours.certificate': certificate.issueCertificate,
  'hours.certificates': certificate.listCertificates,
  'hours.revokeCertificate': certificate.revokeCertificate,
  'hours.verifyCertificate': certificate.verifyCertificate,
  'hours.export': certificate.exportSheet,
  // 投票表决: the rolls, then polls and their ballots.
  'roll.list': poll.listRoll,
  'roll.import': poll.importRoll,
  'roll.correct': poll.correctRoll,
  'poll.create': poll.createPoll,
  'poll.list': poll.listPolls,
  'poll.get': poll.getPoll,
  'poll.vote': poll.vote,
  'poll.myBallot': poll.myBallot,
  'poll.roll': poll.pollRoll,
  'poll.enterPaperBallot': poll.enterPaperBallot,
  'poll.confirmPaperBallot': poll.confirmPaperBallot,
  'poll.pendingPaper': poll.pendingPaperBallots,
  'poll.recordHands': poll.recordHands,
  'poll.close': poll.closePoll,
  'poll.cancel': poll.cancelPoll,
  'poll.results': poll.pollResults,
  'poll.publish': poll.publishPoll,
} as const;

export type Contracts = typeof contracts;
export type { ActionName };

// The name list (action-names.ts) and this table must hold the same actions, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchTable: Same<ActionName, keyof Contracts> = true;
void namesMatchTable;
