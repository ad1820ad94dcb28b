import { z } from "zod";

/**
 * Bump when the layout of any button payload changes: every older button then reads as stale
 * and gets "this button is out of date" instead of being misread.
 */
export const CALLBACK_VERSION = "1";

const MAX_CALLBACK_BYTES = 64; // Telegram's limit for callback_data
const SEPARATOR = ":";

type FieldSchema = z.ZodType<string | number | boolean>;

/**
 * A typed, versioned button payload: `1:<id>:<field>:<field>…`.
 * `unpack` validates with zod and returns undefined for anything stale, forged or malformed,
 * so a handler never sees a payload it did not create itself.
 */
export function defineCallbackData<const Shape extends Record<string, FieldSchema>>(id: string, shape: Shape) {
  const keys = Object.keys(shape) as (keyof Shape & string)[];
  const schema = z.object(shape).strict();
  const prefix = `${CALLBACK_VERSION}${SEPARATOR}${id}${SEPARATOR}`;
  type Values = z.output<typeof schema>;

  return {
    id,
    /** Matches this button's payloads; register with `bot.callbackQuery(data.filter, …)`. */
    filter: new RegExp(`^${CALLBACK_VERSION}${SEPARATOR}${id}(${SEPARATOR}|$)`),
    pack(values: { [K in keyof Shape]: string | number | boolean }): string {
      const parts = keys.map((key) => {
        const value = String(values[key]);
        if (value.includes(SEPARATOR)) throw new Error(`callback field ${key} must not contain "${SEPARATOR}"`);
        return value;
      });
      const data = keys.length === 0 ? prefix.slice(0, -SEPARATOR.length) : prefix + parts.join(SEPARATOR);
      if (Buffer.byteLength(data) > MAX_CALLBACK_BYTES) throw new Error(`callback data for ${id} exceeds 64 bytes`);
      return data;
    },
    unpack(data: string | undefined): Values | undefined {
      if (keys.length === 0) return data === prefix.slice(0, -SEPARATOR.length) ? schema.parse({}) : undefined;
      if (!data?.startsWith(prefix) || Buffer.byteLength(data) > MAX_CALLBACK_BYTES) return undefined;
      const parts = data.slice(prefix.length).split(SEPARATOR);
      if (parts.length !== keys.length) return undefined;
      const raw = Object.fromEntries(keys.map((key, i) => [key, parts[i]]));
      const parsed = schema.safeParse(raw);
      return parsed.success ? parsed.data : undefined;
    },
  };
}

/** An ObjectId as it travels in a button: 24 lowercase hex characters. */
export const objectIdField = z.string().regex(/^[0-9a-f]{24}$/);
