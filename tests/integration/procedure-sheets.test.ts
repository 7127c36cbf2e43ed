import { FieldError, StateError } from "~/modules/errors";
// Procedure sheets on a real database (SQLite, and PostgreSQL in integration-postgres): codes,
// versions (a published sheet edited makes a new version, old ones stay readable), the people and
// groups concerned, "lu et compris" of the version in force only, reviews with the day pinned,
// files, the Word document's model, and two offices that never see each other's sheets.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { attachFile } from "~/modules/attachment/queries.server";
import { createPerson } from "~/modules/person/queries.server";
import {
  confirmReading,
  createSheet,
  deleteSheet,
  discardDraft,
  getSheet,
  getVersion,
  listSheets,
  publishSheet,
  readReceipts,
  recordReview,
  saveSheet,
  sheetDocument,
  sheetsToConfirm,
} from "~/modules/procedure/queries.server";
import type { SheetValues } from "~/modules/procedure/schema";
import { scopeOn, type Scope } from "~/modules/scope.server";
import type { PersonContract } from "~/modules/person/rules";
import { fileStore } from "~/storage.server";
import { createOfficeFixture, createUserInOffice, systemScope, unique, type OfficeFixture } from "../support/factories";

let a: OfficeFixture;
let b: OfficeFixture;

beforeAll(async () => {
  a = await createOfficeFixture();
  b = await createOfficeFixture();
});

/** The office's scope on a day, acting as one of its accounts (the référente, by default). */
function on(office: OfficeFixture, day: string, actor: { userId: number; name: string } = { userId: office.users.quality_referent.userId, name: "Référente" }): Scope {
  return { ...scopeOn(systemScope(office.officeId), day), actor };
}

function sheet(extra: Partial<SheetValues> = {}): SheetValues {
  return {
    code: unique("FQ"),
    title: "Accueil des visiteurs au comptoir",
    domain: "Accueil",
    body: "## Objet\nAccueillir chaque visiteur **dans la minute**.",
    referentId: null,
    followUpId: null,
    personIds: [],
    groups: [],
    reviewMonths: 12,
    changeNote: "",
    ...extra,
  };
}

/** A member of staff of the office, with an account when asked. */
async function staffMember(office: OfficeFixture, options: { contract?: PersonContract; arrivedOn?: string | null; account?: boolean; active?: boolean } = {}) {
  const name = unique("Salariée");
  const personId = await createPerson(systemScope(office.officeId), {
    fullName: name,
    kind: "staff",
    jobTitle: "",
    organisation: "",
    email: "",
    phone: "",
    siteId: null,
    contract: options.contract ?? "permanent",
    arrivedOn: options.arrivedOn ?? "2015-01-05",
    qualityGroupMember: false,
    active: options.active ?? true,
  });
  const user = options.account === false ? null : await createUserInOffice(office.officeId, "staff", undefined, personId);
  return { personId, name, userId: user?.userId ?? null };
}

const count = async (table: string) => Number((await getDb()(table).count<{ n: number }[]>({ n: "*" }))[0]?.n);

describe("codes and people", () => {
  it("keeps a code unique in its office whatever the case, and lets another office use it", async () => {
    const code = unique("FQ");
    await createSheet(on(a, "2021-03-26"), sheet({ code }), { publish: false });
    await expect(createSheet(on(a, "2021-03-26"), sheet({ code: code.toLowerCase() }), { publish: false })).rejects.toMatchObject({ field: "code" });
    await expect(createSheet(on(b, "2021-03-26"), sheet({ code }), { publish: false })).resolves.toBeGreaterThan(0);
  });

  it("refuses another office's person beside the field, and writes nothing", async () => {
    const before = [await count("procedure_sheets"), await count("procedure_versions"), await count("history")];
    for (const field of ["referentId", "followUpId", "personIds"] as const) {
      const values = field === "personIds" ? sheet({ personIds: [b.personId] }) : sheet({ [field]: b.personId });
      const error = await createSheet(on(a, "2021-03-26"), values, { publish: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FieldError);
      expect((error as FieldError).field).toBe(field);
    }
    expect([await count("procedure_sheets"), await count("procedure_versions"), await count("history")]).toEqual(before);
  });
});

describe("versions", () => {
  it("publishes a first version, makes a new one when a published sheet is edited, and keeps the old one readable", async () => {
    const reader = await staffMember(a);
    const id = await createSheet(on(a, "2021-03-20"), sheet({ referentId: a.personId, followUpId: a.personId, personIds: [reader.personId], groups: ["seasonal", "interns"] }), { publish: false });
    const draft = (await getSheet(on(a, "2021-03-20"), { sheetId: id, userId: 0, personId: null }))!;
    expect(draft).toMatchObject({ currentVersion: 0, current: null, draft: { number: 1, status: "draft" }, review: { state: "unpublished" } });

    expect(await publishSheet(on(a, "2021-03-26"), { sheetId: id })).toBe(1);
    const v1 = (await getSheet(on(a, "2021-03-26"), { sheetId: id, userId: 0, personId: null }))!;
    expect(v1).toMatchObject({ currentVersion: 1, reviewedOn: "2021-03-26", draft: null, review: { dueOn: "2022-03-26", state: "ok" } });
    expect(v1.current).toMatchObject({ number: 1, status: "published", updatedOn: "2021-03-26", changeNote: "Création de la fiche", publishedByName: "Référente" });
    // The header's line: the people by name, then the groups in the seed's order.
    expect(v1.current!.concernedText).toBe(`${reader.name} – Stagiaires – Saisonniers`);
    expect(v1.current!.referentName).toBe((await getDb()("people").where({ id: a.personId }).first())!.full_name);

    // Edited: a draft of version 2; readers still have version 1.
    const edited = await saveSheet(on(a, "2021-09-01"), { sheetId: id }, sheet({ code: v1.code, title: "Accueil au comptoir et au téléphone", personIds: [reader.personId], groups: ["seasonal"] }), { publish: false });
    expect(edited).toEqual({ kind: "draft", number: 2, published: false });
    const pending = (await getSheet(on(a, "2021-09-01"), { sheetId: id, userId: 0, personId: null }))!;
    expect(pending).toMatchObject({ currentVersion: 1, current: { number: 1, title: "Accueil des visiteurs au comptoir" }, draft: { number: 2, title: "Accueil au comptoir et au téléphone", updatedOn: "2021-09-01" } });
    const listed = (await listSheets(on(a, "2021-09-01"), { userId: 0, personId: null, includeDrafts: false, withReading: false })).find((s) => s.id === id)!;
    expect(listed).toMatchObject({ title: "Accueil des visiteurs au comptoir", currentVersion: 1, draftNumber: 2, updatedOn: "2021-03-26" });

    // From the second version on, readers are told what changed.
    const refused = await publishSheet(on(a, "2021-09-02"), { sheetId: id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FieldError);
    expect((refused as FieldError).message).toMatch(/^Objet de la modification : /);
    await saveSheet(on(a, "2021-09-02"), { sheetId: id }, sheet({ code: v1.code, title: "Accueil au comptoir et au téléphone", personIds: [reader.personId], groups: ["seasonal"], changeNote: "Le téléphone aussi." }), { publish: true });
    const v2 = (await getSheet(on(a, "2021-09-02"), { sheetId: id, userId: 0, personId: null }))!;
    expect(v2).toMatchObject({ currentVersion: 2, reviewedOn: "2021-09-02", draft: null, title: "Accueil au comptoir et au téléphone" });
    expect(v2.versions.map((v) => [v.number, v.updatedOn, v.changeNote])).toEqual([
      [2, "2021-09-02", "Le téléphone aussi."],
      [1, "2021-03-26", "Création de la fiche"],
    ]);
    // Version 1 as it was published.
    expect(await getVersion(on(a, "2021-09-02"), { sheetId: id, number: 1 })).toMatchObject({ title: "Accueil des visiteurs au comptoir", concernedText: `${reader.name} – Stagiaires – Saisonniers` });
    expect(await getVersion(on(b, "2021-09-02"), { sheetId: id, number: 1 })).toBeNull();
  });

  it("makes no version when the content is that of the version in force, and drops a draft brought back to it", async () => {
    const values = sheet();
    const id = await createSheet(on(a, "2021-03-26"), values, { publish: true });
    const versions = await count("procedure_versions");
    // Only the review interval changes: no version, nothing for readers to confirm again.
    expect(await saveSheet(on(a, "2021-04-01"), { sheetId: id }, { ...values, reviewMonths: 24 }, { publish: false })).toEqual({ kind: "unchanged", number: 1 });
    expect(await count("procedure_versions")).toBe(versions);
    const error = await saveSheet(on(a, "2021-04-01"), { sheetId: id }, values, { publish: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateError);
    // A draft, then the same text as version 1 again: the draft goes.
    await saveSheet(on(a, "2021-04-02"), { sheetId: id }, { ...values, body: "Autre texte" }, { publish: false });
    expect(await count("procedure_versions")).toBe(versions + 1);
    await saveSheet(on(a, "2021-04-03"), { sheetId: id }, values, { publish: false });
    expect(await count("procedure_versions")).toBe(versions);
    expect((await getSheet(on(a, "2021-04-03"), { sheetId: id, userId: 0, personId: null }))!.reviewMonths).toBe(12);
  });

  it("discards a version in preparation, deletes only a sheet never published, with its files", async () => {
    const published = await createSheet(on(a, "2021-03-26"), sheet(), { publish: true });
    await saveSheet(on(a, "2021-04-02"), { sheetId: published }, sheet({ code: (await getSheet(on(a, "2021-04-02"), { sheetId: published, userId: 0, personId: null }))!.code, title: "Titre en préparation" }), { publish: false });
    expect(await discardDraft(on(a, "2021-04-03"), { sheetId: published })).toBe(true);
    expect((await getSheet(on(a, "2021-04-03"), { sheetId: published, userId: 0, personId: null }))!).toMatchObject({ draft: null, title: "Accueil des visiteurs au comptoir" });
    await expect(deleteSheet(on(a, "2021-04-03"), { sheetId: published })).rejects.toBeInstanceOf(StateError);

    const draftOnly = await createSheet(on(a, "2021-03-26"), sheet(), { publish: false });
    await expect(discardDraft(on(a, "2021-04-03"), { sheetId: draftOnly })).rejects.toBeInstanceOf(StateError);
    const fileId = await attachFile(on(a, "2021-03-26"), fileStore(), { owner: { kind: "procedure_sheet", id: draftOnly }, name: "annexe.pdf", type: "application/pdf", bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF") });
    expect(fileId).toBeGreaterThan(0);
    // Not from another office.
    expect(await deleteSheet(on(b, "2021-04-03"), { sheetId: draftOnly })).toBeNull();
    const keys = await deleteSheet(on(a, "2021-04-03"), { sheetId: draftOnly });
    expect(keys).toHaveLength(1);
    expect(await getDb()("procedure_sheets").where({ id: draftOnly }).first()).toBeUndefined();
    expect(await getDb()("attachments").where({ id: fileId! }).first()).toBeUndefined();
    const history = await getDb()("history").where({ entity_type: "procedure_sheet", entity_id: draftOnly, action: "delete" }).first();
    expect(JSON.parse(String(history?.changes))).toMatchObject({ title: { before: "Accueil des visiteurs au comptoir" }, attachment: { before: "annexe.pdf" } });
  });
});

describe("lu et compris", () => {
  it("counts the confirmations of the version in force only", async () => {
    const reader = await staffMember(a);
    const values = sheet({ personIds: [reader.personId] });
    const id = await createSheet(on(a, "2021-03-26"), values, { publish: true });
    const mine = { userId: reader.userId!, personId: reader.personId };
    expect((await sheetsToConfirm(on(a, "2021-03-27"), mine)).map((s) => s.id)).toContain(id);
    expect(await confirmReading(on(a, "2021-03-27"), { sheetId: id, userId: reader.userId! })).toBe(1);
    // Confirming twice keeps the first day.
    const first = await getDb()("procedure_reads").where({ user_id: reader.userId! }).first();
    await confirmReading(on(a, "2021-03-28"), { sheetId: id, userId: reader.userId! });
    expect((await getDb()("procedure_reads").where({ user_id: reader.userId! })).map((r) => r.read_at)).toEqual([first?.read_at]);
    expect((await sheetsToConfirm(on(a, "2021-03-27"), mine)).map((s) => s.id)).not.toContain(id);
    expect((await readReceipts(on(a, "2021-03-27"), { sheetId: id }))!.expected).toEqual([expect.objectContaining({ userId: reader.userId, state: "confirmed", readAt: first?.read_at, previousReadAt: null })]);

    // Version 2: the confirmation of version 1 no longer counts.
    await saveSheet(on(a, "2021-09-02"), { sheetId: id }, { ...values, code: (await getSheet(on(a, "2021-09-02"), { sheetId: id, userId: 0, personId: null }))!.code, body: "Nouveau texte", changeNote: "Texte revu." }, { publish: true });
    expect((await sheetsToConfirm(on(a, "2021-09-03"), mine)).map((s) => [s.id, s.version])).toContainEqual([id, 2]);
    const receipts = (await readReceipts(on(a, "2021-09-03"), { sheetId: id }))!;
    expect(receipts.version).toBe(2);
    expect(receipts.expected).toEqual([expect.objectContaining({ userId: reader.userId, state: "previous", readAt: null, previousReadAt: first?.read_at })]);
    const page = (await getSheet(on(a, "2021-09-03"), { sheetId: id, ...mine }))!;
    expect(page).toMatchObject({ concernsMe: true, confirmedAt: null });
    const listed = (await listSheets(on(a, "2021-09-03"), { ...mine, includeDrafts: false, withReading: true })).find((s) => s.id === id)!;
    expect(listed).toMatchObject({ mine: "previous", reading: { expected: 1, confirmed: 0 } });
    await confirmReading(on(a, "2021-09-03"), { sheetId: id, userId: reader.userId! });
    expect((await listSheets(on(a, "2021-09-03"), { ...mine, includeDrafts: false, withReading: true })).find((s) => s.id === id)).toMatchObject({ mine: "confirmed", reading: { expected: 1, confirmed: 1 } });
  });

  it("asks the people of the groups named: newcomers for six months, seasonal staff, interns; not those who left, nor the author", async () => {
    const newcomer = await staffMember(a, { arrivedOn: "2021-03-01" });
    const seasonal = await staffMember(a, { contract: "seasonal" });
    const intern = await staffMember(a, { contract: "intern", account: false });
    const left = await staffMember(a, { contract: "seasonal", active: false });
    const permanent = await staffMember(a);
    const author = await staffMember(a, { arrivedOn: "2021-03-10" });
    const id = await createSheet({ ...on(a, "2021-03-26"), actor: { userId: author.userId!, name: "Autrice" } }, sheet({ groups: ["newcomers", "seasonal", "interns"] }), { publish: true });

    const asked = async (day: string, who: { userId: number | null; personId: number }) => (await sheetsToConfirm(on(a, day), { userId: who.userId!, personId: who.personId })).some((s) => s.id === id);
    expect(await asked("2021-03-27", newcomer)).toBe(true);
    expect(await asked("2021-03-27", seasonal)).toBe(true);
    expect(await asked("2021-03-27", left)).toBe(false);
    expect(await asked("2021-03-27", permanent)).toBe(false);
    // The author is a newcomer too, but does not confirm their own sheet.
    expect(await asked("2021-03-27", author)).toBe(false);
    // Six months after arriving, no longer "nouveau personnel".
    expect(await asked("2021-08-31", newcomer)).toBe(true);
    expect(await asked("2021-09-01", newcomer)).toBe(false);

    const receipts = (await readReceipts(on(a, "2021-03-27"), { sheetId: id }))!;
    expect(receipts.expected.map((r) => r.userId).sort()).toEqual([newcomer.userId, seasonal.userId].sort());
    // The intern has no account: to be read and signed on paper.
    expect(receipts.withoutAccount).toContain(intern.name);
    expect(receipts.withoutAccount).not.toContain(left.name);

    // Someone the sheet does not name may confirm it all the same: shown apart.
    await confirmReading(on(a, "2021-03-28"), { sheetId: id, userId: permanent.userId! });
    expect((await readReceipts(on(a, "2021-03-28"), { sheetId: id }))!.others.map((o) => o.userId)).toEqual([permanent.userId]);

    // The Word document's table to sign: everyone concerned, with the day they confirmed online.
    const detail = (await getSheet(on(a, "2021-03-28"), { sheetId: id, userId: 0, personId: null }))!;
    const model = await sheetDocument(on(a, "2021-03-28"), detail, detail.current!, "Office");
    expect(model.readers.map((r) => r.name).sort()).toEqual([newcomer.name, seasonal.name, intern.name, author.name].sort());
    expect(model).toMatchObject({ version: 1, published: true, inForce: true, nextReviewOn: "2022-03-26" });
  });
});

describe("reviews", () => {
  it("dates the next review from the last one, shows it due soon then late, and records a review without change", async () => {
    const id = await createSheet(on(a, "2021-03-26"), sheet({ reviewMonths: 6 }), { publish: true });
    const review = async (day: string) => (await getSheet(on(a, day), { sheetId: id, userId: 0, personId: null }))!.review;
    expect(await review("2021-08-20")).toMatchObject({ dueOn: "2021-09-26", state: "ok" });
    expect(await review("2021-08-27")).toMatchObject({ state: "soon" });
    expect(await review("2021-09-27")).toMatchObject({ state: "late" });
    await expect(recordReview(on(a, "2021-10-01"), { sheetId: id }, "2021-10-02")).rejects.toMatchObject({ field: "reviewedOn" });
    await expect(recordReview(on(a, "2021-10-01"), { sheetId: id }, "2021-03-01")).rejects.toMatchObject({ field: "reviewedOn" });
    expect(await recordReview(on(b, "2021-10-01"), { sheetId: id }, "2021-10-01")).toBe(false);
    expect(await recordReview(on(a, "2021-10-01"), { sheetId: id }, "2021-10-01")).toBe(true);
    expect(await review("2021-10-02")).toMatchObject({ dueOn: "2022-04-01", state: "ok" });
    // The version in force stays: nobody is asked to confirm again.
    expect((await getSheet(on(a, "2021-10-02"), { sheetId: id, userId: 0, personId: null }))!.currentVersion).toBe(1);
    const never = await createSheet(on(a, "2021-03-26"), sheet(), { publish: false });
    await expect(recordReview(on(a, "2021-10-01"), { sheetId: never }, "2021-10-01")).rejects.toBeInstanceOf(StateError);
  });
});

describe("offices apart", () => {
  it("never shows, changes or confirms another office's sheet", async () => {
    const reader = await staffMember(a);
    const id = await createSheet(on(a, "2021-03-26"), sheet({ personIds: [reader.personId] }), { publish: true });
    const code = (await getSheet(on(a, "2021-03-26"), { sheetId: id, userId: 0, personId: null }))!.code;
    expect((await listSheets(on(b, "2021-03-27"), { userId: 0, personId: null, includeDrafts: true, withReading: true })).map((s) => s.id)).not.toContain(id);
    expect(await getSheet(on(b, "2021-03-27"), { sheetId: id, userId: 0, personId: null })).toBeNull();
    expect(await readReceipts(on(b, "2021-03-27"), { sheetId: id })).toBeNull();
    expect(await saveSheet(on(b, "2021-03-27"), { sheetId: id }, sheet({ code }), { publish: true })).toBeNull();
    expect(await publishSheet(on(b, "2021-03-27"), { sheetId: id })).toBeNull();
    expect(await discardDraft(on(b, "2021-03-27"), { sheetId: id })).toBe(false);
    expect(await confirmReading(on(b, "2021-03-27"), { sheetId: id, userId: b.users.staff.userId })).toBeNull();
    expect(await attachFile(on(b, "2021-03-27"), fileStore(), { owner: { kind: "procedure_sheet", id }, name: "x.pdf", type: "application/pdf", bytes: new TextEncoder().encode("%PDF-1.4") })).toBeNull();
    // A person of office a is no one in office b.
    expect(await sheetsToConfirm(on(b, "2021-03-27"), { userId: reader.userId!, personId: reader.personId })).toEqual([]);
    expect((await getSheet(on(a, "2021-03-27"), { sheetId: id, userId: 0, personId: null }))!).toMatchObject({ currentVersion: 1, draft: null });
  });
});
