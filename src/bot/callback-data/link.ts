import { z } from "zod";
import { defineCallbackData } from "./factory.js";

/** Buttons of the linking dialogs: is this your child, the personal-data decision, joining a school as teacher. */
export const childConfirmData = defineCallbackData("ln-child", { answer: z.enum(["yes", "no"]) });
export const personalDataDecisionData = defineCallbackData("ln-pd", { decision: z.enum(["granted", "refused"]) });
export const teacherJoinData = defineCallbackData("ln-teacher", { answer: z.enum(["yes", "no"]) });
