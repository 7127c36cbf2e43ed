// Bar charts for the Word reports: the drawing the pages show (chart-svg.ts), rasterised to PNG
// by resvg (Word has no SVG in older versions, LibreOffice draws PNG everywhere). resvg draws
// text only with the fonts it is given: DejaVu Sans where it is installed (Debian's
// fonts-dejavu-core), else the system's fonts. The figures always appear again in a table.
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { barChartDrawing, CHART_FONT, svgString } from "./chart-svg";
import type { BarChartModel } from "./report-models";

const FONT_FILES = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"].filter((file) => existsSync(file));

export interface ChartImage {
  png: Buffer;
  /** Pixel size of the PNG, whose ratio the document keeps. */
  width: number;
  height: number;
}

export function renderBarChart(chart: BarChartModel, color: string): ChartImage {
  const resvg = new Resvg(barChartSvg(chart, color), {
    background: "#ffffff",
    // 900 pixels across a 17 cm column: sharp on paper, and half the pixels of the drawing's size to encode.
    fitTo: { mode: "width", value: 900 },
    font: FONT_FILES.length > 0 ? { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: CHART_FONT } : { loadSystemFonts: true },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** The SVG document of a grouped bar chart, as the pages draw it. */
export function barChartSvg(chart: BarChartModel, color: string): string {
  return svgString(barChartDrawing(chart, color));
}
