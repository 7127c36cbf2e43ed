import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/redirect";

describe("safeRedirect", () => {
  it("keeps paths of this site", () => {
    expect(safeRedirect("/administration/bureaux")).toBe("/administration/bureaux");
    expect(safeRedirect("/administration/bureaux?page=2#liste")).toBe("/administration/bureaux?page=2#liste");
  });

  it.each([
    ["//evil.example", "protocol-relative"],
    ["/\\evil.example", "backslash"],
    ["https://evil.example", "absolute"],
    ["/\t/evil.example", "tab that browsers drop"],
    ["/\n/evil.example", "newline"],
    ["/%09/evil.example", "encoded tab stays a path"],
    ["javascript:alert(1)", "script"],
    ["", "empty"],
  ])("refuses %j (%s) or keeps it on this site", (value) => {
    const result = safeRedirect(value);
    expect(result.startsWith("/")).toBe(true);
    expect(result.startsWith("//")).toBe(false);
    expect(new URL(result, "http://ici.invalid").origin).toBe("http://ici.invalid");
  });

  it("falls back to the dashboard", () => {
    expect(safeRedirect(null)).toBe("/tableau-de-bord");
    expect(safeRedirect("/\t/evil.example")).toBe("/tableau-de-bord");
  });
});
