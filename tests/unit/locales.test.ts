import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { LOCALES_DIR } from "../../src/bot/i18n.js";
import { LOCALES } from "../../src/db/models/user.js";

/** Every message id and attribute (`commands.start`) of one locale, with the variables each uses. */
function readLocale(locale: string): Map<string, string[]> {
  const dir = path.join(LOCALES_DIR, locale);
  const keys = new Map<string, string[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl"))) {
    const source = readFileSync(path.join(dir, file), "utf8");
    for (const message of new FluentResource(source).body) {
      keys.set(message.id, variablesOf(message.value));
      for (const [name, value] of Object.entries(message.attributes)) keys.set(`${message.id}.${name}`, variablesOf(value));
    }
    // FluentResource silently skips unparsable entries; make sure nothing was lost.
    const declared = source.match(/^[a-zA-Z][\w-]*\s*=/gm)?.length ?? 0;
    expect(new FluentResource(source).body.length, `${locale}/${file} has an entry Fluent cannot parse`).toBe(declared);
  }
  return keys;
}

function variablesOf(pattern: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (record.type === "var" && typeof record.name === "string") found.add(record.name);
      Object.values(record).forEach(walk);
    }
  };
  walk(pattern);
  return [...found].sort();
}

describe("locales", () => {
  const byLocale = Object.fromEntries(LOCALES.map((locale) => [locale, readLocale(locale)]));

  it("have at least one text", () => {
    expect(byLocale.kk!.size).toBeGreaterThan(0);
  });

  it.each(LOCALES.filter((l) => l !== "kk"))("%s has exactly the same keys as kk", (locale) => {
    expect([...byLocale[locale]!.keys()].sort()).toEqual([...byLocale.kk!.keys()].sort());
  });

  it.each(LOCALES.filter((l) => l !== "kk"))("%s uses the same variables as kk in every text", (locale) => {
    const mismatches = [...byLocale.kk!.entries()].filter(
      ([key, vars]) => JSON.stringify(byLocale[locale]!.get(key)) !== JSON.stringify(vars),
    );
    expect(mismatches.map(([key]) => key)).toEqual([]);
  });

  it("keep the same .ftl files in every language", () => {
    const files = (locale: string) => readdirSync(path.join(LOCALES_DIR, locale)).sort();
    for (const locale of LOCALES) expect(files(locale)).toEqual(files("kk"));
  });
});
