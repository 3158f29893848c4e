import type { TimelineRow } from '../../../../services/concern-view';

/**
 * What happened to a concern, oldest first: who did what and when, their words and photos.
 * Staff-only entries (internal notes) are drawn apart — grey, dashed, tagged 内部 — so a
 * worker never mistakes one for a reply the resident can read.
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    rows: { type: Array, value: [] as TimelineRow[] },
  },
});
