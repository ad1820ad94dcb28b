import { createHash, randomBytes } from "node:crypto";
import type http from "node:http";
import type {
  BotCommand,
  Document,
  InlineKeyboardMarkup,
  LinkPreviewOptions,
  MessageEntity,
  PhotoSize,
  ReplyKeyboardMarkup,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";
import { BotApiError, badRequest, conflict, forbidden, notFound, unauthorized } from "./bot-api-error.js";
import { detectEntities, formatText } from "./formatting.js";
import { isInlineKeyboard, parseReplyMarkup, type ReplyMarkup } from "./markup.js";
import { mimeTypeOf, sniffImage } from "./media.js";
import { parseMultipart } from "./multipart.js";

/** A person on the Telegram side: one of the page's personas. */
export interface EmulatedUser {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  /** Telegram's interface language; picks the command menu and the bot's first guess. */
  languageCode?: string;
}

/** A message as Telegram returns it to the bot (and as the page renders it). */
export interface EmulatedMessage {
  message_id: number;
  from: User;
  chat: { id: number; type: "private"; first_name: string; last_name?: string; username?: string };
  date: number;
  edit_date?: number;
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  caption_entities?: MessageEntity[];
  photo?: PhotoSize[];
  document?: Document;
  reply_markup?: InlineKeyboardMarkup;
  reply_to_message?: EmulatedMessage;
  link_preview_options?: LinkPreviewOptions;
  has_protected_content?: true;
}

/** What a chat pane shows, in order: messages, and forwards a persona received from another persona (outside the bot chat). */
export type TimelineEntry =
  | { seq: number; kind: "message"; message: EmulatedMessage; keyboard?: Exclude<ReplyMarkup, InlineKeyboardMarkup> }
  | { seq: number; kind: "forward"; message: EmulatedMessage; fromUserId: number; fromName: string };

export type EmulatorEvent =
  | { type: "entry"; chatId: number; entry: TimelineEntry }
  | { type: "edit"; chatId: number; message: EmulatedMessage }
  | { type: "delete"; chatId: number; messageIds: number[] }
  | { type: "action"; chatId: number; action: string }
  | { type: "callback-answer"; chatId: number; queryId: string; text?: string; showAlert: boolean; url?: string }
  | { type: "blocked"; chatId: number; blocked: boolean }
  | { type: "commands" }
  | { type: "users" }
  | { type: "reset" };

export interface ChatSnapshot {
  user: EmulatedUser;
  blocked: boolean;
  timeline: TimelineEntry[];
  /** The reply keyboard the chat shows under the input field, if any. */
  replyKeyboard: ReplyKeyboardMarkup | undefined;
}

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  filePath: string;
  fileName?: string;
  mimeType: string;
  bytes: Buffer;
}

interface ChatState {
  user: EmulatedUser;
  blocked: boolean;
  timeline: TimelineEntry[];
  messages: Map<number, EmulatedMessage>;
  nextMessageId: number;
  replyKeyboard: ReplyKeyboardMarkup | undefined;
}

/** A file part of a multipart upload. */
class Upload {
  constructor(
    readonly fileName: string,
    readonly bytes: Buffer,
  ) {}
}

/** Thrown for something the page asked that Telegram's client would not allow (a button that is not there). */
export class EmulatorUsageError extends Error {
  override name = "EmulatorUsageError";
}

type Params = Record<string, unknown>;

export interface EmulatorOptions {
  /** The token the bot must use; anything else is 401. */
  token: string;
  botFirstName?: string;
  botUsername?: string;
  /** The app's clock, so message dates follow the playground's time control. */
  now?: () => Date;
  users?: EmulatedUser[];
}

/** Update types Telegram sends when `allowed_updates` was never given or is empty. */
const DEFAULT_EXCLUDED_UPDATES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);
const CHAT_ACTIONS = new Set([
  "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
  "choose_sticker", "find_location", "record_video_note", "upload_video_note",
]);
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
const DELETE_WINDOW_SECONDS = 48 * 60 * 60;
const NOT_MODIFIED = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A local Telegram Bot API: the unchanged bot talks to it over HTTP through TELEGRAM_API_ROOT,
 * and the playground page acts as the people on the other side. Everything is in memory.
 */
export class BotApiEmulator {
  readonly token: string;
  readonly bot: UserFromGetMe;
  readonly #now: () => Date;
  #users = new Map<number, EmulatedUser>();
  #chats = new Map<number, ChatState>();
  #files = new Map<string, StoredFile>();
  #commands = new Map<string, BotCommand[]>();
  #callbackQueries = new Map<string, { chatId: number; answered: boolean }>();
  #listeners = new Set<(event: EmulatorEvent) => void>();
  #failures: Array<{ method: string; error: BotApiError }> = [];

  #pending: Update[] = [];
  #nextUpdateId = 1;
  #allowedUpdates: string[] = [];
  #poll: { wake: (error?: BotApiError) => void } | undefined;
  #webhook: { url: string; secretToken?: string; allowedUpdates?: string[] } | undefined;
  #seq = 1;
  #nextFile = 1;

  constructor(options: EmulatorOptions) {
    this.token = options.token;
    const botId = Number(/^(\d+):/.exec(options.token)?.[1] ?? 1);
    this.bot = {
      id: botId,
      is_bot: true,
      first_name: options.botFirstName ?? "Bagdar",
      username: options.botUsername ?? "bagdar_playground_bot",
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    } as UserFromGetMe;
    this.#now = options.now ?? (() => new Date());
    for (const user of options.users ?? []) this.#addUser(user);
  }

  // ── The page's side: people using Telegram ───────────────────────────────────────────

  on(listener: (event: EmulatorEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  addUser(user: EmulatedUser): void {
    this.#addUser(user);
    this.#emit({ type: "users" });
  }

  #addUser(user: EmulatedUser): void {
    this.#users.set(user.id, { ...user });
    const chat = this.#chats.get(user.id);
    if (chat) chat.user = { ...user };
    else this.#chats.set(user.id, { user: { ...user }, blocked: false, timeline: [], messages: new Map(), nextMessageId: 1, replyKeyboard: undefined });
  }

  get users(): EmulatedUser[] {
    return [...this.#users.values()];
  }

  user(id: number): EmulatedUser | undefined {
    return this.#users.get(id);
  }

  isBlocked(userId: number): boolean {
    return this.#chats.get(userId)?.blocked ?? false;
  }

  chat(userId: number): ChatSnapshot {
    const chat = this.#chatOf(userId);
    return { user: chat.user, blocked: chat.blocked, timeline: [...chat.timeline], replyKeyboard: chat.replyKeyboard };
  }

  /** The bot's command menu as this person's Telegram app shows it: their language's list, else the default one. */
  commandsFor(languageCode: string | undefined): BotCommand[] {
    return this.#commands.get(`default:${languageCode ?? ""}`) ?? this.#commands.get("default:") ?? [];
  }

  file(fileId: string): StoredFile | undefined {
    return this.#files.get(fileId);
  }

  /** The person types and sends a message; /commands, links and @mentions get their entities as in Telegram. */
  sendText(userId: number, text: string, options: { replyToMessageId?: number } = {}): EmulatedMessage {
    const chat = this.#chatOf(userId);
    const trimmed = text.trim();
    if (trimmed === "") throw new EmulatorUsageError("an empty message cannot be sent");
    if (trimmed.length > 4096) throw new EmulatorUsageError("a message is at most 4096 characters");
    const entities = detectEntities(trimmed, []);
    const message = this.#userMessage(chat, { text: trimmed, ...(entities.length ? { entities } : {}) }, options.replyToMessageId);
    return message;
  }

  /** The person sends a picture (as a photo) or any other file (as a document). */
  sendFile(userId: number, file: { fileName: string; bytes: Buffer; caption?: string }): EmulatedMessage {
    const chat = this.#chatOf(userId);
    if (file.bytes.length === 0) throw new EmulatorUsageError("the file is empty");
    const caption = file.caption?.trim();
    const captionPart = caption ? { caption, ...this.#captionEntities(caption) } : {};
    const image = sniffImage(file.bytes);
    const stored = this.#storeFile(file.bytes, image ? "photos" : "documents", file.fileName, image?.mimeType);
    if (image) {
      return this.#userMessage(chat, { photo: this.#photoSizes(stored, image.width, image.height), ...captionPart });
    }
    return this.#userMessage(chat, { document: this.#document(stored), ...captionPart });
  }

  /** The person taps an inline button; returns the callback query id the bot must answer. */
  tap(userId: number, messageId: number, data: string): string {
    const chat = this.#chatOf(userId);
    const message = chat.messages.get(messageId);
    if (!message) throw new EmulatorUsageError(`message ${messageId} is not in this chat`);
    const button = message.reply_markup?.inline_keyboard.flat().find((b) => "callback_data" in b && b.callback_data === data);
    if (!button) throw new EmulatorUsageError("that message has no such button");
    if (chat.blocked) this.setBlocked(userId, false);
    const id = BigInt(`0x${randomBytes(8).toString("hex")}`).toString();
    this.#callbackQueries.set(id, { chatId: chat.user.id, answered: false });
    this.#push({
      callback_query: {
        id,
        from: this.#userObject(chat.user),
        message: structuredClone(message),
        chat_instance: createHash("sha1").update(`${this.bot.id}:${chat.user.id}`).digest("hex").slice(0, 16),
        data,
      },
    } as Omit<Update, "update_id">);
    return id;
  }

  /** The person blocks (or restarts) the bot: Telegram tells the bot with a my_chat_member update. */
  setBlocked(userId: number, blocked: boolean): void {
    const chat = this.#chatOf(userId);
    if (chat.blocked === blocked) return;
    chat.blocked = blocked;
    const member = (status: "member" | "kicked") => ({ user: this.bot, status, ...(status === "kicked" ? { until_date: 0 } : {}) });
    this.#push({
      my_chat_member: {
        chat: this.#chatObject(chat.user),
        from: this.#userObject(chat.user),
        date: this.#unixNow(),
        old_chat_member: member(blocked ? "member" : "kicked"),
        new_chat_member: member(blocked ? "kicked" : "member"),
      },
    } as Omit<Update, "update_id">);
    this.#emit({ type: "blocked", chatId: userId, blocked });
  }

  /**
   * A forward from one person to another, outside the bot chat (as a pupil forwards the invite
   * to a parent's private chat). The bot never sees it; the receiver can open its links.
   */
  forward(fromUserId: number, messageId: number, toUserId: number): TimelineEntry {
    const from = this.#chatOf(fromUserId);
    const to = this.#chatOf(toUserId);
    const message = from.messages.get(messageId);
    if (!message) throw new EmulatorUsageError(`message ${messageId} is not in this chat`);
    if (message.has_protected_content) throw new EmulatorUsageError("the bot protected this message from forwarding");
    const entry: TimelineEntry = {
      seq: this.#seq++,
      kind: "forward",
      message: structuredClone(message),
      fromUserId,
      fromName: [from.user.firstName, from.user.lastName].filter(Boolean).join(" "),
    };
    to.timeline.push(entry);
    this.#emit({ type: "entry", chatId: toUserId, entry });
    return entry;
  }

  /** The next call of `method` fails with this error (tests of the bot's error handling). */
  failNext(method: string, error: BotApiError): void {
    this.#failures.push({ method: method.toLowerCase(), error });
  }

  /** Forgets every chat, file and command menu and starts over with these people; update ids keep counting. */
  reset(users: EmulatedUser[]): void {
    this.#users.clear();
    this.#chats.clear();
    this.#files.clear();
    this.#callbackQueries.clear();
    this.#pending = [];
    for (const user of users) this.#addUser(user);
    this.#emit({ type: "reset" });
  }

  // ── The bot's side: the Bot API over HTTP ─────────────────────────────────────────────

  /** Serves `/bot<token>/<method>` and `/file/bot<token>/<path>`. */
  readonly handleHttp = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    void this.#handleHttp(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` }));
    });
  };

  async #handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const reply = (status: number, body: unknown) => {
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };

    const fileRoute = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileRoute && req.method === "GET") {
      if (fileRoute[1] !== this.token) return reply(401, unauthorized().toJSON());
      const path = decodeURIComponent(fileRoute[2]!);
      const file = [...this.#files.values()].find((f) => f.filePath === path);
      if (!file) return reply(404, notFound().toJSON());
      res.writeHead(200, { "content-type": file.mimeType, "content-length": file.bytes.length }).end(file.bytes);
      return;
    }

    const apiRoute = /^\/bot([^/]*)\/([A-Za-z0-9_]*)$/.exec(url.pathname);
    if (!apiRoute) return reply(404, notFound().toJSON());
    if (apiRoute[1] !== this.token) return reply(401, unauthorized().toJSON());
    let params: Params;
    try {
      params = await readParams(req, url);
    } catch (error) {
      return reply(400, (error instanceof BotApiError ? error : badRequest(String((error as Error).message))).toJSON());
    }
    // A client that hangs up (the bot stopping mid long-poll) ends its own wait, nobody else's.
    const hangUp = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) hangUp.abort();
    });
    try {
      const result = await this.call(apiRoute[2]!, params, hangUp.signal);
      reply(200, { ok: true, result });
    } catch (error) {
      if (error instanceof BotApiError) return reply(error.errorCode, error.toJSON());
      throw error;
    }
  }

  /** One Bot API method, by its (case-insensitive) name. */
  async call(methodName: string, params: Params, signal?: AbortSignal): Promise<unknown> {
    const method = methodName.toLowerCase();
    const failure = this.#failures.findIndex((f) => f.method === method);
    if (failure >= 0) throw this.#failures.splice(failure, 1)[0]!.error;
    switch (method) {
      case "getme":
        return this.bot;
      case "logout":
      case "close":
        return true;
      case "getupdates":
        return this.#getUpdates(params, signal);
      case "setwebhook":
        return this.#setWebhook(params);
      case "deletewebhook":
        this.#webhook = undefined;
        if (bool(params.drop_pending_updates)) this.#pending = [];
        return true;
      case "getwebhookinfo":
        return {
          url: this.#webhook?.url ?? "",
          has_custom_certificate: false,
          pending_update_count: this.#pending.length,
          ...(this.#webhook?.allowedUpdates ? { allowed_updates: this.#webhook.allowedUpdates } : {}),
        };
      case "setmycommands":
        return this.#setMyCommands(params);
      case "getmycommands":
        return this.#commands.get(commandsKey(params)) ?? [];
      case "deletemycommands":
        this.#commands.delete(commandsKey(params));
        this.#emit({ type: "commands" });
        return true;
      case "getchat": {
        const chat = this.#chatFor(params.chat_id, { ignoreBlock: true });
        return { ...this.#chatObject(chat.user), accent_color_id: 0, max_reaction_count: 11 };
      }
      case "sendmessage":
        return this.#sendMessage(params);
      case "sendphoto":
        return this.#sendMedia(params, "photo");
      case "senddocument":
        return this.#sendMedia(params, "document");
      case "editmessagetext":
        return this.#editText(params);
      case "editmessagecaption":
        return this.#editCaption(params);
      case "editmessagereplymarkup":
        return this.#editReplyMarkup(params);
      case "deletemessage":
        return this.#deleteMessages(params.chat_id, [params.message_id], "message to delete not found");
      case "deletemessages": {
        const ids = jsonValue(params.message_ids);
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) throw badRequest("message identifiers are not specified");
        return this.#deleteMessages(params.chat_id, ids, undefined);
      }
      case "answercallbackquery":
        return this.#answerCallbackQuery(params);
      case "sendchataction": {
        const chat = this.#chatFor(params.chat_id);
        const action = String(params.action ?? "");
        if (!CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
        this.#emit({ type: "action", chatId: chat.user.id, action });
        return true;
      }
      case "getfile": {
        const file = this.#files.get(String(params.file_id ?? ""));
        if (!file) throw badRequest("invalid file_id");
        if (file.bytes.length > MAX_DOWNLOAD_BYTES) throw badRequest("file is too big");
        return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.bytes.length, file_path: file.filePath };
      }
      default:
        throw notFound();
    }
  }

  // ── Updates ───────────────────────────────────────────────────────────────────────────

  #push(update: Omit<Update, "update_id">): void {
    const type = Object.keys(update)[0]!;
    const allowed = this.#webhook?.allowedUpdates ?? this.#allowedUpdates;
    if (allowed.length > 0 ? !allowed.includes(type) : DEFAULT_EXCLUDED_UPDATES.has(type)) return;
    this.#pending.push({ update_id: this.#nextUpdateId++, ...update } as Update);
    this.#poll?.wake();
  }

  async #getUpdates(params: Params, signal: AbortSignal | undefined): Promise<Update[]> {
    if (this.#webhook) throw conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = int(params.offset) ?? 0;
    const limit = Math.min(100, Math.max(1, int(params.limit) ?? 100));
    const timeout = Math.max(0, int(params.timeout) ?? 0);
    if (params.allowed_updates !== undefined) {
      const allowed = jsonValue(params.allowed_updates);
      if (!Array.isArray(allowed)) throw badRequest("can't parse allowed_updates JSON array");
      this.#allowedUpdates = allowed.map(String);
    }
    // A newer request ends an older one that is still waiting, as in Telegram.
    this.#poll?.wake(conflict("terminated by other getUpdates request; make sure that only one bot instance is running"));
    this.#confirm(offset);
    if (this.#pending.length === 0 && timeout > 0) {
      const error = await new Promise<BotApiError | undefined>((resolve) => {
        const timer = setTimeout(() => wake(), timeout * 1000);
        const poll = { wake: (e?: BotApiError) => wake(e) };
        const onAbort = () => wake();
        const wake = (e?: BotApiError) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          if (this.#poll === poll) this.#poll = undefined;
          resolve(e);
        };
        this.#poll = poll;
        signal?.addEventListener("abort", onAbort);
      });
      if (error) throw error;
      if (signal?.aborted) return [];
      this.#confirm(offset);
    }
    return this.#pending.slice(0, limit);
  }

  /** Updates below `offset` are confirmed and forgotten; a negative offset keeps only the last ones. */
  #confirm(offset: number): void {
    if (offset > 0) this.#pending = this.#pending.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.#pending = this.#pending.slice(offset);
  }

  #setWebhook(params: Params): true {
    const url = String(params.url ?? "").trim();
    if (url === "") {
      this.#webhook = undefined;
      return true;
    }
    if (!/^https?:\/\/[^\s/]+/.test(url)) throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    const secret = params.secret_token === undefined ? undefined : String(params.secret_token);
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw badRequest("bad webhook: secret token contains unallowed characters");
    const allowed = params.allowed_updates === undefined ? undefined : jsonValue(params.allowed_updates);
    this.#webhook = { url, ...(secret ? { secretToken: secret } : {}), ...(Array.isArray(allowed) ? { allowedUpdates: allowed.map(String) } : {}) };
    if (bool(params.drop_pending_updates)) this.#pending = [];
    this.#poll?.wake(conflict("terminated by setWebhook request"));
    return true;
  }

  #setMyCommands(params: Params): true {
    const commands = jsonValue(params.commands);
    if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON array");
    if (commands.length > 100) throw badRequest("too many commands");
    const list: BotCommand[] = commands.map((raw: unknown) => {
      if (!isObject(raw)) throw badRequest("can't parse BotCommand: BotCommand must be an Object");
      const command = String(raw.command ?? "").replace(/^\//, "");
      const description = String(raw.description ?? "").trim();
      if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest("BOT_COMMAND_INVALID");
      if (description.length < 1 || description.length > 256) throw badRequest("command description must be 1-256 characters");
      return { command, description };
    });
    const languageCode = String(params.language_code ?? "");
    if (languageCode !== "" && !/^[a-z]{2}$/.test(languageCode)) throw badRequest("LANG_CODE_INVALID");
    const key = commandsKey(params);
    if (list.length === 0) this.#commands.delete(key);
    else this.#commands.set(key, list);
    this.#emit({ type: "commands" });
    return true;
  }

  // ── Sending ───────────────────────────────────────────────────────────────────────────

  #sendMessage(params: Params): EmulatedMessage {
    const chat = this.#chatFor(params.chat_id);
    const formatted = formatText(params.text, { parseMode: params.parse_mode, entities: params.entities, kind: "text" });
    const preview = jsonValue(params.link_preview_options);
    return this.#botMessage(chat, params, {
      text: formatted.text,
      ...(formatted.entities.length ? { entities: formatted.entities } : {}),
      ...(isObject(preview) ? { link_preview_options: preview as LinkPreviewOptions } : {}),
    });
  }

  #sendMedia(params: Params, kind: "photo" | "document"): EmulatedMessage {
    const chat = this.#chatFor(params.chat_id);
    const caption = formatText(params.caption, { parseMode: params.parse_mode, entities: params.caption_entities, kind: "caption" });
    const captionPart = caption.text ? { caption: caption.text, ...(caption.entities.length ? { caption_entities: caption.entities } : {}) } : {};
    const input = params[kind];
    if (input === undefined || input === "") throw badRequest(`there is no ${kind} in the request`);
    let stored: StoredFile;
    if (input instanceof Upload) {
      if (input.bytes.length === 0) throw badRequest("file must be non-empty");
      if (input.bytes.length > MAX_UPLOAD_BYTES) throw new BotApiError(413, "Request Entity Too Large");
      const image = kind === "photo" ? sniffImage(input.bytes) : undefined;
      if (kind === "photo" && !image) throw badRequest("IMAGE_PROCESS_FAILED");
      stored = this.#storeFile(input.bytes, kind === "photo" ? "photos" : "documents", input.fileName, image?.mimeType);
    } else {
      const known = this.#files.get(String(input));
      if (!known) {
        throw badRequest(/^https?:\/\//.test(String(input)) ? "failed to get HTTP URL content" : "wrong file identifier/HTTP URL specified");
      }
      stored = known;
    }
    if (kind === "photo") {
      const image = sniffImage(stored.bytes);
      if (!image) throw badRequest("type of file mismatch");
      return this.#botMessage(chat, params, { photo: this.#photoSizes(stored, image.width, image.height), ...captionPart });
    }
    return this.#botMessage(chat, params, { document: this.#document(stored), ...captionPart });
  }

  #botMessage(chat: ChatState, params: Params, content: Partial<EmulatedMessage>): EmulatedMessage {
    const markup = parseReplyMarkup(params.reply_markup);
    const replyTo = this.#replyTarget(chat, params);
    const message: EmulatedMessage = {
      message_id: chat.nextMessageId++,
      from: this.#botUser(),
      chat: this.#chatObject(chat.user),
      date: this.#unixNow(),
      ...content,
      ...(isInlineKeyboard(markup) ? { reply_markup: markup } : {}),
      ...(replyTo ? { reply_to_message: replyTo } : {}),
      ...(bool(params.protect_content) ? { has_protected_content: true as const } : {}),
    };
    const keyboard = markup && !isInlineKeyboard(markup) ? markup : undefined;
    if (keyboard && "keyboard" in keyboard) chat.replyKeyboard = keyboard;
    if (keyboard && "remove_keyboard" in keyboard) chat.replyKeyboard = undefined;
    this.#append(chat, message, keyboard);
    return structuredClone(message);
  }

  #replyTarget(chat: ChatState, params: Params): EmulatedMessage | undefined {
    const reply = jsonValue(params.reply_parameters);
    const id = isObject(reply) ? int(reply.message_id) : int(params.reply_to_message_id);
    if (id === undefined) return undefined;
    const target = chat.messages.get(id);
    const allowMissing = isObject(reply) ? bool(reply.allow_sending_without_reply) : bool(params.allow_sending_without_reply);
    if (!target && !allowMissing) throw badRequest("message to be replied not found");
    if (!target) return undefined;
    const { reply_to_message: _nested, ...withoutNested } = target;
    return structuredClone(withoutNested);
  }

  // ── Editing and deleting ──────────────────────────────────────────────────────────────

  #editable(params: Params): { chat: ChatState; message: EmulatedMessage } {
    if (params.inline_message_id !== undefined) throw badRequest("MESSAGE_ID_INVALID");
    const chat = this.#chatFor(params.chat_id);
    const id = int(params.message_id);
    if (id === undefined) throw badRequest("message identifier is not specified");
    const message = chat.messages.get(id);
    if (!message) throw badRequest("message to edit not found");
    if (message.from.id !== this.bot.id) throw badRequest("message can't be edited");
    return { chat, message };
  }

  #inlineMarkup(params: Params): InlineKeyboardMarkup | undefined {
    const markup = parseReplyMarkup(params.reply_markup);
    if (markup && !isInlineKeyboard(markup)) throw badRequest("reply markup must be an InlineKeyboardMarkup");
    return markup && markup.inline_keyboard.length > 0 ? markup : undefined;
  }

  #editText(params: Params): EmulatedMessage {
    const { chat, message } = this.#editable(params);
    if (message.text === undefined) throw badRequest("there is no text in the message to edit");
    const formatted = formatText(params.text, { parseMode: params.parse_mode, entities: params.entities, kind: "text" });
    const markup = this.#inlineMarkup(params);
    const entities = formatted.entities.length ? formatted.entities : undefined;
    if (message.text === formatted.text && same(message.entities, entities) && same(message.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
    return this.#replace(chat, message, { text: formatted.text, entities, reply_markup: markup });
  }

  #editCaption(params: Params): EmulatedMessage {
    const { chat, message } = this.#editable(params);
    if (!message.photo && !message.document) throw badRequest("there is no caption in the message to edit");
    const formatted = formatText(params.caption, { parseMode: params.parse_mode, entities: params.caption_entities, kind: "caption" });
    const markup = this.#inlineMarkup(params);
    const caption = formatted.text || undefined;
    const entities = formatted.entities.length ? formatted.entities : undefined;
    if (message.caption === caption && same(message.caption_entities, entities) && same(message.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
    return this.#replace(chat, message, { caption, caption_entities: entities, reply_markup: markup });
  }

  #editReplyMarkup(params: Params): EmulatedMessage {
    const { chat, message } = this.#editable(params);
    const markup = this.#inlineMarkup(params);
    if (same(message.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
    return this.#replace(chat, message, { reply_markup: markup });
  }

  #replace(chat: ChatState, message: EmulatedMessage, changes: Partial<EmulatedMessage>): EmulatedMessage {
    const edited: EmulatedMessage = { ...message, edit_date: this.#unixNow() };
    for (const [key, value] of Object.entries(changes) as Array<[keyof EmulatedMessage, unknown]>) {
      if (value === undefined) delete edited[key];
      else (edited as unknown as Record<string, unknown>)[key] = value;
    }
    // A markup-only change is not an edit of the content: Telegram shows no "edited" mark.
    if (Object.keys(changes).length === 1 && "reply_markup" in changes) {
      if (message.edit_date === undefined) delete edited.edit_date;
      else edited.edit_date = message.edit_date;
    }
    chat.messages.set(message.message_id, edited);
    const index = chat.timeline.findIndex((e) => e.kind === "message" && e.message.message_id === message.message_id);
    if (index >= 0) chat.timeline[index] = { ...(chat.timeline[index] as Extract<TimelineEntry, { kind: "message" }>), message: edited };
    this.#emit({ type: "edit", chatId: chat.user.id, message: structuredClone(edited) });
    return structuredClone(edited);
  }

  #deleteMessages(rawChatId: unknown, rawIds: unknown[], notFoundError: string | undefined): true {
    const chat = this.#chatFor(rawChatId, { ignoreBlock: true });
    const deleted: number[] = [];
    for (const rawId of rawIds) {
      const id = int(rawId);
      if (id === undefined) throw badRequest("message identifier is not specified");
      const message = chat.messages.get(id);
      if (!message) {
        if (notFoundError) throw badRequest(notFoundError);
        continue;
      }
      if (this.#unixNow() - message.date > DELETE_WINDOW_SECONDS) {
        if (notFoundError) throw badRequest("message can't be deleted for everyone");
        continue;
      }
      chat.messages.delete(id);
      chat.timeline = chat.timeline.filter((e) => !(e.kind === "message" && e.message.message_id === id));
      deleted.push(id);
    }
    if (deleted.length) this.#emit({ type: "delete", chatId: chat.user.id, messageIds: deleted });
    return true;
  }

  #answerCallbackQuery(params: Params): true {
    const id = String(params.callback_query_id ?? "");
    const query = this.#callbackQueries.get(id);
    if (!query || query.answered) throw badRequest("query is too old and response timeout expired or query ID is invalid");
    const text = params.text === undefined ? undefined : String(params.text);
    if (text !== undefined && text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    query.answered = true;
    const url = params.url === undefined ? undefined : String(params.url);
    this.#emit({
      type: "callback-answer",
      chatId: query.chatId,
      queryId: id,
      ...(text ? { text } : {}),
      showAlert: bool(params.show_alert),
      ...(url ? { url } : {}),
    });
    return true;
  }

  // ── Helpers ───────────────────────────────────────────────────────────────────────────

  #emit(event: EmulatorEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #chatOf(userId: number): ChatState {
    const chat = this.#chats.get(userId);
    if (!chat) throw new EmulatorUsageError(`no person with id ${userId}`);
    return chat;
  }

  /** The chat the bot addresses: a known person, who has not blocked the bot. */
  #chatFor(raw: unknown, options: { ignoreBlock?: boolean } = {}): ChatState {
    if (raw === undefined || raw === null || raw === "") throw badRequest("chat_id is empty");
    const id = typeof raw === "number" ? raw : /^-?\d+$/.test(String(raw).trim()) ? Number(String(raw).trim()) : undefined;
    const chat = id === undefined ? undefined : this.#chats.get(id);
    if (!chat) throw badRequest("chat not found");
    if (chat.blocked && !options.ignoreBlock) throw forbidden("bot was blocked by the user");
    return chat;
  }

  #append(chat: ChatState, message: EmulatedMessage, keyboard?: Exclude<ReplyMarkup, InlineKeyboardMarkup>): void {
    chat.messages.set(message.message_id, message);
    const entry: TimelineEntry = { seq: this.#seq++, kind: "message", message, ...(keyboard ? { keyboard } : {}) };
    chat.timeline.push(entry);
    this.#emit({ type: "entry", chatId: chat.user.id, entry: structuredClone(entry) });
  }

  #userMessage(chat: ChatState, content: Partial<EmulatedMessage>, replyToMessageId?: number): EmulatedMessage {
    if (chat.blocked) this.setBlocked(chat.user.id, false); // writing to a blocked bot restarts it
    const replyTo = replyToMessageId === undefined ? undefined : chat.messages.get(replyToMessageId);
    const message: EmulatedMessage = {
      message_id: chat.nextMessageId++,
      from: this.#userObject(chat.user),
      chat: this.#chatObject(chat.user),
      date: this.#unixNow(),
      ...content,
      ...(replyTo ? { reply_to_message: structuredClone(replyTo) } : {}),
    };
    this.#append(chat, message);
    // A one-time keyboard folds away once used.
    if (chat.replyKeyboard?.one_time_keyboard && message.text !== undefined) chat.replyKeyboard = undefined;
    this.#push({ message: structuredClone(message) } as Omit<Update, "update_id">);
    return structuredClone(message);
  }

  #captionEntities(caption: string): { caption_entities?: MessageEntity[] } {
    const entities = detectEntities(caption, []);
    return entities.length ? { caption_entities: entities } : {};
  }

  #storeFile(bytes: Buffer, folder: "photos" | "documents", fileName: string | undefined, mimeType: string | undefined): StoredFile {
    const number = this.#nextFile++;
    const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName ?? "")?.[1] ?? (mimeType === "image/png" ? "png" : folder === "photos" ? "jpg" : "bin");
    const file: StoredFile = {
      fileId: `${folder === "photos" ? "AgAC" : "BQAC"}${randomBytes(24).toString("base64url")}`,
      fileUniqueId: `AQAD${randomBytes(6).toString("base64url")}`,
      filePath: `${folder}/file_${number}.${extension}`,
      ...(fileName ? { fileName } : {}),
      mimeType: mimeType ?? mimeTypeOf(fileName ?? ""),
      bytes,
    };
    this.#files.set(file.fileId, file);
    return file;
  }

  #photoSizes(file: StoredFile, width: number, height: number): PhotoSize[] {
    return [{ file_id: file.fileId, file_unique_id: file.fileUniqueId, width, height, file_size: file.bytes.length }];
  }

  #document(file: StoredFile): Document {
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      ...(file.fileName ? { file_name: file.fileName } : {}),
      mime_type: file.mimeType,
      file_size: file.bytes.length,
    };
  }

  #botUser(): User {
    return { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username };
  }

  #userObject(user: EmulatedUser): User {
    return {
      id: user.id,
      is_bot: false,
      first_name: user.firstName,
      ...(user.lastName ? { last_name: user.lastName } : {}),
      ...(user.username ? { username: user.username } : {}),
      ...(user.languageCode ? { language_code: user.languageCode } : {}),
    };
  }

  #chatObject(user: EmulatedUser): EmulatedMessage["chat"] {
    return {
      id: user.id,
      type: "private",
      first_name: user.firstName,
      ...(user.lastName ? { last_name: user.lastName } : {}),
      ...(user.username ? { username: user.username } : {}),
    };
  }

  #unixNow(): number {
    return Math.floor(this.#now().getTime() / 1000);
  }
}

function commandsKey(params: Params): string {
  const scope = jsonValue(params.scope);
  const type = isObject(scope) && typeof scope.type === "string" ? scope.type : "default";
  return `${type}:${String(params.language_code ?? "")}`;
}

/** JSON-typed parameters arrive as objects in JSON bodies and as JSON text in forms and multipart. */
function jsonValue(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (!text.startsWith("{") && !text.startsWith("[")) return value;
  try {
    return JSON.parse(text);
  } catch {
    return value;
  }
}

function int(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "number" ? value : Number(String(value).trim());
  return Number.isInteger(number) ? number : undefined;
}

function bool(value: unknown): boolean {
  return value === true || value === "true" || value === "1" || value === 1;
}

/** Parameters from the query string and a JSON, urlencoded or multipart body, as the Bot API accepts them. */
async function readParams(req: http.IncomingMessage, url: URL): Promise<Params> {
  const params: Params = Object.fromEntries(url.searchParams);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_UPLOAD_BYTES + 1024 * 1024) throw new BotApiError(413, "Request Entity Too Large");
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  if (body.length === 0) return params;
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw badRequest("can't parse JSON request body");
    }
    if (!isObject(parsed)) throw badRequest("JSON request body must be an Object");
    return { ...params, ...parsed };
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return { ...params, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) };
  }
  if (type.startsWith("multipart/form-data")) {
    for (const part of parseMultipart(body, type)) {
      params[part.name] = part.fileName !== undefined ? new Upload(part.fileName, part.bytes) : part.bytes.toString("utf8");
    }
    // A file field is either the upload itself or `attach://<name>` pointing at it.
    for (const [key, value] of Object.entries(params)) {
      if (typeof value === "string" && value.startsWith("attach://")) {
        const upload = params[value.slice("attach://".length)];
        if (upload instanceof Upload) params[key] = upload;
      }
    }
    return params;
  }
  return params;
}
