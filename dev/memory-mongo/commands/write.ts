import { prepareInsert } from "../collection.js";
import { mongoError, toMongoError, writeErrorEntry } from "../errors.js";
import { sortDocs } from "../sort.js";
import { compileUpdate } from "../update.js";
import { collatorFor, compareValues, type Doc, isPlainObject } from "../values.js";
import { checkHint, type CommandContext, type CommandHandler, database, existingCollection, findRecords, targetName } from "./context.js";

const MAX_WRITE_BATCH = 100_000;

function statements(ctx: CommandContext, field: string): unknown[] {
  const list = ctx.cmd[field];
  if (!Array.isArray(list)) throw mongoError("TypeMismatch", `BSON field '${ctx.name}.${field}' is missing but a required field`);
  if (list.length === 0) throw mongoError("InvalidLength", `Write batch sizes must be between 1 and ${MAX_WRITE_BATCH}. Got 0 operations.`);
  if (list.length > MAX_WRITE_BATCH) {
    throw mongoError("InvalidLength", `Write batch sizes must be between 1 and ${MAX_WRITE_BATCH}. Got ${list.length} operations.`);
  }
  return list;
}

/**
 * Runs each statement; a failing statement becomes a writeErrors entry. Ordered batches stop at
 * the first failure, unordered ones carry on — exactly mongod's contract.
 */
function eachStatement(ctx: CommandContext, list: unknown[], run: (stmt: unknown, index: number) => void): Doc[] {
  const ordered = ctx.cmd.ordered !== false;
  const writeErrors: Doc[] = [];
  for (let i = 0; i < list.length; i++) {
    try {
      run(list[i], i);
    } catch (err) {
      writeErrors.push(writeErrorEntry(i, toMongoError(err)));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withErrors(reply: Doc, writeErrors: Doc[]): Doc {
  if (writeErrors.length) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
}

function insert(ctx: CommandContext) {
  const docs = statements(ctx, "documents");
  const coll = database(ctx).getOrCreate(targetName(ctx));
  let n = 0;
  const writeErrors = eachStatement(ctx, docs, (doc) => {
    coll.insert(prepareInsert(doc));
    n++;
  });
  return withErrors({ n }, writeErrors);
}

function update(ctx: CommandContext) {
  const list = statements(ctx, "updates");
  const name = targetName(ctx);
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const writeErrors = eachStatement(ctx, list, (stmt, index) => {
    if (!isPlainObject(stmt)) throw mongoError("TypeMismatch", "update statements must be objects");
    const q = stmt.q ?? {};
    if (!isPlainObject(q)) throw mongoError("TypeMismatch", "BSON field 'update.updates.q' is the wrong type, expected type 'object'");
    const multi = stmt.multi === true;
    const collation = isPlainObject(stmt.collation) ? stmt.collation : undefined;
    const opts = { collation, arrayFilters: stmt.arrayFilters, variables: isPlainObject(stmt.c) ? stmt.c : undefined };
    const compiled = compileUpdate(stmt.u, opts);
    if (multi && compiled.kind === "replacement") throw mongoError("FailedToParse", "multi update is not supported for replacement-style update");
    const coll = existingCollection(ctx);
    checkHint(coll, stmt.hint);
    const sort = isPlainObject(stmt.sort) ? stmt.sort : undefined;
    let matches = findRecords(coll, q, { ...opts, limit: multi || sort ? undefined : 1 });
    if (sort && !multi) {
      const docs = sortDocs(matches.map((r) => r.doc), sort, collatorFor(collation));
      matches = matches.filter((r) => r.doc === docs[0]);
    }
    for (const rec of matches) {
      const next = compiled.apply(rec.doc, q);
      n++;
      if (compareValues(rec.doc, next) !== 0) {
        coll!.replace(rec, next);
        nModified++;
      }
    }
    if (matches.length === 0 && stmt.upsert === true) {
      const doc = prepareInsert(compiled.apply(undefined, q));
      database(ctx).getOrCreate(name).insert(doc);
      upserted.push({ index, _id: doc._id });
      n++;
    }
  });
  const reply: Doc = { n, nModified };
  if (upserted.length) reply.upserted = upserted;
  return withErrors(reply, writeErrors);
}

function remove(ctx: CommandContext) {
  const list = statements(ctx, "deletes");
  targetName(ctx);
  let n = 0;
  const writeErrors = eachStatement(ctx, list, (stmt) => {
    if (!isPlainObject(stmt)) throw mongoError("TypeMismatch", "delete statements must be objects");
    const limit = Number(stmt.limit ?? 0);
    if (limit !== 0 && limit !== 1) throw mongoError("FailedToParse", `The limit field in delete objects must be 0 or 1. Got ${limit}`);
    const coll = existingCollection(ctx);
    checkHint(coll, stmt.hint);
    const collation = isPlainObject(stmt.collation) ? stmt.collation : undefined;
    for (const rec of findRecords(coll, stmt.q ?? {}, { collation, limit })) {
      coll!.remove(rec);
      n++;
    }
  });
  return withErrors({ n }, writeErrors);
}

export const writeCommands: Record<string, CommandHandler> = { insert, update, delete: remove };
