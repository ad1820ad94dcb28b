import { parseArgs } from "node:util";
import { startMemoryMongo } from "./index.js";

/** npm run memory-mongo -- --port 27017 [--data ./.memory-mongo] [--host 127.0.0.1] */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "27017" },
      host: { type: "string", default: "127.0.0.1" },
      data: { type: "string" },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  const mongo = await startMemoryMongo({ port, host: values.host, ...(values.data ? { dataDir: values.data } : {}) });
  console.log(`memory-mongo listening on ${mongo.uri}${values.data ? ` (data: ${values.data})` : ""}`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    mongo.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`memory-mongo: failed to stop cleanly after ${signal}`, err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error("memory-mongo:", err instanceof Error ? err.message : err);
  process.exit(1);
});
