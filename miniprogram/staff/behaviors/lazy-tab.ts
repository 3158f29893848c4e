/**
 * A tab component that reads its data when it comes on screen, not when the page opens:
 * the shell sets `active`, the tab's own `shown()` does the reading. Attaching and the first
 * `active` may both call `shown()`, so a tab guards against reading twice at once.
 */
export const lazyTab = Behavior({
  properties: {
    /** The tab is on screen. */
    active: { type: Boolean, value: false },
  },
  observers: {
    active(on: boolean) {
      if (on) this.shown();
    },
  },
  lifetimes: {
    attached() {
      if (this.data.active) this.shown();
    },
  },
  methods: {
    /** The tab came on screen; each tab says what it reads. */
    shown() {},
  },
});
