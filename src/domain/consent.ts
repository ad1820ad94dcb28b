/**
 * Rules of guardian consent (DESIGN §6 "Consent"): per-trial participation, a standing photo/video
 * answer, and which answer counts when a child has several guardians. Pure functions.
 */
import type { ConsentDecision, PhotoScope } from "../db/models/consent.js";
import { clipText } from "./text.js";

/** Most restrictive first: with several guardians, the strictest current answer applies. */
export const PHOTO_STRICTNESS: readonly PhotoScope[] = ["forbidden", "portfolio", "publish"];

/** A guardian's newest photo record: a scope when granted; withdrawn or refused reads as forbidden. */
export interface PhotoAnswer {
  decision: ConsentDecision;
  photoScope?: PhotoScope | undefined;
}

export type EffectivePhotoScope = PhotoScope | "unknown";

/** The scope that applies to a child, from each linked guardian's newest answer; "unknown" when nobody answered. */
export function effectivePhotoScope(answers: readonly PhotoAnswer[]): EffectivePhotoScope {
  if (answers.length === 0) return "unknown";
  const scopes = answers.map((a) => (a.decision === "granted" && a.photoScope ? a.photoScope : "forbidden"));
  return PHOTO_STRICTNESS.find((scope) => scopes.includes(scope)) ?? "unknown";
}

/**
 * What a registration's participation consent adds up to, from each linked guardian's newest
 * answer for this trial: any refusal or withdrawal wins; else one agreement is enough.
 */
export type ParticipationOutcome = "granted" | "refused" | "withdrawn" | "pending";

export function participationOutcome(decisions: readonly ConsentDecision[]): ParticipationOutcome {
  if (decisions.includes("withdrawn")) return "withdrawn";
  if (decisions.includes("refused")) return "refused";
  return decisions.includes("granted") ? "granted" : "pending";
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Reminders to guardians still pending: 3 days and 1 day before the consent deadline. */
export const CONSENT_CHASES = [
  { id: "3d", before: 3 * DAY_MS },
  { id: "1d", before: 1 * DAY_MS },
] as const;
export type ConsentChaseId = (typeof CONSENT_CHASES)[number]["id"];

/**
 * The one reminder due now for a deadline, if any: the latest threshold already passed, so a
 * request made two days before the deadline gets only the 1-day reminder, never both at once.
 */
export function dueChase(deadline: Date, now: Date): ConsentChaseId | undefined {
  const left = deadline.getTime() - now.getTime();
  if (left <= 0) return undefined;
  const passed = CONSENT_CHASES.filter((chase) => left <= chase.before);
  return passed.at(-1)?.id;
}

/**
 * The reminder to send now to a guardian asked at `requestedAt`: only a threshold crossed after
 * the request counts, so a request made two days before the deadline gets the 1-day reminder
 * and no 3-day one straight after it.
 */
export function chaseToSend(deadline: Date, requestedAt: Date, now: Date): ConsentChaseId | undefined {
  const due = dueChase(deadline, now);
  if (!due) return undefined;
  const threshold = deadline.getTime() - CONSENT_CHASES.find((chase) => chase.id === due)!.before;
  return requestedAt.getTime() < threshold ? due : undefined;
}

/** A participation record as the rules read it. */
export interface ParticipationRecord {
  guardianId: { toHexString(): string };
  decision: ConsentDecision;
  recordedAt: Date;
  healthNote?: string | null | undefined;
}

/**
 * The records that belong to a registration's current request, oldest first. A registration
 * that asks for consent (again) starts afresh at its status change: answers given to an earlier
 * sign-up for the same trial no longer count. The deciding record carries the time of the
 * status change it caused, so it is part of the request it decided. Once the trial has taken
 * place (attended, no-show) the status moved on without a decision: then everything since the
 * last refusal or withdrawal counts.
 */
export function currentRecords<R extends ParticipationRecord>(records: readonly R[], registration: { status: string; statusChangedAt: Date }): R[] {
  if (registration.status === "attended" || registration.status === "no_show") {
    let last = -1;
    records.forEach((record, index) => {
      if (record.decision !== "granted") last = index;
    });
    return records.slice(last + 1);
  }
  return records.filter((record) => record.recordedAt.getTime() >= registration.statusChangedAt.getTime());
}

/** Each guardian's newest record, from records sorted oldest first. */
export function newestByGuardian<R extends { guardianId: { toHexString(): string } }>(records: readonly R[]): Map<string, R> {
  const newest = new Map<string, R>();
  for (const record of records) newest.set(record.guardianId.toHexString(), record);
  return newest;
}


/**
 * Shortens texts so that together they take at most `budget` characters: the longest are cut
 * first, down to a common length, so short fields stay whole. Each is first cut to its own limit.
 */
export function fitTexts<K extends string>(texts: Record<K, { value: string; max: number }>, budget: number): Record<K, string> {
  const keys = Object.keys(texts) as K[];
  const capped = keys.map((key) => clipText(texts[key].value, texts[key].max));
  const total = (limit: number) => capped.reduce((sum, text) => sum + Math.min(text.length, limit), 0);
  let limit = Math.max(0, ...capped.map((text) => text.length));
  if (total(limit) > budget) {
    let [low, high] = [0, limit];
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (total(mid) <= budget) low = mid;
      else high = mid - 1;
    }
    limit = low;
  }
  return Object.fromEntries(keys.map((key, i) => [key, clipText(capped[i]!, Math.max(limit, 1))])) as Record<K, string>;
}
