import { describe, expect, it } from "vitest";
import { checkUpload, sniffType } from "~/domain/uploads";
import { isCalendarDay } from "~/domain/fields";

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);

describe("uploads", () => {
  it("reads the real type from the first bytes", () => {
    expect(sniffType(JPEG)).toBe("image/jpeg");
    expect(sniffType(new TextEncoder().encode("%PDF-1.7"))).toBe("application/pdf");
    expect(sniffType(new TextEncoder().encode("<html>"))).toBeNull();
  });

  it("gives the file the extension of what it really is", () => {
    expect(checkUpload({ name: "l'accueil d'Amou.pdf", bytes: JPEG })).toEqual({ ok: true, type: "image/jpeg", name: "l'accueil d'Amou.jpg" });
  });

  it("refuses paths, hidden names and control characters", () => {
    for (const name of ["../x.jpg", "a/b.jpg", "a\\b.jpg", ".htaccess", "x\u0000.jpg", "c:x.jpg"]) {
      expect(checkUpload({ name, bytes: JPEG }).ok, name).toBe(false);
    }
  });
});

describe("calendar days", () => {
  it("accepts real days only", () => {
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2023-02-29")).toBe(false);
    expect(isCalendarDay("2024-02-31")).toBe(false);
    expect(isCalendarDay("31/12/2024")).toBe(false);
  });
});
