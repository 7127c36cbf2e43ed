import { describe, expect, it } from "vitest";
import { parseMarkdown } from "~/domain/markdown";
import { applyEdit, applyFormat, type Format } from "~/domain/markdown-edit";

const run = (format: Format, text: string, start: number, end = start) => {
  const edit = applyFormat(format, text, start, end);
  const after = applyEdit(text, edit);
  return { after, selected: after.slice(edit.selectionStart, edit.selectionEnd), edit };
};

describe("the minutes toolbar", () => {
  it("puts bold and italic around the selected words, spaces outside", () => {
    expect(run("bold", "Oriflammes installées", 0, 10).after).toBe("**Oriflammes** installées");
    expect(run("bold", "Oriflammes installées", 0, 11).after).toBe("**Oriflammes** installées");
    expect(run("italic", "vu à Amou", 5, 9).after).toBe("vu à *Amou*");
    expect(run("bold", "Oriflammes installées", 0, 10).selected).toBe("Oriflammes");
  });

  it("writes a placeholder, selected, when nothing is selected", () => {
    const { after, selected } = run("bold", "Avant ", 6);
    expect(after).toBe("Avant **texte en gras**");
    expect(selected).toBe("texte en gras");
  });

  it("takes the marks off when pressed again", () => {
    const once = run("bold", "un mot", 3, 6);
    const twice = applyEdit(once.after, applyFormat("bold", once.after, once.edit.selectionStart, once.edit.selectionEnd));
    expect(twice).toBe("un mot");
    expect(run("italic", "**gras**", 2, 6).after).toBe("***gras***");
  });

  it("makes every touched line a list item or a heading, and back", () => {
    expect(run("list", "Oriflammes\nRack à vélos", 0, 15).after).toBe("- Oriflammes\n- Rack à vélos");
    expect(run("list", "- Oriflammes\n- Rack à vélos", 0, 20).after).toBe("Oriflammes\nRack à vélos");
    expect(run("list", "1. Oriflammes", 3).after).toBe("- Oriflammes");
    expect(run("heading", "Intro\nBilan de la saison\nSuite", 8).after).toBe("Intro\n## Bilan de la saison\nSuite");
    expect(run("heading", "## Bilan", 4).after).toBe("Bilan");
    expect(run("list", "a\n\nb", 0, 4).after).toBe("- a\n\n- b");
  });

  it("writes a link with the selection as its text, the address left to type", () => {
    const { after, edit } = run("link", "Voir le site", 8, 12);
    expect(after).toBe("Voir le [site](https://)");
    expect(edit.selectionStart).toBe(after.length - 1);
  });

  it("writes only what the parser reads as the same formatting", () => {
    const cases: Array<[Format, string]> = [["bold", "strong"], ["italic", "em"]];
    for (const [format, type] of cases) {
      const blocks = parseMarkdown(run(format, "le mot juste", 3, 6).after);
      expect(JSON.stringify(blocks)).toContain(`"type":"${type}"`);
    }
    expect(parseMarkdown(run("list", "un\ndeux", 0, 7).after)[0]).toMatchObject({ type: "list", ordered: false });
    expect(parseMarkdown(run("heading", "Titre", 0).after)[0]).toMatchObject({ type: "heading", level: 2 });
    expect(JSON.stringify(parseMarkdown(run("link", "site", 0, 4).after.replace("https://", "https://exemple.fr")))).toContain('"type":"link"');
  });
});
