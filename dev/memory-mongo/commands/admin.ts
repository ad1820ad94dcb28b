import { calculateObjectSize } from "bson";
import { Collection } from "../collection.js";
import { mongoError } from "../errors.js";
import { ID_INDEX } from "../indexes.js";
import { compileFilter } from "../matcher.js";
import { validateCollectionName } from "../store.js";
import { canonicalKey, type Doc, SERIALIZE_OPTIONS } from "../values.js";
import { type CommandContext, type CommandHandler, database, existingCollection, namespace, optionalDoc, targetName } from "./context.js";

/** Fields of a command that are envelope, not collection options. */
const ENVELOPE = new Set(["$db", "lsid", "$readPreference", "writeConcern", "comment", "maxTimeMS", "apiVersion", "apiStrict", "apiDeprecationErrors", "$clusterTime"]);

function create(ctx: CommandContext) {
  const name = validateCollectionName(targetName(ctx));
  const options: Doc = {};
  for (const [k, v] of Object.entries(ctx.cmd)) if (k !== "create" && !ENVELOPE.has(k)) options[k] = v;
  if (options.viewOn !== undefined) throw mongoError("CommandNotSupported", "views are not supported by memory-mongo");
  const db = database(ctx);
  const existing = db.get(name);
  if (existing) {
    // mongod 7 treats re-creating with identical options as success.
    if (canonicalKey(existing.options) === canonicalKey(options)) return { ok: 1 };
    throw mongoError("NamespaceExists", `Collection ${db.name}.${name} already exists.`);
  }
  db.getOrCreate(name, options);
  return { ok: 1 };
}

function drop(ctx: CommandContext) {
  const coll = database(ctx).drop(targetName(ctx));
  // mongod 7 no longer fails for a missing collection.
  return coll ? { nIndexesWas: coll.indexSpecs().length, ns: coll.ns, ok: 1 } : { ok: 1 };
}

function collectionInfo(coll: Collection): Doc {
  return {
    name: coll.name,
    type: "collection",
    options: coll.options,
    info: { readOnly: false, uuid: coll.uuid },
    idIndex: ID_INDEX,
  };
}

function listCollections(ctx: CommandContext) {
  const filter = compileFilter(optionalDoc(ctx, "filter") ?? {});
  const nameOnly = ctx.cmd.nameOnly === true;
  const infos = Array.from(database(ctx).collections.values())
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(collectionInfo)
    .filter(filter)
    .map((info) => (nameOnly ? { name: info.name, type: info.type } : info));
  const cursor = optionalDoc(ctx, "cursor");
  return ctx.server.cursors.open(`${ctx.dbName}.$cmd.listCollections`, infos, cursor?.batchSize);
}

function dataSize(coll: Collection): number {
  let size = 0;
  for (const rec of coll.records()) size += calculateObjectSize(rec.doc, SERIALIZE_OPTIONS);
  return size;
}

function listDatabases(ctx: CommandContext) {
  const filter = compileFilter(optionalDoc(ctx, "filter") ?? {});
  const nameOnly = ctx.cmd.nameOnly === true;
  const dbs = ctx.server.store
    .databases()
    .map((db) => {
      if (nameOnly) return { name: db.name };
      let sizeOnDisk = 0;
      for (const coll of db.collections.values()) sizeOnDisk += dataSize(coll);
      return { name: db.name, sizeOnDisk, empty: false };
    })
    .filter(filter);
  if (nameOnly) return { databases: dbs, ok: 1 };
  const totalSize = dbs.reduce((sum, d) => sum + Number(d.sizeOnDisk ?? 0), 0);
  return { databases: dbs, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)), ok: 1 };
}

function dropDatabase(ctx: CommandContext) {
  ctx.server.store.dropDatabase(ctx.dbName);
  return { ok: 1 };
}

function splitNamespace(ns: unknown, what: string): [string, string] {
  const dot = typeof ns === "string" ? ns.indexOf(".") : -1;
  if (typeof ns !== "string" || dot <= 0 || dot === ns.length - 1) throw mongoError("InvalidNamespace", `Invalid ${what} namespace: ${String(ns)}`);
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

/** renameCollection (an admin command): copies the documents and indexes under the new name. */
function renameCollection(ctx: CommandContext) {
  const [fromDb, fromName] = splitNamespace(ctx.cmd.renameCollection, "source");
  const [toDb, toName] = splitNamespace(ctx.cmd.to, "target");
  validateCollectionName(toName);
  const store = ctx.server.store;
  const source = store.db(fromDb).get(fromName);
  if (!source) throw mongoError("NamespaceNotFound", `Source collection ${fromDb}.${fromName} does not exist`);
  if (fromDb === toDb && fromName === toName) throw mongoError("IllegalOperation", "Can't rename a collection to itself");
  const targetDb = store.db(toDb);
  if (targetDb.get(toName)) {
    if (ctx.cmd.dropTarget !== true) throw mongoError("NamespaceExists", "target namespace exists");
    targetDb.drop(toName);
  }
  const renamed = new Collection(targetDb, toName, source.options);
  for (const spec of source.indexSpecs().slice(1)) renamed.createIndex(spec);
  for (const rec of source.records()) renamed.insert(rec.doc);
  store.db(fromDb).drop(fromName);
  targetDb.adopt(renamed);
  targetDb.touch();
  return { ok: 1 };
}

function dbStats(ctx: CommandContext) {
  const colls = Array.from(database(ctx).collections.values());
  const objects = colls.reduce((n, c) => n + c.count, 0);
  const size = colls.reduce((n, c) => n + dataSize(c), 0);
  const indexes = colls.reduce((n, c) => n + c.indexSpecs().length, 0);
  return {
    db: ctx.dbName,
    collections: colls.length,
    views: 0,
    objects,
    avgObjSize: objects ? size / objects : 0,
    dataSize: size,
    storageSize: size,
    indexes,
    indexSize: 0,
    totalSize: size,
    scaleFactor: 1,
    ok: 1,
  };
}

function collStats(ctx: CommandContext) {
  const coll = existingCollection(ctx);
  if (!coll) throw mongoError("NamespaceNotFound", `Collection [${namespace(ctx)}] not found.`);
  const size = dataSize(coll);
  const indexSizes: Doc = {};
  for (const spec of coll.indexSpecs()) indexSizes[spec.name] = 0;
  return {
    ns: coll.ns,
    count: coll.count,
    size,
    avgObjSize: coll.count ? Math.floor(size / coll.count) : 0,
    storageSize: size,
    nindexes: coll.indexSpecs().length,
    totalIndexSize: 0,
    indexSizes,
    ok: 1,
  };
}

/** collMod: index TTL/visibility changes and collection options (stored; validators are not enforced). */
function collMod(ctx: CommandContext) {
  const coll = existingCollection(ctx);
  if (!coll) throw mongoError("NamespaceNotFound", `ns does not exist: ${namespace(ctx)}`);
  const reply: Doc = { ok: 1 };
  const options: Doc = { ...coll.options };
  for (const [k, v] of Object.entries(ctx.cmd)) {
    if (k === "collMod" || ENVELOPE.has(k)) continue;
    if (k === "index") {
      const spec = optionalDoc(ctx, "index") ?? {};
      const patch: Doc = {};
      if (spec.expireAfterSeconds !== undefined) patch.expireAfterSeconds = spec.expireAfterSeconds;
      if (spec.hidden !== undefined) patch.hidden = spec.hidden;
      const before = coll.modifyIndex(spec.name ?? spec.keyPattern, patch);
      if ("expireAfterSeconds" in patch) {
        reply.expireAfterSeconds_old = before.expireAfterSeconds;
        reply.expireAfterSeconds_new = patch.expireAfterSeconds;
      }
      if ("hidden" in patch) {
        reply.hidden_old = before.hidden ?? false;
        reply.hidden_new = patch.hidden;
      }
    } else options[k] = v;
  }
  coll.options = options;
  coll.db.touch();
  return reply;
}

export const adminCommands: Record<string, CommandHandler> = {
  create,
  drop,
  listCollections,
  listDatabases,
  dropDatabase,
  renameCollection,
  dbStats,
  collStats,
  collMod,
};
