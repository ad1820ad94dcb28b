import { Collection, type CollectionHost } from "./collection.js";
import { mongoError } from "./errors.js";
import type { Doc } from "./values.js";

export function validateDbName(name: unknown): string {
  if (typeof name !== "string" || name.length === 0 || name.length > 63 || /[/\\. "$\0*<>:|?]/.test(name)) {
    throw mongoError("InvalidNamespace", `Invalid database name: '${String(name)}'`);
  }
  return name;
}

export function validateCollectionName(name: unknown): string {
  if (typeof name !== "string" || name.length === 0 || name.includes("\0") || name.includes("$") || name.startsWith(".")) {
    throw mongoError("InvalidNamespace", `Invalid collection name: ${String(name)}`);
  }
  return name;
}

export class Database implements CollectionHost {
  readonly name: string;
  readonly collections = new Map<string, Collection>();
  private readonly store: MemoryMongoStore;

  constructor(store: MemoryMongoStore, name: string) {
    this.store = store;
    this.name = name;
  }

  touch(): void {
    this.store.markChanged(this.name);
  }

  get(name: string): Collection | undefined {
    return this.collections.get(name);
  }

  /** Collections are created implicitly by the first write, like mongod does. */
  getOrCreate(name: string, options: Doc = {}): Collection {
    let coll = this.collections.get(name);
    if (!coll) {
      coll = new Collection(this, validateCollectionName(name), options);
      this.collections.set(name, coll);
      this.touch();
    }
    return coll;
  }

  /** Adds a collection restored from disk. */
  adopt(coll: Collection): void {
    this.collections.set(coll.name, coll);
  }

  drop(name: string): Collection | undefined {
    const coll = this.collections.get(name);
    if (coll) {
      this.collections.delete(name);
      this.touch();
    }
    return coll;
  }
}

/**
 * All data of one server: databases → collections → documents. It outlives the TCP listener, so a
 * test can stop the server and start a new one on the same store (see index.ts).
 */
export class MemoryMongoStore {
  private readonly dbs = new Map<string, Database>();
  private readonly listeners = new Set<(db: string) => void>();

  /** The database object (created lazily; it "exists" for listDatabases once it has a collection). */
  db(name: string): Database {
    let db = this.dbs.get(name);
    if (!db) {
      db = new Database(this, validateDbName(name));
      this.dbs.set(name, db);
    }
    return db;
  }

  databases(): Database[] {
    return Array.from(this.dbs.values()).filter((db) => db.collections.size > 0);
  }

  dropDatabase(name: string): void {
    const db = this.dbs.get(name);
    if (!db) return;
    this.dbs.delete(name);
    if (db.collections.size > 0) this.markChanged(name);
  }

  onChange(listener: (db: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  markChanged(db: string): void {
    for (const listener of this.listeners) listener(db);
  }

  hasDatabase(name: string): boolean {
    return (this.dbs.get(name)?.collections.size ?? 0) > 0;
  }

  /** Deletes documents past their TTL index expiry; returns how many. */
  expireTtl(now = Date.now()): number {
    let removed = 0;
    for (const db of this.dbs.values()) {
      for (const coll of db.collections.values()) {
        for (const rec of coll.expired(now)) {
          coll.remove(rec);
          removed++;
        }
      }
    }
    return removed;
  }
}
