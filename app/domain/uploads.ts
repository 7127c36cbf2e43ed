// What an uploaded file may be: its size, its real type (read from its first bytes, not from
// what the browser claims) and its name. Pure: bytes and a name in, a verdict out.

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const ALLOWED_TYPES = {
  "image/jpeg": "photo JPEG",
  "image/png": "image PNG",
  "image/webp": "image WebP",
  "application/pdf": "document PDF",
} as const;
export type AllowedType = keyof typeof ALLOWED_TYPES;
const EXTENSIONS: Record<AllowedType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf" };

/** The type the content really has, from its signature. */
export function sniffType(bytes: Uint8Array): AllowedType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return "image/webp";
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf";
  return null;
}

export type UploadVerdict = { ok: true; type: AllowedType; name: string } | { ok: false; message: string };

export function checkUpload(input: { name: string; bytes: Uint8Array }): UploadVerdict {
  const name = input.name.normalize("NFC").trim();
  if (input.bytes.byteLength === 0) return { ok: false, message: "Fichier : il est vide." };
  if (input.bytes.byteLength > MAX_UPLOAD_BYTES) {
    return { ok: false, message: `Fichier : 10 Mo au maximum (celui-ci fait ${(input.bytes.byteLength / 1024 / 1024).toFixed(1).replace(".", ",")} Mo).` };
  }
  if (name === "" || name.length > 150 || /[/\\:*?"<>|\u0000-\u001f]/.test(name) || name.startsWith(".") || name.includes("..")) {
    return { ok: false, message: "Fichier : son nom ne doit contenir ni chemin ni caractères spéciaux (/ \\ : * ? \" < > |), et faire 150 caractères au plus." };
  }
  const type = sniffType(input.bytes);
  if (!type) return { ok: false, message: "Fichier : seuls les photos (JPEG, PNG, WebP) et les documents PDF sont acceptés." };
  // The name ends with the extension of what the file really is.
  const base = name.replace(/\.[^.]{1,5}$/, "");
  return { ok: true, type, name: `${base}.${EXTENSIONS[type]}` };
}
