import { mongoError } from "../errors.js";
import { normalizeIndexSpec } from "../indexes.js";
import { isPlainObject } from "../values.js";
import { formatValue } from "../describe.js";
import { type CommandContext, type CommandHandler, database, existingCollection, namespace, optionalDoc, targetName } from "./context.js";

function createIndexes(ctx: CommandContext) {
  const raw = ctx.cmd.indexes;
  if (!Array.isArray(raw) || raw.length === 0) throw mongoError("BadValue", "Must specify at least one index to create");
  // Validate every spec before touching the collection.
  const specs = raw.map(normalizeIndexSpec);
  const db = database(ctx);
  const name = targetName(ctx);
  const createdCollectionAutomatically = !db.get(name);
  const coll = db.getOrCreate(name);
  const before = coll.indexSpecs().length;
  let created = 0;
  for (const spec of specs) if (coll.createIndex(spec)) created++;
  return {
    numIndexesBefore: before,
    numIndexesAfter: coll.indexSpecs().length,
    createdCollectionAutomatically,
    ...(created === 0 ? { note: "all indexes already exist" } : {}),
    ok: 1,
  };
}

function listIndexes(ctx: CommandContext) {
  const coll = existingCollection(ctx);
  if (!coll) throw mongoError("NamespaceNotFound", `ns does not exist: ${namespace(ctx)}`);
  const cursor = optionalDoc(ctx, "cursor");
  return ctx.server.cursors.open(`${ctx.dbName}.$cmd.listIndexes.${coll.name}`, coll.indexSpecs(), cursor?.batchSize);
}

function dropIndexes(ctx: CommandContext) {
  const coll = existingCollection(ctx);
  if (!coll) throw mongoError("NamespaceNotFound", `ns not found ${namespace(ctx)}`);
  const nIndexesWas = coll.indexSpecs().length;
  const index = ctx.cmd.index;
  if (index === "*") {
    coll.dropAllIndexes();
    return { nIndexesWas, msg: "non-_id indexes dropped for collection", ok: 1 };
  }
  let names: string[];
  if (typeof index === "string") names = [index];
  else if (Array.isArray(index) && index.every((n) => typeof n === "string")) names = index as string[];
  else if (isPlainObject(index)) {
    const found = coll.findIndexByKey(index);
    if (found.length === 0) throw mongoError("IndexNotFound", `can't find index with key: ${formatValue(index)}`);
    if (found.length > 1) throw mongoError("IndexNotFound", `${found.length} indexes found for key: ${formatValue(index)}, identify by name instead.`);
    names = [found[0]!.name];
  } else throw mongoError("TypeMismatch", "BSON field 'dropIndexes.index' is missing but a required field");
  const existing = new Set(coll.indexSpecs().map((s) => s.name));
  for (const n of names) {
    if (n === "_id_") throw mongoError("InvalidOptions", "cannot drop _id index");
    if (!existing.has(n)) throw mongoError("IndexNotFound", `index not found with name [${n}]`);
  }
  for (const n of names) coll.dropIndex(n);
  return { nIndexesWas, ok: 1 };
}

export const indexCommands: Record<string, CommandHandler> = {
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
