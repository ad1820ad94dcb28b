import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { inject } from "vitest";

export interface TestDatabase {
  connection: mongoose.Connection;
  name: string;
  /** Drops the database and closes the connection. */
  drop(): Promise<void>;
}

/** The URI of the store (or real MongoDB) started by the global setup. */
export function testMongoUri(): string {
  return inject("mongoUri");
}

export interface TestDatabaseOptions {
  /** Another store than the shared one (fault tests start their own, to stop it). */
  uri?: string;
  serverSelectionTimeoutMS?: number;
}

/** A fresh, uniquely named database for one test or one test file. */
export async function createTestDatabase(prefix = "t", options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const name = `bagdar_${prefix}_${randomBytes(6).toString("hex")}`;
  const uri = options.uri ?? testMongoUri();
  const connection = mongoose.createConnection(uri, {
    dbName: name,
    bufferCommands: false,
    autoIndex: false,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5_000,
  });
  await connection.asPromise();
  return {
    connection,
    name,
    async drop() {
      // A test may have closed the connection on purpose (the database "went away"); drop through a fresh one.
      const live = connection.readyState === 1 ? connection : await mongoose.createConnection(uri, { dbName: name }).asPromise();
      try {
        await live.dropDatabase();
      } finally {
        await live.close();
        await connection.close();
      }
    },
  };
}
