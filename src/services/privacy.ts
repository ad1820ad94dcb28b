import { randomInt } from "node:crypto";
import { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";
import { ACTIVE_REGISTRATION_STATUSES, SEAT_HOLDING_STATUSES } from "../db/models/registration.js";
import type { Logger } from "../logger.js";
import type { AuditService } from "./audit.js";
import type { RegistrationService } from "./registrations.js";
import type { Actor } from "./authorization.js";
import { NotAllowed } from "./errors.js";

/**
 * Privacy use cases (DESIGN §6 "Privacy commands", §8): the export behind /mydata and the
 * erasure behind /delete. Both act only on the actor themself; a guardian's export reaches
 * only children linked right now.
 */

/** Plain JSON: ids as hex strings, dates as ISO strings. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Who did something, from the point of view of the person reading the export. Other people are never named. */
type Who = "you" | "your child" | "someone else";
/** Who gave a consent: consents are always given by a guardian. */
type Giver = "you" | "your guardian" | "another guardian";

/** What is stored about one person, section by section. */
export interface PersonSections {
  user: JsonObject;
  /** The people linked to you; for the other side of a link only that it exists. */
  guardianships: JsonObject[];
  /** Consents given by you, or about you. */
  consents: JsonObject[];
  questionnaireResults: JsonObject[];
  registrations: JsonObject[];
  reflections: JsonObject[];
  /** Messages queued or sent to you: kind and status; of the payload only its field names. */
  notifications: JsonObject[];
}

export interface PersonalDataExport extends PersonSections {
  exportedAt: string;
  /** Invite links you made; the codes themselves are left out, as they still work as keys. */
  invites: JsonObject[];
  /** What you did in the bot, as the audit log has it: action and time only. */
  activity: JsonObject[];
  /** For a guardian: each linked child, with the same sections. */
  children: PersonSections[];
}

export interface DeletionResult {
  /** False when there was nothing left to delete (already erased, or a repeated tap). */
  deleted: boolean;
}

/** A tombstone's stand-in for the Telegram id: negative, so it can never be a person's id. */
const PLACEHOLDER_TELEGRAM_ID_RANGE = 2 ** 47;
const DUPLICATE_KEY = 11000;

type Doc = Record<string, unknown> & { _id: Types.ObjectId };

const hex = (id: unknown): string | null => (id instanceof Types.ObjectId ? id.toHexString() : null);
const iso = (date: unknown): string | null => (date instanceof Date ? date.toISOString() : null);

/** Turns stored values (ObjectIds, Dates, Maps, nested objects) into plain JSON. */
function plain(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (value instanceof Types.ObjectId) return value.toHexString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return plain(Object.fromEntries(value));
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, plain(v)]));
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

/** Drops null entries, so absent fields stay absent rather than turning into nulls. */
function compact(record: Record<string, Json>): JsonObject {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null));
}

export function createPrivacyService(deps: {
  models: Models;
  clock: Clock;
  audit: AuditService;
  logger: Logger;
  registrations: Pick<RegistrationService, "releaseSeat">;
}) {
  const { User, School, Guardianship, Invite, Consent, QuestionnaireResult, Registration, Reflection, Notification, Trial, AuditLog } =
    deps.models;

  function requireSelf(actor: Actor | null): Actor {
    if (!actor || actor.status === "deleted") throw new NotAllowed("no account to act on");
    return actor;
  }

  async function schoolNames(ids: unknown[]): Promise<Map<string, string>> {
    const wanted = ids.filter((id): id is Types.ObjectId => id instanceof Types.ObjectId);
    if (wanted.length === 0) return new Map();
    const docs = await School.find({ _id: { $in: wanted } }, { name: 1 }).lean<Array<{ _id: Types.ObjectId; name: string }>>();
    return new Map(docs.map((s) => [s._id.toHexString(), s.name]));
  }

  function profile(doc: Doc, schools: Map<string, string>, withTelegramId: boolean): JsonObject {
    const school = (id: unknown) => (hex(id) ? { id: hex(id), name: schools.get(hex(id)!) ?? null } : null);
    return compact({
      id: doc._id.toHexString(),
      telegramId: withTelegramId ? plain(doc.telegramId) : null,
      locale: plain(doc.locale),
      roles: plain(doc.roles ?? []),
      status: plain(doc.status),
      firstName: plain(doc.firstName),
      lastName: plain(doc.lastName),
      school: school(doc.schoolId),
      grade: plain(doc.grade),
      classLetter: plain(doc.classLetter),
      teacherSchool: school(doc.teacherSchoolId),
      timezone: plain(doc.timezone),
      onboardedAt: iso(doc.onboardedAt),
      createdAt: iso(doc.createdAt),
      updatedAt: iso(doc.updatedAt),
    });
  }

  /** Everything stored with a pupil's id, seen by `reader` (the pupil, or one of their guardians). */
  async function studentRecords(studentId: Types.ObjectId, reader: Types.ObjectId) {
    const who = (id: unknown): Who | null => {
      if (!(id instanceof Types.ObjectId)) return null;
      if (id.equals(reader)) return "you";
      if (id.equals(studentId)) return "your child";
      return "someone else";
    };
    const giver = (id: unknown): Giver => {
      if (id instanceof Types.ObjectId && id.equals(reader)) return "you";
      return reader.equals(studentId) ? "your guardian" : "another guardian";
    };
    const [consents, results, registrations, reflections] = await Promise.all([
      Consent.find({ studentId }).sort({ recordedAt: 1 }).lean<Doc[]>(),
      QuestionnaireResult.find({ studentId }).sort({ startedAt: 1 }).lean<Doc[]>(),
      Registration.find({ studentId }).sort({ createdAt: 1 }).lean<Doc[]>(),
      Reflection.find({ studentId }).sort({ createdAt: 1 }).lean<Doc[]>(),
    ]);
    const trialIds = [...registrations, ...reflections].map((d) => d.trialId);
    const trials = await Trial.find({ _id: { $in: trialIds } }, { title: 1, startsAt: 1 }).lean<
      Array<{ _id: Types.ObjectId; title: string; startsAt: Date }>
    >();
    const trialById = new Map(trials.map((t) => [t._id.toHexString(), t]));
    const trial = (id: unknown): Json => {
      const found = hex(id) ? trialById.get(hex(id)!) : undefined;
      return found ? { id: found._id.toHexString(), title: found.title, startsAt: found.startsAt.toISOString() } : hex(id);
    };

    return {
      consents: consents.map((c) => consentView(c, giver(c.guardianId), hex(c.studentId))),
      questionnaireResults: results.map((r) =>
        compact({
          id: r._id.toHexString(),
          instrument: plain(r.instrument),
          answers: plain(r.answers ?? []),
          scores: plain(r.scores ?? {}),
          top: plain(r.top ?? []),
          locale: plain(r.locale),
          startedAt: iso(r.startedAt),
          completedAt: iso(r.completedAt),
        }),
      ),
      registrations: registrations.map((r) =>
        compact({
          id: r._id.toHexString(),
          trial: trial(r.trialId),
          status: plain(r.status),
          attended: plain(r.attended),
          waitlistedAt: iso(r.waitlistedAt),
          cancelledBy: who(r.cancelledBy),
          statusChangedAt: iso(r.statusChangedAt),
          createdAt: iso(r.createdAt),
        }),
      ),
      reflections: reflections.map((r) =>
        compact({
          id: r._id.toHexString(),
          trial: trial(r.trialId),
          registrationId: hex(r.registrationId),
          phase: plain(r.phase),
          answers: plain(r.answers ?? {}),
          selfAssessment: plain(r.selfAssessment ?? {}),
          interestBefore: plain(r.interestBefore),
          interestAfter: plain(r.interestAfter),
          liked: plain(r.liked),
          wouldChoose: plain(r.wouldChoose),
          useful: plain(r.useful),
          artifacts: ((r.artifacts as Doc[] | undefined) ?? []).map((a) =>
            compact({ fileId: plain(a.fileId), kind: plain(a.kind), inPortfolio: plain(a.inPortfolio) }),
          ),
          createdAt: iso(r.createdAt),
        }),
      ),
    };
  }

  function consentView(c: Doc, givenBy: Giver, studentId: string | null): JsonObject {
    return compact({
      id: c._id.toHexString(),
      studentId,
      givenBy,
      kind: plain(c.kind),
      trialId: hex(c.trialId),
      decision: plain(c.decision),
      photoScope: plain(c.photoScope),
      healthNote: plain(c.healthNote),
      textVersion: plain(c.textVersion),
      textHash: plain(c.textHash),
      locale: plain(c.locale),
      recordedAt: iso(c.recordedAt),
    });
  }

  async function notificationsOf(userId: Types.ObjectId): Promise<JsonObject[]> {
    const docs = await Notification.find({ userId }).sort({ createdAt: 1 }).lean<Doc[]>();
    return docs.map((n) =>
      compact({
        id: n._id.toHexString(),
        kind: plain(n.kind),
        status: plain(n.status),
        // Field names only: a payload may quote other people (a child's name in a parent's reminder).
        payloadKeys: n.payload && typeof n.payload === "object" ? Object.keys(n.payload).sort() : [],
        notBefore: iso(n.notBefore),
        sentAt: iso(n.sentAt),
        createdAt: iso(n.createdAt),
      }),
    );
  }

  /** Links of one pupil, as `reader` may see them: the other side of each link is never identified. */
  async function linksOfStudent(studentId: Types.ObjectId, reader: Types.ObjectId): Promise<JsonObject[]> {
    const links = await Guardianship.find({ studentId }).sort({ createdAt: 1 }).lean<Doc[]>();
    return links.map((l) =>
      compact({
        guardian: ((l.guardianId as Types.ObjectId).equals(reader) ? "you" : reader.equals(studentId) ? "your guardian" : "another guardian") satisfies Giver,
        since: iso(l.createdAt),
      }),
    );
  }

  return {
    /**
     * Everything stored about the actor and, for a guardian, about each child linked right now.
     * Other people appear only as "your guardian", "another guardian" or "someone else": no names, no ids.
     */
    async exportData(actorOrNull: Actor | null): Promise<PersonalDataExport> {
      const actor = requireSelf(actorOrNull);
      const me = await User.findById(actor.id).lean<Doc>();
      if (!me || me.status === "deleted") throw new NotAllowed("no account to act on");

      const asGuardian = await Guardianship.find({ guardianId: me._id }).sort({ createdAt: 1 }).lean<Doc[]>();
      const childIds = asGuardian.map((l) => l.studentId as Types.ObjectId);
      const children = await User.find({ _id: { $in: childIds }, status: { $ne: "deleted" } }).lean<Doc[]>();
      const childById = new Map(children.map((c) => [c._id.toHexString(), c]));
      const schools = await schoolNames([me.schoolId, me.teacherSchoolId, ...children.map((c) => c.schoolId)]);

      const own = await studentRecords(me._id, me._id);
      const givenByMe = await Consent.find({ guardianId: me._id, studentId: { $ne: me._id } }).sort({ recordedAt: 1 }).lean<Doc[]>();
      const invites = await Invite.find({ createdBy: me._id }).sort({ createdAt: 1 }).lean<Doc[]>();
      const activity = await AuditLog.find({ actorId: me._id }).sort({ at: 1 }).lean<Doc[]>();

      const childSections: PersonalDataExport["children"] = [];
      for (const id of childIds) {
        const child = childById.get(id.toHexString());
        if (!child) continue;
        const records = await studentRecords(child._id, me._id);
        childSections.push({
          user: profile(child, schools, false),
          guardianships: await linksOfStudent(child._id, me._id),
          ...records,
          notifications: await notificationsOf(child._id),
        });
      }

      return {
        exportedAt: deps.clock.now().toISOString(),
        user: profile(me, schools, true),
        guardianships: [
          ...(await linksOfStudent(me._id, me._id)).map((l) => ({ youAre: "student", ...l })),
          ...asGuardian.map((l) =>
            compact({ youAre: "guardian", child: hex(l.studentId), since: iso(l.createdAt) }),
          ),
        ],
        consents: [...own.consents, ...givenByMe.map((c) => consentView(c, "you", hex(c.studentId)))],
        questionnaireResults: own.questionnaireResults,
        registrations: own.registrations,
        reflections: own.reflections,
        notifications: await notificationsOf(me._id),
        invites: invites.map((i) =>
          compact({
            kind: plain(i.kind),
            createdAt: iso(i.createdAt),
            expiresAt: iso(i.expiresAt),
            usedAt: iso(i.usedAt),
            revokedAt: iso(i.revokedAt),
          }),
        ),
        activity: activity.map((a) => compact({ action: plain(a.action), at: iso(a.at) })),
        children: childSections,
      };
    },

    /**
     * Erases the actor's personal data and keeps anonymous aggregates (DESIGN §6, §8).
     *
     * Erased: names, school class and grade, roles, teacher school, time zone, and the link to the
     * Telegram account (the id is swapped for a negative placeholder, so a returning person starts
     * as a new user with a new id and never inherits the old records or consents); every
     * guardianship in both directions; unused invites; free-text reflection answers and artefacts;
     * questionnaire item answers; health notes in consents about the pupil; notification payloads,
     * and pending ones are cancelled; upcoming registrations are cancelled, freeing the seat.
     *
     * Kept, attached to the nameless tombstone: questionnaire scores and top types, reflection
     * ratings (interest before/after, liked, would choose, self-assessment), registrations and
     * attendance, so reports keep their counts; the school id, for per-school counts; consent
     * records as evidence of what a guardian decided (append-only; the name lived on the user
     * document); the audit log.
     *
     * Every step can be repeated, and the user document is tombstoned last, so a crash half-way
     * leaves an account the person can simply delete again.
     */
    async deleteAccount(actorOrNull: Actor | null): Promise<DeletionResult> {
      if (!actorOrNull) return { deleted: false };
      const me = await User.findById(actorOrNull.id, { status: 1, roles: 1 }).lean<{ _id: Types.ObjectId; status: string; roles: string[] }>();
      if (!me || me.status === "deleted") return { deleted: false };
      const userId = me._id;
      const now = deps.clock.now();

      const guardianships = await Guardianship.deleteMany({ $or: [{ guardianId: userId }, { studentId: userId }] });
      const invites = await Invite.updateMany(
        { $or: [{ createdBy: userId }, { studentId: userId }], usedAt: null, revokedAt: null },
        { $set: { revokedAt: now } },
      );
      const registrationsCancelled = await cancelUpcomingRegistrations(userId, now);
      const reflections = await Reflection.updateMany({ studentId: userId }, { $set: { answers: {}, artifacts: [] } });
      const results = await QuestionnaireResult.updateMany({ studentId: userId }, { $set: { answers: [] } });
      // Consents are append-only through mongoose; a health note is the pupil's data, so it goes on erasure.
      await Consent.collection.updateMany(
        { studentId: userId, healthNote: { $exists: true } },
        { $unset: { healthNote: "" }, $set: { updatedAt: now } },
      );
      const cancelled = await Notification.updateMany(
        { userId, status: { $in: ["pending", "failed"] } },
        { $set: { status: "cancelled" }, $unset: { lockedUntil: "", lockOwner: "" } },
      );
      // A message in flight ("sending") is left to the dispatcher; every other one loses its content and chat.
      await Notification.updateMany({ userId, status: { $ne: "sending" } }, { $set: { payload: {}, chatId: 0 } });

      const tombstoned = await tombstone(userId);
      if (!tombstoned) return { deleted: false };

      await deps.audit.record({
        actorId: userId,
        action: "user.deleted",
        entity: "user",
        entityId: userId,
        details: {
          roles: me.roles,
          guardianshipsRemoved: guardianships.deletedCount,
          invitesRevoked: invites.modifiedCount,
          registrationsCancelled,
          reflectionsErased: reflections.matchedCount,
          questionnaireResultsErased: results.matchedCount,
          notificationsCancelled: cancelled.modifiedCount,
        },
      });
      deps.logger.info({ userId: userId.toHexString() }, "Account deleted");
      return { deleted: true };
    },
  };

  /** The last step of erasure; false when someone else finished it first. */
  async function tombstone(userId: Types.ObjectId): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        const before = await User.findOneAndUpdate(
          { _id: userId, status: { $ne: "deleted" } },
          {
            $set: { status: "deleted", roles: [], telegramId: -randomInt(1, PLACEHOLDER_TELEGRAM_ID_RANGE) },
            $unset: {
              firstName: "",
              lastName: "",
              grade: "",
              classLetter: "",
              teacherSchoolId: "",
              timezone: "",
              onboardedAt: "",
            },
          },
        ).lean();
        return before !== null;
      } catch (error) {
        // Two tombstones drew the same placeholder: draw again.
        if ((error as { code?: number }).code === DUPLICATE_KEY && attempt < 5) continue;
        throw error;
      }
    }
  }

  /**
   * Upcoming sign-ups of a pupil who leaves are cancelled, so no seat is held by nobody.
   * Each is one conditional update, and a seat is freed only by the update that cancelled it.
   */
  async function cancelUpcomingRegistrations(studentId: Types.ObjectId, now: Date): Promise<number> {
    const active = await Registration.find({ studentId, status: { $in: ACTIVE_REGISTRATION_STATUSES } }, { trialId: 1 }).lean<
      Array<{ _id: Types.ObjectId; trialId: Types.ObjectId }>
    >();
    if (active.length === 0) return 0;
    const upcoming = await Trial.find({ _id: { $in: active.map((r) => r.trialId) }, startsAt: { $gt: now } }, { _id: 1 }).lean<
      Array<{ _id: Types.ObjectId }>
    >();
    const upcomingIds = new Set(upcoming.map((t) => t._id.toHexString()));
    let count = 0;
    for (const registration of active.filter((r) => upcomingIds.has(r.trialId.toHexString()))) {
      const before = await Registration.findOneAndUpdate(
        { _id: registration._id, status: { $in: ACTIVE_REGISTRATION_STATUSES } },
        { $set: { status: "cancelled", cancelledBy: studentId, statusChangedAt: now } },
      ).lean<{ status: string }>();
      if (!before) continue;
      count++;
      if ((SEAT_HOLDING_STATUSES as readonly string[]).includes(before.status)) {
        await deps.registrations.releaseSeat(registration.trialId);
      }
    }
    return count;
  }
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
