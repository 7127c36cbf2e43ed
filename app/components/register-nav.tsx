// The registers' tabs: the three registers and the satisfaction questionnaires (decision 037).
import { Link } from "@remix-run/react";
import { REGISTER_KINDS, REGISTER_SLUGS, REGISTER_TITLES, type RegisterKind } from "~/modules/register/rules";

export function RegistersNav({ current }: { current: RegisterKind | "questionnaires" | null }) {
  return (
    <nav aria-label="Registres" className="subnav">
      <ul>
        {REGISTER_KINDS.map((k) => (
          <li key={k}>
            <Link to={`/registres/${REGISTER_SLUGS[k]}`} aria-current={k === current ? "page" : undefined}>
              {REGISTER_TITLES[k]}
            </Link>
          </li>
        ))}
        <li>
          <Link to="/registres/questionnaires" aria-current={current === "questionnaires" ? "page" : undefined}>
            Questionnaires de satisfaction
          </Link>
        </li>
      </ul>
    </nav>
  );
}
