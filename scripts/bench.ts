// Benchmark of the action plan's list page, and of the seed meeting's page and Word minutes:
// response time and throughput with 500 and with 50,000 actions in one office, side by side;
// the hundred-page readiness file beside docx's own packing of it, and the latency of a reader
// while a large Word report builds (scripts/bench-reports.ts); the Word minutes, the seed's and a
// large one, beside docx's own packing of the same content (scripts/bench-minutes.ts); then the
// complaints register's list with 1,000 and 100,000 complaints in one office, and the reminder
// runner over 1,000 offices (scripts/bench-reminders.ts).
// Prints figures; asserts nothing.
//   npm run bench
//   npm run bench -- compte-rendu  (the Word minutes beside the docx floor only)
//   npm run bench -- registres     (the registers only)
//   npm run bench -- tableau-de-bord  (the dashboard with 1 office, then 1,000 offices and 50,000 actions)
//   npm run bench -- rappels       (the reminder runner over 1,000 offices only)
//   npm run bench -- synchronous   (SQLite's commit modes only)
//   npm run bench -- export        (the plan's streamed CSV export with 500 and 50,000 actions only)
//   npm run bench -- connexions    (a burst of 20 simultaneous sign-ins at the default hashing cost only)
//   npm run bench -- plancher [demo|50000]  (each key page beside the floor, bench/floor, for the same page size; one size only if named)
//   npm run bench -- croissance [sqlite|postgres]  (each key page's p95, demo against 1,000 offices and 50,000 actions, on both engines)
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import knexFactory from "knex";
import serverMemory from "../server-memory.js";
import { knexConfig } from "../db/config";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "../db/seeds/demo";
import { generateActions } from "../app/modules/action/generator.server";
import { commandScope } from "../app/modules/scope.server";
import { benchReadinessFile } from "./bench-reports";
import { MINUTES_OBJECTIVE, benchMinutes } from "./bench-minutes";
import { generateComplaints } from "../app/modules/register/generator.server";
import { benchReminders, seedOffices } from "./bench-reminders";

const { NODE_MEMORY_FLAGS } = serverMemory;
const root = path.resolve(__dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = 10;
const PAGES = {
  "liste (1re page)": "/plan-d-actions",
  "filtrée + recherche": "/plan-d-actions?q=signaletique&statut=a_faire&statut=en_cours&tri=priority&ordre=desc",
  "en retard, page 3": "/plan-d-actions?en-retard=1&page=3",
  "réunion du 25/03/2021": "/reunions/1",
  "compte rendu en Word": "/reunions/1/compte-rendu.docx",
};
/** A large report, built while another reader loads the plan's list (decision 033). */
const LARGE_REPORT = "/rapports/plan-d-actions.docx?groupe=bureau";

/** The complaints register's list, flat as it grows (objective: 100,000 entries within 2 × of 1,000), and its figures. */
const REGISTER_PAGES = {
  "réclamations (1re page)": "/registres/reclamations",
  "recherche + bureau": "/registres/reclamations?q=brochure&bureau=2",
  "en retard, page 3": "/registres/reclamations?en-retard=1&page=3",
  "une année": "/registres/reclamations?du=2021-01-01&au=2021-12-31",
  "chiffres (tout le registre)": "/registres/reclamations/chiffres",
  "chiffres d'une année, comparée": "/registres/reclamations/chiffres?du=2021-01-01&au=2021-12-31&annee=2021",
};
/** The list pages held to the objective; the figures count every entry of the selection, so grow with it. */
// The search looks for a word inside each entry's text (no full-text index, decision 043): it
// reads every entry of the office, so it grows with the register and is shown without objective.
const REGISTER_LISTS = new Set(["réclamations (1re page)", "en retard, page 3", "une année"]);

/**
 * The dashboard of the director and of the référente (issue 14): the demo office alone with 500
 * actions (the floor), then with 50,000 actions among 1,000 offices; each figure side by side
 * with the ratio of the medians.
 */
async function dashboardBench() {
  const table: Record<string, Record<string, string>> = {};
  const medians: Record<string, number[]> = {};
  for (const [label, actions, offices] of [
    ["1 office, 500 actions", 500, 1],
    ["1 000 offices, 50 000 actions", 50_000, 1_000],
  ] as const) {
    console.log(`Préparation : ${label}…`);
    const { dir, url } = await prepare(actions, "actions", offices);
    const { child, base } = await start(url);
    try {
      for (const [who, email] of [
        ["directrice", "directrice@demo.cap-qualite.fr"],
        ["référente", "referente@demo.cap-qualite.fr"],
      ] as const) {
        const cookie = await signIn(base, email);
        await load(base, cookie, "/tableau-de-bord"); // warm-up
        const r = await load(base, cookie, "/tableau-de-bord");
        const name = `tableau de bord (${who})`;
        (table[name] ??= {})[label] = `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, ${r.kb.toFixed(0)} Ko`;
        (medians[name] ??= []).push(r.p50);
      }
    } finally {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const [name, [small, large]] of Object.entries(medians)) table[name]!["p50 grand / petit"] = `${(large! / Math.max(small!, 0.1)).toFixed(2)} ×`;
  console.log(`\nTableau de bord, ${CONCURRENCY} connexions simultanées, ${SECONDS} s par mesure (SQLite) :`);
  console.table(table);
}

/**
 * The complaints register with 1,000 and 100,000 complaints in one office: each page's figures
 * side by side, and the ratio of the two medians against its objective (the 1,000 figure is the
 * floor: the list reads one page of entries, whatever the register's length; decision 043).
 */
async function registerBench() {
  const registers: Record<string, Record<string, string>> = {};
  const medians: Record<string, number[]> = {};
  for (const count of [1_000, 100_000]) {
    console.log(`Préparation : ${count.toLocaleString("fr-FR")} réclamations…`);
    const { dir, url } = await prepare(count, "complaints");
    const { child, base } = await start(url);
    try {
      const cookie = await signIn(base);
      for (const [name, pathname] of Object.entries(REGISTER_PAGES)) {
        await load(base, cookie, pathname); // warm-up
        const r = await load(base, cookie, pathname);
        registers[name] ??= {};
        registers[name]![count.toLocaleString("fr-FR")] = `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, ${r.kb.toFixed(0)} Ko`;
        (medians[name] ??= []).push(r.p50);
      }
      registers["mémoire du serveur"] ??= {};
      registers["mémoire du serveur"]![count.toLocaleString("fr-FR")] = `${rssMb(child.pid).toFixed(0)} Mo (RSS)`;
    } finally {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const [name, [small, large]] of Object.entries(medians)) {
    const ratio = large! / Math.max(small!, 0.1);
    registers[name]!["p50 100 000 / 1 000"] = REGISTER_LISTS.has(name) ? `${ratio.toFixed(2)} × (objectif ≤ 2 ×)${ratio <= 2 ? "" : " — au-delà"}` : `${ratio.toFixed(2)} ×`;
  }
  console.log(`\nRegistre des réclamations, ${CONCURRENCY} connexions simultanées, ${SECONDS} s par mesure (SQLite) :`);
  console.table(registers);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The demo office with `count` actions (or complaints), and `offices - 1` other offices beside it. */
async function prepare(count: number, what: "actions" | "complaints" = "actions", offices = 1) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-bench-"));
  const url = `sqlite:${path.join(dir, "bench.sqlite")}`;
  await fill(url, count, what, offices);
  return { dir, url };
}

/** The same on a fresh PostgreSQL database of the server at BENCH_POSTGRES_URL (default: this machine's). */
async function preparePostgres(count: number, offices = 1) {
  const admin = new URL(process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test");
  const name = `cq_bench_${process.pid}_${count}_${offices}`;
  const run = async (sql: string) => {
    const db = knexFactory({ client: "pg", connection: admin.toString(), pool: { min: 0, max: 1 } });
    try {
      await db.raw(sql);
    } finally {
      await db.destroy();
    }
  };
  await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  await fill(url.toString(), count, "actions", offices);
  // As autovacuum leaves a live database: the visibility map set, so that counts read the
  // indexes alone, and the planner's statistics up to date. Just loaded, every count visits the
  // table's pages.
  const prepared = knexFactory({ client: "pg", connection: url.toString(), pool: { min: 0, max: 1 } });
  try {
    await prepared.raw("VACUUM ANALYZE");
  } finally {
    await prepared.destroy();
  }
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function fill(url: string, count: number, what: "actions" | "complaints", offices: number) {
  const db = knexFactory(knexConfig(url));
  await db.migrate.latest();
  const { officeId } = await seedDemo(db);
  // The demo's own (its story grows with the seeding day) count towards the figure.
  const table = what === "actions" ? "actions" : "register_entries";
  const existing = Number((await db(table).where({ office_id: officeId }).modify((q) => (what === "complaints" ? q.where({ kind: "complaint" }) : q)).count({ n: "*" }))[0]?.n ?? 0);
  if (what === "actions") await generateActions(commandScope(db, officeId), { count: Math.max(0, count - existing) });
  else await generateComplaints(commandScope(db, officeId), { count: Math.max(0, count - existing) });
  if (offices > 1) await seedOffices(db, offices - 1);
  await db.destroy();
}

/** The key pages held to 0.7 × the floor's throughput for a page of the same size (issue 17). */
const KEY_PAGES = {
  "tableau de bord": "/tableau-de-bord",
  "plan d'actions": "/plan-d-actions",
  "audit": "/audits/2",
  "grille de l'audit": "/audits/2/grille",
  "réunion": "/reunions/1",
  "compte rendu": "/reunions/1/compte-rendu",
  "réclamations": "/registres/reclamations",
  "indicateurs": "/indicateurs",
};
const FLOOR_OBJECTIVE = 0.7;

async function startFloor(databaseUrl: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...NODE_MEMORY_FLAGS, "bench/floor/server.js"], { cwd: root, env: { ...process.env, NODE_ENV: "production", PORT: String(port), FLOOR_DATABASE: databaseUrl }, stdio: "ignore" });
  await answering(`${base}/?octets=1000`, "le plancher ne démarre pas");
  return { child, base };
}

/** Waits for a server just started to answer this address (ten seconds at most). */
async function answering(url: string, failure: string): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(failure);
}

/**
 * Each key page of the app beside the floor (bench/floor: a minimal Remix app of our versions,
 * served the same way, rendering a page of the same size from one knex query on the same
 * SQLite file), with the demo and with 1,000 offices and 50,000 actions in one office. The two
 * servers run one after the other on the same two cores, never at once.
 */
async function floorBench(sizes: ReadonlyArray<readonly [string, number, number]>): Promise<Record<string, Record<string, string>>> {
  execFileSync("npx", ["remix", "build"], { cwd: path.join(root, "bench/floor"), stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  const table: Record<string, Record<string, string>> = {};
  for (const [label, actions, offices] of sizes) {
    console.log(`Préparation : ${label}…`);
    const { dir, url } = await prepare(actions, "actions", offices);
    try {
      const measured: Array<{ name: string; rps: number; kb: number; p95: number }> = [];
      const app = await start(url);
      // The server's memory while it serves the key pages (objective: at most 200 MB, issue 17).
      // Sampled from after the sign-in: its password hash alone takes 128 MiB at the default
      // cost, for a moment, and is measured with the burst of sign-ins (`-- connexions`).
      const memory = { atRest: 0, peak: 0 };
      let sampler: NodeJS.Timeout | undefined;
      try {
        const cookie = await signIn(app.base);
        await new Promise((resolve) => setTimeout(resolve, 200));
        memory.atRest = rssMb(app.child.pid);
        sampler = setInterval(() => (memory.peak = Math.max(memory.peak, rssMb(app.child.pid))), 20);
        for (const [name, pathname] of Object.entries(KEY_PAGES)) {
          await load(app.base, cookie, pathname); // warm-up
          const r = await load(app.base, cookie, pathname);
          measured.push({ name, rps: r.rps, kb: r.kb, p95: r.p95 });
        }
      } finally {
        clearInterval(sampler);
        app.child.kill();
      }
      (table["mémoire du serveur (RSS)"] ??= {})[label] =
        `${memory.atRest.toFixed(0)} Mo au repos, ${memory.peak.toFixed(0)} Mo au plus haut sous charge ; objectif ≤ 200 Mo ${memory.peak <= 200 ? "✓" : "✗"}`;
      const floor = await startFloor(url);
      try {
        for (const m of measured) {
          // The floor's page weighs what it is asked only roughly: ask again, scaled, until
          // its page is within 3 % of the app's.
          const target = m.kb * 1024;
          let asked = target;
          for (let i = 0; i < 4; i += 1) {
            const got = (await (await fetch(`${floor.base}/?octets=${Math.round(asked)}`)).arrayBuffer()).byteLength;
            if (Math.abs(got - target) / target < 0.03) break;
            asked *= target / Math.max(got, 1);
          }
          const pathname = `/?octets=${Math.round(asked)}`;
          await load(floor.base, "", pathname); // warm-up
          const f = await load(floor.base, "", pathname);
          const ratio = m.rps / Math.max(f.rps, 0.1);
          (table[m.name] ??= {})[label] =
            `${m.rps.toFixed(0)} req/s (p95 ${m.p95.toFixed(0)} ms, ${m.kb.toFixed(0)} Ko) ; plancher ${f.rps.toFixed(0)} req/s (${f.kb.toFixed(0)} Ko) ; ${ratio.toFixed(2)} × ${ratio >= FLOOR_OBJECTIVE ? "✓" : `< ${FLOOR_OBJECTIVE}`}`;
        }
      } finally {
        floor.child.kill();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return table;
}

/** The pages held to "p95 with 1,000 offices and 50,000 actions at most 1.2 × p95 with the demo" (issue 17). */
const GROWTH_PAGES = {
  ...KEY_PAGES,
  "plan : recherche": "/plan-d-actions?q=signaletique",
  "plan : en retard": "/plan-d-actions?en-retard=1",
  "plan : avancement par bureau": "/plan-d-actions/avancement",
};
const GROWTH_OBJECTIVE = 1.2;

/**
 * Each page's p95 with the demo, then with 1,000 offices and 50,000 actions in one office, on
 * SQLite and on PostgreSQL, and the ratio beside the 1.2 objective.
 */
async function growthBench(engines: ReadonlyArray<"sqlite" | "postgres">): Promise<Record<string, Record<string, string>>> {
  const table: Record<string, Record<string, string>> = {};
  for (const engine of engines) {
    const p95s: Record<string, number[]> = {};
    for (const [label, actions, offices] of [
      ["démo", 500, 1],
      ["50 000 actions, 1 000 offices", 50_000, 1_000],
    ] as const) {
      console.log(`Préparation (${engine}) : ${label}…`);
      const prepared =
        engine === "sqlite"
          ? await prepare(actions, "actions", offices).then(({ dir, url }) => ({ url, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) }))
          : await preparePostgres(actions, offices);
      const { child, base } = await start(prepared.url);
      try {
        const cookie = await signIn(base);
        for (const [name, pathname] of Object.entries(GROWTH_PAGES)) {
          await load(base, cookie, pathname); // warm-up
          (p95s[name] ??= []).push((await load(base, cookie, pathname)).p95);
        }
      } finally {
        child.kill();
        await prepared.drop();
      }
    }
    for (const [name, [small, large]] of Object.entries(p95s)) {
      const ratio = large! / Math.max(small!, 0.1);
      (table[name] ??= {})[engine === "sqlite" ? "SQLite" : "PostgreSQL"] =
        `p95 ${small!.toFixed(0)} → ${large!.toFixed(0)} ms ; ${ratio.toFixed(2)} × ${ratio <= GROWTH_OBJECTIVE ? "✓" : `> ${GROWTH_OBJECTIVE}`}`;
    }
  }
  return table;
}

/**
 * Twenty people sign in at the same instant, with passwords hashed at the default cost
 * (2^17: 128 MiB each): the server's memory at its peak, against the objective of 200 MB, with
 * one hash at a time (the default, decision 054) and with four (libuv's threads, as before).
 */
async function signInBurst(): Promise<Record<string, Record<string, string>>> {
  const table: Record<string, Record<string, string>> = {};
  const { dir, url } = await prepare(500);
  try {
    for (const [slots, shared] of [[1, false], [4, false], [1, true]] as const) {
      // Twenty people at twenty addresses (behind one proxy), then at one address.
      const { child, base } = await start(url, { SCRYPT_CONCURRENCY: String(slots), TRUST_PROXY: "1" });
      try {
        await signIn(base); // one first sign-in: the code is loaded, the cost is the hashes
        const before = rssMb(child.pid);
        let peak = before;
        const sampler = setInterval(() => (peak = Math.max(peak, rssMb(child.pid))), 10);
        const t0 = performance.now();
        let refused = 0;
        const times = await Promise.all(
          Array.from({ length: 20 }, async (_, i) => {
            const t = performance.now();
            // Four each for the five demo accounts: each e-mail stays within its free attempts.
            // With one address for all (an office's staff behind its public address), the
            // address's throttle must let them all in too (decision 017, addendum).
            await signIn(base, DEMO_ACCOUNTS[i % DEMO_ACCOUNTS.length]!.email, shared ? "192.0.2.10" : `192.0.2.${i + 10}`).catch(() => (refused += 1));
            return performance.now() - t;
          }),
        );
        const total = performance.now() - t0;
        clearInterval(sampler);
        times.sort((a, b) => a - b);
        table[`${slots} hachage${slots > 1 ? "s" : ""} à la fois${shared ? ", une seule adresse" : ""}`] = {
          refusées: `${refused}`,
          "RSS avant": `${before.toFixed(0)} Mo`,
          "RSS au plus haut": `${peak.toFixed(0)} Mo`,
          objectif: "≤ 200 Mo",
          "20 connexions": `${(total / 1000).toFixed(1)} s`,
          "p50 / max": `${times[10]!.toFixed(0)} ms / ${times[19]!.toFixed(0)} ms`,
        };
      } finally {
        child.kill();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return table;
}

async function start(url: string, extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...NODE_MEMORY_FLAGS, "server.js"], {
    cwd: root,
    // APP_URL is required in production (decision 016).
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", APP_URL: base, SESSION_SECRET: "bench-secret-that-is-long-enough-0123456789", COOKIE_SECURE: "false", SCRYPT_LOG_N: "12", ...extraEnv },
    stdio: "ignore",
  });
  await answering(`${base}/healthz`, "le serveur ne démarre pas");
  return { child, base };
}

async function signIn(base: string, email = "referente@demo.cap-qualite.fr", forwardedFor?: string): Promise<string> {
  const res = await fetch(`${base}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, ...(forwardedFor ? { "X-Forwarded-For": forwardedFor } : {}) },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "" }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`connexion refusée (${res.status})`);
  return cookie;
}

/** The headers a browser sends for a link followed on one of our pages. */
const AS_FROM_OUR_PAGES = { "Accept-Encoding": "gzip, deflate, br", "Sec-Fetch-Site": "same-origin" };

async function load(base: string, cookie: string, pathname: string, connections = CONCURRENCY) {
  const latencies: number[] = [];
  let bytes = 0;
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        // As a browser asks from one of our pages: the answer comes compressed (decision 049).
        const res = await fetch(base + pathname, { headers: { Cookie: cookie, ...AS_FROM_OUR_PAGES } });
        const body = await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${pathname} : ${res.status}`);
        bytes += body.byteLength;
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { rps: latencies.length / SECONDS, p50: at(0.5), p95: at(0.95), max: latencies[latencies.length - 1]!, kb: bytes / latencies.length / 1024 };
}

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * What `synchronous = FULL` costs against NORMAL (decision 019): small write transactions one
 * after the other (a note with its history row, as the app writes them) on a fresh SQLite file.
 */
async function commitCost(): Promise<Record<string, string>> {
  const figures: Record<string, string> = {};
  for (const mode of ["NORMAL", "FULL"]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-bench-sync-"));
    const config = knexConfig(`sqlite:${path.join(dir, "b.sqlite")}`);
    const db = knexFactory(config);
    try {
      await db.raw("PRAGMA synchronous = " + mode);
      await db.schema.createTable("notes", (t) => {
        t.increments("id");
        t.text("text");
      });
      await db.schema.createTable("history", (t) => {
        t.increments("id");
        t.text("changes");
      });
      const n = 400;
      const times: number[] = [];
      for (let i = 0; i < n; i += 1) {
        const t0 = performance.now();
        await db.transaction(async (trx) => {
          await trx("notes").insert({ text: `note ${i}` });
          await trx("history").insert({ changes: JSON.stringify({ note: [null, `note ${i}`] }) });
        });
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const total = times.reduce((a, b) => a + b, 0);
      figures[mode] = `${((n / total) * 1000).toFixed(0)} écritures/s, p50 ${times[Math.floor(n / 2)]!.toFixed(2)} ms, p95 ${times[Math.floor(n * 0.95)]!.toFixed(2)} ms`;
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures;
}

/** The streamed CSV export, three times (objective: first byte within 100 ms, memory flat at 50,000 actions). */
async function exportFigures(base: string, cookie: string, pid: number | undefined): Promise<string> {
  const before = rssMb(pid);
  let peak = before;
  const exports: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const t = performance.now();
    const res = await fetch(base + "/plan-d-actions/export.csv", { headers: { Cookie: cookie, ...AS_FROM_OUR_PAGES } });
    const reader = res.body!.getReader();
    let first = 0;
    let bytes = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (!first) first = performance.now() - t;
      bytes += chunk.value.length;
      peak = Math.max(peak, rssMb(pid));
    }
    exports.push(`1er octet ${first.toFixed(0)} ms, fichier ${(performance.now() - t).toFixed(0)} ms (${(bytes / 1024).toFixed(0)} Ko)`);
  }
  return `${exports.join(" ; ")} ; RSS ${before.toFixed(0)} → ${peak.toFixed(0)} Mo au plus`;
}

/** The Word minutes, the seed's and a large one, beside docx alone on the same content (issue 17). */
async function minutesBench() {
  console.log("Compte rendu en Word : la réunion du 25 mars 2021 de la démo, puis une de 100 points et 100 actions…");
  const table = await benchMinutes();
  console.log(`\nCompte rendu en Word : notre modèle à côté de docx seul sur le même contenu (objectif ≤ ${String(MINUTES_OBJECTIVE).replace(".", ",")} ×) :`);
  console.table(table);
}

async function main() {
  if (process.argv[2] === "export") {
    console.log("Construction de l'application…");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
    const table: Record<string, Record<string, string>> = { "export CSV du plan (3 fois)": {} };
    for (const count of [500, 50_000]) {
      const { dir, url } = await prepare(count);
      const { child, base } = await start(url);
      try {
        table["export CSV du plan (3 fois)"]![count.toLocaleString("fr-FR")] = await exportFigures(base, await signIn(base), child.pid);
      } finally {
        child.kill();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    console.table(table);
    return;
  }
  if (process.argv[2] === "plancher") {
    console.log("Construction de l'application…");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
    // `plancher demo` or `plancher 50000`: one of the two sizes only.
    const sizes = [
      ["démo (500 actions)", 500, 1],
      ["1 000 offices, 50 000 actions", 50_000, 1_000],
    ] as const;
    const only = process.argv[3];
    const table = await floorBench(only === "demo" ? [sizes[0]] : only === "50000" ? [sizes[1]] : sizes);
    console.log(`\nPages clés à côté du plancher (objectif ${FLOOR_OBJECTIVE} ×), ${CONCURRENCY} connexions, ${SECONDS} s par mesure (SQLite) :`);
    console.table(table);
    return;
  }
  if (process.argv[2] === "croissance") {
    console.log("Construction de l'application…");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
    const asked = process.argv[3];
    const engines: Array<"sqlite" | "postgres"> = asked === "sqlite" || asked === "postgres" ? [asked] : ["sqlite", "postgres"];
    const table = await growthBench(engines);
    console.log(`\np95 avec 1 000 offices et 50 000 actions à côté de la démo (objectif ≤ ${GROWTH_OBJECTIVE} ×), ${CONCURRENCY} connexions, ${SECONDS} s par mesure :`);
    console.table(table);
    return;
  }
  if (process.argv[2] === "connexions") {
    console.log("Construction de l'application…");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
    console.log("20 connexions simultanées, mots de passe hachés au coût par défaut (2^17, 128 Mio chacun) :");
    console.table(await signInBurst());
    return;
  }
  if (process.argv[2] === "compte-rendu") {
    await minutesBench();
    return;
  }
  if (process.argv[2] === "registres") {
    console.log("Construction de l'application…");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
    await registerBench();
    return;
  }
  if (process.argv[2] === "tableau-de-bord") {
    console.log("Construction de l'application…");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
    await dashboardBench();
    return;
  }
  if (process.argv[2] === "rappels") {
    console.log("Rappels : 1 000 offices…");
    console.table(await benchReminders());
    return;
  }
  if (process.argv[2] === "synchronous") {
    console.log("SQLite en WAL, transactions d'écriture l'une après l'autre (une note et sa ligne d'historique) :");
    console.table(await commitCost());
    return;
  }
  console.log("Dossier de préparation à l'audit d'une centaine de pages…");
  const readiness = await benchReadinessFile();
  console.log("\nDossier de préparation : notre modèle à côté de docx seul sur le même contenu :");
  console.table(readiness);
  await minutesBench();
  console.log("Construction de l'application…");
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  const results: Record<string, Record<string, string>> = {};
  for (const count of [500, 50_000]) {
    console.log(`Préparation : ${count.toLocaleString("fr-FR")} actions…`);
    const { dir, url } = await prepare(count);
    const { child, base } = await start(url);
    try {
      const cookie = await signIn(base);
      for (const [name, pathname] of Object.entries(PAGES)) {
        await load(base, cookie, pathname); // warm-up
        const r = await load(base, cookie, pathname);
        results[name] ??= {};
        results[name]![count.toLocaleString("fr-FR")] = `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, ${r.kb.toFixed(0)} Ko`;
      }
      if (count === 500) {
        // A reader of the list alone, then while the 500 actions' plan is built as Word again and again.
        const alone = await load(base, cookie, PAGES["liste (1re page)"], 1);
        const building = { stop: false, count: 0, ms: 0 };
        const builder = (async () => {
          while (!building.stop) {
            const t = performance.now();
            const res = await fetch(base + LARGE_REPORT, { headers: { Cookie: cookie } });
            await res.arrayBuffer();
            building.ms += performance.now() - t;
            building.count += 1;
          }
        })();
        const during = await load(base, cookie, PAGES["liste (1re page)"], 1);
        building.stop = true;
        await builder;
        results["lecteur seul (1 connexion)"] = { "500": `p50 ${alone.p50.toFixed(1)} ms, p95 ${alone.p95.toFixed(1)} ms` };
        results["lecteur pendant un gros rapport Word"] = { "500": `p50 ${during.p50.toFixed(1)} ms, p95 ${during.p95.toFixed(1)} ms, max ${during.max.toFixed(0)} ms (plan de 500 actions en Word : ${(building.ms / Math.max(1, building.count)).toFixed(0)} ms)` };
      }
      results["export CSV du plan (3 fois)"] ??= {};
      results["export CSV du plan (3 fois)"]![count.toLocaleString("fr-FR")] = await exportFigures(base, cookie, child.pid);
      results["mémoire du serveur"] ??= {};
      results["mémoire du serveur"]![count.toLocaleString("fr-FR")] = `${rssMb(child.pid).toFixed(0)} Mo (RSS)`;
    } finally {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\nPlan d'actions et réunions, ${CONCURRENCY} connexions simultanées, ${SECONDS} s par mesure (SQLite) :`);
  console.table(results);

  await registerBench();
  await dashboardBench();

  console.log(`\nPages clés à côté du plancher (objectif ${FLOOR_OBJECTIVE} ×) :`);
  console.table(
    await floorBench([
      ["démo (500 actions)", 500, 1],
      ["1 000 offices, 50 000 actions", 50_000, 1_000],
    ]),
  );

  console.log(`\np95 avec 1 000 offices et 50 000 actions à côté de la démo (objectif ≤ ${GROWTH_OBJECTIVE} ×), SQLite et PostgreSQL :`);
  console.table(await growthBench(["sqlite", "postgres"]));

  console.log("\n20 connexions simultanées, mots de passe hachés au coût par défaut (décision 054) :");
  console.table(await signInBurst());

  console.log("\nRappels : 1 000 offices, deux passages du programme des rappels (SQLite) :");
  console.table(await benchReminders());

  console.log("\nSQLite en WAL, synchronous NORMAL ou FULL (décision 019) :");
  console.table(await commitCost());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
