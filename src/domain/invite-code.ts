import { randomBytes } from "node:crypto";

/**
 * 128 random bits, base64url: 22 characters, safe in a `/start` payload (A–Z a–z 0–9 _ -, at most 64)
 * and short enough to type.
 */
export function newInviteCode(): string {
  return randomBytes(16).toString("base64url");
}

export const INVITE_CODE_FORMAT = /^[A-Za-z0-9_-]{22}$/;

/** Deep-link payloads: `/start inv_<code>` for invites, `/start trial_<id>` for a trial card. */
export const INVITE_PAYLOAD_PREFIX = "inv_";

export function invitePayload(code: string): string {
  return `${INVITE_PAYLOAD_PREFIX}${code}`;
}

/**
 * Finds an invite code in whatever a person pasted: the bare code, the payload,
 * or the whole t.me link. Returns undefined when nothing code-shaped is there.
 */
export function extractInviteCode(input: string): string | undefined {
  const text = input.trim();
  const fromLink = /[?&]start=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  const candidate = (fromLink ?? text).replace(new RegExp(`^${INVITE_PAYLOAD_PREFIX}`), "");
  return INVITE_CODE_FORMAT.test(candidate) ? candidate : undefined;
}
