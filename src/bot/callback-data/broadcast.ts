import { z } from "zod";
import { checkClassLetter } from "../../domain/profile.js";
import { defineCallbackData, objectIdField } from "./factory.js";

/** Buttons of the broadcast dialog; each step accepts only its own. */
export const broadcastRolesData = defineCallbackData("bc-aud", { who: z.enum(["students", "guardians", "both"]) });
export const broadcastScopeData = defineCallbackData("bc-scope", { scope: z.enum(["school", "grade", "class", "trial"]) });
export const broadcastGradeData = defineCallbackData("bc-grade", { grade: z.coerce.number().int().min(5).max(11) });
export const broadcastClassData = defineCallbackData("bc-class", {
  grade: z.coerce.number().int().min(5).max(11),
  letter: z.string().refine((letter) => checkClassLetter(letter) === letter),
});
export const broadcastTrialData = defineCallbackData("bc-trial", { trial: objectIdField });
export const broadcastCountData = defineCallbackData("bc-count", { choice: z.enum(["ok", "change"]) });
export const broadcastWhenData = defineCallbackData("bc-when", { choice: z.enum(["now", "at", "cron", "edit", "cancel"]) });
export const broadcastConfirmData = defineCallbackData("bc-ok", { choice: z.enum(["yes", "change", "cancel"]) });

/** Outside the dialog: the school's broadcasts, one broadcast's card (also its 🔄 refresh), and cancelling one. */
export const broadcastListData = defineCallbackData("bc-list", {});
export const broadcastOpenData = defineCallbackData("bc-open", { broadcast: objectIdField });
export const broadcastCancelData = defineCallbackData("bc-cx", { action: z.enum(["ask", "yes"]), broadcast: objectIdField });
