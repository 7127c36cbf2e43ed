// The one drawing of our bar charts, as a small tree of SVG elements with no React and no Node:
// the pages draw the tree with React (app/components/charts/bar-chart.tsx), the Word reports write it out
// as SVG and rasterise it to PNG (chart.ts). Same bars, labels and legend on screen and on paper
// (decisions 029 and 032); the figures are always given again in a table beside the chart.
import type { BarChartModel } from "./report-models";
import { stripInvalidXmlChars } from "./typography";

export interface SvgNode {
  tag: "svg" | "g" | "rect" | "line" | "text";
  attrs: Record<string, string | number>;
  children?: Array<SvgNode | string>;
}

export const CHART_FONT = "DejaVu Sans";

/** Colours of the series after the office's colour: readable on white and in grey print. */
const SERIES_COLORS = ["#4F5B69", "#C27C0E", "#7A4FA0", "#2E7DAF"];

const WIDTH = 1200;
const BAR_AREA_TOP = 70;
const BAR_AREA_HEIGHT = 320;
const LABEL_SPACE = 90;
const RIGHT = WIDTH - 30;
/** Width of a character at font size 1, about right for DejaVu Sans digits and lower case. */
const CHAR_WIDTH = 0.62;

const el = (tag: SvgNode["tag"], attrs: SvgNode["attrs"], ...children: Array<SvgNode | string>): SvgNode => ({ tag, attrs, children });

/** How a value is written above its bar (or in place of a missing one) when the model gives no text. */
export function chartValueText(value: number | null, unit: "%" | ""): string {
  if (value === null) return "n.m.";
  const text = (Math.round(value * 10) / 10).toLocaleString("fr-FR").replace(/[\u202f\u00a0]/g, " ");
  return unit === "%" ? `${text} %` : text;
}

/** A sentence giving every figure of the chart, for those who do not see it. */
export function chartSummary(chart: BarChartModel): string {
  const figures = chart.categories.map((c) => {
    const texts = c.values.map((v, i) => c.texts?.[i] ?? (v === null ? "—" : chartValueText(v, chart.unit)));
    return `${c.label} : ${chart.series.length === 1 ? texts[0] : texts.map((t, i) => `${chart.series[i]} ${t}`).join(", ")}`;
  });
  return `${chart.title}. ${figures.join(" ; ")}`;
}

/** A grouped bar chart: axis at quarters (whole steps for counts), values above the bars, a legend, an optional dashed threshold. */
export function barChartDrawing(chart: BarChartModel, color: string): SvgNode {
  const categories = chart.categories.length > 0 ? chart.categories : [{ label: "—", values: chart.series.map(() => null) }];
  const values = categories.flatMap((c) => c.values).filter((v): v is number => v !== null);
  const top = chart.max ?? niceMax(Math.max(1, ...values, chart.threshold?.value ?? 0));
  const bottom = BAR_AREA_TOP + BAR_AREA_HEIGHT;
  const height = bottom + LABEL_SPACE;
  // Counts keep whole numbers on their axis (0, 1, 2, not 0,25 and 0,5): as many steps as divide
  // the top evenly, four when they can.
  const counts = chart.unit === "" && values.every((v) => Number.isInteger(v));
  const divisions = counts ? ([4, 5, 2, 1].find((d) => Number.isInteger(top / d)) ?? 4) : 4;
  const ticks = Array.from({ length: divisions + 1 }, (_, i) => (top * i) / divisions);
  // The axis' labels ("1 000 000") decide where the bars start.
  const left = Math.max(90, Math.ceil(Math.max(...ticks.map((t) => chartValueText(t, chart.unit).length)) * 24 * CHAR_WIDTH) + 20);
  const scale = (v: number) => bottom - (Math.min(Math.max(v, 0), top) / top) * (bottom - BAR_AREA_TOP);
  const colors = [`#${color}`, ...SERIES_COLORS];
  const groupWidth = (RIGHT - left) / categories.length;
  const barWidth = Math.min(90, (groupWidth * 0.7) / Math.max(1, chart.series.length));
  const parts: SvgNode[] = [];
  for (const [i, value] of ticks.entries()) {
    const y = scale(value);
    parts.push(el("line", { x1: left, y1: y, x2: RIGHT, y2: y, stroke: "#D5DBE1", "stroke-width": i === 0 ? 2 : 1 }));
    parts.push(el("text", { x: left - 10, y: y + 7, "font-size": 24, "text-anchor": "end", fill: "#4F5B69" }, chartValueText(value, chart.unit)));
  }
  // Values above their bars, smaller where many bars share the width ("1 087 638" over eight years).
  const texts = categories.map((c) => c.values.map((v, i) => c.texts?.[i] ?? chartValueText(v, chart.unit)));
  const longest = Math.max(1, ...texts.flat().map((t) => t.length));
  const valueSize = Math.max(14, Math.min(24, Math.floor(Math.min(groupWidth / chart.series.length, barWidth + 24) / (longest * CHAR_WIDTH))));
  categories.forEach((category, ci) => {
    const groupLeft = left + ci * groupWidth + (groupWidth - barWidth * chart.series.length) / 2;
    category.values.forEach((value, si) => {
      const x = groupLeft + si * barWidth;
      const text = texts[ci]![si]!;
      if (value === null) {
        parts.push(el("text", { x: x + barWidth / 2, y: bottom - 8, "font-size": Math.min(22, valueSize), "text-anchor": "middle", fill: "#4F5B69" }, text));
        return;
      }
      const y = scale(value);
      parts.push(el("rect", { x: x + 3, y, width: Math.max(1, barWidth - 6), height: Math.max(0, bottom - y), fill: colors[si % colors.length]! }));
      parts.push(el("text", { x: x + barWidth / 2, y: y - 8, "font-size": valueSize, "font-weight": "bold", "text-anchor": "middle", fill: "#1C2430" }, text));
    });
    for (const [li, line] of wrap(category.label, Math.max(8, Math.floor(groupWidth / 14))).slice(0, 3).entries()) {
      parts.push(
        el(
          "text",
          { x: left + ci * groupWidth + groupWidth / 2, y: bottom + 34 + li * 28, "font-size": 24, "text-anchor": "middle", fill: "#1C2430", ...(category.emphasis ? { "font-weight": "bold" } : {}) },
          line,
        ),
      );
    }
  });
  if (chart.threshold) {
    const y = scale(chart.threshold.value);
    parts.push(el("line", { x1: left, y1: y, x2: RIGHT, y2: y, stroke: "#A4161A", "stroke-width": 3, "stroke-dasharray": "12 8" }));
    // Its name goes in the legend's line, where no bar can hide it.
    const sample = RIGHT - chart.threshold.label.length * 14 - 60;
    parts.push(el("line", { x1: sample, y1: 27, x2: sample + 44, y2: 27, stroke: "#A4161A", "stroke-width": 3, "stroke-dasharray": "12 8" }));
    parts.push(el("text", { x: RIGHT, y: 36, "font-size": 24, "text-anchor": "end", fill: "#A4161A" }, chart.threshold.label));
  }
  let legendX = left;
  chart.series.forEach((name, si) => {
    parts.push(el("rect", { x: legendX, y: 14, width: 26, height: 26, fill: colors[si % colors.length]! }));
    parts.push(el("text", { x: legendX + 34, y: 36, "font-size": 25, fill: "#1C2430" }, name));
    legendX += 70 + name.length * 14;
  });
  return el("svg", { width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}`, "font-family": CHART_FONT, role: "img", "aria-label": chartSummary(chart) }, ...parts);
}

/** The drawing as an SVG document (for the renderer of the Word reports). */
export function svgString(node: SvgNode): string {
  const attrs = Object.entries({ ...(node.tag === "svg" ? { xmlns: "http://www.w3.org/2000/svg" } : {}), ...node.attrs })
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join("");
  const children = (node.children ?? []).map((c) => (typeof c === "string" ? escapeXml(c) : svgString(c))).join("");
  return `<${node.tag}${attrs}>${children}</${node.tag}>`;
}

function niceMax(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const steps = [1, 2, 4, 5, 10];
  const step = steps.find((s) => s * magnitude >= value) ?? 10;
  return step * magnitude;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines.map((l) => (l.length > width + 4 ? `${l.slice(0, width + 2)}…` : l));
}

function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c]!);
}
