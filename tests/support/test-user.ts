import type { Chat, InlineKeyboardButton, KeyboardButton, Message, MessageEntity, User } from "grammy/types";

type PrivateChat = Chat.PrivateChat;
import type { TestBot } from "./harness.js";
import type { SentMessage } from "./fake-telegram.js";

export interface TestUserOptions {
  id?: number;
  firstName?: string;
  /** Telegram's interface language, used to pre-select ours. */
  languageCode?: string;
}

let callbackSeq = 1;

/** A person in a private chat with the bot: `student.send("/start")`, `student.tap("Қазақша")`, `student.lastMessage`. */
export class TestUser {
  readonly id: number;
  readonly from: User;
  /** Messages the bot sent in reply to the latest action. */
  replies: SentMessage[] = [];
  /** The toast text of the latest button tap, if the bot gave one. */
  lastAnswer: string | undefined;
  #messageId = 1;

  constructor(
    private readonly harness: TestBot,
    options: TestUserOptions & { id: number },
  ) {
    this.id = options.id;
    this.from = {
      id: options.id,
      is_bot: false,
      first_name: options.firstName ?? "Test",
      ...(options.languageCode ? { language_code: options.languageCode } : {}),
    };
  }

  get messages(): SentMessage[] {
    return this.harness.telegram.messagesIn(this.id);
  }

  get lastMessage(): SentMessage {
    const last = this.messages.at(-1);
    if (!last) throw new Error(`user ${this.id} has received no message`);
    return last;
  }

  get lastText(): string {
    return this.lastMessage.text;
  }

  /** Button labels of the newest message, row by row flattened. */
  get buttons(): string[] {
    return buttonsOf(this.lastMessage).map((b) => b.text);
  }

  async send(text: string): Promise<void> {
    const entities: MessageEntity[] = [];
    const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
    if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
    await this.#message({ text, ...(entities.length ? { entities } : {}) });
  }

  /** A text with Telegram's formatting entities, as a client sends bold, links or spoilers. */
  sendFormatted(text: string, entities: MessageEntity[]): Promise<void> {
    return this.#message({ text, entities });
  }

  command(name: string, args?: string): Promise<void> {
    return this.send(args ? `/${name} ${args}` : `/${name}`);
  }

  sendSticker(): Promise<void> {
    return this.#message({
      sticker: { file_id: "sticker-1", file_unique_id: "s1", type: "regular", width: 512, height: 512, is_animated: false, is_video: false },
    });
  }

  sendPhoto(caption?: string): Promise<void> {
    return this.#message({
      photo: [{ file_id: `photo-${this.#messageId}`, file_unique_id: `p${this.#messageId}`, width: 800, height: 600 }],
      ...(caption ? { caption } : {}),
    });
  }

  sendDocument(fileName = "file.pdf"): Promise<void> {
    return this.#message({ document: { file_id: `doc-${this.#messageId}`, file_unique_id: `d${this.#messageId}`, file_name: fileName } });
  }

  sendVoice(): Promise<void> {
    return this.#message({ voice: { file_id: "voice-1", file_unique_id: "v1", duration: 3 } });
  }

  /** Taps the button with this exact label on the newest message that shows one. */
  async tap(label: string): Promise<void> {
    for (const message of [...this.messages].reverse()) {
      const button = buttonsOf(message).find((b) => b.text === label);
      if (button && "callback_data" in button) return this.tapData(button.callback_data, message.messageId);
      if (button) return this.send(label); // a reply-keyboard button sends its text
    }
    const visible = this.messages.flatMap((m) => buttonsOf(m).map((b) => b.text));
    throw new Error(`No button "${label}" for user ${this.id}. Visible buttons: ${JSON.stringify(visible)}`);
  }

  /** Sends raw callback data, as a forged or stale button would. */
  async tapData(data: string, messageId = this.messages.at(-1)?.messageId ?? 1): Promise<void> {
    const id = `cb-${callbackSeq++}`;
    const message = this.messages.find((m) => m.messageId === messageId);
    await this.#act(() =>
      this.harness.handle({
        callback_query: {
          id,
          from: this.from,
          chat_instance: `ci-${this.id}`,
          data,
          message: {
            message_id: messageId,
            date: Math.floor(Date.now() / 1000),
            chat: this.#chat(),
            text: message?.text ?? "",
          },
        },
      }),
    );
    this.lastAnswer = this.harness.telegram.callbackAnswers.get(id)?.text;
  }

  async #message(content: Partial<Message>): Promise<void> {
    const message = {
      message_id: this.#messageId++,
      date: Math.floor(Date.now() / 1000),
      chat: this.#chat(),
      from: this.from,
      ...content,
    } as Message & { chat: PrivateChat; from: User };
    await this.#act(() => this.harness.handle({ message }));
  }

  #chat(): PrivateChat {
    return { id: this.id, type: "private", first_name: this.from.first_name };
  }

  async #act(work: () => Promise<void>): Promise<void> {
    const before = new Set(this.messages.map((m) => m.messageId));
    this.lastAnswer = undefined;
    await work();
    this.replies = this.messages.filter((m) => !before.has(m.messageId));
  }
}

export function buttonsOf(message: SentMessage): Array<InlineKeyboardButton | KeyboardButton & { text: string }> {
  const markup = message.replyMarkup;
  if (!markup) return [];
  if ("inline_keyboard" in markup) return markup.inline_keyboard.flat();
  if ("keyboard" in markup) return markup.keyboard.flat().map((b) => (typeof b === "string" ? { text: b } : b));
  return [];
}
