import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { ConsentDecision, PhotoScope } from "../db/models/consent.js";
import type { Models } from "../db/models/index.js";
import { ACTIVE_REGISTRATION_STATUSES, SEAT_HOLDING_STATUSES, type RegistrationStatus } from "../db/models/registration.js";
import { currentRecords, effectivePhotoScope, newestByGuardian, type EffectivePhotoScope } from "../domain/consent.js";
import { numericDateTime, signupBlock } from "../domain/trial.js";
import { menuData } from "../domain/menu-buttons.js";
import type { AuditService } from "./audit.js";
import { isAdmin, requireRole, requireStaffOf, type Actor } from "./authorization.js";
import { DomainError, NotFound } from "./errors.js";
import { tellTeacher, withdrawQueuedRequests } from "./consents.js";
import type { Outbox } from "./outbox.js";
import { noticeRecipients } from "./recipients.js";
import { overlapBlock, toTrialView, waitlistPosition, type TrialView } from "./trials.js";

/** The short "before" reflection asked at sign-up (seed 001, form В). */
export interface BeforeReflection {
  expect: string;
  worries: string;
  /** Interest right now, 1–5. */
  interest: number;
}

export const BEFORE_ANSWER_MAX = 1000;

export type SignUpOutcome = { registrationId: Types.ObjectId; status: "pending_consent" } | { registrationId: Types.ObjectId; status: "waitlisted"; position: number };

export interface MyRegistration {
  registrationId: Types.ObjectId;
  status: RegistrationStatus;
  position?: number | undefined;
  trial: Pick<TrialView, "id" | "kind" | "title" | "startsAt" | "endsAt" | "timezone" | "host" | "format" | "status">;
}

/** A registration's participation consent as the roster shows it. */
export type ConsentState = "granted" | "refused" | "withdrawn" | "pending";

/** Consent on the roster: what the registration's status says, a parent's withdrawal named as such. */
export function consentState(status: RegistrationStatus, current: readonly ConsentDecision[]): ConsentState {
  if (status === "confirmed" || status === "attended" || status === "no_show") return "granted";
  if (status === "declined") return "refused";
  if (status === "cancelled" && current.includes("withdrawn")) return "withdrawn";
  return "pending";
}

export interface RosterEntry {
  registrationId: Types.ObjectId;
  studentId: Types.ObjectId;
  firstName: string;
  lastName: string;
  className: string;
  schoolName: string;
  status: RegistrationStatus;
  position?: number | undefined;
  consent: ConsentState;
  photo: EffectivePhotoScope;
  /** Every linked guardian's note on their current agreement, one per line. */
  healthNote?: string | undefined;
}

export interface Roster {
  trial: TrialView;
  entries: RosterEntry[];
  /** Attendance can be marked from the start of the trial on. */
  attendanceOpen: boolean;
}

/** Thrown when a pupil cannot sign up; the code names the reason (`signup-grade`, `signup-overlap`, …). */
export class SignupRefused extends DomainError {
  constructor(readonly reason: string) {
    super(`signup-${reason}`);
  }
}

const TERMINAL_STATUSES = ["declined", "expired", "cancelled"] as const satisfies readonly RegistrationStatus[];

type StoredTrial = Parameters<typeof toTrialView>[0];

/**
 * Sign-up, waiting list and attendance (DESIGN §5). Seats are counted on the trial and taken or
 * freed only by one atomic conditional update each; a registration changes status only by a
 * conditional update from the status it was read in. So 500 pupils racing for 20 seats get
 * exactly 20, and a freed seat goes to exactly one pupil from the waiting list.
 */
/** How a seat came to be held: by the pupil signing up just now (who is told in the chat), or by a promotion from the waiting list. */
export type SeatHeldHow = "signup" | "promotion";

export interface RegistrationServiceDeps {
  models: Models;
  clock: Clock;
  audit: AuditService;
  outbox: Outbox;
  /** A registration now holds a seat and waits for consent: the guardians are asked (the consent service). */
  onSeatHeld?: (registrationId: Types.ObjectId, how: SeatHeldHow) => Promise<unknown>;
}

export function createRegistrationService(deps: RegistrationServiceDeps) {
  const { Trial, Registration, Reflection, User, School, Consent } = deps.models;

  async function loadTrial(trialId: Types.ObjectId): Promise<TrialView> {
    const doc = await Trial.findById(trialId).lean<StoredTrial>();
    if (!doc) throw new NotFound("trial");
    return toTrialView(doc);
  }

  /** One seat, if one is free: `seatsTaken < capacity` is part of the update itself. */
  async function takeSeat(trialId: Types.ObjectId): Promise<boolean> {
    const taken = await Trial.findOneAndUpdate({ _id: trialId, status: "published", $expr: { $lt: ["$seatsTaken", "$capacity"] } }, { $inc: { seatsTaken: 1 } }, { projection: { _id: 1 } }).lean();
    return taken !== null;
  }

  async function giveBackSeat(trialId: Types.ObjectId): Promise<void> {
    await Trial.updateOne({ _id: trialId, seatsTaken: { $gt: 0 } }, { $inc: { seatsTaken: -1 } });
  }

  /** Moves the oldest waiting pupil to a seat already taken for them; tells them, unless they are the one signing up right now. */
  async function promoteOldest(trial: TrialView, except?: Types.ObjectId): Promise<Types.ObjectId | undefined> {
    const now = deps.clock.now();
    const promoted = await Registration.findOneAndUpdate(
      { trialId: trial.id, status: "waitlisted" },
      { $set: { status: "pending_consent", statusChangedAt: now } },
      { sort: { waitlistedAt: 1, _id: 1 }, returnDocument: "after", projection: { studentId: 1 } },
    ).lean<{ _id: Types.ObjectId; studentId: Types.ObjectId }>();
    if (!promoted) return undefined;
    await deps.audit.record({ actorId: null, action: "registration.promote", entity: "registration", entityId: promoted._id, details: { trialId: trial.id } });
    if (!except?.equals(promoted._id)) {
      const [pupil] = await noticeRecipients(deps.models, [promoted.studentId], { parents: false });
      if (pupil) {
        await deps.outbox.enqueue({
          dedupeKey: `trial-promoted:${promoted._id.toHexString()}:${now.getTime()}`,
          userId: pupil.userId,
          chatId: pupil.chatId,
          kind: "trial-promoted",
          payload: {
            key: "trial-promoted-pupil",
            params: { title: trial.title, when: numericDateTime(trial.startsAt, trial.timezone) },
            buttons: [[{ key: "menu-my-trials", callbackData: menuData.pack({ action: "my-trials" }) }]],
          },
          trialId: trial.id,
        });
      }
    }
    // After the pupil hears of the place: then the parents are asked (or the pupil, to invite one).
    await deps.onSeatHeld?.(promoted._id, except?.equals(promoted._id) ? "signup" : "promotion");
    return promoted._id;
  }

  /** Whether a freed seat may still go to someone waiting: not once parents no longer have time to consent. */
  function promotionsOpen(trial: TrialView): boolean {
    return trial.status === "published" && trial.consentDeadline.getTime() > deps.clock.now().getTime();
  }

  /**
   * A seat held by a registration that just left. It passes straight to the oldest pupil waiting,
   * so nobody signing up at that moment can slip ahead of the queue; with nobody waiting it is freed.
   */
  async function releaseSeat(trialId: Types.ObjectId): Promise<void> {
    const trial = await loadTrial(trialId);
    if (promotionsOpen(trial) && (await promoteOldest(trial))) return;
    await giveBackSeat(trialId);
    // Someone may have joined the waiting list while the seat was being freed.
    if (promotionsOpen(trial)) await fillFreeSeats(trialId);
  }

  /**
   * Gives free seats to pupils waiting, oldest first, one atomic seat at a time. A seat taken with
   * nobody left to promote is handed back. Returns the registrations promoted.
   */
  async function fillFreeSeats(trialId: Types.ObjectId, except?: Types.ObjectId): Promise<Types.ObjectId[]> {
    const trial = await loadTrial(trialId);
    const promoted: Types.ObjectId[] = [];
    if (!promotionsOpen(trial)) return promoted;
    while (await Registration.exists({ trialId, status: "waitlisted" })) {
      if (!(await takeSeat(trialId))) break;
      const id = await promoteOldest(trial, except);
      if (!id) {
        await giveBackSeat(trialId);
        break;
      }
      promoted.push(id);
    }
    return promoted;
  }

  function requirePupil(actor: Actor | null): Actor & { schoolId: Types.ObjectId; grade: number } {
    const pupil = requireRole(actor, "student");
    if (!pupil.schoolId || pupil.grade === undefined) throw new SignupRefused("not-a-pupil");
    return pupil as Actor & { schoolId: Types.ObjectId; grade: number };
  }

  function checkBefore(before: BeforeReflection): BeforeReflection {
    const text = (value: string, field: string) => {
      const clean = value.normalize("NFC").trim();
      if (clean.length === 0 || clean.length > BEFORE_ANSWER_MAX) throw new DomainError("invalid-input", `before.${field}`);
      return clean;
    };
    if (!Number.isInteger(before.interest) || before.interest < 1 || before.interest > 5) throw new DomainError("invalid-input", "before.interest");
    return { expect: text(before.expect, "expect"), worries: text(before.worries, "worries"), interest: before.interest };
  }

  /** A registration the actor may act on: their own as a pupil, or one at a trial of their school as staff. */
  async function loadRegistration(actor: Actor | null, registrationId: Types.ObjectId, as: "pupil-or-staff" | "staff") {
    const registration = await Registration.findById(registrationId).lean<{ _id: Types.ObjectId; trialId: Types.ObjectId; studentId: Types.ObjectId; status: RegistrationStatus }>();
    if (!registration) throw new NotFound("registration");
    const trial = await loadTrial(registration.trialId);
    const own = as === "pupil-or-staff" && actor !== null && actor.id.equals(registration.studentId) && actor.status !== "deleted";
    if (!own) requireStaffOf(actor, trial.schoolId);
    return { registration, trial };
  }

  const service = {
    fillFreeSeats: (trialId: Types.ObjectId) => fillFreeSeats(trialId),
    /** For a registration that left a seat by other means (a pupil deleting their data): the seat moves on. */
    releaseSeat,

    /**
     * Signs a pupil up: a free seat makes the registration pending_consent, a full trial puts the
     * pupil on the waiting list. The "before" reflection is stored with it.
     */
    async signUp(actor: Actor | null, trialId: Types.ObjectId, before: BeforeReflection): Promise<SignUpOutcome> {
      const pupil = requirePupil(actor);
      const answers = checkBefore(before);
      const trial = await loadTrial(trialId);
      const now = deps.clock.now();
      const block = signupBlock(trial, pupil, now);
      if (block) throw new SignupRefused(block);
      const existing = await Registration.findOne({ trialId, studentId: pupil.id }, { status: 1 }).lean<{ _id: Types.ObjectId; status: RegistrationStatus }>();
      if (existing && !(TERMINAL_STATUSES as readonly string[]).includes(existing.status)) throw new SignupRefused("already");
      if (await overlapBlock(deps.models, pupil.id, trial)) throw new SignupRefused("overlap");

      const seated = await takeSeat(trialId);
      const status: RegistrationStatus = seated ? "pending_consent" : "waitlisted";
      const fields = { status, statusChangedAt: now, ...(seated ? {} : { waitlistedAt: now }) };
      let registrationId: Types.ObjectId | undefined;
      try {
        if (existing) {
          // Signing up again after cancelling: the same document, revived only from the status it was read in.
          const revived = await Registration.findOneAndUpdate(
            { _id: existing._id, status: existing.status },
            { $set: fields, $unset: { attended: 1, cancelledBy: 1, ...(seated ? { waitlistedAt: 1 } : {}) } },
            { projection: { _id: 1 } },
          ).lean<{ _id: Types.ObjectId }>();
          registrationId = revived?._id;
        } else {
          registrationId = (await Registration.create({ trialId, studentId: pupil.id, ...fields }))._id;
        }
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) {
          if (seated) await releaseSeat(trialId);
          throw error;
        }
      }
      if (!registrationId) {
        // A second tap that raced the first: the first one holds the registration, this seat goes back.
        if (seated) await releaseSeat(trialId);
        throw new SignupRefused("already");
      }
      await Reflection.findOneAndUpdate(
        { registrationId, phase: "before" },
        {
          $set: { studentId: pupil.id, trialId, answers: { expect: answers.expect, worries: answers.worries }, interestBefore: answers.interest },
          $setOnInsert: { registrationId, phase: "before" },
        },
        { upsert: true },
      );
      await deps.audit.record({ actorId: pupil.id, action: "registration.create", entity: "registration", entityId: registrationId, details: { trialId, status } });
      if (seated) {
        await deps.onSeatHeld?.(registrationId, "signup");
        return { registrationId, status: "pending_consent" };
      }
      // A seat may have been freed between the full trial and joining the queue: fill it now.
      await fillFreeSeats(trialId, registrationId);
      const after = await Registration.findById(registrationId, { status: 1, waitlistedAt: 1 }).lean<{ status: RegistrationStatus; waitlistedAt?: Date }>();
      if (after?.status === "pending_consent") return { registrationId, status: "pending_consent" };
      return { registrationId, status: "waitlisted", position: await waitlistPosition(deps.models, trialId, registrationId, after?.waitlistedAt) };
    },

    /** The pupil themself, or staff of the trial's school, cancels before the start; a held seat moves on. */
    async cancel(actor: Actor | null, registrationId: Types.ObjectId): Promise<{ trialId: Types.ObjectId; previous: RegistrationStatus }> {
      const { trial } = await loadRegistration(actor, registrationId, "pupil-or-staff");
      const now = deps.clock.now();
      if (trial.startsAt.getTime() <= now.getTime()) throw new DomainError("trial-started");
      const before = await Registration.findOneAndUpdate(
        { _id: registrationId, status: { $in: ACTIVE_REGISTRATION_STATUSES } },
        { $set: { status: "cancelled", statusChangedAt: now, cancelledBy: actor!.id } },
        { projection: { status: 1 } },
      ).lean<{ status: RegistrationStatus }>();
      if (!before) throw new DomainError("registration-not-active");
      if ((SEAT_HOLDING_STATUSES as readonly string[]).includes(before.status)) await releaseSeat(trial.id);
      await withdrawQueuedRequests(deps.models, registrationId);
      await deps.audit.record({ actorId: actor!.id, action: "registration.cancel", entity: "registration", entityId: registrationId, details: { trialId: trial.id, from: before.status } });
      return { trialId: trial.id, previous: before.status };
    },

    /** "My trials": what the pupil signed up for, upcoming first, then the last month. */
    async mine(actor: Actor | null): Promise<MyRegistration[]> {
      const pupil = requireRole(actor, "student");
      const registrations = await Registration.find({ studentId: pupil.id }, { trialId: 1, status: 1, waitlistedAt: 1 }).lean<
        { _id: Types.ObjectId; trialId: Types.ObjectId; status: RegistrationStatus; waitlistedAt?: Date }[]
      >();
      const since = new Date(deps.clock.now().getTime() - 30 * 24 * 60 * 60 * 1000);
      const trials = await Trial.find({ _id: { $in: registrations.map((r) => r.trialId) }, endsAt: { $gte: since } }).lean<StoredTrial[]>();
      const byId = new Map(trials.map((t) => [t._id.toHexString(), toTrialView(t)]));
      const list: MyRegistration[] = [];
      for (const r of registrations) {
        const trial = byId.get(r.trialId.toHexString());
        if (!trial) continue;
        const position = r.status === "waitlisted" ? await waitlistPosition(deps.models, r.trialId, r._id, r.waitlistedAt) : undefined;
        const { id, kind, title, startsAt, endsAt, timezone, host, format, status } = trial;
        list.push({ registrationId: r._id, status: r.status, position, trial: { id, kind, title, startsAt, endsAt, timezone, host, format, status } });
      }
      const now = deps.clock.now().getTime();
      const upcoming = (m: MyRegistration) => m.trial.endsAt.getTime() > now;
      return [
        ...list.filter(upcoming).sort((a, b) => a.trial.startsAt.getTime() - b.trial.startsAt.getTime()),
        ...list.filter((m) => !upcoming(m)).sort((a, b) => b.trial.startsAt.getTime() - a.trial.startsAt.getTime()),
      ];
    },

    /** One registration of the pupil's own, for its card in "My trials". */
    async myRegistration(actor: Actor | null, registrationId: Types.ObjectId): Promise<MyRegistration & { trialView: TrialView }> {
      const pupil = requireRole(actor, "student");
      const r = await Registration.findOne({ _id: registrationId, studentId: pupil.id }, { trialId: 1, status: 1, waitlistedAt: 1 }).lean<{
        _id: Types.ObjectId;
        trialId: Types.ObjectId;
        status: RegistrationStatus;
        waitlistedAt?: Date;
      }>();
      if (!r) throw new NotFound("registration");
      const trial = await loadTrial(r.trialId);
      const position = r.status === "waitlisted" ? await waitlistPosition(deps.models, r.trialId, r._id, r.waitlistedAt) : undefined;
      return { registrationId: r._id, status: r.status, position, trial, trialView: trial };
    },

    /**
     * Everyone signed up for a trial of the actor's school, with live consent, photo rules and
     * health notes: consent from the status and the guardians' records (a withdrawal shows as
     * such), the strictest photo answer of the guardians, and the health notes of every
     * guardian's current agreement.
     */
    async roster(actor: Actor | null, trialId: Types.ObjectId): Promise<Roster> {
      if (!isAdmin(actor)) requireRole(actor, "teacher");
      const trial = await loadTrial(trialId);
      requireStaffOf(actor, trial.schoolId);
      const found = await Registration.find(
        { trialId, status: { $in: [...ACTIVE_REGISTRATION_STATUSES, "attended", "no_show", "declined", "cancelled"] } },
        { studentId: 1, status: 1, waitlistedAt: 1, statusChangedAt: 1 },
      ).lean<{ _id: Types.ObjectId; studentId: Types.ObjectId; status: RegistrationStatus; waitlistedAt?: Date; statusChangedAt: Date }[]>();
      const studentIds = found.map((r) => r.studentId);
      // Every guardian's answers count, also after a link ends: unlinking a parent must not undo their "no photos".
      const consents = await Consent.find({ studentId: { $in: studentIds }, $or: [{ kind: "participation", trialId }, { kind: "photo" }] }, { studentId: 1, guardianId: 1, kind: 1, decision: 1, photoScope: 1, healthNote: 1, recordedAt: 1 })
        .sort({ recordedAt: 1, _id: 1 })
        .lean<{ studentId: Types.ObjectId; guardianId: Types.ObjectId; kind: string; decision: ConsentDecision; photoScope?: PhotoScope; healthNote?: string; recordedAt: Date }[]>();
      const recordsOf = (studentId: Types.ObjectId, kind: string) => consents.filter((c) => c.kind === kind && c.studentId.equals(studentId));
      // A cancelled registration stays on the roster only when a parent withdrew it: the host must see that.
      const registrations = found.filter((r) => r.status !== "cancelled" || currentRecords(recordsOf(r.studentId, "participation"), r).some((c) => c.decision === "withdrawn"));
      const pupils = await User.find({ _id: { $in: studentIds } }, { firstName: 1, lastName: 1, grade: 1, classLetter: 1, schoolId: 1 }).lean<
        { _id: Types.ObjectId; firstName?: string; lastName?: string; grade?: number; classLetter?: string; schoolId?: Types.ObjectId }[]
      >();
      const schools = await School.find({ _id: { $in: pupils.map((p) => p.schoolId).filter(Boolean) } }, { name: 1 }).lean<{ _id: Types.ObjectId; name: string }[]>();
      const pupilBy = new Map(pupils.map((p) => [p._id.toHexString(), p]));
      const schoolBy = new Map(schools.map((s) => [s._id.toHexString(), s.name]));
      const waiting = registrations.filter((r) => r.status === "waitlisted").sort((a, b) => (a.waitlistedAt?.getTime() ?? 0) - (b.waitlistedAt?.getTime() ?? 0) || (a._id.toHexString() < b._id.toHexString() ? -1 : 1));
      const entries = registrations.map((r): RosterEntry => {
        const p = pupilBy.get(r.studentId.toHexString());
        const current = [...newestByGuardian(currentRecords(recordsOf(r.studentId, "participation"), r)).values()];
        const consent = consentState(r.status, current.map((c) => c.decision));
        const notes = consent === "granted" ? current.filter((c) => c.decision === "granted" && c.healthNote).map((c) => c.healthNote!) : [];
        return {
          registrationId: r._id,
          studentId: r.studentId,
          firstName: p?.firstName ?? "—",
          lastName: p?.lastName ?? "",
          className: p?.grade !== undefined ? `${p.grade}${p.classLetter ?? ""}` : "—",
          schoolName: (p?.schoolId && schoolBy.get(p.schoolId.toHexString())) || "—",
          status: r.status,
          position: r.status === "waitlisted" ? waiting.indexOf(r) + 1 : undefined,
          consent,
          photo: effectivePhotoScope([...newestByGuardian(recordsOf(r.studentId, "photo")).values()]),
          healthNote: notes.length > 0 ? notes.join("\n") : undefined,
        };
      });
      const order: RegistrationStatus[] = ["attended", "confirmed", "no_show", "pending_consent", "waitlisted", "declined", "expired", "cancelled"];
      entries.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || (a.position ?? 0) - (b.position ?? 0) || `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`, "ru"));
      return { trial, entries, attendanceOpen: trial.startsAt.getTime() <= deps.clock.now().getTime() };
    },

    /** One tap per pupil from the start on: came or didn't. Only a pupil with consent can have come. */
    async markAttendance(actor: Actor | null, registrationId: Types.ObjectId, attended: boolean): Promise<void> {
      const { trial } = await loadRegistration(actor, registrationId, "staff");
      if (trial.startsAt.getTime() > deps.clock.now().getTime()) throw new DomainError("attendance-too-early");
      if (trial.status === "cancelled") throw new DomainError("trial-closed");
      const done = await Registration.updateOne(
        { _id: registrationId, status: { $in: ["confirmed", "attended", "no_show"] } },
        { $set: { status: attended ? "attended" : "no_show", attended, statusChangedAt: deps.clock.now() } },
      );
      if (done.matchedCount === 0) throw new DomainError("attendance-no-consent");
      await deps.audit.record({ actorId: actor!.id, action: attended ? "registration.attended" : "registration.no-show", entity: "registration", entityId: registrationId, details: { trialId: trial.id } });
    },

    /**
     * Repairs what a crash (or an outage) between two writes leaves behind, since there are no
     * transactions: a seat taken by `takeSeat` whose registration was never written, or a seat a
     * cancelled registration never gave back. For each published trial, seatsTaken is set to the
     * number of registrations holding a seat, then free seats go to the waiting list in order.
     * A trial is touched only when it and its registrations have been quiet for `quietForMs` of real
     * time (`updatedAt` is real time), and the update is conditional on `seatsTaken` and `updatedAt`
     * being what was read, so a sign-up in progress is never miscounted. Returns the trials corrected.
     */
    async reconcileSeats(options: { quietForMs?: number } = {}): Promise<number> {
      const quietSince = new Date(Date.now() - (options.quietForMs ?? 2 * 60_000));
      const trials = await Trial.find({ status: "published", updatedAt: { $lte: quietSince } }, { seatsTaken: 1, capacity: 1, updatedAt: 1 }).lean<
        { _id: Types.ObjectId; seatsTaken: number; capacity: number; updatedAt: Date }[]
      >();
      if (trials.length === 0) return 0;
      // Three queries for all the trials, not three per trial: this runs every minute.
      const ids = trials.map((t) => t._id);
      const [busy, waiting, held] = await Promise.all([
        Registration.distinct("trialId", { trialId: { $in: ids }, updatedAt: { $gt: quietSince } }),
        Registration.distinct("trialId", { trialId: { $in: ids }, status: "waitlisted" }),
        Registration.aggregate<{ _id: Types.ObjectId; n: number }>([
          { $match: { trialId: { $in: ids }, status: { $in: [...SEAT_HOLDING_STATUSES] } } },
          { $group: { _id: "$trialId", n: { $sum: 1 } } },
        ]),
      ]);
      const isBusy = new Set(busy.map(String));
      const hasWaiting = new Set(waiting.map(String));
      const holdingOf = new Map(held.map((h) => [String(h._id), h.n]));
      let corrected = 0;
      for (const trial of trials) {
        const id = String(trial._id);
        if (isBusy.has(id)) continue;
        const holding = holdingOf.get(id) ?? 0;
        if (holding !== trial.seatsTaken && holding <= trial.capacity) {
          const fixed = await Trial.updateOne({ _id: trial._id, seatsTaken: trial.seatsTaken, updatedAt: trial.updatedAt }, { $set: { seatsTaken: holding } });
          if (fixed.modifiedCount === 0) continue;
          corrected++;
          await deps.audit.record({ actorId: null, action: "trial.seats-reconciled", entity: "trial", entityId: trial._id, details: { from: trial.seatsTaken, to: holding } });
        }
        if (holding < trial.capacity && hasWaiting.has(id)) await fillFreeSeats(trial._id);
      }
      return corrected;
    },

    /**
     * The consent-deadline job: registrations still waiting for consent at the deadline expire and
     * their seats are freed (past the deadline nobody is promoted into them); the pupil, the parents
     * and the teacher are told, and the consent messages still queued are withdrawn. Safe to run twice.
     */
    async expireOverdue(): Promise<number> {
      // The same job first repairs seats left over by a crash between two writes.
      await service.reconcileSeats();
      const now = deps.clock.now();
      const trials = await Trial.find(
        {
          status: "published",
          // No deadline stored: consent is due by the start (as toTrialView reads it).
          $or: [{ consentDeadline: { $lte: now } }, { consentDeadline: null, startsAt: { $lte: now } }],
          endsAt: { $gt: new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000) },
        },
        { _id: 1 },
      ).lean<{ _id: Types.ObjectId }[]>();
      if (trials.length === 0) return 0;
      const overdue = await Registration.find({ trialId: { $in: trials.map((t) => t._id) }, status: "pending_consent" }, { trialId: 1, studentId: 1 }).lean<
        { _id: Types.ObjectId; trialId: Types.ObjectId; studentId: Types.ObjectId }[]
      >();
      let expired = 0;
      for (const registration of overdue) {
        const done = await Registration.updateOne({ _id: registration._id, status: "pending_consent" }, { $set: { status: "expired", statusChangedAt: now } });
        if (done.modifiedCount === 0) continue;
        expired++;
        await giveBackSeat(registration.trialId);
        await deps.audit.record({ actorId: null, action: "registration.expire", entity: "registration", entityId: registration._id, details: { trialId: registration.trialId } });
        await withdrawQueuedRequests(deps.models, registration._id);
        const trial = await loadTrial(registration.trialId);
        await tellTeacher(deps, trial, registration._id, registration.studentId, "expired", now);
        for (const recipient of await noticeRecipients(deps.models, [registration.studentId])) {
          await deps.outbox.enqueue({
            dedupeKey: `trial-expired:${registration._id.toHexString()}:${recipient.userId.toHexString()}`,
            userId: recipient.userId,
            chatId: recipient.chatId,
            kind: "trial-expired",
            payload: { key: `trial-expired-${recipient.role}`, params: { title: trial.title, when: numericDateTime(trial.startsAt, trial.timezone), child: recipient.childName ?? "" } },
            trialId: trial.id,
          });
        }
      }
      return expired;
    },
  };
  return service;
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
