// The bar chart's axis: rates at quarters of 100 %, counts in whole steps (a register's month
// with one complaint reads 0, 1 on its axis, never 0,3 or 0,8).
import { describe, expect, it } from "vitest";
import { barChartDrawing, type SvgNode } from "../../templates/chart-svg";
import type { BarChartModel } from "../../templates/report-models";

/** The axis' labels, bottom to top: the texts drawn right-aligned left of the bars. */
function axis(chart: BarChartModel): string[] {
  const labels: string[] = [];
  const walk = (node: SvgNode) => {
    if (node.tag === "text" && node.attrs["text-anchor"] === "end") labels.push(String(node.children?.[0]));
    for (const child of node.children ?? []) if (typeof child !== "string") walk(child);
  };
  walk(barChartDrawing(chart, "0B5E55"));
  return labels;
}

const counts = (values: number[]): BarChartModel => ({ title: "Entrées par mois", unit: "", series: ["2021", "2020"], categories: values.map((v, i) => ({ label: `m${i}`, values: [v, 0] })) });

describe("the bar chart's axis", () => {
  it("counts in whole steps", () => {
    expect(axis(counts([1, 0]))).toEqual(["0", "1"]);
    expect(axis(counts([2, 1]))).toEqual(["0", "1", "2"]);
    expect(axis(counts([3]))).toEqual(["0", "1", "2", "3", "4"]);
    expect(axis(counts([5]))).toEqual(["0", "1", "2", "3", "4", "5"]);
    expect(axis(counts([9]))).toEqual(["0", "2", "4", "6", "8", "10"]);
    expect(axis(counts([2678, 2638]))).toEqual(["0", "1 000", "2 000", "3 000", "4 000"]);
  });

  it("keeps quarters for rates and for figures with decimals", () => {
    expect(axis({ title: "Taux", unit: "%", series: ["Taux"], categories: [{ label: "Accueil", values: [82] }], max: 100 })).toEqual(["0 %", "25 %", "50 %", "75 %", "100 %"]);
    expect(axis({ title: "Personnes par contact", unit: "", series: ["2020"], categories: [{ label: "Saison", values: [2.1] }] })).toEqual(["0", "1", "2", "3", "4"]);
    expect(axis({ title: "Personnes par contact", unit: "", series: ["2020"], categories: [{ label: "Saison", values: [4.5] }] })).toEqual(["0", "1,3", "2,5", "3,8", "5"]);
  });
});
