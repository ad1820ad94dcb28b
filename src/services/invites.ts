import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";
import { INVITE_TTL_MS, type InviteKind } from "../db/models/invite.js";
import type { ConsentDecision } from "../db/models/consent.js";
import type { Locale } from "../db/models/user.js";
import { INVITE_CODE_FORMAT, newInviteCode } from "../domain/invite-code.js";
import type { AuditService } from "./audit.js";
import { requireRole, type Actor } from "./authorization.js";
import { InviteUnavailable, NotFound } from "./errors.js";

/** What a person sees before accepting an invite: enough to know it is the right child or school, no more. */
export type InvitePreview =
  | { kind: "guardian"; code: string; childFirstName: string; schoolName: string }
  | { kind: "teacher"; code: string; schoolName: string };

export interface CreatedInvite {
  code: string;
  expiresAt: Date;
}

/** The exact consent text the guardian was shown, kept as evidence with the decision. */
export interface ShownConsent {
  decision: Extract<ConsentDecision, "granted" | "refused">;
  textVersion: string;
  textHash: string;
  locale: Locale;
}

type StoredInvite = {
  _id: Types.ObjectId;
  code: string;
  kind: InviteKind;
  studentId?: Types.ObjectId | null;
  schoolId?: Types.ObjectId | null;
  expiresAt: Date;
  usedAt?: Date | null;
  usedBy?: Types.ObjectId | null;
  revokedAt?: Date | null;
};

export interface InviteServiceDeps {
  models: Models;
  clock: Clock;
  audit: AuditService;
  /** A guardian was just linked to a child: the child's pending consent requests go to them too (the consent service). */
  onGuardianLinked?: (studentId: Types.ObjectId) => Promise<unknown>;
}

export function createInviteService(deps: InviteServiceDeps) {
  const { Invite, User, School, Guardianship, Consent } = deps.models;

  async function create(actor: Actor, kind: InviteKind, target: { studentId?: Types.ObjectId; schoolId?: Types.ObjectId }) {
    const now = deps.clock.now();
    const invite = await Invite.create({
      code: newInviteCode(),
      kind,
      ...target,
      createdBy: actor.id,
      expiresAt: new Date(now.getTime() + INVITE_TTL_MS[kind]),
    });
    await deps.audit.record({ actorId: actor.id, action: "invite.created", entity: "invite", entityId: invite._id, details: { kind } });
    return { code: invite.code, expiresAt: invite.expiresAt };
  }

  /**
   * An invite this actor may use right now, or the precise reason it can't be used.
   * A code already redeemed by the same person counts as usable, so an accept that was
   * interrupted half-way can simply be repeated.
   */
  async function usable(code: string, actor: Actor | null, kind?: InviteKind): Promise<StoredInvite> {
    if (!INVITE_CODE_FORMAT.test(code)) throw new InviteUnavailable("unknown");
    const invite = await Invite.findOne({ code }).lean<StoredInvite>();
    if (!invite) throw new InviteUnavailable("unknown");
    if (kind && invite.kind !== kind) throw new InviteUnavailable("wrong-kind");
    if (invite.revokedAt) throw new InviteUnavailable("revoked");
    if (invite.usedAt && !(actor && invite.usedBy?.equals(actor.id))) throw new InviteUnavailable("used");
    if (invite.expiresAt.getTime() <= deps.clock.now().getTime()) throw new InviteUnavailable("expired");
    if (invite.kind === "guardian" && actor) {
      if (invite.studentId?.equals(actor.id)) throw new InviteUnavailable("own");
      // A classmate must not be able to act as a parent and consent for a friend.
      if (actor.roles.includes("student")) throw new InviteUnavailable("pupil");
      if (await Guardianship.exists({ guardianId: actor.id, studentId: invite.studentId })) throw new InviteUnavailable("already-linked");
    }
    return invite;
  }

  /** Marks the invite used, atomically: of two people racing for one code, exactly one wins. */
  async function redeem(invite: StoredInvite, actor: Actor): Promise<void> {
    const now = deps.clock.now();
    const claimed = await Invite.findOneAndUpdate(
      {
        _id: invite._id,
        revokedAt: null,
        expiresAt: { $gt: now },
        $or: [{ usedAt: null }, { usedBy: actor.id }],
      },
      { $set: { usedAt: now, usedBy: actor.id } },
    );
    if (!claimed) throw new InviteUnavailable("used");
    await deps.audit.record({ actorId: actor.id, action: "invite.used", entity: "invite", entityId: invite._id, details: { kind: invite.kind } });
  }

  return {
    /** A pupil's link for a parent to open. Each call makes a fresh single-use code. */
    async createGuardianInvite(actor: Actor | null): Promise<CreatedInvite> {
      const student = requireRole(actor, "student");
      return create(student, "guardian", { studentId: student.id });
    },

    async createTeacherInvite(actor: Actor | null, schoolId: Types.ObjectId): Promise<CreatedInvite> {
      const admin = requireRole(actor, "admin");
      if (!(await School.exists({ _id: schoolId }))) throw new NotFound("school");
      return create(admin, "teacher", { schoolId });
    },

    async preview(code: string, actor: Actor | null): Promise<InvitePreview> {
      const invite = await usable(code, actor);
      if (invite.kind === "teacher") {
        const school = await School.findById(invite.schoolId, { name: 1 }).lean<{ name: string }>();
        if (!school) throw new InviteUnavailable("unknown");
        return { kind: "teacher", code, schoolName: school.name };
      }
      const child = await User.findById(invite.studentId, { firstName: 1, schoolId: 1, status: 1 }).lean<{
        firstName?: string;
        schoolId?: Types.ObjectId;
        status: string;
      }>();
      if (!child || child.status === "deleted" || !child.firstName) throw new InviteUnavailable("unknown");
      const school = await School.findById(child.schoolId, { name: 1 }).lean<{ name: string }>();
      return { kind: "guardian", code, childFirstName: child.firstName, schoolName: school?.name ?? "" };
    },

    /**
     * Links a guardian to the child behind the code and records the personal-data decision.
     * Steps run in an order that a retry can finish: redeem (repeatable by the same person),
     * role, consent (append-only, a repeat is harmless), then the link itself.
     */
    async acceptGuardianInvite(actor: Actor, code: string, shown: ShownConsent, guardianName: string): Promise<{ studentId: Types.ObjectId }> {
      const invite = await usable(code, actor, "guardian");
      await redeem(invite, actor);
      const studentId = invite.studentId!;
      await User.updateOne(
        { _id: actor.id },
        { $addToSet: { roles: "guardian" }, $set: { firstName: guardianName.slice(0, 50) }, $min: { onboardedAt: deps.clock.now() } },
      );
      const consent = await Consent.create({
        studentId,
        guardianId: actor.id,
        kind: "personal_data",
        decision: shown.decision,
        textVersion: shown.textVersion,
        textHash: shown.textHash,
        locale: shown.locale,
        recordedAt: deps.clock.now(),
      });
      await deps.audit.record({
        actorId: actor.id,
        action: `consent.${shown.decision}`,
        entity: "consent",
        entityId: consent._id,
        details: { kind: "personal_data", studentId, textVersion: shown.textVersion },
      });
      const link = await Guardianship.findOneAndUpdate(
        { guardianId: actor.id, studentId },
        { $setOnInsert: { guardianId: actor.id, studentId, inviteId: invite._id } },
        { upsert: true, returnDocument: "after" },
      );
      await deps.audit.record({ actorId: actor.id, action: "guardianship.created", entity: "guardianship", entityId: link._id, details: { studentId } });
      await deps.onGuardianLinked?.(studentId);
      return { studentId };
    },

    /** Makes the person a teacher of the invite's school. */
    async acceptTeacherInvite(actor: Actor, code: string): Promise<{ schoolId: Types.ObjectId }> {
      const invite = await usable(code, actor, "teacher");
      await redeem(invite, actor);
      const schoolId = invite.schoolId!;
      await User.updateOne(
        { _id: actor.id },
        { $addToSet: { roles: "teacher" }, $set: { teacherSchoolId: schoolId }, $min: { onboardedAt: deps.clock.now() } },
      );
      await deps.audit.record({ actorId: actor.id, action: "role.granted", entity: "user", entityId: actor.id, details: { role: "teacher", schoolId } });
      return { schoolId };
    },
  };
}

export type InviteService = ReturnType<typeof createInviteService>;
