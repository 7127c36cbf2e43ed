// What the minutes toolbar writes: the Markdown subset of markdown.ts, put around or before the
// selected text of a textarea. Pure: text and selection in, one replacement out.

export type Format = "bold" | "italic" | "list" | "heading" | "link";

export interface Edit {
  /** The range of the text replaced, and by what. */
  from: number;
  to: number;
  insert: string;
  /** The selection afterwards, in the new text. */
  selectionStart: number;
  selectionEnd: number;
}

const PLACEHOLDER: Record<"bold" | "italic" | "link", string> = { bold: "texte en gras", italic: "texte en italique", link: "texte du lien" };

export function applyFormat(format: Format, text: string, start: number, end: number): Edit {
  const [from, to] = start <= end ? [start, end] : [end, start];
  if (format === "bold" || format === "italic") {
    const mark = format === "bold" ? "**" : "*";
    // Spaces selected with a word stay outside the marks: "**mot** " and not "**mot **".
    const selected = text.slice(from, to);
    const lead = selected.length - selected.trimStart().length;
    const trail = selected.length - selected.trimEnd().length;
    const inner = selected.trim();
    const a = from + lead;
    const b = to - trail;
    if (inner === "") {
      const insert = `${mark}${PLACEHOLDER[format]}${mark}`;
      return { from, to, insert, selectionStart: from + mark.length, selectionEnd: from + mark.length + PLACEHOLDER[format].length };
    }
    // Already marked: the button takes the marks off again.
    if (text.slice(a - mark.length, a) === mark && text.slice(b, b + mark.length) === mark && !(format === "italic" && text.slice(a - 2, a) === "**" && text.slice(a - 3, a) !== "***")) {
      return { from: a - mark.length, to: b + mark.length, insert: inner, selectionStart: a - mark.length, selectionEnd: a - mark.length + inner.length };
    }
    return { from: a, to: b, insert: `${mark}${inner}${mark}`, selectionStart: a + mark.length, selectionEnd: a + mark.length + inner.length };
  }
  if (format === "link") {
    const label = text.slice(from, to).trim() || PLACEHOLDER.link;
    const url = "https://";
    const insert = `[${label}](${url})`;
    // The address is what is left to type.
    const at = from + label.length + 3;
    return { from, to, insert, selectionStart: at + url.length, selectionEnd: at + url.length };
  }
  // Line formats act on every line the selection touches.
  const lineStart = text.lastIndexOf("\n", from - 1) + 1;
  const nextBreak = text.indexOf("\n", to > from && text[to - 1] === "\n" ? to - 1 : to);
  const lineEnd = nextBreak === -1 ? text.length : nextBreak;
  const lines = text.slice(lineStart, lineEnd).split("\n");
  const prefix = format === "list" ? "- " : "## ";
  const pattern = format === "list" ? /^(?:[-*•·] )/ : /^#{1,3} /;
  const filled = lines.filter((l) => l.trim() !== "");
  const allMarked = filled.length > 0 && filled.every((l) => pattern.test(l));
  const changed = lines.map((l) => {
    if (allMarked) return l.replace(pattern, "");
    if (l.trim() === "" && lines.length > 1) return l;
    return `${prefix}${l.replace(format === "list" ? /^(?:[-*•·] |\d{1,3}[.)] )/ : /^#{1,3} /, "")}`;
  });
  const insert = changed.join("\n");
  return { from: lineStart, to: lineEnd, insert, selectionStart: lineStart + insert.length, selectionEnd: lineStart + insert.length };
}

/** The text after an edit, for tests and for browsers where the editing command is missing. */
export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
}
