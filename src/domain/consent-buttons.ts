/**
 * Buttons of consent messages. The outbox puts them on the informed-consent request and its
 * reminders; the bot's consent feature answers them. Each carries the registration or child it
 * is about, and the service re-checks the guardian's link on every tap.
 */
import { z } from "zod";
import { defineCallbackData, objectIdField } from "./callback-data.js";

/** Participation in one trial: agree or refuse (on the request, its reminders and /consents). */
export const consentDecisionData = defineCallbackData("cs-p", { registration: objectIdField, decision: z.enum(["granted", "refused"]) });
/** The standing photo/video answer for a child. */
export const consentPhotoData = defineCallbackData("cs-ph", { student: objectIdField, scope: z.enum(["publish", "portfolio", "forbidden"]) });
/** Withdrawing a participation consent: ask, then confirm (two taps). */
export const consentWithdrawData = defineCallbackData("cs-wd", { registration: objectIdField, step: z.enum(["ask", "yes"]) });
/** Withdrawing the photo/video answer (it then reads as forbidden): ask, then confirm. */
export const consentPhotoWithdrawData = defineCallbackData("cs-phw", { student: objectIdField, step: z.enum(["ask", "yes"]) });
/** Adding a health note to a participation consent. */
export const consentHealthData = defineCallbackData("cs-hn", { registration: objectIdField });
/** Shows a request again with its decision buttons (from /consents or a reminder). */
export const consentOpenData = defineCallbackData("cs-open", { registration: objectIdField });
/** /consents itself, e.g. from a notice's button. */
export const consentsListData = defineCallbackData("cs-list", {});
