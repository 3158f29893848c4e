/**
 * How this build reaches the backend. `cloud` is the production path through
 * wx.cloud.callFunction; `local` talks to `npm start`'s gateway from WeChat DevTools
 * (switch on "不校验合法域名" in DevTools), acting as one of the demo openids.
 */
export interface AppConfig {
  mode: 'cloud' | 'local';
  /** CloudBase environment id, e.g. `linli-prod-1a2b3c`. */
  cloudEnv: string;
  localBaseUrl: string;
  /** Demo identity used in local mode; the gateway trusts this header, production never does. */
  localOpenid: string;
}
