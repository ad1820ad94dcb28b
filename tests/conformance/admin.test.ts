import net from "node:net";
import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { createTestDatabase, testMongoUri } from "../support/database.js";
import { type LooseDoc, rejection, useTestDatabase } from "./helpers.js";

const db = useTestDatabase("admin");

describe("server commands", () => {
  it("answers hello like a standalone mongod", async () => {
    const hello = await db.current.connection.db!.admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.setName).toBeUndefined();
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(21);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxWriteBatchSize).toBe(100_000);
    expect(hello.logicalSessionTimeoutMinutes).toBe(30);
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(hello.readOnly).toBe(false);
    expect((await db.current.connection.db!.admin().command({ ping: 1 })).ok).toBe(1);
    const info = await db.current.connection.db!.admin().command({ buildInfo: 1 });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("rejects an unknown command with CommandNotFound", async () => {
    const err = await rejection(db.current.connection.db!.command({ foo: 1 }));
    expect(err.code).toBe(59);
    expect(err.codeName).toBe("CommandNotFound");
    expect(err.message).toBe("no such command: 'foo'");
    // The connection is still usable afterwards.
    expect((await db.current.connection.db!.command({ ping: 1 })).ok).toBe(1);
  });

  it("refuses transactions like a standalone mongod", async () => {
    // A standalone has no transactions: the server answers any txnNumber with IllegalOperation (20).
    // Reads surface that error as is; for writes the driver wraps it into its "does not support
    // retryable writes" error and keeps the server's reply as originalError.
    const Txn = db.current.connection.model("Txn", new mongoose.Schema({ n: Number }));
    await Txn.create({ n: 1 });
    const session = await db.current.connection.startSession();
    try {
      session.startTransaction();
      const read = await rejection(Txn.findOne({ n: 1 }).session(session));
      expect(read.code).toBe(20);
      expect(read.codeName).toBe("IllegalOperation");
      expect(read.message).toMatch(/Transaction numbers are only allowed on a replica set member or mongos/);
      await session.abortTransaction().catch(() => undefined);
      session.startTransaction();
      const write = await rejection(Txn.create([{ n: 2 }], { session }));
      const original = write.originalError as { code?: number; message?: string } | undefined;
      expect(original?.code).toBe(20);
      expect(original?.message).toMatch(/Transaction numbers are only allowed/);
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
    expect(await Txn.countDocuments()).toBe(1);
  });

  it("creates, lists, renames and drops collections", async () => {
    const conn = db.current.connection;
    await conn.createCollection("alpha");
    await conn.createCollection("alpha"); // mongod 7 accepts identical re-creation
    await conn.collection<LooseDoc>("beta").insertOne({ x: 1 });
    const names = (await conn.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["alpha", "beta"]));
    const filtered = await conn.db!.listCollections({ name: "beta" }).toArray();
    expect(filtered).toHaveLength(1);
    expect(filtered[0]).toMatchObject({ name: "beta", type: "collection" });
    await conn.db!.renameCollection("beta", "gamma");
    expect(await conn.collection<LooseDoc>("gamma").countDocuments({ x: 1 })).toBe(1);
    expect(await conn.collection<LooseDoc>("beta").countDocuments()).toBe(0);
    expect(await conn.dropCollection("gamma")).toBe(true);
    const after = (await conn.db!.listCollections().toArray()).map((c) => c.name);
    expect(after).not.toContain("gamma");
    expect(await conn.collection<LooseDoc>("gamma").countDocuments()).toBe(0);
  });

  it("drops a database", async () => {
    const other = await createTestDatabase("dropdb");
    try {
      await other.connection.collection<LooseDoc>("c").insertOne({ a: 1 });
      const before = await other.connection.db!.admin().listDatabases({ nameOnly: true });
      expect(before.databases.map((d) => d.name)).toContain(other.name);
      await other.connection.dropDatabase();
      expect(await other.connection.collection<LooseDoc>("c").countDocuments()).toBe(0);
      expect(await other.connection.db!.listCollections().toArray()).toEqual([]);
      const after = await other.connection.db!.admin().listDatabases({ nameOnly: true });
      expect(after.databases.map((d) => d.name)).not.toContain(other.name);
    } finally {
      await other.drop();
    }
  });
});

/** Sends raw bytes and resolves once the server has closed the socket (or after a short wait). */
function sendRaw(bytes: Buffer, uri: string): Promise<"closed" | "open"> {
  const { hostname, port } = new URL(uri.replace(/^mongodb:/, "http:"));
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve("open");
    }, 1000);
    socket.on("data", () => undefined);
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve("closed");
    });
    socket.on("timeout", reject);
  });
}

describe("wire protocol robustness", () => {
  it("survives garbage and oversized messages", async () => {
    const uri = testMongoUri();
    const oversized = Buffer.alloc(16);
    oversized.writeInt32LE(0x7fffffff, 0);
    oversized.writeInt32LE(2013, 12);
    expect(await sendRaw(oversized, uri)).toBe("closed");
    const badOpcode = Buffer.alloc(64, 0xab);
    badOpcode.writeInt32LE(64, 0);
    badOpcode.writeInt32LE(4242, 12);
    await sendRaw(badOpcode, uri);
    const badBson = Buffer.alloc(40, 0xff);
    badBson.writeInt32LE(40, 0);
    badBson.writeInt32LE(2013, 12);
    badBson.writeUInt32LE(0, 16);
    badBson[20] = 0;
    await sendRaw(badBson, uri);
    await sendRaw(Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), uri);

    // A new client still works and sees the data.
    const fresh = await createTestDatabase("robust");
    try {
      await fresh.connection.collection<LooseDoc>("c").insertOne({ ok: true });
      expect(await fresh.connection.collection<LooseDoc>("c").countDocuments({ ok: true })).toBe(1);
    } finally {
      await fresh.drop();
    }
  });
});
