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

/** The worker could not start (or take the model): the document is built in this thread instead. */
class WorkerUnavailableError extends Error {}

/** A document may take this long in the worker; beyond, the worker is stopped and the download fails. */
const JOB_TIMEOUT_MS = 120_000;

type Reply = { ready: true } | { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };

interface Running {
  worker: Worker;
  /** resolved once the worker has loaded its templates; rejected if it fails before */
  ready: Promise<void>;
}

let running: Running | null = null;
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

function startWorker(file: string): Running {
  const worker = new Worker(file);
  let loaded = false;
  let markReady: () => void = () => {};
  let failStart: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failStart = reject;
  });
  // Awaited by each job; never left unhandled when nobody waits.
  ready.catch(() => undefined);
  worker.on("message", (reply: Reply) => {
    if ("ready" in reply) {
      loaded = true;
      markReady();
      return;
    }
    const job = waiting.get(reply.id);
    if (!job) return;
    waiting.delete(reply.id);
    if (reply.ok) job.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
    else job.reject(new Error(`rapport Word : ${reply.message}`));
  });
  const stopped = (cause: Error) => {
    if (running?.worker === worker) running = null;
    if (!loaded) failStart(new WorkerUnavailableError(cause.message));
    // A worker that dies while building (out of memory, killed) fails that download: building the
    // same document again in the server's own thread could take the server down with it.
    for (const job of waiting.values()) job.reject(new Error(`rapport Word : le fil des rapports s'est arrêté (${cause.message})`));
    waiting.clear();
  };
  worker.on("error", stopped);
  worker.on("exit", (code) => stopped(new Error(`code ${code}`)));
  // It never keeps the process alive by itself (a command-line script ends when its work is done).
  worker.unref();
  return { worker, ready };
}

async function inWorker(file: string, kind: DocumentKind, model: unknown): Promise<Buffer> {
  running ??= startWorker(file);
  const { worker, ready } = running;
  await ready;
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new Error(`rapport Word : plus de ${JOB_TIMEOUT_MS / 1000} secondes de construction, arrêtée`));
      void worker.terminate();
    }, JOB_TIMEOUT_MS);
    timer.unref();
    const settle = { resolve: (b: Buffer) => (clearTimeout(timer), resolve(b)), reject: (e: Error) => (clearTimeout(timer), reject(e)) };
    waiting.set(id, settle);
    try {
      worker.postMessage({ id, kind, model });
    } catch (error) {
      // A model the worker cannot receive (not plain data): built here, and said in the log.
      waiting.delete(id);
      settle.reject(new WorkerUnavailableError(error instanceof Error ? error.message : String(error)));
    }
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
        if (!(error instanceof WorkerUnavailableError)) throw error;
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
  const current = running;
  running = null;
  if (current) await current.worker.terminate();
}
