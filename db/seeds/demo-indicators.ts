// The demo office's indicators: the standard set switched on, the seed minutes' figures for
// 2019 and 2020 as they were reported (season contacts and persons, website, Facebook, guided
// visits, the tourist-tax nights missing for 2020), and plausible figures for every other year
// up to the seeding day, each marked "Chiffre de démonstration". Only finished periods get a
// figure: a season once it has ended, a year once it is over.
import type { Knex } from "knex";
import type { Actor } from "~/modules/history/queries.server";
import { enableStandardSet, listIndicators, listSeasons, writeValues, type CellWrite } from "~/modules/indicator/queries.server";
import { officeScope } from "~/modules/scope.server";

export const DEMO_FIGURE = "Chiffre de démonstration";

/** How each year compares with 2019 (2020 and 2021: COVID years; then a steady recovery). */
const TREND: Record<number, number> = { 2019: 1, 2020: 0.78, 2021: 0.9, 2022: 1.04, 2023: 1.08, 2024: 1.12, 2025: 1.15, 2026: 1.18 };
const trend = (year: number) => TREND[year] ?? 1.18 + (year - 2026) * 0.02;

/** Split a total over items by shares, the rounding left on the first item: the parts add up. */
function split(total: number, shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const parts = shares.map((s) => Math.round((total * s) / sum));
  parts[0]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

export async function seedDemoIndicators(db: Knex, input: { officeId: number; siteIds: Map<string, number>; actor: Actor; today: string }): Promise<void> {
  const scope = officeScope(db, { officeId: input.officeId, actor: input.actor, role: "admin" });
  await enableStandardSet(scope);
  const indicators = new Map((await listIndicators(scope)).map((i) => [i.code, i]));
  const summer = (await listSeasons(scope))[0]!;
  const [y, m] = input.today.split("-").map(Number) as [number, number];
  const writes: CellWrite[] = [];
  const put = (code: string, period: string, value: number | string, item = "", real = false) => {
    const indicator = indicators.get(code);
    if (!indicator) throw new Error(`indicateur de démonstration inconnu : ${code}`);
    writes.push({
      indicatorId: indicator.id,
      period,
      item,
      input: typeof value === "number" ? { kind: "value", value } : { kind: "missing", reason: value },
      note: real || typeof value === "string" ? null : DEMO_FIGURE,
    });
  };
  const site = (name: string) => String(input.siteIds.get(name));
  const siteNames = ["Saint-Sever", "Hagetmau", "Amou", "Geaune"];
  const siteShares = [45, 25, 20, 10];

  // The season (July–August) once it is over: the seed's figures for 2019 and 2020.
  const lastSeason = m >= 9 ? y : y - 1;
  for (let year = 2019; year <= lastSeason; year += 1) {
    const seed = year === 2019 ? [2638, 4922] : year === 2020 ? [2678, 5698] : null;
    const contacts = seed?.[0] ?? Math.round(2638 * trend(year) * 1.02);
    const persons = seed?.[1] ?? Math.round(contacts * (2.05 + (year % 3) * 0.04));
    const period = `s${summer.id}:${year}`;
    put("contacts", period, contacts, "", seed !== null);
    put("personnes", period, persons, "", seed !== null);
    split(contacts, siteShares).forEach((v, i) => put("contacts", period, v, site(siteNames[i]!)));
    split(persons, siteShares).forEach((v, i) => put("personnes", period, v, site(siteNames[i]!)));
  }

  // Whole years once they are over.
  for (let year = 2019; year < y; year += 1) {
    const t = trend(year);
    const real = year === 2020;
    put("contacts", String(year), Math.round(7900 * t));
    put("personnes", String(year), Math.round(15600 * t));
    // Nouvelle-Aquitaine first, half of it from the Landes; then Île-de-France, Occitanie, Pays de la Loire.
    split(Math.round(15600 * t), [24, 24, 14, 11, 8, 12, 7]).forEach((v, i) => put("provenance", String(year), v, indicators.get("provenance")!.items[i]!));
    if (real) {
      put("visiteurs_site_web", "2020", 52000, "", true);
      put("fans_facebook", "2020", 6950, "", true);
      put("vues_publications", "2020", 1087638, "", true);
      put("groupes", "2020", 0, "", true);
      [88, 383, 46, 181, 77, 834].forEach((v, i) => put("visites_guidees", "2020", v, indicators.get("visites_guidees")!.items[i]!, true));
      put("nuitees_taxe", "2020", "Chiffres du Pays des Luys non fournis par la communauté de communes");
      put("questionnaires", "2020", "Pas de questionnaire visiteurs en 2020 : diffusion papier interdite (COVID)");
      put("satisfaction", "2020", "Pas de questionnaire visiteurs en 2020 : diffusion papier interdite (COVID)");
    } else {
      put("visiteurs_site_web", String(year), Math.round(47000 * t * (1 + (year - 2019) * 0.03)));
      put("fans_facebook", String(year), Math.round(5600 + (year - 2019) * 520));
      put("vues_publications", String(year), Math.round(820000 * t * (1 + (year - 2019) * 0.04)));
      put("groupes", String(year), year === 2021 ? 3 : Math.round(22 * t));
      split(Math.round(2300 * t), [10, 36, 6, 17, 7, 24]).forEach((v, i) => put("visites_guidees", String(year), v, indicators.get("visites_guidees")!.items[i]!));
      split(Math.round(86000 * t), [22, 30, 34, 9, 5]).forEach((v, i) => put("nuitees_taxe", String(year), v, indicators.get("nuitees_taxe")!.items[i]!));
      put("questionnaires", String(year), Math.round(310 * t));
      put("satisfaction", String(year), Math.min(97, 90 + (year - 2019) * 0.8));
    }
    [180, 95, 1450, 140, 18].forEach((beds, i) => put("lits_touristiques", String(year), Math.round(beds * (1 + (year - 2019) * 0.02)), indicators.get("lits_touristiques")!.items[i]!));
    split(Math.round(38000 * t), [40, 25, 20, 15]).forEach((v, i) => put("billetterie", String(year), v, indicators.get("billetterie")!.items[i]!));
    put("halte_jacquaire", String(year), year === 2020 ? 210 : Math.round(1350 * t));
    split(Math.round(9800 * t * (1 + (year - 2019) * 0.05)), [30, 20, 35, 15]).forEach((v, i) => put("terra_aventura", String(year), v, indicators.get("terra_aventura")!.items[i]!));
  }
  await writeValues(scope, writes);
}
