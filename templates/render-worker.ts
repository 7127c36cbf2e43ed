// The report worker (decision 048): builds Word documents in a thread of its own, so that the
// server's event loop keeps answering while a large report is packed. Bundled by
// scripts/build-report-worker.mjs to build/report-worker.cjs; each message is one document:
// { id, kind, model } in, { id, ok, bytes } or { id, ok: false, message } out.
import { parentPort } from "node:worker_threads";
import { RENDERERS, type DocumentKind } from "./renderers";

interface Job {
  id: number;
  kind: DocumentKind;
  model: unknown;
}

// Loaded: from now on a failure is a document's, not the worker's start.
parentPort?.postMessage({ ready: true });

parentPort?.on("message", async (job: Job) => {
  try {
    const render = RENDERERS[job.kind] as (model: unknown) => Promise<Buffer>;
    if (!render) throw new Error(`type de document inconnu : ${String(job.kind)}`);
    const buffer = await render(job.model);
    // A copy that owns its memory, handed over without another copy.
    const bytes = new Uint8Array(buffer);
    parentPort!.postMessage({ id: job.id, ok: true, bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id: job.id, ok: false, message: error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error) });
  }
});
