import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { cancelDeletion, DELETION_WAIT_DAYS, exportMyData, requestDeletion, type MyData } from '../../core/privacy/contract';
import { dateText } from '../../services/dates';
import { instanceState } from '../../services/page-state';
import { formSubmit } from '../../services/form-submit';
import { canShareFile, saveTextFile, shareFile } from '../../services/file-export';

const EXPORT_FILE = 'linli-my-data.json';

interface Summary {
  concerns: number;
  bookings: number;
  messages: number;
  truncated: boolean;
  /** The file was written on the device. */
  saved: boolean;
  canShare: boolean;
}

/** The exported text is not rendered: it goes to the file and, on request, the clipboard. */
const state = instanceState(() => ({ json: '', path: '' }));

// One request at a time on this page: each action also checks the other's busy flag.
const exportForm = formSubmit(exportMyData, { fields: [], keys: { errors: 'exportErrors', message: 'exportError', busy: 'exporting' } });
const deletionKeys = { errors: 'deleteErrors', message: 'deleteError', busy: 'deleting' };
const deleteForm = formSubmit(requestDeletion, { fields: [], keys: deletionKeys });
const undoForm = formSubmit(cancelDeletion, { fields: [], keys: deletionKeys });

const DELETION_EXPLAINED =
  `注销后${DELETION_WAIT_DAYS}天内可以撤销。到期后，您的姓名、手机号和住户绑定将从所有记录中删除；` +
  '您提交的诉求和预约会去掉个人信息，以匿名方式保留在社区档案中。';

/** The policy is static text; the two data actions at the bottom read member.me for the deletion state. */
Component({
  data: {
    waitDays: DELETION_WAIT_DAYS,
    meLoaded: false,
    meError: '',
    exporting: false,
    exportError: '',
    summary: null as Summary | null,
    /** When the account will be deleted; '' = no request. */
    deletionText: '',
    deleting: false,
    deleteError: '',
  },
  methods: {
    onLoad() {
      void this.loadMe();
    },
    openContract() {
      // WeChat's copy of the guide registered in the MP admin; absent on old base libraries.
      if (typeof wx.openPrivacyContract === 'function') wx.openPrivacyContract({});
    },
    async loadMe() {
      const res = await call(getMe, {});
      if (!res.ok) {
        this.setData({ meLoaded: false, meError: res.error.message });
        return;
      }
      const at = res.data.deletionScheduledFor;
      this.setData({ meLoaded: true, meError: '', deletionText: at ? dateText(at) : '' });
    },

    // —— 下载我的数据 ——
    async exportData() {
      const s = state(this);
      if (this.busy()) return;
      const res = await exportForm(this).submit({});
      if (!res?.ok) return;
      const data: MyData = res.data;
      s.json = JSON.stringify(data, null, 2);
      // Storage full or refused: the copy button still hands the whole text over.
      s.path = saveTextFile(EXPORT_FILE, s.json);
      const saved = s.path !== '';
      this.setData({
        summary: {
          concerns: data.concerns?.length ?? 0,
          bookings: data.bookings?.length ?? 0,
          messages: data.messages?.length ?? 0,
          truncated: data.truncated === true,
          saved,
          canShare: saved && canShareFile(),
        },
      });
    },
    copyData() {
      const json = state(this).json;
      if (json) wx.setClipboardData({ data: json });
    },
    /** Sends the file into a WeChat chat (e.g. 文件传输助手) so the resident keeps a copy. */
    shareData() {
      const s = state(this);
      if (s.path) shareFile(s.path, EXPORT_FILE);
    },

    // —— 注销账号 ——
    /** Two confirmations: what happens, then "are you sure". */
    askDeletion() {
      if (this.busy()) return;
      wx.showModal({
        title: '注销账号',
        content: DELETION_EXPLAINED,
        confirmText: '继续注销',
        cancelText: '不注销',
        success: (r) => {
          if (!r.confirm) return;
          wx.showModal({
            title: '确认注销',
            content: `确定要注销账号吗？${DELETION_WAIT_DAYS}天内可以在本页撤销。`,
            confirmText: '确认注销',
            confirmColor: '#c62828',
            cancelText: '不注销',
            success: (r2) => {
              if (r2.confirm) void this.deleteAccount();
            },
          });
        },
      });
    },
    busy(): boolean {
      return this.data.exporting || this.data.deleting;
    },
    async deleteAccount() {
      if (this.busy()) return;
      const res = await deleteForm(this).submit({ confirm: true });
      if (res?.ok) this.setData({ deletionText: dateText(res.data.scheduledFor) });
    },
    async undoDeletion() {
      if (this.busy()) return;
      const res = await undoForm(this).submit({});
      if (!res?.ok) return;
      this.setData({ deletionText: '' });
      wx.showToast({ title: '已撤销注销', icon: 'success' });
    },
  },
});
