/** Only same-site paths: never an open redirect (resolved as a browser would, control characters refused). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/tableau-de-bord"): string {
  if (!to || typeof to !== "string") return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  const base = "http://cap-qualite.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return url.pathname + url.search + url.hash;
}
