// The HTTP server's own rules (server-security.js): which origins may post, which headers go out.
import { describe, expect, it } from "vitest";
import security from "../../server-security.js";

const { mayCompress, originAllowed, SINGLE_HEADERS } = security;
const securityHeaders = (input: { nonce: string; secure: boolean; development: boolean }) => security.securityHeaders(input) as Record<string, string | undefined>;

describe("Origin check", () => {
  const here = { appOrigin: null, protocol: "https", host: "qualite.office.fr" };

  it("compares scheme and host, not the host alone", () => {
    expect(originAllowed("https://qualite.office.fr", here)).toBe(true);
    expect(originAllowed("http://qualite.office.fr", here)).toBe(false);
    expect(originAllowed("https://qualite.office.fr:8443", here)).toBe(false);
    expect(originAllowed("https://evil.example", here)).toBe(false);
    expect(originAllowed("https://qualite.office.fr.evil.example", here)).toBe(false);
  });

  it("refuses the opaque origin and garbage, lets requests without Origin through", () => {
    expect(originAllowed("null", here)).toBe(false);
    expect(originAllowed("pas une origine", here)).toBe(false);
    expect(originAllowed(undefined, here)).toBe(true);
  });

  it("with APP_URL, only that origin (scheme, host and port)", () => {
    const behindProxy = { appOrigin: "https://qualite.office.fr", protocol: "http", host: "127.0.0.1:3000" };
    expect(originAllowed("https://qualite.office.fr", behindProxy)).toBe(true);
    expect(originAllowed("http://qualite.office.fr", behindProxy)).toBe(false);
    expect(originAllowed("http://127.0.0.1:3000", behindProxy)).toBe(false);
  });
});

describe("which answers of the app may be compressed (BREACH, decision 049)", () => {
  it("compresses what our own pages ask and what the visitor asks by typing or a bookmark", () => {
    expect(mayCompress({ "sec-fetch-site": "same-origin" })).toBe(true);
    expect(mayCompress({ "sec-fetch-site": "none" })).toBe(true);
  });

  it("never what another site makes the browser ask, nor what a client that does not say asks", () => {
    expect(mayCompress({ "sec-fetch-site": "cross-site" })).toBe(false);
    expect(mayCompress({ "sec-fetch-site": "same-site" })).toBe(false);
    expect(mayCompress({})).toBe(false);
    expect(mayCompress({ "sec-fetch-site": "SAME-ORIGIN " })).toBe(false);
  });
});

describe("security headers", () => {
  it("sends a Content-Security-Policy whose scripts need the answer's nonce", () => {
    const csp = securityHeaders({ nonce: "abc123", secure: false, development: false })["Content-Security-Policy"];
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
  });

  it("sends HSTS only when cookies are Secure (https)", () => {
    expect(securityHeaders({ nonce: "n", secure: true, development: false })["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(securityHeaders({ nonce: "n", secure: false, development: false })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("sends nosniff and a referrer policy, and lets a route's own value replace them", () => {
    const headers = securityHeaders({ nonce: "n", secure: false, development: false });
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("same-origin");
    for (const name of Object.keys(headers)) expect(SINGLE_HEADERS.has(name.toLowerCase())).toBe(true);
  });
});
