import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import { afterEach, describe, expect, it } from "vitest";
import { type MemoryMongo, startMemoryMongo } from "../../dev/memory-mongo/index.js";
import type { LooseDoc } from "./helpers.js";

/**
 * These start their own memory-mongo servers (independent of MONGODB_URI): they test the store's
 * persistence and its "MongoDB goes away and comes back" support rather than MongoDB semantics.
 */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function connect(uri: string, dbName: string, serverSelectionTimeoutMS = 5_000): Promise<mongoose.Connection> {
  const conn = mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS, heartbeatFrequencyMS: 500, autoIndex: false });
  await conn.asPromise();
  cleanups.push(() => conn.close(true));
  return conn;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "memory-mongo-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function start(opts: Parameters<typeof startMemoryMongo>[0]): Promise<MemoryMongo> {
  const mongo = await startMemoryMongo(opts);
  cleanups.push(() => mongo.stop());
  return mongo;
}

describe("persistence", () => {
  it("keeps documents and indexes across a stop and a restart", async () => {
    const dir = await tempDir();
    const first = await start({ port: 0, dataDir: dir });
    const conn = await connect(first.uri, "persisted");
    const Note = conn.model("Note", new mongoose.Schema({ text: { type: String, unique: true }, at: Date, n: Number }));
    await Note.init();
    await Note.createIndexes();
    await Note.insertMany(Array.from({ length: 500 }, (_, n) => ({ text: `қазақша ${n}`, at: new Date(1_700_000_000_000 + n), n })));
    await Note.updateOne({ n: 7 }, { $set: { text: "updated" } });
    await Note.deleteOne({ n: 8 });
    await conn.collection<LooseDoc>("dropped_later").insertOne({ gone: true });
    await conn.dropCollection("dropped_later");
    await conn.close();
    await first.stop();

    const files = await readdir(dir);
    expect(files.some((f) => f.endsWith(".tmp"))).toBe(false);
    expect(files).toContain("persisted.bson");

    const second = await start({ port: 0, dataDir: dir });
    const again = await connect(second.uri, "persisted");
    const coll = again.collection<LooseDoc>("notes");
    expect(await coll.countDocuments()).toBe(499);
    expect((await coll.findOne({ n: 7 }))?.text).toBe("updated");
    expect(await coll.findOne({ n: 8 })).toBeNull();
    expect((await coll.findOne({ n: 3 }))?.at).toEqual(new Date(1_700_000_000_003));
    const names = (await coll.listIndexes().toArray()).map((i) => i.name).sort();
    expect(names).toEqual(["_id_", "text_1"]);
    const dup = await coll.insertOne({ text: "updated" }).catch((e: { code?: number }) => e);
    expect((dup as { code?: number }).code).toBe(11000);
    expect((await again.db!.listCollections().toArray()).map((c) => c.name)).toEqual(["notes"]);
  });

  it("forgets a dropped database on disk", async () => {
    const dir = await tempDir();
    const first = await start({ port: 0, dataDir: dir });
    const conn = await connect(first.uri, "short_lived");
    await conn.collection<LooseDoc>("c").insertOne({ a: 1 });
    await first.flush();
    expect(await readdir(dir)).toContain("short_lived.bson");
    await conn.dropDatabase();
    await conn.close();
    await first.stop();
    expect(await readdir(dir)).not.toContain("short_lived.bson");
  });
});

describe("outages", () => {
  it("pause() drops every client, resume() serves the same data on the same port", async () => {
    const mongo = await start({ port: 0 });
    const conn = await connect(mongo.uri, "outage", 500);
    await conn.collection<LooseDoc>("c").insertOne({ before: true });
    await mongo.pause();
    const during = await conn.collection<LooseDoc>("c").countDocuments({}, { maxTimeMS: 500 }).catch((e: Error) => e);
    expect(during).toBeInstanceOf(Error);
    await mongo.resume();
    // The driver reconnects on its own once the port answers again.
    await expect.poll(() => conn.collection<LooseDoc>("c").countDocuments().catch(() => -1), { timeout: 10_000, interval: 200 }).toBe(1);
    await conn.collection<LooseDoc>("c").insertOne({ after: true });
    expect(await conn.collection<LooseDoc>("c").countDocuments()).toBe(2);
  });

  it("a new server can take over a stopped one's store and port", async () => {
    const first = await startMemoryMongo({ port: 0 });
    const conn1 = await connect(first.uri, "handover");
    await conn1.collection<LooseDoc>("c").insertOne({ v: 1 });
    await conn1.close();
    await first.stop();
    const second = await start({ port: first.port, store: first.store });
    expect(second.uri).toBe(first.uri);
    const conn2 = await connect(second.uri, "handover");
    expect(await conn2.collection<LooseDoc>("c").countDocuments({ v: 1 })).toBe(1);
  });
});

describe("TTL indexes", () => {
  it("the TTL monitor (store.expireTtl, run every 60 s) removes expired documents", async () => {
    const mongo = await start({ port: 0 });
    const conn = await connect(mongo.uri, "ttl");
    const sessions = conn.collection<LooseDoc>("sessions");
    await sessions.createIndex({ lastSeen: 1 }, { expireAfterSeconds: 60 });
    await sessions.insertMany([
      { _id: 1, lastSeen: new Date(Date.now() - 120_000) },
      { _id: 2, lastSeen: new Date() },
      { _id: 3, lastSeen: "not a date" },
    ]);
    expect(mongo.store.expireTtl()).toBe(1);
    expect((await sessions.find().toArray()).map((d) => d._id)).toEqual([2, 3]);
  });
});
