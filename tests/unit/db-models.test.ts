import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppendOnlyViolationError } from "../../src/db/models/common.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let db: TestDatabase;
let models: Models;

beforeAll(async () => {
  db = await createTestDatabase("models");
  models = createModels(db.connection);
  await ensureIndexes(models);
});

afterAll(async () => {
  await db?.drop();
});

interface IndexInfo {
  name: string;
  key: Record<string, number>;
  unique?: boolean;
}

async function indexesOf(model: Models[keyof Models]): Promise<IndexInfo[]> {
  return (await model.listIndexes()) as IndexInfo[];
}

/** Key pattern in order, e.g. "trialId:1,studentId:1"; order matters for compound indexes. */
function keyOf(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}:${String(direction)}`)
    .join(",");
}

function hash(seed: string): string {
  return seed.repeat(64).slice(0, 64);
}

const oid = () => new Types.ObjectId();

describe("collections", () => {
  it("binds every model to its collection", () => {
    const collections = Object.fromEntries(
      Object.entries(models).map(([name, model]) => [name, model.collection.collectionName]),
    );
    expect(collections).toEqual({
      User: "users",
      School: "schools",
      Guardianship: "guardianships",
      Invite: "invites",
      Trial: "trials",
      Registration: "registrations",
      Consent: "consents",
      QuestionnaireResult: "questionnaire_results",
      Reflection: "reflections",
      Notification: "notifications",
      Broadcast: "broadcasts",
      AuditLog: "audit_log",
      Lease: "leases",
    });
  });
});

describe("indexes", () => {
  it.each([
    ["User", "telegramId:1"],
    ["Guardianship", "guardianId:1,studentId:1"],
    ["Invite", "code:1"],
    ["Registration", "trialId:1,studentId:1"],
    ["Reflection", "registrationId:1,phase:1"],
    ["Notification", "dedupeKey:1"],
    ["Lease", "name:1"],
  ] as const)("%s has a unique index on %s", async (name, key) => {
    const index = (await indexesOf(models[name])).find((i) => keyOf(i.key) === key);
    expect(index, `${name} index ${key}`).toBeDefined();
    expect(index?.unique).toBe(true);
  });

  it("creates every index declared on every schema, with the declared uniqueness", async () => {
    for (const [name, model] of Object.entries(models)) {
      const existing = await indexesOf(model);
      for (const [key, options] of model.schema.indexes()) {
        const found = existing.find((i) => keyOf(i.key) === keyOf(key));
        expect(found, `${name} index ${keyOf(key)}`).toBeDefined();
        expect(Boolean(found?.unique), `${name} index ${keyOf(key)} unique`).toBe(Boolean(options.unique));
      }
    }
  });
});

describe("unique constraints", () => {
  it("rejects a second user with the same telegramId", async () => {
    await models.User.create({ telegramId: 1001, locale: "kk", roles: ["student"] });
    await expect(models.User.create({ telegramId: 1001, locale: "ru", roles: ["guardian"] })).rejects.toMatchObject({
      code: 11000,
    });
    expect(await models.User.countDocuments({ telegramId: 1001 })).toBe(1);
  });

  it("rejects a second notification with the same dedupeKey", async () => {
    const userId = oid();
    const doc = { userId, chatId: 1001, kind: "reminder24h", payload: { key: "reminder-24h" } };
    await models.Notification.create({ ...doc, dedupeKey: "reminder24h:r1" });
    await expect(models.Notification.create({ ...doc, dedupeKey: "reminder24h:r1" })).rejects.toMatchObject({
      code: 11000,
    });
    await models.Notification.create({ ...doc, dedupeKey: "reminder2h:r1" });
    expect(await models.Notification.countDocuments({ userId })).toBe(2);
  });

  it("rejects a second registration of the same student for the same trial", async () => {
    const trialId = oid();
    const studentId = oid();
    await models.Registration.create({ trialId, studentId, status: "pending_consent" });
    await expect(models.Registration.create({ trialId, studentId, status: "waitlisted" })).rejects.toMatchObject({
      code: 11000,
    });
    // Another student, or the same student at another trial, is fine.
    await models.Registration.create({ trialId, studentId: oid(), status: "waitlisted" });
    await models.Registration.create({ trialId: oid(), studentId, status: "confirmed" });
    expect(await models.Registration.countDocuments({ trialId })).toBe(2);
  });
});

describe("append-only collections", () => {
  it("refuses every kind of change to a stored consent and keeps it as it was", async () => {
    const studentId = oid();
    const consent = await models.Consent.create({
      studentId,
      guardianId: oid(),
      kind: "participation",
      trialId: oid(),
      decision: "granted",
      textVersion: "participation@1",
      textHash: hash("ab"),
      locale: "kk",
    });
    const { Consent } = models;

    await expect(Consent.updateOne({ _id: consent._id }, { $set: { decision: "withdrawn" } })).rejects.toBeInstanceOf(
      AppendOnlyViolationError,
    );
    await expect(Consent.updateMany({ studentId }, { $set: { decision: "withdrawn" } })).rejects.toBeInstanceOf(
      AppendOnlyViolationError,
    );
    await expect(
      Consent.findOneAndUpdate({ _id: consent._id }, { $set: { decision: "withdrawn" } }),
    ).rejects.toBeInstanceOf(AppendOnlyViolationError);
    await expect(Consent.replaceOne({ _id: consent._id }, { decision: "withdrawn" })).rejects.toBeInstanceOf(
      AppendOnlyViolationError,
    );
    await expect(Consent.deleteOne({ _id: consent._id })).rejects.toBeInstanceOf(AppendOnlyViolationError);
    await expect(Consent.deleteMany({ studentId })).rejects.toBeInstanceOf(AppendOnlyViolationError);
    await expect(consent.deleteOne()).rejects.toBeInstanceOf(AppendOnlyViolationError);
    consent.decision = "withdrawn";
    await expect(consent.save()).rejects.toBeInstanceOf(AppendOnlyViolationError);

    const stored = await Consent.findById(consent._id).lean();
    expect(stored?.decision).toBe("granted");
  });

  it("records a withdrawal as a newer consent record", async () => {
    const studentId = oid();
    const base = {
      studentId,
      guardianId: oid(),
      kind: "photo",
      textVersion: "photo@1",
      textHash: hash("cd"),
      locale: "ru",
    } as const;
    await models.Consent.create({ ...base, decision: "granted", photoScope: "publish", recordedAt: new Date(1_000) });
    await models.Consent.create({ ...base, decision: "withdrawn", recordedAt: new Date(2_000) });

    const current = await models.Consent.findOne({ studentId, kind: "photo" }).sort({ recordedAt: -1 }).lean();
    expect(current?.decision).toBe("withdrawn");
    expect(await models.Consent.countDocuments({ studentId })).toBe(2);
  });

  it("refuses to change or remove audit entries", async () => {
    const entry = await models.AuditLog.create({ action: "trial.created", entity: "trial", entityId: oid() });
    expect(entry.actorId).toBeNull();
    await expect(
      models.AuditLog.updateOne({ _id: entry._id }, { $set: { action: "trial.deleted" } }),
    ).rejects.toBeInstanceOf(AppendOnlyViolationError);
    await expect(models.AuditLog.deleteMany({})).rejects.toBeInstanceOf(AppendOnlyViolationError);
    expect(await models.AuditLog.countDocuments({ _id: entry._id })).toBe(1);
  });
});

describe("validation", () => {
  const trial = () => ({
    kind: "trial" as const,
    format: "in_person" as const,
    title: "Welding at the depot",
    startsAt: new Date("2026-03-10T05:00:00Z"),
    endsAt: new Date("2026-03-10T08:00:00Z"),
    timezone: "Asia/Almaty",
    capacity: 20,
    minGrade: 8,
    maxGrade: 11,
    createdBy: oid(),
    schoolId: oid(),
  });

  it("stores a trial with defaults", async () => {
    const created = await models.Trial.create(trial());
    expect(created.seatsTaken).toBe(0);
    expect(created.status).toBe("draft");
    expect(created.createdAt).toBeInstanceOf(Date);
  });

  it("rejects a trial with more seats taken than capacity, or an unknown time zone", async () => {
    await expect(models.Trial.create({ ...trial(), capacity: 2, seatsTaken: 3 })).rejects.toMatchObject({
      name: "ValidationError",
    });
    await expect(models.Trial.create({ ...trial(), timezone: "Mars/Olympus" })).rejects.toMatchObject({
      name: "ValidationError",
    });
  });

  it("requires trialId on a participation consent", async () => {
    await expect(
      models.Consent.create({
        studentId: oid(),
        guardianId: oid(),
        kind: "participation",
        decision: "granted",
        textVersion: "participation@1",
        textHash: hash("ef"),
        locale: "en",
      }),
    ).rejects.toMatchObject({ name: "ValidationError" });
  });
});
