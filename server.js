// The HTTP server: Express in front of the Remix build (see docs/decisions/001-compiler-and-server.md).
// It gives loaders the client's address (for sign-in throttling), refuses cross-site form posts
// and sets security headers.
const crypto = require("node:crypto");
const path = require("node:path");
const express = require("express");
const compression = require("compression");
const { createRequestHandler } = require("@remix-run/express");
const { broadcastDevReady, installGlobals } = require("@remix-run/node");
const { AsyncLocalStorage } = require("node:async_hooks");
const { SINGLE_HEADERS, compressAppAnswer, originAllowed, securityHeaders } = require("./server-security");

// What one request has already read, shared by its loaders (app/request-cache.server.ts, decision 055).
const REQUEST_CACHE = (globalThis[Symbol.for("cap-qualite.request-cache")] ??= new AsyncLocalStorage());

installGlobals();

const BUILD_PATH = path.resolve(__dirname, "build/index.js");
const mode = process.env.NODE_ENV === "production" ? "production" : "development";

function loadBuild() {
  return require(BUILD_PATH);
}

// The site's own origin: APP_URL (required in production, checked when the build loads), else
// the scheme and host of each request.
const APP_ORIGIN = process.env.APP_URL ? new URL(process.env.APP_URL).origin : null;
// Cookies are Secure in production unless COOKIE_SECURE=false (as app/env.server.ts decides).
const SECURE = process.env.COOKIE_SECURE ? process.env.COOKIE_SECURE === "true" : mode === "production";

function createApp(build) {
  const app = express();
  app.disable("x-powered-by");
  // Trust only the given number of proxies: the client writes the leftmost X-Forwarded-For itself.
  if (/^[1-9]$/.test(process.env.TRUST_PROXY ?? "")) app.set("trust proxy", Number(process.env.TRUST_PROXY));

  app.use((req, res, next) => {
    // A fresh nonce per answer, for the inline scripts Remix writes (app/entry.server.tsx).
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    res.set(securityHeaders({ nonce: res.locals.cspNonce, secure: SECURE, development: mode === "development" }));
    // Remix appends a route's headers to ours: a route's own value replaces ours, never doubles it.
    const append = res.append.bind(res);
    res.append = (field, value) => (SINGLE_HEADERS.has(String(field).toLowerCase()) ? res.set(field, value) : append(field, value));
    const allowed = originAllowed(req.get("origin"), { appOrigin: APP_ORIGIN, protocol: req.protocol, host: req.get("host") });
    if (!["GET", "HEAD", "OPTIONS"].includes(req.method) && !allowed) {
      res.status(403).type("text/plain; charset=utf-8").send("Requête refusée : elle ne vient pas de Cap Qualité.");
      return;
    }
    next();
  });

  // The browser's scripts and styles go out compressed; the app's answers too, when the
  // browser says they were asked from our own pages or by the visitor (decision 049: BREACH).
  app.use("/build", compression(), express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.use(compression({ filter: compressAppAnswer }));

  // Its method under "request:method", as app/request-cache.server.ts reads it.
  app.use((req, res, next) => REQUEST_CACHE.run(new Map([["request:method", req.method]]), next));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode,
      getLoadContext: (req, res) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown", cspNonce: res.locals.cspNonce }),
    }),
  );
  return app;
}

async function main() {
  // Parse the environment before listening, so a wrong setting stops the server at once.
  const build = loadBuild();
  const port = Number(process.env.PORT || 3000);
  const host = process.env.HOST || "0.0.0.0";
  const app = createApp(build);
  app.listen(port, host, () => {
    console.log(`Cap Qualité écoute sur http://localhost:${port}`);
    // REMINDERS_SCHEDULE set: the server sends the reminders itself (decision 027).
    build.entry.module.startReminderScheduler?.();
    if (mode === "development") broadcastDevReady(build);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
