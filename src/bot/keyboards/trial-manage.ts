import { InlineKeyboard } from "grammy";
import type { TrialKind, TrialStatus } from "../../db/models/trial.js";
import { menuData } from "../callback-data/menu.js";
import { reportsTrialData } from "../callback-data/reports.js";
import { rosterOpenData } from "../callback-data/roster.js";
import { trialActionData, trialListData, trialOpenData, type TrialField } from "../callback-data/trials.js";
import type { Screen } from "../screen.js";
import { KIND_ICONS, shortWhen, trialDetails, type TrialReading, type TrialText } from "../trial-text.js";
import { clipText } from "../../domain/text.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;
type When = Date | string;

/** A line of the school's list; ids and dates may be strings. */
export interface SchoolTrialLine {
  id: string;
  kind: TrialKind;
  title: string;
  startsAt: When;
  status: TrialStatus;
  capacity: number;
  seatsTaken: number;
  waitlisted: number;
}

/** Everything the teacher's card of one trial shows. */
export interface TeacherTrialCard {
  id: string;
  trial: TrialText & { status: TrialStatus; seatsTaken: number };
  waitlisted: number;
  /** Registrations still holding or waiting for a place: what a cancellation would cancel. */
  active: number;
  schoolNames: string[];
  /** The bot's username, for the link pupils can open the trial with. */
  botUsername: string;
}

export interface ManageReading extends TrialReading {
  timeZone: string;
}

const LIST_TITLE_MAX = 32;

/** "🪑 12/20 · 🕒 3 waiting" */
export function fillLevel(line: { seatsTaken: number; capacity: number; waitlisted: number }, t: Translate): string {
  const fill = t("trial-manage-fill", { taken: line.seatsTaken, capacity: line.capacity });
  return line.waitlisted > 0 ? `${fill} · ${t("trial-manage-waiting", { count: line.waitlisted })}` : fill;
}

/** The link a teacher forwards to pupils: it opens the trial's card in the bot. */
export function trialShareLink(botUsername: string, trialId: string): string {
  return `https://t.me/${botUsername}?start=trial-${trialId}`;
}

/** "🗂 School trials": upcoming and drafts first, then the recent past, each with its fill level. */
export function schoolTrialsScreen(list: SchoolTrialLine[], reading: ManageReading): Screen {
  const { t } = reading;
  const keyboard = new InlineKeyboard();
  const footer = () => keyboard.text(t("menu-new-trial"), menuData.pack({ action: "new-trial" })).row().text(t("menu-home"), menuData.pack({ action: "home" }));
  if (list.length === 0) {
    footer();
    return { text: t("trial-manage-list-empty"), keyboard };
  }
  const lines = [t("trial-manage-list-title"), ""];
  list.forEach((trial, i) => {
    lines.push(`${i + 1}. ${KIND_ICONS[trial.kind]} «${trial.title}» · ${shortWhen(trial.startsAt, reading.timeZone)}`);
    lines.push(`    ${t(`trial-status-${trial.status}`)} · ${fillLevel(trial, t)}`);
    keyboard.text(`${i + 1}. ${clipText(trial.title, LIST_TITLE_MAX)}`, trialOpenData.pack({ trial: trial.id })).row();
  });
  footer();
  return { text: lines.join("\n"), keyboard };
}

const isOpen = (status: TrialStatus) => status === "draft" || status === "published";

/** One trial as the teacher manages it: the pupils' card, its status and fill, the share link, and what can be done. */
export function teacherTrialScreen(card: TeacherTrialCard, reading: TrialReading, notice?: string): Screen {
  const { t } = reading;
  const { trial } = card;
  const blocks = notice ? [notice] : [];
  blocks.push(`${t(`trial-status-${trial.status}`)} · ${fillLevel({ ...trial, waitlisted: card.waitlisted }, t)}`);
  blocks.push(trialDetails(trial, reading));
  const extra = [t("trial-manage-schools", { schools: card.schoolNames.join(", ") || "—" })];
  if (trial.status === "published") extra.push(t("trial-manage-share", { link: trialShareLink(card.botUsername, card.id) }));
  blocks.push(extra.join("\n"));
  const keyboard = new InlineKeyboard();
  if (trial.status !== "draft") {
    keyboard.text(t("trial-manage-roster"), rosterOpenData.pack({ trial: card.id }));
    keyboard.text(t("reports-trial-button"), reportsTrialData.pack({ trial: card.id, back: "m" })).row();
  }
  if (trial.status === "draft") keyboard.text(t("trial-manage-publish"), trialActionData.pack({ action: "publish", trial: card.id })).row();
  if (isOpen(trial.status)) keyboard.text(t("trial-manage-edit"), trialActionData.pack({ action: "edit", trial: card.id }));
  keyboard.text(t("trial-manage-copy"), trialActionData.pack({ action: "copy", trial: card.id })).row();
  if (isOpen(trial.status)) keyboard.text(t("trial-manage-cancel"), trialActionData.pack({ action: "cancel", trial: card.id })).row();
  keyboard.text(t("trial-manage-all"), trialListData.pack({}));
  return { text: blocks.join("\n\n"), keyboard };
}

/** Asked before cancelling: how many sign-ups go, and that everyone hears at once. */
export function cancelTrialScreen(card: TeacherTrialCard, t: Translate): Screen {
  const text = card.active > 0 ? t("trial-manage-cancel-confirm", { title: card.trial.title, count: card.active }) : t("trial-manage-cancel-confirm-empty", { title: card.trial.title });
  return {
    text,
    keyboard: new InlineKeyboard()
      .text(t("trial-manage-cancel-yes"), trialActionData.pack({ action: "cancel-yes", trial: card.id }))
      .row()
      .text(t("trial-manage-cancel-no"), trialOpenData.pack({ trial: card.id })),
  };
}

/** Which question a refused field belongs to: the service names it ("times:signup-past", "mentor.phone"). */
export function fieldOfInvalid(field: string): TrialField {
  if (field.startsWith("times:")) return /signup|consent/.test(field) ? "deadlines" : "times";
  const map: Record<string, TrialField> = {
    kind: "kind",
    format: "format",
    title: "title",
    description: "description",
    directions: "directions",
    "host.organisation": "organisation",
    "host.address": "address",
    "host.onlineLink": "onlineLink",
    "host.transport": "transport",
    capacity: "capacity",
    "capacity-below-taken": "capacity",
    grades: "grades",
    schools: "schools",
    bring: "bring",
    clothing: "clothing",
    ppe: "ppe",
    healthRestrictions: "health",
    risks: "risks",
  };
  return map[field] ?? (field.startsWith("escort") ? "escort" : field.startsWith("mentor") ? "mentor" : "title");
}

/** One sentence saying exactly what the service refused. */
export function invalidFieldText(field: string, t: Translate): string {
  if (field.startsWith("times:")) return t(`trial-invalid-${field.slice("times:".length)}`);
  if (field === "capacity-below-taken") return t("trial-invalid-capacity-below-taken");
  return t("trial-invalid-field", { field: t(`trial-edit-field-${fieldOfInvalid(field)}`) });
}
