// Minutes typed in the Markdown subset of ~/domain/markdown, parsed and drawn where they are
// typed (the preview beside a textarea); React elements only (./rich-blocks.tsx).
import { RichBlocks } from "~/components/rich-blocks";
import { parseMarkdown } from "~/domain/markdown";

/** The help line under a textarea that accepts this formatting. */
export const RICH_TEXT_HELP = "Mise en forme : ## titre, **gras**, *italique*, - liste, 1. liste numérotée, [texte](https://…)";

/** `headingLevel` is the level of "#", chosen to sit under the page's own headings. */
export function RichText({ source, headingLevel = 3 }: { source: string; headingLevel?: 2 | 3 | 4 }) {
  return <RichBlocks blocks={parseMarkdown(source)} headingLevel={headingLevel} />;
}
