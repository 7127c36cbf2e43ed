// The filters of one register (period, site, status, category, late complaints, search), in the
// address: the list and its figures (« Chiffres ») read the same ones, so a selection made on
// one page holds on the other.
import { Link } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { REGISTER_TITLES, STATUSES, STATUS_LABELS, type RegisterKind } from "~/modules/register/rules";
import type { RegisterFilters } from "~/modules/register/schema";

/** How many filters are set, for the summary line of the folded form. */
export function activeFilterCount(filters: Omit<RegisterFilters, "page">): number {
  return [filters.from, filters.to, filters.siteId || filters.wholeOffice || null, filters.status, filters.category, filters.late || null, filters.q].filter(Boolean).length;
}

export function RegisterFilterForm({
  kind,
  filters,
  sites,
  categories,
  clearTo,
  keep = {},
}: {
  kind: RegisterKind;
  filters: Omit<RegisterFilters, "page">;
  sites: Array<{ id: number; name: string }>;
  categories: string[];
  /** where « Effacer les filtres » leads: the same page without filters */
  clearTo: string;
  /** other parameters of the page kept when filtering (the year compared on the figures) */
  keep?: Record<string, string>;
}) {
  const active = activeFilterCount(filters);
  return (
    <details className="card card--wide" open={active > 0}>
      <summary>Filtrer et rechercher{active > 0 ? ` (${active} filtre${active > 1 ? "s" : ""} actif${active > 1 ? "s" : ""})` : ""}</summary>
      <Form method="get" aria-label={`Filtrer le registre ${REGISTER_TITLES[kind]}`} className="form">
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="filters">
          <div className="field">
            <label htmlFor="f-q">Rechercher</label>
            <input id="f-q" type="search" name="q" defaultValue={filters.q} placeholder="Mot de l'objet, de la description…" />
          </div>
          <div className="field">
            <label htmlFor="f-du">Du</label>
            <input id="f-du" type="date" name="du" defaultValue={filters.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="f-au">Au</label>
            <input id="f-au" type="date" name="au" defaultValue={filters.to ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="f-bureau">Bureau</label>
            <select id="f-bureau" name="bureau" defaultValue={filters.wholeOffice ? "office" : (filters.siteId ?? "")}>
              <option value="">Tous</option>
              <option value="office">Tout l'office (sans bureau)</option>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-statut">{kind === "suggestion" ? "Décision" : "Statut"}</label>
            <select id="f-statut" name="statut" defaultValue={filters.status ?? ""}>
              <option value="">Tous</option>
              {STATUSES[kind].map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-categorie">Catégorie</label>
            <select id="f-categorie" name="categorie" defaultValue={filters.category}>
              <option value="">Toutes</option>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
        </div>
        {kind === "complaint" ? (
          <div className="checks">
            <label>
              <input type="checkbox" name="en-retard" value="1" defaultChecked={filters.late} /> En retard seulement
            </label>
          </div>
        ) : null}
        <div className="inline-form">
          <button type="submit" className="button button--primary button--small">
            Filtrer
          </button>
          <Link to={clearTo}>Effacer les filtres</Link>
        </div>
      </Form>
    </details>
  );
}
