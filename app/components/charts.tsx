// Small SVG charts with no dependency. Each chart is an image with a text alternative; the
// page always shows the same figures in a table next to it. The bar chart is the Word reports'
// own drawing (templates/chart-svg.ts); the audits' bars and lines and the shares of a
// breakdown are drawn for the page only.
import { createElement, type ReactElement } from "react";
import { barChartDrawing, type SvgNode } from "../../templates/chart-svg";
import type { BarChartModel } from "../../templates/report-models";

const COLORS = ["#0b5e55", "#b4530a", "#1d4ed8", "#7c3aed"];

export function GroupedBarChart({
  title,
  groups,
  series,
  threshold,
}: {
  title: string;
  groups: Array<{ label: string; values: Array<number | null> }>;
  series: string[];
  threshold?: number;
}) {
  const width = 640;
  // Each label sits above its bars, on as many lines as it needs: never cut, never clipped.
  const left = 8;
  const lineHeight = 15;
  const wrapped = groups.map((g) => wrapLabel(g.label, 88));
  const barsHeight = 18 * series.length;
  const rowHeights = wrapped.map((lines) => lines.length * lineHeight + barsHeight + 14);
  const tops = rowHeights.map((_, i) => rowHeights.slice(0, i).reduce((a, b) => a + b, 0));
  const height = rowHeights.reduce((a, b) => a + b, 0) + 30;
  const x = (v: number) => left + (Math.min(v, 110) / 110) * (width - left - 50);
  const summary = groups
    .map((g) => `${g.label} : ${g.values.map((v, i) => `${series[i]} ${v === null ? "sans taux" : `${v.toLocaleString("fr-FR")} %`}`).join(", ")}`)
    .join(" ; ");
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${summary}`}>
        {[0, 25, 50, 75, 100].map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={0} y2={height - 20} stroke="#d5dbe3" />
            <text x={x(t)} y={height - 5} fontSize="11" textAnchor={t === 0 ? "start" : "middle"} fill="#4f5b69">
              {t} %
            </text>
          </g>
        ))}
        {threshold !== undefined ? <line x1={x(threshold)} x2={x(threshold)} y1={0} y2={height - 20} stroke="#a4161a" strokeDasharray="4 3" /> : null}
        {groups.map((g, gi) => {
          const lines = wrapped[gi]!;
          const barsTop = lines.length * lineHeight + 4;
          return (
            <g key={g.label} transform={`translate(0, ${tops[gi]! + 6})`}>
              <text x={left} y={lineHeight - 3} fontSize="12" fill="#1c2430">
                {lines.map((line, li) => (
                  <tspan key={li} x={left} dy={li === 0 ? 0 : lineHeight}>
                    {line}
                  </tspan>
                ))}
              </text>
              {g.values.map((v, si) => (
                <g key={si}>
                  <rect x={left} y={barsTop + si * 18} width={v === null ? 0 : x(v) - left} height={14} fill={COLORS[si % COLORS.length]} rx={2} />
                  <text x={v === null ? left + 4 : x(v) + 4} y={barsTop + si * 18 + 11} fontSize="11" fill="#1c2430">
                    {v === null ? "—" : `${v.toLocaleString("fr-FR")} %`}
                  </text>
                </g>
              ))}
            </g>
          );
        })}
      </svg>
      <Caption title={title} series={series} threshold={threshold} />
    </figure>
  );
}

export function LineChart({
  title,
  points,
  series,
}: {
  title: string;
  /** one point per audit: its label on the axis and a value per series */
  points: Array<{ label: string; values: Array<number | null> }>;
  series: string[];
}) {
  const width = 640;
  const height = 240;
  const pad = { left: 60, right: 60, top: 12, bottom: 48 };
  const x = (i: number) => pad.left + (points.length === 1 ? (width - pad.left - pad.right) / 2 : (i / (points.length - 1)) * (width - pad.left - pad.right));
  const y = (v: number) => pad.top + (1 - Math.min(v, 110) / 110) * (height - pad.top - pad.bottom);
  const summary = points.map((p) => `${p.label} : ${p.values.map((v, i) => `${series[i]} ${v === null ? "—" : `${v.toLocaleString("fr-FR")} %`}`).join(", ")}`).join(" ; ");
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${summary}`}>
        {[0, 25, 50, 75, 100].map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} stroke="#d5dbe3" />
            <text x={pad.left - 6} y={y(t) + 4} fontSize="11" textAnchor="end" fill="#4f5b69">
              {t} %
            </text>
          </g>
        ))}
        {points.map((p, i) => (
          <text key={i} x={x(i)} y={height - pad.bottom + 16} fontSize="11" textAnchor="middle" fill="#4f5b69">
            {p.label}
          </text>
        ))}
        {series.map((s, si) => {
          const coords = points.flatMap((p, i) => (p.values[si] === null || p.values[si] === undefined ? [] : [[x(i), y(p.values[si] as number)] as const]));
          return (
            <g key={s}>
              <polyline points={coords.map(([cx, cy]) => `${cx},${cy}`).join(" ")} fill="none" stroke={COLORS[si % COLORS.length]} strokeWidth={2} />
              {coords.map(([cx, cy], i) => (
                <circle key={i} cx={cx} cy={cy} r={4} fill={COLORS[si % COLORS.length]} />
              ))}
            </g>
          );
        })}
      </svg>
      <Caption title={title} series={series} />
    </figure>
  );
}

function Caption({ title, series, threshold }: { title: string; series: string[]; threshold?: number }) {
  return (
    <figcaption>
      {title}
      <span className="legend">
        {series.map((s, i) => (
          <span key={s}>
            <span className="legend__swatch" style={{ background: COLORS[i % COLORS.length] }} aria-hidden="true" /> {s}
          </span>
        ))}
        {threshold !== undefined ? <span>— — seuil {threshold} %</span> : null}
      </span>
    </figcaption>
  );
}

/** A label cut into lines of at most `max` characters, at spaces (a longer word keeps its line). */
export function wrapLabel(label: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

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

/** Horizontal bars of the items of a breakdown with their share of the total (origin, sites…). */
export function ShareChart({ title, items }: { title: string; items: Array<{ label: string; value: number | null; text: string; share: number | null }> }) {
  const width = 640;
  const rowHeight = 26;
  const left = 230;
  const height = items.length * rowHeight + 12;
  const max = Math.max(1, ...items.map((i) => i.value ?? 0));
  const x = (v: number) => left + (v / max) * (width - left - 130);
  const shareText = (s: number | null) => (s === null ? "" : ` (${s.toLocaleString("fr-FR", { maximumFractionDigits: 1 })} %)`);
  const summary = items.map((i) => `${i.label} : ${i.value === null ? "—" : i.text}${shareText(i.share)}`).join(" ; ");
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${summary}`} fontFamily="DejaVu Sans, Arial, sans-serif">
        {items.map((item, i) => (
          <g key={item.label} transform={`translate(0, ${i * rowHeight + 6})`}>
            <text x={left - 8} y={14} fontSize="12" textAnchor="end" fill="#1c2430">
              {item.label.length > 34 ? `${item.label.slice(0, 33)}…` : item.label}
            </text>
            <rect x={left} y={2} width={item.value === null ? 0 : Math.max(x(Math.max(item.value, 0)) - left, 1)} height={16} fill={COLORS[2]} rx={2} />
            <text x={item.value === null ? left + 4 : x(Math.max(item.value, 0)) + 6} y={14} fontSize="11" fill="#1c2430">
              {item.value === null ? "—" : `${item.text}${shareText(item.share)}`}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

/**
 * Horizontal bars drawn in HTML rather than SVG, for percentages read on a phone as well as on a
 * screen: the labels and figures keep the page's type size whatever the width. One image for
 * assistive technologies (its text alternative gives every figure); the page shows the same
 * figures in a table beside it.
 */
export function HorizontalBars({ title, groups, series }: { title: string; groups: Array<{ label: string; values: Array<number | null> }>; series: string[] }) {
  const figure = (v: number | null) => (v === null ? "—" : `${v.toLocaleString("fr-FR")} %`);
  const summary = groups.map((g) => `${g.label} : ${g.values.map((v, i) => `${series[i]} ${v === null ? "sans réponse" : figure(v)}`).join(", ")}`).join(" ; ");
  return (
    <figure className="chart hbars">
      <div role="img" aria-label={`${title}. ${summary}`}>
        {groups.map((g, gi) => (
          <div key={gi} className="hbars__group" aria-hidden="true">
            <p className="hbars__label">{g.label}</p>
            {g.values.map((v, si) => (
              <div key={si} className="hbars__row">
                <span className="hbars__track">
                  <span className="hbars__bar" style={{ width: `${Math.max(0, Math.min(100, v ?? 0))}%`, background: COLORS[si % COLORS.length] }} />
                </span>
                <span className="hbars__value">{figure(v)}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
      <Caption title={title} series={series} />
    </figure>
  );
}
