import { Long, Timestamp } from "bson";
import { formatValue, typeName } from "./describe.js";
import { mongoError } from "./errors.js";
import { getPath } from "./paths.js";
import { compileFilter, type EvalOptions, type Predicate } from "./matcher.js";
import { sortDocs } from "./sort.js";
import {
  addNumbers,
  canonicalKey,
  compareValues,
  deepCopy,
  type Doc,
  isNumeric,
  isPlainObject,
  multiplyNumbers,
  valuesEqual,
} from "./values.js";

/**
 * Applies parsed update operators to one private copy of a document: path traversal with
 * positional `$`, `$[]` and `$[id]`, creation of missing parents, and each operator's semantics
 * and error messages as mongod reports them.
 */

/** One `{ $op: { path: arg } }` pair of an update document. */
export interface Entry {
  op: string;
  path: string;
  parts: string[];
  arg: unknown;
  /** Prepared per-entry helper (e.g. the $pull predicate). */
  pred?: (v: unknown) => boolean;
}

/** Creating ops build missing parents; the others are no-ops when the path is absent. */
export const NON_CREATING = new Set(["$unset", "$pop", "$pull", "$pullAll"]);

export function setNested(doc: Doc, parts: string[], value: unknown): void {
  let node = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = node[parts[i]!];
    if (!isPlainObject(next)) node[parts[i]!] = {};
    node = node[parts[i]!] as Doc;
  }
  node[parts[parts.length - 1]!] = value;
}

type Container = Doc | unknown[];

let timestampIncrement = 0;

/** Applies the sorted entries to one private document copy. */
export class UpdateRun {
  private readonly positional = new Map<string, number>();

  constructor(
    private readonly doc: Doc,
    private readonly filter: unknown,
    private readonly arrayFilters: Map<string, Predicate>,
    private readonly isInsert: boolean,
    private readonly collator: Intl.Collator | undefined,
    private readonly opts: EvalOptions,
    /** The document before this update: `$` refers to the query's match on it. */
    private readonly original?: Doc,
  ) {}

  apply(e: Entry): void {
    if (e.op === "$setOnInsert" && !this.isInsert) return;
    if (e.op === "$rename") return this.rename(e);
    const create = !NON_CREATING.has(e.op);
    this.visit(this.doc, e, 0, create, (parent, key) => this.modify(e, parent, key));
  }

  private visit(node: Container, e: Entry, i: number, create: boolean, fn: (parent: Container, key: string | number) => void): void {
    const part = e.parts[i]!;
    const last = i === e.parts.length - 1;
    const step = (key: string | number) => {
      if (last) return fn(node, key);
      let child = get(node, key);
      if (child === undefined) {
        if (!create) return;
        child = {};
        put(node, key, child);
      } else if (!isPlainObject(child) && !Array.isArray(child)) {
        if (!create) return;
        throw mongoError("PathNotViable", `Cannot create field '${e.parts[i + 1]}' in element {${String(key)}: ${formatValue(child)}}`);
      }
      this.visit(child as Container, e, i + 1, create, fn);
    };
    if (part === "$") {
      if (!Array.isArray(node)) throw positionalNotFound();
      return step(this.positionalIndex(e.parts.slice(0, i).join("."), node));
    }
    if (part === "$[]" || /^\$\[.+\]$/.test(part)) {
      if (!Array.isArray(node)) {
        throw mongoError("BadValue", `The path '${e.parts.slice(0, i).join(".")}' must exist in the document in order to apply array updates.`);
      }
      const pred = part === "$[]" ? undefined : this.arrayFilters.get(part.slice(2, -1));
      const len = node.length;
      for (let k = 0; k < len; k++) if (!pred || pred(node[k])) step(k);
      return;
    }
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(part)) {
        if (!create) return;
        throw mongoError(
          "PathNotViable",
          `Cannot create field '${part}' in element {${e.parts[i - 1] ?? ""}: ${formatValue(node)}}`,
        );
      }
      return step(Number(part));
    }
    step(part);
  }

  /** Index of the first array element that satisfied the query's condition on that array (the `$`). */
  private positionalIndex(prefix: string, arr: unknown[]): number {
    const cached = this.positional.get(prefix);
    if (cached !== undefined) return cached;
    const conds: Doc[] = [];
    const collect = (f: unknown) => {
      if (!isPlainObject(f)) return;
      for (const [k, v] of Object.entries(f)) {
        if (k === "$and" && Array.isArray(v)) v.forEach(collect);
        else if (k === prefix || k.startsWith(prefix + ".")) conds.push({ [k]: v });
      }
    };
    collect(this.filter);
    if (conds.length === 0) throw positionalNotFound();
    const preds = conds.map((c) => compileFilter(c, this.opts));
    const parts = prefix.split(".");
    const before = this.original ? getPath(this.original, prefix) : undefined;
    const list = Array.isArray(before) ? before : arr;
    for (let k = 0; k < list.length; k++) {
      const probe: Doc = {};
      setNested(probe, parts, [list[k]]);
      if (preds.every((p) => p(probe))) {
        this.positional.set(prefix, k);
        return k;
      }
    }
    throw positionalNotFound();
  }

  private modify(e: Entry, parent: Container, key: string | number): void {
    const cur = get(parent, key);
    const id = () => `{_id: ${formatValue(this.doc._id)}}`;
    switch (e.op) {
      case "$set":
      case "$setOnInsert":
        return put(parent, key, deepCopy(e.arg));
      case "$unset":
        if (Array.isArray(parent)) {
          if (typeof key === "number" && key < parent.length) parent[key] = null;
        } else delete parent[key];
        return;
      case "$inc":
      case "$mul": {
        if (cur === undefined) return put(parent, key, e.op === "$inc" ? e.arg : multiplyNumbers(0, e.arg));
        if (!isNumeric(cur)) {
          throw mongoError(
            "TypeMismatch",
            `Cannot apply ${e.op} to a value of non-numeric type. ${id()} has the field '${String(key)}' of non-numeric type ${typeName(cur)}`,
          );
        }
        return put(parent, key, e.op === "$inc" ? addNumbers(cur, e.arg) : multiplyNumbers(cur, e.arg));
      }
      case "$min":
      case "$max": {
        const c = cur === undefined ? 0 : compareValues(e.arg, cur, this.collator);
        if (cur === undefined || (e.op === "$min" ? c < 0 : c > 0)) put(parent, key, deepCopy(e.arg));
        return;
      }
      case "$currentDate": {
        const now = new Date();
        const asTimestamp = isPlainObject(e.arg) && e.arg.$type === "timestamp";
        return put(parent, key, asTimestamp ? new Timestamp({ t: Math.floor(now.getTime() / 1000), i: ++timestampIncrement }) : now);
      }
      case "$push":
        return this.push(e, parent, key, cur, id);
      case "$addToSet": {
        if (cur !== undefined && !Array.isArray(cur)) {
          throw mongoError(
            "BadValue",
            `Cannot apply $addToSet to non-array field. Field named '${String(key)}' has non-array type ${typeName(cur)}`,
          );
        }
        const arr = (cur as unknown[] | undefined) ?? [];
        const items = isPlainObject(e.arg) && "$each" in e.arg ? (e.arg.$each as unknown[]) : [e.arg];
        const seen = new Set(arr.map((v) => canonicalKey(v)));
        for (const item of items) {
          const k = canonicalKey(item);
          if (!seen.has(k)) {
            seen.add(k);
            arr.push(deepCopy(item));
          }
        }
        return put(parent, key, arr);
      }
      case "$pop": {
        if (cur === undefined) return;
        if (!Array.isArray(cur)) {
          throw mongoError("TypeMismatch", `Path '${e.path}' contains an element of non-array type '${typeName(cur)}'`);
        }
        if (Number(e.arg) === 1) cur.pop();
        else cur.shift();
        return;
      }
      case "$pull":
      case "$pullAll": {
        if (cur === undefined) return;
        if (!Array.isArray(cur)) throw mongoError("BadValue", "Cannot apply $pull to a non-array value");
        const drop = e.pred ?? ((v: unknown) => (e.arg as unknown[]).some((x) => valuesEqual(v, x)));
        return put(parent, key, cur.filter((v) => !drop(v)));
      }
      case "$bit": {
        const base = cur === undefined ? 0 : cur;
        if (!isNumeric(base) || (typeof base === "number" && !Number.isInteger(base))) {
          throw mongoError("BadValue", `Cannot apply $bit to a value of non-integral type. ${id()} has the field ${String(key)} of non-integer type ${typeName(base)}`);
        }
        let value = BigInt(String(base));
        for (const [bitOp, operand] of Object.entries(e.arg as Doc)) {
          const b = BigInt(String(operand));
          value = bitOp === "and" ? value & b : bitOp === "or" ? value | b : value ^ b;
        }
        return put(parent, key, typeof base === "number" ? Number(BigInt.asIntN(64, value)) : Long.fromBigInt(BigInt.asIntN(64, value)));
      }
    }
  }

  private push(e: Entry, parent: Container, key: string | number, cur: unknown, id: () => string): void {
    if (cur !== undefined && !Array.isArray(cur)) {
      throw mongoError("BadValue", `The field '${String(key)}' must be an array but is of type ${typeName(cur)} in document ${id()}`);
    }
    const arr = (cur as unknown[] | undefined) ?? [];
    const spec = isPlainObject(e.arg) && "$each" in e.arg ? e.arg : { $each: [e.arg] };
    const items = (spec.$each as unknown[]).map((v) => deepCopy(v));
    if (spec.$position === undefined) arr.push(...items);
    else {
      const p = Number(spec.$position);
      arr.splice(p >= 0 ? Math.min(p, arr.length) : Math.max(0, arr.length + p), 0, ...items);
    }
    let result = arr;
    if (spec.$sort !== undefined) {
      if (isPlainObject(spec.$sort)) result = sortDocs(arr as Doc[], spec.$sort, this.collator);
      else {
        const dir = Number(spec.$sort) === -1 ? -1 : 1;
        result = [...arr].sort((a, b) => dir * compareValues(a, b, this.collator));
      }
    }
    if (spec.$slice !== undefined) {
      const n = Number(spec.$slice);
      result = n >= 0 ? result.slice(0, n) : result.slice(Math.max(0, result.length + n));
    }
    put(parent, key, result);
  }

  private rename(e: Entry): void {
    let node: unknown = this.doc;
    for (let i = 0; i < e.parts.length - 1; i++) {
      if (!isPlainObject(node)) return;
      node = node[e.parts[i]!];
      if (Array.isArray(node)) {
        throw mongoError(
          "BadValue",
          `The source field cannot be an array element, '${e.path}' in doc with _id: ${formatValue(this.doc._id)} has an array field called '${e.parts[i]}'`,
        );
      }
    }
    const leaf = e.parts[e.parts.length - 1]!;
    if (!isPlainObject(node) || !(leaf in node)) return;
    const value = node[leaf];
    delete node[leaf];
    const to: Entry = { op: "$set", path: String(e.arg), parts: String(e.arg).split("."), arg: value };
    this.visit(this.doc, to, 0, true, (parent, key) => {
      if (Array.isArray(parent)) {
        throw mongoError("BadValue", `The destination field cannot be an array element, '${to.path}' in doc with _id: ${formatValue(this.doc._id)}`);
      }
      put(parent, key, value);
    });
  }
}

function positionalNotFound() {
  return mongoError("BadValue", "The positional operator did not find the match needed from the query.");
}

function get(node: Container, key: string | number): unknown {
  if (Array.isArray(node)) return typeof key === "number" ? node[key] : undefined;
  return Object.prototype.hasOwnProperty.call(node, key) ? node[key as string] : undefined;
}

/** Sets a field; writing past the end of an array pads it with nulls, as mongod does. */
function put(node: Container, key: string | number, value: unknown): void {
  if (Array.isArray(node)) {
    const i = Number(key);
    while (node.length < i) node.push(null);
    node[i] = value;
  } else node[key as string] = value;
}
