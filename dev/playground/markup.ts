import type { ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";
import { badRequest } from "./bot-api-error.js";
import { normaliseUrl } from "./formatting.js";

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

const INLINE_ACTIONS = ["url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay"] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function inlineButton(raw: unknown): InlineKeyboardButton {
  if (!isObject(raw)) throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  if (typeof raw.text !== "string") throw badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
  if (raw.text.trim() === "") throw badRequest("BUTTON_TEXT_EMPTY");
  const actions = INLINE_ACTIONS.filter((action) => raw[action] !== undefined);
  if (actions.length === 0) throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  if (raw.callback_data !== undefined) {
    const data = String(raw.callback_data);
    const bytes = Buffer.byteLength(data, "utf8");
    if (bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
  }
  if (raw.url !== undefined && !normaliseUrl(String(raw.url))) throw badRequest(`inline keyboard button URL '${String(raw.url)}' is invalid: Wrong HTTP URL`);
  return raw as unknown as InlineKeyboardButton;
}

function keyboardButton(raw: unknown): KeyboardButton {
  if (typeof raw === "string") return { text: raw };
  if (!isObject(raw) || typeof raw.text !== "string") throw badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object");
  if (raw.text.trim() === "") throw badRequest("BUTTON_TEXT_EMPTY");
  return raw as unknown as KeyboardButton;
}

function rows<T>(raw: unknown, field: string, button: (raw: unknown) => T): T[][] {
  if (!Array.isArray(raw)) throw badRequest(`can't parse reply keyboard markup JSON object: Field "${field}" must be an Array`);
  return raw.map((row: unknown) => {
    if (!Array.isArray(row)) throw badRequest(`can't parse reply keyboard markup JSON object: Field "${field}" must be an Array of Arrays`);
    return row.map(button);
  });
}

/** Validates `reply_markup` (an object, or JSON text in forms and multipart) the way Telegram does. */
export function parseReplyMarkup(raw: unknown): ReplyMarkup | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  let value = raw;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      throw badRequest("can't parse reply keyboard markup JSON object");
    }
  }
  if (!isObject(value)) throw badRequest("can't parse reply keyboard markup JSON object");
  if (value.inline_keyboard !== undefined) {
    const keyboard = rows(value.inline_keyboard, "inline_keyboard", inlineButton).filter((row) => row.length > 0);
    if (keyboard.flat().length > 100) throw badRequest("reply markup is too long");
    return { inline_keyboard: keyboard };
  }
  if (value.keyboard !== undefined) {
    const keyboard = rows(value.keyboard, "keyboard", keyboardButton).filter((row) => row.length > 0);
    return { ...(value as object), keyboard } as ReplyKeyboardMarkup;
  }
  if (value.remove_keyboard === true) return { remove_keyboard: true, ...(value.selective ? { selective: true } : {}) };
  if (value.force_reply === true) return value as unknown as ForceReply;
  throw badRequest("can't find field \"inline_keyboard\"");
}

export const isInlineKeyboard = (markup: ReplyMarkup | undefined): markup is InlineKeyboardMarkup => markup !== undefined && "inline_keyboard" in markup;
