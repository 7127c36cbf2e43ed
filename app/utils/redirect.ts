/**
 * Only same-site paths: never an open redirect. The target is resolved as a browser would
 * (dot segments, percent-decoding of dots), then refused unless what we would send in
 * `Location` is still a plain path of this site: not "//host" (protocol-relative), no
 * backslash, no control character, no scheme.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/tableau-de-bord"): string {
  if (!to || typeof to !== "string") return fallback;
  if (/[\u0000-\u0020\u007f\\]/.test(to)) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  const base = "http://cap-qualite.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const target = url.pathname + url.search + url.hash;
  // "/..//evil.example" resolves to the path "//evil.example", which a browser reads as a host.
  if (!isPlainPath(target)) return fallback;
  return target;
}

function isPlainPath(target: string): boolean {
  if (!target.startsWith("/") || target.startsWith("//") || target.includes("\\")) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathOf(target));
  } catch {
    return false;
  }
  // An encoded slash or backslash right after the first one would become "//" or "/\" for a
  // server or proxy that decodes before routing.
  return !/^\/[/\\]/.test(decoded) && new URL(target, "http://cap-qualite.invalid").origin === "http://cap-qualite.invalid";
}

/** The path part only (before ? or #). */
function pathOf(target: string): string {
  return target.split(/[?#]/, 1)[0] ?? "";
}
