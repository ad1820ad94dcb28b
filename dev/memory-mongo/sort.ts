import { mongoError } from "./errors.js";
import { compareValues, type Doc, isPlainObject } from "./values.js";
import { getPathValues } from "./paths.js";

/** Sorts below null: mongod orders a document whose sort field is `[]` before null/missing ones. */
const EMPTY_ARRAY = Symbol("empty array");

interface SortField {
  path: string;
  dir: 1 | -1;
}

export function parseSort(spec: unknown): SortField[] {
  if (spec === undefined || spec === null) return [];
  if (!isPlainObject(spec)) throw mongoError("BadValue", "Expected field sort to be an object");
  const fields: SortField[] = [];
  for (const [path, raw] of Object.entries(spec)) {
    if (isPlainObject(raw) && "$meta" in raw) continue; // textScore etc. have no meaning here
    const n = Number(raw);
    if (n !== 1 && n !== -1) throw mongoError("BadValue", `Illegal key in $sort specification: ${path}: ${String(raw)}`);
    fields.push({ path, dir: n });
  }
  return fields;
}

/**
 * The key a document sorts by for one field: arrays sort by their smallest element ascending and
 * largest descending, exactly as mongod's sort key generation does.
 */
function sortKey(doc: Doc, field: SortField, collator?: Intl.Collator): unknown {
  const values = getPathValues(doc, field.path);
  if (values.length === 0) return null;
  const flat: unknown[] = [];
  let sawEmptyArray = false;
  for (const v of values) {
    if (Array.isArray(v)) {
      if (v.length === 0) sawEmptyArray = true;
      flat.push(...v);
    } else flat.push(v);
  }
  if (flat.length === 0) return sawEmptyArray ? EMPTY_ARRAY : null;
  let best = flat[0];
  for (let i = 1; i < flat.length; i++) {
    const c = compareValues(flat[i], best, collator);
    if (field.dir === 1 ? c < 0 : c > 0) best = flat[i];
  }
  return best;
}

function compareKeys(a: unknown, b: unknown, collator?: Intl.Collator): number {
  if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) return a === b ? 0 : a === EMPTY_ARRAY ? -1 : 1;
  return compareValues(a, b, collator);
}

/** Stable sort (ties keep their input order, i.e. natural order) with precomputed keys. */
export function sortDocs<T extends Doc>(docs: T[], spec: unknown, collator?: Intl.Collator): T[] {
  const fields = parseSort(spec);
  if (fields.length === 0) return docs;
  // {$natural: ±1} sorts by position in the input, which callers pass in natural order.
  const keyed = docs.map((doc, i) => ({ doc, keys: fields.map((f) => (f.path === "$natural" ? i : sortKey(doc, f, collator))) }));
  keyed.sort((x, y) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compareKeys(x.keys[i], y.keys[i], collator);
      if (c !== 0) return c * fields[i]!.dir;
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}
