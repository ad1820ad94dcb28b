/**
 * Guardian consent (DESIGN §6 "Consent", issue 8): the informed request for each trial, the
 * decisions (participation per trial, a standing photo/video answer, an optional health note),
 * withdrawal, the chase before the deadline, and the evidence. Every decision is a new
 * append-only Consent record with the text version and the sha256 of the exact text shown,
 * plus an audit entry.
 */
import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { ConsentDecision, ConsentKind, PhotoScope } from "../db/models/consent.js";
import type { Models } from "../db/models/index.js";
import type { RegistrationStatus } from "../db/models/registration.js";
import { LOCALES, type Locale } from "../db/models/user.js";
import { consentDecisionData, consentOpenData, consentPhotoData } from "../domain/consent-buttons.js";
import { CONSENT_TEXT_VERSIONS } from "../domain/consent-texts.js";
import { chaseToSend, currentRecords, effectivePhotoScope, fitTexts, newestByGuardian, participationOutcome, type EffectivePhotoScope, type PhotoAnswer } from "../domain/consent.js";
import { hashShownText } from "../domain/text-hash.js";
import { numericDate, numericDateTime, numericTime } from "../domain/trial.js";
import { zonedParts } from "../domain/zoned-time.js";
import { menuData } from "../domain/menu-buttons.js";
import type { AuditService } from "./audit.js";
import { isAdmin, requireGuardianOf, requireRole, type Actor } from "./authorization.js";
import { DomainError, InvalidInput, NotAllowed, NotFound } from "./errors.js";
import type { Outbox } from "./outbox.js";
import { noticeRecipients } from "./recipients.js";
import type { RegistrationService } from "./registrations.js";
import { toTrialView, type TrialView } from "./trials.js";

/** The exact text a guardian saw when deciding, and its language; the service hashes it. */
export interface ShownText {
  text: string;
  locale: Locale;
}

/**
 * Params of the Fluent message `consent-request` (locales/<lang>/consent.ftl): everything the
 * informed consent states, as strings that read the same in every language (teacher's texts,
 * numeric dates) plus `kind`/`format` for Fluent selectors. Rendered at send time by the
 * dispatcher and again by the bot when a decision comes, to check the text shown is current.
 */
export type ConsentRequestParams = Record<string, string | number>;

/** A participation request as a guardian sees it (outbox message, /consents). */
export interface ParticipationRequest {
  registrationId: Types.ObjectId;
  studentId: Types.ObjectId;
  childFirstName: string;
  trial: TrialView;
  registrationStatus: RegistrationStatus;
  /** This guardian's own newest decision for this trial, if any. */
  mine?: ConsentDecision | undefined;
  /** This guardian's health note for this trial, if any (on their current agreement). */
  healthNote?: string | undefined;
  params: ConsentRequestParams;
}

/** One child on the guardian's /consents screen. */
export interface ChildConsents {
  studentId: Types.ObjectId;
  firstName: string;
  personalData?: ConsentDecision | undefined;
  /** This guardian's own photo answer, and the one that applies with every guardian counted. */
  photo: {
    mine?: PhotoScope | "withdrawn" | undefined;
    effective: EffectivePhotoScope;
    /** The photo question is already on its way to this guardian (or was delivered). */
    asked: boolean;
  };
  /** Active registrations (pending_consent, confirmed, waitlisted) of upcoming trials. */
  participation: ParticipationRequest[];
}

/** One line of a trial's consent evidence (admin CSV). */
export interface EvidenceRow {
  childName: string;
  className: string;
  guardianName: string;
  kind: "participation" | "photo" | "personal_data";
  decision: ConsentDecision;
  photoScope?: PhotoScope | undefined;
  recordedAt: Date;
  locale: Locale;
  textVersion: string;
  textHash: string;
}

export interface ConsentServiceDeps {
  models: Models;
  clock: Clock;
  audit: AuditService;
  outbox: Outbox;
  registrations: Pick<RegistrationService, "releaseSeat">;
}

/** A guardian's health note: restrictions the teacher must know (DESIGN §6). */
export const HEALTH_NOTE_MAX = 500;

/**
 * Room the teacher's texts may take in the informed-consent message. The fixed wording takes up
 * to ~1,800 characters in the longest language; Telegram allows 4,096 in one message
 * (tests/unit/consents-service.test.ts renders the longest trial in every language).
 */
export const CONSENT_REQUEST_BUDGET = 1800;
const DESCRIPTION_MAX = 700;
const FIELD_MAX = 250;
const LINK_MAX = 300;

const EMPTY = "—";

type StoredRegistration = { _id: Types.ObjectId; trialId: Types.ObjectId; studentId: Types.ObjectId; status: RegistrationStatus; statusChangedAt: Date };
type StoredConsent = {
  _id: Types.ObjectId;
  studentId: Types.ObjectId;
  guardianId: Types.ObjectId;
  kind: ConsentKind;
  trialId?: Types.ObjectId;
  decision: ConsentDecision;
  photoScope?: PhotoScope;
  healthNote?: string;
  textVersion: string;
  textHash: string;
  locale: Locale;
  recordedAt: Date;
};
type StoredTrial = Parameters<typeof toTrialView>[0];
type Pupil = { _id: Types.ObjectId; firstName?: string; lastName?: string; grade?: number; classLetter?: string };

/** A long link would be useless cut in half: its site is shown instead. */
function shortLink(link: string | undefined): string {
  if (!link) return EMPTY;
  if (link.length <= LINK_MAX) return link;
  try {
    return `${new URL(link).origin}/…`;
  } catch {
    return EMPTY;
  }
}

/** "Аружан Сейтова" and "9А", as a teacher reads them. */
export function pupilName(pupil: Pick<Pupil, "firstName" | "lastName"> | null | undefined): string {
  return [pupil?.firstName, pupil?.lastName].filter(Boolean).join(" ") || EMPTY;
}

export function pupilClass(pupil: Pick<Pupil, "grade" | "classLetter"> | null | undefined): string {
  return pupil?.grade !== undefined ? `${pupil.grade}${pupil.classLetter ?? ""}` : EMPTY;
}

/**
 * The messages still waiting in the outbox for a registration (the consent request and its
 * reminders, the trial reminders) are withdrawn once it no longer waits for consent, so nobody
 * is asked or reminded about a registration already decided, cancelled or expired.
 */
export async function withdrawQueuedRequests(
  models: Models,
  registrationId: Types.ObjectId,
  kinds: readonly string[] = ["consent-request", "consent-chase", "reminder24h", "reminder2h"],
): Promise<void> {
  await models.Notification.updateMany(
    { kind: { $in: kinds }, status: { $in: ["pending", "failed"] }, dedupeKey: { $regex: `:${registrationId.toHexString()}:` } },
    { $set: { status: "cancelled" } },
  );
}

/** Tells the trial's teacher (its author) about one pupil's consent: granted, refused, withdrawn, expired. */
export async function tellTeacher(
  deps: { models: Models; outbox: Outbox },
  trial: TrialView,
  registrationId: Types.ObjectId,
  studentId: Types.ObjectId,
  outcome: "granted" | "refused" | "withdrawn" | "expired",
  at: Date,
): Promise<boolean> {
  const teacher = await deps.models.User.findOne({ _id: trial.createdBy, status: "active" }, { telegramId: 1 }).lean<{ _id: Types.ObjectId; telegramId: number }>();
  if (!teacher) return false;
  const pupil = await deps.models.User.findById(studentId, { firstName: 1, lastName: 1, grade: 1, classLetter: 1 }).lean<Pupil>();
  return deps.outbox.enqueue({
    dedupeKey: `consent-${outcome}-teacher:${registrationId.toHexString()}:${at.getTime()}`,
    userId: teacher._id,
    chatId: teacher.telegramId,
    kind: `consent-${outcome}`,
    payload: {
      key: `consent-${outcome}-teacher`,
      params: { child: pupilName(pupil), class: pupilClass(pupil), title: trial.title, when: numericDateTime(trial.startsAt, trial.timezone) },
    },
    trialId: trial.id,
  });
}

/** Fluent params of `consent-request` for this trial and child; the teacher's long texts are shortened to fit one message. */
export function consentRequestParams(trial: TrialView, childFirstName: string): ConsentRequestParams {
  const tz = trial.timezone;
  const inPerson = trial.format !== "online";
  const online = trial.format !== "in_person";
  const person = (p: { name: string; phone: string } | undefined) => (p?.name ? `${p.name}, ${p.phone}` : EMPTY);
  const texts = fitTexts(
    {
      description: { value: trial.description || EMPTY, max: DESCRIPTION_MAX },
      organisation: { value: trial.host.organisation || EMPTY, max: FIELD_MAX },
      address: { value: (inPerson && trial.host.address) || EMPTY, max: FIELD_MAX },
      transport: { value: (inPerson && trial.host.transport) || EMPTY, max: FIELD_MAX },
      risks: { value: trial.risks ?? EMPTY, max: FIELD_MAX },
      ppe: { value: trial.ppe ?? EMPTY, max: FIELD_MAX },
      bring: { value: trial.bring ?? EMPTY, max: FIELD_MAX },
      clothing: { value: trial.clothing ?? EMPTY, max: FIELD_MAX },
      health: { value: trial.healthRestrictions ?? EMPTY, max: FIELD_MAX },
    },
    CONSENT_REQUEST_BUDGET - shortLink(online ? trial.host.onlineLink : undefined).length,
  );
  const start = zonedParts(trial.startsAt, tz);
  const end = zonedParts(trial.endsAt, tz);
  const minutes = Math.max(0, Math.round((trial.endsAt.getTime() - trial.startsAt.getTime()) / 60_000));
  return {
    child: childFirstName || EMPTY,
    kind: trial.kind,
    format: trial.format,
    title: trial.title,
    description: texts.description,
    date: numericDate(trial.startsAt, tz),
    start: numericTime(trial.startsAt, tz),
    endDate: numericDate(trial.endsAt, tz),
    end: numericTime(trial.endsAt, tz),
    sameDay: start.year === end.year && start.month === end.month && start.day === end.day ? "yes" : "no",
    hours: Math.floor(minutes / 60),
    minutes: minutes % 60,
    organisation: texts.organisation,
    address: texts.address,
    link: shortLink(online ? trial.host.onlineLink : undefined),
    transport: texts.transport,
    mentor: person(trial.mentor),
    escort: person(trial.escort),
    risks: texts.risks,
    ppe: texts.ppe,
    bring: texts.bring,
    clothing: texts.clothing,
    health: texts.health,
    deadline: numericDateTime(trial.consentDeadline, tz),
  };
}

/** The one photo/video question a parent gets about a child through the outbox. */
function photoQuestionKey(studentId: Types.ObjectId, guardianId: Types.ObjectId): string {
  return `consent-photo:${studentId.toHexString()}:${guardianId.toHexString()}`;
}

export function createConsentService(deps: ConsentServiceDeps) {
  const { Registration, Trial, User, Guardianship, Consent } = deps.models;
  const requestParams = consentRequestParams;

  async function loadRegistration(registrationId: Types.ObjectId): Promise<StoredRegistration> {
    const registration = await Registration.findById(registrationId, { trialId: 1, studentId: 1, status: 1, statusChangedAt: 1 }).lean<StoredRegistration>();
    if (!registration) throw new NotFound("registration");
    return registration;
  }

  async function loadTrial(trialId: Types.ObjectId): Promise<TrialView> {
    const doc = await Trial.findById(trialId).lean<StoredTrial>();
    if (!doc) throw new NotFound("trial");
    return toTrialView(doc);
  }

  /** A request a guardian may still answer: the registration holds a seat and the trial is ahead. */
  function isCurrent(registration: StoredRegistration, trial: TrialView, now: Date): boolean {
    if (trial.status !== "published" || trial.startsAt.getTime() <= now.getTime()) return false;
    if (registration.status === "confirmed") return true;
    // Past the deadline a pending registration expires (the expiry job): too late to agree.
    return registration.status === "pending_consent" && trial.consentDeadline.getTime() > now.getTime();
  }

  /** Only a linked guardian, never the child themself. */
  async function requireGuardian(actor: Actor | null, studentId: Types.ObjectId): Promise<Actor> {
    if (actor?.id.equals(studentId)) throw new NotAllowed("a pupil cannot consent for themself");
    return requireGuardianOf(deps.models, actor, studentId);
  }

  async function participationRecords(studentId: Types.ObjectId, trialId: Types.ObjectId): Promise<StoredConsent[]> {
    return Consent.find({ studentId, kind: "participation", trialId }).sort({ recordedAt: 1, _id: 1 }).lean<StoredConsent[]>();
  }

  /** This guardian's newest record of the registration's current request. */
  async function mineNow(registration: StoredRegistration, guardianId: Types.ObjectId): Promise<StoredConsent | undefined> {
    const records = currentRecords(await participationRecords(registration.studentId, registration.trialId), registration);
    return newestByGuardian(records).get(guardianId.toHexString());
  }

  function checkShown(shown: ShownText): ShownText {
    if (typeof shown.text !== "string" || shown.text.length === 0) throw new InvalidInput("shown.text");
    if (!(LOCALES as readonly string[]).includes(shown.locale)) throw new InvalidInput("shown.locale");
    return shown;
  }

  /** Builds and checks a record before anything changes, so a status never moves without its evidence. */
  async function prepareRecord(fields: Omit<StoredConsent, "_id" | "textHash" | "locale"> & { shown: ShownText }) {
    const { shown, ...rest } = fields;
    const doc = new Consent({ ...rest, textHash: hashShownText(shown.text), locale: shown.locale });
    await doc.validate();
    return doc;
  }

  async function saveRecord(doc: InstanceType<Models["Consent"]>, actor: Actor, details: Record<string, unknown>): Promise<void> {
    await doc.save();
    await deps.audit.record({
      actorId: actor.id,
      action: `consent.${doc.decision}`,
      entity: "consent",
      entityId: doc._id,
      details: { kind: doc.kind, studentId: doc.studentId, ...(doc.trialId ? { trialId: doc.trialId } : {}), textVersion: doc.textVersion, ...details },
    });
  }

  async function tellPupil(trial: TrialView, registrationId: Types.ObjectId, studentId: Types.ObjectId, outcome: "granted" | "refused" | "withdrawn", at: Date): Promise<void> {
    const [pupil] = await noticeRecipients(deps.models, [studentId], { parents: false });
    if (!pupil) return;
    await deps.outbox.enqueue({
      dedupeKey: `consent-${outcome}-pupil:${registrationId.toHexString()}:${at.getTime()}`,
      userId: pupil.userId,
      chatId: pupil.chatId,
      kind: `consent-${outcome}`,
      payload: {
        key: `consent-${outcome}-pupil`,
        params: { title: trial.title, when: numericDateTime(trial.startsAt, trial.timezone) },
        buttons: [[{ key: outcome === "granted" ? "menu-my-trials" : "menu-trials", callbackData: menuData.pack({ action: outcome === "granted" ? "my-trials" : "trials" }) }]],
      },
      trialId: trial.id,
    });
  }

  function decisionButtons(registrationId: Types.ObjectId) {
    const registration = registrationId.toHexString();
    return [
      [
        { key: "consent-agree", callbackData: consentDecisionData.pack({ registration, decision: "granted" }) },
        { key: "consent-refuse", callbackData: consentDecisionData.pack({ registration, decision: "refused" }) },
      ],
    ];
  }

  function photoButtons(studentId: Types.ObjectId) {
    const student = studentId.toHexString();
    return (["publish", "portfolio", "forbidden"] as const).map((scope) => [{ key: `consent-photo-${scope}`, callbackData: consentPhotoData.pack({ student, scope }) }]);
  }

  /**
   * Each guardian's newest photo answer. An answer outlives the link it was given under: a pupil
   * who unlinks a parent must not undo that parent's "no photos".
   */
  async function photoAnswers(studentId: Types.ObjectId): Promise<Map<string, StoredConsent>> {
    const records = await Consent.find({ studentId, kind: "photo" }).sort({ recordedAt: 1, _id: 1 }).lean<StoredConsent[]>();
    return newestByGuardian(records);
  }

  async function photoScopeOf(studentId: Types.ObjectId): Promise<EffectivePhotoScope> {
    return effectivePhotoScope([...(await photoAnswers(studentId)).values()]);
  }

  function photoMine(record: PhotoAnswer | undefined): PhotoScope | "withdrawn" | undefined {
    if (!record) return undefined;
    if (record.decision === "withdrawn") return "withdrawn";
    return record.decision === "granted" && record.photoScope ? record.photoScope : "forbidden";
  }

  /** `pupilToldInChat`: the pupil signed up just now and the sign-up reply already says that no parent is linked. */
  async function requestFor(registrationId: Types.ObjectId, options: { pupilToldInChat?: boolean } = {}): Promise<number> {
    const registration = await Registration.findById(registrationId, { trialId: 1, studentId: 1, status: 1, statusChangedAt: 1 }).lean<StoredRegistration>();
    if (!registration || registration.status !== "pending_consent") return 0;
    const trial = await loadTrial(registration.trialId);
    const now = deps.clock.now();
    if (!isCurrent(registration, trial, now)) return 0;
    const recipients = await noticeRecipients(deps.models, [registration.studentId]);
    const pupil = recipients.find((r) => r.role === "pupil");
    const parents = recipients.filter((r) => r.role === "parent");
    const cycle = registration.statusChangedAt.getTime();
    if (parents.length === 0) {
      // "Invite a parent" only when none is linked at all; a linked parent who blocked the bot can't be reached either way.
      if (pupil && !options.pupilToldInChat && !(await Guardianship.exists({ studentId: registration.studentId }))) {
        await deps.outbox.enqueue({
          dedupeKey: `consent-no-guardian:${registrationId.toHexString()}:${cycle}`,
          userId: pupil.userId,
          chatId: pupil.chatId,
          kind: "consent-no-guardian",
          payload: {
            key: "consent-no-guardian",
            params: { title: trial.title, deadline: numericDateTime(trial.consentDeadline, trial.timezone) },
            buttons: [[{ key: "menu-invite-parent", callbackData: menuData.pack({ action: "invite-parent" }) }]],
          },
          trialId: trial.id,
        });
      }
      return 0;
    }
    const answered = await Consent.distinct("guardianId", { studentId: registration.studentId, kind: "photo" });
    const photoAnswered = new Set(answered.map((id) => String(id)));
    let queued = 0;
    for (const parent of parents) {
      const added = await deps.outbox.enqueue({
        dedupeKey: `consent-request:${registrationId.toHexString()}:${parent.userId.toHexString()}:${cycle}`,
        userId: parent.userId,
        chatId: parent.chatId,
        kind: "consent-request",
        payload: { key: "consent-request", params: requestParams(trial, parent.childName ?? ""), buttons: decisionButtons(registrationId) },
        trialId: trial.id,
      });
      if (added) queued++;
      // The photo/video answer is standing: asked once per child and parent, right after their first request
      // (not tied to the trial, so it outlives a cancellation).
      if (!photoAnswered.has(parent.userId.toHexString())) {
        await deps.outbox.enqueue({
          dedupeKey: photoQuestionKey(registration.studentId, parent.userId),
          userId: parent.userId,
          chatId: parent.chatId,
          kind: "consent-photo",
          payload: { key: "consent-photo", params: { child: parent.childName || EMPTY }, buttons: photoButtons(registration.studentId) },
        });
      }
    }
    return queued;
  }

  /** The registration of a decision, checked: a linked guardian, a request still open. */
  async function decisionContext(actor: Actor | null, registrationId: Types.ObjectId) {
    const registration = await loadRegistration(registrationId);
    const guardian = await requireGuardian(actor, registration.studentId);
    const trial = await loadTrial(registration.trialId);
    return { registration, guardian, trial };
  }

  async function participationRequest(registration: StoredRegistration, trial: TrialView, guardianId: Types.ObjectId, childFirstName: string): Promise<ParticipationRequest> {
    const mine = await mineNow(registration, guardianId);
    return {
      registrationId: registration._id,
      studentId: registration.studentId,
      childFirstName,
      trial,
      registrationStatus: registration.status,
      mine: mine?.decision,
      healthNote: mine?.decision === "granted" ? (mine.healthNote ?? undefined) : undefined,
      params: requestParams(trial, childFirstName),
    };
  }

  async function childName(studentId: Types.ObjectId): Promise<string> {
    const child = await User.findById(studentId, { firstName: 1 }).lean<{ firstName?: string }>();
    return child?.firstName ?? "";
  }

  return {
    /** Fluent params of the informed-consent text for this trial and child (see ConsentRequestParams). */
    requestParams,

    /**
     * Sends (through the outbox, deduplicated per registration and guardian) the informed-consent
     * request to every linked guardian of a registration in pending_consent. Returns how many were
     * queued; 0 when the pupil has no linked guardian yet (the pupil is then asked to invite one).
     */
    requestFor,

    /** After a guardian links to a child: requests for each of the child's pending registrations. */
    async requestForStudent(studentId: Types.ObjectId): Promise<number> {
      const pending = await Registration.find({ studentId, status: "pending_consent" }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
      let queued = 0;
      for (const registration of pending) queued += await requestFor(registration._id);
      return queued;
    },

    /** A current request of a linked child (pending_consent or confirmed, trial published and not started). */
    async request(actor: Actor | null, registrationId: Types.ObjectId): Promise<ParticipationRequest> {
      const { registration, guardian, trial } = await decisionContext(actor, registrationId);
      if (!isCurrent(registration, trial, deps.clock.now())) throw new DomainError("consent-stale");
      return participationRequest(registration, trial, guardian.id, await childName(registration.studentId));
    },

    /**
     * Participation: granted confirms a pending registration (first agreement wins); refused
     * declines it and frees the seat (any guardian's refusal wins). Tells the pupil and the teacher.
     * A second tap on the same answer changes nothing and returns the current state.
     */
    async decideParticipation(actor: Actor | null, registrationId: Types.ObjectId, decision: "granted" | "refused", shown: ShownText): Promise<{ status: RegistrationStatus }> {
      if (decision !== "granted" && decision !== "refused") throw new InvalidInput("decision");
      checkShown(shown);
      const { registration, guardian, trial } = await decisionContext(actor, registrationId);
      const mine = await mineNow(registration, guardian.id);
      if (mine?.decision === decision) return { status: registration.status };
      const now = deps.clock.now();
      if (!isCurrent(registration, trial, now)) throw new DomainError("consent-stale");
      const record = (recordedAt: Date) =>
        prepareRecord({
          studentId: registration.studentId,
          guardianId: guardian.id,
          kind: "participation",
          trialId: trial.id,
          decision,
          textVersion: CONSENT_TEXT_VERSIONS.participation,
          recordedAt,
          shown,
        });

      if (decision === "granted") {
        const doc = await record(now);
        if (registration.status === "pending_consent") {
          const confirmed = await Registration.updateOne({ _id: registrationId, status: "pending_consent" }, { $set: { status: "confirmed", statusChangedAt: now } });
          if (confirmed.modifiedCount === 1) {
            await saveRecord(doc, guardian, {});
            await withdrawQueuedRequests(deps.models, registrationId, ["consent-chase"]);
            await tellPupil(trial, registrationId, registration.studentId, "granted", now);
            await tellTeacher(deps, trial, registrationId, registration.studentId, "granted", now);
            return { status: "confirmed" };
          }
        }
        // Already confirmed (by another guardian, or a moment ago): this agreement is recorded too.
        const fresh = await loadRegistration(registrationId);
        if (fresh.status !== "confirmed" || !isCurrent(fresh, trial, now)) throw new DomainError("consent-stale");
        const again = await mineNow(fresh, guardian.id);
        if (again?.decision === "granted") return { status: "confirmed" };
        const late = await record(new Date(Math.max(now.getTime(), fresh.statusChangedAt.getTime())));
        await saveRecord(late, guardian, {});
        return { status: "confirmed" };
      }

      const doc = await record(now);
      // From the state it was read in; another parent agreeing meanwhile doesn't stop the refusal.
      const declined = await Registration.updateOne(
        {
          _id: registrationId,
          $or: [
            { status: registration.status, statusChangedAt: registration.statusChangedAt },
            { status: "confirmed", statusChangedAt: { $gte: registration.statusChangedAt } },
          ],
        },
        { $set: { status: "declined", statusChangedAt: now } },
      );
      if (declined.modifiedCount === 0) throw new DomainError("consent-stale");
      await saveRecord(doc, guardian, {});
      await deps.registrations.releaseSeat(trial.id);
      await withdrawQueuedRequests(deps.models, registrationId);
      await tellPupil(trial, registrationId, registration.studentId, "refused", now);
      await tellTeacher(deps, trial, registrationId, registration.studentId, "refused", now);
      return { status: "declined" };
    },

    /** Withdraws a participation consent before the trial: the registration is cancelled, the seat freed, the teacher told. */
    async withdrawParticipation(actor: Actor | null, registrationId: Types.ObjectId, shown: ShownText): Promise<{ status: RegistrationStatus }> {
      checkShown(shown);
      const { registration, guardian, trial } = await decisionContext(actor, registrationId);
      const mine = await mineNow(registration, guardian.id);
      if (mine?.decision === "withdrawn") return { status: registration.status };
      const now = deps.clock.now();
      if (!isCurrent(registration, trial, now)) throw new DomainError("consent-stale");
      const doc = await prepareRecord({
        studentId: registration.studentId,
        guardianId: guardian.id,
        kind: "participation",
        trialId: trial.id,
        decision: "withdrawn",
        textVersion: CONSENT_TEXT_VERSIONS.participation,
        recordedAt: now,
        shown,
      });
      const cancelled = await Registration.updateOne(
        { _id: registrationId, status: registration.status },
        { $set: { status: "cancelled", statusChangedAt: now, cancelledBy: guardian.id } },
      );
      if (cancelled.modifiedCount === 0) throw new DomainError("consent-stale");
      await saveRecord(doc, guardian, {});
      await deps.registrations.releaseSeat(trial.id);
      await withdrawQueuedRequests(deps.models, registrationId);
      await deps.audit.record({ actorId: guardian.id, action: "registration.cancel", entity: "registration", entityId: registrationId, details: { trialId: trial.id, from: registration.status, by: "guardian" } });
      await tellPupil(trial, registrationId, registration.studentId, "withdrawn", now);
      await tellTeacher(deps, trial, registrationId, registration.studentId, "withdrawn", now);
      return { status: "cancelled" };
    },

    /** The standing photo/video answer for a child ("withdrawn" counts as forbidden). */
    async decidePhoto(actor: Actor | null, studentId: Types.ObjectId, scope: PhotoScope | "withdrawn", shown: ShownText): Promise<{ effective: EffectivePhotoScope }> {
      if (!["publish", "portfolio", "forbidden", "withdrawn"].includes(scope)) throw new InvalidInput("scope");
      checkShown(shown);
      const guardian = await requireGuardian(actor, studentId);
      const answers = await photoAnswers(studentId);
      const mine = answers.get(guardian.id.toHexString());
      if (photoMine(mine) === scope) return { effective: effectivePhotoScope([...answers.values()]) };
      // "Forbidden" is an answer (a refusal with its scope); "withdrawn" takes a permission back.
      const decision: ConsentDecision = scope === "withdrawn" ? "withdrawn" : scope === "forbidden" ? "refused" : "granted";
      const doc = await prepareRecord({
        studentId,
        guardianId: guardian.id,
        kind: "photo",
        decision,
        ...(scope === "withdrawn" ? {} : { photoScope: scope }),
        textVersion: CONSENT_TEXT_VERSIONS.photo,
        recordedAt: deps.clock.now(),
        shown,
      });
      await saveRecord(doc, guardian, scope === "withdrawn" ? {} : { photoScope: scope });
      return { effective: await photoScopeOf(studentId) };
    },

    /** An optional health note for a trial the guardian agreed to; only the pupil's teachers see it. */
    async setHealthNote(actor: Actor | null, registrationId: Types.ObjectId, note: string, shown: ShownText): Promise<void> {
      checkShown(shown);
      const clean = typeof note === "string" ? note.normalize("NFC").trim() : "";
      if (clean.length === 0 || clean.length > HEALTH_NOTE_MAX) throw new InvalidInput("healthNote");
      const { registration, guardian, trial } = await decisionContext(actor, registrationId);
      const now = deps.clock.now();
      if (!isCurrent(registration, trial, now)) throw new DomainError("consent-stale");
      const mine = await mineNow(registration, guardian.id);
      if (mine?.decision !== "granted") throw new DomainError("consent-health-not-granted");
      if (mine.healthNote === clean) return;
      const doc = await prepareRecord({
        studentId: registration.studentId,
        guardianId: guardian.id,
        kind: "participation",
        trialId: trial.id,
        decision: "granted",
        healthNote: clean,
        textVersion: CONSENT_TEXT_VERSIONS.participation,
        recordedAt: new Date(Math.max(now.getTime(), mine.recordedAt.getTime())),
        shown,
      });
      await saveRecord(doc, guardian, { healthNote: true });
    },

    /** Everything /consents shows for a guardian, child by child. */
    async overview(actor: Actor | null): Promise<ChildConsents[]> {
      const guardian = requireRole(actor, "guardian");
      const links = await Guardianship.find({ guardianId: guardian.id }, { studentId: 1 }).sort({ createdAt: 1, _id: 1 }).lean<{ studentId: Types.ObjectId }[]>();
      const children = await User.find({ _id: { $in: links.map((l) => l.studentId) }, status: { $ne: "deleted" } }, { firstName: 1 }).lean<{ _id: Types.ObjectId; firstName?: string }[]>();
      const childBy = new Map(children.map((c) => [c._id.toHexString(), c]));
      const now = deps.clock.now();
      const list: ChildConsents[] = [];
      for (const link of links) {
        const child = childBy.get(link.studentId.toHexString());
        if (!child) continue;
        const firstName = child.firstName ?? "";
        const personalData = await Consent.findOne({ studentId: child._id, guardianId: guardian.id, kind: "personal_data" }, { decision: 1 })
          .sort({ recordedAt: -1, _id: -1 })
          .lean<{ decision: ConsentDecision }>();
        const answers = await photoAnswers(child._id);
        const registrations = await Registration.find({ studentId: child._id, status: { $in: ["pending_consent", "confirmed", "waitlisted"] } }, { trialId: 1, studentId: 1, status: 1, statusChangedAt: 1 }).lean<
          StoredRegistration[]
        >();
        const trials = await Trial.find({ _id: { $in: registrations.map((r) => r.trialId) }, status: "published", startsAt: { $gt: now } }).lean<StoredTrial[]>();
        const trialBy = new Map(trials.map((t) => [t._id.toHexString(), toTrialView(t)]));
        const participation: ParticipationRequest[] = [];
        for (const registration of registrations) {
          const trial = trialBy.get(registration.trialId.toHexString());
          if (trial) participation.push(await participationRequest(registration, trial, guardian.id, firstName));
        }
        participation.sort((a, b) => a.trial.startsAt.getTime() - b.trial.startsAt.getTime());
        list.push({
          studentId: child._id,
          firstName,
          personalData: personalData?.decision,
          photo: {
            mine: photoMine(answers.get(guardian.id.toHexString())),
            effective: effectivePhotoScope([...answers.values()]),
            asked: (await deps.models.Notification.exists({ dedupeKey: photoQuestionKey(child._id, guardian.id), status: { $in: ["pending", "sending", "sent"] } })) !== null,
          },
          participation,
        });
      }
      return list;
    },

    /** The photo scope that applies to a child now: the strictest answer of every guardian who gave one. */
    photoScopeOf,

    /** Where a registration's participation consent stands, with every guardian's current answer counted. */
    async participationOf(registrationId: Types.ObjectId) {
      const registration = await loadRegistration(registrationId);
      const records = currentRecords(await participationRecords(registration.studentId, registration.trialId), registration);
      return participationOutcome([...newestByGuardian(records).values()].map((r) => r.decision));
    },

    /** A trial's consent evidence, for an admin's CSV: its participation records and its pupils' photo and personal-data records. */
    async evidence(actor: Actor | null, trialId: Types.ObjectId): Promise<EvidenceRow[]> {
      if (!isAdmin(actor)) throw new NotAllowed("requires role admin");
      const trial = await Trial.exists({ _id: trialId });
      if (!trial) throw new NotFound("trial");
      const studentIds = await Registration.distinct("studentId", { trialId });
      const records = await Consent.find({
        $or: [{ kind: "participation", trialId }, { kind: { $in: ["photo", "personal_data"] }, studentId: { $in: studentIds } }],
      })
        .sort({ recordedAt: 1, _id: 1 })
        .lean<StoredConsent[]>();
      const people = await User.find({ _id: { $in: [...records.map((r) => r.studentId), ...records.map((r) => r.guardianId)] } }, { firstName: 1, lastName: 1, grade: 1, classLetter: 1 }).lean<Pupil[]>();
      const personBy = new Map(people.map((p) => [p._id.toHexString(), p]));
      const rows = records.map((r): EvidenceRow => {
        const child = personBy.get(r.studentId.toHexString());
        return {
          childName: pupilName(child),
          className: pupilClass(child),
          guardianName: pupilName(personBy.get(r.guardianId.toHexString())),
          kind: r.kind,
          decision: r.decision,
          photoScope: r.photoScope,
          recordedAt: r.recordedAt,
          locale: r.locale,
          textVersion: r.textVersion,
          textHash: r.textHash,
        };
      });
      return rows.sort((a, b) => a.childName.localeCompare(b.childName, "ru") || a.recordedAt.getTime() - b.recordedAt.getTime());
    },

    /**
     * The chase job: one reminder 3 days and one 1 day before the deadline to each guardian still
     * pending (only thresholds crossed after the request), with a button that shows the request
     * again. Quiet hours are the dispatcher's: the reminders are not urgent. Returns how many were queued.
     */
    async chase(): Promise<number> {
      const now = deps.clock.now();
      const horizon = new Date(now.getTime() + 3 * 24 * 60 * 60 * 1000);
      const trials = await Trial.find({
        status: "published",
        startsAt: { $gt: now },
        $or: [{ consentDeadline: { $gt: now, $lte: horizon } }, { consentDeadline: null, startsAt: { $gt: now, $lte: horizon } }],
      }).lean<StoredTrial[]>();
      let queued = 0;
      for (const trial of trials.map(toTrialView)) {
        const pending = await Registration.find({ trialId: trial.id, status: "pending_consent" }, { trialId: 1, studentId: 1, status: 1, statusChangedAt: 1 }).lean<StoredRegistration[]>();
        for (const registration of pending) {
          const chase = chaseToSend(trial.consentDeadline, registration.statusChangedAt, now);
          if (!chase) continue;
          const decided = newestByGuardian(currentRecords(await participationRecords(registration.studentId, trial.id), registration));
          const parents = (await noticeRecipients(deps.models, [registration.studentId])).filter((r) => r.role === "parent");
          for (const parent of parents) {
            if (decided.has(parent.userId.toHexString())) continue;
            const added = await deps.outbox.enqueue({
              dedupeKey: `consent-chase:${chase}:${registration._id.toHexString()}:${parent.userId.toHexString()}:${registration.statusChangedAt.getTime()}`,
              userId: parent.userId,
              chatId: parent.chatId,
              kind: "consent-chase",
              payload: {
                key: `consent-chase-${chase}`,
                params: { child: parent.childName || EMPTY, title: trial.title, when: numericDateTime(trial.startsAt, trial.timezone), deadline: numericDateTime(trial.consentDeadline, trial.timezone) },
                // The informed text is read again before deciding: a decision button here would answer a text the guardian is not looking at.
                buttons: [[{ key: "consent-open", callbackData: consentOpenData.pack({ registration: registration._id.toHexString() }) }]],
              },
              trialId: trial.id,
            });
            if (added) queued++;
          }
        }
      }
      return queued;
    },
  };
}

export type ConsentService = ReturnType<typeof createConsentService>;
