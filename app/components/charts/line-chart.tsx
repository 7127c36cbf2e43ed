// A label's rates audit after audit (app/components/charts/parts.tsx).
import { Caption, COLORS } from "./parts";

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
