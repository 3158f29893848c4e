/**
 * 志愿服务记录证明 as an image: what goes on it, line by line, and the QR's modules. Kept
 * apart from the canvas so the content is tested without one; the page draws it.
 */
import type qrcodeFactory from 'qrcode-generator';
import type { CertificateView } from '../core/volunteer/certificate';
import { hoursText } from '../core/volunteer/vocabulary';

/**
 * What the QR encodes: an address WeChat opens the verify page with once the mini-program's
 * 「扫普通链接二维码打开小程序」 rule names this prefix; the verify page also scans it itself.
 */
export const VERIFY_URL_BASE = 'https://linli.example.cn/verify-certificate';

export function verifyUrl(c: CertificateView): string {
  return `${VERIFY_URL_BASE}?c=${encodeURIComponent(c.verify.communityId)}&t=${encodeURIComponent(c.verify.token)}`;
}

/** The community and token from a scanned text or the page's options (`q` is the URL WeChat passes). */
export function verifyTarget(source: { q?: string; c?: string; t?: string } | string): { communityId: string; token: string } | null {
  const url = typeof source === 'string' ? source : source.q ? decodeURIComponent(source.q) : '';
  if (url) {
    const m = /[?&]c=([^&]+)&t=([^&#]+)/.exec(url);
    return m ? { communityId: decodeURIComponent(m[1]), token: decodeURIComponent(m[2]) } : null;
  }
  return typeof source !== 'string' && source.c && source.t ? { communityId: source.c, token: source.t } : null;
}

/** The lines of the certificate, in the four blocks of 民发〔2015〕149号. */
export function certificateLines(c: CertificateView): Array<{ label: string; value: string }> {
  const s = c.snapshot;
  return [
    { label: '姓名', value: s.name },
    { label: '证件', value: s.idNumberMasked ? `${s.idType ?? ''} ${s.idNumberMasked}` : '未登记' },
    { label: '志愿者编号', value: s.volunteerNumber },
    { label: '服务时长', value: hoursText(s.minutes) },
    { label: '服务期间', value: `${s.period.from} 至 ${s.period.to}` },
    { label: '服务内容', value: s.content.join('、') },
    { label: '计时规则', value: s.rounding },
    { label: '出具单位', value: s.issuer },
    { label: '负责人', value: s.personInCharge },
    { label: '经办人', value: s.handler },
    { label: '联系电话', value: s.contact },
    { label: '证明编号', value: c.number },
    { label: '出具日期', value: c.issuedOn },
    { label: '依据', value: s.ruleVersion },
  ];
}

type QrFactory = typeof qrcodeFactory;

let qrcode: QrFactory | undefined;
let qrLoading: Promise<boolean> | undefined;
// qrcode-generator (≈20 KB) is its own subpackage (app.json: vendor/qr, built by
// dev/build.ts): only the screens that draw a code fetch it. The literal require.async is how
// WeChat's compiler knows the file is used; the path is relative to this file.
const qrLoader = (): Promise<QrFactory | { default: QrFactory }> => (require as unknown as { async(p: string): Promise<QrFactory> }).async('../vendor/qr/index.js');

/** Fetches the QR encoder once (again after a failure); true when qrModules may run. Never rejects. */
export function qrReady(): Promise<boolean> {
  if (qrcode) return Promise.resolve(true);
  qrLoading ??= qrLoader().then(
    (mod) => {
      qrcode = 'default' in mod ? mod.default : mod;
      return true;
    },
    () => {
      qrLoading = undefined;
      return false;
    },
  );
  return qrLoading;
}

/** Tests hand in the encoder from node_modules, as if it had been fetched. */
export function setQrEncoder(factory: QrFactory): void {
  qrcode = factory;
}

/** The QR as a square of dark/light modules; after `qrReady()` has answered true. */
export function qrModules(text: string): boolean[][] {
  if (!qrcode) throw new Error('二维码组件尚未加载');
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, col) => qr.isDark(r, col)));
}
