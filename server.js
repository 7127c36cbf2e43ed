// The HTTP server: Express in front of the Remix build (see docs/decisions/001-compiler-and-server.md).
// It gives loaders the client's address (for sign-in throttling), refuses cross-site form posts
// and sets security headers.
const path = require("node:path");
const express = require("express");
const { createRequestHandler } = require("@remix-run/express");
const { broadcastDevReady, installGlobals } = require("@remix-run/node");

installGlobals();

const BUILD_PATH = path.resolve(__dirname, "build/index.js");
const mode = process.env.NODE_ENV === "production" ? "production" : "development";

function loadBuild() {
  return require(BUILD_PATH);
}

// The site's own origin: APP_URL when set (behind a proxy that rewrites Host), else the Host header.
const APP_ORIGIN = process.env.APP_URL ? new URL(process.env.APP_URL).origin : null;

function sameOrigin(req) {
  const origin = req.get("origin");
  if (!origin) return true; // old browsers and non-browser clients; SameSite=Lax still protects the session
  try {
    const url = new URL(origin);
    return APP_ORIGIN ? url.origin === APP_ORIGIN : url.host === req.get("host");
  } catch {
    return false;
  }
}

function createApp(build) {
  const app = express();
  app.disable("x-powered-by");
  // Trust only the given number of proxies: the client writes the leftmost X-Forwarded-For itself.
  if (/^[1-9]$/.test(process.env.TRUST_PROXY ?? "")) app.set("trust proxy", Number(process.env.TRUST_PROXY));

  app.use((req, res, next) => {
    res.set({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    });
    if (!["GET", "HEAD", "OPTIONS"].includes(req.method) && !sameOrigin(req)) {
      res.status(403).type("text/plain; charset=utf-8").send("Requête refusée : elle ne vient pas de Cap Qualité.");
      return;
    }
    next();
  });

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode,
      getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
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
