import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context, LazySessionFlavor } from "grammy";
import type { Connection } from "mongoose";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Models } from "../db/models/index.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services/index.js";
import type { UserView } from "../services/users.js";
import type { Background } from "./background.js";

/** Everything the bot needs from the outside world, handed in by the composition root. */
export interface BotDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  connection: Connection;
  models: Models;
  services: Services;
}

/** Small per-chat UI state; durable data lives in its own collections. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SessionData {}

interface BagdarExtras {
  deps: BotDeps;
  logger: Logger;
  /** The stored user behind this update; null for someone who has never chosen a language. */
  user: UserView | null;
  /** Work started once the update is handled, such as drawing a result card's chart. */
  background: Background;
}

/** The context inside a conversation: conversations v2 builds it afresh, with the plugins we install there. */
export type SceneContext = Context & I18nFlavor & BagdarExtras;

/** The context of ordinary handlers. */
export type BagdarContext = ConversationFlavor<Context & I18nFlavor & LazySessionFlavor<SessionData> & BagdarExtras>;

export type BagdarConversation = Conversation<BagdarContext, SceneContext>;
