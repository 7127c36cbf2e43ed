// The stylesheet's blocks are balanced: one unclosed "@media (max-width: 40rem) {" once made every
// rule after it apply only on a phone (the build only warns).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Depth after each character, comments and strings left out; the lines where a block stays open at the top level. */
function openBlocks(css: string): { depth: number; unclosedAt: number[] } {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (s) => s.replace(/[{}]/g, " "));
  const stack: number[] = [];
  let line = 1;
  for (const ch of text) {
    if (ch === "\n") line++;
    else if (ch === "{") stack.push(line);
    else if (ch === "}") stack.pop();
  }
  return { depth: stack.length, unclosedAt: stack };
}

describe("app.css", () => {
  it("closes every block it opens", () => {
    const css = fs.readFileSync(path.resolve(__dirname, "../../app/styles/app.css"), "utf8");
    expect(openBlocks(css).unclosedAt).toEqual([]);
  });

  it("finds a block left open, at its line", () => {
    expect(openBlocks("a { b: c; }\n@media (x) {\n  d { e: f; }\n/* } */\ng { h: '}'; }").unclosedAt).toEqual([2]);
  });
});
