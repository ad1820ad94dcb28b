/**
 * `npm start`: Bagdar for a developer's machine. It runs the real composition root and
 * lends it the in-process MongoDB-compatible store when no MONGODB_URI is set.
 */
import { runUntilSignalled } from "../src/main.js";
import { startMemoryMongo } from "./memory-mongo/index.js";

await runUntilSignalled({
  embeddedStore: async ({ dataDir }) => {
    const store = await startMemoryMongo({ port: 0, dataDir });
    return { uri: `${store.uri.replace(/\/?$/, "/")}bagdar`, stop: () => store.stop() };
  },
});
