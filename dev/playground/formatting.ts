import type { MessageEntity } from "grammy/types";
import { badRequest } from "./bot-api-error.js";

/**
 * Telegram's text formatting, as the Bot API applies it: `parse_mode` markup becomes plain text
 * plus entities (UTF-16 offsets), or "can't parse entities" with the same wording as Telegram
 * (ported from tdlib's MessageEntity.cpp). Links, @mentions, /commands, #hashtags and e-mails
 * are then detected as a Telegram client would show them.
 */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

type EntityFields = { type: MessageEntity["type"]; offset: number; length: number; url?: string; language?: string; custom_emoji_id?: string };
const entity = (fields: EntityFields) => fields as MessageEntity;

class ParseError extends Error {}

/** `at(i)` past the end reads as NUL, like tdlib's NUL-terminated slices. */
function reader(text: string) {
  return (i: number): string => (i < text.length ? text[i]! : "\0");
}

const isSpace = (c: string) => c === " " || c === "\t" || c === "\r" || c === "\n" || c === "\0" || c === "\v" || c === "\f";
const byteOffset = (text: string, i: number) => Buffer.byteLength(text.slice(0, i), "utf8");

/** `&lt;` `&gt;` `&amp;` `&quot;` and numeric references; anything else stays literal. Returns [char, next index] or undefined. */
function decodeHtmlEntity(text: string, pos: number): [string, number] | undefined {
  const at = reader(text);
  let end = pos + 1;
  let code = 0;
  if (at(pos + 1) === "#") {
    end++;
    if (at(pos + 2) === "x") {
      end++;
      while (/[0-9a-fA-F]/.test(at(end))) code = code * 16 + parseInt(at(end++), 16);
    } else {
      while (/[0-9]/.test(at(end))) code = code * 10 + Number(at(end++));
    }
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return undefined;
  } else {
    while (/[A-Za-z]/.test(at(end))) end++;
    const name = text.slice(pos + 1, end);
    const named: Record<string, number> = { lt: 60, gt: 62, amp: 38, quot: 34 };
    if (!(name in named)) return undefined;
    code = named[name]!;
  }
  return [String.fromCodePoint(code), at(end) === ";" ? end + 1 : end];
}

const HTML_TAGS = new Set(["a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote"]);

/** Telegram's HTML parse mode (tdlib `parse_html`). */
export function parseHtml(input: string): FormattedText {
  const at = reader(input);
  let result = "";
  const entities: EntityFields[] = [];
  const open: Array<{ tag: string; argument: string; offset: number }> = [];

  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === "&") {
      const decoded = decodeHtmlEntity(input, i);
      if (decoded) {
        result += decoded[0];
        i = decoded[1] - 1;
        continue;
      }
    }
    if (c !== "<") {
      result += c;
      continue;
    }
    const begin = i++;
    if (at(i) !== "/") {
      while (!isSpace(at(i)) && at(i) !== ">") i++;
      if (at(i) === "\0") throw new ParseError(`Unclosed start tag at byte offset ${byteOffset(input, begin)}`);
      const tag = input.slice(begin + 1, i).toLowerCase();
      if (!HTML_TAGS.has(tag)) throw new ParseError(`Unsupported start tag "${tag}" at byte offset ${byteOffset(input, begin)}`);
      let argument = "";
      while (at(i) !== ">") {
        while (at(i) !== "\0" && isSpace(at(i))) i++;
        if (at(i) === ">") break;
        const nameStart = i;
        while (!isSpace(at(i)) && at(i) !== "=" && at(i) !== ">") i++;
        const attribute = input.slice(nameStart, i);
        if (attribute === "") throw new ParseError(`Empty attribute name in the tag "${tag}" at byte offset ${byteOffset(input, begin)}`);
        while (at(i) !== "\0" && isSpace(at(i))) i++;
        // `<blockquote expandable>` is the one attribute without a value.
        if (at(i) !== "=" && tag === "blockquote" && attribute === "expandable") {
          argument = "1";
          continue;
        }
        if (at(i) !== "=") throw new ParseError(`Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${byteOffset(input, begin)}`);
        i++;
        while (at(i) !== "\0" && isSpace(at(i))) i++;
        if (at(i) === "\0") throw new ParseError(`Unclosed start tag "${tag}" at byte offset ${byteOffset(input, begin)}`);
        let value = "";
        if (at(i) !== "'" && at(i) !== '"') {
          const tokenStart = i;
          while (/[A-Za-z0-9.-]/.test(at(i))) i++;
          value = input.slice(tokenStart, i).toLowerCase();
          if (!isSpace(at(i)) && at(i) !== ">") throw new ParseError(`Unexpected end of name token at byte offset ${byteOffset(input, tokenStart)}`);
        } else {
          const quote = at(i++);
          const valueStart = i;
          while (at(i) !== quote && at(i) !== "\0") {
            if (at(i) === "&") {
              const decoded = decodeHtmlEntity(input, i);
              if (decoded) {
                value += decoded[0];
                i = decoded[1];
                continue;
              }
            }
            value += at(i++);
          }
          if (at(i) === quote) i++;
          if (at(i) === "\0") throw new ParseError(`Unclosed start tag at byte offset ${byteOffset(input, valueStart)}`);
        }
        if (tag === "a" && attribute === "href") argument = value;
        else if (tag === "code" && attribute === "class" && value.startsWith("language-")) argument = value.slice(9);
        else if (tag === "span" && attribute === "class" && value.startsWith("tg-")) argument = value.slice(3);
        else if (tag === "tg-emoji" && attribute === "emoji-id") argument = value;
        else if (tag === "blockquote" && attribute === "expandable") argument = "1";
      }
      if (tag === "span" && argument !== "spoiler") throw new ParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(input, begin)}`);
      open.push({ tag, argument, offset: result.length });
      continue;
    }

    // An end tag.
    if (open.length === 0) throw new ParseError(`Unexpected end tag at byte offset ${byteOffset(input, begin)}`);
    while (!isSpace(at(i)) && at(i) !== ">") i++;
    const endTag = input.slice(begin + 2, i).toLowerCase();
    while (isSpace(at(i)) && at(i) !== "\0") i++;
    if (at(i) !== ">") throw new ParseError(`Unclosed end tag at byte offset ${byteOffset(input, begin)}`);
    const { tag, argument, offset } = open.pop()!;
    if (endTag !== "" && endTag !== tag) {
      throw new ParseError(`Unmatched end tag at byte offset ${byteOffset(input, begin)}, expected "</${tag}>", found "</${endTag}>"`);
    }
    const length = result.length - offset;
    if (length <= 0) continue;
    const span = { offset, length };
    switch (tag) {
      case "b":
      case "strong":
        entities.push({ type: "bold", ...span });
        break;
      case "i":
      case "em":
        entities.push({ type: "italic", ...span });
        break;
      case "s":
      case "strike":
      case "del":
        entities.push({ type: "strikethrough", ...span });
        break;
      case "u":
      case "ins":
        entities.push({ type: "underline", ...span });
        break;
      case "tg-spoiler":
      case "span":
        entities.push({ type: "spoiler", ...span });
        break;
      case "tg-emoji":
        if (!/^\d{1,19}$/.test(argument)) throw new ParseError("Invalid custom emoji identifier specified");
        entities.push({ type: "custom_emoji", ...span, custom_emoji_id: argument });
        break;
      case "a": {
        const url = normaliseUrl(argument === "" ? result.slice(offset) : argument);
        if (url) entities.push({ type: "text_link", ...span, url });
        break;
      }
      case "code":
        entities.push({ type: "code", ...span, ...(argument ? { language: argument } : {}) });
        break;
      case "pre": {
        const last = entities.at(-1);
        if (last && last.type === "code" && last.offset === offset && last.length === length) {
          entities.pop();
          entities.push({ type: "pre", ...span, ...(last.language ? { language: last.language } : {}) });
        } else {
          entities.push({ type: "pre", ...span });
        }
        break;
      }
      case "blockquote":
        entities.push({ type: argument ? "expandable_blockquote" : "blockquote", ...span });
        break;
    }
  }
  if (open.length > 0) throw new ParseError(`Can't find end tag corresponding to start tag "${open.at(-1)!.tag}"`);
  // A `code` tag inside `pre` only names the language; keep the `pre`.
  return {
    text: result,
    entities: entities.map((e) => {
      if (e.type !== "code") return entity(e);
      const { language: _language, ...code } = e;
      return entity(code);
    }),
  };
}

const MARKDOWN_V2_RESERVED = "_*[]()~`>#+-=|{}.!";
const ENTITY_NAMES: Record<string, string> = {
  bold: "Bold",
  italic: "Italic",
  underline: "Underline",
  strikethrough: "Strikethrough",
  spoiler: "Spoiler",
  code: "Code",
  pre: "Pre",
  pre_code: "PreCode",
  text_link: "TextUrl",
  custom_emoji: "CustomEmoji",
};

/** Telegram's MarkdownV2 parse mode (tdlib `parse_markdown_v2`), with `>` block quotes at line starts. */
export function parseMarkdownV2(input: string): FormattedText {
  const at = reader(input);
  let result = "";
  const entities: EntityFields[] = [];
  const open: Array<{ type: string; argument: string; offset: number; byte: number }> = [];
  let quoteStart: number | undefined;

  const closeQuoteIfLineEnds = () => {
    if (quoteStart !== undefined && result.length > quoteStart) entities.push({ type: "blockquote", offset: quoteStart, length: result.length - quoteStart });
    quoteStart = undefined;
  };

  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    const lineStart = i === 0 || input[i - 1] === "\n";
    if (lineStart && open.length === 0) {
      if (c === ">") {
        if (quoteStart === undefined) quoteStart = result.length;
        continue;
      }
      if (i > 0) {
        // The previous line ended: a quote continues only on a line that starts with ">".
        if (quoteStart !== undefined) {
          const newlineAt = result.length - 1;
          if (newlineAt > quoteStart) entities.push({ type: "blockquote", offset: quoteStart, length: newlineAt - quoteStart });
          quoteStart = undefined;
        }
      }
    }
    if (c === "\\" && at(i + 1) !== "\0" && at(i + 1).charCodeAt(0) <= 126) {
      result += input[++i]!;
      continue;
    }
    const top = open.at(-1);
    const reserved = top && (top.type === "code" || top.type === "pre" || top.type === "pre_code") ? "`" : MARKDOWN_V2_RESERVED;
    if (!reserved.includes(c)) {
      result += c;
      continue;
    }
    let closes = false;
    if (top) {
      switch (top.type) {
        case "bold":
          closes = c === "*";
          break;
        case "italic":
          closes = c === "_" && at(i + 1) !== "_";
          break;
        case "code":
          closes = c === "`";
          break;
        case "pre":
        case "pre_code":
          closes = c === "`" && at(i + 1) === "`" && at(i + 2) === "`";
          break;
        case "text_link":
        case "custom_emoji":
          closes = c === "]";
          break;
        case "underline":
          closes = c === "_" && at(i + 1) === "_";
          break;
        case "strikethrough":
          closes = c === "~";
          break;
        case "spoiler":
          closes = c === "|" && at(i + 1) === "|";
          break;
      }
    }
    const reservedError = () => new ParseError(`Character '${at(i)}' is reserved and must be escaped with the preceding '\\'`);
    if (!closes) {
      const byte = byteOffset(input, i);
      let type: string;
      let argument = "";
      switch (c) {
        case "_":
          if (at(i + 1) === "_") {
            type = "underline";
            i++;
          } else type = "italic";
          break;
        case "*":
          type = "bold";
          break;
        case "~":
          type = "strikethrough";
          break;
        case "|":
          if (at(i + 1) !== "|") throw reservedError();
          i++;
          type = "spoiler";
          break;
        case "[":
          type = "text_link";
          break;
        case "`":
          if (at(i + 1) === "`" && at(i + 2) === "`") {
            i += 3;
            type = "pre";
            let languageEnd = i;
            while (!isSpace(at(languageEnd)) && at(languageEnd) !== "`") languageEnd++;
            if (i !== languageEnd && languageEnd < input.length && at(languageEnd) !== "`") {
              type = "pre_code";
              argument = input.slice(i, languageEnd);
              i = languageEnd;
            }
            if (at(i) === "\n" || at(i) === "\r") i += (at(i + 1) === "\n" || at(i + 1) === "\r") && at(i) !== at(i + 1) ? 2 : 1;
            i--;
          } else type = "code";
          break;
        case "!":
          if (at(i + 1) === "[") {
            i++;
            type = "custom_emoji";
            break;
          }
          throw reservedError();
        default:
          throw reservedError();
      }
      open.push({ type, argument, offset: result.length, byte });
      continue;
    }

    const current = open.pop()!;
    const span = { offset: current.offset, length: result.length - current.offset };
    switch (current.type) {
      case "underline":
      case "spoiler":
        i++;
        break;
      case "pre":
      case "pre_code":
        i += 2;
        break;
      case "text_link":
      case "custom_emoji": {
        let url = "";
        if (at(i + 1) !== "(") {
          url = result.slice(current.offset);
        } else {
          i += 2;
          const urlStart = i;
          while (i < input.length && at(i) !== ")") {
            if (at(i) === "\\" && at(i + 1) !== "\0" && at(i + 1).charCodeAt(0) <= 126) {
              url += at(i + 1);
              i += 2;
              continue;
            }
            url += at(i++);
          }
          if (at(i) !== ")") throw new ParseError(`Can't find end of a URL at byte offset ${byteOffset(input, urlStart)}`);
        }
        if (span.length > 0) {
          if (current.type === "custom_emoji") {
            const id = /^tg:\/\/emoji\?id=(\d{1,19})$/.exec(url)?.[1];
            if (!id) throw new ParseError("Custom emoji URL must have an emoji identifier");
            entities.push({ type: "custom_emoji", ...span, custom_emoji_id: id });
          } else {
            const normalised = normaliseUrl(url);
            if (normalised) entities.push({ type: "text_link", ...span, url: normalised });
          }
        }
        continue;
      }
    }
    if (span.length <= 0) continue;
    if (current.type === "pre_code") entities.push({ type: "pre", ...span, language: current.argument });
    else entities.push({ type: current.type as MessageEntity["type"], ...span });
  }
  if (open.length > 0) {
    const last = open.at(-1)!;
    throw new ParseError(`Can't find end of ${ENTITY_NAMES[last.type] ?? last.type} entity at byte offset ${last.byte}`);
  }
  closeQuoteIfLineEnds();
  return { text: result, entities: entities.map(entity) };
}

/** The legacy Markdown parse mode: *bold* _italic_ `code` ```pre``` [text](url), no nesting. */
export function parseMarkdown(input: string): FormattedText {
  const at = reader(input);
  let result = "";
  const entities: EntityFields[] = [];
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === "\\" && "_*`[".includes(at(i + 1))) {
      result += input[++i]!;
      continue;
    }
    if (!"_*`[".includes(c)) {
      result += c;
      continue;
    }
    const begin = i;
    const end = c === "[" ? "]" : c;
    let pre = false;
    let language = "";
    i++;
    if (c === "`" && at(i) === "`" && at(i + 1) === "`") {
      i += 2;
      pre = true;
      let languageEnd = i;
      while (!isSpace(at(languageEnd)) && at(languageEnd) !== "`") languageEnd++;
      if (i !== languageEnd && languageEnd < input.length && at(languageEnd) !== "`") {
        language = input.slice(i, languageEnd);
        i = languageEnd;
      }
      if (at(i) === "\n") i++;
    }
    const offset = result.length;
    while (i < input.length && (at(i) !== end || (pre && !(at(i + 1) === "`" && at(i + 2) === "`")))) result += at(i++);
    if (i >= input.length) throw new ParseError(`Can't find end of the entity starting at byte offset ${byteOffset(input, begin)}`);
    const span = { offset, length: result.length - offset };
    if (pre) i += 2;
    if (span.length === 0) continue;
    if (c === "*") entities.push({ type: "bold", ...span });
    else if (c === "_") entities.push({ type: "italic", ...span });
    else if (c === "`") entities.push(pre ? { type: "pre", ...span, ...(language ? { language } : {}) } : { type: "code", ...span });
    else {
      let url = result.slice(offset);
      if (at(i + 1) === "(") {
        const close = input.indexOf(")", i + 2);
        if (close < 0) throw new ParseError(`Can't find end of a URL at byte offset ${byteOffset(input, i + 2)}`);
        url = input.slice(i + 2, close);
        i = close;
      }
      const normalised = normaliseUrl(url);
      if (normalised) entities.push({ type: "text_link", ...span, url: normalised });
    }
  }
  return { text: result, entities: entities.map(entity) };
}

/** http(s), tg and ton links; a bare domain gets http://. Anything else is not a link (and becomes plain text). */
export function normaliseUrl(raw: string): string | undefined {
  const url = raw.trim();
  if (url === "" || /\s/.test(url)) return undefined;
  if (/^tg:\/\/[a-z_]+/i.test(url) || /^ton:\/\//i.test(url)) return url;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `http://${url}`;
  try {
    const parsed = new URL(withScheme);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
    if (!parsed.hostname.includes(".") && parsed.hostname !== "localhost") return undefined;
    return withScheme;
  } catch {
    return undefined;
  }
}

const TOP_LEVEL_DOMAINS = "com|org|net|kz|kg|ru|uz|tj|me|io|dev|app|edu|gov|info|biz|su|uk|de|fr|ai|co|tv|xyz|site|online|tech|shop|qazaqstan|рф|қаз|kaz";
const DETECTORS: Array<{ type: MessageEntity["type"]; pattern: RegExp }> = [
  { type: "email", pattern: /(?<![\p{L}\p{N}._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,24}(?![\p{L}\p{N}])/gu },
  {
    type: "url",
    pattern: new RegExp(
      String.raw`(?<![\p{L}\p{N}@./])(?:(?:https?|tg|ton):\/\/[^\s<>"]+|(?:[\p{L}\p{N}-]+\.)+(?:${TOP_LEVEL_DOMAINS})(?::\d{1,5})?(?:[/?#][^\s<>"]*)?)(?![\p{L}\p{N}])`,
      "giu",
    ),
  },
  { type: "mention", pattern: /(?<![\p{L}\p{N}_@/])@[A-Za-z][A-Za-z0-9_]{3,31}(?![A-Za-z0-9_])/gu },
  { type: "bot_command", pattern: /(?<![\p{L}\p{N}_/@.])\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z][A-Za-z0-9_]{2,31})?(?![\p{L}\p{N}_/])/gu },
  { type: "hashtag", pattern: /(?<![\p{L}\p{N}_#])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu },
];
/** Inside these nothing else is detected. */
const OPAQUE = new Set<string>(["code", "pre", "text_link", "url", "email", "mention", "bot_command", "hashtag", "custom_emoji", "text_mention"]);

/** Adds the entities a Telegram client detects by itself; explicit ones win where they overlap. */
export function detectEntities(text: string, explicit: MessageEntity[]): MessageEntity[] {
  const taken = explicit.filter((e) => OPAQUE.has(e.type)).map((e) => [e.offset, e.offset + e.length] as const);
  const found: MessageEntity[] = [];
  for (const { type, pattern } of DETECTORS) {
    for (const match of text.matchAll(pattern)) {
      let value = match[0];
      if (type === "url") value = value.replace(/[.,;:!?)\]'"»]+$/u, "");
      const start = match.index;
      const end = start + value.length;
      if (value.length === 0 || taken.some(([a, b]) => start < b && end > a)) continue;
      taken.push([start, end]);
      found.push(entity({ type, offset: start, length: value.length }));
    }
  }
  return sortEntities([...explicit, ...found]);
}

export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
}

/** Telegram drops leading and trailing white space and moves the entities with it. */
function trim(formatted: FormattedText): FormattedText {
  const leading = formatted.text.length - formatted.text.trimStart().length;
  const text = formatted.text.trim();
  const entities: MessageEntity[] = [];
  for (const e of formatted.entities) {
    const start = Math.max(0, e.offset - leading);
    const end = Math.min(text.length, e.offset - leading + e.length);
    if (end > start) entities.push({ ...e, offset: start, length: end - start });
  }
  return { text, entities };
}

const ENTITY_TYPES = new Set([
  "mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number", "bold", "italic", "underline", "strikethrough",
  "spoiler", "blockquote", "expandable_blockquote", "code", "pre", "text_link", "text_mention", "custom_emoji", "date_time",
]);

function explicitEntities(raw: unknown, text: string, field: "entities" | "caption_entities"): MessageEntity[] {
  let list = raw;
  if (typeof list === "string") {
    try {
      list = JSON.parse(list);
    } catch {
      throw badRequest(`can't parse ${field} JSON object`);
    }
  }
  if (!Array.isArray(list)) throw badRequest(`field "${field}" must be an Array`);
  return list.map((item: unknown) => {
    const e = item as Partial<EntityFields> | null;
    if (!e || typeof e !== "object" || typeof e.type !== "string" || !ENTITY_TYPES.has(e.type)) throw badRequest(`can't parse MessageEntity: unknown type`);
    const offset = Number(e.offset);
    const length = Number(e.length);
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length <= 0 || offset + length > text.length) {
      throw badRequest("entity beginning is out of bounds");
    }
    if (e.type === "text_link" && !normaliseUrl(String(e.url ?? ""))) throw badRequest("can't parse MessageEntity: wrong URL");
    return entity({ ...e, type: e.type, offset, length });
  });
}

/**
 * What Telegram stores for a text or caption: parse_mode applied (or explicit entities taken),
 * white space trimmed, entities detected, length checked.
 */
export function formatText(
  raw: unknown,
  options: { parseMode?: unknown; entities?: unknown; kind: "text" | "caption" },
): FormattedText {
  const input = raw === undefined || raw === null ? "" : String(raw);
  let formatted: FormattedText;
  const parseMode = options.parseMode === undefined || options.parseMode === null ? "" : String(options.parseMode);
  try {
    if (options.entities !== undefined && options.entities !== null) {
      formatted = { text: input, entities: explicitEntities(options.entities, input, options.kind === "text" ? "entities" : "caption_entities") };
    } else if (parseMode === "") formatted = { text: input, entities: [] };
    else if (parseMode.toLowerCase() === "html") formatted = parseHtml(input);
    else if (parseMode.toLowerCase() === "markdownv2") formatted = parseMarkdownV2(input);
    else if (parseMode.toLowerCase() === "markdown") formatted = parseMarkdown(input);
    else throw badRequest("unsupported parse_mode");
  } catch (error) {
    if (error instanceof ParseError) throw badRequest(`can't parse entities: ${error.message}`);
    throw error;
  }
  formatted = trim(formatted);
  if (options.kind === "text") {
    if (formatted.text === "") throw badRequest("message text is empty");
    if (formatted.text.length > MAX_TEXT_LENGTH) throw badRequest("message is too long");
  } else if (formatted.text.length > MAX_CAPTION_LENGTH) {
    throw badRequest("message caption is too long");
  }
  return { text: formatted.text, entities: detectEntities(formatted.text, formatted.entities) };
}
