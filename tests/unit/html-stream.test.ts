import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "~/entry.server";

describe("the HTML stream", () => {
  it("drops the NUL byte React 18 leaves where a multibyte character did not fit its buffer", async () => {
    const stream = withoutNulBytes();
    const out: Buffer[] = [];
    stream.on("data", (c: Buffer) => out.push(c));
    const done = new Promise((resolve) => stream.on("end", resolve));
    stream.write(Buffer.from([...Buffer.from("conférenci"), 0]));
    stream.end(Buffer.from("ère"));
    await done;
    expect(Buffer.concat(out).toString("utf8")).toBe("conférencière");
  });
});
