// Pieces the indicator pages share: the period selector (a plain GET form), a figure with its
// missing reason, a variation with its sign in words for screen readers.
import { Form } from "~/components/once-form";
import { useId } from "react";
import type { FigureCell } from "~/modules/indicator/views";

export function PeriodPicker({
  choices,
  choice,
  year,
  years,
  extra,
}: {
  choices: Array<{ value: string; label: string }>;
  choice: string;
  year: number;
  years: number[];
  /** other parameters of the page to keep (?de=…) */
  extra?: Record<string, string>;
}) {
  const id = useId();
  return (
    <Form
      method="get"
      className="inline-form period-picker"
      aria-label="Période affichée"
    >
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label htmlFor={`${id}-periode`}>Période</label>
      <select id={`${id}-periode`} name="periode" defaultValue={choice}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-annee`}>Année</label>
      <select id={`${id}-annee`} name="annee" defaultValue={String(year)}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
      <button type="submit" className="button">
        Afficher
      </button>
    </Form>
  );
}

export function FigureText({
  cell,
  unit,
}: {
  cell: FigureCell;
  unit?: string;
}) {
  if (cell.state === "missing") {
    return (
      <span className="figure figure--missing">
        manquant<span className="muted"> — {cell.reason}</span>
      </span>
    );
  }
  if (cell.state === "none")
    return (
      <span className="muted" aria-label="non saisi">
        —
      </span>
    );
  return (
    <span className="figure">
      {cell.text}
      {unit ? <span className="muted"> {unit}</span> : null}
      {cell.note ? (
        <span className="figure__note" title={cell.note}>
          {" "}
          (
          {cell.note.toLowerCase().includes("démonstration")
            ? "démo"
            : cell.note}
          )
        </span>
      ) : null}
    </span>
  );
}

export function VariationText({
  text,
  value,
}: {
  text: string;
  value: number | null;
}) {
  if (value === null) return <span className="muted">—</span>;
  const rounded = Math.round(value * 10) / 10;
  const tone = rounded > 0 ? "up" : rounded < 0 ? "down" : "flat";
  return <span className={`variation variation--${tone}`}>{text}</span>;
}
