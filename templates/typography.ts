// French typography for Word documents: the no-break spaces a French printer puts before
// ":", ";", "?", "!" and inside « ». Days and times are written out by ~/domain/dates.

export const NBSP = "\u00A0";
/** Narrow no-break space (espace fine insécable). */
export const NNBSP = "\u202F";

// Addresses are left as typed: their ":", "?" and quotes are not punctuation.
const ADDRESS = /[a-z][a-z0-9+.-]*:\/\/\S+|mailto:\S+/gi;
const SPACES = "[ \\t\\u00A0\\u202F]";
// A mark of punctuation that ends a word: after a word (its spaces are replaced) and before a
// space, the end, or a closing sign. "14:00", "3:1", "?q=1" and ";)" are not followed by one.
const HIGH_PUNCTUATION = new RegExp(`(^|[^\\s(\\[«:;!?])${SPACES}*(:|;|[!?]+)(?=$|[\\s»)\\]])`, "g");
const OPENING_GUILLEMET = new RegExp(`«${SPACES}*`, "g");
const CLOSING_GUILLEMET = new RegExp(`${SPACES}*»`, "g");
const APOSTROPHE = /(\p{L})'(?=\p{L})/gu;

/**
 * Text typeset the French way: a no-break space before ":", a narrow no-break space before
 * ";", "?" and "!" (replacing a space typed there), straight double quotes paired into « »,
 * no-break spaces inside « », and "l'office" written "l’office". Times ("14:00", "14h30"),
 * ratios ("3:1") and addresses (https://…, mailto:…) are left alone. A mark at the very start
 * of the text is left alone too: the text may continue a run in another style.
 */
export function frenchTypography(text: string): string {
  // Without an address, the text is one segment; without a quote, there is nothing to pair.
  if (!MAY_HAVE_ADDRESS.test(text)) return typesetSegment(text, { seen: 0, paired: text.includes('"') ? count(text, '"') & ~1 : 0 });
  const segments = splitAddresses(text);
  const quotes = segments.reduce((total, s) => total + (s.address ? 0 : count(s.text, '"')), 0);
  const quoting = { seen: 0, paired: quotes - (quotes % 2) };
  return segments.map((s) => (s.address ? s.text : typesetSegment(s.text, quoting))).join("");
}

/** What every address of ADDRESS holds: a text without it has none. */
const MAY_HAVE_ADDRESS = /:\/\/|mailto:/i;

/**
 * Removes what XML 1.0 cannot carry (control characters other than tab, line feed and carriage
 * return, lone surrogates, U+FFFE and U+FFFF): Word and LibreOffice refuse a file with one.
 */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML, "");
}

const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Characters that may start something INVALID_XML removes (a surrogate may be half of a valid pair). */
const MAY_BE_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

// Texts with none of the characters the two steps change are returned as they are: most names,
// dates and figures of a report, which then cost one test instead of six passes.
const NOTHING_TO_DO = /^[^:;?!"'«»\u0000-\u001F\u00A0\u202F\uD800-\uDFFF\uFFFE\uFFFF]*$/;

/** What every text typed by someone goes through on its way into a document. */
export function documentText(text: string): string {
  if (NOTHING_TO_DO.test(text)) return text;
  return frenchTypography(MAY_BE_INVALID.test(text) ? stripInvalidXmlChars(text) : text);
}

function splitAddresses(text: string): Array<{ text: string; address: boolean }> {
  const segments: Array<{ text: string; address: boolean }> = [];
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    segments.push({ text: text.slice(last, match.index), address: false }, { text: match[0], address: true });
    last = match.index + match[0].length;
  }
  segments.push({ text: text.slice(last), address: false });
  return segments;
}

/** Pairs straight quotes across the segments in order; an odd last one stays as typed. */
function typesetSegment(text: string, quoting: { seen: number; paired: number }): string {
  // Each step is skipped when its text lacks the one character it starts from (most texts have
  // an apostrophe and nothing else to change): the same result without the passes that find nothing.
  let out = !text.includes('"')
    ? text
    : text.replace(/"/g, () => {
        const index = quoting.seen++;
        if (index >= quoting.paired) return '"';
        return index % 2 === 0 ? "«" : "»";
      });
  if (out.includes("«")) out = out.replace(OPENING_GUILLEMET, `«${NBSP}`);
  if (out.includes("»")) out = out.replace(CLOSING_GUILLEMET, `${NBSP}»`);
  if (HIGH_MARK.test(out)) out = out.replace(HIGH_PUNCTUATION, (match: string, before: string, mark: string) => (match === mark ? match : `${before}${spaceBefore(mark)}${mark}`));
  if (out.includes("'")) out = out.replace(APOSTROPHE, "$1’");
  return out;
}

const HIGH_MARK = /[:;!?]/;

function spaceBefore(mark: string): string {
  return mark === ":" ? NBSP : NNBSP;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
