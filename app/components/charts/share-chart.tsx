// The shares of a breakdown (origin, sites…) (app/components/charts/parts.tsx).
import { COLORS } from "./parts";

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
