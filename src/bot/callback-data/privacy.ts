import { z } from "zod";
import { defineCallbackData, objectIdField } from "./factory.js";

export const DELETE_ACTIONS = ["confirm", "keep"] as const;

/**
 * The /delete confirmation. `user` names the account the question was put to and `at` when
 * (seconds, base 36). Neither can make one person delete another: the handler acts only on
 * the sender's own account, and a button whose `user` is not the sender, or which is too old,
 * is refused as out of date.
 */
export const deleteAccountData = defineCallbackData("priv-del", {
  action: z.enum(DELETE_ACTIONS),
  user: objectIdField,
  at: z.string().regex(/^[0-9a-z]{1,8}$/),
});

/** `at` as it travels in the button. */
export const packIssuedAt = (date: Date): string => Math.floor(date.getTime() / 1000).toString(36);
export const unpackIssuedAt = (at: string): Date => new Date(parseInt(at, 36) * 1000);
