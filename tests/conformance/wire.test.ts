import net from "node:net";
import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { testMongoUri } from "../support/database.js";
import { type LooseDoc, useTestDatabase } from "./helpers.js";

/** Hand-built wire messages, to check the framing the driver does not exercise (checksums, OP_QUERY). */

const { BSON } = mongoose.mongo;
const db = useTestDatabase("wire");

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32c(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) crc = CRC32C_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function header(length: number, requestId: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

function opMsg(requestId: number, body: object, sequences: Array<[string, object[]]>, checksum: boolean): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(BSON.serialize(body))];
  for (const [id, docs] of sequences) {
    const payload = Buffer.concat([Buffer.from(id + "\0"), ...docs.map((d) => Buffer.from(BSON.serialize(d)))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4, 0);
    parts.push(Buffer.from([1]), size, payload);
  }
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE(checksum ? 1 : 0, 0);
  const sections = Buffer.concat([flags, ...parts]);
  const length = 16 + sections.length + (checksum ? 4 : 0);
  const message = Buffer.concat([header(length, requestId, 2013), sections]);
  if (!checksum) return message;
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32c(message), 0);
  return Buffer.concat([message, crc]);
}

function opQuery(requestId: number, collection: string, query: object): Buffer {
  const body = Buffer.concat([
    Buffer.alloc(4), // flags
    Buffer.from(collection + "\0"),
    Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]), // skip 0, return -1
    Buffer.from(BSON.serialize(query)),
  ]);
  return Buffer.concat([header(16 + body.length, requestId, 2004), body]);
}

/** Sends one message and returns the reply's opCode, responseTo and first document. */
function roundTrip(message: Buffer): Promise<{ opCode: number; responseTo: number; doc: Record<string, unknown> }> {
  const { hostname, port } = new URL(testMongoUri().replace(/^mongodb:/, "http:"));
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const socket = net.connect(Number(port), hostname, () => socket.write(message));
    socket.setTimeout(5000, () => socket.destroy(new Error("timeout")));
    socket.on("error", reject);
    socket.on("data", (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 4 || buf.length < buf.readInt32LE(0)) return;
      const opCode = buf.readInt32LE(12);
      const responseTo = buf.readInt32LE(8);
      // OP_MSG: flags(4) + kind byte; OP_REPLY: flags(4) cursorId(8) startingFrom(4) numberReturned(4).
      const offset = opCode === 2013 ? 21 : 36;
      const size = buf.readInt32LE(offset);
      const doc = BSON.deserialize(buf.subarray(offset, offset + size)) as Record<string, unknown>;
      socket.end();
      resolve({ opCode, responseTo, doc });
    });
  });
}

describe("wire protocol", () => {
  it("accepts OP_MSG document sequences with a CRC-32C checksum", async () => {
    const msg = opMsg(7, { insert: "seq", $db: db.current.name }, [["documents", [{ _id: 1, n: "бір" }, { _id: 2, n: "екі" }]]], true);
    const reply = await roundTrip(msg);
    expect(reply.opCode).toBe(2013);
    expect(reply.responseTo).toBe(7);
    expect(reply.doc).toMatchObject({ n: 2, ok: 1 });
    const docs = await db.current.connection.collection<LooseDoc>("seq").find().sort({ _id: 1 }).toArray();
    expect(docs).toEqual([
      { _id: 1, n: "бір" },
      { _id: 2, n: "екі" },
    ]);
  });

  it("answers the legacy OP_QUERY isMaster handshake with OP_REPLY", async () => {
    const reply = await roundTrip(opQuery(9, "admin.$cmd", { isMaster: 1 }));
    expect(reply.opCode).toBe(1);
    expect(reply.responseTo).toBe(9);
    expect(reply.doc).toMatchObject({ ismaster: true, ok: 1 });
    expect(reply.doc.maxWireVersion).toBeGreaterThanOrEqual(21);
  });

  it("reports command errors in the reply, not by closing the connection", async () => {
    const reply = await roundTrip(opMsg(11, { definitelyNotACommand: 1, $db: db.current.name }, [], false));
    expect(reply.doc).toMatchObject({ ok: 0, code: 59, codeName: "CommandNotFound" });
  });
});
