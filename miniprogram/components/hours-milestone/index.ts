import { milestoneFor } from '../../core/volunteer/milestones';
import { hoursText } from '../../core/volunteer/vocabulary';

/**
 * 本社区记录: the verified-hours milestone for a page header (my certificates, my hours).
 * Give it verified minutes only; it never claims a national star rating.
 */
Component({
  // The app's .ll-notice and .ll-hint, as the other components use them.
  options: { addGlobalClass: true },
  properties: { minutes: { type: Number, value: 0 } },
  data: { label: '', nextText: '' },
  observers: {
    minutes(minutes: number) {
      const m = milestoneFor(minutes);
      this.setData({ label: m.label, nextText: m.next ? `再服务${hoursText(m.next.minutesToGo)}满${m.next.hours}小时` : '' });
    },
  },
});
