// Opens a Word document as a person would, in LibreOffice, to read or look at what it shows.
// Each call gets its own LibreOffice profile: test workers convert at the same time, and two
// instances sharing a profile wait for each other or fail.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const CONVERSION_TIMEOUT = 120_000;

/** Converts the document to PDF with LibreOffice, and returns the PDF's text laid out as on the page. */
export async function docxToPdfText(buffer: Buffer): Promise<{ text: string; pdfPath: string; dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "cap-qualite-docx-"));
  const profile = await mkdtemp(path.join(tmpdir(), "cap-qualite-soffice-"));
  const docxPath = path.join(dir, "document.docx");
  const pdfPath = path.join(dir, "document.pdf");
  await writeFile(docxPath, buffer);
  let output = "";
  try {
    const result = await run(
      "soffice",
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--convert-to", "pdf", "--outdir", dir, docxPath],
      { timeout: CONVERSION_TIMEOUT },
    );
    output = `${result.stdout}${result.stderr}`;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    output = `${failure.message}\n${failure.stdout ?? ""}${failure.stderr ?? ""}`;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  // LibreOffice exits with 0 when it cannot read a file: the PDF is the only proof of success.
  if (!existsSync(pdfPath)) throw new Error(`LibreOffice n'a pas produit de PDF pour ${docxPath} :\n${output}`);
  const { stdout } = await run("pdftotext", ["-layout", pdfPath, "-"], { maxBuffer: 20 * 1024 * 1024 });
  return { text: stdout, pdfPath, dir };
}

/** One PNG per page, at 70 dpi: "<outPrefix>-1.png"… Returns their paths in page order. */
export async function pdfToPngs(pdfPath: string, outPrefix: string): Promise<string[]> {
  const folder = path.dirname(outPrefix);
  const isPage = (name: string) => name.startsWith(`${path.basename(outPrefix)}-`) && /-\d+\.png$/.test(name);
  // Pages of an earlier, longer rendering would pass for this one's.
  await Promise.all((await readdir(folder)).filter(isPage).map((name) => rm(path.join(folder, name))));
  await run("pdftoppm", ["-png", "-r", "70", pdfPath, outPrefix]);
  const pages = (await readdir(folder)).filter(isPage);
  return pages.sort((a, b) => pageNumber(a) - pageNumber(b)).map((name) => path.join(folder, name));
}

function pageNumber(file: string): number {
  return Number(/-(\d+)\.png$/.exec(file)?.[1] ?? 0);
}
