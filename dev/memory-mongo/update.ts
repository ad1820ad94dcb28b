import { formatValue, typeName } from "./describe.js";
import { mongoError } from "./errors.js";
import { asJsRegExp, isRegex } from "./filters.js";
import { compileFilter, type EvalOptions, type Predicate, runPipeline } from "./matcher.js";
import { type Entry, setNested, UpdateRun } from "./update-operators.js";
import { collatorFor, deepCopy, type Doc, isNumeric, isPlainObject, setField, valuesEqual } from "./values.js";

/**
 * Update documents, applied the way mongod's update system does: validated up front (unknown
 * modifiers, conflicting paths, bad arguments fail even when nothing matches), then fields are
 * modified in lexicographic path order on a private copy of the document.
 */

export interface CompiledUpdate {
  kind: "replacement" | "operators" | "pipeline";
  /** Returns the updated copy of `doc` (or the new document for an upsert when `doc` is undefined). */
  apply(doc: Doc | undefined, filter: unknown): Doc;
}

export interface UpdateOptions extends EvalOptions {
  arrayFilters?: unknown;
}

const OPERATORS = new Set([
  "$set",
  "$unset",
  "$inc",
  "$mul",
  "$min",
  "$max",
  "$rename",
  "$currentDate",
  "$setOnInsert",
  "$push",
  "$addToSet",
  "$pop",
  "$pull",
  "$pullAll",
  "$bit",
]);

const PIPELINE_STAGES = new Set(["$addFields", "$set", "$project", "$unset", "$replaceRoot", "$replaceWith"]);

export function compileUpdate(u: unknown, opts: UpdateOptions = {}): CompiledUpdate {
  if (Array.isArray(u)) return compilePipeline(u, opts);
  if (!isPlainObject(u)) throw mongoError("FailedToParse", "Update argument must be either an object or an array");
  const keys = Object.keys(u);
  if (keys.length > 0 && keys[0]!.startsWith("$")) return compileOperators(u, opts);
  return compileReplacement(u);
}

function withIdFirst(doc: Doc, id: unknown): Doc {
  const out: Doc = { _id: id };
  for (const k of Object.keys(doc)) if (k !== "_id") setField(out, k, doc[k]);
  return out;
}

function compileReplacement(u: Doc): CompiledUpdate {
  for (const k of Object.keys(u)) {
    if (k.startsWith("$")) {
      throw mongoError(
        "DollarPrefixedFieldName",
        `The dollar ($) prefixed field '${k}' in '${k}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
      );
    }
  }
  return {
    kind: "replacement",
    apply(doc, filter) {
      const replacement = deepCopy(u);
      if (!doc) {
        const id = replacement._id !== undefined ? replacement._id : upsertBase(filter)._id;
        return id === undefined ? replacement : withIdFirst(replacement, id);
      }
      if (replacement._id !== undefined && !valuesEqual(replacement._id, doc._id)) {
        throw mongoError(
          "ImmutableField",
          `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(replacement._id)}`,
        );
      }
      return withIdFirst(replacement, doc._id);
    },
  };
}

function compilePipeline(stages: unknown[], opts: UpdateOptions): CompiledUpdate {
  for (const stage of stages) {
    const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
    if (!name || !PIPELINE_STAGES.has(name)) {
      throw mongoError("InvalidOptions", `${name ?? "stage"} is not allowed to be used within an update`);
    }
  }
  return {
    kind: "pipeline",
    apply(doc, filter) {
      const input = doc ? deepCopy(doc) : upsertBase(filter);
      const [out] = runPipeline([input], stages as Doc[], opts);
      if (!out) throw mongoError("InternalError", "update pipeline produced no document");
      if (doc) {
        if (out._id === undefined) return withIdFirst(out, doc._id);
        if (!valuesEqual(out._id, doc._id)) {
          throw mongoError(
            "ImmutableField",
            `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(out._id)}`,
          );
        }
      }
      return out;
    },
  };
}

/** The document an upsert starts from: the filter's equality conditions (including inside $and). */
export function upsertBase(filter: unknown): Doc {
  const out: Doc = {};
  const visit = (f: unknown) => {
    if (!isPlainObject(f)) return;
    for (const [k, v] of Object.entries(f)) {
      if (k === "$and" && Array.isArray(v)) v.forEach(visit);
      if (k.startsWith("$")) continue;
      let value: unknown = v;
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith("$"))) {
        if (!("$eq" in v)) continue;
        value = v.$eq;
      }
      if (isRegex(value)) continue;
      setNested(out, k.split("."), deepCopy(value));
    }
  };
  visit(filter);
  return out._id === undefined ? out : withIdFirst(out, out._id);
}

function validatePath(path: string): string[] {
  if (path === "") throw mongoError("EmptyFieldName", "An empty update path is not valid.");
  const parts = path.split(".");
  if (parts.some((p) => p === "")) {
    throw mongoError("EmptyFieldName", `The update path '${path}' contains an empty field name, which is not allowed.`);
  }
  return parts;
}

/** Lexicographic order, numeric parts numerically: the order mongod 5+ applies modifications in. */
function comparePaths(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function checkConflicts(paths: string[][]): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const a = paths[i]!;
      const b = paths[j]!;
      const n = Math.min(a.length, b.length);
      let k = 0;
      while (k < n && a[k] === b[k]) k++;
      if (k === n) {
        const longer = a.length >= b.length ? a : b;
        const shorter = a.length >= b.length ? b : a;
        throw mongoError(
          "ConflictingUpdateOperators",
          `Updating the path '${longer.join(".")}' would create a conflict at '${shorter.join(".")}'`,
        );
      }
    }
  }
}

function compileArrayFilters(raw: unknown, opts: EvalOptions): Map<string, Predicate> {
  const filters = new Map<string, Predicate>();
  if (raw === undefined || raw === null) return filters;
  if (!Array.isArray(raw)) throw mongoError("TypeMismatch", "arrayFilters must be an array");
  for (const f of raw) {
    if (!isPlainObject(f) || Object.keys(f).length === 0) {
      throw mongoError("FailedToParse", "Cannot use an expression without a top-level field name in arrayFilters");
    }
    const idents = new Set(Object.keys(f).map((k) => k.split(".")[0]!));
    if (idents.size !== 1) {
      throw mongoError("FailedToParse", "Error parsing array filter :: caused by :: Expected a single top-level field name");
    }
    const ident = [...idents][0]!;
    if (!/^[a-z][a-zA-Z0-9]*$/.test(ident)) {
      throw mongoError(
        "BadValue",
        `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${ident}'`,
      );
    }
    if (filters.has(ident)) throw mongoError("FailedToParse", `Found multiple array filters with the same top-level field name ${ident}`);
    const pred = compileFilter(f, opts);
    filters.set(ident, (el) => pred({ [ident]: el }));
  }
  return filters;
}

function numericArg(op: string, path: string, arg: unknown): void {
  if (!isNumeric(arg)) {
    const verb = op === "$inc" ? "increment" : "multiply";
    throw mongoError("TypeMismatch", `Cannot ${verb} with non-numeric argument: {${path}: ${formatValue(arg)}}`);
  }
}

function compileOperators(u: Doc, opts: UpdateOptions): CompiledUpdate {
  const entries: Entry[] = [];
  const targets: string[][] = [];
  const collator = collatorFor(opts.collation);
  for (const [op, spec] of Object.entries(u)) {
    if (!OPERATORS.has(op)) {
      throw mongoError(
        "FailedToParse",
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(spec)) {
      throw mongoError(
        "FailedToParse",
        `Modifiers operate on fields but we found type ${typeName(spec)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${formatValue(spec)}}`,
      );
    }
    for (const [path, arg] of Object.entries(spec)) {
      const parts = validatePath(path);
      const entry: Entry = { op, path, parts, arg };
      switch (op) {
        case "$inc":
        case "$mul":
          numericArg(op, path, arg);
          break;
        case "$rename": {
          if (typeof arg !== "string") {
            throw mongoError("BadValue", `The 'to' field for $rename must be a string: ${path}: ${formatValue(arg)}`);
          }
          const to = validatePath(arg);
          if (path === arg) throw mongoError("BadValue", `The source and target field for $rename must differ: ${path}: ${formatValue(arg)}`);
          if (parts.some((p) => p.startsWith("$")) || to.some((p) => p.startsWith("$"))) {
            throw mongoError("BadValue", `The source field for $rename may not be dynamic: ${path}`);
          }
          targets.push(to);
          break;
        }
        case "$currentDate": {
          const ok = arg === true || arg === false || (isPlainObject(arg) && (arg.$type === "date" || arg.$type === "timestamp"));
          if (!ok) {
            throw mongoError(
              "BadValue",
              "The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}",
            );
          }
          break;
        }
        case "$pop":
          if (Number(arg) !== 1 && Number(arg) !== -1) throw mongoError("FailedToParse", `$pop expects 1 or -1, found: ${formatValue(arg)}`);
          break;
        case "$pullAll":
          if (!Array.isArray(arg)) throw mongoError("BadValue", `$pullAll requires an array argument but was given a ${typeName(arg)}`);
          break;
        case "$pull":
          entry.pred = pullPredicate(arg, opts);
          break;
        case "$push":
        case "$addToSet":
          validateEach(op, arg);
          break;
        case "$bit":
          if (!isPlainObject(arg) || Object.keys(arg).length === 0 || !Object.keys(arg).every((k) => ["and", "or", "xor"].includes(k))) {
            throw mongoError("BadValue", `The $bit modifier is not compatible with a ${typeName(arg)}. You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}`);
          }
          break;
      }
      entries.push(entry);
      targets.push(parts);
    }
  }
  checkConflicts(targets);
  entries.sort((a, b) => comparePaths(a.parts, b.parts));
  const arrayFilters = compileArrayFilters(opts.arrayFilters, opts);
  const used = new Set<string>();
  for (const e of entries) {
    for (const p of e.parts) {
      const m = /^\$\[(.+)\]$/.exec(p);
      if (!m) continue;
      if (!arrayFilters.has(m[1]!)) throw mongoError("BadValue", `No array filter found for identifier '${m[1]}' in path '${e.path}'`);
      used.add(m[1]!);
    }
  }
  for (const ident of arrayFilters.keys()) {
    if (!used.has(ident)) {
      throw mongoError("FailedToParse", `The array filter for identifier '${ident}' was not used in the update ${formatValue(u)}`);
    }
  }
  return {
    kind: "operators",
    apply(doc, filter) {
      const isInsert = !doc;
      const out = doc ? deepCopy(doc) : upsertBase(filter);
      const run = new UpdateRun(out, filter, arrayFilters, isInsert, collator, opts, doc);
      for (const e of entries) run.apply(e);
      if (doc && (out._id === undefined || !valuesEqual(out._id, doc._id))) {
        throw mongoError("ImmutableField", "Performing an update on the path '_id' would modify the immutable field '_id'");
      }
      return out;
    },
  };
}

function validateEach(op: string, arg: unknown): void {
  if (!isPlainObject(arg) || !("$each" in arg)) return;
  if (!Array.isArray(arg.$each)) {
    throw mongoError("BadValue", `The argument to $each in ${op} must be an array but it was of type: ${typeName(arg.$each)}`);
  }
  for (const k of Object.keys(arg)) {
    const allowed = op === "$push" ? ["$each", "$slice", "$sort", "$position"] : ["$each"];
    if (!allowed.includes(k)) throw mongoError("BadValue", `Unrecognized clause in ${op}: ${k}`);
  }
  if (arg.$slice !== undefined && !Number.isInteger(Number(arg.$slice))) {
    throw mongoError("BadValue", `The value for $slice must be an integer value but was given type: ${typeName(arg.$slice)}`);
  }
  if (arg.$position !== undefined && !Number.isInteger(Number(arg.$position))) {
    throw mongoError("BadValue", `The value for $position must be an integer value, not of type: ${typeName(arg.$position)}`);
  }
}

function pullPredicate(arg: unknown, opts: EvalOptions): (v: unknown) => boolean {
  if (isRegex(arg)) {
    const re = asJsRegExp(arg);
    return (v) => typeof v === "string" && re.test(v);
  }
  if (isPlainObject(arg)) {
    const first = Object.keys(arg)[0];
    const valueOperators = first !== undefined && first.startsWith("$") && !["$and", "$or", "$nor", "$expr"].includes(first);
    if (valueOperators) {
      const pred = compileFilter({ v: arg }, opts);
      return (v) => pred({ v });
    }
    // A document condition is a query against array elements that are documents.
    const pred = compileFilter(arg, opts);
    return (v) => isPlainObject(v) && pred(v);
  }
  return (v) => valuesEqual(v, arg);
}
