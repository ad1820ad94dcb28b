import {
  Binary,
  BSONRegExp,
  type DeserializeOptions,
  type Document,
  Long,
  type ObjectId,
  type SerializeOptions,
  type Timestamp,
} from "bson";

/**
 * BSON value helpers: MongoDB's comparison order, equality, canonical keys (for the _id map and
 * unique indexes), deep copies and numeric arithmetic. Stored documents keep the types the client sent:
 * Long stays Long (promoteLongs: false), regexes stay BSONRegExp; only int32/double become JS numbers.
 */

export const DESERIALIZE_OPTIONS: DeserializeOptions = { promoteLongs: false, bsonRegExp: true };
export const SERIALIZE_OPTIONS: SerializeOptions = { checkKeys: false, ignoreUndefined: false };

export type Doc = Document;

export function bsonType(v: unknown): string | undefined {
  return typeof v === "object" && v !== null ? (v as { _bsontype?: string })._bsontype : undefined;
}

export function isPlainObject(v: unknown): v is Doc {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && bsonType(v) === undefined;
}

export function isNumeric(v: unknown): boolean {
  if (typeof v === "number") return true;
  const t = bsonType(v);
  return t === "Long" || t === "Decimal128" || t === "Int32" || t === "Double";
}

/** Numeric value usable with JS's mixed number/bigint comparison operators. */
export function numericValue(v: unknown): number | bigint {
  if (typeof v === "number") return v;
  switch (bsonType(v)) {
    case "Long":
      return (v as Long).toBigInt();
    case "Int32":
    case "Double":
      return (v as { value: number }).value;
    case "Decimal128":
      return Number(String(v));
  }
  return Number.NaN;
}

/** Canonical type brackets, in MongoDB's cross-type sort order. */
export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 2;
  switch (typeof v) {
    case "number":
      return 3;
    case "string":
      return 4;
    case "boolean":
      return 9;
    case "bigint":
      return 3;
    case "object":
      break;
    default:
      return 20;
  }
  if (Array.isArray(v)) return 6;
  if (v instanceof Date) return 10;
  if (v instanceof RegExp) return 12;
  switch (bsonType(v)) {
    case undefined:
    case "DBRef":
      return 5;
    case "MinKey":
      return 1;
    case "MaxKey":
      return 127;
    case "Long":
    case "Int32":
    case "Double":
    case "Decimal128":
      return 3;
    case "BSONSymbol":
      return 4;
    case "Binary":
      return 7;
    case "ObjectId":
      return 8;
    case "Timestamp":
      return 11;
    case "BSONRegExp":
      return 12;
    case "Code":
      return 13;
  }
  return 5;
}

function cmp<T extends string | number | bigint>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNumbers(a: unknown, b: unknown): number {
  const x = numericValue(a);
  const y = numericValue(b);
  const xNaN = typeof x === "number" && Number.isNaN(x);
  const yNaN = typeof y === "number" && Number.isNaN(y);
  // mongod orders NaN below every other number and equal to itself.
  if (xNaN || yNaN) return xNaN && yNaN ? 0 : xNaN ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function regexParts(v: unknown): [string, string] {
  if (v instanceof RegExp) return [v.source, v.flags];
  const r = v as BSONRegExp;
  return [r.pattern, r.options];
}

/** Compares two BSON values the way mongod does (woCompare): type bracket first, then value. */
export function compareValues(a: unknown, b: unknown, collator?: Intl.Collator): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 2:
    case 1:
    case 127:
      return 0;
    case 3:
      return compareNumbers(a, b);
    case 4: {
      const x = String(a);
      const y = String(b);
      return collator ? collator.compare(x, y) : cmp(x, y);
    }
    case 9:
      return cmp(Number(a), Number(b));
    case 10:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case 6:
      return compareArrays(a as unknown[], b as unknown[], collator);
    case 7: {
      const x = a as Binary;
      const y = b as Binary;
      if (x.position !== y.position) return cmp(x.position, y.position);
      if (x.sub_type !== y.sub_type) return cmp(x.sub_type, y.sub_type);
      return Buffer.compare(x.buffer.subarray(0, x.position), y.buffer.subarray(0, y.position));
    }
    case 8:
      return compareObjectIds(a as ObjectId, b as ObjectId);
    case 11: {
      const x = a as Timestamp;
      const y = b as Timestamp;
      return x.t !== y.t ? cmp(x.t, y.t) : cmp(x.i, y.i);
    }
    case 12: {
      const [ps, fs] = regexParts(a);
      const [qs, gs] = regexParts(b);
      return ps !== qs ? cmp(ps, qs) : cmp(fs, gs);
    }
    case 13:
      return cmp(String((a as { code: unknown }).code), String((b as { code: unknown }).code));
    case 5:
      return compareObjects(a as Doc, b as Doc, collator);
  }
  return 0;
}

type OidParts = { i0: number; i1: number; i2: number; i3: number };

/** bson 7 keeps an ObjectId as four 24-bit big-endian ints; comparing them avoids hex strings. */
function oidParts(o: ObjectId): OidParts | undefined {
  const p = o as unknown as OidParts;
  return typeof p.i0 === "number" ? p : undefined;
}

function compareObjectIds(a: ObjectId, b: ObjectId): number {
  const x = oidParts(a);
  const y = oidParts(b);
  if (!x || !y) return cmp(a.toHexString(), b.toHexString());
  return x.i0 - y.i0 || x.i1 - y.i1 || x.i2 - y.i2 || x.i3 - y.i3;
}

function objectIdKey(o: ObjectId): string {
  const p = oidParts(o);
  return p ? `${p.i0}.${p.i1}.${p.i2}.${p.i3}` : o.toHexString();
}

function compareArrays(a: unknown[], b: unknown[], collator?: Intl.Collator): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i], collator);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function compareObjects(a: Doc, b: Doc, collator?: Intl.Collator): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const x = a[ka[i]!];
    const y = b[kb[i]!];
    const rank = typeRank(x) - typeRank(y);
    if (rank !== 0) return rank;
    const name = cmp(ka[i]!, kb[i]!);
    if (name !== 0) return name;
    const c = compareValues(x, y, collator);
    if (c !== 0) return c;
  }
  return ka.length - kb.length;
}

export function valuesEqual(a: unknown, b: unknown, collator?: Intl.Collator): boolean {
  return compareValues(a, b, collator) === 0;
}

/** A collator for a MongoDB collation document, or undefined for simple binary comparison. */
export function collatorFor(collation: unknown): Intl.Collator | undefined {
  if (!isPlainObject(collation) || typeof collation.locale !== "string" || collation.locale === "simple") return undefined;
  const strength = typeof collation.strength === "number" ? collation.strength : 3;
  const sensitivity = strength === 1 ? "base" : strength === 2 ? "accent" : "variant";
  const caseFirst = collation.caseFirst === "upper" || collation.caseFirst === "lower" ? collation.caseFirst : "false";
  try {
    return new Intl.Collator(collation.locale, { sensitivity, caseFirst, numeric: collation.numericOrdering === true });
  } catch {
    return new Intl.Collator(undefined, { sensitivity });
  }
}

/** Folds a string the way a collation with the given strength considers equal (for index keys). */
export function foldForCollation(s: string, collation: unknown): string {
  if (!isPlainObject(collation) || collation.locale === "simple") return s;
  const strength = typeof collation.strength === "number" ? collation.strength : 3;
  if (strength >= 3) return s;
  const lower = s.toLowerCase();
  return strength === 1 ? lower.normalize("NFD").replace(/\p{M}/gu, "") : lower;
}

function canonicalNumber(v: unknown): string {
  const n = numericValue(v);
  if (typeof n === "bigint") return Number.isSafeInteger(Number(n)) ? String(Number(n)) : n.toString();
  if (Number.isNaN(n)) return "NaN";
  if (Number.isInteger(n) && !Number.isSafeInteger(n) && Number.isFinite(n)) return BigInt(n).toString();
  return Object.is(n, -0) ? "0" : String(n);
}

/**
 * A string that is equal for two values exactly when mongod considers them equal
 * (so 1, Long(1) and Decimal128("1.0") share a key). `fold` applies a collation to strings.
 */
export function canonicalKey(v: unknown, fold?: (s: string) => string): string {
  switch (typeRank(v)) {
    case 1:
      return "<";
    case 127:
      return ">";
    case 2:
      return "N";
    case 3:
      return "#" + canonicalNumber(v);
    case 4:
      return JSON.stringify(fold ? fold(String(v)) : String(v));
    case 9:
      return v ? "T" : "F";
    case 10:
      return "D" + (v as Date).getTime();
    case 8:
      return "O" + objectIdKey(v as ObjectId);
    case 7: {
      const b = v as Binary;
      return "B" + b.sub_type + ":" + Buffer.from(b.buffer.subarray(0, b.position)).toString("base64");
    }
    case 11:
      return "Z" + (v as Timestamp).toString();
    case 12: {
      const [p, f] = regexParts(v);
      return "R" + JSON.stringify(p) + "/" + f;
    }
    case 13:
      return "C" + JSON.stringify(String((v as { code: unknown }).code));
    case 6:
      return "[" + (v as unknown[]).map((x) => canonicalKey(x, fold)).join(",") + "]";
    default: {
      const o = v as Doc;
      const parts: string[] = [];
      for (const k of Object.keys(o)) parts.push(JSON.stringify(k) + ":" + canonicalKey(o[k], fold));
      return "{" + parts.join(",") + "}";
    }
  }
}

/** Sets an own field; a "__proto__" field name must not turn into a prototype assignment. */
export function setField(obj: Doc, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * Deep copy that keeps BSON classes. Immutable BSON values (ObjectId, Long, Decimal128, Timestamp...)
 * are shared; containers, Dates and Binary buffers are copied so nothing aliases stored data.
 */
export function deepCopy<T>(v: T): T {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map((x: unknown) => deepCopy(x)) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as T;
  const t = bsonType(v);
  if (t === "Binary") {
    const b = v as unknown as Binary;
    const copy = new Binary(Buffer.from(b.buffer.subarray(0, b.position)), b.sub_type);
    return (Object.getPrototypeOf(b) === Binary.prototype ? copy : Object.setPrototypeOf(copy, Object.getPrototypeOf(b))) as T;
  }
  if (t !== undefined) return v;
  const out: Doc = {};
  for (const k of Object.keys(v)) setField(out, k, deepCopy((v as Doc)[k]));
  return out as T;
}

/** Adds two numeric BSON values keeping the widest type, as $inc does. */
export function addNumbers(a: unknown, b: unknown): unknown {
  return arith(a, b, (x, y) => x + y, (x, y) => x + y);
}

export function multiplyNumbers(a: unknown, b: unknown): unknown {
  return arith(a, b, (x, y) => x * y, (x, y) => x * y);
}

function arith(a: unknown, b: unknown, f: (x: number, y: number) => number, g: (x: bigint, y: bigint) => bigint): unknown {
  const ta = bsonType(a);
  const tb = bsonType(b);
  if (ta === "Decimal128" || tb === "Decimal128") {
    const Dec = (ta === "Decimal128" ? a : b) as { constructor: { fromString(s: string): unknown } };
    return Dec.constructor.fromString(String(f(Number(numericValue(a)), Number(numericValue(b)))));
  }
  if (ta === "Long" || tb === "Long") {
    const x = numericValue(a);
    const y = numericValue(b);
    const xi = typeof x === "bigint" ? x : Number.isInteger(x) ? BigInt(x) : undefined;
    const yi = typeof y === "bigint" ? y : Number.isInteger(y) ? BigInt(y) : undefined;
    // int64 op int -> int64; anything with a fractional double turns into a double, like mongod.
    if (xi !== undefined && yi !== undefined) return Long.fromBigInt(BigInt.asIntN(64, g(xi, yi)));
    return f(Number(x), Number(y));
  }
  return f(Number(numericValue(a)), Number(numericValue(b)));
}
