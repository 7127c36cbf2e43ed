// The one-time token every posted form carries (decision 021): a form submitted twice — a
// double click, a browser's retry after a dropped answer — writes once. Shared by the page
// (which draws a new token for each rendered form and after each completed submission) and the
// server (which records the token in the same transaction as the write).

/** The hidden field's name; it comes first in every form so that it is read without the rest. */
export const FORM_TOKEN_FIELD = "_once";

export const FORM_TOKEN_PATTERN = /^[0-9a-f]{32}$/;

/** 128 random bits in hex; `getRandomValues` works on plain http pages too (randomUUID does not). */
export function newFormToken(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The token of a url-encoded or multipart body's first bytes, when it is there and well formed. */
export function formTokenFromBody(contentType: string, head: string): string | null {
  const type = contentType.toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded")) {
    for (const pair of head.split("&")) {
      const [name, value] = pair.split("=");
      if (name === FORM_TOKEN_FIELD && value && FORM_TOKEN_PATTERN.test(value)) return value;
    }
    return null;
  }
  if (type.startsWith("multipart/form-data")) {
    const match = /Content-Disposition:\s*form-data;\s*name="_once"\r\n(?:[^\r\n]+\r\n)*\r\n([0-9a-f]{32})\r\n/i.exec(head);
    return match ? match[1]! : null;
  }
  return null;
}
