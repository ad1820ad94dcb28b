import type { Connection } from "mongoose";
import { auditLogSchema } from "./audit-log.js";
import { broadcastSchema } from "./broadcast.js";
import { consentSchema } from "./consent.js";
import { guardianshipSchema } from "./guardianship.js";
import { inviteSchema } from "./invite.js";
import { leaseSchema } from "./lease.js";
import { notificationSchema } from "./notification.js";
import { questionnaireResultSchema } from "./questionnaire-result.js";
import { reflectionSchema } from "./reflection.js";
import { registrationSchema } from "./registration.js";
import { schoolSchema } from "./school.js";
import { trialSchema } from "./trial.js";
import { userSchema } from "./user.js";

/**
 * Models are bound to a connection rather than to the global mongoose instance,
 * so tests, benchmarks and several app instances in one process stay apart.
 *
 * Sessions and conversation state live in a plain `sessions` collection owned by the
 * session storage module; it has no model here.
 */
export function createModels(connection: Connection) {
  return {
    User: connection.model("User", userSchema),
    School: connection.model("School", schoolSchema),
    Guardianship: connection.model("Guardianship", guardianshipSchema),
    Invite: connection.model("Invite", inviteSchema),
    Trial: connection.model("Trial", trialSchema),
    Registration: connection.model("Registration", registrationSchema),
    Consent: connection.model("Consent", consentSchema),
    QuestionnaireResult: connection.model("QuestionnaireResult", questionnaireResultSchema),
    Reflection: connection.model("Reflection", reflectionSchema),
    Notification: connection.model("Notification", notificationSchema),
    Broadcast: connection.model("Broadcast", broadcastSchema),
    AuditLog: connection.model("AuditLog", auditLogSchema),
    Lease: connection.model("Lease", leaseSchema),
  };
}

export type Models = ReturnType<typeof createModels>;

/** Creates every declared index; run once at start-up (autoIndex is off). */
export async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) {
    await model.createIndexes();
  }
}
