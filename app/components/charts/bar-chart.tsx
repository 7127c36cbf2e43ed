// The bar chart of the pages and of the Word reports (templates/chart-svg.ts, decision 029).
import { createElement, type ReactElement } from "react";
import { barChartDrawing, type SvgNode } from "../../../templates/chart-svg";
import type { BarChartModel } from "../../../templates/report-models";
import { COLORS } from "./parts";

/**
 * A grouped bar chart as the Word reports draw it (templates/chart-svg.ts): one drawing for the
 * page and the document. `color`: the office's colour, as six hex digits.
 */
export function BarChart({ chart, color = BRAND }: { chart: BarChartModel; color?: string }) {
  const drawing = barChartDrawing(chart, color);
  // The page sizes the drawing to its column (.chart svg): only its view box stays.
  const { width: _width, height: _height, ...attrs } = drawing.attrs;
  return (
    <figure className="chart">
      <SvgTree node={{ ...drawing, attrs }} />
      <figcaption>{chart.title}</figcaption>
    </figure>
  );
}

const BRAND = COLORS[0]!.slice(1);

/** React attribute names of SVG attributes ("font-size" → fontSize); aria-* stay as they are. */
const reactName = (name: string) => (name.startsWith("aria-") ? name : name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));

function SvgTree({ node }: { node: SvgNode }): ReactElement {
  const props = Object.fromEntries(Object.entries(node.attrs).map(([name, value]) => [reactName(name), value]));
  return createElement(node.tag, props, ...(node.children ?? []).map((child) => (typeof child === "string" ? child : <SvgTree node={child} />)));
}
