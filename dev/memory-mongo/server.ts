import net from "node:net";
import { runCommand, type ConnectionInfo, type ServerState } from "./commands/index.js";
import { CursorRegistry } from "./cursors.js";
import { errorReply, mongoError } from "./errors.js";
import type { MemoryMongoStore } from "./store.js";
import type { Doc } from "./values.js";
import { encodeOpMsg, encodeOpReply, HEADER_BYTES, MAX_MESSAGE_BYTES, MORE_TO_COME, parseMessage, type Request } from "./wire.js";

/** Legacy OP_QUERY is only accepted for the handshake, as in mongod 6+. */
const OP_QUERY_COMMANDS = new Set(["hello", "isMaster", "ismaster"]);
const HOUSEKEEPING_MS = 60_000;

/**
 * The TCP side: frames messages, hands each complete one to the command layer synchronously and
 * writes the reply. A peer that sends something unparseable (bad length, unknown opcode, corrupt
 * BSON) only loses its own connection.
 */
export class WireServer {
  readonly cursors = new CursorRegistry();
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private nextConnectionId = 1;
  private totalConnections = 0;
  private nextRequestId = 1;
  private housekeeping: NodeJS.Timeout | undefined;
  private readonly state: ServerState;

  constructor(
    private readonly store: MemoryMongoStore,
    private readonly host: string,
  ) {
    this.state = {
      store,
      cursors: this.cursors,
      startedAt: Date.now(),
      host,
      port: 0,
      openConnections: () => this.sockets.size,
      totalConnections: () => this.totalConnections,
    };
  }

  get port(): number {
    return this.state.port;
  }

  async listen(port: number): Promise<number> {
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, this.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    server.on("error", (err) => console.error("memory-mongo: listener error", err));
    this.server = server;
    const address = server.address();
    this.state.port = typeof address === "object" && address ? address.port : port;
    // mongod's TTL monitor also runs once a minute.
    this.housekeeping = setInterval(() => {
      this.store.expireTtl();
      this.cursors.sweep();
    }, HOUSEKEEPING_MS);
    this.housekeeping.unref();
    return this.state.port;
  }

  /** Stops listening and drops every open connection; cursors die with them, as on a restart. */
  async close(): Promise<void> {
    if (this.housekeeping) clearInterval(this.housekeeping);
    this.housekeeping = undefined;
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.cursors.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    this.totalConnections++;
    socket.setNoDelay(true);
    const conn: ConnectionInfo = { id: this.nextConnectionId++, remote: `${socket.remoteAddress}:${socket.remotePort}` };
    let chunks: Buffer[] = [];
    let buffered = 0;
    let expected = 0;
    socket.on("data", (chunk: Buffer) => {
      try {
        chunks.push(chunk);
        buffered += chunk.length;
        for (;;) {
          if (expected === 0) {
            if (buffered < 4) return;
            const head = chunks[0]!.length >= 4 ? chunks[0]! : Buffer.concat(chunks);
            expected = head.readInt32LE(0);
            if (expected < HEADER_BYTES + 1 || expected > MAX_MESSAGE_BYTES) {
              socket.destroy();
              return;
            }
          }
          if (buffered < expected) return;
          const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, buffered);
          const message = all.subarray(0, expected);
          const rest = all.subarray(expected);
          chunks = rest.length ? [rest] : [];
          buffered = rest.length;
          expected = 0;
          const reply = this.handle(message, conn);
          if (reply === null) {
            socket.destroy();
            return;
          }
          if (reply) socket.write(reply);
        }
      } catch (err) {
        console.error("memory-mongo: dropping connection after internal error", err);
        socket.destroy();
      }
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => this.sockets.delete(socket));
  }

  /** The reply bytes, undefined when the client asked for none (moreToCome), null to drop the connection. */
  private handle(message: Buffer, conn: ConnectionInfo): Buffer | undefined | null {
    let req: Request;
    try {
      req = parseMessage(message);
    } catch {
      return null;
    }
    const requestId = this.nextRequestId++;
    if (req.kind === "msg") {
      const dbName = req.body.$db;
      const reply =
        typeof dbName === "string"
          ? runCommand(this.state, conn, dbName, req.body)
          : errorReply(mongoError("FailedToParse", "OP_MSG requests require a $db argument"));
      if (req.flags & MORE_TO_COME) return undefined;
      return encodeSafely((doc) => encodeOpMsg(requestId, req.header.requestId, doc), reply);
    }
    const dbName = req.collection.endsWith(".$cmd") ? req.collection.slice(0, -5) : undefined;
    const query = req.query.$query !== undefined && typeof req.query.$query === "object" ? (req.query.$query as Doc) : req.query;
    const name = Object.keys(query)[0] ?? "";
    const reply =
      dbName && OP_QUERY_COMMANDS.has(name)
        ? runCommand(this.state, conn, dbName, query)
        : errorReply(mongoError("CommandNotSupported", `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`));
    return encodeSafely((doc) => encodeOpReply(requestId, req.header.requestId, doc), reply);
  }
}

/** A reply too large to serialize becomes an error reply instead of a dropped connection. */
function encodeSafely(encode: (doc: Doc) => Buffer, reply: Doc): Buffer {
  try {
    return encode(reply);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return encode(errorReply(mongoError("BSONObjectTooLarge", `reply could not be serialized: ${message}`)));
  }
}
