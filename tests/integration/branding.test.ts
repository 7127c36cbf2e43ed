// The reports' colour and logo (decision 047), on a real database: the administrator sets them
// on the office's page; the Word reports carry them; a file that is not a PNG or JPEG, too large,
// or a colour that is not one, is refused beside its field with nothing written; another
// office's reports keep the product's look.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { qrPng } from "~/modules/questionnaire/links.server";
import * as officePage from "~/routes/_app.administration._index";
import * as planDocx from "~/routes/rapports.plan-d-actions[.docx]";
import { createOfficeFixture, sessionCookie, type OfficeFixture } from "../support/factories";
import { docxParts } from "../support/docx-parts";
import { callRoute } from "../support/routes";

let a: OfficeFixture;
let b: OfficeFixture;
let admin: string;

beforeAll(async () => {
  a = await createOfficeFixture();
  b = await createOfficeFixture();
  admin = await sessionCookie(a.users.admin.userId, a.officeId);
});

const post = (form: Record<string, string>, files?: Record<string, { name: string; content: Uint8Array<ArrayBuffer> }>, cookie = admin) =>
  callRoute(officePage, { method: "POST", path: "/administration", cookie, form, files });

/** The plan's Word report as the office downloads it: its document's XML and the names of its media. */
async function planReport(office: OfficeFixture): Promise<{ xml: string; media: string[] }> {
  const cookie = await sessionCookie(office.users.quality_referent.userId, office.officeId);
  const response = (await planDocx.loader({ request: new Request("http://localhost/rapports/plan-d-actions.docx", { headers: { Cookie: cookie } }), params: {}, context: {} })) as Response;
  expect(response.status).toBe(200);
  return docxParts(await response.arrayBuffer());
}

describe("the reports' colour and logo", () => {
  it("puts the office's logo on the cover and its colour in the titles, for this office only", async () => {
    const before = await planReport(a);
    const logo = new Uint8Array(await qrPng("https://office.example.fr", 240));
    const saved = await post({ intent: "branding", color: "#a4161a" }, { logo: { name: "logo office.png", content: logo } });
    expect(saved.status).toBe(302);
    const page = await callRoute(officePage, { path: "/administration", cookie: admin });
    expect(page.body).toMatchObject({ branding: { color: "A4161A", logo: { name: "logo office.png", width: 240, height: 240 } } });
    const after = await planReport(a);
    expect(after.media.length).toBe(before.media.length + 1);
    expect(after.xml).toContain('w:color w:val="A4161A"');
    expect(before.xml).not.toContain("A4161A");
    // Another office keeps the product's look.
    const other = await planReport(b);
    expect(other.xml).not.toContain("A4161A");
    expect(other.media.length).toBe(before.media.length);
    // The history says what changed, never the image's bytes.
    const history = await getDb()("history").where({ office_id: a.officeId, entity_type: "office" }).orderBy("id", "desc").first();
    expect(JSON.parse(String(history?.changes))).toEqual({ brand_color: { before: null, after: "A4161A" }, logo: { before: null, after: "logo office.png" } });

    // Back to the product's colour; the logo taken away.
    expect((await post({ intent: "branding", color: "#a4161a", defaultColor: "on" })).status).toBe(302);
    expect((await post({ intent: "remove-logo" })).status).toBe(302);
    const plain = await planReport(a);
    expect(plain.xml).not.toContain("A4161A");
    expect(plain.media.length).toBe(before.media.length);
    expect(await getDb()("office_logos").where({ office_id: a.officeId })).toHaveLength(0);
  });

  it("refuses what is not a logo or a colour beside its field, and writes nothing", async () => {
    const count = async () => Number((await getDb()("office_logos").count<{ n: number }[]>({ n: "*" }))[0]!.n);
    const rows = await count();
    const svg = new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>") as Uint8Array<ArrayBuffer>;
    const notImage = await post({ intent: "branding", color: "#0b5e55" }, { logo: { name: "logo.png", content: svg } });
    expect(notImage.status).toBe(400);
    expect((notImage.body as { fieldErrors: Record<string, string> }).fieldErrors.logo).toBe("Logo : seules les images PNG et JPEG sont acceptées.");
    const big = new Uint8Array(700 * 1024);
    big.set(new Uint8Array(await qrPng("x", 64)));
    const tooBig = await post({ intent: "branding", color: "#0b5e55" }, { logo: { name: "énorme.png", content: big } });
    expect(tooBig.status).toBe(400);
    expect((tooBig.body as { fieldErrors: Record<string, string> }).fieldErrors.logo).toMatch(/^Logo : 500 Ko au maximum/);
    const badColor = await post({ intent: "branding", color: "rouge" });
    expect(badColor.status).toBe(400);
    expect((badColor.body as { fieldErrors: Record<string, string> }).fieldErrors.color).toMatch(/^Couleur : /);
    expect(await count()).toBe(rows);
    expect((await getDb()("offices").where({ id: a.officeId }).first("brand_color"))!.brand_color).toBeNull();
    // The référente reads the page but does not change the office's look.
    const referent = await sessionCookie(a.users.quality_referent.userId, a.officeId);
    expect((await post({ intent: "branding", color: "#0b5e55" }, undefined, referent)).status).toBe(403);
  });
});
