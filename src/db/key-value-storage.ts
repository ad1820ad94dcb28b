import type { Connection } from "mongoose";

interface KeyValueDocument {
  _id: string;
  value: string;
  updatedAt: Date;
}

export interface KeyValueStorage<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * A grammY storage adapter over one MongoDB collection; used for sessions and conversation state.
 * Values are stored as JSON text so that the conversations replay log round-trips exactly
 * (BSON would turn `undefined` into `null` and reorder nothing, but JSON keeps it honest).
 */
export function createMongoStorage<T>(connection: Connection, collectionName: string): KeyValueStorage<T> {
  const collection = () => connection.collection<KeyValueDocument>(collectionName);
  return {
    async read(key) {
      const doc = await collection().findOne({ _id: key });
      return doc ? (JSON.parse(doc.value) as T) : undefined;
    },
    async write(key, value) {
      await collection().updateOne(
        { _id: key },
        { $set: { value: JSON.stringify(value), updatedAt: new Date() } },
        { upsert: true },
      );
    },
    async delete(key) {
      await collection().deleteOne({ _id: key });
    },
  };
}
