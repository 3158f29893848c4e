import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { allows } from '../../services/view';

type Tab = 'grids' | 'roles' | 'invites' | 'categories';
const TABS: readonly Tab[] = ['grids', 'roles', 'invites', 'categories'];

interface TabComponent {
  loadMore?: () => void;
}

/**
 * 社区管理: a shell of four tabs, each its own component under staff/components/. A tab is
 * attached the first time it is opened and then only hidden, so what an admin typed in one
 * survives a look at another.
 */
Component({
  data: {
    loaded: false,
    error: '',
    allowed: false,
    tab: 'grids' as Tab,
    opened: { grids: true, roles: false, invites: false, categories: false } as Record<Tab, boolean>,
    canRoles: false,
    canInvites: false,
    canCategories: false,
    canAudit: false,
  },
  methods: {
    onLoad() {
      void this.init();
    },
    onReachBottom() {
      // Only the buildings list pages on scroll.
      if (!this.data.allowed || this.data.tab !== 'grids') return;
      (this.selectComponent('#tab-body-grids') as TabComponent | null)?.loadMore?.();
    },
    async init() {
      const me = await call(getMe, {});
      if (!me.ok) {
        this.setData({ loaded: true, error: me.error.message });
        return;
      }
      const actions = me.data.allowedActions;
      this.setData({
        loaded: true,
        error: '',
        allowed: allows(actions, 'community.upsertGrid'),
        canRoles: allows(actions, 'member.setRoles'),
        canInvites: allows(actions, 'member.issueInvites'),
        canCategories: allows(actions, 'concern.upsertCategory'),
        canAudit: allows(actions, 'audit.log'),
      });
    },
    goAudit() {
      wx.navigateTo({ url: '/staff/audit/index' });
    },
    switchTab(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { tab?: string }>) {
      const tab = TABS.find((t) => t === e.currentTarget.dataset.tab) ?? 'grids';
      if (tab === this.data.tab) return;
      this.setData({ tab, [`opened.${tab}`]: true });
    },
  },
});
