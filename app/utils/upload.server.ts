// Reading a form with a file, keeping the file's name exactly as sent. Remix's own parser keeps
// only the last part of a name, which would hide "../../etc/x.png" instead of refusing it, and
// the parser it uses splits the part's header on every ";", so "rapport; v2.png" failed
// (decision 016): busboy reads the header as the standard says, streaming, within limits.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { forbidden } from "~/auth.server";
import { readForm, unreadableForm } from "~/utils/forms.server";

export class UploadTooLargeError extends Error {}

export interface UploadedFile {
  field: string;
  rawName: string;
  bytes: Uint8Array;
}

/**
 * Reads at most one file and a few small fields; anything larger or more numerous is refused
 * while it streams, so a request can never make the server hold more than about one file.
 * A body that is not a well-formed multipart form rejects with the parser's error.
 */
export async function readUpload(
  request: Request,
  limits: { maxFileBytes: number; maxFieldBytes?: number; maxFields?: number },
): Promise<{ form: FormData; files: UploadedFile[] }> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!request.body || !/^multipart\/form-data/i.test(contentType)) throw new TypeError("formulaire multipart attendu");
  const maxFieldBytes = limits.maxFieldBytes ?? 100_000;
  const maxFields = limits.maxFields ?? 20;
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > limits.maxFileBytes + maxFields * maxFieldBytes) throw new UploadTooLargeError("requête");
  // Throws at once when the boundary is missing.
  const parser = busboy({
    headers: { "content-type": contentType },
    preservePath: true,
    defParamCharset: "utf8",
    limits: { files: 1, fileSize: limits.maxFileBytes, fields: maxFields, fieldSize: maxFieldBytes, parts: maxFields + 1 },
  });
  const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  return new Promise((resolve, reject) => {
    const form = new FormData();
    const files: UploadedFile[] = [];
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      body.unpipe(parser);
      body.destroy();
      reject(error);
    };
    const tooLarge = (what: string) => fail(new UploadTooLargeError(what));
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) return tooLarge(name);
      form.append(name, value);
    });
    parser.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.byteLength;
        chunks.push(chunk);
      });
      stream.on("limit", () => tooLarge(field));
      // A body cut off inside the file (a dropped connection): busboy fails the file's stream
      // too, and an 'error' nobody listens to would bring the whole server down.
      stream.on("error", (error: Error) => fail(error));
      stream.on("end", () => {
        if (settled || (stream as unknown as { truncated?: boolean }).truncated) return;
        if (size > 0 || info.filename) files.push({ field, rawName: info.filename ?? "", bytes: new Uint8Array(Buffer.concat(chunks, size)) });
      });
    });
    parser.on("filesLimit", () => tooLarge("fichiers"));
    parser.on("fieldsLimit", () => tooLarge("champs"));
    parser.on("partsLimit", () => tooLarge("parties"));
    parser.on("error", (error: Error) => fail(error));
    body.on("error", (error: Error) => fail(error));
    parser.on("close", () => {
      if (settled) return;
      settled = true;
      resolve({ form, files });
    });
    body.pipe(parser);
  });
}

/**
 * The posted form of a page that also takes files: a multipart post is read only when
 * `allowFiles` (checked before a byte of the body is read, or 403), within the upload limit;
 * `tooLarge` says a file went over it.
 */
export async function readPostedForm(
  request: Request,
  options: { allowFiles: boolean; maxFileBytes: number },
): Promise<{ form: FormData; files: UploadedFile[]; tooLarge: boolean }> {
  if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    return { form: await readForm(request), files: [], tooLarge: false };
  }
  if (!options.allowFiles) throw forbidden();
  try {
    return { ...(await readUpload(request, { maxFileBytes: options.maxFileBytes })), tooLarge: false };
  } catch (error) {
    if (error instanceof UploadTooLargeError) return { form: new FormData(), files: [], tooLarge: true };
    if (error instanceof Response) throw error;
    // No boundary, a truncated body, a malformed part header: the client's mistake.
    throw unreadableForm(request, error);
  }
}
