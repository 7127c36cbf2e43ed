// The Word reports' share of `npm run bench`: a readiness file of about a hundred pages built by
// our template beside the time docx itself takes to pack the same content (the floor), and
// the latency a reader of another page sees while a large report builds on the server.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Packer } from "docx";
import type { FindingLine, ReadinessReportModel } from "../templates/report-models";
import { readinessDocument, renderReadinessDocx } from "../templates/readiness";
import { buildReport } from "../templates/report-kit";

/** A label two years into its cycle with many improvement points, actions, criteria and meetings. */
export function largeReadinessModel(findings = 200): ReadinessReportModel {
  const finding = (i: number): FindingLine => ({
    kind: "improvement",
    text: `Point à améliorer n° ${i} : la signalétique du bureau ${i % 4} est à reprendre, avec les mairies concernées et le service technique.`,
    criterion: `2.${i}`,
    site: ["Amou", "Hagetmau", "Saint-Sever", "Geaune"][i % 4]!,
    actions: Array.from({ length: 3 }, (_, j) => ({
      title: `Action ${i}.${j + 1} : demander un devis, faire valider en comité, installer et photographier le résultat`,
      status: j === 0 ? "Faite le lundi 1er mars 2021" : "En cours",
      dueOn: "2021-06-30",
      owner: "Référente qualité",
      proof: j === 0 ? "Photographies et bon de livraison classés dans le dossier qualité (armoire du bureau de Saint-Sever)." : "",
      overdue: j === 2,
    })),
  });
  const rates = [{ label: "Qualité de service", rate: 87.2, threshold: 85, meets: true }];
  const audit = { title: "Audit complet 2023", kind: "Audit complet", mode: "rated" as const, stage: "Renouvellement", startsOn: "2023-06-12", endsOn: "2023-06-13", auditor: "Cabinet externe", status: "Terminé", decision: "Marque renouvelée", referential: "Qualité Tourisme, version 2024", labelName: "Marque Qualité Tourisme", labelValidUntil: "2028-07-30", summary: "Synthèse de l'auditeur." };
  return {
    officeName: "Office de Tourisme Landes Chalosse",
    color: null,
    logo: null,
    builtAt: "2024-11-28T10:00:00.000Z",
    notes: [],
    labelName: "Marque Qualité Tourisme",
    nextAuditLine: "Prochain audit prévu le vendredi 30 juin 2028",
    notReady: Array.from({ length: 40 }, (_, i) => ({ topic: i % 2 ? "Actions en retard" : "Critères sous le seuil (dernière auto-évaluation)", text: `Point ${i} : une action ou un critère à reprendre avant l'audit, avec son pilote et son échéance.` })),
    parts: [
      { kind: "label", name: "Marque Qualité Tourisme", status: "Actif", grantedOn: "2023-07-30", validUntil: "2028-07-30", validUntilText: "dans 3 ans", nextAuditDue: "2028-06-30", nextAuditText: "dans 3 ans", grid: { name: "Qualité Tourisme, version 2024", criteria: 69, mandatory: 5, chapters: Array.from({ length: 9 }, (_, i) => `${i + 1}. Chapitre ${i + 1}`) }, notes: "" },
      { kind: "last_audit", audit, pillars: rates, chart: { title: "Taux de conformité du dernier audit", unit: "%", series: ["Audit complet 2023"], max: 100, categories: [{ label: "Qualité de service", values: [87.2] }], threshold: { value: 85, label: "Seuil 85 %" } }, strengths: ["Site internet soigné.", "Boutique bien conçue."], improvements: Array.from({ length: findings }, (_, i) => finding(i).text) },
      { kind: "improvements", since: "2023-06-12", findings: Array.from({ length: findings }, (_, i) => finding(i)) },
      { kind: "self_assessment", audit: { ...audit, title: "Auto-évaluation 2024", kind: "Auto-évaluation" }, pillars: rates, below: Array.from({ length: 60 }, (_, i) => ({ code: `${1 + (i % 9)}.${i}`, text: "Un critère de la grille, tel que le référentiel l'écrit, sur une ou deux lignes de texte.", chapter: "Accueil", level: "Non", comment: "Commentaire de la référente sur ce qui manque et ce qui est prévu.", mandatory: i % 10 === 0 })) },
      { kind: "meetings", since: "2023-06-12", meetings: Array.from({ length: 8 }, (_, i) => ({ title: "Groupe local qualité", series: "Groupe local qualité", heldOn: `202${3 + Math.floor(i / 2)}-0${i % 2 ? 9 : 3}-25`, present: 8, decisions: Array.from({ length: 6 }, (_, j) => ({ section: "Suggestions", text: `Décision ${j + 1} de la réunion, telle que le compte rendu l'écrit.` })), actions: [{ title: "Action décidée", status: "À faire" }] })) },
      { kind: "plan", totals: { label: "Toutes", done: 80, open: 130, overdue: 20, abandoned: 0, total: 210, percent: 38 }, bySite: ["Saint-Sever", "Hagetmau", "Amou", "Geaune"].map((label) => ({ label, done: 20, open: 30, overdue: 5, abandoned: 0 })), chart: { title: "Avancement du plan d'actions par bureau", unit: "", series: ["Faites", "Ouvertes", "Dont en retard"], categories: ["Saint-Sever", "Hagetmau", "Amou", "Geaune"].map((label) => ({ label, values: [20, 30, 5] })) } },
    ],
  };
}

/** Processor time (user + system) of this process, in ms: steadier than the clock on a shared machine. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function pagesOf(buffer: Buffer): number | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-bench-docx-"));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "cq-bench-soffice-"));
  try {
    fs.writeFileSync(path.join(dir, "dossier.docx"), buffer);
    execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, path.join(dir, "dossier.docx")], { stdio: "ignore", timeout: 120_000 });
    const info = execFileSync("pdfinfo", [path.join(dir, "dossier.pdf")], { encoding: "utf8" });
    return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  } catch {
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Our template against docx's own packing of the same content (built beforehand, so only the packing is timed). */
export async function benchReadinessFile(): Promise<Record<string, string>> {
  const model = largeReadinessModel();
  const buffer = await renderReadinessDocx(model);
  const pages = pagesOf(buffer);
  const ours: number[] = [];
  const oursClock: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < 6; i += 1) {
    const t = cpuMs();
    const c = performance.now();
    await renderReadinessDocx(model);
    ours.push(cpuMs() - t);
    oursClock.push(performance.now() - c);
    const doc = buildReport(readinessDocument(model));
    const f = cpuMs();
    await Packer.toBuffer(doc);
    floor.push(cpuMs() - f);
  }
  // The first round warms the code up.
  const [o, oc, f] = [median(ours.slice(1)), median(oursClock.slice(1)), median(floor.slice(1))];
  return {
    "pages (LibreOffice)": pages === null ? "LibreOffice absent" : String(pages),
    taille: `${(buffer.byteLength / 1024).toFixed(0)} Ko`,
    "notre modèle, tout compris (processeur)": `${o.toFixed(0)} ms (horloge : ${oc.toFixed(0)} ms)`,
    "docx seul : Packer sur le même contenu (processeur)": `${f.toFixed(0)} ms`,
    "rapport (objectif ≤ 1,3)": `${(o / f).toFixed(2)} ×`,
  };
}
