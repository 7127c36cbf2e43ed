// The office's look in its Word reports (decision 047): its colour and its logo, kept apart
// from the office's row so that reading the office never reads the image.
import type { ImageInfo } from "~/domain/images";
import { recordHistory } from "../history/queries.server";
import type { Scope } from "../scope.server";
import { nowIso } from "../../utils/rows.server";

export interface Logo extends ImageInfo {
  data: Uint8Array;
  originalName: string;
  updatedAt: string;
}

export interface Branding {
  /** six hex digits, or null for the product's colour */
  color: string | null;
  logo: Logo | null;
}

export async function getBranding(scope: Scope): Promise<Branding> {
  const [office, logo] = await Promise.all([
    scope.db("offices").where({ id: scope.officeId }).first("brand_color"),
    scope.db("office_logos").where({ office_id: scope.officeId }).first(),
  ]);
  return {
    color: office?.brand_color || null,
    logo: logo
      ? { data: new Uint8Array(logo.data), type: logo.type === "jpg" ? "jpg" : "png", width: logo.width, height: logo.height, originalName: logo.original_name, updatedAt: logo.updated_at }
      : null,
  };
}

/** Sets the colour and, when one is given, replaces the logo; one history row says what changed. */
export async function saveBranding(scope: Scope, values: { color: string | null; logo: (ImageInfo & { bytes: Uint8Array; name: string }) | null }): Promise<void> {
  await scope.db.transaction(async (trx) => {
    const office = await trx("offices").where({ id: scope.officeId }).first("brand_color");
    const oldLogo = await trx("office_logos").where({ office_id: scope.officeId }).first("original_name");
    const now = nowIso(scope.now);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const oldColor = office?.brand_color || null;
    if (oldColor !== values.color) {
      await trx("offices").where({ id: scope.officeId }).update({ brand_color: values.color, updated_at: now });
      before.brand_color = oldColor;
      after.brand_color = values.color;
    }
    if (values.logo) {
      const row = { data: Buffer.from(values.logo.bytes), type: values.logo.type, width: values.logo.width, height: values.logo.height, original_name: values.logo.name.slice(0, 200), updated_at: now };
      await trx("office_logos").insert({ office_id: scope.officeId, ...row }).onConflict("office_id").merge();
      before.logo = oldLogo ? oldLogo.original_name || "logo" : null;
      after.logo = values.logo.name || "logo";
    }
    if (Object.keys(after).length === 0) return;
    await recordHistory(trx, { officeId: scope.officeId, entityType: "office", entityId: scope.officeId, action: "update", actor: scope.actor, now: scope.now, before, after });
  });
}

/** Takes the logo away: the reports' cover shows the office's name alone. */
export async function removeLogo(scope: Scope): Promise<boolean> {
  return scope.db.transaction(async (trx) => {
    const old = await trx("office_logos").where({ office_id: scope.officeId }).first("original_name");
    if (!old) return false;
    await trx("office_logos").where({ office_id: scope.officeId }).delete();
    await recordHistory(trx, { officeId: scope.officeId, entityType: "office", entityId: scope.officeId, action: "update", actor: scope.actor, now: scope.now, before: { logo: old.original_name || "logo" }, after: { logo: null } });
    return true;
  });
}
