import { InlineKeyboard } from "grammy";
import type { BroadcastAudienceRole, BroadcastScheduleKind, BroadcastStatus } from "../../db/models/broadcast.js";
import type { Locale } from "../../db/models/user.js";
import { clockTime, zonedParts } from "../../domain/zoned-time.js";
import type { BroadcastStats } from "../../services/broadcasts.js";
import { broadcastCancelData, broadcastListData, broadcastOpenData } from "../callback-data/broadcast.js";
import { menuData } from "../callback-data/menu.js";
import { describeCron } from "../describe-cron.js";
import { htmlToPlain } from "../entities-to-html.js";
import { formatDate } from "../format.js";
import type { Screen } from "../screen.js";

export type { Screen };

type Translate = (key: string, vars?: Record<string, string | number>) => string;
type When = Date | string;


/** A broadcast as its card needs it; ids and dates may be strings, as scenes keep them. */
export interface BroadcastCardData {
  id: string;
  audience: AudienceData;
  trialTitle?: string | undefined;
  text: string;
  schedule: { kind: BroadcastScheduleKind; cron?: string | undefined };
  status: BroadcastStatus;
  stats: BroadcastStats;
  lastRunAt?: When | undefined;
  nextRunAt?: When | undefined;
  createdAt: When;
}

/** Where the card's dates are read: the school's zone, in the teacher's language. */
export interface Reading {
  t: Translate;
  locale: Locale;
  timeZone: string;
}

export interface AudienceData {
  roles: BroadcastAudienceRole[];
  grade?: number | undefined;
  classLetter?: string | undefined;
  /** An ObjectId or its hex string; only its presence matters here. */
  trialId?: unknown;
}

export type AudienceWho = "students" | "guardians" | "both";

export function whoOf(roles: readonly BroadcastAudienceRole[]): AudienceWho {
  if (roles.includes("student") && roles.includes("guardian")) return "both";
  return roles.includes("guardian") ? "guardians" : "students";
}

/** "Pupils and parents, class 9Б" */
export function audienceLabel(audience: AudienceData, trialTitle: string | undefined, t: Translate): string {
  const who = t(`broadcast-who-${whoOf(audience.roles)}`);
  let scope: string;
  if (audience.trialId !== undefined && audience.trialId !== null) scope = t("broadcast-scope-label-trial", { title: trialTitle ?? "—" });
  else if (audience.grade !== undefined && audience.classLetter) scope = t("broadcast-scope-label-class", { class: `${audience.grade}${audience.classLetter}` });
  else if (audience.grade !== undefined) scope = t("broadcast-scope-label-grade", { grade: audience.grade });
  else scope = t("broadcast-scope-label-school");
  return `${who}, ${scope}`;
}

/** "15 September 2026" and "18:00", as the school's clock shows them. */
export function dateAndTime(at: When, reading: Reading): { date: string; time: string } {
  const instant = new Date(at);
  const wall = zonedParts(instant, reading.timeZone);
  return { date: formatDate(instant, reading.locale, reading.timeZone), time: clockTime(wall.hour, wall.minute) };
}

/** "15.09 18:00" for list lines. */
function shortDateTime(at: When, timeZone: string): string {
  const wall = zonedParts(new Date(at), timeZone);
  return `${String(wall.day).padStart(2, "0")}.${String(wall.month).padStart(2, "0")} ${clockTime(wall.hour, wall.minute)}`;
}

function snippet(html: string, max: number): string {
  const plain = htmlToPlain(html).replace(/\s+/g, " ").trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}

export function deliveryLine(stats: BroadcastStats, t: Translate): string {
  return t("broadcast-report", { total: stats.total, sent: stats.sent, failed: stats.failed, blocked: stats.blocked });
}

const isRecurring = (b: BroadcastCardData) => b.schedule.kind === "cron" && b.schedule.cron !== undefined;
const isCancellable = (b: BroadcastCardData) => b.status === "scheduled" || b.status === "sending" || b.status === "draft";

function statusLine(b: BroadcastCardData, reading: Reading): string {
  const { t } = reading;
  switch (b.status) {
    case "draft":
    case "scheduled":
      if (isRecurring(b)) {
        const next = b.nextRunAt ? dateAndTime(b.nextRunAt, reading) : { date: "—", time: "—" };
        return t("broadcast-card-recurring", { schedule: describeCron(b.schedule.cron!, t), ...next });
      }
      return t("broadcast-card-scheduled", b.nextRunAt ? dateAndTime(b.nextRunAt, reading) : { date: "—", time: "—" });
    case "sending":
      return t("broadcast-card-sending");
    case "done":
      return t("broadcast-card-done", dateAndTime(b.lastRunAt ?? b.createdAt, reading));
    case "cancelled":
      return isRecurring(b) ? t("broadcast-card-cancelled-recurring", { schedule: describeCron(b.schedule.cron!, t) }) : t("broadcast-card-cancelled");
  }
}

/** One broadcast: to whom, when, the live delivery report, the beginning of the text; 🔄 reads the report afresh. */
export function broadcastCard(b: BroadcastCardData, reading: Reading, notice?: string): Screen {
  const { t } = reading;
  const lines = notice ? [notice, ""] : [];
  lines.push(t("broadcast-card-title", { audience: audienceLabel(b.audience, b.trialTitle, t) }));
  lines.push(statusLine(b, reading));
  if (b.lastRunAt) {
    if (isRecurring(b)) lines.push(t("broadcast-card-last-run", dateAndTime(b.lastRunAt, reading)));
    lines.push(deliveryLine(b.stats, t));
  } else if (b.status !== "cancelled") {
    lines.push(t("broadcast-report-none"));
  }
  lines.push("", t("broadcast-card-text", { text: snippet(b.text, 300) }));
  const keyboard = new InlineKeyboard().text(t("broadcast-refresh"), broadcastOpenData.pack({ broadcast: b.id })).row();
  if (isCancellable(b)) keyboard.text(t("broadcast-cancel-button"), broadcastCancelData.pack({ action: "ask", broadcast: b.id })).row();
  keyboard.text(t("broadcast-all"), broadcastListData.pack({}));
  return { text: lines.join("\n"), keyboard };
}

function shortStatus(b: BroadcastCardData, reading: Reading): string {
  const { t, timeZone } = reading;
  switch (b.status) {
    case "draft":
    case "scheduled":
      return isRecurring(b)
        ? t("broadcast-short-recurring", { schedule: describeCron(b.schedule.cron!, t) })
        : t("broadcast-short-scheduled", { date: b.nextRunAt ? shortDateTime(b.nextRunAt, timeZone) : "—" });
    case "sending":
      return t("broadcast-short-sending", { sent: b.stats.sent, total: b.stats.total });
    case "done":
      return t("broadcast-short-done", { date: shortDateTime(b.lastRunAt ?? b.createdAt, timeZone), sent: b.stats.sent, total: b.stats.total });
    case "cancelled":
      return t("broadcast-short-cancelled");
  }
}

/** "📋 My broadcasts": the school's latest broadcasts, each a button to its card. */
export function broadcastListScreen(list: BroadcastCardData[], reading: Reading): Screen {
  const { t } = reading;
  const keyboard = new InlineKeyboard();
  if (list.length === 0) {
    keyboard.text(t("menu-broadcast"), menuData.pack({ action: "broadcast" })).row().text(t("menu-home"), menuData.pack({ action: "home" }));
    return { text: t("broadcast-list-empty"), keyboard };
  }
  const lines = [t("broadcast-list-title"), ""];
  list.forEach((b, i) => {
    lines.push(t("broadcast-list-line", { number: i + 1, status: shortStatus(b, reading), audience: audienceLabel(b.audience, b.trialTitle, t) }));
    lines.push(`   «${snippet(b.text, 60)}»`);
    keyboard.text(`${i + 1}. ${snippet(b.text, 28)}`, broadcastOpenData.pack({ broadcast: b.id })).row();
  });
  keyboard.text(t("menu-broadcast"), menuData.pack({ action: "broadcast" })).row().text(t("menu-home"), menuData.pack({ action: "home" }));
  return { text: lines.join("\n"), keyboard };
}

export function cancelConfirmScreen(b: BroadcastCardData, reading: Reading): Screen {
  const { t } = reading;
  const key = isRecurring(b) ? "broadcast-cancel-confirm-recurring" : "broadcast-cancel-confirm";
  return {
    text: t(key, { audience: audienceLabel(b.audience, b.trialTitle, t) }),
    keyboard: new InlineKeyboard()
      .text(t("broadcast-cancel-yes"), broadcastCancelData.pack({ action: "yes", broadcast: b.id }))
      .text(t("broadcast-cancel-no"), broadcastOpenData.pack({ broadcast: b.id })),
  };
}
