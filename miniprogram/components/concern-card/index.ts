import type { ConcernRow, QueueRow } from '../../services/view';

/**
 * One concern in a list: status, category, the resident's words, where and when. A queue
 * row (staff) adds the time left (剩4小时, or 超期), the escalation tag and who holds it. The page binds the tap
 * on the card itself (with data-id): tap is a composed event, so it reaches the host.
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    row: { type: Object, value: {} as Partial<QueueRow> & Partial<ConcernRow> },
    /** The first card of a list draws no hairline above it. */
    first: { type: Boolean, value: false },
  },
});
