import { describe, expect, it } from "vitest";
import { formatText, parseHtml, parseMarkdown, parseMarkdownV2 } from "../../dev/playground/formatting.js";

describe("Telegram's parse modes in the emulator", () => {
  it("turns HTML into text and entities with UTF-16 offsets", () => {
    expect(parseHtml("🎒 <b>Аружан</b>")).toEqual({ text: "🎒 Аружан", entities: [{ type: "bold", offset: 3, length: 6 }] });
    expect(parseHtml('<pre><code class="language-json">{"a":1}</code></pre>')).toEqual({
      text: '{"a":1}',
      entities: [{ type: "pre", offset: 0, length: 7, language: "json" }],
    });
    expect(parseHtml('<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>').entities.map((e) => e.type)).toEqual(["spoiler", "spoiler"]);
    expect(parseHtml("<blockquote expandable>long</blockquote>").entities).toEqual([{ type: "expandable_blockquote", offset: 0, length: 4 }]);
    expect(parseHtml("&#x41;&#66;&lt;&quot;&nbsp;&amp").text).toBe('AB<"&nbsp;&');
    expect(parseHtml("<B>upper</B>").entities).toEqual([{ type: "bold", offset: 0, length: 5 }]);
    // A link Telegram cannot open stays plain text.
    expect(parseHtml('<a href="javascript:alert(1)">x</a>')).toEqual({ text: "x", entities: [] });
  });

  it("refuses what Telegram refuses, with its messages", () => {
    expect(() => parseHtml("<span>x</span>")).toThrow('Tag "span" must have class "tg-spoiler" at byte offset 0');
    expect(() => parseHtml('<a href="x>y</a>')).toThrow("Unclosed start tag at byte offset 9");
    expect(() => parseHtml("<b")).toThrow("Unclosed start tag at byte offset 0");
    expect(() => parseHtml("<a href>x</a>")).toThrow('Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0');
    expect(() => parseHtml("x</b")).toThrow("Unexpected end tag at byte offset 1");
  });

  it("parses MarkdownV2 code blocks, links, quotes and the legacy Markdown", () => {
    expect(parseMarkdownV2("```ts\nlet x = 1;\n```")).toEqual({ text: "let x = 1;\n", entities: [{ type: "pre", offset: 0, length: 11, language: "ts" }] });
    expect(parseMarkdownV2("||тайна|| ~old~ __u__")).toEqual({
      text: "тайна old u",
      entities: [
        { type: "spoiler", offset: 0, length: 5 },
        { type: "strikethrough", offset: 6, length: 3 },
        { type: "underline", offset: 10, length: 1 },
      ],
    });
    expect(parseMarkdownV2(">quoted\nplain").entities).toEqual([{ type: "blockquote", offset: 0, length: 6 }]);
    expect(() => parseMarkdownV2("[x](http://a.kz")).toThrow("Can't find end of a URL at byte offset 4");
    expect(parseMarkdown("*b* _i_ [t](https://t.me/x)")).toEqual({
      text: "b i t",
      entities: [
        { type: "bold", offset: 0, length: 1 },
        { type: "italic", offset: 2, length: 1 },
        { type: "text_link", offset: 4, length: 1, url: "https://t.me/x" },
      ],
    });
    expect(() => parseMarkdown("*open")).toThrow("Can't find end of the entity starting at byte offset 0");
  });

  it("trims white space like Telegram and keeps entities in place", () => {
    expect(formatText("\n  <b>hi</b> there  \n", { parseMode: "HTML", kind: "text" })).toEqual({ text: "hi there", entities: [{ type: "bold", offset: 0, length: 2 }] });
    expect(formatText("", { kind: "caption" })).toEqual({ text: "", entities: [] });
  });
});
