import type { PhotoItem } from '../../services/photos';

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number }>;

/**
 * A row of photo tiles. Shown photos enlarge on tap and swipe through this grid only; a
 * photo still being checked is a grey "审核中" tile (only its uploader is given one). In
 * `editable` mode each tile has a remove button and a last tile adds photos: the grid fires
 * `add` and `remove` ({ index }) and the page does the picking, since uploads need its member id.
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    photos: { type: Array, value: [] as PhotoItem[] },
    editable: { type: Boolean, value: false },
    /** Editable: no add tile once this many are in. */
    max: { type: Number, value: 9 },
    uploading: { type: Boolean, value: false },
    /** Read out before the number: "查看第1张图片", "查看处理后第1张图片". */
    name: { type: String, value: '' },
  },
  methods: {
    preview(e: Tap) {
      const photos = this.data.photos as PhotoItem[];
      const current = photos[Number(e.currentTarget.dataset.index)]?.src;
      // Tiles still waiting for their check have nothing to enlarge.
      const urls = photos.map((p) => p.src).filter((src) => src !== '');
      if (current) wx.previewImage({ current, urls });
    },
    add() {
      if (!this.data.uploading) this.triggerEvent('add');
    },
    remove(e: Tap) {
      this.triggerEvent('remove', { index: Number(e.currentTarget.dataset.index) });
    },
  },
});
