// The Word minutes' share of `npm run bench` (issue 17: at most 1.3 × the `docx` floor): the
// seed's meeting of 25 March 2021 and a large one (a hundred agenda points and a hundred
// actions), each built through the app's own code path (minutesDocument, then renderDocument,
// what the .docx route calls), beside docx's own packing of the same content built with plain
// `docx` calls: the same paragraphs, tables, headings and runs, no template, no kit. As for the
// readiness file (scripts/bench-reports.ts), the floor's document is built beforehand and only
// its packing is timed; that its word/document.xml is the very one ours writes is checked, and
// printed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { Packer } from "docx";
import { build } from "esbuild";
import knexFactory from "knex";
import { knexConfig } from "../db/config";
import { seedDemo } from "../db/seeds/demo";
import { minutesDocument } from "../app/modules/meeting/document";
import { getMeeting, type MeetingDetail } from "../app/modules/meeting/meetings.server";
import { builtBy, renderDocument, stopReportWorker } from "../app/modules/report/render.server";
import { commandScope } from "../app/modules/scope.server";
import type { MinutesDocumentModel } from "../templates/minutes-model";
import { floorMinutes } from "./bench-minutes-floor";

export const MINUTES_OBJECTIVE = 1.3;

/** Processor time (user + system) of this process, in ms: steadier than the clock on a shared machine. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * A pause before each measure: V8 finishes the previous one's collection on threads of its own,
 * which the process's processor time counts; without it, one measure pays for the one before.
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 30));
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The seed's meeting (db/seeds/demo-meeting.ts, from shared/seed) as the route reads it, and the office's name. */
export async function seedMeeting(): Promise<{ meeting: MeetingDetail; officeName: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-bench-minutes-"));
  const db = knexFactory(knexConfig(`sqlite:${path.join(dir, "bench.sqlite")}`));
  try {
    await db.migrate.latest();
    const { officeId } = await seedDemo(db);
    const office = await db("offices").where({ id: officeId }).first<{ name: string }>("name");
    const first = await db("meetings").where({ office_id: officeId }).orderBy("held_on").first<{ id: number }>("id");
    const meeting = await getMeeting(commandScope(db, officeId), { meetingId: first.id, userId: 0 });
    if (!meeting) throw new Error("la réunion du 25 mars 2021 manque à la démo");
    return { meeting, officeName: office.name };
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The seed's meeting grown to `points` agenda points (its own, again and again, registers included) and `actions` actions. */
export function largeMeeting(seed: MeetingDetail, points = 100, actions = 100): MeetingDetail {
  return {
    ...seed,
    sections: Array.from({ length: points }, (_, i) => {
      const section = seed.sections[i % seed.sections.length]!;
      return { ...section, id: i + 1, position: i + 1, title: `${i + 1}. ${section.title}` };
    }),
    actions: Array.from({ length: actions }, (_, i) => {
      const action = seed.actions[i % seed.actions.length]!;
      return { ...action, id: i + 1, title: `${action.title} (n° ${i + 1})`, siteNames: i % 3 === 0 ? ["Saint-Sever", "Hagetmau"] : action.siteNames };
    }),
  };
}

// ── The measure ───────────────────────────────────────────────────────────────────────────

/** word/document.xml of a .docx, read by `unzip` from a copy on disk. */
function documentXml(buffer: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-bench-minutes-"));
  try {
    fs.writeFileSync(path.join(dir, "cr.docx"), buffer);
    return execFileSync("unzip", ["-p", path.join(dir, "cr.docx"), "word/document.xml"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const count = (xml: string, tag: string) => xml.split(`<${tag}>`).length - 1 + xml.split(`<${tag} `).length - 1;

/** Ours, once: the model from the meeting, then renderDocument, as the route does; in the report worker or in this thread. */
async function ours(meeting: MeetingDetail, officeName: string, where: "worker" | "main"): Promise<Buffer> {
  process.env.REPORT_WORKER = where === "worker" ? "" : "off";
  const buffer = await renderDocument("minutes", minutesDocument(meeting, officeName));
  if (builtBy() !== where) throw new Error(`compte rendu construit ailleurs que prévu (${String(builtBy())} au lieu de ${where})`);
  return buffer;
}

/** The floor in a thread of its own, started as the report worker is: its packing's processor time, measured there. */
class FloorThread {
  private worker: Worker;
  private ready: Promise<unknown>;
  private pending: { resolve: (ms: number) => void; reject: (error: Error) => void } | null = null;
  private failed: Error | null = null;
  constructor(file: string) {
    this.worker = new Worker(file);
    this.ready = new Promise((resolve) => this.worker.once("message", resolve));
    this.worker.on("error", (error) => {
      this.failed = error;
      this.pending?.reject(error);
      this.pending = null;
    });
  }
  async pack(model: MinutesDocumentModel): Promise<number> {
    await this.ready;
    if (this.failed) throw this.failed;
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.once("message", (reply: { ms: number }) => {
        this.pending = null;
        resolve(reply.ms);
      });
      this.worker.postMessage(model);
    });
  }
  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * One minutes' figures: ours in the report worker (production, decision 048) beside the floor
 * in a thread of its own, and ours in this thread (the development server)
 * beside the floor in this thread; rounds interleaved, medians of the rounds after the first.
 * Processor time is the whole process's: the thread that waits for a worker spends none.
 */
async function benchOne(meeting: MeetingDetail, officeName: string, rounds: number, floorThread: FloorThread): Promise<Record<string, string>> {
  const model = minutesDocument(meeting, officeName);
  const built = await ours(meeting, officeName, "worker");
  const oursXml = documentXml(built);
  if (documentXml(await ours(meeting, officeName, "main")) !== oursXml) throw new Error("le fil des rapports et ce fil n'écrivent pas le même compte rendu");
  if (documentXml(await Packer.toBuffer(floorMinutes(model))) !== oursXml) throw new Error("le plancher n'écrit pas le même word/document.xml que le modèle : scripts/bench-minutes-floor.ts est à reprendre");
  const samples = { worker: [] as number[], floorWorker: [] as number[], main: [] as number[], floorMain: [] as number[], floorBuild: [] as number[] };
  for (let i = 0; i < rounds; i += 1) {
    await settle();
    let t = cpuMs();
    await ours(meeting, officeName, "worker");
    samples.worker.push(cpuMs() - t);
    await settle();
    samples.floorWorker.push(await floorThread.pack(model));
    await settle();
    t = cpuMs();
    await ours(meeting, officeName, "main");
    samples.main.push(cpuMs() - t);
    await settle();
    t = cpuMs();
    const doc = floorMinutes(model);
    samples.floorBuild.push(cpuMs() - t);
    await settle();
    t = cpuMs();
    await Packer.toBuffer(doc);
    samples.floorMain.push(cpuMs() - t);
  }
  const [w, fw, m, fm, fb] = [samples.worker, samples.floorWorker, samples.main, samples.floorMain, samples.floorBuild].map((s) => median(s.slice(1))) as [number, number, number, number, number];
  return {
    contenu: `${model.sections.length} points, ${model.actions.length} actions ; ${count(oursXml, "w:p")} paragraphes, ${count(oursXml, "w:tbl")} tableaux, ${count(oursXml, "w:r")} runs (document.xml identique au plancher)`,
    taille: `${(built.byteLength / 1024).toFixed(0)} Ko`,
    "notre modèle, fil des rapports (production, processeur)": `${w.toFixed(1)} ms`,
    "docx seul : Packer sur le même contenu, dans un fil à lui": `${fw.toFixed(1)} ms`,
    [`rapport (objectif ≤ ${String(MINUTES_OBJECTIVE).replace(".", ",")})`]: `${(w / fw).toFixed(2)} ×`,
    "dans ce fil (développement) : notre modèle / docx seul": `${m.toFixed(1)} / ${fm.toFixed(1)} ms, ${(m / fm).toFixed(2)} ×`,
    // What the floor leaves out: building the same tree with plain docx calls (the texts' typography and Markdown included).
    "docx seul, construction comprise (ce fil)": `${fb.toFixed(1)} + ${fm.toFixed(1)} ms ; notre modèle à ${(m / (fb + fm)).toFixed(2)} × de cela`,
  };
}

/**
 * The report worker's bundle (what `npm run build` writes beside the app) and the floor's,
 * built from the sources in the project's tmp/, so that Node finds the packages they leave out.
 */
async function bundleWorkers(): Promise<{ report: string; floor: string; dir: string }> {
  const tmp = path.resolve(__dirname, "..", "tmp");
  fs.mkdirSync(tmp, { recursive: true });
  const dir = fs.mkdtempSync(path.join(tmp, "bench-minutes-"));
  const report = path.join(dir, "report-worker.cjs");
  const floor = path.join(dir, "floor-worker.cjs");
  execFileSync(process.execPath, [path.resolve(__dirname, "build-report-worker.mjs"), report], { stdio: "inherit" });
  await build({
    entryPoints: [path.resolve(__dirname, "bench-minutes-floor-worker.ts")],
    outfile: floor,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    tsconfig: path.resolve(__dirname, "..", "tsconfig.json"),
    logLevel: "warning",
  });
  return { report, floor, dir };
}

/** The seed's minutes and the large ones beside their floor. */
export async function benchMinutes(): Promise<Record<string, Record<string, string>>> {
  const { meeting, officeName } = await seedMeeting();
  const bundles = await bundleWorkers();
  const saved = { file: process.env.REPORT_WORKER_FILE, off: process.env.REPORT_WORKER };
  process.env.REPORT_WORKER_FILE = bundles.report;
  const floorThread = new FloorThread(bundles.floor);
  try {
    return {
      "compte rendu du 25/03/2021 (démo)": await benchOne(meeting, officeName, 61, floorThread),
      "grand compte rendu (100 points, 100 actions)": await benchOne(largeMeeting(meeting), officeName, 21, floorThread),
    };
  } finally {
    await floorThread.stop();
    await stopReportWorker();
    fs.rmSync(bundles.dir, { recursive: true, force: true });
    for (const [name, value] of [["REPORT_WORKER_FILE", saved.file], ["REPORT_WORKER", saved.off]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
