// A parsed Markdown tree (~/domain/markdown) drawn with React elements only: React escapes every
// text, so what people type can never become markup on the page. Pages that only show a text
// get the tree from their loader and draw it here without the parser (decision 051); those
// that preview what is typed parse it in the browser (./rich-text.tsx).
import { Fragment, type ReactNode } from "react";
import type { Block, Inline } from "~/domain/markdown";
import { safeHref } from "~/domain/safe-href";

type HeadingTag = "h2" | "h3" | "h4" | "h5" | "h6";
const HEADING_TAGS: HeadingTag[] = ["h2", "h3", "h4", "h5", "h6"];

/** `headingLevel` is the level of "#", chosen to sit under the page's own headings. */
export function RichBlocks({ blocks, headingLevel = 3 }: { blocks: Block[]; headingLevel?: 2 | 3 | 4 }) {
  if (blocks.length === 0) return null;
  return (
    <div className="rich-text">
      {blocks.map((block, index) => (
        <BlockView key={index} block={block} headingLevel={headingLevel} />
      ))}
    </div>
  );
}

function BlockView({ block, headingLevel }: { block: Block; headingLevel: number }) {
  if (block.type === "heading") {
    const Tag = HEADING_TAGS[Math.min(headingLevel + block.level - 1, 6) - 2]!;
    return <Tag>{inlines(block.children)}</Tag>;
  }
  if (block.type === "paragraph") return <p>{inlines(block.children)}</p>;
  const List = block.ordered ? "ol" : "ul";
  return (
    <List>
      {block.items.map((item, index) => (
        <li key={index}>{inlines(item)}</li>
      ))}
    </List>
  );
}

function inlines(nodes: Inline[]): ReactNode {
  return nodes.map((node, index) => <Fragment key={index}>{inline(node)}</Fragment>);
}

function inline(node: Inline): ReactNode {
  switch (node.type) {
    case "text":
      return node.text;
    case "break":
      return <br />;
    case "strong":
      return <strong>{inlines(node.children)}</strong>;
    case "em":
      return <em>{inlines(node.children)}</em>;
    case "link": {
      // Checked again here: a tree can be built by other code than the parser.
      const href = safeHref(node.href);
      if (href === null) return inlines(node.children);
      return (
        <a href={href} rel="noopener noreferrer">
          {inlines(node.children)}
        </a>
      );
    }
  }
}
