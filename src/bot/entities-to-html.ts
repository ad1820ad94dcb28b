import type { MessageEntity } from "grammy/types";
import { escapeHtml } from "./format.js";

/**
 * A received message (text + entities) as Telegram HTML, so a teacher's bold, links and
 * spoilers reach every recipient exactly as typed, and nothing the teacher typed can be
 * read as markup: every character outside the tags is escaped.
 *
 * Offsets are UTF-16 code units, which is how JavaScript strings index too, so emoji and
 * other astral characters need no conversion. Entities Telegram recognises by itself
 * (mentions, hashtags, plain URLs, e-mails, phone numbers, commands) need no tags.
 */

type Tag = { open: string; close: string };

const SAFE_LINK = /^(https?:\/\/|tg:\/\/|mailto:)/i;

function escapeAttribute(value: string): string {
  return escapeHtml(value).replace(/"/g, "&quot;");
}

function tagFor(entity: MessageEntity): Tag | undefined {
  switch (entity.type) {
    case "bold":
      return { open: "<b>", close: "</b>" };
    case "italic":
      return { open: "<i>", close: "</i>" };
    case "underline":
      return { open: "<u>", close: "</u>" };
    case "strikethrough":
      return { open: "<s>", close: "</s>" };
    case "spoiler":
      return { open: "<tg-spoiler>", close: "</tg-spoiler>" };
    case "code":
      return { open: "<code>", close: "</code>" };
    case "pre": {
      const language = entity.language && /^[\w+#.-]{1,32}$/.test(entity.language) ? entity.language : undefined;
      return language ? { open: `<pre><code class="language-${language}">`, close: "</code></pre>" } : { open: "<pre>", close: "</pre>" };
    }
    case "blockquote":
      return { open: "<blockquote>", close: "</blockquote>" };
    case "expandable_blockquote":
      return { open: "<blockquote expandable>", close: "</blockquote>" };
    case "text_link":
      // Telegram refuses a message whose link has a scheme it does not know; keep the words, drop such a link.
      return SAFE_LINK.test(entity.url) ? { open: `<a href="${escapeAttribute(entity.url)}">`, close: "</a>" } : undefined;
    case "text_mention":
      return { open: `<a href="tg://user?id=${entity.user.id}">`, close: "</a>" };
    default:
      // Custom emoji need a bot with a paid username, and dates render as typed: their text stays, unadorned.
      return undefined;
  }
}

interface Span {
  start: number;
  end: number;
  tag: Tag;
  /** Order among spans: outer ones first. */
  rank: number;
}

const isCode = (entity: MessageEntity) => entity.type === "code" || entity.type === "pre";

export function entitiesToHtml(text: string, entities: readonly MessageEntity[] = []): string {
  const valid = entities.filter((e) => e.length > 0 && e.offset >= 0 && e.offset + e.length <= text.length);
  // Code shows text literally: Telegram allows no formatting inside it.
  const code = valid.filter(isCode);
  const inCode = (e: MessageEntity) => !isCode(e) && code.some((c) => e.offset >= c.offset && e.offset + e.length <= c.offset + c.length);
  const spans: Span[] = valid
    .filter((e) => !inCode(e))
    .map((e) => ({ entity: e, tag: tagFor(e) }))
    .filter((s): s is { entity: MessageEntity; tag: Tag } => s.tag !== undefined)
    // Longer first at the same offset, so the outer entity opens first; ties keep Telegram's order.
    .map((s, i) => ({ start: s.entity.offset, end: s.entity.offset + s.entity.length, tag: s.tag, rank: i }))
    .sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank)
    .map((s, i) => ({ ...s, rank: i }));

  const boundaries = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const open: Span[] = [];
  let html = "";
  for (let i = 0; i < boundaries.length; i++) {
    const at = boundaries[i]!;
    // Close what ends here. A span that ends inside another one it overlaps (never in a message from
    // Telegram, but possible in crafted input) is closed and reopened, so the tags always nest.
    const ending = open.filter((s) => s.end === at);
    if (ending.length > 0) {
      const deepestEnding = Math.min(...ending.map((s) => open.indexOf(s)));
      const reopen = open.splice(deepestEnding);
      for (const span of [...reopen].reverse()) html += span.tag.close;
      for (const span of reopen) {
        if (span.end !== at) {
          html += span.tag.open;
          open.push(span);
        }
      }
    }
    for (const span of spans.filter((s) => s.start === at)) {
      html += span.tag.open;
      open.push(span);
    }
    const next = boundaries[i + 1];
    if (next !== undefined) html += escapeHtml(text.slice(at, next));
  }
  return html;
}

/** The visible text of our own HTML: tags dropped, entities decoded; for short previews in lists. */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
