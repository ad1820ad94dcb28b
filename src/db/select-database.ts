import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import type { Logger } from "../logger.js";

export interface DatabaseHandle {
  uri: string;
  kind: "external" | "mongodb-memory-server" | "embedded-store";
  /** Stops a database this process started; a no-op for an external one. */
  stop(): Promise<void>;
}

/** Starts the in-process MongoDB-compatible store; supplied by the dev entry point, never imported from src/. */
export type EmbeddedStoreFactory = (options: { dataDir: string }) => Promise<{ uri: string; stop(): Promise<void> }>;

export interface SelectDatabaseOptions {
  mongodbUri: string | undefined;
  dataDir: string;
  logger: Logger;
  embeddedStore?: EmbeddedStoreFactory;
}

/** A mongod binary already on disk: the explicit one, or one left in mongodb-memory-server's caches. */
function hasLocalMongodBinary(): boolean {
  const explicit = process.env.MONGOMS_SYSTEM_BINARY;
  if (explicit) return existsSync(explicit);
  const caches = [path.join(homedir(), ".cache/mongodb-binaries"), path.resolve("node_modules/.cache/mongodb-memory-server")];
  return caches.some((dir) => existsSync(dir) && readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith("mongod")));
}

async function startMongodFromCache(dataDir: string): Promise<DatabaseHandle> {
  process.env.MONGOMS_RUNTIME_DOWNLOAD ??= "false"; // never reach for the network at start-up
  const { MongoMemoryServer } = await import("mongodb-memory-server-core");
  const dbPath = path.join(dataDir, "mongod");
  mkdirSync(dbPath, { recursive: true });
  const server = await MongoMemoryServer.create({ instance: { dbPath, storageEngine: "wiredTiger" } });
  return { uri: server.getUri(), kind: "mongodb-memory-server", stop: async () => void (await server.stop({ doCleanup: false })) };
}

/**
 * MONGODB_URI when set; otherwise a real mongod if a binary is already on this machine;
 * otherwise the embedded store, with a warning nobody can miss.
 */
export async function selectDatabase(options: SelectDatabaseOptions): Promise<DatabaseHandle> {
  const { mongodbUri, dataDir, logger, embeddedStore } = options;
  if (mongodbUri) return { uri: mongodbUri, kind: "external", stop: async () => {} };

  if (hasLocalMongodBinary()) {
    try {
      const handle = await startMongodFromCache(dataDir);
      logger.warn({ dataDir }, "MONGODB_URI is not set: using a local mongod started by mongodb-memory-server");
      return handle;
    } catch (error) {
      logger.warn({ err: error }, "A local mongod binary was found but did not start");
    }
  }

  if (!embeddedStore) {
    throw new Error("MONGODB_URI is not set. Set it to your MongoDB, for example mongodb://localhost:27017/bagdar, or run `npm start` for the embedded store.");
  }
  const storeDir = path.join(dataDir, "memory-mongo");
  mkdirSync(storeDir, { recursive: true });
  const store = await embeddedStore({ dataDir: storeDir });
  logger.warn(
    { dataDir: storeDir },
    "!!! MONGODB_URI is not set: using the EMBEDDED in-process store. Fine for trying Bagdar, NOT for real pupils' data. Set MONGODB_URI in production. !!!",
  );
  return { uri: store.uri, kind: "embedded-store", stop: () => store.stop() };
}
