import { call } from '../../services/api';
import { verifyCertificate } from '../../core/volunteer/certificate';
import { hoursText } from '../../core/volunteer/vocabulary';
import { verifyTarget } from '../../services/certificate-image';

/**
 * Opened from a certificate's QR, by anyone, signed in or not. Shows only what the public
 * answer holds: valid or revoked, hours, period, masked name.
 */
Component({
  data: {
    loading: false,
    error: '',
    result: null as null | { valid: boolean; title: string; lines: string[] },
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const target = verifyTarget(options);
      if (target) void this.check(target);
    },
    async check(target: { communityId: string; token: string }) {
      this.setData({ loading: true, error: '', result: null });
      const res = await call(verifyCertificate, target);
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.code === 'NOT_FOUND' ? '没有找到这份证明，请确认二维码来自邻里出具的志愿服务记录证明' : res.error.message });
        return;
      }
      const d = res.data;
      this.setData({
        loading: false,
        result:
          d.status === 'valid'
            ? { valid: true, title: '证明有效', lines: [`姓名：${d.maskedName}`, `服务时长：${hoursText(d.minutes)}`, `服务期间：${d.period.from} 至 ${d.period.to}`] }
            : { valid: false, title: '已撤销', lines: [`撤销日期：${d.revokedOn}`] },
      });
    },
    scan() {
      wx.scanCode({
        onlyFromCamera: false,
        success: ({ result }) => {
          const target = verifyTarget(result);
          if (target) void this.check(target);
          else this.setData({ error: '这不是志愿服务记录证明的二维码', result: null });
        },
      });
    },
  },
});
