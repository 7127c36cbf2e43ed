// Text typed in the Markdown subset (~/domain/markdown) as Word paragraphs: headings, paragraphs
// with their line breaks, lists, bold, italic and links to web pages only. The minutes and the
// procedure sheets write their texts with it.
import { ExternalHyperlink, HeadingLevel, Paragraph, TextRun, type ParagraphChild } from "docx";
import { parseMarkdown, safeHref, type Block, type Inline } from "~/domain/markdown";
import { LISTS } from "./styles";
import { documentText } from "./typography";

/** Each numbered list is its own Word list, so that it counts from 1: one counter per document. */
export interface MarkdownContext {
  numberedLists: number;
}

const LEVELS = [HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5] as const;

/**
 * `topLevel` is the Word heading of "#": 3 under a minutes' agenda item (Heading 2), 2 in a
 * sheet whose title is Heading 1.
 */
export function markdownParagraphs(source: string, context: MarkdownContext, topLevel: 2 | 3 = 3): Paragraph[] {
  return parseMarkdown(source).flatMap((block) => blockParagraphs(block, context, topLevel));
}

function blockParagraphs(block: Block, context: MarkdownContext, topLevel: 2 | 3): Paragraph[] {
  if (block.type === "heading") return [new Paragraph({ heading: LEVELS[Math.min(topLevel - 2 + block.level - 1, LEVELS.length - 1)], children: inlineRuns(block.children) })];
  if (block.type === "paragraph") return [new Paragraph({ children: inlineRuns(block.children) })];
  const numbering = block.ordered ? { reference: LISTS.numbered, level: 0, instance: ++context.numberedLists } : { reference: LISTS.bullet, level: 0 };
  return block.items.map((item, index) => new Paragraph({ numbering, spacing: spacingAfterList(index, block.items.length), children: inlineRuns(item) }));
}

/** Items sit close together; the last one leaves the space of a paragraph before what follows. */
function spacingAfterList(index: number, count: number): { after: number } | undefined {
  return index === count - 1 ? { after: 120 } : undefined;
}

interface RunFormat {
  bold?: boolean;
  italics?: boolean;
  link?: boolean;
}

function inlineRuns(nodes: Inline[], format: RunFormat = {}): ParagraphChild[] {
  return nodes.flatMap((node): ParagraphChild[] => {
    switch (node.type) {
      case "text":
        return [new TextRun({ text: documentText(node.text), bold: format.bold, italics: format.italics, style: format.link ? "Hyperlink" : undefined })];
      case "break":
        return [new TextRun({ break: 1 })];
      case "strong":
        return inlineRuns(node.children, { ...format, bold: true });
      case "em":
        return inlineRuns(node.children, { ...format, italics: true });
      case "link": {
        // Checked again here: a tree can be built by other code than the parser.
        const href = safeHref(node.href);
        if (href === null) return inlineRuns(node.children, format);
        return [new ExternalHyperlink({ link: href, children: inlineRuns(node.children, { ...format, link: true }) })];
      }
    }
  });
}
