// The quality-document header of a procedure sheet's version on its page, as the Word document
// shows it: date of update, référent qualité, follow-up, people concerned.
import { formatDay } from "~/domain/dates";

interface HeaderVersion {
  status: "draft" | "published";
  updatedOn: string;
  referentName: string;
  followUpName: string;
  concernedText: string;
}

/** A published version leaves out what was never filled in; a draft shows it as missing. */
export function SheetHeader({ version }: { version: HeaderVersion }) {
  const concerned = version.concernedText;
  return (
    <section className="quality-header" aria-label="En-tête du document qualité">
      <dl>
        <dt>Date d'actualisation</dt>
        <dd>{formatDay(version.updatedOn)}</dd>
        {(
          [
            ["Référent qualité", version.referentName],
            ["Responsable suivi fiche", version.followUpName],
            ["Personnes concernées", concerned],
          ] as const
        ).map(([label, value]) =>
          value.trim() !== "" || version.status === "draft" ? (
            <div key={label} className="facts__row">
              <dt>{label}</dt>
              <dd>{value.trim() || "—"}</dd>
            </div>
          ) : null,
        )}
      </dl>
    </section>
  );
}

