/**
 * A rotating code drawn on a screen's 2d canvas (the volunteer check-in and the meeting's
 * sign-in screens): white square, black modules, a quiet zone of 2 modules so phones find it.
 */
import { qrModules, qrReady } from '../../services/certificate-image';

/** The encoder comes in its own subpackage: the code is drawn once it is here. */
export function drawQrOnCanvas(host: WechatMiniprogram.Component.TrivialInstance, selector: string, text: string, px: number): void {
  void qrReady().then((ready) => ready && paint(host, selector, text, px));
}

function paint(host: WechatMiniprogram.Component.TrivialInstance, selector: string, text: string, px: number): void {
  host
    .createSelectorQuery()
    .select(selector)
    .fields({ node: true, size: true })
    .exec((res: Array<{ node?: WechatMiniprogram.Canvas } | null>) => {
      const canvas = res[0]?.node;
      if (!canvas) return;
      const dpr = wx.getWindowInfo ? wx.getWindowInfo().pixelRatio : 2;
      canvas.width = px * dpr;
      canvas.height = px * dpr;
      const ctx = canvas.getContext('2d') as WechatMiniprogram.CanvasRenderingContext.CanvasRenderingContext2D;
      ctx.scale(dpr, dpr);
      const modules = qrModules(text);
      const cell = px / (modules.length + 4);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, px, px);
      ctx.fillStyle = '#000000';
      modules.forEach((row, i) => row.forEach((dark, j) => { if (dark) ctx.fillRect((j + 2) * cell, (i + 2) * cell, Math.ceil(cell), Math.ceil(cell)); }));
    });
}
