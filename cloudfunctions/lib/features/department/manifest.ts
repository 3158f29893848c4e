import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { listDepartments, prefetchDepartments } from './list-departments';
import { upsertDepartment } from './upsert-department';
import { issueDepartmentCode } from './issue-code';
import { redeemDepartmentCode } from './redeem-code';
import { removeDepartmentContact } from './remove-contact';
import { departmentQueue, prefetchQueue } from './department-queue';
import { getDepartmentRequest, prefetchRequest } from './get-request';
import { answerDepartmentRequest } from './answer-request';
import { DEPARTMENT_EVENTS } from './events';

const HOUR = 3600;
/**
 * The department directory and its contact persons' desk. Whistles (concern.whistle) pick
 * an entry; the contact sees and answers what was whistled to it. Above the concern
 * feature: it reads and commits concerns; the concern side reads entries only by id.
 */
export const departmentManifest = {
  name: 'department',
  actions: {
    'department.list': bind(contracts['department.list'], listDepartments, { prefetch: prefetchDepartments }),
    'department.upsert': bind(contracts['department.upsert'], upsertDepartment),
    'department.issueCode': bind(contracts['department.issueCode'], issueDepartmentCode),
    'department.redeemCode': bind(contracts['department.redeemCode'], redeemDepartmentCode),
    'department.removeContact': bind(contracts['department.removeContact'], removeDepartmentContact),
    'department.queue': bind(contracts['department.queue'], departmentQueue, { prefetch: prefetchQueue }),
    'department.request': bind(contracts['department.request'], getDepartmentRequest, { prefetch: prefetchRequest }),
    'department.answer': bind(contracts['department.answer'], answerDepartmentRequest, { prefetch: prefetchRequest }),
  },
  collections: {
    departments: {
      indexes: [
        ['communityId', 'createdAt', '_id'],
        // Shared entries of a subdistrict, seen by its other communities.
        ['subdistrict', 'shared', 'createdAt', '_id'],
      ],
      holds: 'shared',
    },
    departmentCodes: { indexes: [['communityId', 'departmentId', 'createdAt', '_id']], holds: 'shared' },
    departmentAnswers: { indexes: [['departmentId', 'at', '_id'], ['communityId', 'at', '_id']], holds: 'bookkeeping' },
  },
  rateLimits: {
    'department.redeemCode': [{ limit: 10, windowSeconds: HOUR }],
    'department.answer': [{ limit: 60, windowSeconds: HOUR }],
  },
  events: DEPARTMENT_EVENTS,
} satisfies FeatureManifest<'department'>;
