import { Aggregator } from "mingo/aggregator";
import { Context } from "mingo/core";
import * as accumulatorOps from "mingo/operators/accumulator";
import * as expressionOps from "mingo/operators/expression";
import * as pipelineOps from "mingo/operators/pipeline";
import * as projectionOps from "mingo/operators/projection";
import * as queryOps from "mingo/operators/query";
import * as windowOps from "mingo/operators/window";
import { Query } from "mingo/query";
import type { AnyObject, CollationSpec, Options } from "mingo/types";
import { flatten, resolve } from "mingo/util";
import { mongoError } from "./errors.js";
import { $group, $sort, $unwind } from "./stages.js";
import { canonicalKey, collatorFor, compareValues, deepCopy, type Doc, foldForCollation, isNumeric, isPlainObject, typeRank, valuesEqual } from "./values.js";
import { TYPE_ALIASES, typeName } from "./describe.js";
import { asJsRegExp, isRegex, prepareFilter } from "./filters.js";

/**
 * mingo evaluates queries and pipelines, but its own comparison operators do not know BSON:
 * Long(5) would not equal 5 and ObjectIds would sort by their string form. So the leaf comparison
 * operators and $sort are replaced by BSON-aware ones following mongod's type-bracketing rules;
 * everything else ($elemMatch, $exists, $all, $size, $regex, logical operators...) is mingo's.
 */

type Leaf = (a: unknown, depth: number) => boolean;

function leafOperator(make: (value: unknown, options: Options) => Leaf) {
  return (selector: string, value: unknown, options: Options) => {
    const depth = selector.split(".").length - 1;
    const test = make(value, options);
    return (obj: AnyObject) => test(resolve(obj, selector, { unwrapArray: true }), depth);
  };
}

/**
 * Values a field contributes to a comparison: the value itself plus, for arrays, its elements
 * (and, when the path fanned out through arrays, the elements of those nested arrays too).
 */
function candidates(a: unknown, depth: number): unknown[] {
  if (!Array.isArray(a)) return [a];
  return depth > 0 ? [a, ...a, ...flatten(a, depth)] : [a, ...a];
}

function makeEq(value: unknown, options: Options): Leaf {
  const collator = collatorFor(options.collation);
  if (value === null || value === undefined) {
    return (a, depth) => candidates(a, depth).some((v) => v === null || v === undefined);
  }
  // Fast paths for the common scalar cases; everything else goes through full BSON comparison.
  if (typeof value === "string" && !collator) {
    return (a, depth) => a === value || (Array.isArray(a) && candidates(a, depth).includes(value));
  }
  const rank = typeRank(value);
  return (a, depth) => candidates(a, depth).some((v) => typeRank(v) === rank && valuesEqual(v, value, collator));
}

function makeIn(value: unknown, options: Options): Leaf {
  if (!Array.isArray(value)) throw mongoError("BadValue", "$in needs an array");
  const fold = options.collation ? (s: string) => foldForCollation(s, options.collation) : undefined;
  const keys = new Set<string>();
  const regexes: RegExp[] = [];
  let matchesNull = false;
  for (const v of value) {
    if (isRegex(v)) regexes.push(asJsRegExp(v));
    else if (v === null) matchesNull = true;
    else if (isPlainObject(v) && Object.keys(v).some((k) => k.startsWith("$"))) throw mongoError("BadValue", "cannot nest $ under $in");
    else keys.add(canonicalKey(v, fold));
  }
  return (a, depth) =>
    candidates(a, depth).some((v) => {
      if (v === null || v === undefined) return matchesNull;
      if (regexes.length && typeof v === "string" && regexes.some((r) => r.test(v))) return true;
      return keys.has(canonicalKey(v, fold));
    });
}

function makeRange(accept: (c: number) => boolean) {
  return (value: unknown, options: Options): Leaf => {
    const collator = collatorFor(options.collation);
    const rank = typeRank(value);
    return (a, depth) =>
      candidates(a === undefined ? null : a, depth).some((v) => {
        const x = v === undefined ? null : v;
        return typeRank(x) === rank && accept(compareValues(x, value, collator));
      });
  };
}

function makeType(value: unknown): Leaf {
  const wanted = (Array.isArray(value) ? value : [value]).map((t) => {
    if (typeof t === "number") {
      const name = TYPE_ALIASES[t];
      if (!name) throw mongoError("BadValue", `Invalid numerical type code: ${t}`);
      return name;
    }
    if (typeof t !== "string") throw mongoError("TypeMismatch", "type must be represented as a number or a string");
    return t;
  });
  const is = (v: unknown) => wanted.some((t) => t === typeName(v) || (t === "number" && isNumeric(v)));
  return (a) => a !== undefined && (is(a) || (Array.isArray(a) && a.some(is)));
}

const not = (make: (value: unknown, options: Options) => Leaf) => (value: unknown, options: Options): Leaf => {
  const f = make(value, options);
  return (a, d) => !f(a, d);
};

const bsonQueryOps = {
  $eq: leafOperator(makeEq),
  $ne: leafOperator(not(makeEq)),
  $in: leafOperator(makeIn),
  $nin: leafOperator(not(makeIn)),
  $gt: leafOperator(makeRange((c) => c > 0)),
  $gte: leafOperator(makeRange((c) => c >= 0)),
  $lt: leafOperator(makeRange((c) => c < 0)),
  $lte: leafOperator(makeRange((c) => c <= 0)),
  $type: leafOperator(makeType),
};

/** Our operators win: Context.from keeps the first definition of each name. */
const CONTEXT = Context.from(
  Context.init({ query: bsonQueryOps, pipeline: { $sort, $unwind, $group } } as unknown as Parameters<typeof Context.init>[0]),
  Context.init({
    accumulator: accumulatorOps,
    expression: expressionOps,
    pipeline: pipelineOps,
    projection: projectionOps,
    query: queryOps,
    window: windowOps,
  } as unknown as Parameters<typeof Context.init>[0]),
);

export interface EvalOptions {
  collation?: unknown;
  /** Resolves `$lookup`/`$unionWith` collection names within the same database. */
  resolveCollection?: (name: string) => Doc[];
  variables?: Doc;
}

function mingoOptions(opts: EvalOptions = {}): Partial<Options> {
  const collation =
    isPlainObject(opts.collation) && typeof opts.collation.locale === "string" && opts.collation.locale !== "simple"
      ? (opts.collation as unknown as CollationSpec)
      : undefined;
  return {
    context: CONTEXT,
    scriptEnabled: false,
    ...(collation ? { collation } : {}),
    ...(opts.resolveCollection ? { collectionResolver: opts.resolveCollection } : {}),
    ...(opts.variables ? { variables: opts.variables } : {}),
  };
}

export type Predicate = (doc: Doc) => boolean;

export function compileFilter(filter: unknown, opts?: EvalOptions): Predicate {
  if (filter === undefined || filter === null) return () => true;
  if (!isPlainObject(filter)) throw mongoError("TypeMismatch", "query filter must be an object");
  if (Object.keys(filter).length === 0) return () => true;
  const q = new Query(prepareFilter(filter), mingoOptions(opts));
  return (doc) => q.test(doc);
}

/** Applies a find-style projection (inclusion/exclusion, $slice, $elemMatch, positional `.$`). */
export function projectDocs(docs: Doc[], projection: unknown, filter: unknown, opts?: EvalOptions): Doc[] {
  if (!isPlainObject(projection) || Object.keys(projection).length === 0) return docs;
  const condition = isPlainObject(filter) ? prepareFilter(filter) : {};
  // mingo's projection may write into nested objects of its input, so it only ever sees copies.
  const projected = new Query(condition, mingoOptions(opts)).find(docs.map(deepCopy), prepareFilter(projection)).all() as Doc[];
  return projected.length === docs.length ? projected.map((p, i) => inSourceOrder(p, docs[i]!)) : projected;
}

/** mongod keeps the stored document's field order (so _id stays first); computed fields follow. */
function inSourceOrder(projected: Doc, source: Doc): Doc {
  const out: Doc = {};
  for (const k of Object.keys(source)) if (k in projected) out[k] = projected[k];
  for (const k of Object.keys(projected)) if (!(k in out)) out[k] = projected[k];
  return out;
}

/** Runs an aggregation pipeline; the caller copies the input unless every stage is read-only. */
export function runPipeline(docs: Doc[], pipeline: Doc[], opts?: EvalOptions): Doc[] {
  if (pipeline.length === 0) return docs;
  return new Aggregator(prepareFilter(pipeline), mingoOptions(opts)).run(docs) as Doc[];
}
