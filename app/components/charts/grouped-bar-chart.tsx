// The audits' rates by chapter or pillar, one bar per series (app/components/charts/parts.tsx).
import { Caption, COLORS } from "./parts";

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
