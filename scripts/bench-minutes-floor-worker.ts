// The floor of the Word minutes' benchmark in a thread of its own, as the report worker builds in
// one (scripts/bench-minutes.ts bundles it as the report worker is bundled): each message is
// a minutes' view model; the floor's document is built, then only its packing is timed, in
// processor time, and the figure sent back.
import { parentPort } from "node:worker_threads";
import { Packer } from "docx";
import type { MinutesDocumentModel } from "../templates/minutes-model";
import { floorMinutes } from "./bench-minutes-floor";

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

parentPort?.postMessage({ ready: true });

parentPort?.on("message", async (model: MinutesDocumentModel) => {
  const doc = floorMinutes(model);
  const t = cpuMs();
  const buffer = await Packer.toBuffer(doc);
  const ms = cpuMs() - t;
  parentPort!.postMessage({ ms, bytes: buffer.byteLength });
});
