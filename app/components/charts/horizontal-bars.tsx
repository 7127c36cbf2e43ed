// The questionnaires' percentages, in HTML (app/components/charts/parts.tsx, decision 037).
import { Caption, COLORS } from "./parts";

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
