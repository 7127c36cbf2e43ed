// Security rules of the HTTP server (server.js), kept pure so that tests can call them
// (docs/decisions/016-request-hardening.md).

/**
 * May a form be posted from `origin`? With APP_URL, only from that origin; without it (the
 * demo, development), only from the scheme and host this request came to. A request without
 * an Origin header (old browsers, scripts) passes: SameSite=Lax keeps the session cookie off
 * cross-site posts anyway. "null" (sandboxed frames, file: pages) never passes.
 */
function originAllowed(origin, { appOrigin, protocol, host }) {
  if (origin === undefined || origin === null || origin === "") return true;
  let url;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === "null") return false;
  if (appOrigin) return url.origin === appOrigin;
  return url.protocol === `${protocol}:` && url.host === String(host ?? "").toLowerCase();
}

/**
 * The headers every answer carries. Remix's inline scripts carry `nonce`; style attributes
 * (chart swatches, progress bars) need 'unsafe-inline' for styles only. HSTS only when the
 * cookies are Secure, that is when the site is served over https.
 */
function securityHeaders({ nonce, secure, development }) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    development ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (secure) headers["Strict-Transport-Security"] = "max-age=31536000";
  return headers;
}

/**
 * May the app's own answer (a page, a CSV, a calendar) go out compressed? Only when the browser
 * says the request comes from our own pages or from the visitor (`Sec-Fetch-Site: same-origin`
 * or `none`: a typed address, a bookmark). A page carries secrets (a form's token, a calendar's
 * private address) beside text a visitor controls (a search sent back): an attacker who makes
 * the victim's browser send many requests from another site, and watches the encrypted sizes,
 * could read them byte by byte if those answers were compressed (BREACH). Such requests are
 * `cross-site` (or `same-site`), and go out uncompressed; so do requests of clients that do not
 * say (old browsers, calendar apps). Decision 049.
 */
function mayCompress(headers) {
  const site = headers["sec-fetch-site"];
  return site === "same-origin" || site === "none";
}

/**
 * `compression`'s filter for the app's answers (server.js, and bench/floor/server.js which serves
 * the same way): the types compression takes, and only for what `mayCompress` allows.
 */
function compressAppAnswer(req, res) {
  res.vary("Sec-Fetch-Site");
  return mayCompress(req.headers) && require("compression").filter(req, res);
}

/** Headers a route may set too: its value replaces ours instead of being sent twice. */
const SINGLE_HEADERS = new Set(
  ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy", "Strict-Transport-Security"].map((h) =>
    h.toLowerCase(),
  ),
);

module.exports = { compressAppAnswer, mayCompress, originAllowed, securityHeaders, SINGLE_HEADERS };
