// One-time form tokens on the server (decision 021). `requireOffice` reads the token of a posted
// form and hangs it on the request's actor; `recordHistory`, which every write calls inside its
// transaction, records it there: a second request with the same token finds it used, its
// transaction rolls back, and the browser is sent back to the page with a message.
import { redirect } from "@remix-run/node";
import type { Knex } from "knex";
import { formTokenFromBody } from "~/domain/form-token";
import { redirectWithToast } from "~/session.server";
import { isUniqueViolation } from "../../utils/rows.server";

export interface FormTokenUse {
  token: string;
  request: Request;
  /** used: recorded by a committed transaction of this request; pending: by one not yet ended */
  state: "unused" | "pending" | "used";
  trx?: Knex.Transaction;
}

const HEAD_BYTES = 8192;

/**
 * The token of a posted form, read from a copy of the request's first bytes (the field comes
 * first), so that the route still reads the whole body itself. Null when there is none, the
 * body is not a form, or it cannot be read.
 */
export async function readFormToken(request: Request): Promise<string | null> {
  if (request.method === "GET" || request.method === "HEAD" || !request.body || request.bodyUsed) return null;
  const contentType = request.headers.get("Content-Type") ?? "";
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    reader = request.clone().body!.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    while (size < HEAD_BYTES) {
      const { done, value } = await reader.read();
      if (done || !value) break;
      chunks.push(value);
      size += value.byteLength;
    }
    const head = new TextDecoder("utf-8", { fatal: false }).decode(concat(chunks, size).subarray(0, HEAD_BYTES));
    return formTokenFromBody(contentType, head);
  } catch {
    return null;
  } finally {
    // Not awaited: a tee'd branch's cancel settles only once the other branch is read.
    void reader?.cancel().catch(() => undefined);
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return all;
}

/** Where a repeated submission is sent: the page it came from, without Remix's own parameters. */
function pageOf(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("index");
  url.searchParams.delete("_data");
  return url.pathname + (url.search.length > 1 ? url.search : "");
}

export const ALREADY_SUBMITTED = "Ce formulaire avait déjà été envoyé : il n'a été enregistré qu'une fois.";

/**
 * Records the request's form token in `trx`, once per request; throws the redirect answer when
 * another request already recorded it (the write of this transaction is then rolled back).
 */
export async function consumeFormToken(db: Knex | Knex.Transaction, use: FormTokenUse | undefined, userId: number | null, now: Date): Promise<void> {
  if (!use || use.state === "used" || (use.state === "pending" && use.trx === db)) return;
  const existing = await db("form_tokens").where({ token: use.token }).first("token");
  if (!existing && !isTransaction(db)) {
    // A write outside a transaction (history of a single statement): recorded at once.
    try {
      await db("form_tokens").insert({ token: use.token, user_id: userId, used_at: now.toISOString() });
      use.state = "used";
      return;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  } else if (!existing && isTransaction(db)) {
    const trx = db;
    try {
      // A savepoint, so that PostgreSQL's transaction stays usable if the insert is refused.
      await trx.transaction(async (sp) => {
        await sp("form_tokens").insert({ token: use.token, user_id: userId, used_at: now.toISOString() });
      });
      use.state = "pending";
      use.trx = trx;
      trx.executionPromise.then(
        () => {
          if (use.trx === trx) use.state = "used";
        },
        () => {
          if (use.trx === trx) use.state = "unused";
        },
      );
      return;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  // Within a transaction the session (a database row) cannot be written on SQLite's single
  // connection: a repeat that raced its first submission goes back to the page without a message.
  // Repeats after it (a retry, a second click once the first is done) get the message from
  // `refuseUsedFormToken`, before any transaction.
  throw redirect(pageOf(use.request));
}

function isTransaction(db: Knex | Knex.Transaction): db is Knex.Transaction {
  return (db as Knex.Transaction).isTransaction === true;
}

/** Before the route runs: a token already recorded sends the browser back with a message. */
export async function refuseUsedFormToken(db: Knex, use: FormTokenUse): Promise<void> {
  const existing = await db("form_tokens").where({ token: use.token }).first("token");
  if (existing) throw await redirectWithToast(use.request, pageOf(use.request), { kind: "info", message: ALREADY_SUBMITTED });
}

/** Tokens kept two days: long enough for any retry, short enough to keep the table small. */
export async function purgeFormTokens(db: Knex, now = new Date()): Promise<number> {
  return db("form_tokens").where("used_at", "<", new Date(now.getTime() - 2 * 86_400_000).toISOString()).delete();
}
