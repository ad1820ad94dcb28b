import { Types } from "mongoose";
import type { Clock } from "../clock.js";
import { findInstrumentVersion } from "../content/instruments/index.js";
import { RIASEC_LETTERS, type RiasecLetter } from "../db/models/common.js";
import type { Models } from "../db/models/index.js";
import { ACTIVE_REGISTRATION_STATUSES, type RegistrationStatus } from "../db/models/registration.js";
import { TRIAL_FORMATS, TRIAL_KINDS, TRIAL_MAX_CAPACITY, TRIAL_MIN_CAPACITY, type TrialFormat, type TrialKind, type TrialStatus } from "../db/models/trial.js";
import { MAX_GRADE, MIN_GRADE } from "../domain/profile.js";
import { checkOnlineLink, checkPhone, checkTrialText, checkTrialTimes, matchScore, numericDateTime, rankTrials, signupBlock, type SignupBlock, type TrialTextField } from "../domain/trial.js";
import { REMINDER_KINDS } from "../domain/reminder-plan.js";
import type { AuditService } from "./audit.js";
import { isAdmin, requireRole, requireStaffOf, type Actor } from "./authorization.js";
import { DomainError, NotAllowed, NotFound } from "./errors.js";
import type { Outbox } from "./outbox.js";
import { noticeRecipients } from "./recipients.js";

export interface Person {
  name: string;
  phone: string;
}

/** Everything a teacher fills in; the service checks it all again, whatever the dialog did. */
export interface TrialInput {
  kind: TrialKind;
  format: TrialFormat;
  title: string;
  description: string;
  directions: RiasecLetter[];
  host: { organisation: string; address?: string | undefined; onlineLink?: string | undefined; transport?: string | undefined };
  mentor: Person;
  escort?: Person | undefined;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  minGrade: number;
  maxGrade: number;
  schoolIds: Types.ObjectId[];
  bring?: string | undefined;
  clothing?: string | undefined;
  ppe?: string | undefined;
  healthRestrictions?: string | undefined;
  risks?: string | undefined;
  signupDeadline: Date;
  consentDeadline: Date;
}

export interface TrialView extends TrialInput {
  id: Types.ObjectId;
  /** Owner school: its teachers manage the trial. */
  schoolId: Types.ObjectId;
  timezone: string;
  status: TrialStatus;
  seatsTaken: number;
  createdBy: Types.ObjectId;
}

/** A line of the teacher's list: how full it is, and how many wait. */
export interface TrialSummary {
  id: Types.ObjectId;
  kind: TrialKind;
  title: string;
  startsAt: Date;
  status: TrialStatus;
  capacity: number;
  seatsTaken: number;
  waitlisted: number;
}

/** A trial as a pupil sees it in the catalogue or on its card. */
export interface CatalogueEntry {
  trial: TrialView;
  seatsLeft: number;
  /** 0–3: how well it fits the pupil's newest interest result. */
  match: number;
  /** The pupil's own registration, if any is still active. */
  mine?: { registrationId: Types.ObjectId; status: RegistrationStatus } | undefined;
}

export interface TrialCard extends CatalogueEntry {
  /** Why the pupil can't sign up, if they can't. */
  block?: SignupBlock | "overlap" | undefined;
  /** Position on the waiting list, when the pupil is on it. */
  position?: number | undefined;
}

/** The fields whose change a pupil and parent must hear about at once. */
const MOVING_FIELDS = ["startsAt", "endsAt", "format", "host.address", "host.onlineLink"] as const;

const PAGE_LIMIT = 50;

type StoredTrial = Omit<TrialView, "id"> & { _id: Types.ObjectId };

function clean(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === "" ? undefined : value;
}

export function toTrialView(doc: StoredTrial): TrialView {
  const person = (p: Partial<Person> | null | undefined) => (p?.name && p.phone ? { name: p.name, phone: p.phone } : undefined);
  return {
    id: doc._id,
    kind: doc.kind,
    format: doc.format,
    title: doc.title,
    description: doc.description ?? "",
    directions: [...(doc.directions ?? [])],
    host: {
      organisation: doc.host?.organisation ?? "",
      address: clean(doc.host?.address),
      onlineLink: clean(doc.host?.onlineLink),
      transport: clean(doc.host?.transport),
    },
    mentor: person(doc.mentor) ?? { name: "", phone: "" },
    escort: person(doc.escort),
    startsAt: doc.startsAt,
    endsAt: doc.endsAt,
    timezone: doc.timezone,
    capacity: doc.capacity,
    seatsTaken: doc.seatsTaken,
    minGrade: doc.minGrade,
    maxGrade: doc.maxGrade,
    schoolIds: [...(doc.schoolIds ?? [])],
    bring: clean(doc.bring),
    clothing: clean(doc.clothing),
    ppe: clean(doc.ppe),
    healthRestrictions: clean(doc.healthRestrictions),
    risks: clean(doc.risks),
    signupDeadline: doc.signupDeadline ?? doc.startsAt,
    consentDeadline: doc.consentDeadline ?? doc.startsAt,
    status: doc.status,
    schoolId: doc.schoolId,
    createdBy: doc.createdBy,
  };
}

/** The refusal of an input, naming the field, so the dialog can ask for exactly that again. */
export class TrialInvalid extends DomainError {
  constructor(readonly field: string) {
    super("trial-invalid", `invalid trial field ${field}`);
  }
}

/** Every rule on every field; returns the cleaned input. `kept`: the stored deadline an edit may keep though it has passed. */
export function checkTrialInput(input: TrialInput, now: Date, kept?: { signupDeadline: Date }): TrialInput {
  const text = (value: string | undefined, field: TrialTextField, name: string, required: boolean): string | undefined => {
    if (value === undefined || value.trim() === "") {
      if (required) throw new TrialInvalid(name);
      return undefined;
    }
    const check = checkTrialText(value, field);
    if (!check.ok) throw new TrialInvalid(name);
    return check.value;
  };
  const person = (p: Person | undefined, name: string, required: boolean): Person | undefined => {
    if (!p) {
      if (required) throw new TrialInvalid(name);
      return undefined;
    }
    const phone = checkPhone(p.phone);
    if (!phone) throw new TrialInvalid(`${name}.phone`);
    return { name: text(p.name, "personName", `${name}.name`, true)!, phone };
  };
  if (!TRIAL_KINDS.includes(input.kind)) throw new TrialInvalid("kind");
  if (!TRIAL_FORMATS.includes(input.format)) throw new TrialInvalid("format");
  const inPerson = input.format !== "online";
  const online = input.format !== "in_person";
  const directions = [...new Set(input.directions)];
  if (directions.length === 0 || directions.some((d) => !RIASEC_LETTERS.includes(d))) throw new TrialInvalid("directions");
  if (!Number.isInteger(input.capacity) || input.capacity < TRIAL_MIN_CAPACITY || input.capacity > TRIAL_MAX_CAPACITY) throw new TrialInvalid("capacity");
  if (![input.minGrade, input.maxGrade].every((g) => Number.isInteger(g) && g >= MIN_GRADE && g <= MAX_GRADE) || input.minGrade > input.maxGrade) {
    throw new TrialInvalid("grades");
  }
  if (input.schoolIds.length === 0) throw new TrialInvalid("schools");
  const times = checkTrialTimes(input, now, kept);
  if (times) throw new TrialInvalid(`times:${times}`);
  let onlineLink: string | undefined;
  if (online) {
    onlineLink = input.host.onlineLink ? checkOnlineLink(input.host.onlineLink) : undefined;
    if (!onlineLink) throw new TrialInvalid("host.onlineLink");
  }
  return {
    kind: input.kind,
    format: input.format,
    title: text(input.title, "title", "title", true)!,
    description: text(input.description, "description", "description", true)!,
    directions: RIASEC_LETTERS.filter((letter) => directions.includes(letter)),
    host: {
      organisation: text(input.host.organisation, "organisation", "host.organisation", true)!,
      address: inPerson ? text(input.host.address, "address", "host.address", true) : undefined,
      onlineLink,
      transport: inPerson ? text(input.host.transport, "transport", "host.transport", false) : undefined,
    },
    mentor: person(input.mentor, "mentor", true)!,
    // The school's escort goes with the pupils; an online session needs none.
    escort: person(input.escort, "escort", inPerson),
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    capacity: input.capacity,
    minGrade: input.minGrade,
    maxGrade: input.maxGrade,
    schoolIds: [...new Map(input.schoolIds.map((id) => [id.toHexString(), id])).values()],
    bring: text(input.bring, "longText", "bring", false),
    clothing: text(input.clothing, "longText", "clothing", false),
    ppe: text(input.ppe, "longText", "ppe", false),
    healthRestrictions: text(input.healthRestrictions, "longText", "healthRestrictions", false),
    risks: text(input.risks, "longText", "risks", false),
    signupDeadline: input.signupDeadline,
    consentDeadline: input.consentDeadline,
  };
}

/** The stored form of an input: absent optional fields are unset, not kept from before. */
function toDocument(input: TrialInput): { $set: Record<string, unknown>; $unset: Record<string, 1> } {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  const put = (path: string, value: unknown) => {
    if (value === undefined) $unset[path] = 1;
    else $set[path] = value;
  };
  put("kind", input.kind);
  put("format", input.format);
  put("title", input.title);
  put("description", input.description);
  put("directions", input.directions);
  put("host.organisation", input.host.organisation);
  put("host.address", input.host.address);
  put("host.onlineLink", input.host.onlineLink);
  put("host.transport", input.host.transport);
  put("mentor", input.mentor);
  put("escort", input.escort);
  put("startsAt", input.startsAt);
  put("endsAt", input.endsAt);
  put("capacity", input.capacity);
  put("minGrade", input.minGrade);
  put("maxGrade", input.maxGrade);
  put("schoolIds", input.schoolIds);
  put("bring", input.bring);
  put("clothing", input.clothing);
  put("ppe", input.ppe);
  put("healthRestrictions", input.healthRestrictions);
  put("risks", input.risks);
  put("signupDeadline", input.signupDeadline);
  put("consentDeadline", input.consentDeadline);
  return { $set, $unset };
}

function inputOf(view: TrialView): TrialInput {
  const { id: _id, schoolId: _s, timezone: _tz, status: _st, seatsTaken: _seats, createdBy: _by, ...input } = view;
  return input;
}

function placeOf(trial: TrialView): string {
  return [trial.host.organisation, trial.host.address ?? trial.host.onlineLink].filter(Boolean).join(", ");
}

/** Newest completed questionnaire result of a pupil, as RIASEC letters strongest first. */
export async function interestLetters(models: Models, studentId: Types.ObjectId): Promise<RiasecLetter[]> {
  const results = await models.QuestionnaireResult.find({ studentId, completedAt: { $exists: true } }, { instrument: 1, top: 1 })
    .sort({ completedAt: -1 })
    .limit(5)
    .lean<{ instrument: string; top?: string[] }[]>();
  for (const result of results) {
    const instrument = findInstrumentVersion(result.instrument);
    if (!instrument) continue;
    const letters: RiasecLetter[] = [];
    // `top` holds the whole ranking; the pupil's interests are its first three, as on the result card.
    for (const scaleId of (result.top ?? []).slice(0, 3)) {
      for (const letter of instrument.scales.find((s) => s.id === scaleId)?.directions ?? []) {
        if (!letters.includes(letter)) letters.push(letter);
      }
    }
    return letters;
  }
  return [];
}

export interface TrialServiceDeps {
  models: Models;
  clock: Clock;
  audit: AuditService;
  outbox: Outbox;
  /** From the registration service: more seats move the waiting list up. */
  fillFreeSeats: (trialId: Types.ObjectId) => Promise<unknown>;
}

export function createTrialService(deps: TrialServiceDeps) {
  const { Trial, School, Registration } = deps.models;

  async function load(trialId: Types.ObjectId): Promise<TrialView> {
    const doc = await Trial.findById(trialId).lean<StoredTrial>();
    if (!doc) throw new NotFound("trial");
    return toTrialView(doc);
  }

  /** The trial, if the actor runs its school (or is an admin). */
  async function loadManaged(actor: Actor | null, trialId: Types.ObjectId): Promise<TrialView> {
    requireRole(actor, isAdmin(actor) ? "admin" : "teacher");
    const trial = await load(trialId);
    requireStaffOf(actor, trial.schoolId);
    return trial;
  }

  function teacherSchool(actor: Actor | null): Types.ObjectId {
    const teacher = requireRole(actor, "teacher");
    if (!teacher.teacherSchoolId) throw new NotAllowed("teacher without a school");
    return teacher.teacherSchoolId;
  }

  function requirePupil(actor: Actor | null): Actor & { schoolId: Types.ObjectId; grade: number } {
    const pupil = requireRole(actor, "student");
    if (!pupil.schoolId || pupil.grade === undefined) throw new NotAllowed("pupil without a school");
    return pupil as Actor & { schoolId: Types.ObjectId; grade: number };
  }

  /** Tells every registrant (and each one's parents) something urgent about a trial, once per change. */
  async function noticeRegistrants(trial: TrialView, statuses: readonly RegistrationStatus[], key: string, change: string): Promise<number> {
    const registrations = await Registration.find({ trialId: trial.id, status: { $in: statuses } }, { studentId: 1 }).lean<{ studentId: Types.ObjectId }[]>();
    const recipients = await noticeRecipients(deps.models, registrations.map((r) => r.studentId));
    const params = { title: trial.title, when: numericDateTime(trial.startsAt, trial.timezone), place: placeOf(trial) || "—" };
    let sent = 0;
    for (const recipient of recipients) {
      const added = await deps.outbox.enqueue({
        dedupeKey: `${key}:${trial.id.toHexString()}:${change}:${recipient.userId.toHexString()}:${recipient.studentId.toHexString()}`,
        userId: recipient.userId,
        chatId: recipient.chatId,
        kind: key,
        payload: { key: `${key}-${recipient.role}`, params: { ...params, child: recipient.childName ?? "" } },
        urgent: true,
        trialId: trial.id,
      });
      if (added) sent++;
    }
    return sent;
  }

  return {
    load,

    /** What the create dialog needs: the teacher's school, its zone, and every school the trial could be shown to. */
    async setup(actor: Actor | null) {
      const schoolId = teacherSchool(actor);
      const school = await School.findById(schoolId, { name: 1, timezone: 1 }).lean<{ name: string; timezone: string }>();
      if (!school) throw new NotFound("school");
      const schools = await School.find({}, { name: 1 }).sort({ name: 1 }).limit(200).lean<{ _id: Types.ObjectId; name: string }[]>();
      return {
        schoolId,
        timezone: school.timezone,
        schools: [{ id: schoolId, name: school.name }, ...schools.filter((s) => !s._id.equals(schoolId)).map((s) => ({ id: s._id, name: s.name }))],
      };
    },

    /** Stores a checked trial for the teacher's school, as a draft or published at once (after the preview). */
    async create(actor: Actor | null, input: TrialInput, options: { publish: boolean }): Promise<TrialView> {
      const schoolId = teacherSchool(actor);
      const school = await School.findById(schoolId, { timezone: 1 }).lean<{ timezone: string }>();
      if (!school) throw new NotFound("school");
      const checked = checkTrialInput(input, deps.clock.now());
      const { $set } = toDocument(checked);
      const doc = await Trial.create({ ...$set, timezone: school.timezone, schoolId, createdBy: actor!.id, status: options.publish ? "published" : "draft", seatsTaken: 0 });
      await deps.audit.record({ actorId: actor!.id, action: options.publish ? "trial.publish" : "trial.create", entity: "trial", entityId: doc._id });
      return load(doc._id);
    },

    /** A staff view of one trial of the actor's school. */
    get: loadManaged,

    /** The input of an existing trial, to start a copy from (the dialog asks for new dates). */
    async draftFrom(actor: Actor | null, trialId: Types.ObjectId): Promise<TrialInput> {
      return inputOf(await loadManaged(actor, trialId));
    },

    /**
     * Saves changed fields. A published trial that moves in time or place tells every pupil
     * signed up and their parents at once, ignoring quiet hours.
     */
    async update(actor: Actor | null, trialId: Types.ObjectId, input: TrialInput): Promise<{ trial: TrialView; notified: number }> {
      const before = await loadManaged(actor, trialId);
      if (before.status === "cancelled" || before.status === "completed") throw new DomainError("trial-closed");
      const now = deps.clock.now();
      if (before.startsAt.getTime() <= now.getTime()) throw new DomainError("trial-started");
      // Sign-up may have closed already: changing the place the day before must not reopen it.
      const checked = checkTrialInput(input, now, { signupDeadline: before.signupDeadline });
      if (checked.capacity < before.seatsTaken) throw new TrialInvalid("capacity-below-taken");
      const { $set, $unset } = toDocument(checked);
      // Capacity may only shrink to what is held right now: the check is part of the update.
      const updated = await Trial.findOneAndUpdate(
        { _id: trialId, status: before.status, seatsTaken: { $lte: checked.capacity } },
        { $set, ...(Object.keys($unset).length > 0 ? { $unset } : {}) },
        { returnDocument: "after" },
      ).lean<StoredTrial>();
      if (!updated) throw new DomainError("trial-changed");
      const trial = toTrialView(updated);
      const moved = MOVING_FIELDS.filter((path) => {
        const read = (view: TrialView) => path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], view);
        const [a, b] = [read(before), read(trial)];
        return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
      });
      await deps.audit.record({ actorId: actor!.id, action: "trial.update", entity: "trial", entityId: trialId, details: { moved } });
      // Reminders still waiting name the old start; the planner plans them again for the new one.
      if (before.startsAt.getTime() !== trial.startsAt.getTime()) {
        await deps.models.Notification.updateMany({ trialId, kind: { $in: REMINDER_KINDS }, status: { $in: ["pending", "failed"] } }, { $set: { status: "cancelled" } });
      }
      let notified = 0;
      if (moved.length > 0 && trial.status === "published") {
        notified = await noticeRegistrants(trial, ACTIVE_REGISTRATION_STATUSES, "trial-changed", String(now.getTime()));
      }
      // More seats: the waiting list moves up.
      if (checked.capacity > before.capacity && trial.status === "published") await deps.fillFreeSeats(trialId);
      return { trial, notified };
    },

    /** Draft → published, when its dates still lie ahead. */
    async publish(actor: Actor | null, trialId: Types.ObjectId): Promise<TrialView> {
      const trial = await loadManaged(actor, trialId);
      if (trial.status !== "draft") throw new DomainError("trial-not-draft");
      checkTrialInput(inputOf(trial), deps.clock.now());
      const done = await Trial.updateOne({ _id: trialId, status: "draft" }, { $set: { status: "published" } });
      if (done.modifiedCount === 0) throw new DomainError("trial-not-draft");
      await deps.audit.record({ actorId: actor!.id, action: "trial.publish", entity: "trial", entityId: trialId });
      return load(trialId);
    },

    /**
     * Cancels the trial: every registration is cancelled, every seat freed, every message still
     * waiting about it is withdrawn, and pupils and parents hear at once.
     */
    async cancel(actor: Actor | null, trialId: Types.ObjectId): Promise<{ trial: TrialView; cancelled: number; notified: number }> {
      const before = await loadManaged(actor, trialId);
      const now = deps.clock.now();
      // A trial that has taken place is kept as it was: its attendance is the record of what happened.
      if (before.status === "published" && before.startsAt.getTime() <= now.getTime()) throw new DomainError("trial-started");
      const changed = await Trial.findOneAndUpdate({ _id: trialId, status: { $in: ["draft", "published"] } }, { $set: { status: "cancelled" } }, { returnDocument: "after" }).lean<StoredTrial>();
      if (!changed) throw new DomainError("trial-closed");
      const active = await Registration.find({ trialId, status: { $in: ACTIVE_REGISTRATION_STATUSES } }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
      const ids = active.map((r) => r._id);
      await Registration.updateMany({ _id: { $in: ids }, status: { $in: ACTIVE_REGISTRATION_STATUSES } }, { $set: { status: "cancelled", statusChangedAt: now, cancelledBy: actor!.id } });
      await Trial.updateOne({ _id: trialId }, { $set: { seatsTaken: 0 } });
      await deps.models.Notification.updateMany({ trialId, status: { $in: ["pending", "failed"] } }, { $set: { status: "cancelled" } });
      const trial = toTrialView({ ...changed, seatsTaken: 0 });
      let notified = 0;
      if (before.status === "published" && ids.length > 0) {
        const registrations = await Registration.find({ _id: { $in: ids } }, { studentId: 1 }).lean<{ studentId: Types.ObjectId }[]>();
        const recipients = await noticeRecipients(deps.models, registrations.map((r) => r.studentId));
        for (const recipient of recipients) {
          const added = await deps.outbox.enqueue({
            dedupeKey: `trial-cancelled:${trialId.toHexString()}:${recipient.userId.toHexString()}:${recipient.studentId.toHexString()}`,
            userId: recipient.userId,
            chatId: recipient.chatId,
            kind: "trial-cancelled",
            payload: { key: `trial-cancelled-${recipient.role}`, params: { title: trial.title, when: numericDateTime(trial.startsAt, trial.timezone), child: recipient.childName ?? "" } },
            urgent: true,
            trialId,
          });
          if (added) notified++;
        }
      }
      await deps.audit.record({ actorId: actor!.id, action: "trial.cancel", entity: "trial", entityId: trialId, details: { registrations: ids.length } });
      return { trial, cancelled: ids.length, notified };
    },

    /** The teacher's school's trials: upcoming and drafts first, then the recent past; with fill level. */
    async listForSchool(actor: Actor | null, schoolId?: Types.ObjectId): Promise<TrialSummary[]> {
      const school = schoolId ?? teacherSchool(actor);
      requireStaffOf(actor, school);
      const now = deps.clock.now();
      const recent = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
      const docs = await Trial.find({ schoolId: school, startsAt: { $gte: recent } }, { kind: 1, title: 1, startsAt: 1, status: 1, capacity: 1, seatsTaken: 1 })
        .sort({ startsAt: 1 })
        .limit(PAGE_LIMIT)
        .lean<(Omit<TrialSummary, "id" | "waitlisted"> & { _id: Types.ObjectId })[]>();
      const waiting = await Registration.aggregate<{ _id: Types.ObjectId; n: number }>([
        { $match: { trialId: { $in: docs.map((d) => d._id) }, status: "waitlisted" } },
        { $group: { _id: "$trialId", n: { $sum: 1 } } },
      ]);
      const waitingBy = new Map(waiting.map((w) => [w._id.toHexString(), w.n]));
      const upcoming = (d: { startsAt: Date }) => d.startsAt.getTime() > now.getTime();
      return [...docs.filter(upcoming), ...docs.filter((d) => !upcoming(d)).reverse()].map((d) => ({
        id: d._id,
        kind: d.kind,
        title: d.title,
        startsAt: d.startsAt,
        status: d.status,
        capacity: d.capacity,
        seatsTaken: d.seatsTaken,
        waitlisted: waitingBy.get(d._id.toHexString()) ?? 0,
      }));
    },

    /** Upcoming published trials the pupil may join, best match with their newest interest result first. */
    async catalogue(actor: Actor | null, options: { directions?: readonly RiasecLetter[] } = {}): Promise<CatalogueEntry[]> {
      const pupil = requirePupil(actor);
      const now = deps.clock.now();
      const filter = openTrialsFilter(pupil, now, options.directions);
      const docs = await Trial.find(filter).sort({ startsAt: 1 }).limit(200).lean<StoredTrial[]>();
      const letters = options.directions ? [...options.directions] : await interestLetters(deps.models, pupil.id);
      const mine = await Registration.find({ studentId: pupil.id, trialId: { $in: docs.map((d) => d._id) }, status: { $in: ACTIVE_REGISTRATION_STATUSES } }, { trialId: 1, status: 1 }).lean<
        { _id: Types.ObjectId; trialId: Types.ObjectId; status: RegistrationStatus }[]
      >();
      const mineBy = new Map(mine.map((r) => [r.trialId.toHexString(), { registrationId: r._id, status: r.status }]));
      return rankTrials(docs.map(toTrialView), letters)
        .slice(0, PAGE_LIMIT)
        .map((trial) => ({
          trial,
          seatsLeft: Math.max(0, trial.capacity - trial.seatsTaken),
          match: matchScore(trial.directions, letters),
          mine: mineBy.get(trial.id.toHexString()),
        }));
    },

    /**
     * One trial as a pupil sees it: shown when it is published and open to their school (or when
     * they are signed up for it), with what keeps them from signing up, if anything.
     */
    async card(actor: Actor | null, trialId: Types.ObjectId): Promise<TrialCard> {
      const pupil = requirePupil(actor);
      const trial = await load(trialId);
      const registration = await Registration.findOne({ trialId, studentId: pupil.id }, { status: 1, waitlistedAt: 1 }).lean<{
        _id: Types.ObjectId;
        status: RegistrationStatus;
        waitlistedAt?: Date;
      }>();
      const visible = trial.status !== "draft" && trial.schoolIds.some((id) => id.equals(pupil.schoolId));
      if (!visible && !registration) throw new NotFound("trial");
      const active = registration && (ACTIVE_REGISTRATION_STATUSES as readonly string[]).includes(registration.status) ? registration : undefined;
      let position: number | undefined;
      if (active?.status === "waitlisted") position = await waitlistPosition(deps.models, trialId, active._id, active.waitlistedAt);
      const block = active ? undefined : (signupBlock(trial, pupil, deps.clock.now()) ?? (await overlapBlock(deps.models, pupil.id, trial)));
      const letters = await interestLetters(deps.models, pupil.id);
      return {
        trial,
        seatsLeft: Math.max(0, trial.capacity - trial.seatsTaken),
        match: matchScore(trial.directions, letters),
        mine: active ? { registrationId: active._id, status: active.status } : undefined,
        block,
        position,
      };
    },
  };

}

/**
 * Trials a pupil may still join: published, open to their school and grade, not started, sign-up
 * open (no deadline stored means open until the start). Optionally only these directions.
 */
export function openTrialsFilter(pupil: { schoolId: Types.ObjectId; grade: number }, now: Date, directions?: readonly RiasecLetter[]): Record<string, unknown> {
  return {
    status: "published",
    schoolIds: pupil.schoolId,
    startsAt: { $gt: now },
    $or: [{ signupDeadline: { $gt: now } }, { signupDeadline: null }],
    minGrade: { $lte: pupil.grade },
    maxGrade: { $gte: pupil.grade },
    ...(directions ? { directions: { $in: directions } } : {}),
  };
}

/** 1-based place on the waiting list: the oldest waits first, ties broken by id. */
export async function waitlistPosition(models: Models, trialId: Types.ObjectId, registrationId: Types.ObjectId, waitlistedAt: Date | undefined): Promise<number> {
  if (!waitlistedAt) return 1;
  const ahead = await models.Registration.countDocuments({
    trialId,
    status: "waitlisted",
    $or: [{ waitlistedAt: { $lt: waitlistedAt } }, { waitlistedAt, _id: { $lt: registrationId } }],
  });
  return ahead + 1;
}

/** "overlap" when the pupil already holds a place (or waits for one) at a trial at the same time. */
export async function overlapBlock(models: Models, studentId: Types.ObjectId, trial: { id: Types.ObjectId; startsAt: Date; endsAt: Date }): Promise<"overlap" | undefined> {
  const active = await models.Registration.find({ studentId, trialId: { $ne: trial.id }, status: { $in: ACTIVE_REGISTRATION_STATUSES } }, { trialId: 1 }).lean<{ trialId: Types.ObjectId }[]>();
  if (active.length === 0) return undefined;
  const clash = await models.Trial.exists({
    _id: { $in: active.map((r) => r.trialId) },
    status: { $in: ["published", "completed"] },
    startsAt: { $lt: trial.endsAt },
    endsAt: { $gt: trial.startsAt },
  });
  return clash ? "overlap" : undefined;
}

export type TrialService = ReturnType<typeof createTrialService>;
