import { defineCallbackData, objectIdField } from "./factory.js";

/** Buttons of the guardian's consent screens that only the bot puts on messages (the rest are in domain/consent-buttons.ts). */

/** "📷 Change the photo answer" on /consents: the photo question again, with its three buttons. */
export const consentPhotoAskData = defineCallbackData("cs-pha", { student: objectIdField });
/** "Skip" under the health-note question. */
export const consentHealthSkipData = defineCallbackData("cs-hns", { registration: objectIdField });
