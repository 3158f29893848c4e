/**
 * The rolls polls are decided against: the household roll (户, from the bindings staff
 * verified, with the 户代表 and minors staff set) and the owner register (业主, imported from
 * the community's sheet and corrected in the app). Every change is audited; a poll freezes
 * what the roll says when it opens (census.ts).
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';
import { correctRoll } from './correct-roll';
import { ROLL_EVENTS } from './events';
import { importRoll } from './import-roll';
import { listRoll } from './list-roll';
import { rollPersonalData } from './personal-data';

const HOUR = 3600;

export const rollManifest = {
  name: 'roll',
  actions: {
    'roll.list': bind(contracts['roll.list'], listRoll),
    'roll.import': bind(contracts['roll.import'], importRoll),
    'roll.correct': bind(contracts['roll.correct'], correctRoll),
  },
  collections: {
    // The register is the community's (names of owners as the property office keeps them).
    ownerUnits: {
      indexes: [
        ['communityId', 'createdAt', '_id'],
        ['communityId', 'buildingId', 'createdAt', '_id'],
        // roll.list pages the register in address order, whole or by building.
        ['communityId', 'sortKey', '_id'],
        ['communityId', 'buildingId', 'sortKey', '_id'],
      ],
      holds: 'shared',
    },
    householdRolls: { indexes: [['communityId', 'updatedAt', '_id']], holds: 'shared' },
  },
  rateLimits: {
    'roll.import': [{ limit: 20, windowSeconds: HOUR }],
  },
  events: ROLL_EVENTS,
  personalData: rollPersonalData,
} satisfies FeatureManifest<'roll'>;
