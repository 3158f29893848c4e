import type { ConcernStatus } from '../../../../miniprogram/core/concern/contract';
import type { ContentVerdict } from '../../ports/platform';
import type { Doc } from '../../ports/store';

export interface CategoryRecord extends Doc {
  communityId: string;
  name: string;
  contactHours: number;
  resolveDays: number;
  order: number;
  active: boolean;
}

/** How the concern reached its current handler: the routing chain step that picked them. */
export type RouteStep = 'workerA' | 'workerB' | 'community';

export interface ConcernRecord extends Doc {
  communityId: string;
  /** 受理编号, e.g. `20261128-0007`: what a resident quotes on the phone. */
  number: string;
  authorId: string;
  householdId: string;
  buildingId: string;
  buildingName: string;
  gridId: string;
  category: string;
  categoryName: string;
  text: string;
  hideName: boolean;
  /** Author's name at submit time, for staff; never shown to other residents. */
  authorName: string | null;
  status: ConcernStatus;
  /** Current handler; null means the community admins' shared queue. */
  assigneeId: string | null;
  routedVia: RouteStep;
  /** 首接负责: the first staff member to sign for it stays responsible until closed. */
  firstResponderId: string | null;
  moderation: ContentVerdict;
  contactDueAt: number;
  resolveDueAt: number;
  requestHash: string;
  createdAt: number;
  updatedAt: number;
}

export const concernSubject = (id: string) => `concern:${id}`;
