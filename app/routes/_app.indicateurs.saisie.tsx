// Entering figures: a grid of the office's indicators (and their details) × years for one
// period (the year, a season, a month). Typed by keyboard (Enter and the arrows move up and
// down, Tab across), pasted from a spreadsheet, or imported from a CSV file. Words in place of
// a figure are the reason it is missing. Nothing is written while one cell is wrong.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { useRef } from "react";
import { requireOffice } from "~/auth.server";
import { Field } from "~/components/form";
import { PeriodPicker } from "~/components/indicators";
import { decodeText, splitCsv } from "~/modules/referential/file";
import { importTargets, importValues, loadIndicatorData, writeValues, type CellWrite } from "~/modules/indicator/queries.server";
import {
  cellKey,
  figureOf,
  formatFigure,
  formatNumber,
  periodChoice,
  periodChoices,
  periodFromSearch,
  periodKey,
  periodKindLabel,
  periodLabel,
  readCell,
  readValuesCsv,
  withYear,
  yearsBetween,
  type ImportProblem,
  type Period,
} from "~/modules/indicator/rules";
import { redirectWithToast } from "~/session.server";
import { parseIntent, unknownIntent } from "~/utils/forms.server";
import { useHydrated } from "~/utils/hydrated";
import { readPostedForm } from "~/utils/upload.server";

const INTENTS = ["save", "import"] as const;

export const meta: MetaFunction = () => [{ title: "Saisie des indicateurs — Cap Qualité" }];

const MAX_COLUMNS = 12;
const MAX_CSV_BYTES = 2 * 1024 * 1024;
/** A grid cell's name: c|indicator id|year|item (the item last: it may hold any character). */
const CELL = /^c\|(\d{1,10})\|(\d{4})\|(.{0,200})$/s;

function gridYears(search: URLSearchParams, thisYear: number): { from: number; to: number } {
  const read = (name: string) => (/^\d{4}$/.test(search.get(name) ?? "") ? Number(search.get(name)) : null);
  let to = read("a") ?? thisYear;
  let from = read("de") ?? to - 7;
  if (to < 1990 || to > 2100) to = thisYear;
  if (from > to || from < 1990) from = to - 7;
  if (to - from + 1 > MAX_COLUMNS) from = to - MAX_COLUMNS + 1;
  return { from, to };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "indicators:edit");
  const data = await loadIndicatorData(ctx.scope);
  const thisYear = Number(ctx.scope.today.slice(0, 4));
  const search = new URL(request.url).searchParams;
  const period = periodFromSearch(search, data.seasons, { choice: "annee", year: thisYear });
  const { from, to } = gridYears(search, thisYear);
  const years = yearsBetween(from, to);
  const rows = data.indicators
    .filter((i) => !i.formula)
    .flatMap((i) =>
      ["", ...i.items].map((item) => ({
        indicatorId: i.id,
        item,
        label: item === "" ? i.name : (i.itemLabels[item] ?? item),
        unit: item === "" ? i.unit : "",
        isItem: item !== "",
        cells: years.map((year) => {
          const p = withYear(period, year);
          const stored = data.context.cells.get(i.code)?.get(cellKey(periodKey(p), item));
          const text = stored ? (stored.value === null ? stored.missingReason : formatNumber(stored.value, 6)) : "";
          const derived = stored ? null : figureOf(data.context, i.code, p, item);
          return {
            name: `c|${i.id}|${year}|${item}`,
            text,
            missing: stored?.value === null,
            placeholder: derived && derived.state === "value" ? formatFigure(derived, i.decimals) : "",
          };
        }),
      })),
    );
  return json({
    rows,
    years: years.map((y) => ({ year: y, label: periodLabel(withYear(period, y), data.seasons) })),
    period: { choice: periodChoice(period), year: period.year, kindLabel: periodKindLabel(period, data.seasons), key: periodKey(period) },
    choices: periodChoices(data.seasons),
    pickerYears: yearsBetween(1995, thisYear + 1).reverse(),
    from,
    to,
    computed: data.indicators.filter((i) => i.formula).map((i) => i.name),
    codes: data.indicators.filter((i) => !i.formula).map((i) => ({ code: i.code, name: i.name, items: i.items.map((it) => i.itemLabels[it] ?? it) })),
    seasons: data.seasons.map((s) => s.name),
    search: new URL(request.url).search,
  });
}

interface SaveAnswer {
  intent: "save";
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
  formError: string;
}

interface ImportAnswer {
  intent: "import";
  problems: ImportProblem[];
  /** beside the file field: what is wrong with the file as a whole */
  fieldErrors: { file?: string };
}

function importRefused(fieldError: string, problems: ImportProblem[] = [], status = 400) {
  return json<ImportAnswer>({ intent: "import", problems, fieldErrors: { file: fieldError } }, { status });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "indicators:edit");
  const { form, files, tooLarge } = await readPostedForm(request, { allowFiles: true, maxFileBytes: MAX_CSV_BYTES });
  if (tooLarge) return importRefused("Fichier : 2 Mo au maximum.", [], 413);
  const intent = parseIntent({ intent: form.get("intent") }, INTENTS);
  if (intent === null) return unknownIntent();
  const data = await loadIndicatorData(ctx.scope);
  const search = new URL(request.url).searchParams;
  const thisYear = Number(ctx.scope.today.slice(0, 4));
  const back = `/indicateurs/saisie${new URL(request.url).search}`;

  if (intent === "import") {
    const file = files[0];
    if (!file || file.bytes.byteLength === 0) return importRefused("Fichier : choisissez un fichier CSV.");
    const decoded = decodeText(file.bytes);
    const csv = decoded.ok ? splitCsv(decoded.text) : null;
    const checked = csv ? readValuesCsv(csv.rows, csv.lines, importTargets(data.indicators), data.seasons) : { ok: false as const, problems: decoded.ok ? [] : decoded.problems.map((p) => ({ line: p.line, message: p.message })) };
    if (!checked.ok) {
      const n = checked.problems.length;
      return importRefused(`Fichier : ${n} problème${n > 1 ? "s" : ""}, rien n'a été importé.`, checked.problems);
    }
    const { changed } = await importValues(ctx.scope, checked.rows);
    return redirectWithToast(request, back, { kind: "success", message: `Fichier importé : ${checked.rows.length} ligne${checked.rows.length > 1 ? "s" : ""}, ${changed} chiffre${changed > 1 ? "s" : ""} modifié${changed > 1 ? "s" : ""}.` });
  }

  const period: Period = periodFromSearch(search, data.seasons, { choice: "annee", year: thisYear });
  const byId = new Map(data.indicators.map((i) => [i.id, i]));
  const fieldErrors: Record<string, string> = {};
  const values: Record<string, string> = {};
  const writes: CellWrite[] = [];
  let count = 0;
  for (const [name, raw] of form.entries()) {
    if (typeof raw !== "string" || !name.startsWith("c|")) continue;
    if ((count += 1) > 5000) return json({ intent: "save", fieldErrors: {}, values: {}, formError: "Trop de cellules : 5 000 au maximum par enregistrement." }, { status: 400 });
    values[name] = raw;
    const m = CELL.exec(name);
    const indicator = m ? byId.get(Number(m[1])) : undefined;
    if (!m || !indicator || indicator.formula || (m[3] !== "" && !indicator.items.includes(m[3]!))) {
      fieldErrors[name] = "Cellule inconnue : rechargez la page.";
      continue;
    }
    // Only what changed on the page is written: a figure saved meanwhile by someone else stays.
    const shown = form.get(`o${name.slice(1)}`);
    if (typeof shown === "string" && shown === raw) continue;
    const input = readCell(raw);
    if (input.kind === "error") {
      const label = m[3] ? `${indicator.name}, ${indicator.itemLabels[m[3]] ?? m[3]}` : indicator.name;
      fieldErrors[name] = `${label} (${periodLabel(withYear(period, Number(m[2])), data.seasons)}) : ${input.message}`;
      continue;
    }
    writes.push({ indicatorId: indicator.id, period: periodKey(withYear(period, Number(m[2]))), item: m[3]!, input });
  }
  if (Object.keys(fieldErrors).length > 0) {
    const n = Object.keys(fieldErrors).length;
    return json<SaveAnswer>(
      { intent: "save", fieldErrors, values, formError: `${n} cellule${n > 1 ? "s" : ""} à corriger : rien n'a été enregistré.` },
      { status: 400 },
    );
  }
  const { changed } = await writeValues(ctx.scope, writes);
  return redirectWithToast(request, back, {
    kind: "success",
    message: changed === 0 ? "Aucun chiffre modifié." : `${changed} chiffre${changed > 1 ? "s" : ""} enregistré${changed > 1 ? "s" : ""}.`,
  });
}

export default function EntryGridPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<SaveAnswer | ImportAnswer>();
  const navigation = useNavigation();
  const table = useRef<HTMLTableElement>(null);
  const save = answer?.intent === "save" ? answer : undefined;
  const imported = answer?.intent === "import" ? answer : undefined;
  const busy = navigation.state === "submitting";
  const hydrated = useHydrated();

  const cellAt = (row: number, col: number) => table.current?.querySelector<HTMLInputElement>(`input[data-row="${row}"][data-col="${col}"]`) ?? null;
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    const row = Number(event.currentTarget.dataset.row);
    const col = Number(event.currentTarget.dataset.col);
    const step = event.key === "ArrowDown" || (event.key === "Enter" && !event.shiftKey) ? 1 : event.key === "ArrowUp" || (event.key === "Enter" && event.shiftKey) ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = cellAt(row + step, col);
    if (next) {
      next.focus();
      next.select();
    }
  };
  // A block copied from a spreadsheet (tabs between cells, one line per row) fills the grid
  // from the cell it is pasted in, rightwards and downwards.
  const onPaste = (event: React.ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData("text/plain");
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return;
    event.preventDefault();
    const row = Number(event.currentTarget.dataset.row);
    const col = Number(event.currentTarget.dataset.col);
    text
      .replace(/\r?\n$/, "")
      .split(/\r?\n/)
      .forEach((line, r) =>
        line.split("\t").forEach((value, c) => {
          const input = cellAt(row + r, col + c);
          if (input) input.value = value.trim();
        }),
      );
  };

  return (
    <section className="page">
      <p className="no-print">
        <Link to={`/indicateurs${data.search}`}>← Indicateurs</Link>
      </p>
      <h1>Saisie des indicateurs</h1>
      <PeriodPicker choices={data.choices} choice={data.period.choice} year={data.period.year} years={data.pickerYears} extra={{ de: String(data.from), a: String(data.to) }} />
      {data.rows.length === 0 ? (
        <p className="muted">
          Aucun indicateur à saisir. <Link to="/indicateurs">Activez le jeu standard ou créez un indicateur.</Link>
        </p>
      ) : (
        // Cells are named by indicator, year and item, not by period: the grid starts afresh for
        // another period, or the browser would keep the previous period's figures in them.
        <Form key={`${data.period.key}|${data.from}|${data.to}`} method="post" className="form" aria-labelledby="grille-titre" noValidate>
          <input type="hidden" name="intent" value="save" />
          <h2 id="grille-titre">{data.period.kindLabel}, de {data.from} à {data.to}</h2>
          <p className="field-hint" id="grille-aide">
            {hydrated ? "Entrée ou flèches : cellule du dessous ; Tab : cellule de droite. Un bloc copié dans un tableur se colle d'un coup. " : "Tab : cellule suivante. "}
            Un chiffre manquant : écrivez sa raison à la place (exemple : « non fourni par la communauté de communes »), jamais 0. En gris : le chiffre déduit des
            mois ou du détail.
          </p>
          {save?.formError ? (
            <p className="form-error" role="alert">
              {save.formError}
            </p>
          ) : null}
          {save && Object.keys(save.fieldErrors).length > 0 ? (
            <ul className="form-error">
              {Object.entries(save.fieldErrors).map(([name, message]) => (
                <li key={name}>{message}</li>
              ))}
            </ul>
          ) : null}
          <div className="table-wrap">
            <table className="table entry-grid" ref={table}>
              <caption className="visually-hidden">
                Chiffres par indicateur (lignes) et par année (colonnes), {data.period.kindLabel.toLowerCase()}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Indicateur</th>
                  {data.years.map((y, ci) => (
                    <th scope="col" key={y.year} className="num" id={`annee-${ci}`}>
                      {y.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r, ri) => (
                  <tr key={`${r.indicatorId}|${r.item}`} className={r.isItem ? "entry-grid__item" : undefined}>
                    <th scope="row" id={`ligne-${ri}`}>
                      {r.isItem ? <span className="visually-hidden">dont </span> : null}
                      {r.label}
                      {r.unit ? <span className="muted"> ({r.unit})</span> : null}
                    </th>
                    {r.cells.map((c, ci) => {
                      const error = save?.fieldErrors[c.name];
                      return (
                        <td key={c.name}>
                          <input type="hidden" name={`o${c.name.slice(1)}`} value={c.text} />
                          <input
                            type="text"
                            inputMode="decimal"
                            autoComplete="off"
                            name={c.name}
                            defaultValue={save?.values[c.name] ?? c.text}
                            placeholder={c.placeholder}
                            className={c.missing ? "is-missing" : undefined}
                            title={c.missing ? `Manquant : ${c.text}` : undefined}
                            data-row={ri}
                            data-col={ci}
                            aria-labelledby={`ligne-${ri} annee-${ci}`}
                            aria-describedby={error ? `erreur-${ri}-${ci}` : undefined}
                            aria-invalid={error ? true : undefined}
                            onKeyDown={onKeyDown}
                            onPaste={onPaste}
                          />
                          {error ? (
                            <span className="cell-error" id={`erreur-${ri}-${ci}`}>
                              {error.split(" : ").slice(1).join(" : ")}
                            </span>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.computed.length > 0 ? <p className="muted">Calculés, sans saisie : {data.computed.join(", ")}.</p> : null}
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? "Enregistrement…" : "Enregistrer les chiffres"}
          </button>
        </Form>
      )}
      <section className="card card--wide" aria-labelledby="import-titre">
        <h2 id="import-titre">Importer un fichier CSV</h2>
        <p className="muted">
          Colonnes : <code>indicateur;periode;detail;valeur;raison</code>. La période s'écrit 2020, 2020-07, juillet 2020
          {data.seasons[0] ? ` ou « ${data.seasons[0]} 2020 »` : ""} ; le détail est vide pour le total ; une valeur vide demande sa raison. Un problème, et
          rien n'est importé : chacun est listé avec sa ligne.
        </p>
        <Form method="post" encType="multipart/form-data" className="form" aria-labelledby="import-titre">
          <input type="hidden" name="intent" value="import" />
          <Field label="Fichier CSV (2 Mo au maximum)" error={imported?.fieldErrors.file}>
            {(p) => <input name="file" type="file" accept=".csv,text/csv" {...p} />}
          </Field>
          {imported && imported.problems.length > 0 ? (
            <div className="form-error" role="alert">
              <p>
                Rien n'a été importé. {imported.problems.length} problème{imported.problems.length > 1 ? "s" : ""} :
              </p>
              <ul>
                {imported.problems.map((p, i) => (
                  <li key={i}>
                    {p.line ? `Ligne ${p.line} : ` : ""}
                    {p.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <button type="submit" className="button" disabled={busy}>
            Importer
          </button>
        </Form>
        <details>
          <summary>Codes des indicateurs à saisir</summary>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Indicateur</th>
                <th scope="col">Détail possible</th>
              </tr>
            </thead>
            <tbody>
              {data.codes.map((c) => (
                <tr key={c.code}>
                  <td>
                    <code>{c.code}</code>
                  </td>
                  <td>{c.name}</td>
                  <td>{c.items.join(", ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
