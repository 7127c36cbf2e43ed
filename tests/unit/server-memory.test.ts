// Every way of starting the server passes the same memory flags to node (decision 060).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import serverMemory from "../../server-memory.js";

const { NODE_MEMORY_FLAGS } = serverMemory;
const nodeFlags = (command: string) => {
  const match = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+server\.js/.exec(command);
  return match ? match[1]!.trim().split(/\s+/).filter(Boolean) : null;
};

describe("the server's memory flags", () => {
  it("are two V8 settings, neither of them a cap on the heap", () => {
    expect(NODE_MEMORY_FLAGS).toEqual(["--max-semi-space-size=8", "--heap-growing-percent=30"]);
    expect(NODE_MEMORY_FLAGS.some((f: string) => f.startsWith("--max-old-space-size"))).toBe(false);
  });

  it("are those of npm run serve and of the demo", () => {
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    expect(nodeFlags(pkg.scripts.serve!)).toEqual(NODE_MEMORY_FLAGS);
    const demo = fs.readFileSync("scripts/demo.sh", "utf8").split("\n").find((l) => /^exec node /.test(l))!;
    expect(nodeFlags(demo)).toEqual(NODE_MEMORY_FLAGS);
  });

  it("are flags this node accepts", async () => {
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync(process.execPath, [...NODE_MEMORY_FLAGS, "-e", "console.log('ok')"], { encoding: "utf8" });
    expect(out.trim()).toBe("ok");
  });
});
