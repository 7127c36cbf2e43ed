// Importing référentiels from the command line.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { importReferentialFile } from "~/modules/referential/import.server";
import { createOfficeFixture, type OfficeFixture } from "../support/factories";
import { commandScope } from "~/modules/scope.server";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-cli-"));
const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

let office: OfficeFixture;
beforeAll(async () => {
  office = await createOfficeFixture();
});

describe("référentiel import from files", () => {
  it("imports a shipped grid, then a CSV new version of it", async () => {
    const yamlOutcome = await importReferentialFile(commandScope(getDb(), office.officeId), { file: path.join(root, "audits/accueil-velo-ot-2024.yaml") });
    expect(yamlOutcome).toMatchObject({ ok: true, version: "2024-modele", criteria: 9 });
    const header = "code;chapitre;titre_chapitre;sous_chapitre;titre_sous_chapitre;texte;echelle;coefficient;obligatoire;bonus;pilier;verification;aide";
    const csv = write("velo-2026.csv", `${header}\nV1;V;Accueil;;;Stationnement vélo;oui_non;9;oui;non;accueil-velo;;\n`);
    const bad = await importReferentialFile(commandScope(getDb(), office.officeId), { file: csv, csv: { baseCode: "accueil-velo-ot", version: "", validFrom: "demain", validUntil: null } });
    expect(bad).toEqual({
      ok: false,
      problems: [
        { line: null, field: "version", message: "Version : ce champ est obligatoire." },
        { line: null, field: "validFrom", message: "Applicable à partir du : date attendue (jj/mm/aaaa)." },
      ],
    });
    const good = await importReferentialFile(commandScope(getDb(), office.officeId), { file: csv, csv: { baseCode: "accueil-velo-ot", version: "2026", validFrom: "2026-01-01", validUntil: null } });
    expect(good).toMatchObject({ ok: true, version: "2026", criteria: 1 });
  });

  it("checks a file from the command line, printing each problem and exiting with 1", async () => {
    const ok = await run("npx", ["tsx", "scripts/referential.ts", "check", "audits/qualite-tourisme-ot-2024.yaml"], { cwd: root });
    expect(ok.stdout).toMatch(/Fichier valable : Marque Qualité Tourisme — offices de tourisme \(grille modèle\), version 2024-modele, 69 critères\./);
    const bad = write("mauvais.yaml", "code: x\nlabel: !danger y\n");
    const refused: { code?: number; stderr: string } = await run("npx", ["tsx", "scripts/referential.ts", "check", bad], { cwd: root }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/ligne 2 — syntaxe : Étiquette YAML non autorisée/);
  });
});
