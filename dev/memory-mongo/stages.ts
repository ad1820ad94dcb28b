import { evalExpr } from "mingo/core";
import { type Iterator, Lazy } from "mingo/lazy";
import type { Options } from "mingo/types";
import { resolve } from "mingo/util";
import { mongoError } from "./errors.js";
import { sortDocs } from "./sort.js";
import { addNumbers, canonicalKey, collatorFor, compareValues, type Doc, isNumeric, isPlainObject, numericValue } from "./values.js";
import { getPath } from "./paths.js";

/**
 * Aggregation stages that replace mingo's: $sort with BSON ordering, $unwind that keeps mongod's
 * semantics and never touches its input, and a $group keyed by canonical BSON keys with fast
 * paths for field-path keys and the common accumulators (mingo's generic evaluation costs several
 * microseconds per document, which adds up on 100k-document pipelines).
 */

export function $sort(coll: Iterator, spec: unknown, options: Options): Iterator {
  return coll.transform((docs: Doc[]) => Lazy(sortDocs(docs, spec, collatorFor(options.collation))));
}

/** Copy of `doc` with the value at `parts` replaced; only the objects along the path are copied. */
function withPath(doc: Doc, parts: string[], value: unknown): Doc {
  const [head, ...rest] = parts as [string, ...string[]];
  const out: Doc = { ...doc };
  if (rest.length === 0) {
    if (value === undefined) delete out[head];
    else out[head] = value;
  } else {
    const child = doc[head];
    out[head] = withPath(isPlainObject(child) ? child : {}, rest, value);
  }
  return out;
}

/** Non-array values count as one-element arrays (so "" and {} survive), like mongod. */
export function $unwind(coll: Iterator, expr: unknown, _options: Options): Iterator {
  const spec = typeof expr === "string" ? { path: expr } : isPlainObject(expr) ? expr : {};
  const path = spec.path;
  if (typeof path !== "string" || !path.startsWith("$") || path.length < 2) {
    throw mongoError("FailedToParse", "$unwind requires a path starting with '$'");
  }
  const parts = path.slice(1).split(".");
  const indexField = typeof spec.includeArrayIndex === "string" ? spec.includeArrayIndex.split(".") : undefined;
  const preserve = spec.preserveNullAndEmptyArrays === true;
  return coll.transform((docs: Doc[]) => {
    const out: Doc[] = [];
    for (const doc of docs) {
      const value = getPath(doc, parts.join("."));
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          const next = withPath(doc, parts, item);
          out.push(indexField ? withPath(next, indexField, i) : next);
        });
        if (value.length === 0 && preserve) {
          const next = withPath(doc, parts, undefined);
          out.push(indexField ? withPath(next, indexField, null) : next);
        }
      } else if ((value !== undefined && value !== null) || preserve) {
        out.push(indexField ? withPath(doc, indexField, null) : doc);
      }
    }
    return Lazy(out);
  });
}

type Getter = (doc: Doc) => unknown;

/** "$a.b" as a direct lookup; arrays along the way defer to mingo's resolve (which fans out). */
function fieldGetter(path: string): Getter {
  const parts = path.split(".");
  return (doc) => {
    let v: unknown = doc;
    for (const p of parts) {
      if (Array.isArray(v)) return resolve(doc, path);
      if (typeof v !== "object" || v === null || !Object.hasOwn(v, p)) return undefined;
      v = (v as Doc)[p];
    }
    return v;
  };
}

/** Compiles field paths, literals and objects of those; anything with an operator returns undefined. */
function compileSimple(expr: unknown): Getter | undefined {
  if (typeof expr === "string") {
    if (expr.startsWith("$$")) return undefined;
    if (expr.startsWith("$")) return fieldGetter(expr.slice(1));
    return () => expr;
  }
  if (expr === null || typeof expr === "number" || typeof expr === "boolean") return () => expr;
  if (isPlainObject(expr)) {
    const entries: Array<[string, Getter]> = [];
    for (const [k, v] of Object.entries(expr)) {
      const g = k.startsWith("$") ? undefined : compileSimple(v);
      if (!g) return undefined;
      entries.push([k, g]);
    }
    return (doc) => {
      const out: Doc = {};
      for (const [k, g] of entries) {
        const v = g(doc);
        if (v !== undefined) out[k] = v;
      }
      return out;
    };
  }
  return undefined;
}

type Accumulate = (members: Doc[]) => unknown;

function values(members: Doc[], get: Getter): unknown[] {
  const out: unknown[] = [];
  for (const m of members) {
    const v = get(m);
    if (v !== undefined) out.push(v);
  }
  return out;
}

function extreme(members: Doc[], get: Getter, sign: 1 | -1): unknown {
  let best: unknown = null;
  for (const m of members) {
    const v = get(m);
    if (v === undefined || v === null) continue;
    if (best === null || sign * compareValues(v, best) > 0) best = v;
  }
  return best;
}

/** Fast versions of the accumulators whose argument is a simple expression; undefined → use mingo. */
function fastAccumulator(spec: unknown): Accumulate | undefined {
  if (!isPlainObject(spec)) return undefined;
  const keys = Object.keys(spec);
  if (keys.length !== 1) return undefined;
  const op = keys[0]!;
  const arg = spec[op];
  if (op === "$count") return isPlainObject(arg) && Object.keys(arg).length === 0 ? (m) => m.length : undefined;
  if (op === "$sum" && typeof arg === "number") return (m) => m.length * arg;
  const get = compileSimple(arg);
  if (!get) return undefined;
  switch (op) {
    case "$sum":
      return (m) => {
        let total: unknown = 0;
        for (const x of m) {
          const v = get(x);
          if (typeof v === "number" && typeof total === "number") total += v;
          else if (isNumeric(v)) total = addNumbers(total, v);
        }
        return total;
      };
    case "$avg":
      return (m) => {
        let sum = 0;
        let n = 0;
        for (const x of m) {
          const v = get(x);
          if (typeof v === "number") sum += v;
          else if (isNumeric(v)) sum += Number(numericValue(v));
          else continue;
          n++;
        }
        return n ? sum / n : null;
      };
    case "$min":
      return (m) => extreme(m, get, -1);
    case "$max":
      return (m) => extreme(m, get, 1);
    case "$first":
      return (m) => (m.length ? (get(m[0]!) ?? null) : null);
    case "$last":
      return (m) => (m.length ? (get(m[m.length - 1]!) ?? null) : null);
    case "$push":
      return (m) => values(m, get);
    case "$addToSet":
      return (m) => {
        const seen = new Map<string, unknown>();
        for (const v of values(m, get)) {
          const k = canonicalKey(v);
          if (!seen.has(k)) seen.set(k, v);
        }
        return Array.from(seen.values());
      };
  }
  return undefined;
}

interface ComputeOptionsLike extends Options {
  update(locals: { root?: unknown; groupId?: unknown }): ComputeOptionsLike;
}

export function $group(coll: Iterator, expr: unknown, options: Options): Iterator {
  if (!isPlainObject(expr) || !("_id" in expr)) throw mongoError("FailedToParse", "a group specification must include an _id");
  const idExpr = expr._id;
  const idOf = compileSimple(idExpr) ?? ((doc: Doc) => evalExpr(doc, idExpr, options));
  const fields = Object.keys(expr)
    .filter((k) => k !== "_id")
    .map((k) => ({ name: k, spec: expr[k], fast: fastAccumulator(expr[k]) }));
  // Stages receive mingo's ComputeOptions; accumulators such as $topN read the group id from it.
  const init = (options as unknown as { constructor: { init?: (o: Options) => ComputeOptionsLike } }).constructor.init;
  return coll.transform((docs: Doc[]) => {
    const groups = new Map<string, { id: unknown; members: Doc[] }>();
    for (const doc of docs) {
      const id = idOf(doc);
      const key = canonicalKey(id);
      const group = groups.get(key);
      if (group) group.members.push(doc);
      else groups.set(key, { id: id === undefined ? null : id, members: [doc] });
    }
    const out: Doc[] = [];
    for (const { id, members } of groups.values()) {
      const row: Doc = { _id: id };
      for (const f of fields) {
        if (f.fast) row[f.name] = f.fast(members);
        else row[f.name] = evalExpr(members, f.spec, init ? init(options).update({ root: null, groupId: id }) : options);
      }
      out.push(row);
    }
    return Lazy(out);
  });
}
