import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDay, formatLongDate as formatLongDay, formatTime } from "~/domain/dates";
import { NBSP, NNBSP, documentText, frenchTypography, stripInvalidXmlChars } from "../../templates/typography";

describe("frenchTypography", () => {
  it.each([
    ["Présents : Personne A", `Présents${NBSP}: Personne A`],
    ["Saison 2020: 2678 contacts", `Saison 2020${NBSP}: 2678 contacts`],
    ["Note :", `Note${NBSP}:`],
    ["Note:\nsuite", `Note${NBSP}:\nsuite`],
    ["Décisions  :  oui", `Décisions${NBSP}:  oui`],
    [`Déjà${NBSP}: fait`, `Déjà${NBSP}: fait`],
    [`Mal${NNBSP}: espacé`, `Mal${NBSP}: espacé`],
  ])("puts a no-break space before a colon: %j", (input, expected) => {
    expect(frenchTypography(input)).toBe(expected);
  });

  it.each([
    ["Vraiment ?", `Vraiment${NNBSP}?`],
    ["Bravo!", `Bravo${NNBSP}!`],
    ["Quoi ?!", `Quoi${NNBSP}?!`],
    ["Oui!!! Enfin", `Oui${NNBSP}!!! Enfin`],
    ["un ; deux", `un${NNBSP}; deux`],
    ["un;deux", "un;deux"],
    ["(vraiment ?)", `(vraiment${NNBSP}?)`],
    ["(?)", "(?)"],
  ])("puts a narrow no-break space before ; ? !: %j", (input, expected) => {
    expect(frenchTypography(input)).toBe(expected);
  });

  it.each([
    ["RDV 14:00, 9:30 ou 14h30", "RDV 14:00, 9:30 ou 14h30"],
    ["un ratio de 3:1", "un ratio de 3:1"],
    ["https://example.org/?a=1&b=2!", "https://example.org/?a=1&b=2!"],
    ["Voir https://example.org/page : la fin", `Voir https://example.org/page${NBSP}: la fin`],
    ["mailto:accueil@example.org", "mailto:accueil@example.org"],
    ['https://a.fr/?q="x"', 'https://a.fr/?q="x"'],
    ["? au début", "? au début"],
    [": au début", ": au début"],
    ["14 h 30", "14 h 30"],
  ])("leaves times, ratios, addresses and a leading mark alone: %j", (input, expected) => {
    expect(frenchTypography(input)).toBe(expected);
  });

  it.each([
    ['Il dit "bonjour" puis "au revoir"', `Il dit «${NBSP}bonjour${NBSP}» puis «${NBSP}au revoir${NBSP}»`],
    ['" espacé "', `«${NBSP}espacé${NBSP}»`],
    ["« déjà »", `«${NBSP}déjà${NBSP}»`],
    ["«collé»", `«${NBSP}collé${NBSP}»`],
    ['un "seul', 'un "seul'],
    ['"un" et "deux', `«${NBSP}un${NBSP}» et "deux`],
    ['"Vraiment ?"', `«${NBSP}Vraiment${NNBSP}?${NBSP}»`],
  ])("pairs straight quotes into « » with no-break spaces: %j", (input, expected) => {
    expect(frenchTypography(input)).toBe(expected);
  });

  it("writes the apostrophe between letters as ’", () => {
    expect(frenchTypography("l'office d'Amou")).toBe("l’office d’Amou");
    expect(frenchTypography("'citation'")).toBe("'citation'");
  });

  it("gives the same text when applied twice", () => {
    const sign = fc.constantFrom("a", " ", ":", ";", "?", "!", '"', "«", "»", "'", "1", "(", ")", "https://x", "\n", NBSP, NNBSP);
    fc.assert(
      fc.property(fc.string({ unit: sign, maxLength: 40 }), (text) => {
        const once = frenchTypography(text);
        expect(frenchTypography(once)).toBe(once);
      }),
    );
  });
});

describe("text for documents", () => {
  it("removes the characters XML cannot carry, and keeps tab, line ends and emoji", () => {
    expect(stripInvalidXmlChars("a\u0000b\u0001\u0008\u000B\u000C\u000E\u001Fc\uFFFE\uFFFFd")).toBe("abcd");
    expect(stripInvalidXmlChars("tab\tLF\nCR\r😀 é")).toBe("tab\tLF\nCR\r😀 é");
    expect(stripInvalidXmlChars("lone \uD800 high, lone \uDC00 low")).toBe("lone  high, lone  low");
  });

  it("cleans then typesets", () => {
    expect(documentText("Note\u0007 : <b>&</b>")).toBe(`Note${NBSP}: <b>&</b>`);
  });
});

describe("dates and times as in a French letter", () => {
  it("writes days out", () => {
    expect(formatLongDay("2021-03-25")).toBe("jeudi 25 mars 2021");
    expect(formatLongDay("2021-04-01")).toBe("jeudi 1er avril 2021");
    expect(formatLongDay("2021-12-31")).toBe("vendredi 31 décembre 2021");
    expect(formatDay("2021-03-26")).toBe("26 mars 2021");
    expect(formatDay("2021-08-01")).toBe("1er août 2021");
    expect(formatDay("2021-01-11")).toBe("11 janvier 2021");
  });

  it.each([
    ["14:00", `14${NBSP}h`],
    ["16:30", `16${NBSP}h${NBSP}30`],
    ["09:05", `9${NBSP}h${NBSP}05`],
    ["00:00", `0${NBSP}h`],
    ["", ""],
    ["midi", "midi"],
  ])("writes %j as %j", (time, expected) => {
    expect(formatTime(time)).toBe(expected);
  });
});
