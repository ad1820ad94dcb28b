import { parseMultipart } from "../../dev/playground/multipart.js";
import type { InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, UserFromGetMe } from "grammy/types";

export const TEST_BOT_INFO: UserFromGetMe = {
  id: 4242,
  is_bot: true,
  first_name: "Bagdar",
  username: "bagdar_test_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/** A message the bot sent, as the chat shows it now (edits applied, deletions removed). */
export interface SentMessage {
  messageId: number;
  chatId: number;
  text: string;
  replyMarkup: InlineKeyboardMarkup | ReplyKeyboardMarkup | undefined;
  kind: "text" | "photo" | "document";
  fileName?: string;
  file?: Uint8Array;
  parseMode?: string;
}

type Failure = { error_code: number; description: string; parameters?: { retry_after?: number } };

/**
 * Telegram's side of the conversation, behind `client.fetch`. Every call the bot makes,
 * in handlers and inside conversations alike, lands here and is recorded in order.
 */
export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  readonly chats = new Map<number, SentMessage[]>();
  readonly callbackAnswers = new Map<string, { text?: string; show_alert?: boolean }>();
  #nextMessageId = 1000;
  #failures: Array<{ method: string; failure: Failure }> = [];
  #networkFailures: string[] = [];

  /** The next call of `method` fails with this Telegram error. */
  failNext(method: string, failure: Failure): void {
    this.#failures.push({ method, failure });
  }

  /** The next `times` calls of `method` never reach Telegram: fetch rejects, as on a network failure. */
  failNetwork(method: string, times = 1): void {
    for (let i = 0; i < times; i++) this.#networkFailures.push(method);
  }

  messagesIn(chatId: number): SentMessage[] {
    return this.chats.get(chatId) ?? [];
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    const payload = await readPayload(init);
    this.calls.push({ method, payload });
    const networkIndex = this.#networkFailures.indexOf(method);
    if (networkIndex >= 0) {
      this.#networkFailures.splice(networkIndex, 1);
      throw new TypeError("fetch failed");
    }
    const failureIndex = this.#failures.findIndex((f) => f.method === method);
    if (failureIndex >= 0) {
      const { failure } = this.#failures.splice(failureIndex, 1)[0]!;
      return json({ ok: false, ...failure });
    }
    return json({ ok: true, result: this.#answer(method, payload) });
  };

  #answer(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case "getMe":
        return TEST_BOT_INFO;
      case "sendMessage":
        return this.#store(p, "text", String(p.text ?? ""));
      case "sendPhoto":
        return this.#store(p, "photo", String(p.caption ?? ""));
      case "sendDocument":
        return this.#store(p, "document", String(p.caption ?? ""));
      case "editMessageText":
      case "editMessageReplyMarkup":
      case "editMessageCaption":
        return this.#edit(method, p);
      case "deleteMessage": {
        const list = this.chats.get(Number(p.chat_id)) ?? [];
        this.chats.set(Number(p.chat_id), list.filter((m) => m.messageId !== Number(p.message_id)));
        return true;
      }
      case "answerCallbackQuery": {
        const answer: { text?: string; show_alert?: boolean } = {};
        if (typeof p.text === "string") answer.text = p.text;
        if (typeof p.show_alert === "boolean") answer.show_alert = p.show_alert;
        this.callbackAnswers.set(String(p.callback_query_id), answer);
        return true;
      }
      default:
        return true;
    }
  }

  #store(p: Record<string, unknown>, kind: SentMessage["kind"], text: string): Message {
    const chatId = Number(p.chat_id);
    const message: SentMessage = {
      messageId: this.#nextMessageId++,
      chatId,
      text,
      replyMarkup: p.reply_markup as SentMessage["replyMarkup"],
      kind,
    };
    if (typeof p.parse_mode === "string") message.parseMode = p.parse_mode;
    const file = p.photo ?? p.document;
    if (file instanceof UploadedFile) {
      message.fileName = file.name;
      message.file = file.bytes;
    }
    const list = this.chats.get(chatId) ?? [];
    list.push(message);
    this.chats.set(chatId, list);
    return {
      message_id: message.messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: "Test" },
      from: TEST_BOT_INFO,
      text,
    } as Message;
  }

  #edit(method: string, p: Record<string, unknown>): Message | true {
    const message = this.messagesIn(Number(p.chat_id)).find((m) => m.messageId === Number(p.message_id));
    if (!message) throw new Error(`${method}: no message ${String(p.message_id)} in chat ${String(p.chat_id)}`);
    if (method === "editMessageText") message.text = String(p.text);
    if (method === "editMessageCaption") message.text = String(p.caption ?? "");
    message.replyMarkup = p.reply_markup as SentMessage["replyMarkup"];
    return {
      message_id: message.messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: message.chatId, type: "private", first_name: "Test" },
      text: message.text,
    } as Message;
  }
}

export class UploadedFile {
  constructor(
    readonly name: string,
    readonly bytes: Uint8Array,
  ) {}
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
}

/** grammY sends JSON, or multipart when a file is attached. */
async function readPayload(init: RequestInit | undefined): Promise<Record<string, unknown>> {
  if (!init?.body) return {};
  if (typeof init.body === "string") return JSON.parse(init.body) as Record<string, unknown>;
  const parts = parseMultipart(await bytesOf(init.body), new Headers(init.headers).get("content-type") ?? "");
  const payload: Record<string, unknown> = {};
  for (const part of parts) {
    if (part.fileName !== undefined) {
      payload[part.name] = new UploadedFile(part.fileName, part.bytes);
      continue;
    }
    const value = Buffer.from(part.bytes).toString("utf8");
    try {
      payload[part.name] = JSON.parse(value);
    } catch {
      payload[part.name] = value;
    }
  }
  for (const [key, value] of Object.entries(payload)) {
    // A file field is either the upload itself or a reference attach://<name> to it.
    if (typeof value === "string" && value.startsWith("attach://")) {
      const upload = payload[value.slice("attach://".length)];
      if (upload instanceof UploadedFile) payload[key] = upload;
    }
  }
  return payload;
}

/** grammY streams multipart bodies as a Node `Readable`: collect it. */
async function bytesOf(body: NonNullable<RequestInit["body"]>): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
