// The report worker (decision 048): the Word documents are built in a thread of their own when
// the server has the worker's bundle, and come out the same as when built in the request's
// thread; without the bundle, or when the worker cannot start, they are built here.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtBy, renderDocument, stopReportWorker } from "~/modules/report/render.server";
import { qrPng } from "~/modules/questionnaire/links.server";
import type { QuestionnaireDocumentModel } from "../../templates/questionnaire";
import { docxParts } from "../support/docx-parts";

const run = promisify(execFile);
let dir: string;
let bundle: string;

beforeAll(async () => {
  // Inside the project, as build/ is: the bundle finds the packages it leaves out (the chart renderer).
  await mkdir(path.resolve(__dirname, "../../tmp"), { recursive: true });
  dir = await mkdtemp(path.resolve(__dirname, "../../tmp/report-worker-"));
  bundle = path.join(dir, "report-worker.cjs");
  await run(process.execPath, [path.resolve(__dirname, "../../scripts/build-report-worker.mjs"), bundle]);
}, 60_000);

afterAll(async () => {
  await stopReportWorker();
  delete process.env.REPORT_WORKER_FILE;
  await rm(dir, { recursive: true, force: true });
});

async function model(): Promise<QuestionnaireDocumentModel> {
  const url = "https://qualite.example.fr/questionnaire/abc";
  return {
    officeName: "Office de Tourisme Landes Chalosse",
    title: "Votre avis sur notre accueil",
    period: "Campagne du 1er juin au 30 septembre 2021",
    intro: "",
    thanks: "Merci !",
    sites: ["Amou", "Hagetmau"],
    questions: [{ position: 1, kind: "scale", text: "Qualité de l'accueil", help: "", required: true, options: ["Très satisfait (4)", "Satisfait (3)"], bounds: "", personal: false }],
    online: { url, qrPng: await qrPng(url, 200) },
  };
}

async function documentXml(buffer: Buffer): Promise<{ xml: string; media: number }> {
  const { xml, media } = await docxParts(buffer);
  return { xml, media: media.length };
}

describe("the report worker", () => {
  it("builds a document in its own thread, with its images, as the request's thread would", async () => {
    delete process.env.REPORT_WORKER_FILE;
    const here = await documentXml(await renderDocument("questionnaire", await model()));
    expect(builtBy()).toBe("main");
    process.env.REPORT_WORKER_FILE = bundle;
    const there = await documentXml(await renderDocument("questionnaire", await model()));
    expect(builtBy()).toBe("worker");
    expect(there.xml).toContain("Votre avis sur notre accueil");
    expect(there.xml).toContain("Qualité de l’accueil");
    expect(there.media).toBe(here.media);
    expect(there.media).toBeGreaterThan(0);
    expect(there.xml.length).toBe(here.xml.length);
    // Several at once: each answer goes to its own request.
    const titles = ["Un", "Deux", "Trois"];
    const built = await Promise.all(titles.map(async (title) => documentXml(await renderDocument("questionnaire", { ...(await model()), title }))));
    built.forEach((d, i) => expect(d.xml).toContain(titles[i]));
  });

  it("says what went wrong in a template, and builds in this thread when the worker cannot start", async () => {
    process.env.REPORT_WORKER_FILE = bundle;
    await expect(renderDocument("questionnaire", { nonsense: true } as unknown as QuestionnaireDocumentModel)).rejects.toThrow(/^rapport Word : /);
    await stopReportWorker();
    const broken = path.join(dir, "broken.cjs");
    await writeFile(broken, "throw new Error('cassé');");
    process.env.REPORT_WORKER_FILE = broken;
    const fallback = await documentXml(await renderDocument("questionnaire", await model()));
    expect(fallback.xml).toContain("Votre avis sur notre accueil");
    expect(builtBy()).toBe("main");
    await stopReportWorker();
  });

  it("fails the download, without building it again here, when the worker dies while building", async () => {
    // Loads, says it is ready, then dies on the first document (as out of memory would).
    const dying = path.join(dir, "dying.cjs");
    await writeFile(dying, "const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ ready: true }); parentPort.on('message', () => process.exit(3));");
    process.env.REPORT_WORKER_FILE = dying;
    await expect(renderDocument("questionnaire", await model())).rejects.toThrow(/^rapport Word : le fil des rapports s'est arrêté/);
    // The next download starts a new worker: the real one builds it.
    process.env.REPORT_WORKER_FILE = bundle;
    expect((await documentXml(await renderDocument("questionnaire", await model()))).xml).toContain("Votre avis sur notre accueil");
    expect(builtBy()).toBe("worker");
    await stopReportWorker();
  });
});
