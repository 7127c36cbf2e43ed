// The public page's addresses and their QR codes, drawn by the qrcode library (decision 038):
// as SVG for the page (no script, no request elsewhere: it passes the CSP) and as PNG for
// printing and for the Word questionnaire.
import crypto from "node:crypto";
import QRCode from "qrcode";
import { getEnv } from "../../env.server";

/** The public address links start with: APP_URL, or (the demo) the address the page was asked at. */
export function publicBase(request: Request): string {
  return (getEnv().APP_URL ?? new URL(request.url).origin).replace(/\/+$/, "");
}

/** /questionnaire/TOKEN, with the desk's site and "qr" when the QR code of a desk leads there. */
export function publicUrl(base: string, token: string, options: { siteId?: number | null; via?: "qr" | "email" } = {}): string {
  const params = new URLSearchParams();
  if (options.siteId) params.set("bureau", String(options.siteId));
  if (options.via) params.set("via", options.via);
  const query = params.toString();
  return `${base}/questionnaire/${token}${query ? `?${query}` : ""}`;
}

const OPTIONS = { errorCorrectionLevel: "M" as const, margin: 2, color: { dark: "#1c2430", light: "#ffffff" } };

/** The QR code as an SVG document (shapes only, no script). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...OPTIONS, type: "svg" });
}

/** The QR code as a PNG, `width` pixels wide. */
export function qrPng(url: string, width = 600): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...OPTIONS, type: "png", width });
}

/**
 * The rate limit's subject for an address (decision 037): "ip:" and a keyed hash of it, so that
 * the table of limits never holds a visitor's address, and a leaked table does not give it back.
 */
export function addressKey(ip: string): string {
  return `ip:${crypto.createHmac("sha256", getEnv().SESSION_SECRET).update(`public-address:${ip}`).digest("base64url").slice(0, 32)}`;
}
