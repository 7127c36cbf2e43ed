import { forwardRef, type SelectHTMLAttributes } from "react";

export interface Choice {
  id: number;
  name: string;
}

/**
 * A <select> among records of the office (people, sites, series…), with its empty choice first
 * ("Choisir…", "Aucune", "Tout l'office"). The ref is forwarded: react-hook-form reads and sets
 * the value through it.
 */
export const ChoiceSelect = forwardRef<HTMLSelectElement, { choices: readonly Choice[]; emptyLabel: string } & SelectHTMLAttributes<HTMLSelectElement>>(
  function ChoiceSelect({ choices, emptyLabel, ...props }, ref) {
    return (
      <select ref={ref} {...props}>
        <option value="">{emptyLabel}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    );
  },
);
