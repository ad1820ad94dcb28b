import { prepareInsert } from "../collection.js";
import { mongoError } from "../errors.js";
import { projectDocs } from "../matcher.js";
import { sortDocs } from "../sort.js";
import { compileUpdate } from "../update.js";
import { collatorFor, compareValues, type Doc } from "../values.js";
import { type CommandContext, type CommandHandler, database, existingCollection, findRecords, optionalDoc, targetName } from "./context.js";

/**
 * findAndModify: find one (optionally sorted), then remove or update it, all within this
 * synchronous call. Errors such as DuplicateKey are command errors here, not writeErrors.
 */
function findAndModify(ctx: CommandContext) {
  const name = targetName(ctx);
  const query = optionalDoc(ctx, "query") ?? {};
  const sort = optionalDoc(ctx, "sort");
  const fields = optionalDoc(ctx, "fields");
  const collation = optionalDoc(ctx, "collation");
  const remove = ctx.cmd.remove === true;
  const hasUpdate = ctx.cmd.update !== undefined && ctx.cmd.update !== null;
  const returnNew = ctx.cmd.new === true;
  const upsert = ctx.cmd.upsert === true;
  if (remove && hasUpdate) throw mongoError("FailedToParse", "Cannot specify both an update and remove=true");
  if (!remove && !hasUpdate) throw mongoError("FailedToParse", "Either an update or remove=true must be specified");
  if (remove && upsert) throw mongoError("FailedToParse", "Cannot specify both upsert=true and remove=true");
  if (remove && returnNew) {
    throw mongoError("FailedToParse", "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
  }
  const opts = { collation, arrayFilters: ctx.cmd.arrayFilters, variables: optionalDoc(ctx, "let") };
  const compiled = hasUpdate ? compileUpdate(ctx.cmd.update, opts) : undefined;

  const coll = existingCollection(ctx);
  const sorted = sort && Object.keys(sort).length > 0;
  let matches = findRecords(coll, query, { collation, limit: sorted ? undefined : 1 });
  if (sorted) {
    const first = sortDocs(matches.map((r) => r.doc), sort, collatorFor(collation))[0];
    matches = matches.filter((r) => r.doc === first);
  }
  const rec = matches[0];
  // The query only matters to a positional projection of the document it matched; the document
  // after the update may no longer match it, and must still come back.
  const project = (doc: Doc | undefined | null, matched = true) =>
    doc && fields ? (projectDocs([doc], fields, matched ? query : {}, opts)[0] ?? null) : (doc ?? null);

  if (remove) {
    if (!rec) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    coll!.remove(rec);
    return { lastErrorObject: { n: 1 }, value: project(rec.doc), ok: 1 };
  }
  if (rec) {
    const before = rec.doc;
    const after = compiled!.apply(before, query);
    if (compareValues(before, after) !== 0) coll!.replace(rec, after);
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: returnNew ? project(after, false) : project(before), ok: 1 };
  }
  if (!upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  const doc = prepareInsert(compiled!.apply(undefined, query));
  database(ctx).getOrCreate(name).insert(doc);
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
    value: returnNew ? project(doc, false) : null,
    ok: 1,
  };
}

export const findAndModifyCommands: Record<string, CommandHandler> = { findAndModify, findandmodify: findAndModify };
