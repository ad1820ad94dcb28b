import { calculateObjectSize, Long } from "bson";
import { mongoError } from "./errors.js";
import { type Doc, SERIALIZE_OPTIONS } from "./values.js";

/** Default first batch of find/aggregate, like mongod. */
export const DEFAULT_FIRST_BATCH = 101;
/** Replies must stay under maxBsonObjectSize; leave room for the envelope. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface ServerCursor {
  id: Long;
  ns: string;
  docs: Doc[];
  pos: number;
  /** Applied per batch (e.g. a find projection) so large results are not transformed up front. */
  transform?: ((batch: Doc[]) => Doc[]) | undefined;
  lastUsed: number;
}

export interface CursorReply {
  cursor: { firstBatch?: Doc[]; nextBatch?: Doc[]; id: Long; ns: string };
  ok: 1;
}

/** Open cursors of one server: results are materialised at creation and handed out in batches. */
export class CursorRegistry {
  private readonly cursors = new Map<string, ServerCursor>();
  private nextId = BigInt(Date.now()) * 1000n;

  /** Builds the first batch; registers a cursor only when more documents remain. */
  open(ns: string, docs: Doc[], batchSize: unknown, opts: { singleBatch?: boolean; transform?: (b: Doc[]) => Doc[] } = {}): CursorReply {
    const size = batchSize === undefined || batchSize === null ? DEFAULT_FIRST_BATCH : parseBatchSize(batchSize);
    const cursor: ServerCursor = { id: Long.ZERO, ns, docs, pos: 0, transform: opts.transform, lastUsed: Date.now() };
    const batch = this.take(cursor, size);
    if (cursor.pos < docs.length && !opts.singleBatch) {
      cursor.id = Long.fromBigInt(++this.nextId);
      this.cursors.set(cursor.id.toString(), cursor);
    }
    return { cursor: { firstBatch: batch, id: cursor.id, ns }, ok: 1 };
  }

  getMore(id: Long, collection: string, db: string, batchSize: unknown): CursorReply {
    const cursor = this.cursors.get(id.toString());
    if (!cursor) throw mongoError("CursorNotFound", `cursor id ${id.toString()} not found`);
    const expected = `${db}.${collection}`;
    if (cursor.ns !== expected && !cursor.ns.startsWith(`${db}.$cmd`)) {
      throw mongoError("Unauthorized", `Requested getMore on namespace '${expected}', but cursor belongs to a different namespace ${cursor.ns}`);
    }
    const size = batchSize === undefined || batchSize === null ? Number.MAX_SAFE_INTEGER : parseBatchSize(batchSize);
    cursor.lastUsed = Date.now();
    const batch = this.take(cursor, size || Number.MAX_SAFE_INTEGER);
    let outId = cursor.id;
    if (cursor.pos >= cursor.docs.length) {
      this.cursors.delete(cursor.id.toString());
      outId = Long.ZERO;
    }
    return { cursor: { nextBatch: batch, id: outId, ns: cursor.ns }, ok: 1 };
  }

  kill(ids: Long[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) (this.cursors.delete(id.toString()) ? killed : notFound).push(id);
    return { killed, notFound };
  }

  sweep(now = Date.now()): void {
    for (const [key, c] of this.cursors) if (now - c.lastUsed > IDLE_TIMEOUT_MS) this.cursors.delete(key);
  }

  clear(): void {
    this.cursors.clear();
  }

  get size(): number {
    return this.cursors.size;
  }

  /** Next batch: at most `size` documents and never more bytes than a reply may carry. */
  private take(cursor: ServerCursor, size: number): Doc[] {
    const raw = cursor.docs.slice(cursor.pos, Math.min(cursor.docs.length, cursor.pos + size));
    const docs = cursor.transform ? cursor.transform(raw) : raw;
    let bytes = 0;
    let n = 0;
    for (; n < docs.length; n++) {
      const docBytes = calculateObjectSize(docs[n]!, SERIALIZE_OPTIONS);
      if (n > 0 && bytes + docBytes > MAX_BATCH_BYTES) break;
      bytes += docBytes;
    }
    cursor.pos += n;
    return n === docs.length ? docs : docs.slice(0, n);
  }
}

function parseBatchSize(v: unknown): number {
  const n = Number(typeof v === "object" && v !== null ? String(v) : v);
  if (!Number.isFinite(n) || n < 0) throw mongoError("BadValue", "BatchSize value must be non-negative, but received: " + String(v));
  return Math.floor(n);
}
