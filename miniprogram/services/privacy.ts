/**
 * The pending privacy authorization, shared by app.ts (which receives WeChat's
 * onNeedPrivacyAuthorization callback) and the privacy-popup component (which asks the
 * resident). WeChat holds the privacy API call until `resolve` is called, so exactly one
 * resolve may be pending and it must be answered exactly once.
 *
 * No wx here: the module is plain state so it can be tested under Node.
 */

export type PrivacyDecision = { event: 'agree'; buttonId: string } | { event: 'disagree' };
export type PrivacyResolve = (decision: PrivacyDecision) => void;
export type PrivacyListener = (needed: boolean) => void;

let pending: PrivacyResolve | undefined;
const listeners = new Set<PrivacyListener>();

function notify(): void {
  const needed = pending !== undefined;
  listeners.forEach((fn) => fn(needed));
}

/** Called from wx.onNeedPrivacyAuthorization: remember the resolve and ask for a popup. */
export function requestAuthorization(resolve: PrivacyResolve): void {
  // A second privacy API may ask while the first popup is open; WeChat's guidance is to
  // answer the newest resolve, and an older one left unanswered simply stays pending.
  pending = resolve;
  notify();
}

export function isPending(): boolean {
  return pending !== undefined;
}

function settle(decision: PrivacyDecision): boolean {
  const resolve = pending;
  if (!resolve) return false;
  pending = undefined;
  resolve(decision);
  notify();
  return true;
}

/** The resident tapped the agreePrivacyAuthorization button with this id. */
export function agree(buttonId: string): boolean {
  return settle({ event: 'agree', buttonId });
}

export function disagree(): boolean {
  return settle({ event: 'disagree' });
}

/**
 * A popup subscribes while it is on screen. It hears the current state at once, so a popup
 * mounted after the request (the resident switched pages) still shows it.
 */
export function subscribe(listener: PrivacyListener): () => void {
  listeners.add(listener);
  listener(pending !== undefined);
  return () => {
    listeners.delete(listener);
  };
}

/** Tests only: forget everything. */
export function resetPrivacy(): void {
  pending = undefined;
  listeners.clear();
}
