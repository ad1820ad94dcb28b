import { loadDataDir, Persistence } from "./persistence.js";
import { WireServer } from "./server.js";
import { MemoryMongoStore } from "./store.js";

/**
 * memory-mongo: an in-process stand-in for a standalone mongod 7.0 that speaks the real wire
 * protocol, so mongoose and the official driver run exactly as in production.
 *
 * Fault injection ("MongoDB goes away and comes back") — two equivalent ways:
 *   const mongo = await startMemoryMongo();
 *   await mongo.pause();   // listener closed, every connection dropped, data kept
 *   await mongo.resume();  // listening again on the same port with the same data
 * or stop it and start a new server on the same store and port:
 *   await mongo.stop();
 *   const again = await startMemoryMongo({ port: mongo.port, store: mongo.store });
 */

export { MemoryMongoStore } from "./store.js";

export interface MemoryMongoOptions {
  /** 0 = a random free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Load from and persist to this directory (one BSON file per database). */
  dataDir?: string;
  /** Serve an existing store (data survives across servers within one process). */
  store?: MemoryMongoStore;
}

export interface MemoryMongo {
  /** mongodb://127.0.0.1:<port>/ */
  uri: string;
  port: number;
  store: MemoryMongoStore;
  /** Closes the listener and every open socket and flushes persistence. */
  stop(): Promise<void>;
  /** Simulates an outage: closes the listener and all connections, keeps the data. */
  pause(): Promise<void>;
  /** Listens again on the same port. */
  resume(): Promise<void>;
  /** Writes pending changes to dataDir now (no-op without dataDir). */
  flush(): Promise<void>;
}

export async function startMemoryMongo(opts: MemoryMongoOptions = {}): Promise<MemoryMongo> {
  const host = opts.host ?? "127.0.0.1";
  let store = opts.store;
  let persistence: Persistence | undefined;
  if (opts.dataDir) {
    // A fresh store is loaded from disk; a store passed in is authoritative and only persisted.
    if (!store) {
      store = new MemoryMongoStore();
      await loadDataDir(opts.dataDir, store);
    }
    persistence = new Persistence(opts.dataDir, store);
  }
  store ??= new MemoryMongoStore();
  let server: WireServer | undefined = new WireServer(store, host);
  const port = await server.listen(opts.port ?? 0);
  const uriHost = host.includes(":") ? `[${host}]` : host;
  let stopped = false;

  return {
    uri: `mongodb://${uriHost}:${port}/`,
    port,
    store,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server?.close();
      server = undefined;
      await persistence?.close();
    },
    async pause() {
      await server?.close();
      server = undefined;
    },
    async resume() {
      if (stopped) throw new Error("memory-mongo: cannot resume a stopped server");
      if (server) return;
      const next = new WireServer(store, host);
      await next.listen(port);
      server = next;
    },
    async flush() {
      await persistence?.flush();
    },
  };
}
