// Command line for référentiels.
//   npx tsx scripts/referential.ts check FILE.yaml
//   npx tsx scripts/referential.ts import OFFICE_ID FILE.yaml
//   npx tsx scripts/referential.ts import OFFICE_ID FILE.csv --base CODE --version V --from AAAA-MM-JJ [--until AAAA-MM-JJ]
// Every problem is printed with its line; nothing is imported when there is one (exit code 1).
import fs from "node:fs";
import knexFactory from "knex";
import { knexConfig } from "../db/config";
import { decodeText, describeProblems, parseReferentialYaml } from "../app/modules/referential/file";
import { importReferentialFile } from "../app/modules/referential/import.server";
import { commandScope } from "../app/modules/scope.server";

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (command === "check" && args[0]) {
    const decoded = decodeText(fs.readFileSync(args[0]));
    const outcome = decoded.ok ? parseReferentialYaml(decoded.text) : { ok: false as const, problems: decoded.problems };
    if (!outcome.ok) {
      console.error(`Fichier refusé :\n${describeProblems(outcome.problems)}`);
      return 1;
    }
    console.log(`Fichier valable : ${outcome.referential.label}, version ${outcome.referential.version}, ${outcome.referential.criteria.length} critères.`);
    return 0;
  }
  if (command === "import" && args[0] && args[1]) {
    const officeId = Number(args[0]);
    const file = args[1];
    const base = option(args, "base");
    const db = knexFactory(knexConfig(process.env.DATABASE_URL));
    try {
      if (!(await db("offices").where({ id: officeId }).first())) {
        console.error(`Office n° ${args[0]} introuvable.`);
        return 1;
      }
      const outcome = await importReferentialFile(
        { ...commandScope(db, officeId), actor: { userId: null, name: "Import en ligne de commande" } },
        {
          file,
          csv: base ? { baseCode: base, version: option(args, "version") ?? "", validFrom: option(args, "from") ?? "", validUntil: option(args, "until") ?? null } : undefined,
        }
      );
      if (!outcome.ok) {
        console.error(`Fichier refusé, rien n'a été importé :\n${describeProblems(outcome.problems)}`);
        return 1;
      }
      console.log(`Importé : ${outcome.label}, version ${outcome.version}, ${outcome.criteria} critères (n° ${outcome.id}).`);
      return 0;
    } finally {
      await db.destroy();
    }
  }
  console.error("Usage : npx tsx scripts/referential.ts check FICHIER.yaml | import N°_OFFICE FICHIER [--base CODE --version V --from AAAA-MM-JJ]");
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
