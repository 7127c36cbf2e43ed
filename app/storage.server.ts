// Where uploaded files live. One module, one interface: the local disk under data/files today,
// an object store later without touching the callers. Keys are generated here, never taken
// from a user.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getEnv } from "./env.server";

export interface FileStore {
  /** Writes the bytes and flushes them to the disk before answering (the row that names them comes after). */
  put(officeId: number, bytes: Uint8Array): Promise<string>;
  get(key: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
  /** Every stored file, with when it was written (for the sweep of files left by a crash). */
  list(): AsyncIterable<{ key: string; writtenAt: Date }>;
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
    const handle = await fs.open(file, "wx", 0o600);
    try {
      await handle.writeFile(bytes);
      // On the disk before the row is committed: after a power cut a row never names a file
      // that was still in the page cache (decision 019).
      await handle.sync();
    } finally {
      await handle.close();
    }
    await syncDirectory(path.dirname(file));
    return key;
  }

  async *list(): AsyncIterable<{ key: string; writtenAt: Date }> {
    let offices: string[];
    try {
      offices = await fs.readdir(this.root);
    } catch {
      return;
    }
    for (const office of offices) {
      if (!/^office-\d+$/.test(office)) continue;
      for (const name of await fs.readdir(path.join(this.root, office)).catch(() => [] as string[])) {
        const key = `${office}/${name}`;
        if (!KEY.test(key)) continue;
        const stat = await fs.stat(path.join(this.root, key)).catch(() => null);
        if (stat?.isFile()) yield { key, writtenAt: stat.mtime };
      }
    }
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

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } catch {
    // some file systems refuse to sync a directory; the file itself is synced
  } finally {
    await handle.close();
  }
}

/** The folder of the local store (data/files, or FILES_DIR): the backup archives it. */
export function filesRoot(): string {
  const dir = getEnv().FILES_DIR;
  return dir ? path.resolve(dir) : path.resolve("data", "files");
}

let store: FileStore | undefined;
export function fileStore(): FileStore {
  store ??= new LocalFileStore(filesRoot());
  return store;
}
