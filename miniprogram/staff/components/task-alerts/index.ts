import { call } from '../../../services/api';
import { recordConsent, type TemplateRequest } from '../../../core/notify/contract';
import { askConsent, loadTemplates, type ConsentResults } from '../../../services/consent';
import { instanceState } from '../../../services/page-state';

const state = instanceState(() => ({ templates: [] as TemplateRequest[] }));

/**
 * 「微信提醒我新的待办」: staff and department contacts allow WeChat to push their new, late
 * and 督办 items. WeChat opens its panel only inside a tap, and each 允许 is one message, so
 * the template ids are read when the control appears and asked for in the tap itself; the
 * answer is recorded on the server (notify.recordConsent). Hidden when the deployment has
 * no staff template.
 */
Component({
  options: { addGlobalClass: true },
  data: {
    available: false,
    asking: false,
    /** What the last tap achieved, in words. */
    result: '',
  },
  lifetimes: {
    attached() {
      const s = state(this);
      void loadTemplates('staff.tasks').then((t) => {
        s.templates = t;
        this.setData({ available: t.length > 0 });
      });
    },
  },
  methods: {
    /** The tap: not async, so WeChat sees the panel requested inside it. */
    allow() {
      const s = state(this);
      if (this.data.asking || s.templates.length === 0) return;
      this.setData({ asking: true, result: '' });
      let balance: number | undefined;
      const record = async (results: ConsentResults) => {
        const res = await call(recordConsent, { results });
        if (res.ok) balance = res.data.balances.staffTask;
        this.setData({ result: balance ? `已开启：接下来 ${balance} 条新的待办会通过微信提醒您` : '未开启微信提醒，待办仍会在工作台和消息中心显示' });
        return res;
      };
      void askConsent(wx, s.templates, record).then(() => this.setData({ asking: false }));
    },
  },
});
