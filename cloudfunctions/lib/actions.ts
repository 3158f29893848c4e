/**
 * The action table: every contract bound to its use case. Adding a contract without a
 * handler here fails type-checking; the wrapper (kernel/dispatch.ts) does the rest.
 */
import type { ActionContract } from '../../miniprogram/core/action';
import { contracts } from '../../miniprogram/core/contracts';
import { bind, type ActionDef, type ActionTable } from './kernel/action';
import { listBuildings } from './features/community/list-buildings';
import { listCommunities } from './features/community/list-communities';
import { listGrids } from './features/community/list-grids';
import { updateCommunity } from './features/community/update-community';
import { upsertBuilding } from './features/community/upsert-building';
import { upsertGrid } from './features/community/upsert-grid';
import { concernQueue } from './features/concern/concern-queue';
import { getConcern } from './features/concern/get-concern';
import { listCategories } from './features/concern/list-categories';
import { listMyConcerns } from './features/concern/list-my-concerns';
import { submitConcern } from './features/concern/submit-concern';
import { getMe } from './features/membership/get-me';
import { issueInvites } from './features/membership/issue-invites';
import { listRequests } from './features/membership/list-requests';
import { redeemInvite } from './features/membership/redeem-invite';
import { requestBinding } from './features/membership/request-binding';
import { reviewRequest } from './features/membership/review-request';
import { setRoles } from './features/membership/set-roles';
import { describeActions } from './features/meta/describe';

const c = contracts;

export const actionTable: ActionTable = {
  'meta.describe': bind(c['meta.describe'], describeActions),
  'me.get': bind(c['me.get'], getMe),
  'member.requestBinding': bind(c['member.requestBinding'], requestBinding),
  'member.redeemInvite': bind(c['member.redeemInvite'], redeemInvite),
  'member.listRequests': bind(c['member.listRequests'], listRequests),
  'member.reviewRequest': bind(c['member.reviewRequest'], reviewRequest),
  'admin.setRoles': bind(c['admin.setRoles'], setRoles),
  'admin.issueInvites': bind(c['admin.issueInvites'], issueInvites),
  'admin.updateCommunity': bind(c['admin.updateCommunity'], updateCommunity),
  'community.list': bind(c['community.list'], listCommunities),
  'community.buildings': bind(c['community.buildings'], listBuildings),
  'community.grids': bind(c['community.grids'], listGrids),
  'admin.upsertGrid': bind(c['admin.upsertGrid'], upsertGrid),
  'admin.upsertBuilding': bind(c['admin.upsertBuilding'], upsertBuilding),
  'concern.categories': bind(c['concern.categories'], listCategories),
  'concern.submit': bind(c['concern.submit'], submitConcern),
  'concern.listMine': bind(c['concern.listMine'], listMyConcerns),
  'concern.get': bind(c['concern.get'], getConcern),
  'concern.queue': bind(c['concern.queue'], concernQueue),
};

/** Own-property lookup only: `__proto__` or `constructor` as an action name finds nothing. */
export function lookupAction(name: string): ActionDef<ActionContract> | undefined {
  return Object.prototype.hasOwnProperty.call(actionTable, name)
    ? (actionTable[name as keyof ActionTable] as unknown as ActionDef<ActionContract>)
    : undefined;
}
