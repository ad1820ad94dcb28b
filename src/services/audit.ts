import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";

export interface AuditEntry {
  actorId: Types.ObjectId | null;
  action: string;
  entity: string;
  entityId?: Types.ObjectId | undefined;
  /** Ids, kinds and counts only: never a name or free text. */
  details?: Record<string, unknown>;
}

export function createAuditService(deps: { models: Models; clock: Clock }) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await deps.models.AuditLog.create({ at: deps.clock.now(), ...entry });
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
