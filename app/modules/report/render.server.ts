// Where a Word document is built (decision 048): in the report worker, a thread of its own, when
// the server has it (build/report-worker.cjs, made by `npm run build`), so that the event loop
// keeps answering other requests while a large report is packed; in this thread otherwise (the
// development server, the tests that call the templates directly), as before. One worker per
// server process, one document at a time (`oneAtATime`), restarted if it ever dies.
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { RENDERERS, type DocumentKind, type DocumentModel } from "../../../templates/renderers";
import { oneAtATime } from "./download.server";

/** The worker could not start or stopped: the document is built in this thread instead. */
class WorkerDiedError extends Error {}

type Reply = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();

/**
 * The worker's file: REPORT_WORKER_FILE when set (tests); in production the one `npm run build`
 * writes beside the server's build; none otherwise (the development server and the tests build
 * from the sources, never from a bundle that may be older than them).
 */
export function reportWorkerFile(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.REPORT_WORKER === "off") return null;
  const file = env.REPORT_WORKER_FILE ?? (env.NODE_ENV === "production" ? path.resolve(process.cwd(), "build", "report-worker.cjs") : null);
  return file && fs.existsSync(file) ? file : null;
}

function startWorker(file: string): Worker {
  const started = new Worker(file);
  started.on("message", (reply: Reply) => {
    const job = waiting.get(reply.id);
    if (!job) return;
    waiting.delete(reply.id);
    if (reply.ok) job.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
    else job.reject(new Error(`rapport Word : ${reply.message}`));
  });
  const fail = (cause: Error) => {
    const error = new WorkerDiedError(cause.message);
    for (const job of waiting.values()) job.reject(error);
    waiting.clear();
    if (worker === started) worker = null;
  };
  started.on("error", fail);
  started.on("exit", (code) => fail(new Error(`le fil des rapports s'est arrêté (code ${code})`)));
  // It never keeps the process alive by itself (a command-line script ends when its work is done).
  started.unref();
  return started;
}

function inWorker(file: string, kind: DocumentKind, model: unknown): Promise<Buffer> {
  worker ??= startWorker(file);
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker!.postMessage({ id, kind, model });
  });
}

/** Builds one document, one at a time per server process; where, says `builtBy` (for tests and the benchmark). */
export async function renderDocument<K extends DocumentKind>(kind: K, model: DocumentModel<K>): Promise<Buffer> {
  return oneAtATime(async () => {
    const file = reportWorkerFile();
    if (file) {
      try {
        const buffer = await inWorker(file, kind, model);
        lastBuiltBy = "worker";
        return buffer;
      } catch (error) {
        if (!(error instanceof WorkerDiedError)) throw error;
        console.warn(`Rapport Word construit hors du fil des rapports : ${error.message}`);
      }
    }
    lastBuiltBy = "main";
    return (RENDERERS[kind] as (m: DocumentModel<K>) => Promise<Buffer>)(model);
  });
}

let lastBuiltBy: "worker" | "main" | null = null;
/** Where the last document was built. */
export function builtBy(): "worker" | "main" | null {
  return lastBuiltBy;
}

/** Stops the worker (tests). */
export async function stopReportWorker(): Promise<void> {
  const running = worker;
  worker = null;
  if (running) await running.terminate();
}
