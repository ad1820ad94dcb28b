import http from "node:http";
import type { AddressInfo } from "node:net";
import { Api, Bot, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotApiEmulator, EmulatorUsageError, type EmulatorEvent } from "../../dev/playground/emulator.js";

const TOKEN = "123456:emulator-test-token";
const PUPIL = { id: 501, firstName: "Аружан", lastName: "Сапарова", languageCode: "kk" };
const PARENT = { id: 502, firstName: "Gulnara", languageCode: "en" };

/** A 2×1 PNG: enough for Telegram (and the emulator) to accept it as a photo. */
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000002000000010806000000f478d4fa0000000d49444154789c63f8cf00c4ff000a0201ff9b0a5a5c0000000049454e44ae426082",
  "hex",
);

describe("the Bot API emulator", () => {
  let emulator: BotApiEmulator;
  let server: http.Server;
  let root: string;
  let events: EmulatorEvent[];
  let now: Date;

  beforeEach(async () => {
    now = new Date("2026-09-14T09:00:00Z");
    emulator = new BotApiEmulator({ token: TOKEN, botUsername: "bagdar_test_bot", now: () => now, users: [PUPIL, PARENT] });
    events = [];
    emulator.on((event) => events.push(event));
    server = http.createServer(emulator.handleHttp);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** One raw Bot API call; returns the HTTP status and Telegram's JSON answer. */
  async function call(method: string, params: Record<string, unknown> = {}, token = TOKEN) {
    const response = await fetch(`${root}/bot${token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; result?: any; error_code?: number; description?: string } };
  }

  async function send(params: Record<string, unknown>) {
    const { body } = await call("sendMessage", { chat_id: PUPIL.id, ...params });
    if (!body.ok) throw new Error(body.description);
    return body.result as { message_id: number; text: string; entities?: unknown[] };
  }

  describe("errors in Telegram's format", () => {
    it("answers an unsupported method with 404 Not Found and a wrong token with 401", async () => {
      expect(await call("sendSticker", { chat_id: PUPIL.id })).toEqual({ status: 404, body: { ok: false, error_code: 404, description: "Not Found" } });
      expect(await call("getMe", {}, "123456:wrong")).toEqual({ status: 401, body: { ok: false, error_code: 401, description: "Unauthorized" } });
      const me = await call("GETME"); // method names are case-insensitive
      expect(me.body.result).toMatchObject({ id: 123456, is_bot: true, username: "bagdar_test_bot" });
    });

    it("rejects empty, too long and unaddressable messages with Telegram's descriptions", async () => {
      const bad = (description: string) => ({ status: 400, body: { ok: false, error_code: 400, description } });
      expect(await call("sendMessage", { chat_id: PUPIL.id, text: "" })).toEqual(bad("Bad Request: message text is empty"));
      expect(await call("sendMessage", { chat_id: PUPIL.id, text: " \n " })).toEqual(bad("Bad Request: message text is empty"));
      expect(await call("sendMessage", { chat_id: PUPIL.id })).toEqual(bad("Bad Request: message text is empty"));
      expect(await call("sendMessage", { chat_id: PUPIL.id, text: "я".repeat(4097) })).toEqual(bad("Bad Request: message is too long"));
      expect((await call("sendMessage", { chat_id: PUPIL.id, text: "я".repeat(4096) })).body.ok).toBe(true);
      // The limit counts the text after markup is parsed.
      expect((await call("sendMessage", { chat_id: PUPIL.id, text: `<b>${"я".repeat(4096)}</b>`, parse_mode: "HTML" })).body.ok).toBe(true);
      expect(await call("sendMessage", { chat_id: 999, text: "hi" })).toEqual(bad("Bad Request: chat not found"));
      expect(await call("sendMessage", { chat_id: "@somebody", text: "hi" })).toEqual(bad("Bad Request: chat not found"));
      expect(await call("sendMessage", { text: "hi" })).toEqual(bad("Bad Request: chat_id is empty"));
      expect(await call("sendMessage", { chat_id: PUPIL.id, text: "hi", parse_mode: "HTML5" })).toEqual(bad("Bad Request: unsupported parse_mode"));
      expect(await call("sendMessage", { chat_id: PUPIL.id, text: "hi", reply_markup: { inline_keyboard: [[{ text: "x", callback_data: "y".repeat(65) }]] } })).toEqual(
        bad("Bad Request: BUTTON_DATA_INVALID"),
      );
      expect(emulator.chat(PUPIL.id).timeline).toHaveLength(2); // only the two accepted messages
    });

    it("rejects broken HTML and MarkdownV2 as 'can't parse entities'", async () => {
      const parse = async (text: string, parse_mode: string) => (await call("sendMessage", { chat_id: PUPIL.id, text, parse_mode })).body.description;
      expect(await parse("<b>bold", "HTML")).toBe('Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"');
      expect(await parse("<b><i>x</b></i>", "HTML")).toBe('Bad Request: can\'t parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"');
      expect(await parse("Сәлем <div>x</div>", "HTML")).toBe('Bad Request: can\'t parse entities: Unsupported start tag "div" at byte offset 11');
      expect(await parse("5 < 6", "HTML")).toBe('Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2');
      expect(await parse("Hello.", "MarkdownV2")).toBe("Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'");
      expect(await parse("*bold", "MarkdownV2")).toBe("Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0");
    });

    it("tells a blocked bot so with 403, and the bot hears of the block", async () => {
      emulator.setBlocked(PUPIL.id, true);
      expect(await call("sendMessage", { chat_id: PUPIL.id, text: "hi" })).toEqual({ status: 403, body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } });
      const { body } = await call("getUpdates");
      expect(body.result[0].my_chat_member).toMatchObject({ chat: { id: PUPIL.id }, new_chat_member: { status: "kicked" }, old_chat_member: { status: "member" } });
      emulator.sendText(PUPIL.id, "/start"); // writing again restarts the bot
      expect((await call("sendMessage", { chat_id: PUPIL.id, text: "hi" })).body.ok).toBe(true);
    });
  });

  describe("formatting", () => {
    it("returns plain text with entities for HTML, like Telegram, and detects links, mentions and commands", async () => {
      const message = await send({
        text: 'Hi <b>Аружан</b> &amp; <i>co</i>! <a href="https://bagdar.kz/x">site</a>\nCode: <code>AbC-12_x</code>\nhttps://t.me/bagdar_test_bot?start=inv_abc, @bagdar_test_bot /help',
        parse_mode: "HTML",
      });
      expect(message.text).toBe("Hi Аружан & co! site\nCode: AbC-12_x\nhttps://t.me/bagdar_test_bot?start=inv_abc, @bagdar_test_bot /help");
      expect(message.entities).toEqual([
        { type: "bold", offset: 3, length: 6 },
        { type: "italic", offset: 12, length: 2 },
        { type: "text_link", offset: 16, length: 4, url: "https://bagdar.kz/x" },
        { type: "code", offset: 27, length: 8 },
        { type: "url", offset: 36, length: 42 },
        { type: "mention", offset: 80, length: 16 },
        { type: "bot_command", offset: 97, length: 5 },
      ]);
    });

    it("parses MarkdownV2 with escapes and keeps explicit entities as given", async () => {
      const markdown = await send({ text: "*Жирный* _курсив_ \\(ok\\) `code` [link](https://example.com)", parse_mode: "MarkdownV2" });
      expect(markdown.text).toBe("Жирный курсив (ok) code link");
      expect(markdown.entities).toEqual([
        { type: "bold", offset: 0, length: 6 },
        { type: "italic", offset: 7, length: 6 },
        { type: "code", offset: 19, length: 4 },
        { type: "text_link", offset: 24, length: 4, url: "https://example.com" },
      ]);
      const explicit = await send({ text: "<b> is literal", entities: [{ type: "bold", offset: 0, length: 3 }] });
      expect(explicit).toMatchObject({ text: "<b> is literal", entities: [{ type: "bold", offset: 0, length: 3 }] });
    });
  });

  describe("long polling", () => {
    it("waits for the next update, confirms by offset and forgets what was confirmed", async () => {
      const started = Date.now();
      const waiting = call("getUpdates", { timeout: 10 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      emulator.sendText(PUPIL.id, "/start inv_abc");
      const { body } = await waiting;
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(body.result).toHaveLength(1);
      const update = body.result[0];
      expect(update.message).toMatchObject({
        from: { id: PUPIL.id, is_bot: false, first_name: "Аружан", language_code: "kk" },
        chat: { id: PUPIL.id, type: "private" },
        text: "/start inv_abc",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
        date: Math.floor(now.getTime() / 1000),
      });

      // Not confirmed yet: the same update again.
      expect((await call("getUpdates")).body.result.map((u: { update_id: number }) => u.update_id)).toEqual([update.update_id]);
      emulator.sendText(PUPIL.id, "second");
      emulator.sendText(PUPIL.id, "third");
      const next = (await call("getUpdates", { offset: update.update_id + 1, limit: 1 })).body.result;
      expect(next.map((u: { message: { text: string } }) => u.message.text)).toEqual(["second"]);
      // A negative offset keeps only the newest updates.
      expect((await call("getUpdates", { offset: -1 })).body.result.map((u: { message: { text: string } }) => u.message.text)).toEqual(["third"]);
    });

    it("returns an empty list when the timeout passes and honours allowed_updates", async () => {
      const started = Date.now();
      expect((await call("getUpdates", { timeout: 1, allowed_updates: ["message"] })).body.result).toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);

      const { message_id } = await send({ text: "Choose", reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
      emulator.tap(PUPIL.id, message_id, "a"); // dropped: callback queries were not asked for
      emulator.sendText(PUPIL.id, "hello");
      const types = (await call("getUpdates")).body.result.map((u: object) => Object.keys(u).find((k) => k !== "update_id"));
      expect(types).toEqual(["message"]);
    });

    it("ends an older request with 409 when a second one starts, and refuses polling while a webhook is set", async () => {
      const first = call("getUpdates", { timeout: 10 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = call("getUpdates", { timeout: 1 });
      expect(await first).toEqual({
        status: 409,
        body: { ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" },
      });
      expect((await second).body.ok).toBe(true);

      expect((await call("setWebhook", { url: "https://bagdar.example.kz/hook" })).body).toEqual({ ok: true, result: true });
      expect((await call("getUpdates")).body.description).toBe("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
      expect((await call("deleteWebhook")).body.result).toBe(true);
      expect((await call("getUpdates")).body.ok).toBe(true);
    });

    it("serves a real grammY bot end to end", async () => {
      const bot = new Bot(TOKEN, { client: { apiRoot: root } });
      bot.command("start", (ctx) => ctx.reply(`Hi, <b>${ctx.from!.first_name}</b>! Payload: ${ctx.match}`, { parse_mode: "HTML" }));
      bot.on("callback_query:data", (ctx) => ctx.answerCallbackQuery({ text: `You chose ${ctx.callbackQuery.data}` }));
      const polling = new Promise<void>((resolve) => void bot.start({ drop_pending_updates: true, timeout: 1, onStart: () => resolve() }));
      try {
        await polling;
        emulator.sendText(PARENT.id, "/start inv_xyz");
        const reply = await waitFor(() => emulator.chat(PARENT.id).timeline.find((e) => e.message.from.is_bot));
        expect(reply.message).toMatchObject({ text: "Hi, Gulnara! Payload: inv_xyz", entities: [{ type: "bold", offset: 4, length: 7 }] });
      } finally {
        await bot.stop();
      }
    });
  });

  describe("editing, deleting and buttons", () => {
    it("edits text and keyboards with Telegram's rules", async () => {
      const keyboard = { inline_keyboard: [[{ text: "Yes", callback_data: "yes" }]] };
      const { message_id } = await send({ text: "Question?", reply_markup: keyboard });
      const edit = (method: string, params: Record<string, unknown>) => call(method, { chat_id: PUPIL.id, message_id, ...params });

      expect((await edit("editMessageText", { text: "Question?", reply_markup: keyboard })).body.description).toBe(
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
      // Editing the text without reply_markup removes the keyboard, as in Telegram.
      const edited = await edit("editMessageText", { text: "Answered" });
      expect(edited.body.result).toMatchObject({ message_id, text: "Answered", edit_date: Math.floor(now.getTime() / 1000) });
      expect(edited.body.result.reply_markup).toBeUndefined();
      expect((await edit("editMessageReplyMarkup", {})).body.description).toMatch(/^Bad Request: message is not modified/);
      expect((await edit("editMessageReplyMarkup", { reply_markup: keyboard })).body.result.reply_markup).toEqual(keyboard);
      expect((await edit("editMessageCaption", { caption: "x" })).body.description).toBe("Bad Request: there is no caption in the message to edit");
      expect((await edit("editMessageText", { text: "<b>x", parse_mode: "HTML" })).body.description).toMatch(/^Bad Request: can't parse entities/);
      expect(events.filter((e) => e.type === "edit")).toHaveLength(2);

      expect((await call("editMessageText", { chat_id: PUPIL.id, message_id: 9999, text: "x" })).body.description).toBe("Bad Request: message to edit not found");
      const own = emulator.sendText(PUPIL.id, "my words");
      expect((await call("editMessageText", { chat_id: PUPIL.id, message_id: own.message_id, text: "x" })).body.description).toBe("Bad Request: message can't be edited");

      expect((await call("deleteMessage", { chat_id: PUPIL.id, message_id })).body.result).toBe(true);
      expect((await call("deleteMessage", { chat_id: PUPIL.id, message_id })).body.description).toBe("Bad Request: message to delete not found");
      expect((await edit("editMessageText", { text: "again" })).body.description).toBe("Bad Request: message to edit not found");
      expect(emulator.chat(PUPIL.id).timeline.map((e) => e.message.text)).toEqual(["my words"]);
    });

    it("turns a tap into a callback query the bot answers once", async () => {
      const { message_id } = await send({ text: "Pick", reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "pick:a" }, { text: "Site", url: "https://bagdar.kz" }]] } });
      expect(() => emulator.tap(PUPIL.id, message_id, "pick:zzz")).toThrow(EmulatorUsageError);
      expect(() => emulator.tap(PARENT.id, message_id, "pick:a")).toThrow(EmulatorUsageError); // not in the parent's chat
      const queryId = emulator.tap(PUPIL.id, message_id, "pick:a");
      const update = (await call("getUpdates")).body.result.at(-1);
      expect(update.callback_query).toMatchObject({ id: queryId, data: "pick:a", from: { id: PUPIL.id }, message: { message_id, text: "Pick" } });

      expect((await call("answerCallbackQuery", { callback_query_id: queryId, text: "Saved", show_alert: true })).body.result).toBe(true);
      expect(events.find((e) => e.type === "callback-answer")).toEqual({ type: "callback-answer", chatId: PUPIL.id, queryId, text: "Saved", showAlert: true });
      expect((await call("answerCallbackQuery", { callback_query_id: queryId })).body.description).toBe(
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
      );
    });

    it("keeps the reply keyboard until removed, and folds a one-time keyboard once used", async () => {
      await send({ text: "Grade?", reply_markup: { keyboard: [["7", "8"], [{ text: "9" }]], one_time_keyboard: true, resize_keyboard: true } });
      expect(emulator.chat(PUPIL.id).replyKeyboard?.keyboard).toEqual([[{ text: "7" }, { text: "8" }], [{ text: "9" }]]);
      emulator.sendText(PUPIL.id, "9");
      expect(emulator.chat(PUPIL.id).replyKeyboard).toBeUndefined();
      await send({ text: "Again", reply_markup: { keyboard: [["A"]] } });
      emulator.sendText(PUPIL.id, "A");
      expect(emulator.chat(PUPIL.id).replyKeyboard?.keyboard).toEqual([[{ text: "A" }]]);
      const removed = await send({ text: "Done", reply_markup: { remove_keyboard: true } });
      expect(emulator.chat(PUPIL.id).replyKeyboard).toBeUndefined();
      expect((removed as { reply_markup?: unknown }).reply_markup).toBeUndefined(); // only inline keyboards come back
    });

    it("forwards a message to another person outside the bot chat, unless it is protected", async () => {
      const invite = await send({ text: "Open https://t.me/bagdar_test_bot?start=inv_abc" });
      const entry = emulator.forward(PUPIL.id, invite.message_id, PARENT.id);
      expect(entry).toMatchObject({ kind: "forward", fromUserId: PUPIL.id, fromName: "Аружан Сапарова", message: { text: invite.text } });
      expect(emulator.chat(PARENT.id).timeline).toEqual([entry]);
      expect((await call("getUpdates")).body.result).toEqual([]); // the bot never sees a forward between people
      const secret = await send({ text: "secret", protect_content: true });
      expect(() => emulator.forward(PUPIL.id, secret.message_id, PARENT.id)).toThrow(/protected/);
    });
  });

  describe("files, commands and chat actions", () => {
    it("takes multipart uploads from grammY, serves them through getFile and the file route", async () => {
      const api = new Api(TOKEN, { apiRoot: root });
      const json = Buffer.from('{"name":"Аружан"}\n', "utf8");
      const document = await api.sendDocument(PUPIL.id, new InputFile(json, "bagdar-my-data.json"), { caption: "Всё о тебе" });
      expect(document.document).toMatchObject({ file_name: "bagdar-my-data.json", mime_type: "application/json", file_size: json.length });
      expect(document.caption).toBe("Всё о тебе");
      const file = await api.getFile(document.document!.file_id);
      const download = await fetch(`${root}/file/bot${TOKEN}/${file.file_path}`);
      expect(Buffer.from(await download.arrayBuffer()).equals(json)).toBe(true);

      const photo = await api.sendPhoto(PUPIL.id, new InputFile(PNG, "chart.png"));
      expect(photo.photo).toEqual([expect.objectContaining({ width: 2, height: 1, file_size: PNG.length })]);
      // A file id sends the same file again.
      const again = await api.sendPhoto(PARENT.id, photo.photo![0]!.file_id);
      expect(again.photo![0]!.file_id).toBe(photo.photo![0]!.file_id);

      await expect(api.sendPhoto(PUPIL.id, new InputFile(json, "not-a-picture.png"))).rejects.toThrow("Bad Request: IMAGE_PROCESS_FAILED");
      await expect(api.sendDocument(PUPIL.id, new InputFile(json, "x.json"), { caption: "я".repeat(1025) })).rejects.toThrow("Bad Request: message caption is too long");
      await expect(api.getFile("nope")).rejects.toThrow("Bad Request: invalid file_id");
      await expect(api.sendDocument(PUPIL.id, "no-such-file-id")).rejects.toThrow("Bad Request: wrong file identifier/HTTP URL specified");
    });

    it("keeps a command menu per language, falling back to the default one", async () => {
      const api = new Api(TOKEN, { apiRoot: root });
      await api.setMyCommands([{ command: "start", description: "Бастау" }]);
      await api.setMyCommands([{ command: "start", description: "Start" }, { command: "help", description: "Help" }], { language_code: "en" });
      expect(await api.getMyCommands({ language_code: "en" })).toEqual([{ command: "start", description: "Start" }, { command: "help", description: "Help" }]);
      expect(emulator.commandsFor("en").map((c) => c.command)).toEqual(["start", "help"]);
      expect(emulator.commandsFor("kk")).toEqual([{ command: "start", description: "Бастау" }]);
      await expect(api.setMyCommands([{ command: "Bad Command", description: "x" }])).rejects.toThrow("Bad Request: BOT_COMMAND_INVALID");
      expect(events.filter((e) => e.type === "commands")).toHaveLength(2);
    });

    it("shows chat actions and refuses unknown ones", async () => {
      expect((await call("sendChatAction", { chat_id: PUPIL.id, action: "typing" })).body.result).toBe(true);
      expect(events).toContainEqual({ type: "action", chatId: PUPIL.id, action: "typing" });
      expect((await call("sendChatAction", { chat_id: PUPIL.id, action: "dancing" })).body.description).toBe("Bad Request: wrong parameter action in request");
    });

    it("accepts a person's photo as a photo and any other file as a document", async () => {
      const photo = emulator.sendFile(PUPIL.id, { fileName: "artefact.png", bytes: PNG, caption: "Менің жұмысым" });
      expect(photo).toMatchObject({ photo: [{ width: 2, height: 1 }], caption: "Менің жұмысым" });
      const doc = emulator.sendFile(PUPIL.id, { fileName: "essay.pdf", bytes: Buffer.from("%PDF-1.4") });
      expect(doc.document).toMatchObject({ file_name: "essay.pdf", mime_type: "application/pdf" });
      const updates = (await call("getUpdates")).body.result;
      expect(updates.map((u: { message: object }) => Object.keys(u.message).filter((k) => k === "photo" || k === "document"))).toEqual([["photo"], ["document"]]);
    });
  });
});

async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
