import { ObjectId, UUID } from "bson";
import { mongoError } from "./errors.js";
import { duplicateKeyError, ID_INDEX, Index, type IndexSpec, sameIndexIdentity, sameIndexSpec } from "./indexes.js";
import { bsonType, canonicalKey, type Doc, isPlainObject, setField } from "./values.js";
import { isRegex } from "./filters.js";

export interface DocRecord {
  /** Canonical key of _id. */
  readonly id: string;
  /** Insertion sequence: natural order for documents found through an index. */
  readonly seq: number;
  /** Never mutated once stored; updates replace it, so cursors may hold references safely. */
  doc: Doc;
}

export interface CollectionHost {
  readonly name: string;
  touch(): void;
}

/**
 * A collection: documents by canonical _id key (a Map keeps insertion = natural order) plus
 * secondary indexes. Every mutation validates all unique indexes before changing anything,
 * so a failed write leaves no partial state.
 */
export class Collection {
  readonly name: string;
  readonly db: CollectionHost;
  readonly uuid: UUID;
  options: Doc;
  private readonly docs = new Map<string, DocRecord>();
  private readonly secondary: Index[] = [];
  private seq = 0;

  constructor(db: CollectionHost, name: string, options: Doc = {}, uuid?: UUID) {
    this.db = db;
    this.name = name;
    this.options = options;
    this.uuid = uuid ?? new UUID();
  }

  get ns(): string {
    return `${this.db.name}.${this.name}`;
  }

  get count(): number {
    return this.docs.size;
  }

  records(): DocRecord[] {
    return Array.from(this.docs.values());
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...this.secondary.map((i) => i.spec)];
  }

  /** Inserts a prepared document (with _id). Throws DuplicateKey without side effects. */
  insert(doc: Doc): DocRecord {
    const id = canonicalKey(doc._id);
    if (this.docs.has(id)) throw duplicateKeyError(this.ns, ID_INDEX, ["_id"], [doc._id]);
    const keys = this.secondary.map((index) => index.keysOf(doc));
    this.secondary.forEach((index, i) => {
      const clash = index.conflict(keys[i]!, id);
      if (clash) throw duplicateKeyError(this.ns, index.spec, index.fields, clash.values);
    });
    const rec: DocRecord = { id, seq: this.seq++, doc };
    this.docs.set(id, rec);
    this.secondary.forEach((index, i) => index.add(id, keys[i]!));
    this.db.touch();
    return rec;
  }

  /** Replaces a stored document with its updated version (same _id). */
  replace(rec: DocRecord, doc: Doc): void {
    const oldKeys = this.secondary.map((index) => index.keysOf(rec.doc));
    const newKeys = this.secondary.map((index) => index.keysOf(doc));
    this.secondary.forEach((index, i) => {
      const clash = index.conflict(newKeys[i]!, rec.id);
      if (clash) throw duplicateKeyError(this.ns, index.spec, index.fields, clash.values);
    });
    this.secondary.forEach((index, i) => {
      index.remove(rec.id, oldKeys[i]!);
      index.add(rec.id, newKeys[i]!);
    });
    rec.doc = doc;
    this.db.touch();
  }

  remove(rec: DocRecord): void {
    if (this.docs.get(rec.id) !== rec) return;
    this.docs.delete(rec.id);
    for (const index of this.secondary) index.remove(rec.id, index.keysOf(rec.doc));
    this.db.touch();
  }

  clear(): void {
    this.docs.clear();
    for (const index of this.secondary) index.clear();
    this.db.touch();
  }

  /** Creates an index; returns false when an identical one already exists. */
  createIndex(spec: IndexSpec): boolean {
    for (const existing of this.indexSpecs()) {
      if (existing.name === spec.name) {
        if (sameIndexSpec(existing, spec)) return false;
        throw mongoError(
          "IndexKeySpecsConflict",
          "An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. " +
            `Requested index: ${fmtSpec(spec)}, existing index: ${fmtSpec(existing)}`,
        );
      }
      if (sameIndexIdentity(existing, spec)) {
        if (existing.name === "_id_" && spec.unique !== true) return false;
        throw mongoError("IndexOptionsConflict", `Index already exists with a different name: ${existing.name}`);
      }
    }
    const index = new Index(spec);
    // Build fully before publishing, so a duplicate in existing data leaves no half-built index.
    for (const rec of this.docs.values()) {
      const keys = index.keysOf(rec.doc);
      const clash = index.conflict(keys, rec.id);
      if (clash) {
        const err = duplicateKeyError(this.ns, spec, index.fields, clash.values);
        throw mongoError("DuplicateKey", `Index build failed: ${this.uuid.toHexString()}: Collection ${this.ns} ( ${this.uuid.toHexString()} ) :: caused by :: ${err.message}`, err.extra);
      }
      index.add(rec.id, keys);
    }
    this.secondary.push(index);
    this.db.touch();
    return true;
  }

  dropIndex(name: string): void {
    const i = this.secondary.findIndex((x) => x.name === name);
    if (i < 0) throw mongoError("IndexNotFound", `index not found with name [${name}]`);
    this.secondary.splice(i, 1);
    this.db.touch();
  }

  dropAllIndexes(): void {
    this.secondary.length = 0;
    this.db.touch();
  }

  /** collMod's index options: only TTL and visibility may change on an existing index. */
  modifyIndex(nameOrKey: unknown, patch: Doc): IndexSpec {
    const index = this.secondary.find((i) =>
      typeof nameOrKey === "string" ? i.name === nameOrKey : canonicalKey(i.spec.key) === canonicalKey(nameOrKey),
    );
    if (!index) throw mongoError("IndexNotFound", `cannot find index ${typeof nameOrKey === "string" ? nameOrKey : JSON.stringify(nameOrKey)} for ns ${this.ns}`);
    const before = index.spec;
    index.spec = { ...before, ...patch };
    this.db.touch();
    return before;
  }

  /** True when `hint` (an index name or key pattern) names an existing index. */
  hasIndex(hint: unknown): boolean {
    if (typeof hint === "string") return this.indexSpecs().some((s) => s.name === hint);
    if (isPlainObject(hint)) {
      // {$natural: 1} asks for a collection scan, which is always possible.
      return "$natural" in hint || this.findIndexByKey(hint).length > 0;
    }
    return false;
  }

  findIndexByKey(key: Doc): IndexSpec[] {
    return this.indexSpecs().filter((s) => canonicalKey(s.key) === canonicalKey(key));
  }

  /** Documents whose TTL-indexed date field has expired (mongod's TTL monitor semantics). */
  expired(now: number): DocRecord[] {
    const ttl = this.secondary.filter((i) => i.fields.length === 1 && typeof i.spec.expireAfterSeconds === "number");
    if (ttl.length === 0) return [];
    const out: DocRecord[] = [];
    for (const rec of this.docs.values()) {
      const hit = ttl.some((index) => {
        if (index.partial && !index.partial(rec.doc)) return false;
        const limit = Number(index.spec.expireAfterSeconds) * 1000;
        const v = rec.doc[index.fields[0]!];
        const dates = (Array.isArray(v) ? v : [v]).filter((d): d is Date => d instanceof Date);
        return dates.length > 0 && Math.min(...dates.map((d) => d.getTime())) + limit <= now;
      });
      if (hit) out.push(rec);
    }
    return out;
  }

  /**
   * Records that can possibly match `filter`, found through the _id map or an index when the filter
   * pins indexed fields to plain values; undefined means "scan everything".
   */
  candidates(filter: unknown, collation: unknown): DocRecord[] | undefined {
    if (!isPlainObject(filter)) return undefined;
    const ids = equalityValues(filter._id);
    if (ids) return this.byIds(ids.map((v) => canonicalKey(v)));
    if (isPlainObject(collation) && collation.locale !== "simple") return undefined;
    let best: Set<string> | undefined;
    for (const index of this.secondary) {
      if (!index.lookupable) continue;
      const perField = index.fields.map((f) => equalityValues(filter[f]));
      if (perField.some((v) => v === undefined)) continue;
      const combos = cartesian(perField as unknown[][], 1000);
      if (!combos) continue;
      const found = new Set<string>();
      for (const combo of combos) {
        for (const id of index.lookup(combo) ?? []) found.add(id);
      }
      if (!best || found.size < best.size) best = found;
      if (best.size === 0) break;
    }
    return best ? this.byIds(Array.from(best)) : undefined;
  }

  private byIds(ids: string[]): DocRecord[] {
    const out: DocRecord[] = [];
    const seen = new Set<string>();
    for (const id of ids) {
      const rec = this.docs.get(id);
      if (rec && !seen.has(id)) {
        seen.add(id);
        out.push(rec);
      }
    }
    return out.length > 1 ? out.sort((a, b) => a.seq - b.seq) : out;
  }
}

/** Scalar values a filter condition pins a field to (`x`, `{$eq: x}`, `{$in: [...]}`), if that simple. */
function equalityValues(cond: unknown): unknown[] | undefined {
  if (cond === undefined) return undefined;
  const scalar = (v: unknown): boolean => {
    if (v === null || v === undefined || Array.isArray(v) || isPlainObject(v) || isRegex(v)) return false;
    if (typeof v === "number") return !Number.isNaN(v);
    const t = bsonType(v);
    return t !== "DBRef" && t !== "Code";
  };
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    if (keys.length !== 1) return undefined;
    if (keys[0] === "$eq") return scalar(cond.$eq) ? [cond.$eq] : undefined;
    if (keys[0] === "$in" && Array.isArray(cond.$in) && cond.$in.length <= 1000 && cond.$in.every(scalar)) return cond.$in;
    return undefined;
  }
  return scalar(cond) ? [cond] : undefined;
}

function cartesian(lists: unknown[][], max: number): unknown[][] | undefined {
  let out: unknown[][] = [[]];
  for (const list of lists) {
    out = out.flatMap((prefix) => list.map((v) => [...prefix, v]));
    if (out.length > max) return undefined;
  }
  return out;
}

function fmtSpec(s: IndexSpec): string {
  return "{ " + Object.entries(s).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ") + " }";
}

/** Validates and prepares a document for insertion: _id first, generated when absent. */
export function prepareInsert(doc: unknown): Doc {
  if (!isPlainObject(doc)) throw mongoError("TypeMismatch", "documents to insert must be objects");
  const id = doc._id === undefined ? new ObjectId() : doc._id;
  validateId(id);
  const out: Doc = { _id: id };
  for (const k of Object.keys(doc)) if (k !== "_id") setField(out, k, doc[k]);
  return out;
}

export function validateId(id: unknown): void {
  if (Array.isArray(id)) throw mongoError("BadValue", "The '_id' value cannot be of type array");
  if (isRegex(id)) throw mongoError("BadValue", "can't use a regex for _id");
  if (isPlainObject(id)) {
    for (const k of Object.keys(id)) {
      if (k.startsWith("$")) throw mongoError("DollarPrefixedFieldName", `_id fields may not contain '$'-prefixed fields: ${k} is not valid for storage.`);
    }
  }
}

