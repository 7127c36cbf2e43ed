// How a référentiel version is named on screen.
import { defineAggregate } from "../descriptor";

export const referentialAggregate = defineAggregate({
  type: "referential",
  table: "referentials",
  unrecorded: ["content", "imported_by_user_id", "imported_at"],
  noun: "Référentiel",
  named: (name) => `Référentiel « ${name} »`,
  fields: {
    code: { label: "Code" },
    label: { label: "Libellé" },
    version: { label: "Version" },
    valid_from: { label: "Applicable à partir du", kind: "day" },
    valid_until: { label: "Applicable jusqu'au", kind: "day" },
    criteria_count: { label: "Nombre de critères", kind: "number" },
    source: { label: "Source" },
  },
  names: { table: "referentials", column: "label" },
  url: (id) => `/referentiels/${id}`,
});
