// The office's logo for the Word reports' cover (decision 047): a PNG or JPEG, read from its own
// bytes (never from what the browser claims), with its size in pixels so that the cover keeps its
// proportions. Pure: bytes in, a verdict out.

export const MAX_LOGO_BYTES = 500 * 1024;
const MIN_SIDE = 16;
const MAX_SIDE = 5000;

export interface ImageInfo {
  type: "png" | "jpg";
  width: number;
  height: number;
}

/** A PNG's or a JPEG's type and size in pixels, or null for anything else (or a damaged file). */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 24 && png.every((b, i) => bytes[i] === b)) {
    // The first chunk is IHDR: width and height, big-endian, at 16 and 20.
    if (String.fromCharCode(...bytes.slice(12, 16)) !== "IHDR") return null;
    return { type: "png", width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    // Walk the markers up to a start of frame (SOF0–SOF15 but DHT, JPG and DAC): height, then width.
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1]!;
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        at += 2;
        continue;
      }
      const length = view.getUint16(at + 2);
      if (length < 2) return null;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { type: "jpg", width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
      }
      if (marker === 0xda) return null;
      at += 2 + length;
    }
  }
  return null;
}

export type LogoVerdict = ({ ok: true } & ImageInfo) | { ok: false; message: string };

export function checkLogo(bytes: Uint8Array): LogoVerdict {
  if (bytes.byteLength === 0) return { ok: false, message: "Logo : le fichier est vide." };
  if (bytes.byteLength > MAX_LOGO_BYTES) {
    return { ok: false, message: `Logo : 500 Ko au maximum (celui-ci fait ${Math.ceil(bytes.byteLength / 1024).toLocaleString("fr-FR")} Ko) ; enregistrez-le plus petit.` };
  }
  const info = imageInfo(bytes);
  if (!info) return { ok: false, message: "Logo : seules les images PNG et JPEG sont acceptées." };
  if (info.width < MIN_SIDE || info.height < MIN_SIDE || info.width > MAX_SIDE || info.height > MAX_SIDE) {
    return { ok: false, message: `Logo : l'image doit mesurer entre ${MIN_SIDE} et ${MAX_SIDE} pixels de côté (celle-ci : ${info.width} × ${info.height}).` };
  }
  return { ok: true, ...info };
}

/** "#0B5E55" or "0b5e55" → "0B5E55"; null for anything that is not a colour of six hex digits. */
export function parseColor(text: string): string | null {
  const m = /^#?([0-9a-fA-F]{6})$/.exec(text.trim());
  return m ? m[1]!.toUpperCase() : null;
}
