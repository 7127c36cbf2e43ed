import fc from "fast-check";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RichBlocks } from "~/components/rich-blocks";
import { RICH_TEXT_HELP, RichText } from "~/components/rich-text";
import { parseMarkdown, type Block } from "~/domain/markdown";

const html = (source: string, headingLevel?: 2 | 3 | 4) => renderToStaticMarkup(<RichText source={source} headingLevel={headingLevel} />);

describe("RichText", () => {
  it("renders the subset with React elements", () => {
    expect(html("Bonjour **tous**\n*à* demain\n\n- un\n- deux\n\n1. premier")).toBe(
      '<div class="rich-text"><p>Bonjour <strong>tous</strong><br/><em>à</em> demain</p><ul><li>un</li><li>deux</li></ul><ol><li>premier</li></ol></div>',
    );
  });

  it("puts headings under the page's own, down to h6", () => {
    expect(html("# a\n## b\n### c")).toBe('<div class="rich-text"><h3>a</h3><h4>b</h4><h5>c</h5></div>');
    expect(html("# a\n## b\n### c", 2)).toBe('<div class="rich-text"><h2>a</h2><h3>b</h3><h4>c</h4></div>');
    expect(html("# a\n## b\n### c", 4)).toBe('<div class="rich-text"><h4>a</h4><h5>b</h5><h6>c</h6></div>');
  });

  it("links without giving the opened page a handle on ours", () => {
    expect(html("[rapport](https://example.org/r.pdf)")).toBe('<div class="rich-text"><p><a href="https://example.org/r.pdf" rel="noopener noreferrer">rapport</a></p></div>');
  });

  it("renders nothing for an empty text", () => {
    expect(html("")).toBe("");
    expect(html("  \n\n ")).toBe("");
  });

  it("never lets typed markup or script links through", () => {
    const output = html(
      [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[clic](javascript:alert(1)) [x](JAVASCRIPT:alert(1)) [d](data:text/html;base64,PHNjcmlwdD4=)",
        "[ok](https://example.org/\"onmouseover=\"alert(1))",
        "https://example.org/<script>",
      ].join("\n"),
    );
    expect(output).not.toContain("<script");
    expect(output).not.toContain("<img");
    expect(output.toLowerCase()).not.toContain("javascript:");
    expect(output).not.toContain("data:");
    expect(output).not.toContain('"onmouseover');
    expect(output).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("never renders a tag or a dangerous link from any mix of signs", () => {
    const sign = fc.constantFrom("<", ">", "script", "[", "]", "(", ")", "javascript:", "https://", '"', "*", "_", "\n", " ", "a");
    fc.assert(
      fc.property(fc.string({ unit: sign, maxLength: 60 }), (source) => {
        const output = html(source);
        expect(output).not.toContain("<script");
        expect(output).not.toMatch(/href="(?!https:\/\/)/);
      }),
    );
  });

  it("draws the same page from the tree a loader sends (parsed on the server, through JSON)", () => {
    const source = "# Bilan\nBonjour **tous**, voir [le rapport](https://example.org/r.pdf)\n\n- un *deux*\n1. premier\n\n<script>x</script>";
    const sent = JSON.parse(JSON.stringify(parseMarkdown(source))) as Block[];
    expect(renderToStaticMarkup(<RichBlocks blocks={sent} headingLevel={4} />)).toBe(html(source, 4));
    expect(renderToStaticMarkup(<RichBlocks blocks={[]} />)).toBe("");
  });

  it("checks a tree's links again: a tree may come from other code than the parser", () => {
    const tree: Block[] = [{ type: "paragraph", children: [{ type: "link", href: "javascript:alert(1)", children: [{ type: "text", text: "clic" }] }] }];
    expect(renderToStaticMarkup(<RichBlocks blocks={tree} />)).toBe('<div class="rich-text"><p>clic</p></div>');
  });

  it("offers a short French help line", () => {
    expect(RICH_TEXT_HELP).toMatch(/\*\*gras\*\*/);
    expect(RICH_TEXT_HELP).toMatch(/\[texte\]\(https:\/\/…\)/);
  });
});
