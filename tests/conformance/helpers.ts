import type mongoose from "mongoose";
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

/**
 * Schemaless documents for raw driver calls: the driver types `_id` as ObjectId unless told
 * otherwise, and an `any` _id collapses to `never` in its helper types.
 */
// biome-ignore lint/suspicious/noExplicitAny: raw collections hold arbitrary documents
export type LooseDoc = { _id?: number | string | mongoose.Types.ObjectId; [key: string]: any };

/**
 * One fresh database per test file, dropped afterwards. The same assertions run against
 * memory-mongo and a real MongoDB (MONGODB_URI), so nothing here knows which backend it is.
 */
export function useTestDatabase(prefix: string): { readonly current: TestDatabase } {
  const holder: { current?: TestDatabase } = {};
  beforeAll(async () => {
    holder.current = await createTestDatabase(prefix);
  });
  afterAll(async () => {
    await holder.current?.drop();
  });
  return {
    get current(): TestDatabase {
      if (!holder.current) throw new Error("test database not ready");
      return holder.current;
    },
  };
}

/** Awaits a promise expected to reject and returns the error for detailed assertions. */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (err) {
    return err as Record<string, unknown> & Error;
  }
  throw new Error("expected the operation to fail");
}
