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
    ["/..//evil.example", "dot segment then protocol-relative"],
    ["/.//evil.example", "current segment then protocol-relative"],
    ["/a/../..//evil.example", "dot segments climbing above the root"],
    ["/./\\evil.example", "dot segment then backslash"],
    ["/%2F%2Fevil.example", "encoded slashes"],
    ["/%2e%2e//evil.example", "encoded dot segment"],
    ["/%5C%5Cevil.example", "encoded backslashes"],
    ["/..%2F..%2F/evil.example", "encoded climbing"],
    ["https:/evil.example", "scheme with one slash"],
    ["JavaScript:alert(1)", "script, mixed case"],
    [" /evil", "leading space"],
  ])("refuses %j (%s) or keeps it on this site", (value) => {
    const result = safeRedirect(value);
    expect(result.startsWith("/")).toBe(true);
    expect(result.startsWith("//")).toBe(false);
    expect(new URL(result, "http://ici.invalid").origin).toBe("http://ici.invalid");
  });

  it.each(["/..//evil.example", "/.//evil.example", "/a/../..//evil.example", "/%2e%2e//evil.example"])(
    "never answers a protocol-relative target for %j",
    (value) => {
      expect(safeRedirect(value)).toBe("/tableau-de-bord");
    },
  );

  it("keeps a resolved same-site path", () => {
    expect(safeRedirect("/plan-d-actions/../tableau-de-bord")).toBe("/tableau-de-bord");
    expect(safeRedirect("/plan-d-actions?q=%2F%2Fx")).toBe("/plan-d-actions?q=%2F%2Fx");
  });

  it("falls back to the dashboard", () => {
    expect(safeRedirect(null)).toBe("/tableau-de-bord");
    expect(safeRedirect("/\t/evil.example")).toBe("/tableau-de-bord");
  });
});
