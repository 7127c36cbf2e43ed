// The logo's checks (decision 047): its real type and size in pixels read from its bytes.
import { describe, expect, it } from "vitest";
import { checkLogo, imageInfo, parseColor } from "~/domain/images";

/** A minimal PNG header: signature, then the IHDR chunk with its width and height. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

/** A JPEG's start: SOI, an APP0 segment, then SOF0 with its height and width. */
function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Array.from({ length: 14 }, () => 0)];
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, ...Array.from({ length: 9 }, () => 0)];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof]);
}

describe("the office's logo", () => {
  it("reads a PNG's and a JPEG's size from their bytes", () => {
    expect(imageInfo(pngHeader(640, 200))).toEqual({ type: "png", width: 640, height: 200 });
    expect(imageInfo(jpegHeader(1200, 800))).toEqual({ type: "jpg", width: 1200, height: 800 });
    expect(imageInfo(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(imageInfo(new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull();
  });

  it("takes a PNG or JPEG of a sensible size, and says in French why not otherwise", () => {
    expect(checkLogo(pngHeader(640, 200))).toEqual({ ok: true, type: "png", width: 640, height: 200 });
    expect(checkLogo(new Uint8Array())).toEqual({ ok: false, message: "Logo : le fichier est vide." });
    expect(checkLogo(new TextEncoder().encode("%PDF-1.7"))).toEqual({ ok: false, message: "Logo : seules les images PNG et JPEG sont acceptées." });
    expect(checkLogo(pngHeader(8, 8))).toMatchObject({ ok: false, message: expect.stringMatching(/^Logo : l'image doit mesurer entre 16 et 5000 pixels de côté \(celle-ci : 8 × 8\)\.$/) });
    const big = new Uint8Array(600 * 1024);
    big.set(pngHeader(640, 200));
    expect(checkLogo(big)).toMatchObject({ ok: false, message: expect.stringMatching(/^Logo : 500 Ko au maximum \(celui-ci fait 600 Ko\)/) });
  });

  it("reads a colour typed or picked, six hex digits", () => {
    expect(parseColor("#0b5e55")).toBe("0B5E55");
    expect(parseColor(" A4161A ")).toBe("A4161A");
    expect(parseColor("#fff")).toBeNull();
    expect(parseColor("rouge")).toBeNull();
  });
});
