/**
 * Rules for what a pupil types during onboarding. Pure functions: each returns the clean
 * value or the reason it was refused, so the scene can re-prompt precisely.
 */

// Kazakh and Kyrgyz Cyrillic add ә ғ қ ң ө ұ ү һ і to Russian's; English is plain Latin.
const LETTER = "A-Za-zА-ЯЁа-яёӘәҒғҚқҢңӨөҰұҮүҺһІі";
const NAME_PATTERN = new RegExp(`^[${LETTER}]+(?:[ '’-][${LETTER}]+)*$`);
const CLASS_LETTER_PATTERN = new RegExp(`^[${LETTER}]$`);

export const NAME_MAX_LENGTH = 50;
export const MIN_GRADE = 5;
export const MAX_GRADE = 11;

export type NameCheck = { ok: true; value: string } | { ok: false; reason: "empty" | "too-long" | "not-letters" };

/** A first or last name: letters of the four alphabets, single spaces, hyphens or apostrophes between them. */
export function checkPersonName(input: string): NameCheck {
  const value = input.normalize("NFC").replace(/\s+/g, " ").trim();
  if (value.length === 0) return { ok: false, reason: "empty" };
  if (value.length > NAME_MAX_LENGTH) return { ok: false, reason: "too-long" };
  if (!NAME_PATTERN.test(value)) return { ok: false, reason: "not-letters" };
  return { ok: true, value };
}

/** One Cyrillic or Latin letter, stored upper-case: "б" → "Б". */
export function checkClassLetter(input: string): string | undefined {
  const value = input.normalize("NFC").trim();
  return CLASS_LETTER_PATTERN.test(value) ? value.toUpperCase() : undefined;
}

/** Grades 5–11, typed as digits ("9") or tapped. */
export function checkGrade(input: string | number): number | undefined {
  const text = String(input).trim();
  if (!/^\d{1,2}$/.test(text)) return undefined;
  const grade = Number(text);
  return grade >= MIN_GRADE && grade <= MAX_GRADE ? grade : undefined;
}
