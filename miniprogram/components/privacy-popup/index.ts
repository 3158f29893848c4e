import { agree, disagree, subscribe } from '../../services/privacy';
import { instanceState } from '../../services/page-state';

const state = instanceState(() => ({ unsubscribe: undefined as (() => void) | undefined }));

/**
 * Shown by pages that call privacy-relevant APIs. WeChat holds such a call until the
 * resident answers here; app.ts parks WeChat's resolve in services/privacy.
 */
Component({
  // Lets the shared ll-* classes from app.wxss style the panel.
  options: { addGlobalClass: true },
  data: {
    show: false,
    contractName: '《邻里小程序隐私保护指引》',
  },
  lifetimes: {
    attached() {
      state(this).unsubscribe = subscribe((needed) => {
        if (needed !== this.data.show) this.setData({ show: needed });
      });
      // The name registered in the MP admin is the one residents will see in WeChat's own
      // pages, so prefer it over ours when the base library can tell us.
      if (typeof wx.getPrivacySetting === 'function') {
        wx.getPrivacySetting({
          success: (res) => {
            if (res.privacyContractName) this.setData({ contractName: res.privacyContractName });
          },
        });
      }
    },
    detached() {
      state(this).unsubscribe?.();
      state(this).unsubscribe = undefined;
    },
  },
  methods: {
    onAgree(e: WechatMiniprogram.CustomEvent) {
      agree(e.currentTarget.id || 'agree-btn');
    },
    onDisagree() {
      disagree();
    },
    openContract() {
      wx.openPrivacyContract({});
    },
    noop() {},
  },
});
