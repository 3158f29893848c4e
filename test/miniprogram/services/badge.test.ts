import { applyBadge, badgeText, refreshBadge, type BadgeWx } from '../../../miniprogram/services/badge';
import { fail, ok } from '../../../miniprogram/core/envelope';

function fakeWx() {
  const w = { setTabBarBadge: jest.fn(), removeTabBarBadge: jest.fn() };
  return w as typeof w & BadgeWx;
}

describe('the badge text', () => {
  it('is nothing for 0, the number up to 99, and 99+ beyond', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(5)).toBe('5');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(120)).toBe('99+');
  });

  it('is 99+ when the server says there are more than it counted', () => {
    expect(badgeText(99, true)).toBe('99+');
  });
});

describe('refreshing the 我的 tab badge', () => {
  it('removes the badge when nothing is unread', async () => {
    const w = fakeWx();
    expect(await refreshBadge(w, async () => ok({ count: 0, more: false }))).toBe('');
    expect(w.removeTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 3 }));
    expect(w.setTabBarBadge).not.toHaveBeenCalled();
  });

  it('shows 5 on the fourth tab', async () => {
    const w = fakeWx();
    expect(await refreshBadge(w, async () => ok({ count: 5, more: false }))).toBe('5');
    expect(w.setTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 3, text: '5' }));
  });

  it('shows 99+ for 120', async () => {
    const w = fakeWx();
    await refreshBadge(w, async () => ok({ count: 120, more: false }));
    expect(w.setTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 3, text: '99+' }));
  });

  it('leaves the badge alone when the count cannot be read', async () => {
    const w = fakeWx();
    expect(await refreshBadge(w, async () => fail('NETWORK_ERROR'))).toBeNull();
    expect(await refreshBadge(w, async () => Promise.reject(new Error('boom')))).toBeNull();
    expect(w.setTabBarBadge).not.toHaveBeenCalled();
    expect(w.removeTabBarBadge).not.toHaveBeenCalled();
  });

  it('does not throw where there is no tab bar', () => {
    const w: BadgeWx = {
      setTabBarBadge: () => {
        throw new Error('setTabBarBadge:fail not TabBar page');
      },
    };
    expect(() => applyBadge(w, '3')).not.toThrow();
    expect(() => applyBadge({}, '')).not.toThrow();
  });
});

describe('for staff the badge counts 今日待办 too', () => {
  it('shows unread plus today’s rows, and still returns the unread text for 我的', async () => {
    const w = fakeWx();
    const text = await refreshBadge(w, async () => ok({ count: 2, more: false }), async () => ok({ total: 5, more: false }));
    expect(text).toBe('2');
    expect(w.setTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 3, text: '7' }));
  });
  it('shows 99+ when the list had more than it carried', async () => {
    const w = fakeWx();
    await refreshBadge(w, async () => ok({ count: 0, more: false }), async () => ok({ total: 50, more: true }));
    expect(w.setTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ text: '99+' }));
  });
  it('counts the unread alone when 今日待办 cannot be read', async () => {
    const w = fakeWx();
    await refreshBadge(w, async () => ok({ count: 3, more: false }), async () => fail('INTERNAL', '网络不好'));
    expect(w.setTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ text: '3' }));
  });
  it('asks for it only once a page has seen a staff member', async () => {
    const { setStaffBadge } = await import('../../../miniprogram/services/badge');
    const api = await import('../../../miniprogram/services/api');
    const sent: string[] = [];
    api.setTransport({ send: async (e: { action: string }) => (sent.push(e.action), e.action === 'workbench.today' ? ok({ rows: [], counts: {}, total: 4, more: false }) : ok({ count: 1, more: false })) } as never);
    const w = fakeWx();
    await refreshBadge(w);
    expect(sent).toEqual(['notify.unreadCount']);
    setStaffBadge(true);
    await refreshBadge(w);
    expect(sent).toContain('workbench.today');
    expect(w.setTabBarBadge).toHaveBeenLastCalledWith(expect.objectContaining({ text: '5' }));
    setStaffBadge(false);
  });
});
