// How indicators, the office's seasons and the figures entered are named on screen.
import { defineAggregate } from "../descriptor";
import { AGGREGATION_LABELS, BREAKDOWN_LABELS, CATEGORY_LABELS, monthName } from "./rules";

const MONTH_WORDS = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(i + 1), monthName(i + 1)]));

export const indicatorAggregate = defineAggregate({
  type: "indicator",
  table: "indicators",
  unrecorded: ["office_id", "position"],
  noun: "Indicateur",
  named: (name) => `Indicateur « ${name} »`,
  fields: {
    code: { label: "Code" },
    name: { label: "Nom" },
    unit: { label: "Unité" },
    category: { label: "Catégorie", values: CATEGORY_LABELS },
    aggregation: { label: "Cumul des mois", values: AGGREGATION_LABELS },
    breakdown: { label: "Détail", values: BREAKDOWN_LABELS },
    items: { label: "Éléments du détail" },
    formula: { label: "Formule" },
    decimals: { label: "Décimales", kind: "number" },
    description: { label: "Description" },
    standard_code: { label: "Jeu standard" },
  },
  names: { table: "indicators", column: "name" },
  url: (id) => `/indicateurs/${id}`,
});

export const indicatorSeasonAggregate = defineAggregate({
  type: "indicator_season",
  table: "indicator_seasons",
  unrecorded: ["office_id", "name_key"],
  noun: "Saison",
  named: (name) => `Saison « ${name} »`,
  fields: {
    name: { label: "Nom" },
    start_month: { label: "Premier mois", values: MONTH_WORDS },
    end_month: { label: "Dernier mois", values: MONTH_WORDS },
  },
  names: { table: "indicator_seasons", column: "name" },
  url: () => "/indicateurs",
});

export const indicatorValueAggregate = defineAggregate({
  type: "indicator_value",
  table: "indicator_values",
  unrecorded: ["office_id", "indicator_id"],
  noun: "Chiffre d'indicateur",
  named: (name) => `Chiffre « ${name} »`,
  fields: {
    period: { label: "Période" },
    item: { label: "Détail" },
    value: { label: "Valeur", kind: "number" },
    missing_reason: { label: "Raison du chiffre manquant" },
    note: { label: "Note" },
  },
  names: { table: "indicator_values as v", column: "i.name", idColumn: "v.id", officeColumn: "v.office_id", joins: [["indicators as i", "i.id", "v.indicator_id"]] },
});
