import { knownMemberId, pageMemberId } from '../../../miniprogram/services/member';
import { fail, ok } from '../../../miniprogram/core/envelope';

const me = (memberId: string) => ok({ memberId, roles: ['resident' as const], gridIds: [], allowedActions: [] });

describe('a page’s member id', () => {
  it('is read once and remembered', async () => {
    const page = {};
    const fetch = jest.fn(async () => me('m1'));
    expect(await Promise.all([pageMemberId(page, fetch), pageMemberId(page, fetch)])).toEqual(['m1', 'm1']);
    expect(await pageMemberId(page, fetch)).toBe('m1');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(knownMemberId(page)).toBe('m1');
  });

  it('is asked again after a failure', async () => {
    const page = {};
    const fetch = jest.fn().mockResolvedValueOnce(fail('NETWORK_ERROR')).mockResolvedValueOnce(me('m2'));
    expect(await pageMemberId(page, fetch)).toBe('');
    expect(await pageMemberId(page, fetch)).toBe('m2');
  });
});
