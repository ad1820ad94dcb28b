import mongoose, { type Connection } from "mongoose";
import type { Logger } from "../logger.js";

/**
 * Opens a dedicated connection. Commands are never buffered: when MongoDB is away,
 * a handler fails fast and the user is asked to retry, instead of hanging.
 */
export async function connectDatabase(uri: string, logger: Logger): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    bufferCommands: false,
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 10_000,
  });
  connection.on("disconnected", () => logger.warn("MongoDB disconnected"));
  connection.on("reconnected", () => logger.info("MongoDB reconnected"));
  await connection.asPromise();
  return connection;
}
