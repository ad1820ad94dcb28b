import { promises as fs } from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "bson";
import { Collection } from "./collection.js";
import { normalizeIndexSpec } from "./indexes.js";
import type { MemoryMongoStore } from "./store.js";
import { DESERIALIZE_OPTIONS, type Doc, isPlainObject, SERIALIZE_OPTIONS } from "./values.js";

/**
 * Optional persistence: one file per database, a plain concatenation of BSON records
 *   { t: "db", db } { t: "collection", name, options, uuid, indexes } { t: "doc", d } ...
 * Writes are debounced and atomic: write `<file>.tmp`, fsync, rename over the old file, fsync the
 * directory. A crash leaves either the old or the new file, never a torn one.
 */

const EXT = ".bson";
const TMP = ".tmp";

function fileFor(dir: string, db: string): string {
  return path.join(dir, encodeURIComponent(db) + EXT);
}

export async function loadDataDir(dir: string, store: MemoryMongoStore): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const entry of await fs.readdir(dir)) {
    const file = path.join(dir, entry);
    // A leftover temp file is an interrupted write; the previous complete file is still in place.
    if (entry.endsWith(TMP)) await fs.rm(file, { force: true });
    else if (entry.endsWith(EXT)) loadDatabaseFile(file, await fs.readFile(file), store);
  }
}

function loadDatabaseFile(file: string, buf: Buffer, store: MemoryMongoStore): void {
  let offset = 0;
  let coll: Collection | undefined;
  let dbName: string | undefined;
  while (offset < buf.length) {
    if (offset + 4 > buf.length) throw new Error(`memory-mongo: truncated data file ${file}`);
    const size = buf.readInt32LE(offset);
    if (size < 5 || offset + size > buf.length) throw new Error(`memory-mongo: corrupt data file ${file} at byte ${offset}`);
    const rec = deserialize(buf.subarray(offset, offset + size), DESERIALIZE_OPTIONS);
    offset += size;
    if (rec.t === "db") dbName = String(rec.db);
    else if (rec.t === "collection") {
      if (dbName === undefined) throw new Error(`memory-mongo: data file ${file} has no header`);
      const db = store.db(dbName);
      coll = new Collection(db, String(rec.name), isPlainObject(rec.options) ? rec.options : {}, rec.uuid);
      for (const spec of Array.isArray(rec.indexes) ? rec.indexes : []) coll.createIndex(normalizeIndexSpec(spec));
      db.adopt(coll);
    } else if (rec.t === "doc") {
      if (!coll) throw new Error(`memory-mongo: document before collection in ${file}`);
      coll.insert(rec.d as Doc);
    }
  }
}

interface Snapshot {
  db: string;
  collections: Array<{ header: Doc; docs: Doc[] }>;
}

/**
 * A point-in-time view taken synchronously. Stored documents are never mutated (updates replace
 * them), so holding references is enough; serialization can then happen asynchronously.
 */
function snapshot(store: MemoryMongoStore, dbName: string): Snapshot | undefined {
  if (!store.hasDatabase(dbName)) return undefined;
  const collections = Array.from(store.db(dbName).collections.values()).map((coll) => ({
    header: { t: "collection", name: coll.name, options: coll.options, uuid: coll.uuid, indexes: coll.indexSpecs().slice(1) },
    docs: coll.records().map((r) => r.doc),
  }));
  return { db: dbName, collections };
}

/** Serializes in slices, yielding to the event loop so large databases do not stall clients. */
async function serializeSnapshot(snap: Snapshot): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [serialize({ t: "db", db: snap.db }, SERIALIZE_OPTIONS)];
  for (const coll of snap.collections) {
    chunks.push(serialize(coll.header, SERIALIZE_OPTIONS));
    for (let i = 0; i < coll.docs.length; i++) {
      chunks.push(serialize({ t: "doc", d: coll.docs[i] }, SERIALIZE_OPTIONS));
      if (i % 2000 === 1999) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return chunks;
}

async function writeAtomically(file: string, chunks: Uint8Array[]): Promise<void> {
  const tmp = file + TMP;
  const handle = await fs.open(tmp, "w");
  try {
    for (let i = 0; i < chunks.length; i += 1024) await handle.writev(chunks.slice(i, i + 1024));
    await handle.sync();
  } catch (err) {
    await handle.close();
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  await fs.rename(tmp, file);
  await syncDir(path.dirname(file));
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class Persistence {
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly dir: string,
    private readonly store: MemoryMongoStore,
    private readonly debounceMs = 250,
  ) {
    this.unsubscribe = store.onChange((db) => this.markDirty(db));
  }

  private markDirty(db: string): void {
    this.dirty.add(db);
    // Not reset on every change: a steady stream of writes still reaches disk every debounceMs.
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush().catch((err: unknown) => console.error("memory-mongo: persisting failed", err));
      }, this.debounceMs);
      this.timer.unref();
    }
  }

  /** Writes every database changed since the last flush; concurrent calls share the work. */
  async flush(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    if (this.dirty.size === 0) return;
    const dbs = Array.from(this.dirty);
    this.dirty.clear();
    // Snapshot synchronously so the files reflect one consistent point in time.
    const work = dbs.map((db) => [db, snapshot(this.store, db)] as const);
    this.running = (async () => {
      for (const [db, snap] of work) {
        const file = fileFor(this.dir, db);
        if (snap) await writeAtomically(file, await serializeSnapshot(snap));
        else await fs.rm(file, { force: true });
      }
    })()
      .catch((err: unknown) => {
        for (const db of dbs) this.dirty.add(db); // retried by the next flush
        throw err;
      })
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
    this.unsubscribe();
  }
}
