import { z } from "zod";
import { RIASEC_LETTERS } from "../../db/models/common.js";
import { TRIAL_FORMATS, TRIAL_KINDS } from "../../db/models/trial.js";
import { defineCallbackData, objectIdField } from "./factory.js";

/** Fields of a trial a teacher can pick to change, in the order of the create dialog. */
export const TRIAL_FIELDS = [
  "kind",
  "format",
  "title",
  "description",
  "directions",
  "organisation",
  "address",
  "onlineLink",
  "transport",
  "mentor",
  "escort",
  "times",
  "capacity",
  "grades",
  "schools",
  "bring",
  "clothing",
  "ppe",
  "health",
  "risks",
  "deadlines",
] as const;
export type TrialField = (typeof TRIAL_FIELDS)[number];

/** The optional texts a teacher may skip (or clear later). */
export const SKIPPABLE_FIELDS = ["transport", "escort", "bring", "clothing", "ppe", "health", "risks"] as const;

const grade = z.coerce.number().int().min(5).max(11);

/** Buttons of the create and edit dialogs; each question accepts only its own, and only on its own message. */
export const trialKindData = defineCallbackData("tnew-kind", { kind: z.enum(TRIAL_KINDS) });
export const trialFormatData = defineCallbackData("tnew-fmt", { format: z.enum(TRIAL_FORMATS) });
export const trialDirectionData = defineCallbackData("tnew-dir", { letter: z.enum([...RIASEC_LETTERS, "done"]) });
export const trialSchoolData = defineCallbackData("tnew-sch", { school: objectIdField });
export const trialSchoolsData = defineCallbackData("tnew-schs", { action: z.enum(["only", "done", "page"]), page: z.coerce.number().int().min(0).max(20) });
export const trialSkipData = defineCallbackData("tnew-skip", { field: z.enum(SKIPPABLE_FIELDS) });
export const trialKeepData = defineCallbackData("tnew-keep", {});
export const trialGradesData = defineCallbackData("tnew-gr", { min: grade, max: grade });
export const trialDeadlinesData = defineCallbackData("tnew-dl", { choice: z.enum(["default", "consent-default"]) });
export const trialPreviewData = defineCallbackData("tnew-pv", { choice: z.enum(["publish", "draft", "change", "cancel", "save"]) });
export const trialFieldData = defineCallbackData("tnew-fld", { field: z.enum([...TRIAL_FIELDS, "back"]) });

/** Outside the dialogs: the school's list, a trial's card and what the card's buttons do. */
export const trialListData = defineCallbackData("tmg-list", {});
export const trialOpenData = defineCallbackData("tmg-open", { trial: objectIdField });
export const trialActionData = defineCallbackData("tmg-act", { action: z.enum(["edit", "copy", "publish", "cancel", "cancel-yes"]), trial: objectIdField });
