import { Long } from "bson";
import type { Collection, DocRecord } from "../collection.js";
import type { CursorRegistry } from "../cursors.js";
import { mongoError } from "../errors.js";
import { compileFilter, type EvalOptions } from "../matcher.js";
import type { Database, MemoryMongoStore } from "../store.js";
import { type Doc, isPlainObject, numericValue } from "../values.js";
import { typeName } from "../describe.js";

export interface ConnectionInfo {
  id: number;
  remote: string;
}

export interface ServerState {
  store: MemoryMongoStore;
  cursors: CursorRegistry;
  startedAt: number;
  host: string;
  port: number;
  openConnections(): number;
  totalConnections(): number;
}

export interface CommandContext {
  server: ServerState;
  conn: ConnectionInfo;
  dbName: string;
  /** The command document; its first key is the command name. */
  cmd: Doc;
  name: string;
}

export type CommandHandler = (ctx: CommandContext) => Doc;

export function database(ctx: CommandContext): Database {
  return ctx.server.store.db(ctx.dbName);
}

/** The collection name a command targets (`{ find: "users" }` → "users"). */
export function targetName(ctx: CommandContext): string {
  const value = ctx.cmd[ctx.name];
  if (typeof value !== "string" || value === "") {
    throw mongoError("InvalidNamespace", `collection name has invalid type ${typeName(value)}`);
  }
  return value;
}

export function existingCollection(ctx: CommandContext): Collection | undefined {
  return database(ctx).get(targetName(ctx));
}

export function namespace(ctx: CommandContext): string {
  return `${ctx.dbName}.${targetName(ctx)}`;
}

export function optionalDoc(ctx: CommandContext, field: string): Doc | undefined {
  const v = ctx.cmd[field];
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) {
    throw mongoError("TypeMismatch", `BSON field '${ctx.name}.${field}' is the wrong type '${typeName(v)}', expected type 'object'`);
  }
  return v;
}

export function optionalInt(ctx: CommandContext, field: string, source: Doc = ctx.cmd): number | undefined {
  const v = source[field];
  if (v === undefined || v === null) return undefined;
  const n = Number(numericValue(v));
  if (!Number.isFinite(n)) {
    throw mongoError("TypeMismatch", `BSON field '${ctx.name}.${field}' is the wrong type '${typeName(v)}', expected types '[long, int, decimal, double]'`);
  }
  return Math.trunc(n);
}

export function toLong(v: unknown): Long {
  if (Long.isLong(v)) return v;
  if (typeof v === "number") return Long.fromNumber(v);
  if (typeof v === "bigint") return Long.fromBigInt(v);
  throw mongoError("TypeMismatch", `expected a cursor id but got ${typeName(v)}`);
}

/** mongod refuses a hint that names no index of an existing collection. */
export function checkHint(coll: Collection | undefined, hint: unknown): void {
  if (hint === undefined || hint === null || !coll) return;
  if (isPlainObject(hint) && Object.keys(hint).length === 0) return;
  if (!coll.hasIndex(hint)) {
    throw mongoError("BadValue", "error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index");
  }
}

export interface FindRecordsOptions extends EvalOptions {
  /** Stop after this many matches (only when the caller does not sort afterwards). */
  limit?: number;
}

/** Matching records in natural order, narrowed through the _id map or an index when possible. */
export function findRecords(coll: Collection | undefined, filter: unknown, opts: FindRecordsOptions = {}): DocRecord[] {
  if (!coll) return [];
  const pred = compileFilter(filter, opts);
  const source = coll.candidates(filter, opts.collation) ?? coll.records();
  const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
  const out: DocRecord[] = [];
  for (const rec of source) {
    if (pred(rec.doc)) {
      out.push(rec);
      if (out.length >= limit) break;
    }
  }
  return out;
}
