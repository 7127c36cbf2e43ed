import { Link } from "@remix-run/react";
import type { Progress } from "~/modules/action/rules";
import { ProgressBar } from "./progress-bar";

export function SiteProgress({ siteProgress }: { siteProgress: Array<{ id: number | null; name: string; progress: Progress }> }) {
  if (siteProgress.length === 0) return <p className="muted">Aucune action.</p>;
  return (
    <div className="site-progress">
      {siteProgress.map((s) => (
        <div key={s.id ?? "office"}>
          <p className="small">{s.id ? <Link to={`/plan-d-actions?bureau=${s.id}`}>{s.name}</Link> : s.name}</p>
          <ProgressBar progress={s.progress} label={`Avancement des actions : ${s.name}`} />
        </div>
      ))}
    </div>
  );
}
