// Pieces the questionnaire pages share: a campaign's state badge, its title block and tabs.
import { NavLink } from "@remix-run/react";
import { formatDate } from "~/domain/dates";
import { CAMPAIGN_STATE_LABELS, type CampaignState } from "~/modules/questionnaire/rules";
import { RegistersNav } from "./register-nav";

const STATE_BADGES: Record<CampaignState, string> = { a_venir: "badge--muted", en_cours: "badge--ok", terminee: "", non_realisee: "badge--warn" };

export function StateBadge({ state }: { state: CampaignState }) {
  return <span className={`badge ${STATE_BADGES[state]}`}>{CAMPAIGN_STATE_LABELS[state]}</span>;
}

export interface CampaignHead {
  id: number;
  title: string;
  startsOn: string;
  endsOn: string;
  state: CampaignState;
  notHeld: boolean;
}

/** The campaign's title, period and state, and the tabs of its pages the role may open. */
export function QuestionnaireHeader({ campaign, rights }: { campaign: CampaignHead; rights: { enter: boolean; edit: boolean } }) {
  const base = `/registres/questionnaires/${campaign.id}`;
  const tabs: Array<[string, string, boolean]> = [
    ["Résultats", base, true],
    ["Réponses", `${base}/reponses`, !campaign.notHeld],
    ["Saisir des feuilles", `${base}/saisie`, rights.enter && !campaign.notHeld],
    ["Importer", `${base}/import`, rights.edit && !campaign.notHeld],
    ["Diffusion", `${base}/diffusion`, !campaign.notHeld],
    ["Modifier", `${base}/modifier`, rights.edit],
  ];
  return (
    <>
      <RegistersNav current="questionnaires" />
      <div className="page-header">
        <div>
          <h1>{campaign.title}</h1>
          <p className="muted small questionnaire-period">
            Campagne du {formatDate(campaign.startsOn)} au {formatDate(campaign.endsOn)} <StateBadge state={campaign.state} />
          </p>
        </div>
      </div>
      <nav aria-label="Pages du questionnaire" className="subnav subnav--tabs">
        <ul>
          {tabs
            .filter(([, , shown]) => shown)
            .map(([label, to]) => (
              <li key={to}>
                <NavLink to={to} end>
                  {label}
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
    </>
  );
}

/** A table that may scroll sideways on a phone: a named region the keyboard can reach and scroll. */
export function TableWrap({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
