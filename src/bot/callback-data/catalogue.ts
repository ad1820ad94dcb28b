import { z } from "zod";
import { defineCallbackData, objectIdField } from "./factory.js";

const pageField = z.coerce.number().int().min(0).max(99);

/** The pupil's catalogue of trials, one page of it. */
export const cataloguePageData = defineCallbackData("cat-page", { page: pageField });
/**
 * A trial's card for a pupil, replacing the list it was opened from: `back` leads to the catalogue
 * (at `page`) or to "My trials"; "n" opens it as a new message (from the questionnaire's result),
 * with "back" to the catalogue. The service decides what the pupil may see, so a forged id only
 * reaches "not found".
 */
export const trialCardData = defineCallbackData("cat-open", { trial: objectIdField, back: z.enum(["c", "m", "n"]), page: pageField });
/** "My trials" from a card: replaces the card with the list. */
export const myTrialsData = defineCallbackData("cat-mine", {});
/** "✍️ Sign up" / "Join the waiting list" on a card: enters the sign-up dialog. */
export const signUpData = defineCallbackData("cat-sign", { trial: objectIdField });
/** "✖️ Cancel my sign-up" (ask), then "Yes, cancel" (yes). */
export const cancelSignUpData = defineCallbackData("cat-cx", { action: z.enum(["ask", "yes"]), registration: objectIdField });
/** Inside the sign-up dialog: interest right now, 1–5; tied to the trial so a button of another sign-up is stale. */
export const signUpInterestData = defineCallbackData("su-int", { trial: objectIdField, value: z.coerce.number().int().min(1).max(5) });

/** `/start trial-<id>`: a link that opens a trial's card (a teacher can share it). */
export const TRIAL_PAYLOAD_PREFIX = "trial-";

export function trialPayload(trialId: string): string {
  return `${TRIAL_PAYLOAD_PREFIX}${trialId}`;
}

/** The trial id of a `/start` payload, if it is a trial link at all and well formed. */
export function trialIdFromPayload(payload: string): string | undefined {
  const match = /^trial-([0-9a-f]{24})$/.exec(payload.trim().toLowerCase());
  return match?.[1];
}
