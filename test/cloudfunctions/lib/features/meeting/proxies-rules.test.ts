import { agentRefusal, beforeItsVote, isProxyCode, maskedName, PROXY_CODE_ALPHABET, principalLabelOf, type AgentCheck } from '../../../../../cloudfunctions/lib/features/meeting/proxy-rules';

const ok: AgentCheck = { principalMemberIds: ['p1', 'p2'], principalHolds: 0, agentMemberId: 'a', agentOnRoll: true, agentGranted: 0, agentHolds: 0, cap: 1 };

describe('proxy codes leave out what an elderly reader could mistake', () => {
  it('uses A–Z and 2–9 without O, I, 0 or 1', () => {
    expect(PROXY_CODE_ALPHABET).toHaveLength(32);
    for (const c of 'OI01') expect(PROXY_CODE_ALPHABET).not.toContain(c);
    expect(isProxyCode('AB23XY')).toBe(true);
    expect(isProxyCode('AB0XYZ')).toBe(false);
    expect(isProxyCode('ABCDE')).toBe(false);
  });
});

describe('who may stand in for an entry', () => {
  it('accepts another person on the roll who gave nothing away and holds nothing', () => {
    expect(agentRefusal(ok, 'code')).toBeNull();
  });

  it('refuses the principal’s own entry, someone off the roll, either end of a chain, and past the cap', () => {
    expect(agentRefusal({ ...ok, agentMemberId: 'p2' }, 'code')?.code).toBe('FORBIDDEN');
    expect(agentRefusal({ ...ok, agentOnRoll: false }, 'code')?.message).toBe('受托人须是本次会议名册上的人');
    expect(agentRefusal({ ...ok, principalHolds: 1 }, 'code')?.message).toMatch(/^委托人已接受他人的委托/);
    expect(agentRefusal({ ...ok, agentGranted: 1 }, 'code')?.message).toMatch(/^受托人已把自己的表决权委托给他人/);
    expect(agentRefusal({ ...ok, agentHolds: 1 }, 'agentMemberId')).toEqual({ code: 'CONFLICT', field: 'agentMemberId', message: '受托人已接受了一份委托，每位受托人只能代表一位委托人' });
    expect(agentRefusal({ ...ok, agentHolds: 1, cap: 2 }, 'code')).toBeNull();
  });
});

describe('until when a proxy may be granted or revoked', () => {
  const agenda = [
    { itemId: 'i1', status: 'adopted' as const, openedAt: 1 },
    { itemId: 'i2', status: 'pending' as const, openedAt: null },
  ];
  it('closes the whole meeting’s proxies with the first vote and an item’s with its own', () => {
    expect(beforeItsVote(agenda, null)).toBe(false);
    expect(beforeItsVote(agenda, 'i1')).toBe(false);
    expect(beforeItsVote(agenda, 'i2')).toBe(true);
    expect(beforeItsVote(agenda.map((i) => ({ ...i, status: 'pending' as const, openedAt: null })), null)).toBe(true);
    expect(beforeItsVote(agenda, 'nope')).toBe(false);
  });
});

describe('the principal as the agent sees them', () => {
  it('is the entry with the surname and 某, never the full name', () => {
    expect(maskedName('王秀英')).toBe('王某');
    expect(principalLabelOf('household', { label: '3号楼 2单元 301室' }, '王秀英')).toBe('3号楼 2单元 301室（王某）');
    expect(principalLabelOf('person', { label: '王秀英（3号楼 2单元 301室）' }, '王秀英')).toBe('3号楼 2单元 301室（王某）');
    expect(principalLabelOf('invitees', { label: '王秀英' }, '王秀英')).toBe('王某');
    expect(principalLabelOf('household', { label: '3号楼 2单元 301室' }, null)).toBe('3号楼 2单元 301室');
  });
});
