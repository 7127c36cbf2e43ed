// The small Markdown subset in which staff type meeting minutes, parsed into a tree that the
// page (app/components/rich-text.tsx, rich-blocks.tsx) and the Word document (templates/minutes.ts) render.
// Nothing here reads or writes HTML: "<script>" is text like any other.
//
// Blocks: "#", "##", "###" headings; paragraphs, where each line break is kept (people type
// line by line); bullet lists ("- ", "* ", "• ", "· ") and numbered lists ("1. ", "2) ").
// Inline: **bold**, *italic* or _italic_, [text](url), bare http(s):// addresses, and
// backslash escapes. Emphasis follows CommonMark's delimiter rules without its "multiple of 3"
// refinement; anything unmatched stays literal.
import { safeHref } from "./safe-href";

export type Inline =
  | { type: "text"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] }
  | { type: "break" };

export type Block =
  | { type: "heading"; level: 1 | 2 | 3; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] };

/**
 * Longest source read as Markdown. Forms accept about 20,000 characters; a longer text (an
 * import, an old row) keeps its remainder as plain lines, so nothing is lost and the work stays
 * bounded whatever reaches the parser.
 */
export const MARKDOWN_MAX_LENGTH = 50_000;

/** Emphasis nested deeper stays literal: no minutes need more, and renderers recurse. */
const MAX_EMPHASIS_DEPTH = 4;

export function parseMarkdown(source: string): Block[] {
  const normalized = source.replace(/\r\n?/g, "\n");
  const blocks = parseBlocks(normalized.slice(0, MARKDOWN_MAX_LENGTH).split("\n"));
  const rest = normalized.slice(MARKDOWN_MAX_LENGTH);
  if (rest.trim() !== "") blocks.push({ type: "paragraph", children: plainLines(rest) });
  return blocks;
}

/** The text without its formatting, blocks separated by a blank line: for previews and search. */
export function toPlainText(blocks: Block[]): string {
  return blocks
    .map((block) => (block.type === "list" ? block.items.map(inlineText).join("\n") : inlineText(block.children)))
    .join("\n\n");
}

// The check of link addresses lives in its own file, which the pages that only draw a parsed
// tree (app/components/rich-blocks.tsx) take without the parser (decision 051).
export { safeHref };

// ── Blocks ────────────────────────────────────────────────────────────────────────────────

// Lines are trimmed before these run, so a match always ends on a visible character.
const HEADING = /^(#{1,6})[ \t]+(.+)$/;
const BULLET_ITEM = /^[-*•·][ \t]+(.+)$/;
// Up to three digits: "2020. Une année…" starts a paragraph, not a list.
const ORDERED_ITEM = /^\d{1,3}[.)][ \t]+(.+)$/;

interface PendingList {
  ordered: boolean;
  items: string[][];
}

function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: PendingList | null = null;
  let item: string[] = [];

  function close() {
    if (paragraph.length > 0) blocks.push({ type: "paragraph", children: parseInline(paragraph.join("\n")) });
    if (list) blocks.push({ type: "list", ordered: list.ordered, items: list.items.map((lines) => parseInline(lines.join("\n"))) });
    paragraph = [];
    list = null;
  }

  for (const raw of lines) {
    const line = raw.trim();
    if (line === "") {
      close();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      blocks.push({ type: "heading", level: headingLevel(heading[1]!.length), children: parseInline(heading[2]!.trim()) });
      continue;
    }
    const listItem = listItemOf(line);
    if (listItem) {
      if (paragraph.length > 0 || (list && list.ordered !== listItem.ordered)) close();
      list ??= { ordered: listItem.ordered, items: [] };
      item = [listItem.text];
      list.items.push(item);
      continue;
    }
    // A line under a list item explains that item, as in "· Rack à vélos\nRendez-vous pris…".
    if (list) item.push(line);
    else paragraph.push(line);
  }
  close();
  return blocks;
}

/** "####" and deeper are read as "###": the subset has three levels and the text is kept. */
function headingLevel(hashes: number): 1 | 2 | 3 {
  return hashes === 1 ? 1 : hashes === 2 ? 2 : 3;
}

function listItemOf(line: string): { ordered: boolean; text: string } | null {
  const bullet = BULLET_ITEM.exec(line);
  if (bullet) return { ordered: false, text: bullet[1]! };
  const ordered = ORDERED_ITEM.exec(line);
  return ordered ? { ordered: true, text: ordered[1]! } : null;
}

function plainLines(text: string): Inline[] {
  const nodes: Inline[] = [];
  text
    .trim()
    .split("\n")
    .forEach((line, index) => {
      if (index > 0) nodes.push({ type: "break" });
      appendText(nodes, line);
    });
  return nodes;
}

// ── Inline ────────────────────────────────────────────────────────────────────────────────

type EmphasisType = "strong" | "em";

/** A run of "*" or "_" that may open or close emphasis (CommonMark's delimiter run). */
interface Delimiter {
  kind: "delimiter";
  char: "*" | "_";
  /** Characters not used by any emphasis: they are shown as typed. */
  remaining: number;
  canOpen: boolean;
  canClose: boolean;
  /** Emphasis this run opens and closes, innermost first. */
  opens: EmphasisType[];
  closes: EmphasisType[];
}

type Token = { kind: "node"; node: Inline } | Delimiter;

interface LinkSpan {
  start: number;
  textStart: number;
  textEnd: number;
  end: number;
  target: string;
}

// Balanced parentheses inside the address, one level deep, as in Wikipedia's addresses. The two
// alternatives start with different characters, so the match never backtracks.
const LINK_TARGET = /\(((?:[^\s()<>]|\([^\s()<>]*\))+)\)/y;
const AUTOLINK = /https?:\/\/[^\s<>"]+/iy;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

function parseInline(text: string): Inline[] {
  const tokens: Token[] = [];
  let position = 0;
  for (const span of findLinks(text)) {
    tokenize(text, position, span.start, true, tokens);
    for (const node of linkNodes(text, span)) tokens.push({ kind: "node", node });
    position = span.end;
  }
  tokenize(text, position, text.length, true, tokens);
  return buildTree(pairEmphasis(tokens));
}

/**
 * Where "[text](address)" links are, found before emphasis as CommonMark does: a "]" closes
 * the nearest "[", and once a link is found, earlier "[" stay literal (no link in a link).
 */
function findLinks(text: string): LinkSpan[] {
  const spans: LinkSpan[] = [];
  const openers: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\\") i++; // an escaped character is never a bracket
    else if (char === "[") openers.push(i);
    else if (char === "]" && openers.length > 0) {
      const start = openers.pop()!;
      LINK_TARGET.lastIndex = i + 1;
      const target = LINK_TARGET.exec(text);
      if (target) {
        spans.push({ start, textStart: start + 1, textEnd: i, end: LINK_TARGET.lastIndex, target: target[1]! });
        openers.length = 0;
        i = LINK_TARGET.lastIndex - 1;
      }
    }
  }
  return spans;
}

/** A link, or only its text when the address is not one we let people follow. */
function linkNodes(text: string, span: LinkSpan): Inline[] {
  const children = buildTree(pairEmphasis(tokenize(text, span.textStart, span.textEnd, false, [])));
  const href = safeHref(span.target);
  if (href === null) return children;
  return [{ type: "link", href, children: children.length > 0 ? children : [{ type: "text", text: span.target }] }];
}

/** What tokenize looks at: an escape, a line break, an emphasis run, the "h" of an address. */
function special(code: number): boolean {
  return code === 92 || code === 10 || code === 42 || code === 95 || code === 104 || code === 72;
}

/** Splits text[from, to) into text, line breaks, autolinks and emphasis delimiter runs. */
function tokenize(text: string, from: number, to: number, autolinks: boolean, tokens: Token[]): Token[] {
  let pending = "";
  const flushText = () => {
    if (pending !== "") tokens.push({ kind: "node", node: { type: "text", text: pending } });
    pending = "";
  };
  let i = from;
  while (i < to) {
    // Plain characters up to the next one that may start something are taken as one slice.
    let next = i;
    while (next < to && !special(text.charCodeAt(next))) next++;
    if (next > i) {
      pending += text.slice(i, next);
      i = next;
      continue;
    }
    const char = text[i]!;
    if (char === "\\" && i + 1 < to && ASCII_PUNCTUATION.test(text[i + 1]!)) {
      pending += text[i + 1];
      i += 2;
    } else if (char === "\n") {
      flushText();
      tokens.push({ kind: "node", node: { type: "break" } });
      i++;
    } else if (char === "*" || char === "_") {
      flushText();
      const delimiter = delimiterAt(text, i, to, char);
      tokens.push(delimiter);
      i += delimiter.remaining;
    } else {
      const link = autolinks && (char === "h" || char === "H") ? autolinkAt(text, i, to) : null;
      if (link) {
        flushText();
        tokens.push({ kind: "node", node: link.node });
        i = link.end;
      } else {
        pending += char;
        i++;
      }
    }
  }
  flushText();
  return tokens;
}

/** CommonMark's flanking rules; "_" inside a word (snake_case) neither opens nor closes. */
function delimiterAt(text: string, start: number, to: number, char: "*" | "_"): Delimiter {
  let end = start;
  while (end < to && text[end] === char) end++;
  const before = text[start - 1] ?? " ";
  const after = text[end] ?? " ";
  const beforeSpace = WHITESPACE.test(before);
  const afterSpace = WHITESPACE.test(after);
  const beforePunctuation = PUNCTUATION.test(before);
  const afterPunctuation = PUNCTUATION.test(after);
  const leftFlanking = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation);
  const rightFlanking = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation);
  const canOpen = char === "*" ? leftFlanking : leftFlanking && (!rightFlanking || beforePunctuation);
  const canClose = char === "*" ? rightFlanking : rightFlanking && (!leftFlanking || afterPunctuation);
  return { kind: "delimiter", char, remaining: end - start, canOpen, canClose, opens: [], closes: [] };
}

/** A bare "https://…" address, without the punctuation that ends its sentence. */
function autolinkAt(text: string, start: number, to: number): { node: Inline; end: number } | null {
  if (start > 0 && WORD_CHARACTER.test(text[start - 1]!)) return null;
  AUTOLINK.lastIndex = start;
  const match = AUTOLINK.exec(text);
  if (!match) return null;
  let url = match[0].slice(0, to - start);
  while (url.length > 0 && endsWithPunctuation(url)) url = url.slice(0, -1);
  const href = safeHref(url);
  if (href === null) return null;
  return { node: { type: "link", href, children: [{ type: "text", text: url }] }, end: start + url.length };
}

function endsWithPunctuation(url: string): boolean {
  const last = url[url.length - 1]!;
  if (last === ")") return count(url, "(") < count(url, ")");
  return ".,:;!?'’*_»…]".includes(last);
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/**
 * Pairs delimiter runs as CommonMark's "process emphasis" does: each closer takes the nearest
 * opener of its character; runs between them can no longer pair. `bottom` remembers, for each
 * character, below which opener a search already failed, so the work stays linear.
 */
function pairEmphasis(tokens: Token[]): Token[] {
  const openers: Delimiter[] = [];
  const bottom = { "*": 0, _: 0 };
  for (const token of tokens) {
    if (token.kind !== "delimiter") continue;
    if (token.canClose) closeEmphasis(token, openers, bottom);
    if (token.canOpen && token.remaining > 0) openers.push(token);
  }
  return tokens;
}

function closeEmphasis(closer: Delimiter, openers: Delimiter[], bottom: Record<"*" | "_", number>): void {
  while (closer.remaining > 0) {
    let index = openers.length - 1;
    while (index >= bottom[closer.char] && openers[index]!.char !== closer.char) index--;
    if (index < bottom[closer.char]) {
      bottom[closer.char] = openers.length;
      return;
    }
    const opener = openers[index]!;
    const used = opener.remaining >= 2 && closer.remaining >= 2 ? 2 : 1;
    const type: EmphasisType = used === 2 ? "strong" : "em";
    opener.remaining -= used;
    closer.remaining -= used;
    opener.opens.push(type);
    closer.closes.push(type);
    openers.length = opener.remaining > 0 ? index + 1 : index;
    bottom["*"] = Math.min(bottom["*"], openers.length);
    bottom._ = Math.min(bottom._, openers.length);
  }
}

interface Frame {
  children: Inline[];
  /** Set when the emphasis was too deep and is shown as the characters typed. */
  literal: string | null;
}

/**
 * The tree from paired tokens. A run closes with its leftmost characters and opens with its
 * rightmost ones, so it reads: closings, characters left as typed, openings (outermost first).
 * Pairs never cross, so each closing ends the innermost open emphasis.
 */
function buildTree(tokens: Token[]): Inline[] {
  const root: Inline[] = [];
  const stack: Frame[] = [{ children: root, literal: null }];
  const top = () => stack[stack.length - 1]!;
  for (const token of tokens) {
    if (token.kind === "node") {
      append(top().children, token.node);
      continue;
    }
    for (let k = 0; k < token.closes.length; k++) {
      const frame = stack.pop()!;
      if (frame.literal !== null) appendText(top().children, frame.literal);
    }
    if (token.remaining > 0) appendText(top().children, token.char.repeat(token.remaining));
    for (let k = token.opens.length - 1; k >= 0; k--) {
      const type = token.opens[k]!;
      const marker = token.char.repeat(type === "strong" ? 2 : 1);
      if (stack.length > MAX_EMPHASIS_DEPTH) {
        appendText(top().children, marker);
        stack.push({ children: top().children, literal: marker });
      } else {
        const children: Inline[] = [];
        top().children.push({ type, children });
        stack.push({ children, literal: null });
      }
    }
  }
  return root;
}

function append(nodes: Inline[], node: Inline): void {
  if (node.type === "text") appendText(nodes, node.text);
  else nodes.push(node);
}

/** Adjacent text is merged, so that "*" left as typed does not split a sentence in pieces. */
function appendText(nodes: Inline[], text: string): void {
  const last = nodes[nodes.length - 1];
  if (last?.type === "text") last.text += text;
  else nodes.push({ type: "text", text });
}

function inlineText(nodes: Inline[]): string {
  return nodes
    .map((node) => {
      if (node.type === "text") return node.text;
      if (node.type === "break") return "\n";
      return inlineText(node.children);
    })
    .join("");
}
