/**
 * How a trial reads in a message: the one-line entry of a list and the full card. Shared by the
 * pupil's catalogue, the teacher's preview and list, and the roster. Plain text (no parse mode),
 * so whatever a teacher typed is shown exactly as typed.
 */
import type { RiasecLetter } from "../db/models/common.js";
import type { TrialFormat, TrialKind, TrialStatus } from "../db/models/trial.js";
import type { Locale } from "../db/models/user.js";
import { clockTime, zonedParts } from "../domain/zoned-time.js";
import { formatDate } from "./format.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;
type When = Date | string;

/** Where and how a trial's times are read: the school's zone, in the reader's language. */
export interface TrialReading {
  t: Translate;
  locale: Locale;
}

/** A trial as the texts need it; dates may be strings, as scenes keep them. */
export interface TrialText {
  kind: TrialKind;
  format: TrialFormat;
  title: string;
  description?: string | undefined;
  directions: readonly RiasecLetter[];
  host: { organisation: string; address?: string | undefined; onlineLink?: string | undefined; transport?: string | undefined };
  mentor?: { name: string; phone: string } | undefined;
  escort?: { name: string; phone: string } | undefined;
  startsAt: When;
  endsAt: When;
  timezone: string;
  capacity: number;
  seatsTaken?: number | undefined;
  minGrade: number;
  maxGrade: number;
  bring?: string | undefined;
  clothing?: string | undefined;
  ppe?: string | undefined;
  healthRestrictions?: string | undefined;
  risks?: string | undefined;
  signupDeadline: When;
  consentDeadline: When;
  status?: TrialStatus | undefined;
}

export const KIND_ICONS: Record<TrialKind, string> = { trial: "🛠", excursion: "🚌", open_day: "🚪", master_class: "🎨", meeting: "🤝" };

/** "🛠 Professional trial" */
export function kindLabel(kind: TrialKind, t: Translate): string {
  return `${KIND_ICONS[kind]} ${t(`trial-kind-${kind}`)}`;
}

/** "8–11" or "9" */
export function gradeRange(trial: Pick<TrialText, "minGrade" | "maxGrade">): string {
  return trial.minGrade === trial.maxGrade ? String(trial.minGrade) : `${trial.minGrade}–${trial.maxGrade}`;
}

/** "15.10 10:00" for list lines and buttons. */
export function shortWhen(at: When, timeZone: string): string {
  const p = zonedParts(new Date(at), timeZone);
  return `${String(p.day).padStart(2, "0")}.${String(p.month).padStart(2, "0")} ${clockTime(p.hour, p.minute)}`;
}

/** "15 October 2026, 10:00" on the school's clock. */
export function dateTime(at: When, timeZone: string, locale: Locale): string {
  const p = zonedParts(new Date(at), timeZone);
  return `${formatDate(new Date(at), locale, timeZone)}, ${clockTime(p.hour, p.minute)}`;
}

/** "15 October 2026, 10:00–13:00", or both ends in full when it spans days. */
export function trialWhen(trial: Pick<TrialText, "startsAt" | "endsAt" | "timezone">, locale: Locale): string {
  const start = zonedParts(new Date(trial.startsAt), trial.timezone);
  const end = zonedParts(new Date(trial.endsAt), trial.timezone);
  const sameDay = start.year === end.year && start.month === end.month && start.day === end.day;
  if (sameDay) return `${dateTime(trial.startsAt, trial.timezone, locale)}–${clockTime(end.hour, end.minute)}`;
  return `${dateTime(trial.startsAt, trial.timezone, locale)} – ${dateTime(trial.endsAt, trial.timezone, locale)}`;
}

/** Organisation and address, or "online". */
export function trialPlace(trial: Pick<TrialText, "format" | "host">, t: Translate): string {
  const parts = [trial.host.organisation];
  if (trial.format !== "online" && trial.host.address) parts.push(trial.host.address);
  if (trial.format !== "in_person") parts.push(t("trial-online"));
  return parts.filter(Boolean).join(", ");
}

export function directionsLabel(directions: readonly RiasecLetter[], t: Translate): string {
  return directions.map((letter) => t(`riasec-scale-${letter.toLowerCase()}`)).join(", ");
}

/** The short form, for the catalogue and the teacher's list: kind, title, when, where, seats, grades. */
export function trialSummary(trial: TrialText, reading: TrialReading): string {
  const { t } = reading;
  const lines = [
    `${kindLabel(trial.kind, t)} · ${t(`trial-format-${trial.format}`)}`,
    `«${trial.title}»`,
    `📅 ${trialWhen(trial, reading.locale)}`,
    `📍 ${trialPlace(trial, t)}`,
    `🎓 ${t("trial-grades", { grades: gradeRange(trial) })}`,
  ];
  if (trial.seatsTaken !== undefined) lines.push(`🪑 ${t("trial-seats", { left: Math.max(0, trial.capacity - trial.seatsTaken), capacity: trial.capacity })}`);
  return lines.join("\n");
}

/**
 * Room a card's details may take in one message: Telegram allows 4096 characters, and the
 * screens add a status, seats or a share link around them.
 */
export const TRIAL_DETAILS_MAX = 3600;

/**
 * Everything a pupil and a parent need to decide, and a teacher to check before publishing.
 * A trial with every field at its longest would not fit one message: the description (the
 * longest field) is shortened first, and only then the whole, each ending in "…".
 */
export function trialDetails(trial: TrialText, reading: TrialReading, maxLength = TRIAL_DETAILS_MAX): string {
  const full = renderDetails(trial, reading);
  if (full.length <= maxLength) return full;
  const description = trial.description ?? "";
  const keep = Math.max(200, description.length - (full.length - maxLength) - 1);
  const shorter = keep < description.length ? renderDetails({ ...trial, description: `${description.slice(0, keep).trimEnd()}…` }, reading) : full;
  return shorter.length <= maxLength ? shorter : `${shorter.slice(0, maxLength - 1).trimEnd()}…`;
}

function renderDetails(trial: TrialText, reading: TrialReading): string {
  const { t } = reading;
  const field = (label: string, value: string | undefined) => (value ? `${t(label)}: ${value}` : undefined);
  const person = (p: { name: string; phone: string } | undefined) => (p ? `${p.name}, ${p.phone}` : undefined);
  const blocks = [
    trialSummary(trial, reading),
    `🧭 ${t("trial-field-directions")}: ${directionsLabel(trial.directions, t)}`,
    trial.description ? `${t("trial-field-description")}:\n${trial.description}` : undefined,
    [
      field("trial-field-mentor", person(trial.mentor)),
      field("trial-field-escort", person(trial.escort)),
      trial.format !== "in_person" ? field("trial-field-link", trial.host.onlineLink) : undefined,
      field("trial-field-transport", trial.host.transport),
    ]
      .filter(Boolean)
      .join("\n"),
    [
      field("trial-field-bring", trial.bring),
      field("trial-field-clothing", trial.clothing),
      field("trial-field-ppe", trial.ppe),
      field("trial-field-health", trial.healthRestrictions),
      field("trial-field-risks", trial.risks),
    ]
      .filter(Boolean)
      .join("\n"),
    t("trial-deadlines", { signup: dateTime(trial.signupDeadline, trial.timezone, reading.locale), consent: dateTime(trial.consentDeadline, trial.timezone, reading.locale) }),
  ];
  return blocks.filter((block) => block !== undefined && block !== "").join("\n\n");
}
