// Texts typed in the Markdown subset (~/domain/markdown), parsed for the pages that only show
// them: the loader sends the tree, app/components/rich-blocks.tsx draws it, and the page carries
// no parser. A .server module, so that these pages' chunks do not link to the parser's chunk,
// which the pages that preview a text being typed need (decision 051).
import { parseMarkdown, type Block } from "~/domain/markdown";

/** The text's tree, or null for an empty text (the page then shows what it shows for none). */
export function parsedText(text: string): Block[] | null {
  return text ? parseMarkdown(text) : null;
}
