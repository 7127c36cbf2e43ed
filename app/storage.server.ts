// Where uploaded files live. One module, one interface: the local disk under data/files today,
// an object store later without touching the callers. Keys are generated here, never taken
// from a user.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getEnv } from "./env.server";

export interface FileStore {
  put(officeId: number, bytes: Uint8Array): Promise<string>;
  get(key: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
}

const KEY = /^office-\d+\/[0-9a-f]{32}$/;

export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error("clé de fichier invalide");
    return path.join(this.root, key);
  }

  async put(officeId: number, bytes: Uint8Array): Promise<string> {
    const key = `office-${officeId}/${crypto.randomBytes(16).toString("hex")}`;
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, bytes, { flag: "wx", mode: 0o600 });
    return key;
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch {
      return null;
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}

let store: FileStore | undefined;
export function fileStore(): FileStore {
  const dir = getEnv().FILES_DIR;
  store ??= new LocalFileStore(dir ? path.resolve(dir) : path.resolve("data", "files"));
  return store;
}
