// End-to-end set-up: builds the app, seeds a fresh SQLite demo database, starts the real
// server (node server.js) on a free port, and stops it afterwards.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import serverMemory from "../../server-memory.js";

const { NODE_MEMORY_FLAGS } = serverMemory;

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = path.resolve(__dirname, "../..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`le serveur s'est arrêté (code ${child.exitCode})`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`le serveur ne répond pas sur ${url}`);
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-e2e-"));
  // E2E_PORT: a port of one's own on a shared machine; else any free one.
  const port = /^\d{4,5}$/.test(process.env.E2E_PORT ?? "") ? Number(process.env.E2E_PORT) : await freePort();
  const baseUrl = `http://localhost:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: `sqlite:${path.join(dir, "e2e.sqlite")}`,
    SESSION_SECRET: "e2e-secret-that-is-long-enough-0123456789",
    COOKIE_SECURE: "false",
    // Required in production (app/env.server.ts): the only origin allowed to post forms.
    APP_URL: baseUrl,
  };
  if (process.env.E2E_SKIP_BUILD !== "1") {
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  }
  execFileSync("npx", ["tsx", "scripts/db.ts", "setup"], { cwd: root, stdio: "ignore", env });
  const logFile = path.join(dir, "server.log");
  const log = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, [...NODE_MEMORY_FLAGS, "server.js"], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", log, log],
  });
  try {
    await waitFor(`${baseUrl}/healthz`, child);
  } catch (error) {
    child.kill();
    throw new Error(`${(error as Error).message}\n${fs.readFileSync(logFile, "utf8")}`);
  }
  project.provide("baseUrl", baseUrl);
  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
