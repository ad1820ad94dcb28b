import type { BSONRegExp } from "bson";
import { bsonType, type Doc, isPlainObject } from "./values.js";

/** Converts a stored/queried BSON regex into a JS RegExp (mongod's i/m/s/x flags; never the stateful g). */
export function toJsRegExp(pattern: string, options: string): RegExp {
  let source = pattern;
  let flags = "";
  for (const f of options) {
    if ((f === "i" || f === "m" || f === "s") && !flags.includes(f)) flags += f;
  }
  // PCRE's extended mode: unescaped whitespace and #-comments outside classes are ignored.
  if (options.includes("x")) source = source.replace(/\\#|\\\s|#[^\n]*|\s+/g, (m) => (m.startsWith("\\") ? m : ""));
  return new RegExp(source, flags);
}

export function isRegex(v: unknown): v is RegExp | BSONRegExp {
  return v instanceof RegExp || bsonType(v) === "BSONRegExp";
}

export function asJsRegExp(v: RegExp | BSONRegExp): RegExp {
  return v instanceof RegExp ? v : toJsRegExp(v.pattern, v.options);
}

/** Deeply replaces BSONRegExp with JS RegExp so mingo can evaluate filters. */
export function prepareFilter<T>(v: T): T {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map((x: unknown) => prepareFilter(x)) as T;
  if (bsonType(v) === "BSONRegExp") return asJsRegExp(v as unknown as BSONRegExp) as T;
  if (!isPlainObject(v)) return v;
  const src: Doc = v;
  const out: Doc = {};
  for (const k of Object.keys(src)) out[k] = prepareFilter(src[k]);
  // {$regex: "x", $options: "i"} becomes a single RegExp so the flags are validated here.
  if (out.$regex !== undefined && (typeof out.$regex === "string" || out.$regex instanceof RegExp)) {
    const pattern = out.$regex instanceof RegExp ? out.$regex.source : out.$regex;
    const opts = typeof out.$options === "string" ? out.$options : out.$regex instanceof RegExp ? out.$regex.flags : "";
    out.$regex = toJsRegExp(pattern, opts);
    delete out.$options;
  }
  return out as T;
}
