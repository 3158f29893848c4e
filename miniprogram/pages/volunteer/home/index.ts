import { call } from '../../../services/api';
import { pendingHours } from '../../../core/hours/contract';

/**
 * 志愿服务 from 我的: one short list to every volunteer page. A project lead with entries
 * waiting also finds 待我核验的时长 here (a resident lead has no workbench).
 */
const LINKS: Record<string, string> = {
  activities: '/pages/volunteer/activities/index',
  signups: '/pages/volunteer/signups/index',
  checkIn: '/pages/volunteer/check-in/index',
  hours: '/pages/volunteer/hours/index',
  certificates: '/pages/certificates/index',
  register: '/pages/volunteer/register/index',
  verify: '/staff/hours-verify/index',
};

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { to?: string }>;

Component({
  data: { verifyText: '' },
  methods: {
    onShow() {
      void this.loadPending();
    },
    async loadPending() {
      const res = await call(pendingHours, { limit: 20 });
      const n = res.ok ? res.data.items.length : 0;
      this.setData({ verifyText: n === 0 ? '' : res.ok && res.data.next ? `${n}条以上` : `${n}条` });
    },
    go(e: Tap) {
      const url = LINKS[e.currentTarget.dataset.to ?? ''];
      if (url) wx.navigateTo({ url });
    },
  },
});
