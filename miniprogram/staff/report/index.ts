import { call, newIdempotencyKey } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { addAddendum, exportReport, getReport, type ReportView } from '../../core/report/contract';
import { dateText } from '../../services/dates';
import { canvasMeasure, paintPoster, type PosterCanvas } from '../../services/disclosure-poster';
import { openDocument, saveBase64File } from '../../services/file-export';
import { instanceState } from '../../services/page-state';
import { reportImageLayout } from '../services/report-image';
import { allows } from '../../services/view';

interface PartVM {
  key: string;
  title: string;
  figures: { label: string; text: string; sample: string }[];
  columns: string[];
  rows: { key: string; cells: string[] }[];
}

function partsOf(v: ReportView): PartVM[] {
  return v.parts.map((p) => ({
    key: p.key,
    title: p.title,
    // Every rate shows its numerator and denominator, also where the rate itself is hidden.
    figures: p.figures.map((f) => ({ label: f.label, text: f.text, sample: f.of === undefined ? '' : `${f.value}/${f.of}` })),
    columns: p.table?.columns ?? [],
    rows: (p.table?.rows ?? []).map((cells, i) => ({ key: `${p.key}-${i}`, cells })),
  }));
}

const state = instanceState(() => ({ month: '', communityId: '', view: null as ReportView | null, busy: false, addendumKey: '' }));

type Input = WechatMiniprogram.Input;

/**
 * 评事报告: one issued month — each part's figures with numerator and denominator, its table
 * per grid or worker, the addenda below. 导出表格 opens the xlsx in WeChat's viewer (to
 * forward or save); 分享图片 paints the report as one image (services/report-image.ts). An
 * admin appends a 补充说明; the figures above it never change.
 */
Component({
  data: {
    loading: true,
    error: '',
    title: '',
    issuedText: '',
    ruleText: '',
    parts: [] as PartVM[],
    addenda: [] as { addendumId: string; text: string; meta: string; corrections: string }[],
    canAmend: false,
    addendumText: '',
    addendumError: '',
    saving: false,
    exporting: false,
    exportError: '',
    imageBusy: false,
    imageError: '',
    imageText: '',
    imageHeight: 0,
  },
  methods: {
    onLoad(options: { month?: string; communityId?: string }) {
      state(this).month = options?.month ?? '';
      state(this).communityId = options?.communityId ? decodeURIComponent(options.communityId) : '';
      void this.load();
    },
    async load() {
      const s = state(this);
      this.setData({ error: '' });
      const [res, me] = await Promise.all([call(getReport, s.communityId ? { month: s.month, communityId: s.communityId } : { month: s.month }), call(getMe, {})]);
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.message });
        return;
      }
      this.setData({ canAmend: me.ok && allows(me.data.allowedActions, 'report.addendum') });
      this.show(res.data);
    },
    show(v: ReportView) {
      state(this).view = v;
      wx.setNavigationBarTitle({ title: `${v.monthLabel}评事报告` });
      this.setData({
        loading: false,
        title: `${v.communityName} ${v.monthLabel}`,
        issuedText: `${dateText(v.issuedAt)} 出具 · ${v.issuedBy}`,
        ruleText: `口径 ${v.ruleVersion}；样本少于${v.minSample}件的比率不显示，只列件数。`,
        parts: partsOf(v),
        addenda: v.addenda.map((a) => ({
          addendumId: a.addendumId,
          text: a.text,
          meta: `${dateText(a.at)} · ${a.byName}`,
          corrections: a.corrections.map((c) => `${c.part}·${c.label}更正为 ${c.text}`).join('；'),
        })),
      });
    },
    onAddendumInput(e: Input) {
      this.setData({ addendumText: e.detail.value, addendumError: '' });
    },
    /** 追加补充说明: appended with the admin's name and the time; a retry keeps its key. */
    async amend() {
      const s = state(this);
      if (s.busy) return;
      s.busy = true;
      s.addendumKey = s.addendumKey || newIdempotencyKey();
      this.setData({ saving: true, addendumError: '' });
      const res = await call(addAddendum, { month: s.month, text: this.data.addendumText }, { idempotencyKey: s.addendumKey });
      s.busy = false;
      if (!res.ok) {
        const issue = (res.error.details as { issues?: Array<{ message: string }> } | undefined)?.issues?.[0]?.message;
        this.setData({ saving: false, addendumError: issue ?? res.error.message });
        return;
      }
      s.addendumKey = '';
      this.setData({ saving: false, addendumText: '' });
      this.show(res.data);
    },
    /** 导出表格: the xlsx saved in the user's folder and opened in WeChat's viewer. */
    async exportSheet() {
      const s = state(this);
      if (this.data.exporting) return;
      this.setData({ exporting: true, exportError: '' });
      const res = await call(exportReport, { month: s.month });
      if (!res.ok) {
        this.setData({ exporting: false, exportError: res.error.message });
        return;
      }
      const filePath = saveBase64File(res.data.fileName, res.data.base64);
      this.setData({ exporting: false });
      if (!filePath) {
        this.setData({ exportError: '文件没能保存到手机，请清理微信存储空间后重试' });
        return;
      }
      openDocument(filePath, 'xlsx', () => this.setData({ exportError: '这台手机打不开表格，请升级微信后重试' }));
    },
    /** 分享图片: lay the report out, paint it on the hidden canvas, offer it to send or save. */
    shareImage() {
      const v = state(this).view;
      if (!v || this.data.imageBusy) return;
      this.setData({ imageBusy: true, imageError: '', imageText: '' });
      const fail = (message: string) => this.setData({ imageBusy: false, imageError: message });
      this.createSelectorQuery()
        .select('#report-canvas')
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: WechatMiniprogram.Canvas } | null>) => {
          const canvas = res[0]?.node;
          if (!canvas) return fail('这台手机暂时无法生成图片，请升级微信后重试');
          const ctx = canvas.getContext('2d') as unknown as PosterCanvas;
          const layout = reportImageLayout(v, { measure: canvasMeasure(ctx) });
          canvas.width = layout.width;
          canvas.height = layout.height;
          paintPoster(ctx, layout);
          wx.canvasToTempFilePath({
            canvas,
            x: 0,
            y: 0,
            width: layout.width,
            height: layout.height,
            destWidth: layout.width,
            destHeight: layout.height,
            fileType: 'png',
            success: ({ tempFilePath }) => {
              const share = (wx as unknown as { showShareImageMenu?: (o: { path: string; fail?: () => void }) => void }).showShareImageMenu;
              const done = (text: string) => this.setData({ imageBusy: false, imageText: text });
              if (typeof share === 'function') {
                share({ path: tempFilePath });
                done(layout.truncated ? '报告较长，图片只含前面部分，完整内容请导出表格。' : '');
                return;
              }
              wx.saveImageToPhotosAlbum({
                filePath: tempFilePath,
                success: () => done('图片已保存到手机相册。'),
                fail: () => fail('没有保存到相册：请在右上角「…」→「设置」里允许保存到相册后重试'),
              });
            },
            fail: () => fail('图片生成失败，请重试'),
          });
        });
    },
  },
});
