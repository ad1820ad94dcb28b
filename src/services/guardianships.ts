import type { Types } from "mongoose";
import type { Models } from "../db/models/index.js";
import type { AuditService } from "./audit.js";
import type { Actor } from "./authorization.js";
import { NotAllowed, NotFound } from "./errors.js";

export interface LinkView {
  id: Types.ObjectId;
  /** The other person of the link: a guardian for a pupil, a child for a guardian. */
  personId: Types.ObjectId;
  firstName: string;
  schoolName?: string | undefined;
  since: Date;
}

type StoredLink = { _id: Types.ObjectId; guardianId: Types.ObjectId; studentId: Types.ObjectId; createdAt: Date };
type StoredPerson = { _id: Types.ObjectId; firstName?: string; schoolId?: Types.ObjectId };

export function createGuardianshipService(deps: { models: Models; audit: AuditService }) {
  const { Guardianship, User, School } = deps.models;

  async function people(ids: Types.ObjectId[]) {
    const docs = await User.find({ _id: { $in: ids } }, { firstName: 1, schoolId: 1 }).lean<StoredPerson[]>();
    return new Map(docs.map((d) => [d._id.toHexString(), d]));
  }

  return {
    /** A pupil's guardians. */
    async guardiansOf(actor: Actor): Promise<LinkView[]> {
      const links = await Guardianship.find({ studentId: actor.id }).sort({ createdAt: 1 }).lean<StoredLink[]>();
      const byId = await people(links.map((l) => l.guardianId));
      return links.map((l) => ({
        id: l._id,
        personId: l.guardianId,
        firstName: byId.get(l.guardianId.toHexString())?.firstName ?? "—",
        since: l.createdAt,
      }));
    },

    /** A guardian's children, with their schools. */
    async childrenOf(actor: Actor): Promise<LinkView[]> {
      const links = await Guardianship.find({ guardianId: actor.id }).sort({ createdAt: 1 }).lean<StoredLink[]>();
      const byId = await people(links.map((l) => l.studentId));
      const schoolIds = [...byId.values()].map((p) => p.schoolId).filter((id): id is Types.ObjectId => Boolean(id));
      const schools = await School.find({ _id: { $in: schoolIds } }, { name: 1 }).lean<Array<{ _id: Types.ObjectId; name: string }>>();
      const schoolName = new Map(schools.map((s) => [s._id.toHexString(), s.name]));
      return links.map((l) => {
        const child = byId.get(l.studentId.toHexString());
        return {
          id: l._id,
          personId: l.studentId,
          firstName: child?.firstName ?? "—",
          schoolName: child?.schoolId ? schoolName.get(child.schoolId.toHexString()) : undefined,
          since: l.createdAt,
        };
      });
    },

    /** Either side of a link may end it: the pupil, or the guardian themself. */
    async unlink(actor: Actor, linkId: Types.ObjectId): Promise<void> {
      const link = await Guardianship.findById(linkId).lean<StoredLink>();
      if (!link) throw new NotFound("guardianship");
      if (!link.studentId.equals(actor.id) && !link.guardianId.equals(actor.id)) throw new NotAllowed("not part of this link");
      const removed = await Guardianship.deleteOne({ _id: linkId });
      if (removed.deletedCount === 0) throw new NotFound("guardianship");
      await deps.audit.record({
        actorId: actor.id,
        action: "guardianship.removed",
        entity: "guardianship",
        entityId: linkId,
        details: { studentId: link.studentId, guardianId: link.guardianId },
      });
    },
  };
}

export type GuardianshipService = ReturnType<typeof createGuardianshipService>;
