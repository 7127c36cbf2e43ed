// How a label held by the office is named on screen.
import { LABEL_STATUS_LABELS } from "../audit/rules";
import { defineAggregate } from "../descriptor";

export const labelAggregate = defineAggregate({
  type: "label",
  table: "labels",
  noun: "Label",
  named: (name) => `Label « ${name} »`,
  fields: {
    name: { label: "Nom" },
    referential_code: { label: "Référentiel" },
    referential_id: { label: "Version du référentiel", kind: "reference" },
    status: { label: "État", values: LABEL_STATUS_LABELS },
    granted_on: { label: "Obtenu le", kind: "day" },
    valid_until: { label: "Valable jusqu'au", kind: "day" },
    next_audit_due: { label: "Prochain audit", kind: "day" },
    notes: { label: "Notes" },
  },
  names: { table: "labels", column: "name" },
  url: (id) => `/audits/labels/${id}`,
});
