// Reading a form with a file, keeping the file's name exactly as sent. Remix's own parser keeps
// only the last part of a name, which would hide "../../etc/x.png" instead of refusing it.
import { streamMultipart } from "@web3-storage/multipart-parser";
import { forbidden } from "~/auth.server";
import { readForm, unreadableForm } from "~/utils/forms.server";

export class UploadTooLargeError extends Error {}

export interface UploadedFile {
  field: string;
  rawName: string;
  bytes: Uint8Array;
}

interface StreamPart {
  name: string;
  filename?: string;
  done?: boolean;
  data: AsyncIterable<Uint8Array>;
}

/**
 * Reads at most one file and a few small fields; anything larger or more numerous is refused
 * while it streams, so a request can never make the server hold more than about one file.
 */
export async function readUpload(
  request: Request,
  limits: { maxFileBytes: number; maxFieldBytes?: number; maxFields?: number },
): Promise<{ form: FormData; files: UploadedFile[] }> {
  const contentType = request.headers.get("Content-Type") ?? "";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!request.body || !boundary || !contentType.toLowerCase().startsWith("multipart/form-data")) throw new TypeError("formulaire multipart attendu");
  const maxFieldBytes = limits.maxFieldBytes ?? 100_000;
  const maxFields = limits.maxFields ?? 20;
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > limits.maxFileBytes + maxFields * maxFieldBytes) throw new UploadTooLargeError("requête");
  const form = new FormData();
  const files: UploadedFile[] = [];
  let fields = 0;
  const parts = streamMultipart(request.body, boundary) as AsyncGenerator<StreamPart>;
  for await (const part of parts) {
    if (part.done) break;
    const isFile = typeof part.filename === "string";
    if (isFile ? files.length >= 1 : (fields += 1) > maxFields) throw new UploadTooLargeError(part.name);
    const limit = isFile ? limits.maxFileBytes : maxFieldBytes;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of part.data) {
      size += chunk.byteLength;
      if (size > limit) throw new UploadTooLargeError(part.name);
      chunks.push(chunk);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const c of chunks) {
      bytes.set(c, offset);
      offset += c.byteLength;
    }
    if (isFile) {
      if (size > 0 || part.filename) files.push({ field: part.name, rawName: part.filename ?? "", bytes });
    } else {
      form.append(part.name, new TextDecoder().decode(bytes));
    }
  }
  return { form, files };
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
