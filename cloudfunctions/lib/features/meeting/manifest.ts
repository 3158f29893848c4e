/**
 * meeting: manifest. PLACEHOLDER while the feature is built: each action below is bound to
 * `notBuilt` until its use case lands; the lead removes `notBuilt` before merging to main.
 */
import { contracts } from '../../../../miniprogram/core/contracts';
import { AppError } from '../../../../miniprogram/core/errors';
import { bind } from '../../kernel/action';
import type { FeatureManifest } from '../../kernel/feature';

const notBuilt = async (): Promise<never> => {
  throw new AppError('INTERNAL', '功能建设中');
};

export const meetingManifest = {
  name: 'meeting',
  actions: {
    'meeting.create': bind(contracts['meeting.create'], notBuilt),
    'meeting.list': bind(contracts['meeting.list'], notBuilt),
    'meeting.get': bind(contracts['meeting.get'], notBuilt),
    'meeting.cancel': bind(contracts['meeting.cancel'], notBuilt),
    'meeting.register': bind(contracts['meeting.register'], notBuilt),
    'meeting.unregister': bind(contracts['meeting.unregister'], notBuilt),
    'meeting.signInCode': bind(contracts['meeting.signInCode'], notBuilt),
    'meeting.signIn': bind(contracts['meeting.signIn'], notBuilt),
    'meeting.markLeft': bind(contracts['meeting.markLeft'], notBuilt),
    'meeting.attendance': bind(contracts['meeting.attendance'], notBuilt),
    'meeting.grantProxy': bind(contracts['meeting.grantProxy'], notBuilt),
    'meeting.acceptProxy': bind(contracts['meeting.acceptProxy'], notBuilt),
    'meeting.recordPaperProxy': bind(contracts['meeting.recordPaperProxy'], notBuilt),
    'meeting.confirmProxy': bind(contracts['meeting.confirmProxy'], notBuilt),
    'meeting.revokeProxy': bind(contracts['meeting.revokeProxy'], notBuilt),
    'meeting.proxies': bind(contracts['meeting.proxies'], notBuilt),
    'meeting.openVote': bind(contracts['meeting.openVote'], notBuilt),
    'meeting.closeVote': bind(contracts['meeting.closeVote'], notBuilt),
    'meeting.end': bind(contracts['meeting.end'], notBuilt),
    'meeting.saveMinutes': bind(contracts['meeting.saveMinutes'], notBuilt),
    'meeting.approveMinutes': bind(contracts['meeting.approveMinutes'], notBuilt),
    'meeting.minutes': bind(contracts['meeting.minutes'], notBuilt),
  },
  collections: {},
} satisfies FeatureManifest<'meeting'>;
