import type { AppConfig } from '../config';
import { requestAuthorization, type PrivacyResolve } from './privacy';
import { refreshBadge, type BadgeWx, type UnreadFetch } from './badge';

/** The slice of `wx` the launch hook touches, so tests can hand in fakes. */
export interface LaunchWx {
  cloud?: { init(options: { env: string; traceUser: boolean }): void };
  onNeedPrivacyAuthorization?: unknown;
}

type NeedPrivacyListener = (resolve: PrivacyResolve, eventInfo?: { referrer?: string }) => void;

/**
 * Runs once in App.onLaunch. Cloud mode needs wx.cloud.init before the first call;
 * traceUser stays off because Linli does not need CloudBase's visit records of each user.
 */
export function launch(cfg: AppConfig, w: LaunchWx): void {
  if (cfg.mode === 'cloud' && w.cloud) {
    w.cloud.init({ env: cfg.cloudEnv, traceUser: false });
  }
  // Base libraries before 2.32.3 lack the API; they show no privacy prompt to answer.
  if (typeof w.onNeedPrivacyAuthorization === 'function') {
    // The typings declare a one-argument callback; the real listener receives resolve.
    const host = w as { onNeedPrivacyAuthorization(listener: NeedPrivacyListener): void };
    host.onNeedPrivacyAuthorization((resolve) => requestAuthorization(resolve));
  }
}

/**
 * Runs in App.onShow (after onLaunch, so the transport is ready): the unread badge on 我的
 * catches up with messages that arrived while the app was in the background.
 */
export function appShow(w: BadgeWx, fetch?: UnreadFetch): Promise<string | null> {
  return refreshBadge(w, fetch);
}
