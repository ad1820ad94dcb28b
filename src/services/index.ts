import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Models } from "../db/models/index.js";
import type { Logger } from "../logger.js";
import { createUserService } from "./users.js";

export interface ServiceDeps {
  models: Models;
  clock: Clock;
  config: Config;
  logger: Logger;
}

/** Every use case, wired once; handlers and scenes reach them through `ctx.deps.services`. */
export function createServices(deps: ServiceDeps) {
  return {
    users: createUserService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
