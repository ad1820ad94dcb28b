import type { MessageEntity } from "grammy/types";
import { describe, expect, it } from "vitest";
import { entitiesToHtml, htmlToPlain } from "../../src/bot/entities-to-html.js";

const e = (type: string, offset: number, length: number, extra: Record<string, unknown> = {}) => ({ type, offset, length, ...extra }) as MessageEntity;

describe("entitiesToHtml", () => {
  it("escapes everything the teacher typed, so no text is read as markup", () => {
    expect(entitiesToHtml("Tom & Jerry <b>not bold</b> 5 > 3")).toBe("Tom &amp; Jerry &lt;b&gt;not bold&lt;/b&gt; 5 &gt; 3");
    expect(entitiesToHtml("")).toBe("");
  });

  it.each([
    ["bold", "<b>word</b>"],
    ["italic", "<i>word</i>"],
    ["underline", "<u>word</u>"],
    ["strikethrough", "<s>word</s>"],
    ["spoiler", "<tg-spoiler>word</tg-spoiler>"],
    ["code", "<code>word</code>"],
    ["blockquote", "<blockquote>word</blockquote>"],
    ["expandable_blockquote", "<blockquote expandable>word</blockquote>"],
  ])("turns %s into its tag", (type, html) => {
    expect(entitiesToHtml("a word.", [e(type, 2, 4)])).toBe(`a ${html}.`);
  });

  it("keeps a pre block with its language, and drops a language that could break the attribute", () => {
    expect(entitiesToHtml("x = 1 < 2", [e("pre", 0, 9, { language: "python" })])).toBe('<pre><code class="language-python">x = 1 &lt; 2</code></pre>');
    expect(entitiesToHtml("code", [e("pre", 0, 4)])).toBe("<pre>code</pre>");
    expect(entitiesToHtml("code", [e("pre", 0, 4, { language: 'x" onclick="y' })])).toBe("<pre>code</pre>");
  });

  it("makes links with the URL escaped, and leaves the words of a link Telegram would refuse", () => {
    expect(entitiesToHtml("Schedule here", [e("text_link", 9, 4, { url: 'https://school.kz/a?b=1&c="2"' })])).toBe(
      'Schedule <a href="https://school.kz/a?b=1&amp;c=&quot;2&quot;">here</a>',
    );
    expect(entitiesToHtml("click me", [e("text_link", 0, 8, { url: "javascript:alert(1)" })])).toBe("click me");
    expect(entitiesToHtml("Dana", [e("text_mention", 0, 4, { user: { id: 42, is_bot: false, first_name: "Dana" } })])).toBe('<a href="tg://user?id=42">Dana</a>');
  });

  it("needs no tags for what Telegram recognises by itself, and keeps the text of custom emoji", () => {
    const text = "@bagdar #proforientation https://bagdar.kz +77001234567 /start ⭐";
    const entities = [e("mention", 0, 7), e("hashtag", 8, 16), e("url", 25, 17), e("phone_number", 43, 12), e("bot_command", 56, 6), e("custom_emoji", 63, 1, { custom_emoji_id: "1" })];
    expect(entitiesToHtml(text, entities)).toBe(text);
  });

  it("nests entities: bold around italic, and two entities over the same words", () => {
    // "Dear parents" bold, "parents" also italic
    expect(entitiesToHtml("Dear parents!", [e("bold", 0, 12), e("italic", 5, 7)])).toBe("<b>Dear <i>parents</i></b>!");
    // Same start, the longer one outside, whatever order Telegram lists them in
    expect(entitiesToHtml("Meeting at 18:00", [e("italic", 0, 7), e("bold", 0, 16)])).toBe("<b><i>Meeting</i> at 18:00</b>");
    expect(entitiesToHtml("abc", [e("bold", 0, 3), e("underline", 0, 3)])).toBe("<b><u>abc</u></b>");
    expect(entitiesToHtml("link", [e("bold", 0, 4), e("text_link", 0, 4, { url: "https://a.kz" })])).toBe('<b><a href="https://a.kz">link</a></b>');
  });

  it("counts offsets in UTF-16 units: emoji before and inside an entity", () => {
    // 👪 and 🎒 are two UTF-16 units each
    const text = "👪 Ата-аналар жиналысы 🎒 ертең";
    expect(text.indexOf("Ата")).toBe(3);
    expect(entitiesToHtml(text, [e("bold", 3, 19)])).toBe("👪 <b>Ата-аналар жиналысы</b> 🎒 ертең");
    expect(entitiesToHtml(text, [e("italic", 23, 8)])).toBe("👪 Ата-аналар жиналысы <i>🎒 ертең</i>");
    // A flag is four units; an entity covering it exactly
    expect(entitiesToHtml("🇰🇿 KZ", [e("bold", 0, 4)])).toBe("<b>🇰🇿</b> KZ");
  });

  it("closes and reopens partly overlapping entities so tags always nest", () => {
    expect(entitiesToHtml("abcdef", [e("bold", 0, 4), e("italic", 2, 4)])).toBe("<b>ab<i>cd</i></b><i>ef</i>");
  });

  it("ignores formatting inside code, entities out of range and empty ones", () => {
    expect(entitiesToHtml("a*b*c", [e("code", 0, 5), e("bold", 1, 3)])).toBe("<code>a*b*c</code>");
    expect(entitiesToHtml("short", [e("bold", 3, 10), e("italic", 0, 0), e("underline", -1, 2)])).toBe("short");
  });

  it("reads back as the plain text it came from", () => {
    const text = 'Tom & "Jerry" <3 — 👪';
    const html = entitiesToHtml(text, [e("bold", 0, 3), e("spoiler", 6, 7)]);
    expect(htmlToPlain(html)).toBe(text);
  });
});
