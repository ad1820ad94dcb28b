import { z } from "zod";
import { LOCALES } from "../../db/models/user.js";
import { defineCallbackData, objectIdField } from "./factory.js";

/** Buttons of the onboarding dialog. Each step accepts only its own. */
export const roleData = defineCallbackData("ob-role", { role: z.enum(["student", "guardian"]) });
export const schoolData = defineCallbackData("ob-school", { id: objectIdField });
export const schoolSearchAgainData = defineCallbackData("ob-school-again", {});
export const gradeData = defineCallbackData("ob-grade", { grade: z.coerce.number().int().min(5).max(11) });
export const confirmProfileData = defineCallbackData("ob-confirm", {
  field: z.enum(["ok", "firstName", "lastName", "school", "grade", "classLetter"]),
});
export const laterData = defineCallbackData("ob-later", {});
export const onboardingLanguageData = defineCallbackData("ob-lang", { locale: z.enum(LOCALES) });
