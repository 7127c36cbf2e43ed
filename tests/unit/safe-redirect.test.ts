import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/redirect";

describe("safeRedirect", () => {
  it("keeps paths of this site and refuses the rest", () => {
    expect(safeRedirect("/administration/bureaux")).toBe("/administration/bureaux");
    expect(safeRedirect("//evil.example")).toBe("/tableau-de-bord");
    expect(safeRedirect("/\\evil.example")).toBe("/tableau-de-bord");
    expect(safeRedirect("https://evil.example")).toBe("/tableau-de-bord");
    expect(safeRedirect(null)).toBe("/tableau-de-bord");
  });
});
