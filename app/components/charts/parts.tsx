// Small SVG charts with no dependency. Each chart is an image with a text alternative; the
// page always shows the same figures in a table next to it. The bar chart is the Word reports'
// own drawing (templates/chart-svg.ts); the audits' bars and lines and the shares of a
// breakdown are drawn for the page only. One file per chart, so that a page downloads only the
// charts it draws (decision 051); this one holds what they share.

export const COLORS = ["#0b5e55", "#b4530a", "#1d4ed8", "#7c3aed"];

export function Caption({ title, series, threshold }: { title: string; series: string[]; threshold?: number }) {
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
