// Reading a form with a file, keeping the file's name exactly as sent. Remix's own parser keeps
// only the last part of a name, which would hide "../../etc/x.png" instead of refusing it.
import { streamMultipart } from "@web3-storage/multipart-parser";

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

export async function readUpload(request: Request, limits: { maxFileBytes: number; maxFieldBytes?: number }): Promise<{ form: FormData; files: UploadedFile[] }> {
  const [type, boundary] = (request.headers.get("Content-Type") ?? "").split(/\s*;\s*boundary=/);
  if (!request.body || !boundary || type !== "multipart/form-data") throw new TypeError("formulaire multipart attendu");
  const form = new FormData();
  const files: UploadedFile[] = [];
  const parts = streamMultipart(request.body, boundary) as AsyncGenerator<StreamPart>;
  for await (const part of parts) {
    if (part.done) break;
    const isFile = typeof part.filename === "string";
    const limit = isFile ? limits.maxFileBytes : (limits.maxFieldBytes ?? 100_000);
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
