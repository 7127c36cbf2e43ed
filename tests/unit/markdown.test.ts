import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MARKDOWN_MAX_LENGTH, parseMarkdown, safeHref, toPlainText, type Block, type Inline } from "~/domain/markdown";

const text = (value: string): Inline => ({ type: "text", text: value });
const paragraph = (...children: Inline[]): Block => ({ type: "paragraph", children });
/** The inline content of a one-paragraph source. */
function inline(source: string): Inline[] {
  const blocks = parseMarkdown(source);
  expect(blocks).toHaveLength(1);
  const [block] = blocks;
  if (block?.type !== "paragraph") throw new Error(`not a paragraph: ${JSON.stringify(blocks)}`);
  return block.children;
}

describe("blocks", () => {
  it("reads headings, paragraphs with their line breaks, and lists", () => {
    const source = ["# Bilan", "## Chiffres", "### Saison", "Ligne un", "ligne deux", "", "Autre paragraphe"].join("\n");
    expect(parseMarkdown(source)).toEqual([
      { type: "heading", level: 1, children: [text("Bilan")] },
      { type: "heading", level: 2, children: [text("Chiffres")] },
      { type: "heading", level: 3, children: [text("Saison")] },
      paragraph(text("Ligne un"), { type: "break" }, text("ligne deux")),
      paragraph(text("Autre paragraphe")),
    ]);
  });

  it("keeps deeper headings at level 3 and leaves #hashtags and empty headings as text", () => {
    expect(parseMarkdown("#### Détail")).toEqual([{ type: "heading", level: 3, children: [text("Détail")] }]);
    expect(parseMarkdown("#qualité")).toEqual([paragraph(text("#qualité"))]);
    expect(parseMarkdown("##")).toEqual([paragraph(text("##"))]);
  });

  it("reads the bullets people type, and numbered lists with . or )", () => {
    expect(parseMarkdown("- un\n* deux\n• trois\n· quatre")).toEqual([
      { type: "list", ordered: false, items: [[text("un")], [text("deux")], [text("trois")], [text("quatre")]] },
    ]);
    expect(parseMarkdown("1. un\n2) deux\n10. dix")).toEqual([{ type: "list", ordered: true, items: [[text("un")], [text("deux")], [text("dix")]] }]);
  });

  it("starts a list under a line ending a paragraph, as in « Point à améliorer : »", () => {
    expect(parseMarkdown("Point à améliorer :\n· Fléchage")).toEqual([
      paragraph(text("Point à améliorer :")),
      { type: "list", ordered: false, items: [[text("Fléchage")]] },
    ]);
  });

  it("keeps a line typed under an item in that item", () => {
    expect(parseMarkdown("· Rack à vélos\nUn rendez-vous sera pris.\n· Façades")).toEqual([
      { type: "list", ordered: false, items: [[text("Rack à vélos"), { type: "break" }, text("Un rendez-vous sera pris.")], [text("Façades")]] },
    ]);
  });

  it("separates a bullet list from a numbered one, and lists from each other by a blank line", () => {
    expect(parseMarkdown("- a\n1. b\n\n1. c").map((block) => block.type === "list" && block.ordered)).toEqual([false, true, true]);
  });

  it("does not take a year or a lone dash for a list", () => {
    expect(parseMarkdown("2020. Une année à part")).toEqual([paragraph(text("2020. Une année à part"))]);
    expect(parseMarkdown("-")).toEqual([paragraph(text("-"))]);
    expect(parseMarkdown("-5 % de visiteurs")).toEqual([paragraph(text("-5 % de visiteurs"))]);
  });

  it("ignores blank lines, surrounding spaces and Windows line ends", () => {
    expect(parseMarkdown("")).toEqual([]);
    expect(parseMarkdown(" \n\t\n")).toEqual([]);
    expect(parseMarkdown("  un  \r\ndeux\r\n\r\n  - trois ")).toEqual([
      paragraph(text("un"), { type: "break" }, text("deux")),
      { type: "list", ordered: false, items: [[text("trois")]] },
    ]);
  });

  it("keeps text beyond the cap as plain lines", () => {
    const source = `${"a".repeat(MARKDOWN_MAX_LENGTH)}\n\n**fin**\nligne`;
    const blocks = parseMarkdown(source);
    expect(blocks.at(-1)).toEqual(paragraph(text("**fin**"), { type: "break" }, text("ligne")));
  });
});

describe("inline formatting", () => {
  it("reads bold, italic with * or _, and their nesting", () => {
    expect(inline("**gras** et *italique* et _aussi_")).toEqual([
      { type: "strong", children: [text("gras")] },
      text(" et "),
      { type: "em", children: [text("italique")] },
      text(" et "),
      { type: "em", children: [text("aussi")] },
    ]);
    expect(inline("**tout *ceci* compte**")).toEqual([{ type: "strong", children: [text("tout "), { type: "em", children: [text("ceci")] }, text(" compte")] }]);
    expect(inline("***les deux***")).toEqual([{ type: "em", children: [{ type: "strong", children: [text("les deux")] }] }]);
  });

  it("leaves unmatched or spaced delimiters as typed", () => {
    expect(inline("**pas fermé")).toEqual([text("**pas fermé")]);
    expect(inline("*pas fermé")).toEqual([text("*pas fermé")]);
    expect(inline("** pas gras **")).toEqual([text("** pas gras **")]);
    expect(inline("5 * 3 = 15")).toEqual([text("5 * 3 = 15")]);
    expect(inline("*****")).toEqual([text("*****")]);
    expect(inline("**gras* reste")).toEqual([text("*"), { type: "em", children: [text("gras")] }, text(" reste")]);
  });

  it("does not italicise underscores inside words", () => {
    expect(inline("nom_de_fichier et snake_case_name")).toEqual([text("nom_de_fichier et snake_case_name")]);
    expect(inline("_mot_entier_")).toEqual([{ type: "em", children: [text("mot_entier")] }]);
  });

  it("unescapes backslashed punctuation and keeps other backslashes", () => {
    expect(inline("\\*pas italique\\* \\_ \\[x\\](lien) C:\\dossier")).toEqual([text("*pas italique* _ [x](lien) C:\\dossier")]);
    expect(parseMarkdown("\\# pas un titre\n\\- pas une liste")).toEqual([paragraph(text("# pas un titre"), { type: "break" }, text("- pas une liste"))]);
  });

  it("reads links, with formatting inside and around", () => {
    expect(inline("Voir [le **rapport**](https://example.org/rapport.pdf).")).toEqual([
      text("Voir "),
      { type: "link", href: "https://example.org/rapport.pdf", children: [text("le "), { type: "strong", children: [text("rapport")] }] },
      text("."),
    ]);
    expect(inline("**[lien](https://a.fr)**")).toEqual([{ type: "strong", children: [{ type: "link", href: "https://a.fr/", children: [text("lien")] }] }]);
    expect(inline("[Landes](https://fr.wikipedia.org/wiki/Landes_(département))")).toEqual([
      { type: "link", href: "https://fr.wikipedia.org/wiki/Landes_(d%C3%A9partement)", children: [text("Landes")] },
    ]);
    expect(inline("[écrire](mailto:accueil@example.org)")).toEqual([{ type: "link", href: "mailto:accueil@example.org", children: [text("écrire")] }]);
  });

  it("shows the address of a link without text, and no link inside a link", () => {
    expect(inline("[](https://a.fr)")).toEqual([{ type: "link", href: "https://a.fr/", children: [text("https://a.fr")] }]);
    expect(inline("[a [b](https://b.fr) c](https://c.fr)")).toEqual([
      text("[a "),
      { type: "link", href: "https://b.fr/", children: [text("b")] },
      text(" c]("),
      { type: "link", href: "https://c.fr/", children: [text("https://c.fr")] },
      text(")"),
    ]);
  });

  it("links bare addresses, leaving out the punctuation that ends the sentence", () => {
    expect(inline("Site : https://example.org/a?b=1. Fin")).toEqual([
      text("Site : "),
      { type: "link", href: "https://example.org/a?b=1", children: [text("https://example.org/a?b=1")] },
      text(". Fin"),
    ]);
    expect(inline("(voir https://example.org/page)")).toEqual([
      text("(voir "),
      { type: "link", href: "https://example.org/page", children: [text("https://example.org/page")] },
      text(")"),
    ]);
    expect(inline("xhttps://example.org")).toEqual([text("xhttps://example.org")]);
    expect(inline("https:// rien")).toEqual([text("https:// rien")]);
  });

  it("keeps the text of a link that points anywhere but a web page or an e-mail address", () => {
    for (const target of ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox", "/admin", "//evil.example", "file:///etc/passwd"]) {
      expect(inline(`[clic](${target})`)).toEqual([text("clic")]);
    }
  });

  it("never interprets HTML", () => {
    expect(inline("<script>alert(1)</script> <b>gras</b> &amp;")).toEqual([text("<script>alert(1)</script> <b>gras</b> &amp;")]);
    expect(inline('<a href="javascript:alert(1)">x</a>')).toEqual([text('<a href="javascript:alert(1)">x</a>')]);
  });
});

describe("safeHref", () => {
  it("accepts web pages and e-mail addresses, whatever the case, trimmed", () => {
    expect(safeHref("https://example.org/a")).toBe("https://example.org/a");
    expect(safeHref("  HTTP://Example.org  ")).toBe("http://example.org/");
    expect(safeHref("MailTo:accueil@example.org")).toBe("mailto:accueil@example.org");
  });

  it("refuses scripts, data, relative and protocol-relative addresses", () => {
    for (const url of ["javascript:alert(1)", " jAvAsCrIpT:alert(1)", "data:text/html,x", "vbscript:x", "/admin", "admin", "//evil.example", "ftp://example.org", "https:evil.example", "https://", "mailto:", ""]) {
      expect(safeHref(url), url).toBeNull();
    }
  });

  it("refuses control, invisible and space characters that browsers would strip", () => {
    for (const url of ["java\tscript:alert(1)", "java\nscript:alert(1)", "https://a\u0000.fr", "https://exa mple.org", "https://a.fr/\u200B", "\u202Ehttps://a.fr", "https://a.fr\u0085"]) {
      expect(safeHref(url), JSON.stringify(url)).toBeNull();
    }
  });
});

describe("plain text", () => {
  it("drops formatting and keeps the words, for previews and search", () => {
    const blocks = parseMarkdown("# Bilan\n**91 %** de conformité\nvoir [le rapport](https://a.fr)\n\n- un\n- _deux_");
    expect(toPlainText(blocks)).toBe("Bilan\n\n91 % de conformité\nvoir le rapport\n\nun\ndeux");
    expect(toPlainText([])).toBe("");
  });
});

describe("hostile input", () => {
  // No timing assertion: a quadratic or exponential parser would make these tests hang.
  const hostile = [
    "*".repeat(20_000),
    "_".repeat(20_000),
    "[".repeat(20_000),
    "]".repeat(20_000),
    "*a".repeat(10_000),
    "a*".repeat(10_000),
    "**a ".repeat(5_000),
    "[a](".repeat(5_000),
    "](".repeat(10_000),
    "[](".repeat(6_000),
    "\\".repeat(20_000),
    "https://".repeat(2_500),
    "_*".repeat(5_000) + "x" + "*_".repeat(5_000),
    "- ".repeat(10_000),
    "#".repeat(20_000),
    "\n".repeat(20_000),
    "[(".repeat(5_000) + ")]".repeat(5_000),
  ];

  it.each(hostile.map((source) => [source.slice(0, 12), source]))("parses %j… at once", (_label, source) => {
    expect(toPlainText(parseMarkdown(source)).length).toBeLessThanOrEqual(source.length);
  });

  it("keeps deep emphasis shallow, so that renderers never recurse far", () => {
    const depth = (nodes: Inline[]): number => Math.max(0, ...nodes.map((node) => ("children" in node ? 1 + depth(node.children) : 0)));
    const blocks = parseMarkdown("_*".repeat(5_000) + "x" + "*_".repeat(5_000));
    expect(blocks[0]?.type === "paragraph" && depth(blocks[0].children)).toBeLessThanOrEqual(4);
  });

  it("parses any mix of its signs without throwing or adding text", () => {
    const sign = fc.constantFrom("*", "_", "[", "]", "(", ")", "\\", "\n", " ", "#", "-", "•", "1", ".", "a", "https://", "<");
    fc.assert(
      fc.property(fc.string({ unit: sign, maxLength: 200 }), (source) => {
        expect(toPlainText(parseMarkdown(source)).length).toBeLessThanOrEqual(source.length);
      }),
    );
  });
});
