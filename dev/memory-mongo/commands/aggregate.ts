import { Collection, prepareInsert } from "../collection.js";
import { MongoCommandError, mongoError } from "../errors.js";
import { runPipeline } from "../matcher.js";
import { deepCopy, type Doc, isPlainObject } from "../values.js";
import { checkHint, type CommandContext, type CommandHandler, database, findRecords, optionalDoc } from "./context.js";

/** Stages that never modify their input documents (ours, or mingo's that build new objects). */
const READ_ONLY_STAGES = new Set(["$match", "$group", "$sort", "$unwind", "$count", "$limit", "$skip", "$lookup", "$facet", "$sortByCount"]);

/**
 * Stored documents are immutable, so a pipeline made only of read-only stages may run on them
 * directly; anything else (e.g. $addFields with dotted paths, which mingo applies in place to a
 * shallow copy) gets deep copies.
 */
function readOnlyPipeline(stages: unknown[]): boolean {
  return stages.every((stage) => {
    if (!isPlainObject(stage)) return false;
    const name = Object.keys(stage)[0] ?? "";
    if (!READ_ONLY_STAGES.has(name)) return false;
    const arg = stage[name];
    if (name === "$lookup") return !isPlainObject(arg) || !Array.isArray(arg.pipeline) || readOnlyPipeline(arg.pipeline);
    if (name === "$facet") return isPlainObject(arg) && Object.values(arg).every((p) => Array.isArray(p) && readOnlyPipeline(p));
    return true;
  });
}

function stageName(stage: unknown): string {
  const keys = isPlainObject(stage) ? Object.keys(stage) : [];
  if (keys.length !== 1) throw mongoError("FailedToParse", "A pipeline stage specification object must contain exactly one field.");
  return keys[0]!;
}

/**
 * aggregate via mingo. A leading $match is answered by our own matcher (which can use the _id map
 * and indexes) and only the matching documents are copied for mingo, which may modify its input.
 */
function aggregate(ctx: CommandContext) {
  const pipeline = ctx.cmd.pipeline;
  if (!Array.isArray(pipeline)) throw mongoError("TypeMismatch", "'pipeline' option must be specified as an array");
  if (pipeline.some((s) => isPlainObject(s) && "$changeStream" in s)) {
    throw new MongoCommandError(40573, "The $changeStream stage is only supported on replica sets");
  }
  if (ctx.cmd.explain === true) return explainReply(ctx, pipeline);
  const cursorOpts = optionalDoc(ctx, "cursor");
  if (!cursorOpts) throw mongoError("FailedToParse", "The 'cursor' option is required, except for aggregate with the explain argument");
  const names = pipeline.map(stageName);
  names.forEach((n, i) => {
    if ((n === "$out" || n === "$merge") && i !== names.length - 1) throw mongoError("BadValue", `${n} can only be the final stage in the pipeline`);
  });
  if (names.includes("$merge")) throw mongoError("CommandNotSupported", "$merge is not supported by memory-mongo");

  const db = database(ctx);
  const collectionLevel = typeof ctx.cmd.aggregate === "string";
  const collName = collectionLevel ? (ctx.cmd.aggregate as string) : undefined;
  if (!collectionLevel && ctx.cmd.aggregate !== 1) throw mongoError("FailedToParse", "aggregate field must be a collection name or 1");
  const collation = optionalDoc(ctx, "collation");
  const variables = optionalDoc(ctx, "let");

  let stages = pipeline as Doc[];
  let input: Doc[] = [];
  if (collName !== undefined) {
    const coll = db.get(collName);
    checkHint(coll, ctx.cmd.hint);
    const first = stages[0];
    const leadingMatch = first && isPlainObject(first.$match) ? first.$match : undefined;
    input = findRecords(coll, leadingMatch ?? {}, { collation, variables }).map((r) => r.doc);
    if (leadingMatch) stages = stages.slice(1);
  }
  const copy = readOnlyPipeline(stages) ? (d: Doc) => d : deepCopy;
  input = input.map(copy);
  const out = names[names.length - 1] === "$out" ? stages[stages.length - 1]!.$out : undefined;
  if (out !== undefined) stages = stages.slice(0, -1);

  const results = runPipeline(input, stages, {
    collation,
    variables,
    resolveCollection: (name) => (db.get(name)?.records() ?? []).map((r) => copy(r.doc)),
  });
  if (out !== undefined) {
    writeOut(ctx, out, results);
    return ctx.server.cursors.open(`${ctx.dbName}.${collName ?? "$cmd.aggregate"}`, [], undefined);
  }
  const ns = collName !== undefined ? `${ctx.dbName}.${collName}` : `${ctx.dbName}.$cmd.aggregate`;
  return ctx.server.cursors.open(ns, results, cursorOpts.batchSize);
}

/** $out replaces the target collection atomically, keeping its indexes (a failed build changes nothing). */
function writeOut(ctx: CommandContext, out: unknown, results: Doc[]): void {
  const target = typeof out === "string" ? { db: ctx.dbName, coll: out } : isPlainObject(out) ? { db: out.db ?? ctx.dbName, coll: out.coll } : undefined;
  if (!target || typeof target.db !== "string" || typeof target.coll !== "string") {
    throw mongoError("FailedToParse", "$out stage requires a string or {db, coll} argument");
  }
  const db = ctx.server.store.db(target.db);
  const existing = db.get(target.coll);
  const fresh = new Collection(db, target.coll, existing?.options ?? {});
  for (const spec of existing?.indexSpecs().slice(1) ?? []) fresh.createIndex(spec);
  for (const doc of results) fresh.insert(prepareInsert(doc));
  db.adopt(fresh);
  db.touch();
}

/** Only the shape of mongod's explain output: every plan here is a collection scan. */
function explainReply(ctx: CommandContext, query: unknown): Doc {
  return {
    explainVersion: "1",
    queryPlanner: {
      namespace: `${ctx.dbName}.${String(ctx.cmd[ctx.name])}`,
      parsedQuery: isPlainObject(query) ? query : {},
      winningPlan: { stage: "COLLSCAN" },
      rejectedPlans: [],
    },
    serverInfo: { host: ctx.server.host, port: ctx.server.port, version: "7.0.0" },
    ok: 1,
  };
}

function explain(ctx: CommandContext) {
  const inner = ctx.cmd.explain;
  if (!isPlainObject(inner)) throw mongoError("FailedToParse", "explain command requires a nested object");
  const name = Object.keys(inner)[0] ?? "";
  if (!["find", "aggregate", "count", "distinct", "update", "delete", "findAndModify"].includes(name)) {
    throw mongoError("BadValue", `Explain failed due to unknown command: ${name}`);
  }
  const query = inner.filter ?? inner.query ?? inner.pipeline ?? {};
  return explainReply({ ...ctx, cmd: inner, name }, query);
}

export const aggregateCommands: Record<string, CommandHandler> = { aggregate, explain };
