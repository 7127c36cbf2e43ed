// A Word document's parts as the tests read them without LibreOffice: the body's XML and the
// names of its media (images), read by `unzip` from a copy on disk that is removed afterwards.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function docxParts(bytes: Buffer | ArrayBuffer): Promise<{ xml: string; media: string[] }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "cap-qualite-parts-"));
  try {
    const file = path.join(dir, "document.docx");
    await writeFile(file, Buffer.from(bytes as ArrayBuffer));
    const { stdout: xml } = await run("unzip", ["-p", file, "word/document.xml"], { maxBuffer: 50 * 1024 * 1024 });
    const { stdout: list } = await run("unzip", ["-Z1", file]);
    return { xml, media: list.split("\n").filter((name) => name.startsWith("word/media/")) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
