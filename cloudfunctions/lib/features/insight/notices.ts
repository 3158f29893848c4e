import type { NoticeSpec } from '../../kernel/feature';

/** The admins hear of a proposed case; a task's owner hears it is theirs. */
export const INSIGHT_NOTICES = {
  'insight.caseProposed': { audience: 'staff', template: 'staffTask' },
  'insight.taskAssigned': { audience: 'staff', template: 'staffTask' },
  'insight.topicOwner': { audience: 'staff', template: 'staffTask' },
} as const satisfies Record<string, NoticeSpec>;

type Kinds = typeof INSIGHT_NOTICES;

declare module '../../ports/platform' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NoticeKinds extends Kinds {}
}

export const CASES_PAGE = '/staff/cases/index';
export const INSIGHTS_PAGE = '/staff/insights/index';
