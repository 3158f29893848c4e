/**
 * Every action the backend offers, in one list. The server binds a handler to each entry
 * (a missing one fails type-checking); the mini-program and the docs read it as data.
 */
import * as community from './community/contract';
import * as concern from './concern/contract';
import * as membership from './membership/contract';
import * as meta from './meta/contract';

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
  'admin.upsertCategory': concern.upsertCategory,
  'staff.setAway': concern.setAway,
} as const;

export type Contracts = typeof contracts;
export type ActionName = keyof Contracts;
