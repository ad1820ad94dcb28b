import { z } from "zod";
import { defineCallbackData } from "./callback-data.js";

/**
 * Main-menu buttons; each action is handled by the feature that owns it. In the domain so that
 * services can put a menu button on an outbox message (e.g. "My trials" under a notice).
 */
export const MENU_ACTIONS = [
  "home",
  "questionnaire",
  "results",
  "portfolio",
  "trials",
  "my-trials",
  "invite-parent",
  "my-parents",
  "consents",
  "my-children",
  "enter-code",
  "school-trials",
  "new-trial",
  "broadcast",
  "my-broadcasts",
  "reports",
  "admin",
  "language",
  "privacy",
] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

export const menuData = defineCallbackData("menu", { action: z.enum(MENU_ACTIONS) });
