/**
 * Trial reminders (DESIGN §6 "Reminders", issue 9): the direction sheet 24 hours before (to the
 * pupil and each linked parent of a confirmed registration), a short reminder 2 hours before (to
 * the pupil), and the roster digest a day before (to the trial's teacher). The planner job puts
 * them into the outbox when their moment comes (src/domain/reminder-plan.ts); the dispatcher
 * holds them back during quiet hours, as none of them is urgent.
 *
 * The pupil answers the direction sheet: "I'm coming" is acknowledged; "I can't come", once
 * confirmed, cancels the registration (the seat goes to the next pupil waiting) and tells the
 * teacher.
 */
import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";
import { ACTIVE_REGISTRATION_STATUSES, type RegistrationStatus } from "../db/models/registration.js";
import { fitTexts } from "../domain/consent.js";
import { reminderReplyData } from "../domain/reminder-buttons.js";
import { clippedList, keyStart, mapLink, planningWindow, REMINDER_KINDS, reminderKey, reminderMoment, type ReminderKind } from "../domain/reminder-plan.js";
import { numericDate, numericDateTime, numericTime } from "../domain/trial.js";
import type { AuditService } from "./audit.js";
import type { Actor } from "./authorization.js";
import { pupilClass, pupilName } from "./consents.js";
import { NotAllowed, NotFound } from "./errors.js";
import type { Outbox } from "./outbox.js";
import { noticeRecipients } from "./recipients.js";
import type { RegistrationService, Roster } from "./registrations.js";
import { toTrialView, type TrialView } from "./trials.js";
import type { UserService } from "./users.js";

export interface ReminderServiceDeps {
  models: Models;
  clock: Clock;
  audit: AuditService;
  outbox: Outbox;
  registrations: Pick<RegistrationService, "roster" | "cancel">;
  users: Pick<UserService, "findById">;
}

/** The pupil's answer to the direction sheet, and the confirmation step of "I can't come". */
export type ReminderAnswer = "coming" | "cant" | "cant-yes" | "cant-no";

/** What the bot shows after an answer; `stale` when the trial started or was cancelled, or the registration is no longer active. */
export type ReminderReply = { outcome: "coming" | "ask" | "cancelled" | "kept"; trial: TrialView } | { outcome: "stale" };

/** Room for the teacher's texts in the direction sheet; its fixed wording takes well under 1,200 characters in every language. */
export const DIRECTION_SHEET_BUDGET = 1600;
const FIELD_MAX = 250;
/** The digest's lists stay within these, so the whole message stays under 3,500 characters. */
const DIGEST_LISTS = {
  confirmed: { maxItems: 40, budget: 1000 },
  missing: { maxItems: 40, budget: 500 },
  noPhotos: { maxItems: 40, budget: 300 },
  portfolioOnly: { maxItems: 40, budget: 300 },
  health: { maxItems: 15, budget: 600 },
} as const;
const HEALTH_NOTE_SHOWN = 120;

const EMPTY = "—";

type StoredTrial = Parameters<typeof toTrialView>[0];

const person = (p: { name: string; phone: string } | undefined) => (p?.name ? `${p.name}, ${p.phone}` : EMPTY);

/** Params of `reminder-24h-pupil` / `reminder-24h-parent`: the direction sheet, from the trial as it is now. */
export function directionSheetParams(trial: TrialView): Record<string, string> {
  const tz = trial.timezone;
  const inPerson = trial.format !== "online";
  const texts = fitTexts(
    {
      organisation: { value: trial.host.organisation || EMPTY, max: FIELD_MAX },
      address: { value: (inPerson && trial.host.address) || EMPTY, max: FIELD_MAX },
      transport: { value: (inPerson && trial.host.transport) || EMPTY, max: FIELD_MAX },
      bring: { value: trial.bring ?? EMPTY, max: FIELD_MAX },
      clothing: { value: trial.clothing ?? EMPTY, max: FIELD_MAX },
      link: { value: (trial.format !== "in_person" && trial.host.onlineLink) || EMPTY, max: 300 },
    },
    DIRECTION_SHEET_BUDGET,
  );
  const address = inPerson ? trial.host.address : undefined;
  return {
    title: trial.title,
    format: trial.format,
    date: numericDate(trial.startsAt, tz),
    start: numericTime(trial.startsAt, tz),
    end: numericTime(trial.endsAt, tz),
    organisation: texts.organisation,
    address: texts.address,
    map: address ? mapLink(address, tz) : EMPTY,
    link: texts.link,
    transport: texts.transport,
    mentor: person(trial.mentor),
    escort: person(trial.escort),
    // Late or unwell: the escort, who travels with the pupils; without one, the mentor.
    contact: trial.escort ? person(trial.escort) : person(trial.mentor),
    bring: texts.bring,
    clothing: texts.clothing,
  };
}

/** Params of `digest-1d-teacher`: who goes, whose consent is missing, photo restrictions and health notes. */
export function digestParams(roster: Roster): Record<string, string | number> {
  const { trial, entries } = roster;
  const name = (e: Roster["entries"][number]) => `${[e.firstName, e.lastName].filter(Boolean).join(" ")} (${e.className})`;
  const going = entries.filter((e) => e.status === "confirmed");
  const missing = entries.filter((e) => e.status === "pending_consent");
  const list = (items: string[], limits: { maxItems: number; budget: number }, separator?: string) => {
    const clipped = clippedList(items, { ...limits, ...(separator ? { separator } : {}) });
    return { text: clipped.text || EMPTY, more: clipped.more };
  };
  const confirmed = list(going.map(name), DIGEST_LISTS.confirmed);
  const pending = list(missing.map(name), DIGEST_LISTS.missing);
  const noPhotos = list(going.filter((e) => e.photo === "forbidden" || e.photo === "unknown").map(name), DIGEST_LISTS.noPhotos);
  const portfolioOnly = list(going.filter((e) => e.photo === "portfolio").map(name), DIGEST_LISTS.portfolioOnly);
  const notes = going
    .filter((e) => e.healthNote)
    .map((e) => {
      const note = e.healthNote!.replace(/\s+/g, " ").trim();
      return `• ${name(e)}: ${note.length > HEALTH_NOTE_SHOWN ? `${note.slice(0, HEALTH_NOTE_SHOWN - 1)}…` : note}`;
    });
  const health = list(notes, DIGEST_LISTS.health, "\n");
  return {
    title: trial.title,
    when: numericDateTime(trial.startsAt, trial.timezone),
    confirmedCount: going.length,
    confirmed: confirmed.text,
    confirmedMore: confirmed.more,
    missingCount: missing.length,
    missing: pending.text,
    missingMore: pending.more,
    noPhotos: noPhotos.text,
    noPhotosMore: noPhotos.more,
    portfolioOnly: portfolioOnly.text,
    portfolioOnlyMore: portfolioOnly.more,
    health: health.text,
    healthMore: health.more,
  };
}

export function createReminderService(deps: ReminderServiceDeps) {
  const { Trial, Registration, Notification, User } = deps.models;

  const pendingStatuses: ("pending" | "failed")[] = ["pending", "failed"];

  /**
   * Withdraws reminders still waiting whose trial moved (their key names another start), was
   * cancelled or has started, and pupils' reminders whose registration is no longer confirmed.
   */
  async function withdrawStale(now: Date): Promise<void> {
    const waiting = await Notification.find({ kind: { $in: REMINDER_KINDS }, status: { $in: pendingStatuses } }, { dedupeKey: 1, kind: 1, trialId: 1 }).lean<
      { _id: Types.ObjectId; dedupeKey: string; kind: ReminderKind; trialId?: Types.ObjectId }[]
    >();
    if (waiting.length === 0) return;
    const trials = await Trial.find({ _id: { $in: waiting.map((n) => n.trialId).filter(Boolean) } }, { status: 1, startsAt: 1 }).lean<{ _id: Types.ObjectId; status: string; startsAt: Date }[]>();
    const trialBy = new Map(trials.map((t) => [t._id.toHexString(), t]));
    const registrationIds = waiting.filter((n) => n.kind !== "digest1d").map((n) => n.dedupeKey.split(":")[1] ?? "");
    const confirmed = new Set(
      (await Registration.find({ _id: { $in: registrationIds.filter((id) => /^[0-9a-f]{24}$/.test(id)) }, status: "confirmed" }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>()).map((r) =>
        r._id.toHexString(),
      ),
    );
    const stale = waiting.filter((n) => {
      const trial = n.trialId ? trialBy.get(n.trialId.toHexString()) : undefined;
      if (!trial || trial.status !== "published" || trial.startsAt.getTime() <= now.getTime()) return true;
      if (keyStart(n.dedupeKey) !== trial.startsAt.getTime()) return true;
      return n.kind !== "digest1d" && !confirmed.has(n.dedupeKey.split(":")[1] ?? "");
    });
    if (stale.length > 0) await Notification.updateMany({ _id: { $in: stale.map((n) => n._id) }, status: { $in: pendingStatuses } }, { $set: { status: "cancelled" } });
  }

  async function confirmedOf(trial: TrialView): Promise<{ _id: Types.ObjectId; studentId: Types.ObjectId }[]> {
    return Registration.find({ trialId: trial.id, status: "confirmed" }, { studentId: 1 }).lean<{ _id: Types.ObjectId; studentId: Types.ObjectId }[]>();
  }

  async function planDirectionSheets(trial: TrialView, at: Date): Promise<number> {
    const registrations = await confirmedOf(trial);
    if (registrations.length === 0) return 0;
    const params = directionSheetParams(trial);
    const registrationOf = new Map(registrations.map((r) => [r.studentId.toHexString(), r._id]));
    let queued = 0;
    for (const recipient of await noticeRecipients(deps.models, registrations.map((r) => r.studentId))) {
      const registrationId = registrationOf.get(recipient.studentId.toHexString())!;
      const registration = registrationId.toHexString();
      const pupil = recipient.role === "pupil";
      const added = await deps.outbox.enqueue({
        dedupeKey: reminderKey("reminder24h", [registration, recipient.userId.toHexString()], trial.startsAt),
        userId: recipient.userId,
        chatId: recipient.chatId,
        kind: "reminder24h",
        payload: {
          key: pupil ? "reminder-24h-pupil" : "reminder-24h-parent",
          params: pupil ? params : { ...params, child: recipient.childName || EMPTY },
          ...(pupil
            ? {
                buttons: [
                  [
                    { key: "reminder-coming", callbackData: reminderReplyData.pack({ registration, answer: "coming" }) },
                    { key: "reminder-cant", callbackData: reminderReplyData.pack({ registration, answer: "cant" }) },
                  ],
                ],
              }
            : {}),
        },
        notBefore: at,
        trialId: trial.id,
      });
      if (added) queued++;
    }
    return queued;
  }

  async function planDayOf(trial: TrialView, at: Date): Promise<number> {
    const registrations = await confirmedOf(trial);
    if (registrations.length === 0) return 0;
    const registrationOf = new Map(registrations.map((r) => [r.studentId.toHexString(), r._id]));
    const sheet = directionSheetParams(trial);
    let queued = 0;
    for (const pupil of await noticeRecipients(deps.models, registrations.map((r) => r.studentId), { parents: false })) {
      const registration = registrationOf.get(pupil.studentId.toHexString())!.toHexString();
      const added = await deps.outbox.enqueue({
        dedupeKey: reminderKey("reminder2h", [registration], trial.startsAt),
        userId: pupil.userId,
        chatId: pupil.chatId,
        kind: "reminder2h",
        payload: {
          key: "reminder-2h-pupil",
          params: { title: trial.title, format: trial.format, start: sheet.start!, organisation: sheet.organisation!, address: sheet.address!, map: sheet.map!, link: sheet.link!, contact: sheet.contact! },
        },
        notBefore: at,
        trialId: trial.id,
      });
      if (added) queued++;
    }
    return queued;
  }

  async function planDigest(trial: TrialView, at: Date): Promise<number> {
    const teacher = await deps.users.findById(trial.createdBy);
    if (!teacher || teacher.status !== "active") return 0;
    let roster: Roster;
    try {
      roster = await deps.registrations.roster(teacher, trial.id);
    } catch (error) {
      // The author is no longer staff of the trial's school: nobody to send the digest to.
      if (error instanceof NotAllowed) return 0;
      throw error;
    }
    const added = await deps.outbox.enqueue({
      dedupeKey: reminderKey("digest1d", [trial.id.toHexString(), teacher.id.toHexString()], trial.startsAt),
      userId: teacher.id,
      chatId: teacher.telegramId,
      kind: "digest1d",
      payload: { key: "digest-1d-teacher", params: digestParams(roster) },
      notBefore: at,
      trialId: trial.id,
    });
    return added ? 1 : 0;
  }

  return {
    /**
     * The planner job: withdraws reminders gone stale, then queues each reminder whose moment has
     * come (within its grace). Safe to run any number of times: every message has its dedupe key.
     */
    async plan(): Promise<number> {
      const now = deps.clock.now();
      await withdrawStale(now);
      const window = planningWindow(now);
      const docs = await Trial.find({ status: "published", startsAt: { $gt: window.from, $lte: window.to } }).lean<StoredTrial[]>();
      let queued = 0;
      for (const trial of docs.map(toTrialView)) {
        const sheetAt = reminderMoment("reminder24h", trial.startsAt, now);
        if (sheetAt) queued += await planDirectionSheets(trial, sheetAt);
        const dayAt = reminderMoment("reminder2h", trial.startsAt, now);
        if (dayAt) queued += await planDayOf(trial, dayAt);
        const digestAt = reminderMoment("digest1d", trial.startsAt, now);
        if (digestAt) queued += await planDigest(trial, digestAt);
      }
      return queued;
    },

    /**
     * The pupil's answer to the direction sheet. Only the pupil themself; a trial that started or
     * was cancelled, or a registration no longer active, reads as stale and nothing changes.
     */
    async answer(actor: Actor | null, registrationId: Types.ObjectId, answer: ReminderAnswer): Promise<ReminderReply> {
      if (!actor || actor.status === "deleted") throw new NotAllowed("no actor");
      const registration = await Registration.findById(registrationId, { trialId: 1, studentId: 1, status: 1 }).lean<{ _id: Types.ObjectId; trialId: Types.ObjectId; studentId: Types.ObjectId; status: RegistrationStatus }>();
      if (!registration) throw new NotFound("registration");
      if (!registration.studentId.equals(actor.id)) throw new NotAllowed("not the pupil's own registration");
      const doc = await Trial.findById(registration.trialId).lean<StoredTrial>();
      if (!doc) throw new NotFound("trial");
      const trial = toTrialView(doc);
      const now = deps.clock.now();
      const active = (ACTIVE_REGISTRATION_STATUSES as readonly string[]).includes(registration.status);
      if (trial.status !== "published" || trial.startsAt.getTime() <= now.getTime() || !active) return { outcome: "stale" };
      if (answer === "coming") {
        // Recorded once: a second tap only hears the thanks again.
        if (await deps.models.AuditLog.exists({ entity: "registration", entityId: registrationId, action: "reminder.coming" })) return { outcome: "coming", trial };
        await deps.audit.record({ actorId: actor.id, action: "reminder.coming", entity: "registration", entityId: registrationId, details: { trialId: trial.id } });
        return { outcome: "coming", trial };
      }
      if (answer === "cant") return { outcome: "ask", trial };
      if (answer === "cant-no") return { outcome: "kept", trial };
      await deps.registrations.cancel(actor, registrationId);
      await Notification.updateMany(
        { kind: { $in: ["reminder24h", "reminder2h"] }, status: { $in: pendingStatuses }, dedupeKey: { $regex: `^reminder(24h|2h):${registrationId.toHexString()}:` } },
        { $set: { status: "cancelled" } },
      );
      const teacher = await User.findOne({ _id: trial.createdBy, status: "active" }, { telegramId: 1 }).lean<{ _id: Types.ObjectId; telegramId: number }>();
      if (teacher) {
        await deps.outbox.enqueue({
          dedupeKey: `reminder-cant-teacher:${registrationId.toHexString()}:${now.getTime()}`,
          userId: teacher._id,
          chatId: teacher.telegramId,
          kind: "reminder-cant",
          payload: { key: "reminder-cant-teacher", params: { child: pupilName(actor), class: pupilClass(actor), title: trial.title, when: numericDateTime(trial.startsAt, trial.timezone) } },
          trialId: trial.id,
        });
      }
      return { outcome: "cancelled", trial };
    },
  };
}

export type ReminderService = ReturnType<typeof createReminderService>;
