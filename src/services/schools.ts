import type { Types } from "mongoose";
import { z } from "zod";
import type { Models } from "../db/models/index.js";
import type { AuditService } from "./audit.js";
import { requireRole, type Actor } from "./authorization.js";
import { InvalidInput, NotFound } from "./errors.js";

export interface SchoolView {
  id: Types.ObjectId;
  name: string;
  region: string | undefined;
  timezone: string;
}

const schoolInput = z.object({
  name: z.string().trim().min(2).max(120),
  region: z.string().trim().min(2).max(80),
  timezone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }),
});

/** Escapes a typed search so "№1 (центр)" is matched literally, not as a pattern. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

type StoredSchool = { _id: Types.ObjectId; name: string; region?: string | null; timezone: string };
const toView = (s: StoredSchool): SchoolView => ({ id: s._id, name: s.name, region: s.region ?? undefined, timezone: s.timezone });

export function createSchoolService(deps: { models: Models; audit: AuditService }) {
  const { School } = deps.models;

  return {
    async list(): Promise<SchoolView[]> {
      const docs = await School.find({}).sort({ name: 1 }).lean<StoredSchool[]>();
      return docs.map(toView);
    },

    /** Schools whose name contains the typed text, case-insensitively (Cyrillic included). */
    async search(query: string, limit = 8): Promise<SchoolView[]> {
      const text = query.normalize("NFC").replace(/\s+/g, " ").trim().slice(0, 60);
      if (text.length === 0) return [];
      const docs = await School.find({ name: { $regex: literal(text), $options: "i" } })
        .sort({ name: 1 })
        .limit(limit)
        .lean<StoredSchool[]>();
      return docs.map(toView);
    },

    async get(id: Types.ObjectId): Promise<SchoolView> {
      const doc = await School.findById(id).lean<StoredSchool>();
      if (!doc) throw new NotFound("school");
      return toView(doc);
    },

    async add(actor: Actor | null, input: { name: string; region: string; timezone: string }): Promise<SchoolView> {
      const admin = requireRole(actor, "admin");
      const parsed = schoolInput.safeParse(input);
      if (!parsed.success) throw new InvalidInput(String(parsed.error.issues[0]?.path[0] ?? "school"));
      const doc = await School.create(parsed.data);
      await deps.audit.record({ actorId: admin.id, action: "school.created", entity: "school", entityId: doc._id });
      return toView(doc.toObject());
    },

    async rename(actor: Actor | null, id: Types.ObjectId, name: string): Promise<SchoolView> {
      const admin = requireRole(actor, "admin");
      const parsed = schoolInput.shape.name.safeParse(name);
      if (!parsed.success) throw new InvalidInput("name");
      const doc = await School.findByIdAndUpdate(id, { $set: { name: parsed.data } }, { returnDocument: "after" }).lean<StoredSchool>();
      if (!doc) throw new NotFound("school");
      await deps.audit.record({ actorId: admin.id, action: "school.renamed", entity: "school", entityId: id });
      return toView(doc);
    },
  };
}

export type SchoolService = ReturnType<typeof createSchoolService>;
