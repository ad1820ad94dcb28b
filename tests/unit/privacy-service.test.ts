import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import { silentLogger } from "../../src/logger.js";
import { NotAllowed } from "../../src/services/errors.js";
import { createServices, type Services } from "../../src/services/index.js";
import type { UserView } from "../../src/services/users.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const NOW = new Date("2026-10-01T06:00:00Z");
const HASH = "b".repeat(64);

let db: TestDatabase;
let models: Models;
let services: Services;
let nextTelegramId = 500_001;

beforeEach(async () => {
  db = await createTestDatabase("privacy");
  models = createModels(db.connection);
  await ensureIndexes(models);
  services = createServices({
    models,
    clock: new ManualClock({ frozenAt: NOW }),
    config: createConfig({ LOG_LEVEL: "silent", NODE_ENV: "test" }),
    logger: silentLogger(),
  });
});

afterEach(async () => {
  await db.drop();
});

async function person(fields: Record<string, unknown>): Promise<UserView> {
  const doc = await models.User.create({ telegramId: nextTelegramId++, locale: "ru", ...fields });
  return (await services.users.findById(doc._id))!;
}

async function trial(school: Types.ObjectId, teacher: Types.ObjectId, startsAt: Date, seatsTaken: number) {
  return models.Trial.create({
    kind: "excursion",
    format: "in_person",
    title: `Trial ${startsAt.toISOString()}`,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
    timezone: "Asia/Bishkek",
    capacity: 5,
    seatsTaken,
    minGrade: 5,
    maxGrade: 11,
    createdBy: teacher,
    schoolId: school,
    status: "published",
  });
}

describe("privacy service: export", () => {
  it("refuses someone without an account, or whose account is erased", async () => {
    await expect(services.privacy.exportData(null)).rejects.toBeInstanceOf(NotAllowed);
    const pupil = await person({ roles: ["student"], firstName: "Бакыт" });
    await services.privacy.deleteAccount(pupil);
    // The view the bot loaded before the erasure is stale; the service reads the stored state.
    await expect(services.privacy.exportData(pupil)).rejects.toBeInstanceOf(NotAllowed);
  });

  it("exports only the children linked right now, and never the other side's names", async () => {
    const guardian = await person({ roles: ["guardian"], firstName: "Нурлан" });
    const linked = await person({ roles: ["student"], firstName: "Айдана" });
    const unlinked = await person({ roles: ["student"], firstName: "Тимур" });
    const invite = new Types.ObjectId();
    await models.Guardianship.create({ guardianId: guardian.id, studentId: linked.id, inviteId: invite });
    // He once consented for the other child, and the link has since gone.
    await models.Consent.create({ studentId: unlinked.id, guardianId: guardian.id, kind: "personal_data", decision: "granted", textVersion: "personal_data@1", textHash: HASH, locale: "ru" });
    await models.QuestionnaireResult.create({ studentId: unlinked.id, instrument: "riasec@1", locale: "ru", scores: { R: 1 } });

    const data = await services.privacy.exportData(guardian);
    expect(data.children.map((c) => c.user.id)).toEqual([linked.id.toHexString()]);
    expect(data.consents).toEqual([expect.objectContaining({ studentId: unlinked.id.toHexString(), givenBy: "you" })]);
    const text = JSON.stringify(data);
    expect(text).not.toContain("Тимур");
    expect(text).toContain("Айдана");
  });

  it("tells a pupil who cancelled a sign-up apart from someone else who did", async () => {
    const school = await models.School.create({ name: "Мектеп №3", timezone: "Asia/Bishkek" });
    const teacher = await person({ roles: ["teacher"], teacherSchoolId: school._id, firstName: "Жылдыз" });
    const pupil = await person({ roles: ["student"], schoolId: school._id });
    const a = await trial(school._id, teacher.id, new Date("2026-10-05T04:00:00Z"), 0);
    const b = await trial(school._id, teacher.id, new Date("2026-10-06T04:00:00Z"), 0);
    await models.Registration.create({ trialId: a._id, studentId: pupil.id, status: "cancelled", cancelledBy: pupil.id });
    await models.Registration.create({ trialId: b._id, studentId: pupil.id, status: "cancelled", cancelledBy: teacher.id });
    const data = await services.privacy.exportData(pupil);
    expect(data.registrations.map((r) => r.cancelledBy)).toEqual(["you", "someone else"]);
    expect(JSON.stringify(data)).not.toContain(teacher.id.toHexString());
  });
});

describe("privacy service: deletion", () => {
  it("does nothing for no actor, and nothing twice", async () => {
    expect(await services.privacy.deleteAccount(null)).toEqual({ deleted: false });
    const pupil = await person({ roles: ["student"], firstName: "Дана" });
    expect(await services.privacy.deleteAccount(pupil)).toEqual({ deleted: true });
    expect(await services.privacy.deleteAccount(pupil)).toEqual({ deleted: false });
    expect(await models.AuditLog.countDocuments({ action: "user.deleted" })).toBe(1);
  });

  it("records one deletion when two requests race", async () => {
    const pupil = await person({ roles: ["student"], firstName: "Дана" });
    const results = await Promise.all([services.privacy.deleteAccount(pupil), services.privacy.deleteAccount(pupil)]);
    expect(results.filter((r) => r.deleted)).toHaveLength(1);
    expect(await models.AuditLog.countDocuments({ action: "user.deleted" })).toBe(1);
  });

  it("detaches every erased account from Telegram with its own placeholder id", async () => {
    const a = await person({ roles: ["student"] });
    const b = await person({ roles: ["guardian"] });
    await services.privacy.deleteAccount(a);
    await services.privacy.deleteAccount(b);
    const ids = (await models.User.find({}).lean()).map((u) => u.telegramId);
    expect(ids.every((id) => id < 0)).toBe(true);
    expect(new Set(ids).size).toBe(2);
  });

  it("cancels only upcoming sign-ups, freeing a seat only where one was held", async () => {
    const school = await models.School.create({ name: "Мектеп №3", timezone: "Asia/Bishkek" });
    const teacher = await person({ roles: ["teacher"], teacherSchoolId: school._id });
    const pupil = await person({ roles: ["student"], schoolId: school._id, grade: 9, classLetter: "А" });
    const past = await trial(school._id, teacher.id, new Date("2026-09-20T04:00:00Z"), 1);
    const pending = await trial(school._id, teacher.id, new Date("2026-10-10T04:00:00Z"), 3);
    const waitlisted = await trial(school._id, teacher.id, new Date("2026-10-11T04:00:00Z"), 5);
    await models.Registration.create({ trialId: past._id, studentId: pupil.id, status: "confirmed" });
    await models.Registration.create({ trialId: pending._id, studentId: pupil.id, status: "pending_consent" });
    await models.Registration.create({ trialId: waitlisted._id, studentId: pupil.id, status: "waitlisted" });

    await services.privacy.deleteAccount(pupil);

    const registrations = await models.Registration.find({}).sort({ _id: 1 }).lean();
    expect(registrations.map((r) => r.status)).toEqual(["confirmed", "cancelled", "cancelled"]);
    const seats = await models.Trial.find({}).sort({ _id: 1 }).lean();
    expect(seats.map((t) => t.seatsTaken)).toEqual([1, 2, 5]);
  });

  it("erases a teacher's school scope and unused invites but keeps the trials they made", async () => {
    const school = await models.School.create({ name: "Мектеп №3", timezone: "Asia/Bishkek" });
    const teacher = await person({ roles: ["teacher", "guardian"], teacherSchoolId: school._id, firstName: "Жылдыз", timezone: "Asia/Bishkek" });
    await trial(school._id, teacher.id, new Date("2026-10-10T04:00:00Z"), 0);
    await models.Invite.create({ code: "T".repeat(22), kind: "teacher", schoolId: school._id, createdBy: teacher.id, expiresAt: new Date("2026-10-08T00:00:00Z") });

    await services.privacy.deleteAccount(teacher);

    const stored = await models.User.findById(teacher.id).lean();
    expect(stored).toMatchObject({ roles: [], status: "deleted" });
    expect(stored).not.toHaveProperty("teacherSchoolId");
    expect(stored).not.toHaveProperty("timezone");
    expect(stored).not.toHaveProperty("firstName");
    expect(await models.Trial.countDocuments({ createdBy: teacher.id })).toBe(1);
    expect((await models.Invite.findOne({}).lean())!.revokedAt).toEqual(NOW);
    const audit = await models.AuditLog.findOne({ action: "user.deleted" }).lean();
    expect(audit!.details).toMatchObject({ roles: ["teacher", "guardian"], invitesRevoked: 1 });
  });

  it("takes the health note out of consents about an erased pupil, through the raw collection", async () => {
    const pupil = await person({ roles: ["student"] });
    const guardian = await person({ roles: ["guardian"], firstName: "Асель" });
    const trialId = new Types.ObjectId();
    await models.Consent.create({ studentId: pupil.id, guardianId: guardian.id, kind: "participation", trialId, decision: "granted", healthNote: "Астма", textVersion: "participation@1", textHash: HASH, locale: "ru" });
    await services.privacy.deleteAccount(pupil);
    const consent = await models.Consent.findOne({}).lean();
    expect(consent).toMatchObject({ studentId: pupil.id, guardianId: guardian.id, decision: "granted", updatedAt: NOW });
    expect(consent).not.toHaveProperty("healthNote");
    // The guardian keeps their name: only the person who asked is erased.
    expect(await models.User.findById(guardian.id).lean()).toMatchObject({ firstName: "Асель", status: "active" });
  });
});
