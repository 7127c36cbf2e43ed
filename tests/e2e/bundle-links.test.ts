// No page downloads much code it does not use: a route imports from a module that is not
// `.server` only what its component uses, so that esbuild does not link its page to chunks
// (a schema and zod, rules) the page never runs (decision 051, addendum). Reads the build.
import { describe, expect, it } from "vitest";
import { unusedChunks } from "../../scripts/bundle-links-lib";

/** The leftovers today are under 4.5 KB (see decision 051); a schema or zod reached this way is more. */
const ALLOWED_UNUSED_BYTES = 4.5 * 1024;

describe("first-load chunks", () => {
  it("makes no page download more than 4.5 KB of chunks nothing on it imports", () => {
    const pages = unusedChunks();
    expect(pages.length).toBeGreaterThan(50);
    const over = pages.filter((p) => p.bytes > ALLOWED_UNUSED_BYTES).map((p) => `${p.route}: ${(p.bytes / 1024).toFixed(1)} KB (${p.files.join(", ")})`);
    expect(over).toEqual([]);
  });
});
