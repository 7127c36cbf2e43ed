// Crash script (issue 11, decision 019): starts the built server on a fresh demo database, sends
// notes and files from several clients at once, kills the server with SIGKILL in the middle, and
// starts it again, N times. After each restart it checks SQLite's integrity, that every
// acknowledged write is there, that no file lacks its row (after the start-up sweep) and no row
// its file, and it retries every request left without an answer with the same form token: none
// may be written twice. Prints its figures; exits 1 when a check fails.
//   npm run crash-test [-- ROUNDS]      (builds the app first when there is no build)
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import knexFactory from "knex";
import serverMemory from "../server-memory.js";
import { knexConfig } from "../db/config";
import { DEMO_PASSWORD, seedDemo } from "../db/seeds/demo";

const { NODE_MEMORY_FLAGS } = serverMemory;

const root = path.resolve(__dirname, "..");
const PORT = Number(process.env.PORT ?? 3203);
const CLIENTS = 6;
const base = `http://127.0.0.1:${PORT}`;
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...crypto.randomBytes(30_000)]);

const statuses: Record<number, number> = {};

interface Sent {
  token: string;
  kind: "note" | "file";
  text: string;
  answered: boolean;
}

function startServer(env: NodeJS.ProcessEnv, log: number): ChildProcess & { exited: Promise<void> } {
  const child = spawn(process.execPath, [...NODE_MEMORY_FLAGS, "server.js"], { cwd: root, env: { ...env, PORT: String(PORT), HOST: "127.0.0.1" }, stdio: ["ignore", log, log] });
  return Object.assign(child, { exited: new Promise<void>((r) => child.once("exit", () => r())) });
}

async function waitUp(child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error("le serveur s'est arrêté");
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("le serveur ne démarre pas");
}

async function signIn(): Promise<string> {
  const res = await fetch(`${base}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: "referente@demo.cap-qualite.fr", password: DEMO_PASSWORD, redirectTo: "" }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`connexion refusée (${res.status})`);
  return cookie;
}

/** One write as the page's form sends it: its token first. True when answered with the redirect. */
async function send(cookie: string, actionId: number, item: Sent): Promise<boolean> {
  let body: URLSearchParams | FormData;
  if (item.kind === "note") body = new URLSearchParams({ _once: item.token, intent: "note", text: item.text });
  else {
    body = new FormData();
    body.append("_once", item.token);
    body.append("intent", "attach");
    body.append("file", new Blob([png], { type: "image/png" }), `${item.text}.png`);
  }
  try {
    const res = await fetch(`${base}/plan-d-actions/${actionId}`, { method: "POST", redirect: "manual", headers: { Cookie: cookie }, body });
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    return res.status === 302;
  } catch {
    return false;
  }
}

async function main() {
  const rounds = Number(process.argv[2] ?? 10);
  if (!fs.existsSync(path.join(root, "build/index.js"))) {
    console.log("Construction de l'application…");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-crash-"));
  const url = `sqlite:${path.join(dir, "crash.sqlite")}`;
  const filesDir = path.join(dir, "files");
  const env = { ...process.env, NODE_ENV: "production" as const, APP_URL: base, DATABASE_URL: url, FILES_DIR: filesDir, SESSION_SECRET: "crash-secret-that-is-long-enough-0123456789", COOKIE_SECURE: "false" };
  const setup = knexFactory(knexConfig(url));
  await setup.migrate.latest();
  await seedDemo(setup);
  const actionId = Number((await setup("actions").orderBy("id").first("id"))!.id);
  await setup.destroy();
  const log = fs.openSync(path.join(dir, "server.log"), "a");
  const sent: Sent[] = [];
  const totals = { acknowledged: 0, unanswered: 0, lost: 0, duplicates: 0, orphanFiles: 0, rowsWithoutFile: 0, integrityFailures: 0 };
  let failed = false;
  try {
    for (let round = 1; round <= rounds; round += 1) {
      let server = startServer(env, log);
      await waitUp(server);
      const cookie = await signIn();
      let running = true;
      const clients = Array.from({ length: CLIENTS }, async (_, c) => {
        for (let i = 0; running; i += 1) {
          const item: Sent = { token: crypto.randomBytes(16).toString("hex"), kind: i % 4 === 3 ? "file" : "note", text: `r${round}-c${c}-${i}`, answered: false };
          sent.push(item);
          item.answered = await send(cookie, actionId, item);
          if (!item.answered) break;
          // A 302 to the sign-in page would be a failure too: keep the client writing only on success.
        }
      });
      await new Promise((r) => setTimeout(r, 1500 + Math.random() * 2500));
      server.kill("SIGKILL");
      running = false;
      await Promise.all(clients);
      await server.exited;

      // Start again: the start-up sweep removes files left without a row by the kill.
      server = startServer(env, log);
      await waitUp(server);
      await new Promise((r) => setTimeout(r, 1500));
      const again = await signIn();
      const unanswered = sent.filter((s) => !s.answered && s.text.startsWith(`r${round}-`));
      // A browser's retry: the same body, the same token.
      for (const item of unanswered) await send(again, actionId, item);
      const db = knexFactory(knexConfig(url));
      try {
        const check = (await db.raw("PRAGMA integrity_check")) as Array<{ integrity_check: string }>;
        if (check[0]?.integrity_check !== "ok") totals.integrityFailures += 1;
        const notes = (await db("action_notes").where({ action_id: actionId }).select("text")).map((r) => String(r.text));
        const files = await db("attachments").where({ action_id: actionId }).select("original_name", "storage_key");
        const written = [...notes, ...files.map((f) => String(f.original_name).replace(/\.png$/, ""))];
        const counts = new Map<string, number>();
        for (const w of written) counts.set(w, (counts.get(w) ?? 0) + 1);
        const roundSent = sent.filter((s) => s.text.startsWith(`r${round}-`));
        const acknowledged = roundSent.filter((s) => s.answered);
        const lost = acknowledged.filter((s) => !counts.has(s.text)).length;
        const duplicates = roundSent.filter((s) => (counts.get(s.text) ?? 0) > 1).length;
        const named = new Set((await db("attachments").select("storage_key")).map((r) => String(r.storage_key)));
        const onDisk = fs.existsSync(filesDir)
          ? fs.readdirSync(filesDir).flatMap((o) => fs.readdirSync(path.join(filesDir, o)).map((f) => `${o}/${f}`))
          : [];
        const orphanFiles = onDisk.filter((k) => !named.has(k)).length;
        const rowsWithoutFile = [...named].filter((k) => !onDisk.includes(k)).length;
        totals.acknowledged += acknowledged.length;
        totals.unanswered += unanswered.length;
        totals.lost += lost;
        totals.duplicates += duplicates;
        totals.orphanFiles += orphanFiles;
        totals.rowsWithoutFile += rowsWithoutFile;
        console.log(
          `tour ${round} : ${acknowledged.length} écritures confirmées, ${unanswered.length} sans réponse (renvoyées), perdues ${lost}, en double ${duplicates}, fichiers sans ligne ${orphanFiles}, lignes sans fichier ${rowsWithoutFile}, intégrité ${check[0]?.integrity_check}`,
        );
      } finally {
        await db.destroy();
      }
      server.kill("SIGTERM");
      await server.exited;
    }
  } finally {
    fs.closeSync(log);
  }
  console.log(`\n${rounds} arrêts brutaux (SIGKILL) pendant les écritures de ${CLIENTS} clients :`);
  console.table(totals);
  console.log(`Réponses : ${Object.entries(statuses).map(([k, n]) => `${k} × ${n}`).join(", ")}`);
  failed = totals.lost + totals.duplicates + totals.orphanFiles + totals.rowsWithoutFile + totals.integrityFailures > 0;
  if (failed) console.log(`Échec : voir ${path.join(dir, "server.log")}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
