import { call } from '../../services/api';
import { listCertificates, type CertificateView } from '../../core/volunteer/certificate';
import { hoursText } from '../../core/volunteer/vocabulary';
import { certificateLines, qrModules, qrReady, verifyUrl } from '../../services/certificate-image';
import { instanceState } from '../../services/page-state';

interface Row {
  id: string;
  number: string;
  hours: string;
  period: string;
  issuedOn: string;
  revokedText: string;
}

const W = 600;
const H = 980;

function row(c: CertificateView): Row {
  return {
    id: c.id,
    number: c.number,
    hours: hoursText(c.snapshot.minutes),
    period: `${c.snapshot.period.from} 至 ${c.snapshot.period.to}`,
    issuedOn: c.issuedOn,
    revokedText: c.revoked ? `已于${c.revoked.on}撤销：${c.revoked.reason}` : '',
  };
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>;
type Canvas = WechatMiniprogram.Canvas;
type Ctx2d = WechatMiniprogram.CanvasRenderingContext.CanvasRenderingContext2D;

// Raw certificates stay out of setData; the rows are what is shown.
const state = instanceState(() => ({ certificates: [] as CertificateView[], saving: false }));

/** Draws the certificate: the four blocks, then the QR to the public verify page. */
function draw(ctx: Ctx2d, c: CertificateView): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  ctx.strokeStyle = '#b22222';
  ctx.lineWidth = 4;
  ctx.strokeRect(12, 12, W - 24, H - 24);
  ctx.fillStyle = '#111111';
  ctx.textAlign = 'center';
  ctx.font = 'bold 34px sans-serif';
  ctx.fillText('志愿服务记录证明', W / 2, 70);
  ctx.textAlign = 'left';
  let y = 120;
  for (const line of certificateLines(c)) {
    ctx.font = 'bold 22px sans-serif';
    ctx.fillText(`${line.label}：`, 40, y);
    ctx.font = '22px sans-serif';
    // Long values (content, rules) wrap under their label.
    const chars = [...line.value];
    let text = '';
    let x0 = 40 + ctx.measureText(`${line.label}：`).width;
    for (const ch of chars) {
      if (ctx.measureText(text + ch).width > W - 40 - x0) {
        ctx.fillText(text, x0, y);
        y += 30;
        x0 = 60;
        text = '';
      }
      text += ch;
    }
    ctx.fillText(text, x0, y);
    y += 40;
  }
  const modules = qrModules(verifyUrl(c));
  const size = 180;
  const cell = size / modules.length;
  const left = W - 40 - size;
  const top = H - 40 - size;
  ctx.fillStyle = '#000000';
  modules.forEach((r, i) => r.forEach((dark, j) => { if (dark) ctx.fillRect(left + j * cell, top + i * cell, Math.ceil(cell), Math.ceil(cell)); }));
  ctx.font = '18px sans-serif';
  ctx.fillText('扫码查验真伪', 40, H - 120);
  ctx.fillText('本证明免费出具', 40, H - 90);
}

Component({
  data: {
    loading: true,
    error: '',
    rows: [] as Row[],
    /** Verified minutes behind the newest valid certificate, for the milestone header. */
    recordMinutes: 0,
    saveError: '',
    savedText: '',
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      this.setData({ loading: true, error: '' });
      const res = await call(listCertificates, { limit: 50 });
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.message });
        return;
      }
      state(this).certificates = res.data.items;
      const valid = res.data.items.find((c) => !c.revoked);
      this.setData({ loading: false, rows: res.data.items.map(row), recordMinutes: valid?.snapshot.minutes ?? 0 });
    },
    /** 保存为图片: draw on the canvas, export it, write it to the album (WeChat asks first). */
    save(e: Tap) {
      const s = state(this);
      const c = s.certificates[e.currentTarget.dataset.index];
      if (!c || c.revoked || s.saving) return;
      s.saving = true;
      this.setData({ saveError: '', savedText: '' });
      const fail = (message: string) => {
        s.saving = false;
        this.setData({ saveError: message });
      };
      // The QR encoder is its own small subpackage, fetched the first time a sheet is saved.
      void qrReady().then((ready) => (ready ? this.paintAndSave(c, fail) : fail('网络不稳定，图片暂时无法生成，请稍后重试')));
    },
    paintAndSave(c: CertificateView, fail: (message: string) => void) {
      const s = state(this);
      this.createSelectorQuery()
        .select('#certificate-canvas')
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: Canvas } | null>) => {
          const canvas = res[0]?.node;
          if (!canvas) return fail('这台手机暂时无法生成图片，请升级微信后重试');
          canvas.width = W;
          canvas.height = H;
          draw(canvas.getContext('2d') as Ctx2d, c);
          wx.canvasToTempFilePath({
            canvas,
            fileType: 'png',
            success: ({ tempFilePath }) =>
              wx.saveImageToPhotosAlbum({
                filePath: tempFilePath,
                success: () => {
                  s.saving = false;
                  this.setData({ savedText: `证明 ${c.number} 已保存到相册` });
                },
                fail: () => fail('没有保存到相册：请在右上角「…」→「设置」里允许保存到相册后重试'),
              }),
            fail: () => fail('图片生成失败，请重试'),
          });
        });
    },
  },
});
