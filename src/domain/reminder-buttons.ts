/**
 * Buttons of the pupil's 24-hour reminder (the direction sheet): "I'm coming" and "I can't come",
 * then the confirmation of "I can't come". The bot re-checks on every tap that the registration
 * is the tapping pupil's own and still active.
 */
import { z } from "zod";
import { defineCallbackData, objectIdField } from "./callback-data.js";

/** `coming`: acknowledged; `cant`: asks to confirm; `cant-yes`: cancels the registration; `cant-no`: "I'll come after all". */
export const reminderReplyData = defineCallbackData("rm", { registration: objectIdField, answer: z.enum(["coming", "cant", "cant-yes", "cant-no"]) });
