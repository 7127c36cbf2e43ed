import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "~/components/charts/bar-chart";
import { GroupedBarChart, wrapLabel } from "~/components/charts/grouped-bar-chart";
import { barChartSvg } from "../../templates/chart";
import { barChartDrawing, svgString, type SvgNode } from "../../templates/chart-svg";
import type { BarChartModel } from "../../templates/report-models";

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

describe("the bar chart of the pages and of the Word reports", () => {
  const chart: BarChartModel = {
    title: "Personnes renseignées — saison d'été, d'une année à l'autre",
    unit: "",
    series: ["Personnes renseignées"],
    categories: [
      { label: "2019", values: [4922], texts: ["4 922"] },
      { label: "2020", values: [5698], texts: ["5 698"], emphasis: true },
      { label: "2021", values: [null], texts: ["manquant"] },
    ],
  };

  it("is one drawing: the page draws the elements and texts the document's SVG has", () => {
    const page = renderToStaticMarkup(<BarChart chart={chart} color="0B5E55" />);
    const word = barChartSvg(chart, "0B5E55");
    const texts = (markup: string) => [...markup.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    const shapes = (markup: string) => [...markup.matchAll(/<(rect|line)\b/g)].length;
    expect(texts(page)).toEqual(texts(word));
    expect(shapes(page)).toBe(shapes(word));
    expect(texts(word)).toEqual(expect.arrayContaining(["4 922", "5 698", "manquant", "2020"]));
    // The page's drawing fits its column; the document's has its pixel size.
    expect(page).not.toMatch(/<svg[^>]* width=/);
    expect(word).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1200"/);
  });

  it("gives every figure to those who do not see it, and marks the year asked for", () => {
    const drawing = barChartDrawing(chart, "0B5E55");
    expect(drawing.attrs["aria-label"]).toBe("Personnes renseignées — saison d'été, d'une année à l'autre. 2019 : 4 922 ; 2020 : 5 698 ; 2021 : manquant");
    const labels = (drawing.children ?? []).filter((c): c is SvgNode => typeof c !== "string" && c.tag === "text" && c.children?.[0] === "2020");
    expect(labels.map((l) => l.attrs["font-weight"])).toEqual(["bold"]);
  });

  it("leaves room for long axis figures and shrinks values that would not fit over their bars", () => {
    const big: BarChartModel = { title: "Vues", unit: "", series: ["Vues"], categories: Array.from({ length: 8 }, (_, i) => ({ label: String(2019 + i), values: [1_087_638 + i] })) };
    const nodes = (barChartDrawing(big, "0B5E55").children ?? []).filter((c): c is SvgNode => typeof c !== "string");
    const axis = nodes.filter((n) => n.tag === "text" && n.attrs["text-anchor"] === "end");
    // "2 000 000" at 24 pixels needs about 134 pixels left of the axis.
    expect(axis.every((n) => Number(n.attrs.x) - 9 * 24 * 0.62 >= 0)).toBe(true);
    const values = nodes.filter((n) => n.tag === "text" && n.attrs["font-weight"] === "bold");
    expect(values).toHaveLength(8);
    expect(Number(values[0]!.attrs["font-size"])).toBeLessThan(24);
  });

  it("escapes what a user typed", () => {
    const svg = svgString(barChartDrawing({ ...chart, series: ['<script>"x"</script>'] }, "0B5E55"));
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;&quot;x&quot;&lt;/script&gt;");
  });
});
