/** The payload format is pure (zod only) and lives in domain, so services can put buttons on outbox messages. */
export { CALLBACK_VERSION, defineCallbackData, objectIdField } from "../../domain/callback-data.js";
