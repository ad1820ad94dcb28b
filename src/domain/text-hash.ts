import { createHash } from "node:crypto";

/** sha256 of the exact text a person was shown, as lowercase hex: the evidence kept with a consent. */
export function hashShownText(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
