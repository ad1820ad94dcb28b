import { InlineKeyboard } from "grammy";
import {
  consentDecisionData,
  consentHealthData,
  consentOpenData,
  consentPhotoData,
  consentPhotoWithdrawData,
  consentsListData,
  consentWithdrawData,
} from "../../domain/consent-buttons.js";
import type { ChildConsents, ParticipationRequest } from "../../services/consents.js";
import { consentPhotoAskData } from "../callback-data/consents.js";
import { menuData } from "../callback-data/menu.js";
import type { Screen } from "../screen.js";
import { dateTime, trialWhen, type TrialReading } from "../trial-text.js";
import { clipText } from "../../domain/text.js";

type Translate = TrialReading["t"];
type Id = { toHexString(): string } | string;

const hex = (id: Id): string => (typeof id === "string" ? id : id.toHexString());
/** A trial's title in a button: long ones are cut so the label stays readable. */
const TITLE_IN_BUTTON = 32;

/** "Agree" and "Refuse" under an informed-consent request, in one row as the outbox puts them. */
export function participationKeyboard(t: Translate, registrationId: Id): InlineKeyboard {
  const registration = hex(registrationId);
  return new InlineKeyboard()
    .text(t("consent-agree"), consentDecisionData.pack({ registration, decision: "granted" }))
    .text(t("consent-refuse"), consentDecisionData.pack({ registration, decision: "refused" }));
}

/** The three photo/video answers, one per row, as the outbox puts them. */
export function photoKeyboard(t: Translate, studentId: Id): InlineKeyboard {
  const student = hex(studentId);
  const keyboard = new InlineKeyboard();
  for (const scope of ["publish", "portfolio", "forbidden"] as const) keyboard.text(t(`consent-photo-${scope}`), consentPhotoData.pack({ student, scope })).row();
  return keyboard;
}

/** The photo question's text: what the guardian reads, and what the answer's hash is taken of. */
export function photoQuestion(t: Translate, childFirstName: string): string {
  return t("consent-photo", { child: childFirstName }).trim();
}

export function healthNoteKeyboard(t: Translate, registrationId: Id): InlineKeyboard {
  return new InlineKeyboard().text(t("consents-health-button"), consentHealthData.pack({ registration: hex(registrationId) }));
}

/** The question before withdrawing a participation consent (the first of two taps). */
export function withdrawQuestion(request: Pick<ParticipationRequest, "childFirstName" | "trial">, reading: TrialReading): string {
  return reading.t("consents-withdraw-ask", { child: request.childFirstName, title: request.trial.title, when: trialWhen(request.trial, reading.locale) }).trim();
}

export function withdrawScreen(request: Pick<ParticipationRequest, "childFirstName" | "trial" | "registrationId">, reading: TrialReading): Screen {
  const { t } = reading;
  return {
    text: withdrawQuestion(request, reading),
    keyboard: new InlineKeyboard()
      .text(t("consents-withdraw-yes"), consentWithdrawData.pack({ registration: hex(request.registrationId), step: "yes" }))
      .row()
      .text(t("consents-back"), consentsListData.pack({})),
  };
}

export function photoWithdrawQuestion(t: Translate, childFirstName: string): string {
  return t("consents-photo-withdraw-ask", { child: childFirstName }).trim();
}

export function photoWithdrawScreen(t: Translate, child: Pick<ChildConsents, "studentId" | "firstName">): Screen {
  return {
    text: photoWithdrawQuestion(t, child.firstName),
    keyboard: new InlineKeyboard()
      .text(t("consents-withdraw-yes"), consentPhotoWithdrawData.pack({ student: hex(child.studentId), step: "yes" }))
      .row()
      .text(t("consents-back"), consentsListData.pack({})),
  };
}

/** The photo answer as /consents reads it: the scope that applies, and the guardian's own when it differs. */
function photoLines(child: ChildConsents, t: Translate): string[] {
  const { mine, effective } = child.photo;
  // A withdrawn answer reads as forbidden; the parent who withdrew sees it named as such.
  const withdrawn = mine === "withdrawn" && effective === "forbidden";
  const lines = [t("consents-photo", { scope: t(`consents-scope-${withdrawn ? "withdrawn" : effective}`) })];
  if (mine !== undefined && mine !== effective && !withdrawn) lines.push(`   ${t("consents-photo-yours", { scope: t(`consents-scope-${mine}`) })}`);
  return lines;
}

function participationLines(request: ParticipationRequest, reading: TrialReading): string[] {
  const { t, locale } = reading;
  const { trial } = request;
  const head = t("consents-trial", { title: trial.title, when: trialWhen(trial, locale) });
  let state: string;
  if (request.registrationStatus === "waitlisted") state = t("consents-state-waitlisted");
  else if (request.mine === "granted") state = t("consents-state-granted");
  else if (request.registrationStatus === "confirmed") state = t("consents-state-confirmed-other");
  else state = t("consents-state-pending", { deadline: dateTime(trial.consentDeadline, trial.timezone, locale) });
  return [head, `   ${state}`];
}

/**
 * /consents: per child the personal-data answer, the photo answer (own and the one that applies)
 * and each upcoming trial's participation, with the buttons to answer, change or withdraw.
 * With several children the trial buttons name the child too.
 */
export function consentsScreen(children: readonly ChildConsents[], reading: TrialReading): Screen {
  const { t } = reading;
  const keyboard = new InlineKeyboard();
  if (children.length === 0) {
    return { text: t("consents-none"), keyboard: keyboard.text(t("menu-enter-code"), menuData.pack({ action: "enter-code" })) };
  }
  const blocks = [t("consents-title")];
  const several = children.length > 1;
  for (const child of children) {
    const lines = [t("consents-child", { child: child.firstName }), t("consents-personal-data", { state: t(`consents-pd-${child.personalData ?? "none"}`) }), ...photoLines(child, t)];
    if (child.participation.length === 0) lines.push(t("consents-no-trials"));
    for (const request of child.participation) lines.push(...participationLines(request, reading));
    blocks.push(lines.join("\n"));

    const student = hex(child.studentId);
    const mine = child.photo.mine;
    keyboard.text(t(mine === undefined ? "consents-photo-answer" : "consents-photo-change", { child: child.firstName }), consentPhotoAskData.pack({ student })).row();
    if (mine === "publish" || mine === "portfolio") {
      keyboard.text(t("consents-photo-withdraw", { child: child.firstName }), consentPhotoWithdrawData.pack({ student, step: "ask" })).row();
    }
    for (const request of child.participation) {
      if (request.registrationStatus === "waitlisted") continue;
      const registration = hex(request.registrationId);
      const title = clipText(request.trial.title, TITLE_IN_BUTTON);
      const what = several ? `${child.firstName} · ${title}` : title;
      if (request.mine === "granted") {
        keyboard.text(t("consents-health-add", { what }), consentHealthData.pack({ registration })).row();
        keyboard.text(t("consents-withdraw", { what }), consentWithdrawData.pack({ registration, step: "ask" })).row();
      } else {
        keyboard.text(t("consents-open", { what }), consentOpenData.pack({ registration })).row();
      }
    }
  }
  return { text: blocks.join("\n\n"), keyboard };
}
