/**
 * `npm start`: Bagdar for a developer's machine. It runs the real composition root and
 * lends it the in-process MongoDB-compatible store when no MONGODB_URI is set.
 * Without BOT_TOKEN it starts the playground instead: a local Telegram emulator, the bot
 * against it and a web page to chat as several people (dev/playground).
 */
import type { EmbeddedStoreFactory } from "../src/db/select-database.js";
import { runUntilSignalled } from "../src/main.js";
import { startMemoryMongo } from "./memory-mongo/index.js";

const embeddedStore: EmbeddedStoreFactory = async ({ dataDir }) => {
  const store = await startMemoryMongo({ port: 0, dataDir });
  return { uri: `${store.uri.replace(/\/?$/, "/")}bagdar`, stop: () => store.stop() };
};

if (process.env.BOT_TOKEN?.trim()) {
  await runUntilSignalled({ embeddedStore });
} else {
  // Loaded only here: with a token, nothing of the playground runs.
  const { runPlaygroundUntilSignalled } = await import("./playground/index.js");
  await runPlaygroundUntilSignalled({ embeddedStore });
}
