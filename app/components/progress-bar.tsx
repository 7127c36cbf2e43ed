import type { Progress } from "~/modules/action/rules";

/** "3 faites, 5 en cours, 2 en retard", with a bar; accessible as a progressbar. */
export function ProgressBar({ progress, label }: { progress: Progress; label: string }) {
  const percent = progress.percent ?? 0;
  return (
    <div className="progress">
      <div className="progress__bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <span style={{ width: `${percent}%` }} />
      </div>
      <p className="small">
        {progress.percent === null ? (progress.abandoned > 0 ? "Rien à faire" : "Aucune action") : `${percent} % réalisé`} — {progress.done} faite{progress.done > 1 ? "s" : ""}, {progress.open} en cours ou à faire
        {progress.overdue > 0 ? <strong className="overdue">, {progress.overdue} en retard</strong> : null}
        {progress.abandoned > 0 ? `, ${progress.abandoned} abandonnée${progress.abandoned > 1 ? "s" : ""}` : null}
      </p>
    </div>
  );
}
