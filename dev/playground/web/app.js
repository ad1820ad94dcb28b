// @ts-check
/**
 * The playground page: one Telegram-like chat pane per person, fed by Server-Sent Events.
 * Bot texts arrive as plain text plus entities (the emulator parses parse_mode like Telegram),
 * and are rendered with DOM nodes and text nodes only: nothing from the bot ever goes through
 * innerHTML.
 */

/** @typedef {{ type: string, offset: number, length: number, url?: string, language?: string }} Entity */
/** @typedef {{ text: string, callback_data?: string, url?: string, copy_text?: { text: string } }} InlineButton */
/** @typedef {{ text: string, request_contact?: boolean, request_location?: boolean, request_poll?: unknown, request_users?: unknown, request_chat?: unknown, web_app?: unknown }} KeyboardButton */
/** @typedef {{ keyboard?: KeyboardButton[][], one_time_keyboard?: boolean, input_field_placeholder?: string, remove_keyboard?: boolean, force_reply?: boolean }} ReplyKeyboard */
/**
 * @typedef {{
 *   message_id: number, date: number, edit_date?: number, from: { id: number, is_bot: boolean, first_name: string },
 *   text?: string, entities?: Entity[], caption?: string, caption_entities?: Entity[],
 *   photo?: { file_id: string, width: number, height: number }[],
 *   document?: { file_id: string, file_name?: string, file_size?: number, mime_type?: string },
 *   reply_markup?: { inline_keyboard: InlineButton[][] }, reply_to_message?: Message, has_protected_content?: boolean
 * }} Message
 */
/** @typedef {{ seq: number, kind: "message", message: Message, keyboard?: ReplyKeyboard } | { seq: number, kind: "forward", message: Message, fromUserId: number, fromName: string }} Entry */
/** @typedef {{ id: number, firstName: string, lastName?: string, languageCode: string, role: string, blocked: boolean }} Persona */
/** @typedef {{ command: string, description: string }} Command */
/** @typedef {{ now: string, offsetMs: number, timeZone: string }} Clock */
/**
 * @typedef {{
 *   bot: { id: number, username: string, firstName: string }, personas: Persona[],
 *   chats: Record<string, { timeline: Entry[], replyKeyboard: ReplyKeyboard | null }>,
 *   commands: Record<string, Command[]>, clock: Clock, languages: string[], database: string
 * }} State
 */

const ROLE_LABELS = /** @type {Record<string, string>} */ ({ pupil: "Pupil", parent: "Parent", teacher: "Teacher", admin: "Admin", guest: "Guest" });
const LANGUAGE_NAMES = /** @type {Record<string, string>} */ ({ kk: "Қазақша (kk)", ru: "Русский (ru)", ky: "Кыргызча (ky)", en: "English (en)", de: "Deutsch (de)", tr: "Türkçe (tr)", uz: "Oʻzbekcha (uz)" });
const ACTION_LABELS = /** @type {Record<string, string>} */ ({ typing: "typing…", upload_document: "sending a file…", upload_photo: "sending a photo…" });

/** @type {State | undefined} */
let state;
/** Where the server's clock was when we last heard, against our own. */
let clockBase = { serverMs: Date.now(), localMs: Date.now() };
/** @type {Map<number, Pane>} */
const panes = new Map();
let activeId = /** @type {number | "add" | undefined} */ (undefined);
const ADD_ID = "add";

// ── Small DOM helpers ───────────────────────────────────────────────────────────────────

/**
 * Creates an element. Children are nodes or strings (always text nodes).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | boolean | number | undefined | ((event: any) => void)>} [attrs]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(key.replace(/^on/, ""), value);
    else if (key === "class") element.className = String(value);
    else if (key === "text") element.textContent = String(value);
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** @param {string} path @param {unknown} [body] */
async function post(path, body) {
  const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error ?? `${response.status} ${response.statusText}`);
  return data;
}

const SVG = "http://www.w3.org/2000/svg";
/** Line icons drawn with paths, so no control depends on an emoji font. */
const ICONS = /** @type {Record<string, string>} */ ({
  attach: "M16.5 7.5v8a4.5 4.5 0 0 1-9 0V6a3 3 0 0 1 6 0v9.5a1.5 1.5 0 0 1-3 0V7.5",
  send: "M4 12 20 4l-4 16-4.5-6.5zM11.5 13.5 20 4",
  keyboard: "M3 7h18v11H3zM7 11h.01M11 11h.01M15 11h.01M7 14.5h10",
  forward: "M14 6l6 6-6 6M20 12H10a6 6 0 0 0-6 6",
  more: "M12 5h.01M12 12h.01M12 19h.01",
  menu: "M4 7h16M4 12h16M4 17h10",
  download: "M12 4v11M7 10l5 5 5-5M5 20h14",
});
/** @param {string} name */
function icon(name) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "icon");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", ICONS[name] ?? "");
  svg.append(path);
  return svg;
}

/** @param {string} text */
function toast(text) {
  const root = document.getElementById("toasts");
  if (!root) return;
  const node = h("div", { class: "toast", role: "status", text });
  root.append(node);
  setTimeout(() => node.remove(), 3200);
}

/** @param {Persona} persona */
const fullName = (persona) => [persona.firstName, persona.lastName].filter(Boolean).join(" ");
/** @param {Persona} persona */
const initials = (persona) => (persona.firstName.charAt(0) + (persona.lastName ?? "").charAt(0)).toUpperCase();
/** @param {Persona} persona */
const avatar = (persona) => h("div", { class: `avatar ${persona.role}`, "aria-hidden": "true", text: initials(persona) });

/** @param {number} unix */
function timeOf(unix) {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: state?.clock.timeZone }).format(new Date(unix * 1000));
}
/** @param {number} unix */
function dayOf(unix) {
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: state?.clock.timeZone }).format(new Date(unix * 1000));
}

/** @param {number} bytes */
function sizeOf(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** @param {string} text */
async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    toast("Copied to the clipboard");
  } catch {
    window.prompt("Copy this:", text);
  }
}

// ── Links ───────────────────────────────────────────────────────────────────────────────

/**
 * A link that opens a chat with our bot (`t.me/<bot>?start=<payload>`, `tg://resolve?domain=<bot>`):
 * returns the payload ("" for none), or undefined for any other link.
 * @param {string} href
 */
function deepLinkPayload(href) {
  if (!state) return undefined;
  const username = state.bot.username.toLowerCase();
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(href) ? href : `https://${href}`);
    if (url.protocol === "tg:") {
      if (url.hostname !== "resolve" && !href.startsWith("tg://resolve")) return undefined;
      if ((url.searchParams.get("domain") ?? "").toLowerCase() !== username) return undefined;
      return url.searchParams.get("start") ?? "";
    }
    if (!/^(www\.)?(t\.me|telegram\.me|telegram\.dog)$/i.test(url.hostname)) return undefined;
    if (url.pathname.replace(/^\/|\/$/g, "").toLowerCase() !== username) return undefined;
    return url.searchParams.get("start") ?? "";
  } catch {
    return undefined;
  }
}

/** Only web links leave the page; anything else (javascript:, data:, …) is not a link here. @param {string} href */
function safeHref(href) {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(href) ? href : `http://${href}`);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens a link as Telegram would for this person: our bot's deep link starts the chat with its payload.
 * @param {Pane} pane @param {string} href
 */
function openLink(pane, href) {
  const payload = deepLinkPayload(href);
  if (payload !== undefined) {
    // Like Telegram: a start payload is sent as /start <payload>; a bare link just opens the chat (START if it is new).
    pane.reveal();
    if (payload) void pane.send(`/start ${payload}`);
    else if (pane.rows.size === 0) void pane.send("/start");
    return;
  }
  const safe = safeHref(href);
  if (safe) window.open(safe, "_blank", "noopener,noreferrer");
  else toast("This link cannot be opened in the playground");
}

// ── Entities → DOM ──────────────────────────────────────────────────────────────────────

/**
 * Renders Telegram text with its entities as DOM. Overlapping entities nest; a crossing one is clipped.
 * @param {string} text @param {Entity[] | undefined} entities @param {Pane} pane
 */
function renderText(text, entities, pane) {
  const sorted = [...(entities ?? [])].sort((a, b) => a.offset - b.offset || b.length - a.length);
  /** @param {number} start @param {number} end @param {Entity[]} list @returns {DocumentFragment} */
  const build = (start, end, list) => {
    const fragment = document.createDocumentFragment();
    let position = start;
    let i = 0;
    while (i < list.length) {
      const entity = /** @type {Entity} */ (list[i]);
      const from = Math.max(entity.offset, start);
      const to = Math.min(entity.offset + entity.length, end);
      if (from < position || to <= from) {
        i++;
        continue;
      }
      if (from > position) fragment.append(text.slice(position, from));
      /** @type {Entity[]} */
      const inner = [];
      let j = i + 1;
      while (j < list.length && /** @type {Entity} */ (list[j]).offset < to) inner.push(/** @type {Entity} */ (list[j++]));
      const element = elementFor(entity, text.slice(from, to), pane);
      (element.querySelector("code") ?? element).append(build(from, to, inner));
      fragment.append(element);
      position = to;
      i = j;
    }
    if (position < end) fragment.append(text.slice(position, end));
    return fragment;
  };
  return build(0, text.length, sorted);
}

/** @param {Entity} entity @param {string} content @param {Pane} pane @returns {HTMLElement} */
function elementFor(entity, content, pane) {
  /** @param {string} href @param {string} [className] */
  const link = (href, className) => {
    const deep = deepLinkPayload(href) !== undefined;
    const safe = safeHref(href);
    return h("a", {
      href: deep ? href : (safe ?? "#"),
      class: deep ? "deep-link" : className,
      title: deep ? `Opens the chat with @${state?.bot.username} for ${fullName(pane.persona)}` : safe,
      rel: "noopener noreferrer",
      target: "_blank",
      onclick: (/** @type {MouseEvent} */ event) => {
        event.preventDefault();
        openLink(pane, href);
      },
    });
  };
  switch (entity.type) {
    case "bold":
      return h("b");
    case "italic":
      return h("i");
    case "underline":
      return h("u");
    case "strikethrough":
      return h("s");
    case "spoiler":
      return h("span", { class: "spoiler", title: "Spoiler: click to reveal", onclick: (/** @type {MouseEvent} */ e) => /** @type {HTMLElement} */ (e.currentTarget).classList.add("revealed") });
    case "code":
      return h("code", { title: "Click to copy", onclick: () => void copy(content) });
    case "pre":
      // The text goes into the inner <code> (see renderText).
      return h("pre", { title: "Click to copy", onclick: () => void copy(content) }, h("code", entity.language ? { "data-language": entity.language } : {}));
    case "blockquote":
      return h("blockquote");
    case "expandable_blockquote":
      return h("blockquote", { class: "collapsed", title: "Click to expand", onclick: (/** @type {MouseEvent} */ e) => /** @type {HTMLElement} */ (e.currentTarget).classList.remove("collapsed") });
    case "text_link":
      return link(entity.url ?? "");
    case "url":
      return link(content);
    case "email":
      return h("a", { href: `mailto:${content}` });
    case "mention":
      return link(`https://t.me/${content.slice(1)}`);
    case "bot_command":
      return h("span", { class: "command", role: "link", title: `Send ${content}`, onclick: () => void pane.send(content) });
    case "hashtag":
    case "cashtag":
      return h("span", { class: "tag" });
    default:
      return h("span");
  }
}

// ── A chat pane ─────────────────────────────────────────────────────────────────────────

class Pane {
  /** @param {Persona} persona */
  constructor(persona) {
    this.persona = persona;
    /** @type {Map<number, HTMLElement>} */
    this.rows = new Map();
    /** @type {ReplyKeyboard | null} */
    this.replyKeyboard = null;
    this.keyboardHidden = false;
    this.unread = 0;
    /** @type {Map<string, HTMLButtonElement>} */
    this.pendingTaps = new Map();
    /** Answers that arrived before the tap's own response did. @type {Set<string>} */
    this.earlyAnswers = new Set();
    this.typingTimer = 0;
    this.lastDay = "";

    this.avatar = avatar(persona);
    this.nameNode = h("div", { class: "name" });
    this.statusNode = h("div", { class: "status" });
    this.menuButton = h("button", { type: "button", class: "icon-button", title: "Settings for this person", "aria-label": `Settings for ${fullName(persona)}`, onclick: () => this.toggleMenu() }, icon("more"));
    this.messages = h("div", { class: "messages", role: "log", "aria-label": `Chat of ${fullName(persona)} with the bot` });
    this.keyboardNode = h("div", { class: "reply-keyboard", hidden: true });
    this.input = h("textarea", { rows: "1", placeholder: "Message", "aria-label": "Message", enterkeyhint: "send" });
    this.commandPopup = h("div", { class: "command-popup", role: "listbox", hidden: true });
    this.fileInput = h("input", { type: "file", hidden: true, onchange: () => void this.upload() });
    this.menuCommandsButton = h("button", { type: "button", class: "menu-button", title: "The bot's commands", "aria-label": "Commands", onclick: () => this.toggleCommands() }, icon("menu"), "Menu");
    this.keyboardToggle = h("button", { type: "button", class: "icon-button keyboard-toggle", title: "Show or hide the bot's keyboard", "aria-label": "Keyboard", hidden: true, onclick: () => this.toggleKeyboard() }, icon("keyboard"));
    this.sendButton = h("button", { type: "submit", class: "icon-button send-button", title: "Send", "aria-label": "Send", disabled: true }, icon("send"));
    this.blockedBar = h("div", { class: "blocked-bar", hidden: true }, h("button", { type: "button", onclick: () => void this.restart() }, "Restart the bot"));
    this.composer = h(
      "form",
      { class: "composer", onsubmit: (/** @type {SubmitEvent} */ e) => { e.preventDefault(); void this.sendInput(); } },
      this.commandPopup,
      this.menuCommandsButton,
      this.input,
      this.keyboardToggle,
      h("button", { type: "button", class: "icon-button", title: "Send a photo or a file", "aria-label": "Attach", onclick: () => this.fileInput.click() }, icon("attach")),
      this.sendButton,
      this.fileInput,
    );
    this.menu = h("div", { class: "pane-menu", hidden: true });
    this.element = h(
      "section",
      { class: "pane", "data-persona-id": persona.id, "data-persona-role": persona.role, "aria-label": fullName(persona) },
      h("header", { class: "pane-head" }, this.avatar, h("div", { class: "who" }, this.nameNode, this.statusNode), this.menuButton),
      this.menu,
      this.messages,
      this.keyboardNode,
      this.composer,
      this.blockedBar,
    );

    /** Follows new messages unless the person scrolled up to read. */
    this.pinned = true;
    this.messages.addEventListener("scroll", () => {
      this.pinned = this.messages.scrollHeight - this.messages.scrollTop - this.messages.clientHeight < 120;
    });
    this.input.addEventListener("input", () => this.onInput());
    this.input.addEventListener("keydown", (event) => this.onKeyDown(event));
    this.updateHeader();
  }

  get commands() {
    return state?.commands[this.persona.languageCode] ?? [];
  }

  /** @param {Persona} persona */
  setPersona(persona) {
    this.persona = persona;
    this.updateHeader();
  }

  updateHeader() {
    const persona = this.persona;
    this.avatar.textContent = initials(persona);
    this.nameNode.textContent = fullName(persona);
    this.statusNode.classList.remove("typing");
    this.statusNode.replaceChildren(
      h("span", { class: `role-badge ${persona.role}`, text: ROLE_LABELS[persona.role] ?? persona.role }),
      `id ${persona.id} · ${persona.languageCode}${persona.blocked ? " · bot blocked" : ""}`,
    );
    this.composer.hidden = persona.blocked;
    this.blockedBar.hidden = !persona.blocked;
    this.menuCommandsButton.hidden = this.commands.length === 0;
  }

  /** @param {{ timeline: Entry[], replyKeyboard: ReplyKeyboard | null }} chat */
  renderChat(chat) {
    this.rows.clear();
    this.lastDay = "";
    this.messages.replaceChildren();
    for (const entry of chat.timeline) this.addEntry(entry, { initial: true });
    if (chat.timeline.length === 0) this.messages.append(this.emptyNote());
    this.setReplyKeyboard(chat.replyKeyboard);
    this.scrollToBottom();
  }

  emptyNote() {
    const hints = /** @type {Record<string, string>} */ ({
      pupil: "Type /start to begin onboarding as a pupil.",
      parent: "Open the pupil's invite link (forward it here), or /start and choose “parent”.",
      teacher: "Already the career teacher of №12 мектеп-гимназия. Type /start.",
      admin: "District admin from ADMIN_TELEGRAM_IDS. Try /admin.",
      guest: "Someone new. Type /start.",
    });
    return h("div", { class: "empty-chat" }, h("strong", { text: `Chat with @${state?.bot.username ?? "bot"}` }), hints[this.persona.role] ?? "Type /start.");
  }

  /** @param {Entry} entry @param {{ initial?: boolean }} [options] */
  addEntry(entry, options = {}) {
    this.messages.querySelector(".empty-chat")?.remove();
    const day = dayOf(entry.message.date);
    if (day !== this.lastDay) {
      this.messages.append(h("div", { class: "day-chip", text: day }));
      this.lastDay = day;
    }
    const row = this.renderEntry(entry);
    this.messages.append(row);
    if (entry.kind === "message") {
      this.rows.set(entry.message.message_id, row);
      if (entry.message.from.is_bot) this.clearTyping();
      if (entry.keyboard) this.setReplyKeyboard(entry.keyboard.keyboard ? entry.keyboard : null);
      if (!entry.message.from.is_bot && this.replyKeyboard?.one_time_keyboard) this.setReplyKeyboard(null);
    }
    if (!options.initial) {
      if (this.pinned || (entry.kind === "message" && !entry.message.from.is_bot)) this.scrollToBottom();
      if (!this.isActive()) this.markUnread();
    }
  }

  /** @param {Entry} entry */
  renderEntry(entry) {
    const message = entry.message;
    const outgoing = entry.kind === "message" && !message.from.is_bot;
    const bubble = h("div", { class: "bubble" });
    if (entry.kind === "forward") {
      bubble.append(h("div", { class: "fwd-head", text: `Forwarded by ${entry.fromName} · from ${message.from.first_name}` }));
    }
    if (message.reply_to_message) {
      const quoted = message.reply_to_message;
      bubble.append(h("div", { class: "quote" }, h("b", { text: quoted.from.first_name }), (quoted.text ?? quoted.caption ?? (quoted.photo ? "Photo" : "File")).slice(0, 120)));
    }
    if (message.photo && message.photo.length > 0) {
      const largest = message.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
      const src = `/api/files/${encodeURIComponent(largest.file_id)}`;
      const image = h("img", { class: "photo", src, alt: "Photo", width: largest.width || undefined, height: largest.height || undefined, onclick: () => window.open(src, "_blank", "noopener") });
      image.addEventListener("load", () => this.pinned && this.scrollToBottom());
      bubble.append(image);
    }
    if (message.document) {
      const doc = message.document;
      bubble.append(
        h(
          "a",
          { class: "doc", href: `/api/files/${encodeURIComponent(doc.file_id)}?download=1`, download: doc.file_name ?? "file", title: "Download" },
          h("span", { class: "doc-icon", "aria-hidden": "true" }, icon("download")),
          h("span", {}, h("div", { class: "doc-name", text: doc.file_name ?? "file" }), h("div", { class: "doc-size", text: `${sizeOf(doc.file_size ?? 0)} · ${doc.mime_type ?? ""}` })),
        ),
      );
    }
    const text = message.text ?? message.caption;
    const entities = message.text !== undefined ? message.entities : message.caption_entities;
    const meta = h("span", { class: "meta" }, message.edit_date ? h("span", { class: "edited", text: "edited" }) : null, timeOf(message.date), outgoing ? " ✓✓" : "");
    if (text) bubble.append(h("span", { class: "text" }, renderText(text, entities, this)), meta);
    else bubble.append(meta);
    if (entry.kind === "forward") bubble.append(h("div", { class: "fwd-note", text: "Outside the bot chat: tap a link to open it here." }));

    const row = h("div", { class: `row ${outgoing ? "out" : "in"}${entry.kind === "forward" ? " forwarded" : ""}`, "data-message-id": entry.kind === "message" ? message.message_id : undefined }, bubble);
    if (entry.kind === "message" && !message.has_protected_content && (state?.personas.length ?? 0) > 1) {
      row.append(h("button", { type: "button", class: "forward-btn", title: "Forward to another person", "aria-label": "Forward", onclick: () => this.showForwardMenu(row, message.message_id) }, icon("forward")));
    }
    const keyboard = message.reply_markup?.inline_keyboard;
    if (keyboard && keyboard.length > 0) {
      const rows = keyboard
        .map((buttons) => buttons.filter((b) => entry.kind === "message" || b.url))
        .filter((buttons) => buttons.length > 0)
        .map((buttons) => h("div", { class: "kb-row" }, ...buttons.map((button) => this.inlineButton(button, message.message_id, entry.kind === "message"))));
      if (rows.length) {
        row.append(h("div", { class: "inline-keyboard" }, ...rows));
        row.classList.add("has-keyboard");
      }
    }
    return row;
  }

  /** @param {InlineButton} button @param {number} messageId @param {boolean} live */
  inlineButton(button, messageId, live) {
    const node = h("button", { type: "button", class: `kb-button${button.url ? " url" : ""}`, title: button.text, text: button.text });
    node.addEventListener("click", () => {
      if (button.url) return openLink(this, button.url);
      if (button.copy_text) return void copy(button.copy_text.text);
      if (button.callback_data !== undefined && live) return void this.tap(node, messageId, button.callback_data);
      toast("This kind of button is not available in the playground");
    });
    return node;
  }

  /** @param {HTMLButtonElement} node @param {number} messageId @param {string} data */
  async tap(node, messageId, data) {
    if (node.classList.contains("pending")) return;
    node.classList.add("pending");
    try {
      const { queryId } = await post("/api/tap", { personaId: this.persona.id, messageId, data });
      // The bot may have answered before this response came back.
      if (this.earlyAnswers.delete(queryId)) return void node.classList.remove("pending");
      this.pendingTaps.set(queryId, node);
      // Telegram stops the spinner after a while even when the bot never answers.
      setTimeout(() => {
        if (this.pendingTaps.get(queryId) === node) this.pendingTaps.delete(queryId);
        node.classList.remove("pending");
      }, 10_000);
    } catch (error) {
      node.classList.remove("pending");
      toast(String(/** @type {Error} */ (error).message));
    }
  }

  /** @param {{ queryId: string, text?: string, showAlert: boolean, url?: string }} answer */
  callbackAnswer(answer) {
    const node = this.pendingTaps.get(answer.queryId);
    this.pendingTaps.delete(answer.queryId);
    if (node) node.classList.remove("pending");
    else this.earlyAnswers.add(answer.queryId);
    if (answer.url) openLink(this, answer.url);
    if (!answer.text) return;
    if (answer.showAlert) {
      const overlay = h("div", { class: "pane-alert", role: "alertdialog" });
      const ok = h("button", { type: "button", onclick: () => overlay.remove() }, "OK");
      overlay.append(h("div", {}, h("p", { text: answer.text }), ok));
      this.element.append(overlay);
      ok.focus();
    } else {
      const note = h("div", { class: "pane-toast", role: "status", text: answer.text });
      this.element.append(note);
      setTimeout(() => note.remove(), 2600);
    }
  }

  /** @param {Message} message */
  replaceMessage(message) {
    const old = this.rows.get(message.message_id);
    if (!old) return;
    const entry = /** @type {Entry} */ ({ seq: 0, kind: "message", message });
    const row = this.renderEntry(entry);
    row.style.animation = "none";
    old.replaceWith(row);
    this.rows.set(message.message_id, row);
  }

  /** @param {number[]} ids */
  removeMessages(ids) {
    for (const id of ids) {
      this.rows.get(id)?.remove();
      this.rows.delete(id);
    }
  }

  /** @param {ReplyKeyboard | null} keyboard */
  setReplyKeyboard(keyboard) {
    this.replyKeyboard = keyboard && keyboard.keyboard ? keyboard : null;
    this.keyboardHidden = false;
    this.input.placeholder = this.replyKeyboard?.input_field_placeholder ?? "Message";
    this.renderReplyKeyboard();
  }

  renderReplyKeyboard() {
    const keyboard = this.replyKeyboard;
    this.keyboardToggle.hidden = !keyboard;
    this.keyboardToggle.classList.toggle("active", !!keyboard && !this.keyboardHidden);
    this.keyboardNode.hidden = !keyboard || this.keyboardHidden;
    if (!keyboard?.keyboard) return void this.keyboardNode.replaceChildren();
    this.keyboardNode.replaceChildren(
      ...keyboard.keyboard.map((buttons) =>
        h(
          "div",
          { class: "kb-row" },
          ...buttons.map((button) => {
            const label = typeof button === "string" ? button : button.text;
            return h("button", {
              type: "button",
              class: "kb-button",
              text: label,
              onclick: () => {
                if (typeof button !== "string" && (button.request_contact || button.request_location || button.request_poll || button.request_users || button.request_chat || button.web_app)) {
                  return toast("This kind of button is not available in the playground");
                }
                void this.send(label);
              },
            });
          }),
        ),
      ),
    );
  }

  toggleKeyboard() {
    this.keyboardHidden = !this.keyboardHidden;
    this.renderReplyKeyboard();
  }

  /** @param {string} action */
  showAction(action) {
    this.statusNode.classList.add("typing");
    this.statusNode.textContent = `@${state?.bot.username} is ${ACTION_LABELS[action] ?? "busy…"}`;
    clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => this.clearTyping(), 5000);
  }

  clearTyping() {
    clearTimeout(this.typingTimer);
    if (this.statusNode.classList.contains("typing")) this.updateHeader();
  }

  /** @param {string} text */
  async send(text) {
    const value = text.trim();
    if (!value) return;
    this.hideCommands();
    try {
      await post("/api/send", { personaId: this.persona.id, text: value });
    } catch (error) {
      toast(String(/** @type {Error} */ (error).message));
    }
  }

  async sendInput() {
    const text = this.input.value;
    if (!text.trim()) return;
    this.input.value = "";
    this.onInput();
    await this.send(text);
    this.input.focus();
  }

  async upload() {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = "";
    if (!file) return;
    const caption = this.input.value.trim();
    this.input.value = "";
    this.onInput();
    const query = new URLSearchParams({ personaId: String(this.persona.id), name: file.name, ...(caption ? { caption } : {}) });
    const response = await fetch(`/api/upload?${query}`, { method: "POST", body: file });
    if (!response.ok) toast((await response.json().catch(() => ({}))).error ?? "Upload failed");
  }

  onInput() {
    const input = this.input;
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, 132)}px`;
    this.sendButton.disabled = input.value.trim() === "";
    const typed = /^\/([a-z0-9_]*)$/i.exec(input.value);
    if (typed && this.commands.length) this.showCommands(/** @type {string} */ (typed[1]).toLowerCase());
    else this.hideCommands();
  }

  /** @param {KeyboardEvent} event */
  onKeyDown(event) {
    const popupOpen = !this.commandPopup.hidden;
    if (popupOpen && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      const buttons = [...this.commandPopup.querySelectorAll("button")];
      const index = buttons.findIndex((b) => b.classList.contains("selected"));
      buttons[index]?.classList.remove("selected");
      const next = buttons[(index + (event.key === "ArrowDown" ? 1 : -1) + buttons.length) % buttons.length];
      next?.classList.add("selected");
      next?.scrollIntoView({ block: "nearest" });
      return;
    }
    if (popupOpen && event.key === "Tab") {
      const selected = this.commandPopup.querySelector("button.selected") ?? this.commandPopup.querySelector("button");
      if (selected) {
        event.preventDefault();
        this.input.value = `/${selected.getAttribute("data-command")} `;
        this.onInput();
      }
      return;
    }
    if (event.key === "Escape") return this.hideCommands();
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      const selected = popupOpen ? this.commandPopup.querySelector("button.selected") : null;
      if (selected) return void this.send(`/${selected.getAttribute("data-command")}`).then(() => { this.input.value = ""; this.onInput(); });
      void this.sendInput();
    }
  }

  toggleCommands() {
    if (this.commandPopup.hidden) this.showCommands("");
    else this.hideCommands();
  }

  /** @param {string} prefix */
  showCommands(prefix) {
    const matching = this.commands.filter((c) => c.command.startsWith(prefix));
    if (matching.length === 0) return this.hideCommands();
    this.commandPopup.replaceChildren(
      ...matching.map((c) =>
        h(
          "button",
          {
            type: "button",
            role: "option",
            "data-command": c.command,
            onclick: () => {
              this.input.value = "";
              this.onInput();
              void this.send(`/${c.command}`);
            },
          },
          h("span", { class: "cmd", text: `/${c.command}` }),
          h("span", { class: "desc", text: c.description }),
        ),
      ),
    );
    this.commandPopup.hidden = false;
  }

  hideCommands() {
    this.commandPopup.hidden = true;
  }

  /** @param {HTMLElement} row @param {number} messageId */
  showForwardMenu(row, messageId) {
    document.querySelectorAll(".forward-menu").forEach((m) => m.remove());
    const others = (state?.personas ?? []).filter((p) => p.id !== this.persona.id);
    const menu = h(
      "div",
      { class: "forward-menu", role: "menu" },
      h("div", { class: "title", text: "Forward to…" }),
      ...others.map((p) =>
        h(
          "button",
          {
            type: "button",
            role: "menuitem",
            onclick: async () => {
              menu.remove();
              try {
                await post("/api/forward", { fromId: this.persona.id, messageId, toId: p.id });
                panes.get(p.id)?.reveal();
                toast(`Forwarded to ${fullName(p)}`);
              } catch (error) {
                toast(String(/** @type {Error} */ (error).message));
              }
            },
          },
          avatar(p),
          fullName(p),
        ),
      ),
    );
    row.append(menu);
    setTimeout(() => document.addEventListener("click", (e) => { if (!menu.contains(/** @type {Node} */ (e.target))) menu.remove(); }, { once: true }), 0);
  }

  toggleMenu() {
    if (!this.menu.hidden) return void (this.menu.hidden = true);
    const select = h("select", { "aria-label": "Telegram language" }, ...(state?.languages ?? []).map((code) => h("option", { value: code, selected: code === this.persona.languageCode, text: LANGUAGE_NAMES[code] ?? code })));
    select.addEventListener("change", async () => {
      try {
        await post("/api/language", { personaId: this.persona.id, languageCode: select.value });
      } catch (error) {
        toast(String(/** @type {Error} */ (error).message));
      }
    });
    this.menu.replaceChildren(
      h("label", {}, "Telegram app language", select),
      h("p", { class: "hint", text: "Sets the bot's first guess at /start and the language of the command menu." }),
      h("button", { type: "button", onclick: () => void (this.persona.blocked ? this.restart() : this.setBlocked(true)) }, this.persona.blocked ? "▶ Restart the bot" : "⛔ Block the bot"),
    );
    this.menu.hidden = false;
  }

  /** Telegram's "Restart": unblock, then /start. */
  async restart() {
    await this.setBlocked(false);
    await this.send("/start");
  }

  /** @param {boolean} blocked */
  async setBlocked(blocked) {
    this.menu.hidden = true;
    try {
      await post("/api/block", { personaId: this.persona.id, blocked });
    } catch (error) {
      toast(String(/** @type {Error} */ (error).message));
    }
  }

  scrollToBottom() {
    this.pinned = true;
    requestAnimationFrame(() => {
      this.messages.scrollTop = this.messages.scrollHeight;
    });
  }

  isActive() {
    return !isPhone() || activeId === this.persona.id;
  }

  markUnread() {
    this.unread++;
    renderTabs();
  }

  /** Brings this pane into view: its tab on a phone, a scroll on a wide screen. */
  reveal() {
    if (isPhone()) activate(this.persona.id);
    else this.element.scrollIntoView({ behavior: "smooth", inline: "nearest", block: "nearest" });
  }
}

// ── "Add person" pane ───────────────────────────────────────────────────────────────────

function addPane() {
  const firstName = h("input", { name: "firstName", required: true, maxlength: "64", placeholder: "e.g. Ерлан", autocomplete: "off" });
  const lastName = h("input", { name: "lastName", maxlength: "64", placeholder: "optional", autocomplete: "off" });
  const language = h("select", { name: "languageCode" }, ...["kk", "ru", "ky", "en"].map((code) => h("option", { value: code, text: LANGUAGE_NAMES[code] ?? code })));
  const button = h("button", { type: "submit", class: "chip primary" }, "Add person");
  const form = h(
    "form",
    {
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        button.disabled = true;
        try {
          const { persona } = await post("/api/personas", { firstName: firstName.value, lastName: lastName.value, languageCode: language.value });
          form.reset();
          // The live update may have brought the new pane already.
          const pane = panes.get(persona.id);
          if (pane) pane.reveal();
          else pendingReveal = persona.id;
          toast(`${persona.firstName} joined Telegram`);
        } catch (error) {
          toast(String(/** @type {Error} */ (error).message));
        } finally {
          button.disabled = false;
        }
      },
    },
    h("label", {}, "First name", firstName),
    h("label", {}, "Last name", lastName),
    h("label", {}, "Telegram language", language),
    button,
  );
  return h(
    "section",
    { class: "pane add-pane", "data-persona-id": ADD_ID, "aria-label": "Add person" },
    h("header", { class: "pane-head" }, h("div", { class: "avatar add", "aria-hidden": "true" }, "+"), h("div", { class: "who" }, h("div", { class: "name", text: "Add person" }), h("div", { class: "status", text: "a second parent, a classmate…" }))),
    h(
      "div",
      { class: "add-body" },
      h("p", { text: "Someone new opens Telegram and finds the bot. They get their own chat pane; what they may do is up to the bot." }),
      form,
      h(
        "div",
        { class: "tips" },
        h("div", {}, h("b", { text: "Link a parent: " }), "the pupil taps “Invite a parent”, then ↪ forwards the invite to the parent, who taps the link."),
        h("div", {}, h("b", { text: "New teacher: " }), "the admin creates a teacher invite in /admin; forward it to a new person."),
        h("div", {}, h("b", { text: "Time: " }), "+1 h, +1 day and Next job move the app's clock and run what became due."),
      ),
    ),
  );
}

/** @type {number | undefined} */
let pendingReveal;
let addPaneNode = /** @type {HTMLElement | undefined} */ (undefined);

// ── Layout, tabs, clock ─────────────────────────────────────────────────────────────────

const phoneQuery = window.matchMedia("(max-width: 760px)");
const isPhone = () => phoneQuery.matches;

/** @param {number | "add"} id */
function activate(id) {
  activeId = id;
  for (const [personaId, pane] of panes) {
    pane.element.classList.toggle("active", personaId === id);
    if (personaId === id) {
      pane.unread = 0;
      if (pane.pinned) pane.scrollToBottom();
    }
  }
  addPaneNode?.classList.toggle("active", id === ADD_ID);
  renderTabs();
}

function renderTabs() {
  const tabs = document.getElementById("tabs");
  if (!tabs || !state) return;
  tabs.replaceChildren(
    ...state.personas.map((persona) => {
      const pane = panes.get(persona.id);
      const unread = pane && pane.unread > 0 && activeId !== persona.id ? h("span", { class: "badge", text: String(pane.unread) }) : null;
      return h("button", { type: "button", class: "tab", role: "tab", "aria-selected": String(activeId === persona.id), "data-tab": persona.id, onclick: () => activate(persona.id) }, avatar(persona), persona.firstName, unread);
    }),
    h("button", { type: "button", class: "tab", role: "tab", "aria-selected": String(activeId === ADD_ID), "data-tab": ADD_ID, onclick: () => activate(ADD_ID) }, h("div", { class: "avatar add", "aria-hidden": "true" }, "+"), "Add"),
  );
}

function syncPersonas() {
  if (!state) return;
  const container = /** @type {HTMLElement} */ (document.getElementById("panes"));
  container.querySelector(".loading")?.remove();
  const ids = new Set(state.personas.map((p) => p.id));
  for (const [id, pane] of panes) {
    if (!ids.has(id)) {
      pane.element.remove();
      panes.delete(id);
    }
  }
  for (const persona of state.personas) {
    const existing = panes.get(persona.id);
    if (existing) {
      existing.setPersona(persona);
      continue;
    }
    const pane = new Pane(persona);
    panes.set(persona.id, pane);
    pane.renderChat(state.chats[String(persona.id)] ?? { timeline: [], replyKeyboard: null });
  }
  addPaneNode ??= addPane();
  // Keep the DOM order the same as the list, the add pane last.
  for (const persona of state.personas) container.append(/** @type {Pane} */ (panes.get(persona.id)).element);
  container.append(addPaneNode);
  if (activeId === undefined || (activeId !== ADD_ID && !panes.has(activeId))) activeId = state.personas[0]?.id;
  if (pendingReveal !== undefined && panes.has(pendingReveal)) {
    const pane = /** @type {Pane} */ (panes.get(pendingReveal));
    pendingReveal = undefined;
    if (isPhone()) activate(pane.persona.id);
    else pane.element.scrollIntoView({ behavior: "smooth", inline: "nearest" });
  }
  activate(/** @type {number | "add"} */ (activeId));
}

function renderClock() {
  if (!state) return;
  const now = new Date(clockBase.serverMs + (Date.now() - clockBase.localMs));
  const time = document.getElementById("clock-time");
  if (time) {
    const weekday = isPhone() ? undefined : "short";
    time.textContent = new Intl.DateTimeFormat("en-GB", { weekday, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: state.clock.timeZone }).format(now);
    time.title = `${now.toISOString()} (shown in ${state.clock.timeZone})`;
  }
  const offset = document.getElementById("clock-offset");
  if (offset) {
    const minutes = Math.round(state.clock.offsetMs / 60_000);
    offset.hidden = Math.abs(minutes) < 1;
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const rest = minutes % 60;
    offset.textContent = `+${[days ? `${days} d` : "", hours ? `${hours} h` : "", rest ? `${rest} min` : ""].filter(Boolean).join(" ")}`;
    offset.title = "How far the app's clock is ahead of real time";
  }
}

/** @param {Clock} clock */
function setClock(clock) {
  if (!state) return;
  state.clock = clock;
  clockBase = { serverMs: new Date(clock.now).getTime(), localMs: Date.now() };
  renderClock();
}

// ── Live updates ────────────────────────────────────────────────────────────────────────

/** @param {number} chatId */
const paneOf = (chatId) => panes.get(chatId);

function connect() {
  const events = new EventSource("/api/events");
  /** @param {string} name @param {(data: any) => void} handle */
  const on = (name, handle) => events.addEventListener(name, (event) => handle(JSON.parse(/** @type {MessageEvent} */ (event).data)));

  on("state", (/** @type {State} */ data) => {
    const first = !state;
    state = data;
    for (const pane of panes.values()) pane.element.remove();
    panes.clear();
    syncPersonas();
    setClock(data.clock);
    const botName = document.getElementById("bot-name");
    if (botName) botName.textContent = `@${data.bot.username}`;
    document.body.dataset.ready = "true";
    if (first) renderTabs();
  });
  on("entry", (/** @type {{ chatId: number, entry: Entry }} */ data) => {
    state?.chats[String(data.chatId)]?.timeline.push(data.entry);
    paneOf(data.chatId)?.addEntry(data.entry);
  });
  on("edit", (/** @type {{ chatId: number, message: Message }} */ data) => {
    const chat = state?.chats[String(data.chatId)];
    const entry = chat?.timeline.find((e) => e.kind === "message" && e.message.message_id === data.message.message_id);
    if (entry) entry.message = data.message;
    paneOf(data.chatId)?.replaceMessage(data.message);
  });
  on("delete", (/** @type {{ chatId: number, messageIds: number[] }} */ data) => {
    const chat = state?.chats[String(data.chatId)];
    if (chat) chat.timeline = chat.timeline.filter((e) => !(e.kind === "message" && data.messageIds.includes(e.message.message_id)));
    paneOf(data.chatId)?.removeMessages(data.messageIds);
  });
  on("action", (/** @type {{ chatId: number, action: string }} */ data) => paneOf(data.chatId)?.showAction(data.action));
  on("callback-answer", (data) => paneOf(data.chatId)?.callbackAnswer(data));
  on("personas", (/** @type {Persona[]} */ personas) => {
    if (!state) return;
    for (const persona of personas) state.chats[String(persona.id)] ??= { timeline: [], replyKeyboard: null };
    state.personas = personas;
    syncPersonas();
  });
  on("commands", (/** @type {Record<string, Command[]>} */ commands) => {
    if (!state) return;
    state.commands = commands;
    for (const pane of panes.values()) pane.updateHeader();
  });
  on("clock", (/** @type {Clock} */ clock) => setClock(clock));
}

function wireTopBar() {
  for (const button of document.querySelectorAll("[data-clock]")) {
    button.addEventListener("click", async () => {
      const action = button.getAttribute("data-clock");
      document.querySelectorAll("[data-clock]").forEach((b) => ((/** @type {HTMLButtonElement} */ (b)).disabled = true));
      try {
        const result = await post("/api/clock", { action });
        setClock(result.clock);
        toast(result.message);
      } catch (error) {
        toast(String(/** @type {Error} */ (error).message));
      } finally {
        document.querySelectorAll("[data-clock]").forEach((b) => ((/** @type {HTMLButtonElement} */ (b)).disabled = false));
      }
    });
  }
  const reset = /** @type {HTMLButtonElement} */ (document.getElementById("reset"));
  reset.addEventListener("click", async () => {
    if (!window.confirm(`Reset the demo? This wipes the database (${state?.database ?? "?"}) and every chat, then seeds the demo again.`)) return;
    reset.disabled = true;
    try {
      await post("/api/reset");
      toast("The demo is fresh again");
    } catch (error) {
      toast(String(/** @type {Error} */ (error).message));
    } finally {
      reset.disabled = false;
    }
  });
  phoneQuery.addEventListener("change", () => activate(activeId ?? ADD_ID));
  setInterval(renderClock, 15_000);
}

wireTopBar();
connect();
