import { call } from '../../services/api';
import { askQuestion, getItem, type ItemView } from '../../core/disclosure/contract';
import { reconciliationText } from '../../core/disclosure/finance';
import { DEFAULT_ANSWER_DAYS } from '../../core/disclosure/vocabulary';
import { getMe } from '../../core/member/contract';
import { dateText } from '../../services/dates';
import { canvasMeasure, paintPoster, POSTER, posterLayout, posterTarget, type PosterCanvas } from '../../services/disclosure-poster';
import { qrReady } from '../../services/certificate-image';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';
import { pagePhotos, type PhotoItem } from '../../services/photos';
import { financeRows, linkRow, opinionRow, questionRow, reliefRows, sourceText, versionRows, type FinanceRows, type LinkRow, type OpinionRow, type QuestionRow, type ReliefRows, type VersionRow } from '../view';

const FIELDS = ['text'] as const;
const ask = formSubmit(askQuestion, { fields: FIELDS, keys: { message: 'askError' }, whenEmpty: { text: '请写下您想问的问题' } });

/** Ids and the raw item stay here: the page renders words only. */
const state = instanceState(() => ({ itemId: '', item: null as ItemView | null, communityName: null as string | null, posterBusy: false }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; number?: number }>;
type OpinionDone = WechatMiniprogram.CustomEvent<{ item: ItemView }>;

/**
 * One 居务公开 item as a resident reads it: the version shown (the current one unless another
 * is asked for) with its body, finance table and reconciliation line, relief table,
 * attachments and links; whether it has been corrected and why; every version, each
 * switchable; the committee's opinions and a banner while an objection waits; residents'
 * questions with the community's answers, and the form to ask one. A committee member who
 * may give an opinion on the current version gets the form for it. 「生成公开栏海报」 paints an
 * A3 sheet (services/disclosure-poster.ts) whose QR opens this page on the printed version.
 */
Component({
  data: {
    loaded: false,
    loadError: '',
    /** Opened from a poster's QR: which version the sheet on the board is. */
    scanNote: '',
    categoryLabel: '',
    correctingText: '',
    notPublished: false,
    title: '',
    metaText: '',
    publisherText: '',
    reasonText: '',
    supersededText: '',
    banner: '',
    body: '',
    sourceText: '',
    finance: null as FinanceRows | null,
    financeText: '',
    relief: null as ReliefRows | null,
    photos: [] as PhotoItem[],
    links: [] as LinkRow[],
    versions: [] as VersionRow[],
    opinions: [] as OpinionRow[],
    canOpine: false,
    itemId: '',
    opinionVersion: 0,
    questions: [] as QuestionRow[],
    canAsk: false,
    askHint: `提问会公开显示，您的姓名只显示姓氏（如「刘某」）。社区须在${DEFAULT_ANSWER_DAYS}日内答复，并抄送居务监督委员会。`,
    text: '',
    errors: emptyErrors(FIELDS),
    askError: '',
    submitting: false,
    askedText: '',
    posterBusy: false,
    posterError: '',
    posterText: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const target = posterTarget(options);
      if (!target) {
        this.setData({ loaded: true, loadError: '没有找到这一项公开，请从居务公开栏进入' });
        return;
      }
      state(this).itemId = target.itemId;
      void this.load(target.version, target.scanned);
    },
    async onPullDownRefresh() {
      await this.load(state(this).item?.shown?.number);
      wx.stopPullDownRefresh();
    },
    async load(version?: number, scanned = false) {
      const s = state(this);
      const res = await call(getItem, { itemId: s.itemId, ...(version ? { version } : {}) });
      if (!res.ok) {
        this.setData({ loaded: true, loadError: res.error.message });
        return;
      }
      if (res.data.shown && res.data.shown.attachments.length > 0) await pagePhotos(this).load(res.data.shown.attachments);
      this.show(res.data);
      if (scanned && res.data.shown) {
        const v = res.data.shown;
        this.setData({
          scanNote: v.superseded
            ? `您扫描的是公开栏上的第${v.number}版，这一版后来已经更正，请看下面的「历次版本」。`
            : `您扫描的是公开栏上的第${v.number}版，这就是现行版本。`,
        });
      }
    },
    retry() {
      void this.load();
    },
    show(item: ItemView) {
      const now = Date.now();
      const s = state(this);
      s.item = item;
      const v = item.shown;
      const versions = versionRows(item.versions, v?.number ?? 0, now);
      const shownRow = versions.find((r) => r.shown);
      this.setData({
        loaded: true,
        loadError: '',
        categoryLabel: item.categoryLabel,
        correctingText: item.state === 'correcting' ? '社区正在更正这一项，更正公开前，现行版本仍然有效。' : '',
        notPublished: !v,
        title: v?.title ?? '',
        metaText: v ? [v.periodLabel, `第${v.number}版`, `${dateText(v.publishedAt, now)}公开`].filter((x) => x).join(' · ') : '',
        publisherText: v ? `公开人：${v.publishedByName}` : '',
        reasonText: v?.reason ? `更正原因：${v.reason}` : '',
        supersededText: v?.superseded && shownRow ? `这是第${v.number}版，${shownRow.stateText}。` : '',
        banner: item.objectionBanner ?? '',
        body: v?.body ?? '',
        sourceText: sourceText(item.source),
        finance: v?.finance ? financeRows(v.finance) : null,
        financeText: v?.finance ? v.financeText ?? reconciliationText(v.finance) : '',
        relief: v?.relief ? reliefRows(v.relief) : null,
        photos: v ? pagePhotos(this).items(v.attachments) : [],
        links: (v?.links ?? []).map(linkRow),
        versions,
        opinions: item.opinions.map((o) => opinionRow(o, now, item.versions.length > 1)),
        canOpine: !!v && !v.superseded && item.allowedActions.includes('disclosure.opinion'),
        itemId: item.itemId,
        opinionVersion: v?.number ?? 0,
        questions: item.questions.map((q) => questionRow(q, now)),
        canAsk: !!v && item.allowedActions.includes('disclosure.ask'),
      });
    },
    showVersion(e: Tap) {
      const n = Number(e.currentTarget.dataset.number);
      if (!n || n === state(this).item?.shown?.number) return;
      this.setData({ scanNote: '' });
      void this.load(n).then(() => wx.pageScrollTo({ scrollTop: 0, duration: 200 }));
    },
    showCurrent() {
      this.setData({ scanNote: '' });
      void this.load().then(() => wx.pageScrollTo({ scrollTop: 0, duration: 200 }));
    },
    goVersions() {
      wx.pageScrollTo({ selector: '#versions', duration: 200 });
    },
    openLink(e: Tap) {
      const l = this.data.links[Number(e.currentTarget.dataset.index)];
      if (l?.url) wx.navigateTo({ url: l.url });
    },
    onText(e: WechatMiniprogram.TextareaInput) {
      this.setData({ text: e.detail.value, 'errors.text': '' });
    },
    async submitQuestion() {
      const s = state(this);
      const res = await ask(this).submit({ itemId: s.itemId, text: this.data.text });
      if (!res || !res.ok) return;
      const q = questionRow(res.data, Date.now());
      this.setData({
        text: '',
        questions: [q, ...this.data.questions.filter((x) => x.key !== q.key)],
        askedText: `已提交。${q.dueText}，答复后会通知您。`,
      });
    },
    onOpinion(e: OpinionDone) {
      this.show(e.detail.item);
    },
    /** 生成公开栏海报: lay the sheet out, paint it on the hidden canvas, save it to the album. */
    async poster() {
      const s = state(this);
      const item = s.item;
      if (!item?.shown || s.posterBusy) return;
      s.posterBusy = true;
      this.setData({ posterBusy: true, posterError: '', posterText: '' });
      const fail = (message: string) => {
        s.posterBusy = false;
        this.setData({ posterBusy: false, posterError: message });
      };
      if (s.communityName === null) {
        const me = await call(getMe, {});
        // Without it the sheet still says what it is; the name is only its heading.
        s.communityName = me.ok ? me.data.community?.name ?? '' : '';
      }
      const communityName = s.communityName;
      // The QR encoder is its own small subpackage, fetched the first time a poster is made.
      if (!(await qrReady())) return fail('网络不稳定，海报暂时无法生成，请稍后重试');
      this.createSelectorQuery()
        .select('#poster-canvas')
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: WechatMiniprogram.Canvas } | null>) => {
          const canvas = res[0]?.node;
          if (!canvas) return fail('这台手机暂时无法生成图片，请升级微信后重试');
          canvas.width = POSTER.width;
          canvas.height = POSTER.height;
          const ctx = canvas.getContext('2d') as unknown as PosterCanvas;
          const layout = posterLayout(item, { communityName, now: Date.now(), measure: canvasMeasure(ctx) });
          paintPoster(ctx, layout);
          wx.canvasToTempFilePath({
            canvas,
            x: 0,
            y: 0,
            width: POSTER.width,
            height: POSTER.height,
            destWidth: POSTER.width,
            destHeight: POSTER.height,
            fileType: 'png',
            success: ({ tempFilePath }) =>
              wx.saveImageToPhotosAlbum({
                filePath: tempFilePath,
                success: () => {
                  s.posterBusy = false;
                  this.setData({
                    posterBusy: false,
                    posterText: `海报已保存到手机相册。打印时请选A3纸、按原尺寸打印。${layout.truncated ? '内容较长，海报上只印了开头，扫码可看全文。' : ''}`,
                  });
                },
                fail: () => fail('没有保存到相册：请在右上角「…」→「设置」里允许保存到相册后重试'),
              }),
            fail: () => fail('海报生成失败，请重试'),
          });
        });
    },
  },
});
