// Which link addresses the Markdown subset of ~/domain/markdown lets through, checked by the
// parser and again by every renderer (the pages, the Word documents).

const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:"]);

/**
 * The address a link may point to, or null: only web pages and e-mail addresses, so that no
 * "javascript:" or "data:" link reaches a page or a document. Control, format (zero-width,
 * bidirectional) and space characters are refused rather than stripped, because browsers
 * strip some of them and would read another scheme than the one we checked.
 */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  if (/[\s\p{Cc}\p{Cf}]/u.test(trimmed)) return null;
  if (!/^(https?:\/\/[^/?#]|mailto:.)/i.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return SAFE_SCHEMES.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}
