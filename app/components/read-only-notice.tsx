// The one sentence at the top of a page that a role may read but not change: why the forms are
// absent, and who can change it.
export function ReadOnlyNotice({ children }: { children: string }) {
  return <p className="notice notice--read-only">{children}</p>;
}

/** Who edits audits, labels and grids (the `audits:edit` permission). */
export const AUDITS_EDITORS = "la référente qualité ou l'administrateur";
