import { deserialize, serialize } from "bson";
import { DESERIALIZE_OPTIONS, type Doc, SERIALIZE_OPTIONS } from "./values.js";

/** MongoDB wire protocol framing: https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/ */

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const HEADER_BYTES = 16;
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_BYTES = 48_000_000;

const CHECKSUM_PRESENT = 1 << 0;
export const MORE_TO_COME = 1 << 1;
const EXHAUST_ALLOWED = 1 << 16;
/** Bits 0-15 are "required": a peer must reject flags it does not understand. */
const KNOWN_REQUIRED_BITS = CHECKSUM_PRESENT | MORE_TO_COME;

export class WireError extends Error {}

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export type Request =
  | { kind: "msg"; header: MessageHeader; flags: number; body: Doc }
  | { kind: "query"; header: MessageHeader; flags: number; collection: string; query: Doc };

export function readHeader(buf: Buffer): MessageHeader {
  return {
    length: buf.readInt32LE(0),
    requestId: buf.readInt32LE(4),
    responseTo: buf.readInt32LE(8),
    opCode: buf.readInt32LE(12),
  };
}

function readDocument(buf: Buffer, offset: number, end: number): [Doc, number] {
  if (offset + 5 > end) throw new WireError("truncated BSON document");
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new WireError("invalid BSON document length");
  return [deserialize(buf.subarray(offset, offset + size), DESERIALIZE_OPTIONS), offset + size];
}

function readCString(buf: Buffer, offset: number, end: number): [string, number] {
  const zero = buf.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new WireError("unterminated cstring");
  return [buf.toString("utf8", offset, zero), zero + 1];
}

/** Parses one complete message (header included). Throws WireError for anything malformed. */
export function parseMessage(buf: Buffer): Request {
  const header = readHeader(buf);
  if (header.opCode === OP_MSG) return parseOpMsg(buf, header);
  if (header.opCode === OP_QUERY) return parseOpQuery(buf, header);
  throw new WireError(`unsupported opCode ${header.opCode}`);
}

function parseOpMsg(buf: Buffer, header: MessageHeader): Request {
  if (buf.length < HEADER_BYTES + 5) throw new WireError("OP_MSG too short");
  const flags = buf.readUInt32LE(HEADER_BYTES);
  if ((flags & 0xffff) & ~KNOWN_REQUIRED_BITS) throw new WireError(`unsupported OP_MSG flag bits ${flags}`);
  // The CRC-32C trailer is only an integrity check on top of TCP's; it is skipped, not verified.
  const end = flags & CHECKSUM_PRESENT ? buf.length - 4 : buf.length;
  let offset = HEADER_BYTES + 4;
  let body: Doc | undefined;
  const sequences: Array<[string, Doc[]]> = [];
  while (offset < end) {
    const kind = buf[offset++];
    if (kind === 0) {
      if (body) throw new WireError("OP_MSG has more than one body section");
      [body, offset] = readDocument(buf, offset, end);
    } else if (kind === 1) {
      if (offset + 4 > end) throw new WireError("truncated document sequence");
      const size = buf.readInt32LE(offset);
      const seqEnd = offset + size;
      if (size < 5 || seqEnd > end) throw new WireError("invalid document sequence length");
      let identifier: string;
      [identifier, offset] = readCString(buf, offset + 4, seqEnd);
      const docs: Doc[] = [];
      while (offset < seqEnd) {
        let doc: Doc;
        [doc, offset] = readDocument(buf, offset, seqEnd);
        docs.push(doc);
      }
      sequences.push([identifier, docs]);
    } else {
      throw new WireError(`unknown OP_MSG section kind ${String(kind)}`);
    }
  }
  if (!body) throw new WireError("OP_MSG without a body section");
  for (const [identifier, docs] of sequences) {
    if (identifier in body) throw new WireError(`duplicate field ${identifier} in OP_MSG body and document sequence`);
    body[identifier] = docs;
  }
  return { kind: "msg", header, flags: flags & ~EXHAUST_ALLOWED, body };
}

function parseOpQuery(buf: Buffer, header: MessageHeader): Request {
  const end = buf.length;
  const flags = buf.readInt32LE(HEADER_BYTES);
  const [collection, afterName] = readCString(buf, HEADER_BYTES + 4, end);
  // numberToSkip and numberToReturn (8 bytes) are irrelevant for command queries.
  const [query] = readDocument(buf, afterName + 8, end);
  return { kind: "query", header, flags, collection, query };
}

function header(buf: Buffer, requestId: number, responseTo: number, opCode: number): void {
  buf.writeInt32LE(buf.length, 0);
  buf.writeInt32LE(requestId, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(opCode, 12);
}

export function encodeOpMsg(requestId: number, responseTo: number, body: Doc): Buffer {
  const doc = serialize(body, SERIALIZE_OPTIONS);
  const buf = Buffer.allocUnsafe(HEADER_BYTES + 5 + doc.length);
  header(buf, requestId, responseTo, OP_MSG);
  buf.writeUInt32LE(0, HEADER_BYTES);
  buf[HEADER_BYTES + 4] = 0;
  buf.set(doc, HEADER_BYTES + 5);
  return buf;
}

/** OP_REPLY, used only to answer legacy OP_QUERY handshakes. */
export function encodeOpReply(requestId: number, responseTo: number, doc: Doc): Buffer {
  const bson = serialize(doc, SERIALIZE_OPTIONS);
  const buf = Buffer.allocUnsafe(HEADER_BYTES + 20 + bson.length);
  header(buf, requestId, responseTo, OP_REPLY);
  buf.writeInt32LE(8, HEADER_BYTES); // AwaitCapable, as mongod sets it
  buf.writeBigInt64LE(0n, HEADER_BYTES + 4); // cursorID
  buf.writeInt32LE(0, HEADER_BYTES + 12); // startingFrom
  buf.writeInt32LE(1, HEADER_BYTES + 16); // numberReturned
  buf.set(bson, HEADER_BYTES + 20);
  return buf;
}
