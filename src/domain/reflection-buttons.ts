/**
 * Buttons of the reflections (issue 9): "Start" on the prompts the outbox sends, and the
 * answers inside the dialogs. An answer carries its question id, so a button left over from an
 * earlier question reads as out of date instead of answering the current one.
 */
import { z } from "zod";
import { defineCallbackData, objectIdField } from "./callback-data.js";

/** "Start" on an "after" or "trace" prompt: opens that reflection for the registration. */
export const reflectionStartData = defineCallbackData("rf-go", { registration: objectIdField, phase: z.enum(["after", "trace"]) });

export const REFLECTION_BUTTON_VALUES = ["skip", "yes", "no", "unsure", "1", "2", "3", "4", "5", "none"] as const;
export type ReflectionButtonValue = (typeof REFLECTION_BUTTON_VALUES)[number];

/** An answer button inside a reflection dialog: the question it answers and the value. */
export const reflectionAnswerData = defineCallbackData("rf-a", { q: z.string().regex(/^[A-Za-z]{1,20}$/), v: z.enum(REFLECTION_BUTTON_VALUES) });
