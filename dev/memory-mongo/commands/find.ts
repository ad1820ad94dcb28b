import { mongoError } from "../errors.js";
import { projectDocs } from "../matcher.js";
import { sortDocs } from "../sort.js";
import { canonicalKey, collatorFor, compareValues, type Doc, foldForCollation } from "../values.js";
import { getPathValues } from "../paths.js";
import {
  checkHint,
  type CommandContext,
  type CommandHandler,
  existingCollection,
  findRecords,
  namespace,
  optionalDoc,
  optionalInt,
  targetName,
  toLong,
} from "./context.js";

function nonNegative(ctx: CommandContext, field: string): number {
  const n = optionalInt(ctx, field) ?? 0;
  if (n < 0) throw mongoError("BadValue", `${field === "skip" ? "SKip" : field} value must be non-negative, but received: ${n}`);
  return n;
}

function find(ctx: CommandContext) {
  const filter = optionalDoc(ctx, "filter") ?? {};
  const sort = optionalDoc(ctx, "sort");
  const projection = optionalDoc(ctx, "projection");
  const collation = optionalDoc(ctx, "collation");
  const skip = nonNegative(ctx, "skip");
  const rawLimit = optionalInt(ctx, "limit") ?? 0;
  const limit = Math.abs(rawLimit);
  const singleBatch = ctx.cmd.singleBatch === true || rawLimit < 0;
  const sorted = sort && Object.keys(sort).length > 0;
  const opts = { collation, variables: optionalDoc(ctx, "let") };
  checkHint(existingCollection(ctx), ctx.cmd.hint);
  // Without a sort the scan can stop as soon as skip+limit documents matched.
  const records = findRecords(existingCollection(ctx), filter, { ...opts, limit: !sorted && limit ? skip + limit : undefined });
  let docs = records.map((r) => r.doc);
  if (sorted) docs = sortDocs(docs, sort, collatorFor(collation));
  docs = docs.slice(skip, limit ? skip + limit : undefined);
  const batchSize = ctx.cmd.batchSize ?? (limit && singleBatch ? limit : undefined);
  const transform = projection && Object.keys(projection).length ? (batch: Doc[]) => projectDocs(batch, projection, filter, opts) : undefined;
  return ctx.server.cursors.open(namespace(ctx), docs, batchSize, { singleBatch, transform });
}

function getMore(ctx: CommandContext) {
  const collection = ctx.cmd.collection;
  if (typeof collection !== "string") throw mongoError("TypeMismatch", "BSON field 'getMore.collection' is missing but a required field");
  return ctx.server.cursors.getMore(toLong(ctx.cmd.getMore), collection, ctx.dbName, ctx.cmd.batchSize);
}

function killCursors(ctx: CommandContext) {
  const ids = ctx.cmd.cursors;
  if (!Array.isArray(ids)) throw mongoError("TypeMismatch", "BSON field 'killCursors.cursors' is missing but a required field");
  const { killed, notFound } = ctx.server.cursors.kill(ids.map(toLong));
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
}

function count(ctx: CommandContext) {
  const query = optionalDoc(ctx, "query") ?? {};
  const skip = nonNegative(ctx, "skip");
  const limit = Math.abs(optionalInt(ctx, "limit") ?? 0);
  const coll = existingCollection(ctx);
  checkHint(coll, ctx.cmd.hint);
  if (coll && Object.keys(query).length === 0) {
    const n = Math.max(0, coll.count - skip);
    return { n: limit ? Math.min(n, limit) : n, ok: 1 };
  }
  const matched = findRecords(coll, query, { collation: optionalDoc(ctx, "collation"), limit: limit ? skip + limit : undefined }).length;
  return { n: Math.max(0, matched - skip), ok: 1 };
}

/** Distinct values, array fields contributing their elements; sorted like mongod's BSONElementSet. */
function distinct(ctx: CommandContext) {
  targetName(ctx);
  const key = ctx.cmd.key;
  if (typeof key !== "string") throw mongoError("TypeMismatch", "BSON field 'distinct.key' is missing but a required field");
  const collation = optionalDoc(ctx, "collation");
  const fold = collation ? (s: string) => foldForCollation(s, collation) : undefined;
  const seen = new Map<string, unknown>();
  for (const rec of findRecords(existingCollection(ctx), optionalDoc(ctx, "query") ?? {}, { collation })) {
    for (const v of getPathValues(rec.doc, key)) {
      for (const el of Array.isArray(v) ? v : [v]) {
        const k = canonicalKey(el, fold);
        if (!seen.has(k)) seen.set(k, el);
      }
    }
  }
  const collator = collatorFor(collation);
  const values = Array.from(seen.values()).sort((a, b) => compareValues(a, b, collator));
  return { values, ok: 1 };
}

export const findCommands: Record<string, CommandHandler> = { find, getMore, killCursors, count, distinct };
