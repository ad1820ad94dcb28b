import type { Binary, BSONRegExp, Long, ObjectId, Timestamp } from "bson";
import { bsonType, type Doc } from "./values.js";

/** How mongod names and prints BSON values: $type names and the `{ a: "x" }` rendering of errors. */

/** $type names, as used by the $type query operator and in error messages. */
export function typeName(v: unknown): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  switch (typeof v) {
    case "number":
      return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 ? "int" : "double";
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "bigint":
      return "long";
  }
  if (Array.isArray(v)) return "array";
  if (v instanceof Date) return "date";
  if (v instanceof RegExp) return "regex";
  switch (bsonType(v)) {
    case "ObjectId":
      return "objectId";
    case "Long":
      return "long";
    case "Int32":
      return "int";
    case "Double":
      return "double";
    case "Decimal128":
      return "decimal";
    case "Binary":
      return "binData";
    case "Timestamp":
      return "timestamp";
    case "BSONRegExp":
      return "regex";
    case "MinKey":
      return "minKey";
    case "MaxKey":
      return "maxKey";
    case "Code":
      return "javascript";
    case "BSONSymbol":
      return "symbol";
  }
  return "object";
}

export const TYPE_ALIASES: Record<number, string> = {
  1: "double",
  2: "string",
  3: "object",
  4: "array",
  5: "binData",
  6: "undefined",
  7: "objectId",
  8: "bool",
  9: "date",
  10: "null",
  11: "regex",
  13: "javascript",
  14: "symbol",
  16: "int",
  17: "timestamp",
  18: "long",
  19: "decimal",
  [-1]: "minKey",
  127: "maxKey",
};

/** Renders a value like mongod's BSON-to-string in error messages: `{ name: "x", n: 1 }`. */
export function formatValue(v: unknown): string {
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) return v.length ? "[ " + v.map(formatValue).join(", ") + " ]" : "[]";
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v instanceof RegExp) return `/${v.source}/${v.flags}`;
  switch (bsonType(v)) {
    case "ObjectId":
      return `ObjectId('${(v as ObjectId).toHexString()}')`;
    case "Long":
      return (v as Long).toString();
    case "Decimal128":
      return `Decimal128("${String(v)}")`;
    case "Timestamp":
      return `Timestamp(${(v as Timestamp).t}, ${(v as Timestamp).i})`;
    case "BSONRegExp":
      return `/${(v as BSONRegExp).pattern}/${(v as BSONRegExp).options}`;
    case "Binary": {
      const b = v as Binary;
      return `BinData(${b.sub_type}, ${Buffer.from(b.buffer.subarray(0, b.position)).toString("hex").toUpperCase()})`;
    }
    case "MinKey":
      return "MinKey";
    case "MaxKey":
      return "MaxKey";
  }
  const o = v as Doc;
  const keys = Object.keys(o);
  return keys.length ? "{ " + keys.map((k) => `${k}: ${formatValue(o[k])}`).join(", ") + " }" : "{}";
}
