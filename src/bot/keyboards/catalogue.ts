import { InlineKeyboard } from "grammy";
import { ACTIVE_REGISTRATION_STATUSES, type RegistrationStatus } from "../../db/models/registration.js";
import type { MyRegistration } from "../../services/registrations.js";
import type { CatalogueEntry, TrialCard } from "../../services/trials.js";
import { cancelSignUpData, cataloguePageData, myTrialsData, signUpData, trialCardData } from "../callback-data/catalogue.js";
import { menuData } from "../callback-data/menu.js";
import type { Screen } from "../screen.js";
import { kindLabel, trialDetails, trialSummary, trialWhen, type TrialReading } from "../trial-text.js";

export type { Screen };

/** Trials per catalogue page: five summaries stay well inside Telegram's 4096 characters. */
export const CATALOGUE_PAGE_SIZE = 5;
/** "My trials" lists this many: upcoming first, then the most recent past ones. */
export const MY_TRIALS_SHOWN = 10;
const BUTTON_TITLE_MAX = 40;

export type Back = { to: "catalogue"; page: number } | { to: "my-trials" };

/** A trial's title as a button shows it: long ones cut short. */
export function buttonTitle(title: string): string {
  return title.length > BUTTON_TITLE_MAX ? `${title.slice(0, BUTTON_TITLE_MAX - 1)}…` : title;
}

function isActive(status: RegistrationStatus): boolean {
  return (ACTIVE_REGISTRATION_STATUSES as readonly string[]).includes(status);
}

/** The pupil's own mark on a trial: signed up, or waiting. */
function mineMark(status: RegistrationStatus, t: TrialReading["t"]): string {
  return status === "waitlisted" ? t("catalogue-mine-waiting") : t("catalogue-mine-signed");
}

function openCard(trialId: string, label: string, back: Back) {
  return InlineKeyboard.text(label, trialCardData.pack({ trial: trialId, back: back.to === "catalogue" ? "c" : "m", page: back.to === "catalogue" ? back.page : 0 }));
}

/** How many pages a catalogue of this length has, and the page actually shown for a requested one. */
export function pageOf(total: number, requested: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / CATALOGUE_PAGE_SIZE));
  return { page: Math.min(Math.max(0, requested), pages - 1), pages };
}

/**
 * One page of the catalogue: numbered summaries with "★ fits your interests" and the pupil's own
 * mark, a button per trial, ◀︎ ▶︎ between pages. Empty: where trials come from, and the questionnaire.
 */
export function catalogueScreen(entries: readonly CatalogueEntry[], requestedPage: number, reading: TrialReading): Screen {
  const { t } = reading;
  if (entries.length === 0) {
    return {
      text: t("catalogue-empty"),
      keyboard: new InlineKeyboard().text(t("catalogue-take-questionnaire"), menuData.pack({ action: "questionnaire" })).row().text(t("menu-home"), menuData.pack({ action: "home" })),
    };
  }
  const { page, pages } = pageOf(entries.length, requestedPage);
  const first = page * CATALOGUE_PAGE_SIZE;
  const shown = entries.slice(first, first + CATALOGUE_PAGE_SIZE);
  const blocks = shown.map((entry, i) => {
    const lines = [`${first + i + 1}. ${trialSummary(entry.trial, reading)}`];
    if (entry.match > 0) lines.push(t("catalogue-fits"));
    if (entry.mine) lines.push(mineMark(entry.mine.status, t));
    return lines.join("\n");
  });
  const text = [t("catalogue-title", { count: entries.length }), ...blocks];
  if (pages > 1) text.push(t("catalogue-page", { page: page + 1, pages }));
  const keyboard = InlineKeyboard.from(shown.map((entry, i) => [openCard(entry.trial.id.toHexString(), `${first + i + 1}. ${buttonTitle(entry.trial.title)}`, { to: "catalogue", page })]));
  if (pages > 1) {
    const nav = [];
    if (page > 0) nav.push(InlineKeyboard.text(t("catalogue-prev"), cataloguePageData.pack({ page: page - 1 })));
    if (page < pages - 1) nav.push(InlineKeyboard.text(t("catalogue-next"), cataloguePageData.pack({ page: page + 1 })));
    keyboard.row(...nav);
  }
  keyboard.row().text(t("menu-home"), menuData.pack({ action: "home" }));
  return { text: text.join("\n\n"), keyboard };
}

/**
 * A trial's card for a pupil: everything about it, then where the pupil stands. One action at most:
 * sign up (or join the waiting list when full), or cancel their own sign-up before the start;
 * when something keeps them from signing up, the reason instead of the button.
 */
export function trialCardScreen(card: TrialCard, back: Back, reading: TrialReading & { now: Date }): Screen {
  const { t } = reading;
  const trialId = card.trial.id.toHexString();
  const lines = [trialDetails(card.trial, reading)];
  const notes: string[] = [];
  if (card.match > 0) notes.push(t("trialcard-fits"));
  const keyboard = new InlineKeyboard();
  const started = card.trial.startsAt.getTime() <= reading.now.getTime();
  if (card.mine) {
    notes.push(t("trialcard-status", { status: t(`registration-status-${card.mine.status}`) }));
    if (card.position !== undefined) notes.push(t("trialcard-position", { position: card.position }));
    if (!started) keyboard.text(t("trialcard-cancel"), cancelSignUpData.pack({ action: "ask", registration: card.mine.registrationId.toHexString() })).row();
  } else if (card.block) {
    notes.push(t(`errors-signup-${card.block}`));
  } else if (card.seatsLeft === 0) {
    notes.push(t("trialcard-full"));
    keyboard.text(t("trialcard-join-waitlist"), signUpData.pack({ trial: trialId })).row();
  } else {
    keyboard.text(t("trialcard-signup"), signUpData.pack({ trial: trialId })).row();
  }
  if (notes.length > 0) lines.push(notes.join("\n"));
  if (back.to === "my-trials") keyboard.text(t("trialcard-back-mine"), myTrialsData.pack({}));
  else keyboard.text(t("trialcard-back-catalogue"), cataloguePageData.pack({ page: back.page }));
  return { text: lines.join("\n\n"), keyboard };
}

/** "Cancel your sign-up?" with "Yes, cancel" and "Keep it" (back to the card). */
export function cancelConfirmScreen(registration: MyRegistration, reading: TrialReading): Screen {
  const { t } = reading;
  const key = registration.status === "waitlisted" ? "mytrials-cancel-ask-waiting" : "mytrials-cancel-ask";
  return {
    text: t(key, { title: registration.trial.title, when: trialWhen(registration.trial, reading.locale) }),
    keyboard: new InlineKeyboard()
      .text(t("mytrials-cancel-yes"), cancelSignUpData.pack({ action: "yes", registration: registration.registrationId.toHexString() }))
      .row()
      .add(openCard(registration.trial.id.toHexString(), t("mytrials-cancel-keep"), { to: "my-trials" })),
  };
}

/** After cancelling: what happened to the place, and where to go next. */
export function cancelledScreen(title: string, heldSeat: boolean, reading: TrialReading): Screen {
  const { t } = reading;
  return {
    text: t(heldSeat ? "mytrials-cancelled" : "mytrials-cancelled-waiting", { title }),
    keyboard: new InlineKeyboard().text(t("menu-my-trials"), menuData.pack({ action: "my-trials" })).row().text(t("menu-trials"), menuData.pack({ action: "trials" })),
  };
}

/** "My trials": each sign-up with its status and waiting-list place; a button per one still active. */
export function myTrialsScreen(list: readonly MyRegistration[], reading: TrialReading): Screen {
  const { t } = reading;
  if (list.length === 0) {
    return {
      text: t("mytrials-empty"),
      keyboard: new InlineKeyboard().text(t("menu-trials"), menuData.pack({ action: "trials" })).row().text(t("menu-home"), menuData.pack({ action: "home" })),
    };
  }
  const shown = list.slice(0, MY_TRIALS_SHOWN);
  const blocks = shown.map((r, i) => {
    const status = t(`registration-status-${r.status}`);
    return [
      `${i + 1}. ${kindLabel(r.trial.kind, t)}`,
      `«${r.trial.title}»`,
      `📅 ${trialWhen(r.trial, reading.locale)}`,
      r.position !== undefined ? `${status} — ${t("mytrials-position", { position: r.position })}` : status,
    ].join("\n");
  });
  const keyboard = new InlineKeyboard();
  shown.forEach((r, i) => {
    if (isActive(r.status)) keyboard.add(openCard(r.trial.id.toHexString(), `${i + 1}. ${buttonTitle(r.trial.title)}`, { to: "my-trials" })).row();
  });
  keyboard.text(t("menu-trials"), menuData.pack({ action: "trials" })).row().text(t("menu-home"), menuData.pack({ action: "home" }));
  return { text: [t("mytrials-title"), ...blocks].join("\n\n"), keyboard };
}
