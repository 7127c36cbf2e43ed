// Bar charts for the Word reports, drawn as SVG and rasterised to PNG by resvg (Word has no
// SVG in older versions, LibreOffice draws PNG everywhere). resvg draws text only with the
// fonts it is given: DejaVu Sans where it is installed (Debian's fonts-dejavu-core), else the
// system's fonts. The figures always appear again in a table beside the image.
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import type { BarChartModel } from "./report-models";
import { stripInvalidXmlChars } from "./typography";

const FONT_FILES = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"].filter((file) => existsSync(file));
const FONT_FAMILY = "DejaVu Sans";

/** Colours of the series, after the office's colour: readable on white and in grey print. */
const SERIES_COLORS = ["#4F5B69", "#C27C0E", "#7A4FA0", "#2E7DAF"];

const WIDTH = 1200;
const BAR_AREA_TOP = 70;
const LABEL_SPACE = 90;

export interface ChartImage {
  png: Buffer;
  /** Pixel size of the PNG, whose ratio the document keeps. */
  width: number;
  height: number;
}

export function renderBarChart(chart: BarChartModel, color: string): ChartImage {
  const svg = barChartSvg(chart, color);
  const resvg = new Resvg(svg, {
    background: "#ffffff",
    // 900 pixels across a 17 cm column: sharp on paper, and half the pixels of the drawing's size to encode.
    fitTo: { mode: "width", value: 900 },
    font: FONT_FILES.length > 0 ? { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY } : { loadSystemFonts: true },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** The SVG of a grouped bar chart (exported for the unit test of its layout). */
export function barChartSvg(chart: BarChartModel, color: string): string {
  const categories = chart.categories.length > 0 ? chart.categories : [{ label: "—", values: chart.series.map(() => null) }];
  const values = categories.flatMap((c) => c.values).filter((v): v is number => v !== null);
  const top = chart.max ?? niceMax(Math.max(1, ...values, chart.threshold?.value ?? 0));
  const height = BAR_AREA_TOP + 320 + LABEL_SPACE;
  const left = 90;
  const right = WIDTH - 30;
  const bottom = BAR_AREA_TOP + 320;
  const scale = (v: number) => bottom - (Math.min(v, top) / top) * (bottom - BAR_AREA_TOP);
  const colors = [`#${color}`, ...SERIES_COLORS];
  const groupWidth = (right - left) / categories.length;
  const barWidth = Math.min(90, (groupWidth * 0.7) / Math.max(1, chart.series.length));
  const parts: string[] = [];
  // Axis and grid lines at quarters.
  for (let i = 0; i <= 4; i += 1) {
    const value = (top * i) / 4;
    const y = scale(value);
    parts.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#D5DBE1" stroke-width="${i === 0 ? 2 : 1}"/>`);
    parts.push(`<text x="${left - 10}" y="${y + 7}" font-size="24" text-anchor="end" fill="#4F5B69">${formatValue(value, chart.unit)}</text>`);
  }
  categories.forEach((category, ci) => {
    const groupLeft = left + ci * groupWidth + (groupWidth - barWidth * chart.series.length) / 2;
    category.values.forEach((value, si) => {
      const x = groupLeft + si * barWidth;
      if (value === null) {
        parts.push(`<text x="${x + barWidth / 2}" y="${bottom - 8}" font-size="22" text-anchor="middle" fill="#4F5B69">n.m.</text>`);
        return;
      }
      const y = scale(value);
      parts.push(`<rect x="${x + 3}" y="${y}" width="${barWidth - 6}" height="${Math.max(0, bottom - y)}" fill="${colors[si % colors.length]}"/>`);
      parts.push(`<text x="${x + barWidth / 2}" y="${y - 8}" font-size="24" font-weight="bold" text-anchor="middle" fill="#1C2430">${formatValue(value, chart.unit)}</text>`);
    });
    for (const [li, line] of wrap(category.label, Math.max(8, Math.floor(groupWidth / 14))).slice(0, 3).entries()) {
      parts.push(`<text x="${left + ci * groupWidth + groupWidth / 2}" y="${bottom + 34 + li * 28}" font-size="24" text-anchor="middle" fill="#1C2430">${escapeXml(line)}</text>`);
    }
  });
  if (chart.threshold) {
    const y = scale(chart.threshold.value);
    parts.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#A4161A" stroke-width="3" stroke-dasharray="12 8"/>`);
    // Its name goes in the legend's line, where no bar can hide it.
    const sample = right - chart.threshold.label.length * 14 - 60;
    parts.push(`<line x1="${sample}" y1="27" x2="${sample + 44}" y2="27" stroke="#A4161A" stroke-width="3" stroke-dasharray="12 8"/>`);
    parts.push(`<text x="${right}" y="36" font-size="24" text-anchor="end" fill="#A4161A">${escapeXml(chart.threshold.label)}</text>`);
  }
  // Legend along the top.
  let legendX = left;
  chart.series.forEach((name, si) => {
    parts.push(`<rect x="${legendX}" y="14" width="26" height="26" fill="${colors[si % colors.length]}"/>`);
    parts.push(`<text x="${legendX + 34}" y="36" font-size="25" fill="#1C2430">${escapeXml(name)}</text>`);
    legendX += 70 + name.length * 14;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT_FAMILY}">${parts.join("")}</svg>`;
}

function niceMax(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const steps = [1, 2, 4, 5, 10];
  const step = steps.find((s) => s * magnitude >= value) ?? 10;
  return step * magnitude;
}

function formatValue(value: number, unit: "%" | ""): string {
  const text = (Math.round(value * 10) / 10).toLocaleString("fr-FR");
  return unit === "%" ? `${text} %` : text;
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
