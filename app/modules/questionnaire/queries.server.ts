// Satisfaction questionnaires, scoped by office: campaigns and their questions (each write with
// its history row), answer sheets typed from paper, imported or sent from the public page, the
// results (per question, per site, against the previous campaign), and the complaints and
// actions that answers lead to. Personal answers (a free text marked personal, kept only with
// the visitor's consent) never reach the history and are shown only to roles that read personal
// data.
import crypto from "node:crypto";
import type { Knex } from "knex";
import { formatDate } from "~/domain/dates";
import { can } from "~/domain/roles";
import { createAction } from "../action/queries.server";
import type { ActionValues } from "../action/schema";
import type { FormTokenUse } from "../form-token/queries.server";
import { consumeFormToken } from "../form-token/queries.server";
import { recordHistory } from "../history/queries.server";
import { createEntry, getRegisterSettings } from "../register/queries.server";
import { anonymiseClosedUpTo } from "../register/rules";
import type { Scope } from "../scope.server";
import type {
  QuestionnaireAnswersRecord,
  QuestionnaireFollowUpsRecord,
  QuestionnaireQuestionsRecord,
  QuestionnaireResponsesRecord,
  QuestionnairesRecord,
} from "../../../db/records";
import { bool, insertedId, nowIso, sortByFrench } from "../../utils/rows.server";
import {
  CHANNEL_LABELS,
  MAX_QUESTIONS,
  QUESTION_KIND_LABELS,
  STARTER_QUESTIONS,
  campaignState,
  channelsText,
  choiceStats,
  copiedTitle,
  isDissatisfied,
  isScaleSize,
  levelWord,
  matchPrevious,
  numberStats,
  parseChannels,
  percent,
  pooledSatisfaction,
  previousCampaign,
  scaleStats,
  shiftYears,
  type CampaignState,
  type Channel,
  type ChoiceStats,
  type NumberStats,
  type Question,
  type QuestionKind,
  type ScaleStats,
  type Source,
} from "./rules";
import type { ComplaintFromAnswerValues, QuestionValues, QuestionnaireValues, SheetValues } from "./schema";

/** A refusal of a write, for the field concerned. */
export class QuestionnaireInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Whether this request may read the personal answers (not quality-group members). */
export function seesPersonalAnswers(scope: Scope): boolean {
  return can(scope.role, "registers:personal_data");
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────

export interface QuestionnaireSummary {
  id: number;
  title: string;
  startsOn: string;
  endsOn: string;
  channels: Channel[];
  notHeld: boolean;
  notHeldReason: string;
  state: CampaignState;
  sites: Array<{ id: number; name: string }>;
  responses: number;
  satisfactionRate: number | null;
  copiedFromId: number | null;
}

export interface QuestionnaireDetail extends QuestionnaireSummary {
  intro: string;
  thanks: string;
  publicToken: string;
  copiedFromTitle: string | null;
  questions: Question[];
  createdByName: string;
  followUps: FollowUp[];
}

export interface FollowUp {
  id: number;
  responseId: number | null;
  kind: "complaint" | "action";
  targetId: number;
  title: string;
  status: string;
}

function parseChoices(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

function toQuestion(r: QuestionnaireQuestionsRecord): Question {
  const levels = r.levels;
  return {
    id: r.id,
    position: r.position,
    kind: r.kind as QuestionKind,
    text: r.text,
    help: r.help,
    required: bool(r.required),
    levels: isScaleSize(levels) ? levels : null,
    choices: parseChoices(r.choices),
    minValue: r.min_value,
    maxValue: r.max_value,
    personal: bool(r.personal),
    copiedFromId: r.copied_from_id,
  };
}

async function questionsOf(db: Knex, questionnaireId: number): Promise<Question[]> {
  const rows = await db("questionnaire_questions").where({ questionnaire_id: questionnaireId }).orderBy("position").orderBy("id");
  return rows.map(toQuestion);
}

async function sitesOf(db: Knex, ids: number[]): Promise<Map<number, Array<{ id: number; name: string }>>> {
  const map = new Map<number, Array<{ id: number; name: string }>>();
  if (ids.length === 0) return map;
  const rows = await db("questionnaire_sites as qs").join("sites as s", "s.id", "qs.site_id").whereIn("qs.questionnaire_id", ids).select<Array<{ questionnaire_id: number; id: number; name: string }>>("qs.questionnaire_id", "s.id", "s.name");
  for (const r of sortByFrench(rows, (x) => x.name)) {
    const list = map.get(r.questionnaire_id) ?? [];
    list.push({ id: r.id, name: r.name });
    map.set(r.questionnaire_id, list);
  }
  return map;
}

/** Answers and satisfied answers of the scale questions, per questionnaire. */
async function satisfactionOf(db: Knex, officeId: number, ids: number[]): Promise<Map<number, { answered: number; satisfied: number }>> {
  const map = new Map<number, { answered: number; satisfied: number }>();
  if (ids.length === 0) return map;
  const rows: Array<{ questionnaire_id: number; answered: number | string; satisfied: number | string | null }> = await db("questionnaire_answers as a")
    .join("questionnaire_questions as q", "q.id", "a.question_id")
    .join("questionnaire_responses as r", "r.id", "a.response_id")
    .where({ "r.office_id": officeId, "q.kind": "scale" })
    .whereIn("r.questionnaire_id", ids)
    .groupBy("r.questionnaire_id")
    .select("r.questionnaire_id")
    .count({ answered: "*" })
    .select(db.raw("sum(case when a.number >= q.levels - 1 then 1 else 0 end) as satisfied"));
  for (const r of rows) map.set(r.questionnaire_id, { answered: Number(r.answered), satisfied: Number(r.satisfied ?? 0) });
  return map;
}

function toSummary(r: QuestionnairesRecord, today: string, sites: Array<{ id: number; name: string }>, responses: number, satisfaction: { answered: number; satisfied: number } | undefined): QuestionnaireSummary {
  const base = { startsOn: r.starts_on, endsOn: r.ends_on, notHeld: bool(r.not_held) };
  return {
    id: r.id,
    title: r.title,
    ...base,
    channels: parseChannels(r.channels),
    notHeldReason: r.not_held_reason,
    state: campaignState(base, today),
    sites,
    responses,
    satisfactionRate: satisfaction ? percent(satisfaction.satisfied, satisfaction.answered) : null,
    copiedFromId: r.copied_from_id,
  };
}

async function responseCounts(db: Knex, officeId: number, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows: Array<{ questionnaire_id: number; n: number | string }> = await db("questionnaire_responses").where({ office_id: officeId }).whereIn("questionnaire_id", ids).groupBy("questionnaire_id").select("questionnaire_id").count({ n: "*" });
  return new Map(rows.map((r) => [r.questionnaire_id, Number(r.n)]));
}

/** The office's campaigns, the latest first, with their answers and satisfaction rate. */
export async function listQuestionnaires(scope: Scope): Promise<QuestionnaireSummary[]> {
  const rows = await scope.db("questionnaires").where({ office_id: scope.officeId }).orderBy([
    { column: "starts_on", order: "desc" },
    { column: "id", order: "desc" },
  ]);
  const ids = rows.map((r) => r.id);
  const [sites, counts, satisfaction] = await Promise.all([sitesOf(scope.db, ids), responseCounts(scope.db, scope.officeId, ids), satisfactionOf(scope.db, scope.officeId, ids)]);
  return rows.map((r) => toSummary(r, scope.today, sites.get(r.id) ?? [], counts.get(r.id) ?? 0, satisfaction.get(r.id)));
}

export async function getQuestionnaire(scope: Scope, questionnaireId: number): Promise<QuestionnaireDetail | null> {
  const row = await scope.db("questionnaires").where({ id: questionnaireId, office_id: scope.officeId }).first();
  if (!row) return null;
  const [sites, counts, satisfaction, questions, source, followUps] = await Promise.all([
    sitesOf(scope.db, [questionnaireId]),
    responseCounts(scope.db, scope.officeId, [questionnaireId]),
    satisfactionOf(scope.db, scope.officeId, [questionnaireId]),
    questionsOf(scope.db, questionnaireId),
    row.copied_from_id ? scope.db("questionnaires").where({ id: row.copied_from_id, office_id: scope.officeId }).first("title") : Promise.resolve(undefined),
    followUpsOf(scope, { questionnaireId }),
  ]);
  return {
    ...toSummary(row, scope.today, sites.get(questionnaireId) ?? [], counts.get(questionnaireId) ?? 0, satisfaction.get(questionnaireId)),
    intro: row.intro,
    thanks: row.thanks,
    publicToken: row.public_token,
    copiedFromTitle: source ? source.title : null,
    questions,
    createdByName: row.created_by_name,
    followUps,
  };
}

/**
 * A follow-up with its action's or its complaint's title and status: exactly one of the two is
 * set (the code writes one; each is deleted with its target, on delete cascade).
 */
type FollowUpRow = Pick<QuestionnaireFollowUpsRecord, "id" | "response_id"> &
  (
    | { action_id: number; action_title: string; action_status: string }
    | { action_id: null; register_entry_id: number; entry_subject: string; entry_status: string }
  );

async function followUpsOf(scope: Scope, where: { questionnaireId?: number; responseId?: number }): Promise<FollowUp[]> {
  const q = scope
    .db("questionnaire_follow_ups as f")
    .leftJoin("actions as a", "a.id", "f.action_id")
    .leftJoin("register_entries as e", "e.id", "f.register_entry_id")
    .where("f.office_id", scope.officeId)
    .orderBy("f.id")
    .select<FollowUpRow[]>("f.id", "f.response_id", "f.action_id", "f.register_entry_id", "a.title as action_title", "a.status as action_status", "e.subject as entry_subject", "e.status as entry_status");
  if (where.questionnaireId !== undefined) q.where("f.questionnaire_id", where.questionnaireId);
  if (where.responseId !== undefined) q.where("f.response_id", where.responseId);
  return (await q).map((r) =>
    r.action_id !== null
      ? { id: r.id, responseId: r.response_id, kind: "action" as const, targetId: r.action_id, title: r.action_title, status: r.action_status }
      : { id: r.id, responseId: r.response_id, kind: "complaint" as const, targetId: r.register_entry_id, title: r.entry_subject, status: r.entry_status },
  );
}

// ── Campaigns and questions ─────────────────────────────────────────────────────────────────

/** The campaign as its history shows it: sites by name, channels in words, no token. */
async function shownQuestionnaire(
  db: Knex,
  row: Pick<QuestionnairesRecord, "title" | "starts_on" | "ends_on" | "channels" | "intro" | "thanks" | "not_held" | "not_held_reason" | "copied_from_id">,
  siteIds: readonly number[],
) {
  const names = siteIds.length ? await db("sites").whereIn("id", siteIds).select("name") : [];
  return {
    title: row.title,
    starts_on: row.starts_on,
    ends_on: row.ends_on,
    channels: channelsText(parseChannels(row.channels)),
    intro: row.intro,
    thanks: row.thanks,
    not_held: bool(row.not_held),
    not_held_reason: row.not_held_reason,
    copied_from_id: row.copied_from_id ?? null,
    sites: sortByFrench(names.map((n) => n.name), (x) => x).join(", ") || "Tout l'office",
  };
}

async function checkSites(trx: Knex.Transaction, scope: Scope, siteIds: readonly number[]) {
  if (siteIds.length === 0) return;
  const found = await trx("sites").where({ office_id: scope.officeId }).whereIn("id", siteIds).select("id");
  if (found.length !== new Set(siteIds).size) throw new QuestionnaireInputError("siteIds", "Bureaux : choix invalide.");
}

function questionnaireColumns(v: QuestionnaireValues) {
  return {
    title: v.title,
    starts_on: v.startsOn,
    ends_on: v.endsOn,
    channels: v.channels.join(","),
    intro: v.intro,
    thanks: v.thanks,
    not_held: v.notHeld,
    not_held_reason: v.notHeld ? v.notHeldReason : "",
  };
}

function newToken(): string {
  return crypto.randomBytes(16).toString("base64url");
}

export async function createQuestionnaire(scope: Scope, v: QuestionnaireValues, copiedFromId: number | null = null): Promise<number> {
  return scope.db.transaction(async (trx) => {
    await checkSites(trx, scope, v.siteIds);
    const now = nowIso(scope.now);
    const row = { ...questionnaireColumns(v), office_id: scope.officeId, public_token: newToken(), copied_from_id: copiedFromId, created_by_user_id: scope.actor.userId, created_by_name: scope.actor.name, created_at: now, updated_at: now };
    const id = insertedId(await trx("questionnaires").insert(row).returning("id"));
    if (v.siteIds.length) await trx("questionnaire_sites").insert([...new Set(v.siteIds)].map((siteId) => ({ questionnaire_id: id, site_id: siteId })));
    if (v.starter && copiedFromId === null) {
      await trx("questionnaire_questions").insert(STARTER_QUESTIONS.map((q, i) => ({ ...questionColumns(q), questionnaire_id: id, position: i + 1 })));
    }
    await recordHistory(trx, { officeId: scope.officeId, entityType: "questionnaire", entityId: id, action: "create", actor: scope.actor, now: scope.now, before: null, after: { ...(await shownQuestionnaire(trx, row, v.siteIds)), ...(v.starter && copiedFromId === null ? { question_added: `Questions habituelles (${STARTER_QUESTIONS.length})` } : {}) } });
    return id;
  });
}

async function siteIdsOf(db: Knex, questionnaireId: number): Promise<number[]> {
  return (await db("questionnaire_sites").where({ questionnaire_id: questionnaireId }).select("site_id")).map((r) => r.site_id);
}

async function responseCount(db: Knex, questionnaireId: number): Promise<number> {
  const [row] = await db("questionnaire_responses").where({ questionnaire_id: questionnaireId }).count<{ n: number }[]>({ n: "*" });
  return Number(row?.n ?? 0);
}

/** Saves a campaign; false when it is not the office's. Answers outside a new period stay (they were given then). */
export async function updateQuestionnaire(scope: Scope, questionnaireId: number, v: QuestionnaireValues): Promise<boolean> {
  return scope.db.transaction(async (trx) => {
    const before = await trx("questionnaires").where({ id: questionnaireId, office_id: scope.officeId }).first();
    if (!before) return false;
    await checkSites(trx, scope, v.siteIds);
    if (v.notHeld && (await responseCount(trx, questionnaireId)) > 0) {
      throw new QuestionnaireInputError("notHeld", "Non réalisée : des réponses sont enregistrées ; supprimez-les d'abord.");
    }
    const beforeSites = await siteIdsOf(trx, questionnaireId);
    const patch = { ...questionnaireColumns(v), updated_at: nowIso(scope.now) };
    await trx("questionnaires").where({ id: questionnaireId }).update(patch);
    await trx("questionnaire_sites").where({ questionnaire_id: questionnaireId }).delete();
    if (v.siteIds.length) await trx("questionnaire_sites").insert([...new Set(v.siteIds)].map((siteId) => ({ questionnaire_id: questionnaireId, site_id: siteId })));
    await recordHistory(trx, {
      officeId: scope.officeId,
      entityType: "questionnaire",
      entityId: questionnaireId,
      action: "update",
      actor: scope.actor,
      now: scope.now,
      before: await shownQuestionnaire(trx, before, beforeSites),
      after: await shownQuestionnaire(trx, { ...before, ...patch }, v.siteIds),
    });
    return true;
  });
}

/** Deletes a campaign that has no answers; "has_answers" when it has some, false when not found. */
export async function deleteQuestionnaire(scope: Scope, questionnaireId: number): Promise<boolean | "has_answers"> {
  return scope.db.transaction(async (trx) => {
    const before = await trx("questionnaires").where({ id: questionnaireId, office_id: scope.officeId }).first();
    if (!before) return false;
    if ((await responseCount(trx, questionnaireId)) > 0) return "has_answers";
    const shown = await shownQuestionnaire(trx, before, await siteIdsOf(trx, questionnaireId));
    await trx("questionnaires").where({ id: questionnaireId }).delete();
    await recordHistory(trx, { officeId: scope.officeId, entityType: "questionnaire", entityId: questionnaireId, action: "delete", actor: scope.actor, now: scope.now, before: shown, after: null });
    return true;
  });
}

/**
 * A new campaign from an earlier one, for another year: its title with the new year, its period
 * moved to that year, its sites, channels, texts and questions (each remembering the question it
 * comes from, so the results compare them). A campaign recorded as not held is copied as held.
 */
export async function copyQuestionnaire(scope: Scope, sourceId: number, year: number): Promise<number | null> {
  const source = await getQuestionnaire(scope, sourceId);
  if (!source) return null;
  const fromYear = Number(source.startsOn.slice(0, 4));
  const shift = year - fromYear;
  return scope.db.transaction(async (trx) => {
    const inner = { ...scope, db: trx };
    const id = await createQuestionnaire(
      inner,
      {
        title: copiedTitle(source.title, fromYear, year),
        startsOn: shiftYears(source.startsOn, shift),
        endsOn: shiftYears(source.endsOn, shift),
        siteIds: source.sites.map((s) => s.id),
        channels: source.channels,
        intro: source.intro,
        thanks: source.thanks,
        notHeld: false,
        notHeldReason: "",
        starter: false,
      },
      source.id,
    );
    if (source.questions.length) {
      await trx("questionnaire_questions").insert(source.questions.map((q) => ({ ...questionColumns(q), questionnaire_id: id, position: q.position, copied_from_id: q.id })));
    }
    return id;
  });
}

function questionColumns(v: QuestionValues) {
  return {
    kind: v.kind,
    text: v.text,
    help: v.help,
    required: v.required,
    levels: v.levels,
    choices: JSON.stringify(v.choices),
    min_value: v.minValue,
    max_value: v.maxValue,
    personal: v.personal,
  };
}

/** One line of history about a question: "Q3 — Échelle de satisfaction (4 niveaux) : Accueil au guichet". */
function questionLine(position: number, v: QuestionValues): string {
  const detail =
    v.kind === "scale" ? ` (${v.levels} niveaux)` : v.kind === "single" || v.kind === "multiple" ? ` (${v.choices.join(" / ")})` : v.kind === "text" && v.personal ? " (données personnelles)" : "";
  return `Q${position} — ${QUESTION_KIND_LABELS[v.kind]}${detail} : ${v.text}${v.required ? " (obligatoire)" : ""}`.slice(0, 600);
}

const STRUCTURE: ReadonlyArray<keyof QuestionValues> = ["kind", "levels", "choices", "minValue", "maxValue", "personal"];

function sameStructure(a: QuestionValues, b: QuestionValues): boolean {
  return STRUCTURE.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

const LOCKED = "Question : des réponses sont enregistrées ; seuls le libellé, la précision et l'obligation peuvent changer (copiez la campagne pour en changer les questions).";

async function lockedCampaign(trx: Knex.Transaction, scope: Scope, questionnaireId: number) {
  const row = await trx("questionnaires").where({ id: questionnaireId, office_id: scope.officeId }).first("id");
  if (!row) return null;
  return { answered: (await responseCount(trx, questionnaireId)) > 0 };
}

export async function addQuestion(scope: Scope, questionnaireId: number, v: QuestionValues): Promise<number | null> {
  return scope.db.transaction(async (trx) => {
    const campaign = await lockedCampaign(trx, scope, questionnaireId);
    if (!campaign) return null;
    if (campaign.answered) throw new QuestionnaireInputError("kind", LOCKED.replace("seuls le libellé, la précision et l'obligation peuvent changer", "on ne peut plus ajouter de question"));
    const [count] = (await trx("questionnaire_questions").where({ questionnaire_id: questionnaireId }).count({ n: "*" })) as Array<{ n: number | string }>;
    if (Number(count?.n ?? 0) >= MAX_QUESTIONS) throw new QuestionnaireInputError("text", `Question : ${MAX_QUESTIONS} questions au plus.`);
    const [last] = (await trx("questionnaire_questions").where({ questionnaire_id: questionnaireId }).max({ max: "position" })) as Array<{ max: number | null }>;
    const position = Number(last?.max ?? 0) + 1;
    const id = insertedId(await trx("questionnaire_questions").insert({ ...questionColumns(v), questionnaire_id: questionnaireId, position }).returning("id"));
    await recordHistory(trx, { officeId: scope.officeId, entityType: "questionnaire", entityId: questionnaireId, action: "update", actor: scope.actor, now: scope.now, before: { question_added: null }, after: { question_added: questionLine(position, v) } });
    return id;
  });
}

function valuesOf(q: Question): QuestionValues {
  return { kind: q.kind, text: q.text, help: q.help, required: q.required, levels: q.levels, choices: q.choices, minValue: q.minValue, maxValue: q.maxValue, personal: q.personal };
}

async function questionIn(trx: Knex.Transaction, questionnaireId: number, questionId: number): Promise<Question | null> {
  const row = await trx("questionnaire_questions").where({ id: questionId, questionnaire_id: questionnaireId }).first();
  return row ? toQuestion(row) : null;
}

export async function updateQuestion(scope: Scope, questionnaireId: number, questionId: number, v: QuestionValues): Promise<boolean> {
  return scope.db.transaction(async (trx) => {
    const campaign = await lockedCampaign(trx, scope, questionnaireId);
    const question = campaign ? await questionIn(trx, questionnaireId, questionId) : null;
    if (!campaign || !question) return false;
    const before = valuesOf(question);
    if (campaign.answered && !sameStructure(before, v)) throw new QuestionnaireInputError("kind", LOCKED);
    await trx("questionnaire_questions").where({ id: questionId }).update(questionColumns(v));
    await recordHistory(trx, {
      officeId: scope.officeId,
      entityType: "questionnaire",
      entityId: questionnaireId,
      action: "update",
      actor: scope.actor,
      now: scope.now,
      before: { question_changed: questionLine(question.position, before) },
      after: { question_changed: questionLine(question.position, v) },
    });
    return true;
  });
}

/** Removes a question of a campaign without answers and renumbers the others. */
export async function removeQuestion(scope: Scope, questionnaireId: number, questionId: number): Promise<boolean> {
  return scope.db.transaction(async (trx) => {
    const campaign = await lockedCampaign(trx, scope, questionnaireId);
    const question = campaign ? await questionIn(trx, questionnaireId, questionId) : null;
    if (!campaign || !question) return false;
    if (campaign.answered) throw new QuestionnaireInputError("kind", LOCKED.replace("seuls le libellé, la précision et l'obligation peuvent changer", "on ne peut plus retirer de question"));
    await trx("questionnaire_questions").where({ id: questionId }).delete();
    await renumber(trx, questionnaireId);
    await recordHistory(trx, { officeId: scope.officeId, entityType: "questionnaire", entityId: questionnaireId, action: "update", actor: scope.actor, now: scope.now, before: { question_removed: null }, after: { question_removed: questionLine(question.position, valuesOf(question)) } });
    return true;
  });
}

async function renumber(trx: Knex.Transaction, questionnaireId: number, order?: number[]) {
  const ids = order ?? (await trx("questionnaire_questions").where({ questionnaire_id: questionnaireId }).orderBy("position").orderBy("id").select("id")).map((r) => r.id);
  for (const [i, id] of ids.entries()) await trx("questionnaire_questions").where({ id }).update({ position: i + 1 });
}

/** Moves a question one place up or down (allowed while the campaign has no answers). */
export async function moveQuestion(scope: Scope, questionnaireId: number, questionId: number, direction: "up" | "down"): Promise<boolean> {
  return scope.db.transaction(async (trx) => {
    const campaign = await lockedCampaign(trx, scope, questionnaireId);
    const question = campaign ? await questionIn(trx, questionnaireId, questionId) : null;
    if (!campaign || !question) return false;
    if (campaign.answered) throw new QuestionnaireInputError("kind", LOCKED.replace("seuls le libellé, la précision et l'obligation peuvent changer", "l'ordre des questions ne change plus"));
    const ids = (await trx("questionnaire_questions").where({ questionnaire_id: questionnaireId }).orderBy("position").orderBy("id").select("id")).map((r) => r.id);
    const at = ids.indexOf(questionId);
    const to = direction === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= ids.length) return true;
    [ids[at], ids[to]] = [ids[to]!, ids[at]!];
    await renumber(trx, questionnaireId, ids);
    await recordHistory(trx, {
      officeId: scope.officeId,
      entityType: "questionnaire",
      entityId: questionnaireId,
      action: "update",
      actor: scope.actor,
      now: scope.now,
      before: { questions_order: `Q${at + 1} : ${question.text}` },
      after: { questions_order: `Q${to + 1} : ${question.text}` },
    });
    return true;
  });
}

// ── Answer sheets ───────────────────────────────────────────────────────────────────────────

/** "Q1 : 4 (Très satisfait) ; Q2 : Internet, Guide" — personal answers only as "renseigné". */
function sheetSummary(questions: readonly Question[], sheet: SheetValues): string {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return sheet.answers
    .map((a) => {
      const q = byId.get(a.questionId);
      if (!q) return "";
      const value =
        q.kind === "scale"
          ? `${a.number} (${levelWord(q.levels ?? 4, a.number ?? 0)})`
          : q.kind === "single" || q.kind === "multiple"
            ? a.choices.map((c) => q.choices[c] ?? String(c + 1)).join(", ")
            : q.kind === "number"
              ? (a.number ?? 0).toLocaleString("fr-FR")
              : q.personal
                ? "renseigné"
                : a.text.length > 120
                  ? `${a.text.slice(0, 119)}…`
                  : a.text;
      return `Q${q.position} : ${value}`;
    })
    .filter(Boolean)
    .join(" ; ")
    .slice(0, 4000);
}

interface AnswerRow {
  response_id: number;
  question_id: number;
  number: number | null;
  choice: number | null;
  text: string;
}

function answerRows(responseId: number, sheet: SheetValues, questions: readonly Question[], consent: boolean): AnswerRow[] {
  const personal = new Set(questions.filter((q) => q.personal).map((q) => q.id));
  return sheet.answers.flatMap((a): AnswerRow[] => {
    if (personal.has(a.questionId) && !consent) return [];
    if (a.choices.length) return a.choices.map((choice) => ({ response_id: responseId, question_id: a.questionId, number: null, choice, text: "" }));
    return [{ response_id: responseId, question_id: a.questionId, number: a.number, choice: null, text: a.text }];
  });
}

async function insertAnswers(trx: Knex.Transaction, rows: AnswerRow[]) {
  for (let i = 0; i < rows.length; i += 100) await trx("questionnaire_answers").insert(rows.slice(i, i + 100));
}

async function openCampaignForAnswers(trx: Knex.Transaction, scope: Scope, questionnaireId: number) {
  const row = await trx("questionnaires").where({ id: questionnaireId, office_id: scope.officeId }).first();
  if (!row) return null;
  if (bool(row.not_held)) throw new QuestionnaireInputError("answeredOn", "Campagne non réalisée : elle ne reçoit pas de réponses.");
  return { row, questions: await questionsOf(trx, questionnaireId) };
}

/** One sheet typed by staff from paper; its history row says what it holds (no personal data). Null when not the office's. */
export async function recordSheet(scope: Scope, questionnaireId: number, sheet: SheetValues): Promise<number | null> {
  return scope.db.transaction(async (trx) => {
    const campaign = await openCampaignForAnswers(trx, scope, questionnaireId);
    if (!campaign) return null;
    const now = nowIso(scope.now);
    const row = {
      office_id: scope.officeId,
      questionnaire_id: questionnaireId,
      site_id: sheet.siteId,
      answered_on: sheet.answeredOn ?? scope.today,
      channel: sheet.channel ?? "papier",
      source: "staff" as Source,
      consent: sheet.consent,
      created_by_user_id: scope.actor.userId,
      created_by_name: scope.actor.name,
      created_at: now,
    };
    const id = insertedId(await trx("questionnaire_responses").insert(row).returning("id"));
    await insertAnswers(trx, answerRows(id, sheet, campaign.questions, sheet.consent));
    await recordHistory(trx, {
      officeId: scope.officeId,
      entityType: "questionnaire_response",
      entityId: id,
      action: "create",
      actor: scope.actor,
      now: scope.now,
      before: null,
      after: { site_id: row.site_id, answered_on: row.answered_on, channel: row.channel, source: row.source, consent: row.consent, answers: sheetSummary(campaign.questions, sheet) },
    });
    return id;
  });
}

/**
 * Many sheets at once (a CSV file, the demo), all or none, with one history row on the campaign
 * saying how many. Returns the count, or null when the campaign is not the office's.
 */
export async function addSheets(scope: Scope, questionnaireId: number, sheets: readonly SheetValues[], source: Source = "import"): Promise<number | null> {
  return scope.db.transaction(async (trx) => {
    const campaign = await openCampaignForAnswers(trx, scope, questionnaireId);
    if (!campaign) return null;
    const now = nowIso(scope.now);
    const answers: AnswerRow[] = [];
    for (const sheet of sheets) {
      const id = insertedId(
        await trx("questionnaire_responses")
          .insert({
            office_id: scope.officeId,
            questionnaire_id: questionnaireId,
            site_id: sheet.siteId,
            answered_on: sheet.answeredOn ?? scope.today,
            channel: sheet.channel ?? "papier",
            source,
            consent: sheet.consent,
            created_by_user_id: scope.actor.userId,
            created_by_name: scope.actor.name,
            created_at: now,
          })
          .returning("id"),
      );
      answers.push(...answerRows(id, sheet, campaign.questions, sheet.consent));
    }
    await insertAnswers(trx, answers);
    await recordHistory(trx, { officeId: scope.officeId, entityType: "questionnaire", entityId: questionnaireId, action: "update", actor: scope.actor, now: scope.now, before: { responses_imported: null }, after: { responses_imported: sheets.length } });
    return sheets.length;
  });
}

export interface PublicQuestionnaire {
  id: number;
  officeId: number;
  officeName: string;
  title: string;
  intro: string;
  thanks: string;
  startsOn: string;
  endsOn: string;
  channels: Channel[];
  notHeld: boolean;
  sites: Array<{ id: number; name: string }>;
  questions: Question[];
}

/** What the public page shows of a campaign, found by its link's token (no account, no office context). */
export async function openPublicQuestionnaire(db: Knex, token: string): Promise<PublicQuestionnaire | null> {
  if (!/^[A-Za-z0-9_-]{16,40}$/.test(token)) return null;
  const row = await db("questionnaires as q")
    .join("offices as o", "o.id", "q.office_id")
    .where("q.public_token", token)
    .select<Array<QuestionnairesRecord & { office_name: string }>>("q.*", "o.name as office_name")
    .first();
  if (!row) return null;
  const id = row.id;
  const [sites, questions] = await Promise.all([sitesOf(db, [id]), questionsOf(db, id)]);
  return {
    id,
    officeId: row.office_id,
    officeName: row.office_name,
    title: row.title,
    intro: row.intro,
    thanks: row.thanks,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    channels: parseChannels(row.channels),
    notHeld: bool(row.not_held),
    sites: sites.get(id) ?? [],
    questions,
  };
}

/**
 * A sheet sent from the public page: no account, no history row (a visitor's answer is data, not
 * a change of the office's records), nothing of the visitor but what the questions asked. The
 * form's one-time token is recorded in the same transaction, so a double click writes once.
 */
export async function recordPublicSheet(db: Knex, campaign: PublicQuestionnaire, sheet: SheetValues, context: { channel: Channel; today: string; now: Date; formToken?: FormTokenUse }): Promise<number> {
  return db.transaction(async (trx) => {
    await consumeFormToken(trx, context.formToken, null, context.now);
    const id = insertedId(
      await trx("questionnaire_responses")
        .insert({
          office_id: campaign.officeId,
          questionnaire_id: campaign.id,
          site_id: sheet.siteId,
          answered_on: context.today,
          channel: context.channel,
          source: "public",
          consent: sheet.consent,
          created_by_user_id: null,
          created_by_name: "Visiteur (page publique)",
          created_at: nowIso(context.now),
        })
        .returning("id"),
    );
    await insertAnswers(trx, answerRows(id, sheet, campaign.questions, sheet.consent));
    return id;
  });
}

export interface ResponseDetail {
  id: number;
  questionnaireId: number;
  questionnaireTitle: string;
  siteId: number | null;
  siteName: string | null;
  answeredOn: string;
  channel: Channel;
  source: Source;
  consent: boolean;
  createdByName: string;
  createdAt: string;
  answers: Array<{ question: Question; value: string; level: number | null; dissatisfied: boolean; personal: boolean }>;
  dissatisfied: boolean;
  /** personal answers the reader may not see */
  hiddenPersonal: number;
  followUps: FollowUp[];
}

function answerText(q: Question, rows: QuestionnaireAnswersRecord[]): string {
  if (q.kind === "scale") {
    const level = rows[0]?.number ?? 0;
    return `${level} — ${levelWord(q.levels ?? 4, level)}`;
  }
  if (q.kind === "single" || q.kind === "multiple") {
    return rows
      .map((r) => r.choice)
      .filter((c): c is number => c !== null)
      .sort((a, b) => a - b)
      .map((c) => q.choices[c] ?? `Choix ${c + 1}`)
      .join(", ");
  }
  if (q.kind === "number") return (rows[0]?.number ?? 0).toLocaleString("fr-FR");
  return rows[0]?.text ?? "";
}

export async function getResponse(scope: Scope, responseId: number): Promise<ResponseDetail | null> {
  const row = await scope
    .db("questionnaire_responses as r")
    .join("questionnaires as q", "q.id", "r.questionnaire_id")
    .leftJoin("sites as s", "s.id", "r.site_id")
    .where({ "r.id": responseId, "r.office_id": scope.officeId, "q.office_id": scope.officeId })
    .select<Array<QuestionnaireResponsesRecord & { questionnaire_title: string; site_name: string | null }>>("r.*", "q.title as questionnaire_title", "s.name as site_name")
    .first();
  if (!row) return null;
  const questionnaireId = row.questionnaire_id;
  const [questions, answers, followUps] = await Promise.all([
    questionsOf(scope.db, questionnaireId),
    scope.db("questionnaire_answers").where({ response_id: responseId }).orderBy("id"),
    followUpsOf(scope, { responseId }),
  ]);
  const personal = seesPersonalAnswers(scope);
  let hiddenPersonal = 0;
  const shown = questions.flatMap((q) => {
    const rows = answers.filter((a) => a.question_id === q.id);
    if (rows.length === 0 || (q.kind === "text" && (rows[0]?.text ?? "") === "")) return [];
    if (q.personal && !personal) {
      hiddenPersonal += 1;
      return [];
    }
    const level = q.kind === "scale" ? (rows[0]?.number ?? 0) : null;
    return [{ question: q, value: answerText(q, rows), level, dissatisfied: level !== null && isDissatisfied(level), personal: q.personal }];
  });
  return {
    id: responseId,
    questionnaireId,
    questionnaireTitle: row.questionnaire_title,
    siteId: row.site_id,
    siteName: row.site_name || null,
    answeredOn: row.answered_on,
    channel: row.channel as Channel,
    source: row.source as Source,
    consent: bool(row.consent),
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    answers: shown,
    dissatisfied: shown.some((a) => a.dissatisfied),
    hiddenPersonal,
    followUps,
  };
}

export const RESPONSES_PAGE_SIZE = 50;

export interface ResponseRow {
  id: number;
  answeredOn: string;
  siteName: string | null;
  channel: Channel;
  source: Source;
  createdByName: string;
  answers: number;
  dissatisfied: number;
  followUps: number;
}

/** The sheets of a campaign, the latest first, optionally only those with a dissatisfied answer. */
export async function listResponses(scope: Scope, questionnaireId: number, query: { page: number; siteId: number | null; dissatisfiedOnly: boolean; pageSize?: number }) {
  const db = scope.db;
  const pageSize = query.pageSize ?? RESPONSES_PAGE_SIZE;
  const low = db("questionnaire_answers as la").join("questionnaire_questions as lq", "lq.id", "la.question_id").where("lq.kind", "scale").where("la.number", "<=", 2).whereRaw("la.response_id = r.id");
  const base = () => {
    const q = db("questionnaire_responses as r").where({ "r.office_id": scope.officeId, "r.questionnaire_id": questionnaireId });
    if (query.siteId !== null) q.where("r.site_id", query.siteId);
    if (query.dissatisfiedOnly) q.whereExists(low.clone().select(db.raw("1")));
    return q;
  };
  const [totalRow] = await base().count<{ n: number }[]>({ n: "*" });
  const rows = (await base()
    .leftJoin("sites as s", "s.id", "r.site_id")
    .select("r.id", "r.answered_on", "r.channel", "r.source", "r.created_by_name", "s.name as site_name")
    .select(db.raw("(select count(distinct a.question_id) from questionnaire_answers a where a.response_id = r.id) as answers"))
    .select(db.raw("(select count(*) from questionnaire_answers la join questionnaire_questions lq on lq.id = la.question_id where la.response_id = r.id and lq.kind = 'scale' and la.number <= 2) as dissatisfied"))
    .select(db.raw("(select count(*) from questionnaire_follow_ups f where f.response_id = r.id) as follow_ups"))
    .orderBy([
      { column: "r.answered_on", order: "desc" },
      { column: "r.id", order: "desc" },
    ])
    .limit(pageSize)
    .offset((Math.max(1, query.page) - 1) * pageSize)) as Array<
    Pick<QuestionnaireResponsesRecord, "id" | "answered_on" | "channel" | "source" | "created_by_name"> & { site_name: string | null; answers: number | string; dissatisfied: number | string; follow_ups: number | string }
  >;
  return {
    total: Number(totalRow?.n ?? 0),
    rows: rows.map(
      (r): ResponseRow => ({
        id: r.id,
        answeredOn: r.answered_on,
        siteName: r.site_name || null,
        channel: r.channel as Channel,
        source: r.source as Source,
        createdByName: r.created_by_name,
        answers: Number(r.answers),
        dissatisfied: Number(r.dissatisfied),
        followUps: Number(r.follow_ups),
      }),
    ),
  };
}

/** Deletes a sheet typed or imported by mistake (its complaints and actions stay). */
export async function deleteResponse(scope: Scope, responseId: number): Promise<number | null> {
  return scope.db.transaction(async (trx) => {
    const row = await trx("questionnaire_responses").where({ id: responseId, office_id: scope.officeId }).first();
    if (!row) return null;
    const questions = await questionsOf(trx, row.questionnaire_id);
    const answers = await trx("questionnaire_answers").where({ response_id: responseId });
    const sheet: SheetValues = {
      siteId: row.site_id,
      consent: bool(row.consent),
      answeredOn: row.answered_on,
      channel: row.channel as Channel,
      answers: questions.flatMap((q) => {
        const mine = answers.filter((a) => a.question_id === q.id);
        if (mine.length === 0) return [];
        return [{ questionId: q.id, number: mine[0]!.number, choices: mine.map((a) => a.choice).filter((c): c is number => c !== null), text: mine[0]!.text }];
      }),
    };
    await trx("questionnaire_responses").where({ id: responseId }).delete();
    await recordHistory(trx, {
      officeId: scope.officeId,
      entityType: "questionnaire_response",
      entityId: responseId,
      action: "delete",
      actor: scope.actor,
      now: scope.now,
      before: { site_id: sheet.siteId, answered_on: sheet.answeredOn, channel: sheet.channel, source: row.source, consent: sheet.consent, answers: sheetSummary(questions, sheet) },
      after: null,
    });
    return row.questionnaire_id;
  });
}

/** Erases the personal answers of one sheet (at the visitor's request); the other answers stay. */
export async function erasePersonalAnswers(scope: Scope, responseId: number): Promise<boolean> {
  return scope.db.transaction(async (trx) => {
    const row = await trx("questionnaire_responses").where({ id: responseId, office_id: scope.officeId }).first("id", "questionnaire_id");
    if (!row) return false;
    await clearPersonal(trx, scope, [responseId], "Effacées à la demande de la personne");
    return true;
  });
}

async function clearPersonal(trx: Knex.Transaction, scope: Scope, responseIds: number[], why: string) {
  for (const responseId of responseIds) {
    const personal = trx("questionnaire_questions").where({ personal: true }).select("id");
    await trx("questionnaire_answers").where({ response_id: responseId }).whereIn("question_id", personal).delete();
    await trx("questionnaire_responses").where({ id: responseId }).update({ consent: false });
    await recordHistory(trx, { officeId: scope.officeId, entityType: "questionnaire_response", entityId: responseId, action: "update", actor: scope.actor, now: scope.now, before: { personal_data: null }, after: { personal_data: why } });
  }
}

/**
 * The retention pass (with the registers', decision 023): personal answers of campaigns ended
 * longer ago than the office's retention period are erased. Returns how many sheets lost some.
 */
export async function erasePersonalAnswersExpired(scope: Scope): Promise<number> {
  const settings = await getRegisterSettings(scope);
  const limit = anonymiseClosedUpTo(scope.today, settings.retentionYears);
  return scope.db.transaction(async (trx) => {
    const rows = await trx("questionnaire_responses as r")
      .join("questionnaires as q", "q.id", "r.questionnaire_id")
      .where({ "r.office_id": scope.officeId })
      .where("q.ends_on", "<=", limit)
      .whereExists(trx("questionnaire_answers as a").join("questionnaire_questions as qq", "qq.id", "a.question_id").where("qq.personal", true).whereRaw("a.response_id = r.id").select(trx.raw("1")))
      .select<Array<{ id: number }>>("r.id");
    await clearPersonal(trx, scope, rows.map((r) => r.id), `Conservation de ${settings.retentionYears} an${settings.retentionYears > 1 ? "s" : ""} après la campagne dépassée`);
    return rows.length;
  });
}

// ── Results ─────────────────────────────────────────────────────────────────────────────────

export type QuestionFigures =
  | { kind: "scale"; stats: ScaleStats }
  | { kind: "single" | "multiple"; stats: ChoiceStats }
  | { kind: "number"; stats: NumberStats }
  | { kind: "text"; count: number };

interface Aggregate {
  responses: number;
  byChannel: Partial<Record<Channel, number>>;
  figures: Map<number, QuestionFigures>;
}

async function aggregate(db: Knex, officeId: number, questionnaireId: number, questions: readonly Question[], siteId: number | null): Promise<Aggregate> {
  const responses = () => {
    const q = db("questionnaire_responses as r").where({ "r.office_id": officeId, "r.questionnaire_id": questionnaireId });
    if (siteId !== null) q.where("r.site_id", siteId);
    return q;
  };
  const [channels, cells, respondents] = await Promise.all([
    responses().groupBy("r.channel").select("r.channel").count<Array<{ channel: string; n: number | string }>>({ n: "*" }),
    responses()
      .join("questionnaire_answers as a", "a.response_id", "r.id")
      .groupBy("a.question_id", "a.number", "a.choice")
      .select("a.question_id", "a.number", "a.choice")
      .count<Array<{ question_id: number; number: number | null; choice: number | null; n: number | string }>>({ n: "*" })
      .select(db.raw("sum(case when a.text <> '' then 1 else 0 end) as texts")),
    responses().join("questionnaire_answers as a", "a.response_id", "r.id").groupBy("a.question_id").select("a.question_id").countDistinct<Array<{ question_id: number; n: number | string }>>({ n: "a.response_id" }),
  ]);
  const byChannel: Partial<Record<Channel, number>> = {};
  for (const c of channels) byChannel[c.channel as Channel] = Number(c.n);
  const respondentsOf = new Map(respondents.map((r) => [r.question_id, Number(r.n)]));
  const figures = new Map<number, QuestionFigures>();
  for (const q of questions) {
    const mine = (cells as Array<{ question_id: number; number: number | null; choice: number | null; n: number | string; texts: number | string | null }>).filter((c) => c.question_id === q.id);
    if (q.kind === "scale") {
      const counts = Array.from({ length: q.levels ?? 4 }, (_, i) => mine.filter((c) => c.number === i + 1).reduce((a, c) => a + Number(c.n), 0));
      figures.set(q.id, { kind: "scale", stats: scaleStats(q.levels ?? 4, counts) });
    } else if (q.kind === "single" || q.kind === "multiple") {
      const counts = q.choices.map((_, i) => mine.filter((c) => c.choice === i).reduce((a, c) => a + Number(c.n), 0));
      figures.set(q.id, { kind: q.kind, stats: choiceStats(q.choices, counts, respondentsOf.get(q.id) ?? 0) });
    } else if (q.kind === "number") {
      const values = mine.flatMap(({ number, n }) => (number === null ? [] : Array.from({ length: Math.min(Number(n), 100_000) }, () => number)));
      figures.set(q.id, { kind: "number", stats: numberStats(values) });
    } else {
      figures.set(q.id, { kind: "text", count: mine.reduce((a, c) => a + Number(c.texts ?? 0), 0) });
    }
  }
  const total = (await responses().count<{ n: number }[]>({ n: "*" }))[0];
  return { responses: Number(total?.n ?? 0), byChannel, figures };
}

export interface QuestionResult {
  question: Question;
  current: QuestionFigures;
  previous: QuestionFigures | null;
  previousQuestion: Question | null;
}

export interface SiteResult {
  siteId: number | null;
  siteName: string;
  responses: number;
  rate: number | null;
  previousRate: number | null;
  /** the satisfaction rate of each scale question at this site */
  rates: Record<number, number | null>;
}

export interface Results {
  responses: number;
  byChannel: Partial<Record<Channel, number>>;
  rate: number | null;
  previous: { id: number; title: string; startsOn: string; responses: number; rate: number | null } | null;
  /** campaigns not held between the previous one and this one */
  skipped: Array<{ id: number; title: string; startsOn: string; reason: string }>;
  questions: QuestionResult[];
  sites: SiteResult[];
  texts: Array<{ question: Question; answers: Array<{ responseId: number; text: string; answeredOn: string; siteName: string | null }>; more: number }>;
  dissatisfied: { total: number; rows: ResponseRow[] };
}

const TEXTS_SHOWN = 200;

/** Results of a campaign, of one site when asked, against the previous campaign held. */
export async function questionnaireResults(scope: Scope, questionnaire: QuestionnaireDetail, filters: { siteId: number | null }): Promise<Results> {
  const db = scope.db;
  const campaigns = (await db("questionnaires").where({ office_id: scope.officeId }).select("id", "title", "starts_on", "not_held", "not_held_reason")).map((r) => ({
    id: r.id,
    title: r.title,
    startsOn: r.starts_on,
    notHeld: bool(r.not_held),
    reason: r.not_held_reason,
  }));
  const { previous, skipped } = previousCampaign(campaigns, questionnaire);
  const previousQuestions = previous ? await questionsOf(db, previous.id) : [];
  // Copies of copies (2021 ← 2020 not held ← 2019): the questions of the skipped campaigns link them.
  const skippedQuestions = skipped.length ? await db("questionnaire_questions").whereIn("questionnaire_id", skipped.map((s) => s.id)).select("id", "copied_from_id") : [];
  const copiedFrom = new Map<number, number | null>(skippedQuestions.map((r) => [r.id, r.copied_from_id]));
  const matches = matchPrevious(questionnaire.questions, previousQuestions, copiedFrom);
  const [current, before] = await Promise.all([
    aggregate(db, scope.officeId, questionnaire.id, questionnaire.questions, filters.siteId),
    previous ? aggregate(db, scope.officeId, previous.id, previousQuestions, filters.siteId) : Promise.resolve(null),
  ]);
  const scaleOf = (agg: Aggregate | null) => [...(agg?.figures.values() ?? [])].flatMap((f) => (f.kind === "scale" ? [f.stats] : []));
  const questions: QuestionResult[] = questionnaire.questions.map((q) => {
    const previousId = matches.get(q.id);
    const previousQuestion = previousQuestions.find((p) => p.id === previousId) ?? null;
    return { question: q, current: current.figures.get(q.id)!, previous: previousQuestion && before ? (before.figures.get(previousQuestion.id) ?? null) : null, previousQuestion };
  });
  const [sites, texts, dissatisfied] = await Promise.all([
    siteResults(scope, questionnaire, previous?.id ?? null),
    textAnswers(scope, questionnaire, filters.siteId),
    listResponses(scope, questionnaire.id, { page: 1, siteId: filters.siteId, dissatisfiedOnly: true, pageSize: 100 }),
  ]);
  return {
    responses: current.responses,
    byChannel: current.byChannel,
    rate: pooledSatisfaction(scaleOf(current)).rate,
    previous: previous && before ? { id: previous.id, title: previous.title, startsOn: previous.startsOn, responses: before.responses, rate: pooledSatisfaction(scaleOf(before)).rate } : null,
    skipped: skipped.map((s) => ({ id: s.id, title: s.title, startsOn: s.startsOn, reason: s.reason })),
    questions,
    sites,
    texts,
    dissatisfied,
  };
}

/** Per site: sheets, the pooled satisfaction rate (and the previous campaign's there), each scale question's rate. */
async function siteResults(scope: Scope, questionnaire: QuestionnaireDetail, previousId: number | null): Promise<SiteResult[]> {
  const db = scope.db;
  const rowsOf = (questionnaireId: number) =>
    db("questionnaire_responses as r")
      .join("questionnaire_answers as a", "a.response_id", "r.id")
      .join("questionnaire_questions as q", "q.id", "a.question_id")
      .where({ "r.office_id": scope.officeId, "r.questionnaire_id": questionnaireId, "q.kind": "scale" })
      .groupBy("r.site_id", "a.question_id")
      .select("r.site_id", "a.question_id")
      .count<Array<{ site_id: number | null; question_id: number; n: number | string; satisfied: number | string }>>({ n: "*" })
      .select(db.raw("sum(case when a.number >= q.levels - 1 then 1 else 0 end) as satisfied"));
  const [cells, previousCells, counts] = await Promise.all([
    rowsOf(questionnaire.id),
    previousId ? rowsOf(previousId) : Promise.resolve([]),
    db("questionnaire_responses").where({ office_id: scope.officeId, questionnaire_id: questionnaire.id }).groupBy("site_id").select("site_id").count<Array<{ site_id: number | null; n: number | string }>>({ n: "*" }),
  ]);
  const siteNames = new Map<number, string>(questionnaire.sites.map((s) => [s.id, s.name]));
  const extra = counts.map((c) => c.site_id).filter((id): id is number => id !== null && !siteNames.has(id));
  if (extra.length) for (const s of await db("sites").whereIn("id", extra).select("id", "name")) siteNames.set(s.id, s.name);
  const keys: Array<number | null> = [...siteNames.keys()];
  if (counts.some((c) => c.site_id === null)) keys.push(null);
  const pooled = (list: typeof cells, site: number | null) => {
    const mine = list.filter((c) => c.site_id === site);
    const answered = mine.reduce((a, c) => a + Number(c.n), 0);
    const satisfied = mine.reduce((a, c) => a + Number(c.satisfied), 0);
    return percent(satisfied, answered);
  };
  return keys
    .map((site) => ({
      siteId: site,
      siteName: site === null ? "Sans bureau précisé" : (siteNames.get(site) ?? "—"),
      responses: Number(counts.find((c) => c.site_id === site)?.n ?? 0),
      rate: pooled(cells, site),
      previousRate: pooled(previousCells, site),
      rates: Object.fromEntries(
        questionnaire.questions
          .filter((q) => q.kind === "scale")
          .map((q) => {
            const cell = cells.find((c) => c.site_id === site && c.question_id === q.id);
            return [q.id, cell ? percent(Number(cell.satisfied), Number(cell.n)) : null];
          }),
      ),
    }))
    .sort((a, b) => (a.siteId === null ? 1 : b.siteId === null ? -1 : a.siteName.localeCompare(b.siteName, "fr")));
}

async function textAnswers(scope: Scope, questionnaire: QuestionnaireDetail, siteId: number | null) {
  // Coordinates are read on each sheet, by those who may: the results list none.
  const questions = questionnaire.questions.filter((q) => q.kind === "text" && !q.personal);
  return Promise.all(
    questions.map(async (q) => {
      const base = () => {
        const query = scope.db("questionnaire_answers as a").join("questionnaire_responses as r", "r.id", "a.response_id").where({ "a.question_id": q.id, "r.office_id": scope.officeId }).whereNot("a.text", "");
        if (siteId !== null) query.where("r.site_id", siteId);
        return query;
      };
      const [countRow] = await base().count<{ n: number }[]>({ n: "*" });
      const rows = await base()
        .leftJoin("sites as s", "s.id", "r.site_id")
        .orderBy([
          { column: "r.answered_on", order: "desc" },
          { column: "r.id", order: "desc" },
        ])
        .limit(TEXTS_SHOWN)
        .select<Array<{ id: number; text: string; answered_on: string; site_name: string | null }>>("r.id", "a.text", "r.answered_on", "s.name as site_name");
      const total = Number(countRow?.n ?? 0);
      return {
        question: q,
        answers: rows.map((r) => ({ responseId: r.id, text: r.text, answeredOn: r.answered_on, siteName: r.site_name || null })),
        more: Math.max(0, total - rows.length),
      };
    }),
  );
}

// ── What answers lead to ────────────────────────────────────────────────────────────────────

/** What a complaint says of its sheet: its low levels, then what the visitor wrote (no personal answer). */
function sheetSentences(detail: ResponseDetail): string[] {
  const low = detail.answers.filter((a) => a.dissatisfied).map((a) => `${a.question.text} : ${a.value.replace(/^\d+ — /, "").toLocaleLowerCase("fr")}`);
  const written = detail.answers.filter((a) => a.question.kind === "text" && !a.personal).map((a) => `« ${a.value} »`);
  return [...(low.length ? [`Réponses basses : ${low.join(" ; ")}.`] : []), ...(written.length ? [`Le visiteur a écrit : ${written.join(" ")}`] : [])];
}

/**
 * A complaint of the register from a sheet (channel "questionnaire de satisfaction", the sheet's
 * day and site), the personal answers as its contact when the visitor agreed; linked to the sheet.
 */
export async function complaintFromResponse(scope: Scope, responseId: number, values: ComplaintFromAnswerValues): Promise<number | null> {
  const detail = await getResponse({ ...scope, role: "admin" }, responseId);
  if (!detail) return null;
  return scope.db.transaction(async (trx) => {
    if (values.personId !== null && !(await trx("people").where({ id: values.personId, office_id: scope.officeId }).first("id"))) {
      throw new QuestionnaireInputError("personId", "Traitée par : choix invalide.");
    }
    const origin = `Réponse n° ${detail.id} au questionnaire « ${detail.questionnaireTitle} » du ${formatDate(detail.answeredOn)} (${CHANNEL_LABELS[detail.channel]}${detail.siteName ? `, ${detail.siteName}` : ""}).`;
    const description = [values.description, origin, ...sheetSentences(detail)].filter(Boolean).join(" ").slice(0, 5000);
    const contact = detail.consent ? detail.answers.filter((a) => a.personal).map((a) => a.value).join(" — ").slice(0, 300) : "";
    const entryId = await createEntry(
      { ...scope, db: trx },
      {
        kind: "complaint",
        occurredOn: detail.answeredOn,
        siteId: detail.siteId,
        category: values.category,
        subject: values.subject,
        description,
        personId: values.personId,
        closeReason: "",
        status: "ouverte",
        channel: "questionnaire",
        platform: "",
        reviewUrl: "",
        contactName: "",
        contactDetails: contact,
        answer: "",
        answeredOn: null,
        answeredBy: "",
      },
    );
    await trx("questionnaire_follow_ups").insert({ office_id: scope.officeId, questionnaire_id: detail.questionnaireId, response_id: detail.id, register_entry_id: entryId, created_at: nowIso(scope.now) });
    await recordHistory(trx, { officeId: scope.officeId, entityType: "questionnaire_response", entityId: detail.id, action: "update", actor: scope.actor, now: scope.now, before: { complaint_added: null }, after: { complaint_added: values.subject } });
    return entryId;
  });
}

/** An action of the plan from a campaign's results, or from one of its sheets; linked to both. */
export async function actionFromQuestionnaire(
  scope: Scope,
  target: { questionnaireId: number; responseId: number | null },
  values: Pick<ActionValues, "title" | "description" | "ownerId" | "dueOn" | "priority">,
): Promise<number | null> {
  const questionnaire = await scope.db("questionnaires").where({ id: target.questionnaireId, office_id: scope.officeId }).first("id", "title");
  if (!questionnaire) return null;
  const response = target.responseId
    ? await scope.db("questionnaire_responses").where({ id: target.responseId, office_id: scope.officeId, questionnaire_id: target.questionnaireId }).first("id", "site_id", "answered_on")
    : null;
  if (target.responseId && !response) return null;
  return scope.db.transaction(async (trx) => {
    const detail = response ? `Questionnaire « ${questionnaire.title} », réponse n° ${response.id} du ${formatDate(response.answered_on)}` : `Questionnaire « ${questionnaire.title} »`;
    const actionId = await createAction(
      { ...scope, db: trx },
      {
        ...values,
        origin: "questionnaire",
        findingId: null,
        originDetail: detail.slice(0, 300),
        contributorIds: [],
        siteIds: response?.site_id ? [response.site_id] : [],
      },
    );
    await trx("questionnaire_follow_ups").insert({ office_id: scope.officeId, questionnaire_id: target.questionnaireId, response_id: response ? response.id : null, action_id: actionId, created_at: nowIso(scope.now) });
    await recordHistory(trx, {
      officeId: scope.officeId,
      entityType: response ? "questionnaire_response" : "questionnaire",
      entityId: response ? response.id : target.questionnaireId,
      action: "update",
      actor: scope.actor,
      now: scope.now,
      before: { action_added: null },
      after: { action_added: values.title },
    });
    return actionId;
  });
}

/** The campaign and sheet a complaint or an action comes from, for their pages. */
export async function questionnaireOrigin(scope: Scope, target: { registerEntryId?: number; actionId?: number }) {
  const q = scope
    .db("questionnaire_follow_ups as f")
    .join("questionnaires as q", "q.id", "f.questionnaire_id")
    .where({ "f.office_id": scope.officeId })
    .select<Array<Pick<QuestionnaireFollowUpsRecord, "questionnaire_id" | "response_id"> & { title: string }>>("f.questionnaire_id", "f.response_id", "q.title")
    .first();
  if (target.registerEntryId !== undefined) q.where("f.register_entry_id", target.registerEntryId);
  if (target.actionId !== undefined) q.where("f.action_id", target.actionId);
  const row = await q;
  return row ? { questionnaireId: row.questionnaire_id, responseId: row.response_id, title: row.title } : null;
}
