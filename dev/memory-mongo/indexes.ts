import { MongoCommandError, mongoError } from "./errors.js";
import { compileFilter, type Predicate } from "./matcher.js";
import { canonicalKey, deepCopy, type Doc, foldForCollation, isPlainObject } from "./values.js";
import { formatValue } from "./describe.js";
import { getPathValues } from "./paths.js";

/** One index as listIndexes reports it: { v: 2, key, name, ...options }. */
export type IndexSpec = Doc & { v: number; key: Doc; name: string };

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: "_id_" };

/** Options that mongod keeps in the catalog; `background`/`ns` are accepted but dropped. */
const DROPPED_OPTIONS = new Set(["background", "ns", "v", "key", "name"]);

const COLLATION_DEFAULTS: Doc = {
  caseLevel: false,
  caseFirst: "off",
  strength: 3,
  numericOrdering: false,
  alternate: "non-ignorable",
  maxVariable: "punct",
  normalization: false,
  backwards: false,
  version: "57.1",
};

/** Validates a createIndexes entry and normalises it to what listIndexes returns. */
export function normalizeIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw)) throw mongoError("TypeMismatch", "The field 'indexes' must be an array of objects");
  const key = raw.key;
  if (!isPlainObject(key) || Object.keys(key).length === 0) {
    throw mongoError("CannotCreateIndex", "Index keys cannot be empty.");
  }
  for (const [field, dir] of Object.entries(key)) {
    if (field === "") throw mongoError("CannotCreateIndex", "Index keys cannot be an empty field.");
    const ok = (typeof dir === "number" && dir !== 0 && Number.isFinite(dir)) || typeof dir === "string";
    if (!ok) {
      throw mongoError(
        "CannotCreateIndex",
        `Values in the index key pattern can contain only non-zero numbers or strings. Found ${field}: ${formatValue(dir)}`,
      );
    }
  }
  const name = typeof raw.name === "string" ? raw.name : Object.entries(key).map(([f, d]) => `${f}_${String(d)}`).join("_");
  if (name === "") throw mongoError("CannotCreateIndex", "The index name cannot be empty");
  const spec: IndexSpec = { v: 2, key: deepCopy(key), name };
  for (const [opt, value] of Object.entries(raw)) {
    if (DROPPED_OPTIONS.has(opt)) continue;
    if (opt === "unique" && value !== true) continue;
    if (opt === "collation" && isPlainObject(value)) {
      if (value.locale !== "simple") spec.collation = { locale: value.locale, ...COLLATION_DEFAULTS, ...deepCopy(value) };
      continue;
    }
    if (opt === "partialFilterExpression") {
      if (!isPlainObject(value)) throw mongoError("TypeMismatch", "partialFilterExpression must be an object");
      compileFilter(value); // reject a malformed filter at creation time, as mongod does
    }
    spec[opt] = deepCopy(value);
  }
  if (name === "_id_" && (Object.keys(key).length !== 1 || key._id === undefined)) {
    throw mongoError("BadValue", "The index name '_id_' is reserved for the _id index");
  }
  return spec;
}

interface IndexKey {
  key: string;
  values: unknown[];
}

/**
 * A secondary index: maps the canonical key of each indexed document to the ids holding it.
 * Used to enforce uniqueness without scanning and to answer equality queries.
 */
export class Index {
  /** Replaced (never mutated) by collMod, which may only change expireAfterSeconds/hidden. */
  spec: IndexSpec;
  readonly fields: string[];
  readonly unique: boolean;
  /** Only ascending/descending keys take part in lookups and uniqueness; text/2dsphere/hashed are metadata. */
  readonly ordered: boolean;
  readonly sparse: boolean;
  readonly partial: Predicate | undefined;
  private readonly fold: ((s: string) => string) | undefined;
  private readonly entries = new Map<string, Set<string>>();

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.ordered = Object.values(spec.key).every((d) => typeof d === "number");
    this.unique = spec.unique === true && this.ordered;
    this.sparse = spec.sparse === true;
    this.partial = isPlainObject(spec.partialFilterExpression) ? compileFilter(spec.partialFilterExpression) : undefined;
    const collation = spec.collation;
    this.fold = collation ? (s: string) => foldForCollation(s, collation) : undefined;
  }

  get name(): string {
    return this.spec.name;
  }

  /** Usable for plain equality lookups: every document is indexed with simple comparison. */
  get lookupable(): boolean {
    return this.ordered && !this.partial && !this.fold;
  }

  /** The index keys of a document; empty when the document is not in the index (sparse/partial). */
  keysOf(doc: Doc): IndexKey[] {
    if (!this.ordered) return [];
    if (this.partial && !this.partial(doc)) return [];
    const perField: unknown[][] = [];
    let present = false;
    for (const field of this.fields) {
      const found = getPathValues(doc, field);
      if (found.length) present = true;
      const values: unknown[] = [];
      for (const v of found) {
        // Multikey: an array contributes each element; an empty array is indexed as undefined.
        if (Array.isArray(v)) values.push(...(v.length ? v : [undefined]));
        else values.push(v);
      }
      perField.push(values.length ? values : [null]);
    }
    if (this.sparse && !present) return [];
    let combos: IndexKey[] = [{ key: "", values: [] }];
    for (const values of perField) {
      const next: IndexKey[] = [];
      for (const c of combos) {
        for (const v of values) {
          next.push({ key: c.key + (c.values.length ? "|" : "") + canonicalKey(v, this.fold), values: [...c.values, v] });
        }
      }
      combos = next;
    }
    const seen = new Set<string>();
    return combos.filter((c) => (seen.has(c.key) ? false : (seen.add(c.key), true)));
  }

  /** The first key of `keys` already held by a document other than `selfId`. */
  conflict(keys: IndexKey[], selfId: string): IndexKey | undefined {
    if (!this.unique) return undefined;
    for (const k of keys) {
      const ids = this.entries.get(k.key);
      if (ids && (ids.size > 1 || !ids.has(selfId))) return k;
    }
    return undefined;
  }

  add(id: string, keys: IndexKey[]): void {
    for (const k of keys) {
      let ids = this.entries.get(k.key);
      if (!ids) this.entries.set(k.key, (ids = new Set()));
      ids.add(id);
    }
  }

  remove(id: string, keys: IndexKey[]): void {
    for (const k of keys) {
      const ids = this.entries.get(k.key);
      if (!ids) continue;
      ids.delete(id);
      if (ids.size === 0) this.entries.delete(k.key);
    }
  }

  /** Ids of documents whose index key equals the given field values (one value per field). */
  lookup(values: unknown[]): Set<string> | undefined {
    return this.entries.get(values.map((v) => canonicalKey(v, this.fold)).join("|"));
  }

  clear(): void {
    this.entries.clear();
  }
}

/** mongod's E11000 error, with keyPattern/keyValue so drivers can report which key collided. */
export function duplicateKeyError(ns: string, spec: IndexSpec, fields: string[], values: unknown[]): MongoCommandError {
  const keyValue: Doc = {};
  fields.forEach((f, i) => (keyValue[f] = values[i] === undefined ? null : values[i]));
  const collation = spec.collation ? " collation: " + formatValue(spec.collation) : "";
  return mongoError(
    "DuplicateKey",
    `E11000 duplicate key error collection: ${ns} index: ${spec.name}${collation} dup key: ${formatValue(keyValue)}`,
    { keyPattern: deepCopy(spec.key), keyValue: deepCopy(keyValue) },
  );
}

/** Same index for createIndexes purposes: same key pattern and the options that distinguish indexes. */
export function sameIndexIdentity(a: IndexSpec, b: IndexSpec): boolean {
  return (
    canonicalKey(a.key) === canonicalKey(b.key) &&
    canonicalKey(a.partialFilterExpression ?? null) === canonicalKey(b.partialFilterExpression ?? null) &&
    canonicalKey(a.collation ?? null) === canonicalKey(b.collation ?? null)
  );
}

export function sameIndexSpec(a: IndexSpec, b: IndexSpec): boolean {
  return canonicalKey(sortedSpec(a)) === canonicalKey(sortedSpec(b));
}

function sortedSpec(s: IndexSpec): Doc {
  const out: Doc = {};
  for (const k of Object.keys(s).sort()) out[k] = s[k];
  return out;
}
