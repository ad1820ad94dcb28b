import type { TestProject } from "vitest/node";
import { startMemoryMongo, type MemoryMongo } from "../../dev/memory-mongo/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    mongoKind: "memory-mongo" | "external";
  }
}

let store: MemoryMongo | undefined;

/** Tests talk to a real MongoDB when MONGODB_URI is set, otherwise to the in-process store. */
export async function setup(project: TestProject): Promise<void> {
  const external = process.env.MONGODB_URI;
  if (external) {
    project.provide("mongoUri", external);
    project.provide("mongoKind", "external");
    return;
  }
  store = await startMemoryMongo({ port: 0 });
  project.provide("mongoUri", store.uri);
  project.provide("mongoKind", "memory-mongo");
}

export async function teardown(): Promise<void> {
  await store?.stop();
}
