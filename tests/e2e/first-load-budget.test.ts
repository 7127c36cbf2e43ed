// Issue 17: every page's first-load JavaScript at most 120 KB gzip (what a first visit downloads:
// the entry, the root, the parent routes and the page with all their imports, each file gzipped
// as `compression` sends it). Reads the build the e2e set-up made (decision 051).
import { describe, expect, it } from "vitest";
import { FIRST_LOAD_BUDGET, firstLoadSizes } from "../../scripts/bundle-size-lib";

describe("first-load JavaScript", () => {
  it("stays within 120 KB gzip on every page", () => {
    const sizes = firstLoadSizes();
    expect(sizes.length).toBeGreaterThan(80);
    const over = sizes.filter((s) => s.bytes > FIRST_LOAD_BUDGET).map((s) => `${s.route}: ${(s.bytes / 1024).toFixed(1)} KB`);
    expect(over).toEqual([]);
  });

  it("counts what a page really downloads: the framework alone is most of it", () => {
    const root = firstLoadSizes().find((s) => s.route === "root")!;
    // React, react-dom and Remix's runtime: if this drops far, the measure lost files.
    expect(root.bytes).toBeGreaterThan(70 * 1024);
    expect(root.files).toBeGreaterThan(2);
  });
});
