import { z } from "zod";
import { defineCallbackData, objectIdField } from "./factory.js";

const instrumentField = z.string().regex(/^[a-z0-9_-]{1,20}$/);
const indexField = z.coerce.number().int().min(0).max(999);

/** An answer to item `i` of run `run`; the index makes a double tap or an older item's button stale. */
export const itemAnswerData = defineCallbackData("qa", { run: objectIdField, i: indexField, v: z.coerce.number().int().min(0).max(99) });
/** "Back" from item `i` of run `run`. */
export const itemBackData = defineCallbackData("qb", { run: objectIdField, i: indexField });
/** The picker: take this questionnaire. */
export const pickInstrumentData = defineCallbackData("qpick", { instrument: instrumentField });
/** A run in progress: go on from where it stopped, or start over. */
export const resumeRunData = defineCallbackData("qresume", { instrument: instrumentField, action: z.enum(["continue", "restart"]) });
/** "What would you like to try?": one scale's directions. */
export const tryScaleData = defineCallbackData("qtry", { instrument: instrumentField, scale: z.string().regex(/^[A-Za-z0-9]{1,20}$/) });
/** /results: open one completed result again. */
export const openResultData = defineCallbackData("qres", { id: objectIdField });
