// The office's indicators, seasons and values: reads scoped by office, writes in one
// transaction with their history rows.
import { DuplicateError } from "../errors";
import type { Knex } from "knex";
import standardFile from "../../../indicators/standard.json";
import { recordHistory } from "../history/queries.server";
import { listSites } from "../office/queries.server";
import type { Scope } from "../scope.server";
import type { IndicatorSeasonsRecord, IndicatorsRecord } from "../../../db/records";
import { insertedId, isUniqueViolation, nameKey, num } from "../../utils/rows.server";
import {
  cellKey,
  parsePeriodKey,
  type Aggregation,
  type Breakdown,
  type Category,
  type CellInput,
  type FigureContext,
  type Formula,
  type ImportRow,
  type ImportTarget,
  type IndicatorDef,
  type Season,
  type StoredCell,
} from "./rules";
import { formulaSchema, standardFileSchema, type IndicatorValues, type SeasonValues, type StandardFile } from "./schema";

export interface Indicator extends IndicatorDef {
  officeId: number;
  category: Category;
  description: string;
  standardCode: string | null;
  /** The labels of the items, in the indicator's order (site names for a breakdown by site). */
  itemLabels: Record<string, string>;
}

let standard: StandardFile | undefined;
/** The standard set shipped in indicators/standard.json, checked once. */
export function standardSet(): StandardFile {
  standard ??= standardFileSchema.parse(standardFile);
  return standard;
}

function parseFormula(text: string | null): Formula | null {
  if (!text) return null;
  const parsed = formulaSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

function toIndicator(r: IndicatorsRecord, sites: ReadonlyArray<{ id: number; name: string }>): Indicator {
  const breakdown = r.breakdown as Breakdown;
  const own = r.items
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const items = breakdown === "site" ? sites.map((s) => String(s.id)) : breakdown === "none" ? [] : own;
  const itemLabels: Record<string, string> = {};
  if (breakdown === "site") for (const s of sites) itemLabels[String(s.id)] = s.name;
  else for (const i of items) itemLabels[i] = i;
  return {
    id: r.id,
    officeId: r.office_id,
    code: r.code,
    name: r.name,
    unit: r.unit,
    category: r.category as Category,
    aggregation: r.aggregation as Aggregation,
    breakdown,
    items,
    itemLabels,
    formula: parseFormula(r.formula),
    decimals: r.decimals,
    description: r.description,
    standardCode: r.standard_code || null,
  };
}

async function officeSites(scope: Scope) {
  return (await listSites(scope)).map((s) => ({ id: s.id, name: s.name }));
}

export async function listIndicators(scope: Scope): Promise<Indicator[]> {
  const [rows, sites] = await Promise.all([
    scope.db("indicators").where({ office_id: scope.officeId }).orderBy([{ column: "position" }, { column: "id" }]),
    officeSites(scope),
  ]);
  return rows.map((r) => toIndicator(r, sites));
}

export async function getIndicator(scope: Scope, indicatorId: number): Promise<Indicator | null> {
  const row = await scope.db("indicators").where({ id: indicatorId, office_id: scope.officeId }).first();
  return row ? toIndicator(row, await officeSites(scope)) : null;
}

function toSeason(r: IndicatorSeasonsRecord): Season {
  return { id: r.id, name: r.name, startMonth: r.start_month, endMonth: r.end_month };
}

export async function listSeasons(scope: Scope): Promise<Season[]> {
  return (await scope.db("indicator_seasons").where({ office_id: scope.officeId }).orderBy([{ column: "start_month" }, { column: "id" }])).map(toSeason);
}


function indicatorColumns(v: IndicatorValues) {
  return {
    code: v.code,
    name: v.name,
    unit: v.unit,
    category: v.category,
    aggregation: v.aggregation,
    breakdown: v.breakdown,
    items: v.items.join("\n"),
    decimals: v.decimals,
    description: v.description,
  };
}

async function nextPosition(trx: Knex.Transaction, officeId: number): Promise<number> {
  const row = await trx("indicators").where({ office_id: officeId }).max({ max: "position" }).first();
  return num(row?.max ?? 0) + 1;
}

export async function createIndicator(scope: Scope, values: IndicatorValues): Promise<number> {
  try {
    return await scope.db.transaction(async (trx) => {
      const now = scope.now.toISOString();
      const row = { ...indicatorColumns(values), office_id: scope.officeId, formula: null, standard_code: null, position: await nextPosition(trx, scope.officeId), created_at: now, updated_at: now };
      const id = insertedId(await trx("indicators").insert(row).returning("id"));
      await recordHistory(trx, { officeId: scope.officeId, entityType: "indicator", entityId: id, action: "create", actor: scope.actor, before: null, after: row, now: scope.now });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateError("code", "Code : un indicateur de l'office a déjà ce code.");
    throw error;
  }
}

/** Updates an indicator; a computed one keeps its formula and its code (other indicators name it). */
export async function updateIndicator(scope: Scope, indicatorId: number, values: IndicatorValues): Promise<boolean> {
  try {
    return await scope.db.transaction(async (trx) => {
      const before = await trx("indicators").where({ id: indicatorId, office_id: scope.officeId }).first();
      if (!before) return false;
      const patch = { ...indicatorColumns(values), updated_at: scope.now.toISOString() };
      if (before.formula || before.standard_code) patch.code = before.code;
      await trx("indicators").where({ id: indicatorId }).update(patch);
      await recordHistory(trx, { officeId: scope.officeId, entityType: "indicator", entityId: indicatorId, action: "update", actor: scope.actor, before, after: { ...before, ...patch }, now: scope.now });
      return true;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateError("code", "Code : un indicateur de l'office a déjà ce code.");
    throw error;
  }
}

/** Deletes an indicator and its values (the history keeps them). */
export async function deleteIndicator(scope: Scope, indicatorId: number): Promise<string | null> {
  return scope.db.transaction(async (trx) => {
    const before = await trx("indicators").where({ id: indicatorId, office_id: scope.officeId }).first();
    if (!before) return null;
    const values = await trx("indicator_values").where({ indicator_id: indicatorId });
    for (const v of values) {
      await recordHistory(trx, { officeId: scope.officeId, entityType: "indicator_value", entityId: v.id, action: "delete", actor: scope.actor, before: v, after: null, now: scope.now });
    }
    await trx("indicator_values").where({ indicator_id: indicatorId }).delete();
    await trx("indicators").where({ id: indicatorId }).delete();
    await recordHistory(trx, { officeId: scope.officeId, entityType: "indicator", entityId: indicatorId, action: "delete", actor: scope.actor, before, after: null, now: scope.now });
    return before.name;
  });
}

/** Switches the standard set on: adds the indicators and seasons the office does not have yet. */
export async function enableStandardSet(scope: Scope): Promise<{ indicators: number; seasons: number }> {
  const set = standardSet();
  return scope.db.transaction(async (trx) => {
    const now = scope.now.toISOString();
    const codes = new Set((await trx("indicators").where({ office_id: scope.officeId }).select("code")).map((r) => r.code));
    const seasonKeys = new Set((await trx("indicator_seasons").where({ office_id: scope.officeId }).select("name_key")).map((r) => r.name_key));
    let position = await nextPosition(trx, scope.officeId);
    let indicators = 0;
    let seasons = 0;
    for (const s of set.seasons) {
      if (seasonKeys.has(nameKey(s.name))) continue;
      const row = { office_id: scope.officeId, name: s.name, name_key: nameKey(s.name), start_month: s.startMonth, end_month: s.endMonth, created_at: now, updated_at: now };
      const id = insertedId(await trx("indicator_seasons").insert(row).returning("id"));
      await recordHistory(trx, { officeId: scope.officeId, entityType: "indicator_season", entityId: id, action: "create", actor: scope.actor, before: null, after: row, now: scope.now });
      seasons += 1;
    }
    for (const i of set.indicators) {
      if (codes.has(i.code)) continue;
      const row = {
        office_id: scope.officeId,
        code: i.code,
        name: i.name,
        unit: i.unit,
        category: i.category,
        aggregation: i.aggregation,
        breakdown: i.breakdown,
        items: i.items.join("\n"),
        formula: i.formula ? JSON.stringify(i.formula) : null,
        decimals: i.decimals,
        description: i.description,
        standard_code: i.code,
        position: position++,
        created_at: now,
        updated_at: now,
      };
      const id = insertedId(await trx("indicators").insert(row).returning("id"));
      await recordHistory(trx, { officeId: scope.officeId, entityType: "indicator", entityId: id, action: "create", actor: scope.actor, before: null, after: row, now: scope.now });
      indicators += 1;
    }
    return { indicators, seasons };
  });
}

export async function createSeason(scope: Scope, values: SeasonValues): Promise<number> {
  try {
    return await scope.db.transaction(async (trx) => {
      const now = scope.now.toISOString();
      const row = { office_id: scope.officeId, name: values.name, name_key: nameKey(values.name), start_month: values.startMonth, end_month: values.endMonth, created_at: now, updated_at: now };
      const id = insertedId(await trx("indicator_seasons").insert(row).returning("id"));
      await recordHistory(trx, { officeId: scope.officeId, entityType: "indicator_season", entityId: id, action: "create", actor: scope.actor, before: null, after: row, now: scope.now });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateError("name", "Nom de la saison : une saison porte déjà ce nom.");
    throw error;
  }
}

/** Deletes a season with the figures entered for it (the history keeps them). */
export async function deleteSeason(scope: Scope, seasonId: number): Promise<string | null> {
  return scope.db.transaction(async (trx) => {
    const before = await trx("indicator_seasons").where({ id: seasonId, office_id: scope.officeId }).first();
    if (!before) return null;
    const values = await trx("indicator_values").where({ office_id: scope.officeId }).andWhere("period", "like", `s${seasonId}:%`);
    for (const v of values) {
      await recordHistory(trx, { officeId: scope.officeId, entityType: "indicator_value", entityId: v.id, action: "delete", actor: scope.actor, before: v, after: null, now: scope.now });
    }
    await trx("indicator_values").whereIn("id", values.map((v) => v.id)).delete();
    await trx("indicator_seasons").where({ id: seasonId }).delete();
    await recordHistory(trx, { officeId: scope.officeId, entityType: "indicator_season", entityId: seasonId, action: "delete", actor: scope.actor, before, after: null, now: scope.now });
    return before.name;
  });
}

export interface IndicatorData {
  indicators: Indicator[];
  seasons: Season[];
  context: FigureContext;
}

/** Every indicator, season and stored value of the office, ready for `figureOf`. */
/**
 * The office's indicators, seasons and figures. `years` keeps only the periods of those years
 * (the years themselves, their months, their seasons): what a comparison of a few years reads,
 * instead of every figure since 2019.
 */
export async function loadIndicatorData(scope: Scope, options: { indicatorCodes?: readonly string[]; years?: readonly number[] } = {}): Promise<IndicatorData> {
  const [indicators, seasons] = await Promise.all([listIndicators(scope), listSeasons(scope)]);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const wanted = options.indicatorCodes ? indicators.filter((i) => options.indicatorCodes!.includes(i.code)).map((i) => i.id) : null;
  const q = scope.db("indicator_values").where({ office_id: scope.officeId }).select("indicator_id", "period", "item", "value", "missing_reason", "note");
  if (wanted) q.whereIn("indicator_id", wanted);
  const years = options.years?.filter((y) => Number.isInteger(y) && y >= 1000 && y <= 9999);
  if (years) {
    q.where((w) => {
      // "2025", "2025-07" and "s1:2025": the year leads the key, or follows a season's id.
      for (const y of years) w.orWhere("period", "like", `${y}%`).orWhere("period", "like", `s%:${y}`);
      if (!years.length) w.whereRaw("1 = 0");
    });
  }
  const cells = new Map<string, Map<string, StoredCell>>();
  for (const r of await q) {
    const indicator = byId.get(r.indicator_id);
    if (!indicator) continue;
    let map = cells.get(indicator.code);
    if (!map) cells.set(indicator.code, (map = new Map()));
    map.set(
      cellKey(r.period, r.item),
      r.value === null
        ? { value: null, missingReason: r.missing_reason ?? "" }
        : { value: r.value, missingReason: null, note: r.note || null },
    );
  }
  return { indicators, seasons, context: { indicators: new Map(indicators.map((i) => [i.code, i])), cells, seasons } };
}

export interface CellWrite {
  indicatorId: number;
  period: string;
  item: string;
  input: CellInput;
  /** only the demo sets one; a figure typed by the office has none */
  note?: string | null;
}

export class InvalidCellError extends Error {}

/**
 * Writes figures: each value set, changed, marked missing or cleared, with its history row, all
 * in one transaction. Cells of another office's indicator, of a computed indicator, of an
 * unknown period or item are refused as a whole.
 */
export async function writeValues(scope: Scope, writes: readonly CellWrite[]): Promise<{ changed: number }> {
  const [indicators, seasons] = await Promise.all([listIndicators(scope), listSeasons(scope)]);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  for (const w of writes) {
    const indicator = byId.get(w.indicatorId);
    const period = parsePeriodKey(w.period);
    if (!indicator || indicator.formula) throw new InvalidCellError(`indicator ${w.indicatorId}`);
    if (!period || (period.kind === "season" && !seasons.some((s) => s.id === period.seasonId))) throw new InvalidCellError(`period ${w.period}`);
    if (w.item !== "" && !indicator.items.includes(w.item)) throw new InvalidCellError(`item ${w.item}`);
    if (w.input.kind === "error") throw new InvalidCellError(w.input.message);
  }
  return scope.db.transaction(async (trx) => {
    const now = scope.now.toISOString();
    let changed = 0;
    for (const w of writes) {
      const before = await trx("indicator_values").where({ office_id: scope.officeId, indicator_id: w.indicatorId, period: w.period, item: w.item }).first();
      const log = (action: "create" | "update" | "delete", id: number, after: Record<string, unknown> | null) =>
        recordHistory(trx, { officeId: scope.officeId, entityType: "indicator_value", entityId: id, action, actor: scope.actor, before: before ?? null, after, now: scope.now });
      if (w.input.kind === "empty") {
        if (!before) continue;
        await trx("indicator_values").where({ id: before.id }).delete();
        await log("delete", before.id, null);
        changed += 1;
        continue;
      }
      const content = {
        ...(w.input.kind === "value" ? { value: w.input.value, missing_reason: null } : { value: null, missing_reason: w.input.kind === "missing" ? w.input.reason : null }),
        note: w.note ?? null,
      };
      if (before) {
        const same =
          before.value === content.value && before.missing_reason === content.missing_reason && before.note === content.note;
        if (same) continue;
        await trx("indicator_values").where({ id: before.id }).update({ ...content, updated_at: now });
        await log("update", before.id, { ...before, ...content, updated_at: now });
      } else {
        const row = { office_id: scope.officeId, indicator_id: w.indicatorId, period: w.period, item: w.item, ...content, created_at: now, updated_at: now };
        const id = insertedId(await trx("indicator_values").insert(row).returning("id"));
        await log("create", id, row);
      }
      changed += 1;
    }
    return { changed };
  });
}

/** Imports the rows of a checked CSV file (see `readValuesCsv`): all of them, or none. */
export async function importValues(scope: Scope, rows: readonly ImportRow[]): Promise<{ changed: number }> {
  return writeValues(
    scope,
    rows.map((r) => ({
      indicatorId: r.indicatorId,
      period: r.period,
      item: r.item,
      input: r.value === null ? { kind: "missing", reason: r.missingReason ?? "" } : { kind: "value", value: r.value },
    })),
  );
}

/** What a CSV file may name: the office's indicators, with their items as a file writes them. */
export function importTargets(indicators: readonly Indicator[]): ImportTarget[] {
  return indicators.map((i) => ({
    id: i.id,
    code: i.code,
    name: i.name,
    computed: i.formula !== null,
    breakdown: i.breakdown,
    items: i.items.map((item) => ({ label: i.itemLabels[item] ?? item, item })),
  }));
}
