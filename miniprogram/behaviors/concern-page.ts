import { call } from '../services/api';
import { CONCERN_PHOTOS_MAX, getConcern, type ConcernView } from '../core/concern/contract';
import { detailView, photoIdsOf, photoPatch, timelineRows, type DetailView, type PhotoMapper, type TimelineRow } from '../services/concern-view';
import { knownMemberId, pageMemberId } from '../services/member';
import type { Audience } from '../services/view';
import { instanceState } from '../services/page-state';
import { pagePhotos, type PhotoItem } from '../services/photos';
import { pickPhotos } from '../services/upload';

const MISSING: readonly string[] = ['NOT_FOUND', 'FORBIDDEN'];

/** Not rendered: the concern's id, and the last view shown so late photos re-render the right one. */
const state = instanceState(() => ({ id: '', view: null as ConcernView | null }));

/** The concern a page of this behaviour shows, by id. */
export function concernIdOf(page: object): string {
  return state(page).id;
}

/**
 * What the resident's concern page and the staff one share: reading the concern, rendering
 * it (summary, photos through media.urls, timeline) from one place — a load or any action's
 * answer — and the photo box of their forms. What each page offers comes from the view's
 * `allowedActions`, which the page turns into its own buttons in `present`.
 */
export const concernPage = Behavior({
  data: {
    loading: true,
    error: '',
    /** The concern does not exist or is not the caller's to see: the error offers a way back, not 重试. */
    missing: false,
    concern: null as DetailView | null,
    timeline: [] as TimelineRow[],
    /** Photos picked for the open form. */
    photos: [] as PhotoItem[],
    photoMax: CONCERN_PHOTOS_MAX,
    uploading: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.openConcern(query);
    },
    onShow() {
      // Back from the photo picker or another page: the facts may have moved on; open forms keep their input.
      if (this.data.concern) void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    openConcern(query: Record<string, string | undefined>) {
      state(this).id = query.id ? decodeURIComponent(query.id) : '';
      void this.load();
    },
    async load() {
      const id = state(this).id;
      if (!id) {
        this.setData({ loading: false, error: '没有找到这条诉求', missing: true });
        return;
      }
      // The member id tells the viewer's own photos apart (a "审核中" tile while checked).
      const [res] = await Promise.all([call(getConcern, { concernId: id }), pageMemberId(this)]);
      if (!res.ok) {
        // Gone or not theirs: trying again cannot help, a way back does. 重试 is for the network.
        this.setData({ loading: false, error: res.error.message, missing: MISSING.includes(res.error.code) });
        return;
      }
      this.show(res.data);
    },
    /** The only render path: a load and every action's answer come through here. */
    show(c: ConcernView) {
      state(this).view = c;
      const photos = this.photoMapper();
      this.setData({
        loading: false,
        error: '',
        missing: false,
        concern: detailView(c, photos, this.audience()),
        timeline: timelineRows(c, photos),
        ...this.present(c),
      });
      void this.loadPhotos(c);
    },
    /** Whose words the page speaks: the staff page the desk's, the resident's page plain ones. */
    audience(): Audience {
      return 'staff';
    },
    /** The page's own part of a render: its buttons from `c.allowedActions`. */
    present(_c: ConcernView): Record<string, unknown> {
      return {};
    },
    photoMapper(): PhotoMapper {
      const cache = pagePhotos(this);
      const me = knownMemberId(this);
      return (ids) => cache.items(ids, me);
    },
    /** Asks media.urls for the photos not known yet, then re-renders only the photos. */
    async loadPhotos(c: ConcernView) {
      const cache = pagePhotos(this);
      const ids = photoIdsOf(c);
      if (!cache.needs(ids)) return;
      await cache.load(ids);
      if (state(this).view === c) this.setData(photoPatch(c, this.photoMapper()));
    },
    async addPhoto() {
      if (this.data.uploading) return;
      this.setData({ uploading: true, 'errors.photos': '' });
      const memberId = await pageMemberId(this);
      const res = await pickPhotos(this.data.photos.length, CONCERN_PHOTOS_MAX, memberId);
      const photos = this.data.photos.concat(res.photos).slice(0, CONCERN_PHOTOS_MAX);
      this.setData({ uploading: false, photos, 'errors.photos': res.error });
    },
    goMine() {
      // 说事 is a tab page: only switchTab reaches it.
      wx.switchTab({ url: '/pages/concerns/index' });
    },
    goHome() {
      wx.switchTab({ url: '/pages/home/index' });
    },
    goQueue() {
      // Opened from a notice there may be nothing to go back to: the workbench takes this page's place.
      wx.redirectTo({ url: '/staff/workbench/index' });
    },
    removePhoto(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
      const i = Number(e.detail.index);
      this.setData({ photos: this.data.photos.filter((_, k) => k !== i) });
    },
  },
});
