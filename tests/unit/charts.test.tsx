import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { GroupedBarChart, wrapLabel } from "~/components/charts";

describe("chart labels", () => {
  it("wrap at spaces, never cut a word or drop a letter", () => {
    const label = "Cheminement et circulation intérieure des visiteurs en situation de handicap, signalétique et repères";
    const lines = wrapLabel(label, 40);
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines.join(" ")).toBe(label);
    expect(wrapLabel("Court", 40)).toEqual(["Court"]);
    expect(wrapLabel("", 40)).toEqual([""]);
  });

  it("show every chapter name whole, starting inside the drawing", () => {
    const long = "Cheminement et circulation intérieure jusqu'aux espaces d'accueil et de documentation des bureaux d'information";
    const markup = renderToStaticMarkup(<GroupedBarChart title="Taux par chapitre" series={["Taux"]} groups={[{ label: long, values: [72.5] }, { label: "Accueil", values: [null] }]} />);
    const shown = [...markup.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!.replace(/&#x27;/g, "'"));
    expect(shown.slice(0, -1).join(" ")).toBe(long);
    expect(shown.at(-1)).toBe("Accueil");
    expect(markup).not.toContain("…");
    // Labels start at the left edge and grow to the right: none is anchored at its end.
    expect(markup).not.toMatch(/<text[^>]*text-anchor="end"/);
  });
});
