import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import type { Role } from "../../src/db/models/user.js";
import { silentLogger } from "../../src/logger.js";
import { NotAllowed, NotFound } from "../../src/services/errors.js";
import { createServices, type Services } from "../../src/services/index.js";
import type { UserView } from "../../src/services/users.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

describe("teacher service", () => {
  let db: TestDatabase;
  let models: Models;
  let services: Services;
  let admin: UserView;
  let schoolId: Types.ObjectId;

  const actor = async (telegramId: number, roles: Role[] = []) => {
    await models.User.create({ telegramId, locale: "ru", roles, status: "active" });
    return (await services.users.findByTelegramId(telegramId))!;
  };

  beforeEach(async () => {
    db = await createTestDatabase("teachers");
    models = createModels(db.connection);
    await ensureIndexes(models);
    const clock = new ManualClock({ frozenAt: new Date("2026-09-14T09:00:00Z") });
    services = createServices({ models, clock, config: createConfig({ LOG_LEVEL: "silent", ADMIN_TELEGRAM_IDS: "1" }), logger: silentLogger() });
    admin = await actor(1);
    schoolId = (await models.School.create({ name: "School 1", region: "R", timezone: "Asia/Almaty" }))._id;
  });
  afterEach(async () => {
    await db.drop();
  });

  it("lists only the active teachers of the school", async () => {
    await models.User.create({ telegramId: 10, locale: "kk", roles: ["teacher"], teacherSchoolId: schoolId, firstName: "Dana" });
    await models.User.create({ telegramId: 11, locale: "kk", roles: ["teacher"], teacherSchoolId: schoolId, status: "deleted" });
    await models.User.create({ telegramId: 12, locale: "kk", roles: ["teacher"], teacherSchoolId: new Types.ObjectId(), firstName: "Else" });
    await models.User.create({ telegramId: 13, locale: "kk", roles: ["guardian"], teacherSchoolId: schoolId, firstName: "Former" });
    await models.User.create({ telegramId: 14, locale: "kk", roles: ["teacher"], teacherSchoolId: schoolId });
    await models.User.create({ telegramId: 15, locale: "kk", roles: ["teacher"], teacherSchoolId: schoolId, firstName: "Asel" });
    const list = await services.teachers.listTeachers(admin, schoolId);
    expect(list.map((teacher) => teacher.telegramId)).toEqual([15, 10, 14]);
  });

  it("refuses everyone but an admin, a teacher of that very school included", async () => {
    const teacher = await actor(20, ["teacher"]);
    await models.User.updateOne({ _id: teacher.id }, { $set: { teacherSchoolId: schoolId } });
    const teacherView = (await services.users.findById(teacher.id))!;
    await expect(services.teachers.listTeachers(teacherView, schoolId)).rejects.toBeInstanceOf(NotAllowed);
    await expect(services.teachers.revokeTeacher(teacherView, teacher.id)).rejects.toBeInstanceOf(NotAllowed);
    await expect(services.teachers.revokeTeacher(null, teacher.id)).rejects.toBeInstanceOf(NotAllowed);
    expect((await models.User.findById(teacher.id).lean())?.roles).toEqual(["teacher"]);
    expect(await models.AuditLog.countDocuments({})).toBe(0);
  });

  it("revokes once, keeps other roles, and audits it", async () => {
    const { _id } = await models.User.create({ telegramId: 30, locale: "ky", roles: ["guardian", "teacher"], teacherSchoolId: schoolId });
    const revoked = await services.teachers.revokeTeacher(admin, _id);
    expect(revoked.schoolId?.equals(schoolId)).toBe(true);
    const stored = await models.User.findById(_id).lean();
    expect(stored?.roles).toEqual(["guardian"]);
    expect(stored?.teacherSchoolId).toBeUndefined();
    await expect(services.teachers.revokeTeacher(admin, _id)).rejects.toBeInstanceOf(NotFound);
    await expect(services.teachers.getTeacher(admin, _id)).rejects.toBeInstanceOf(NotFound);
    const audit = await models.AuditLog.find({}).lean();
    expect(audit.map((e) => [e.action, String(e.actorId), String(e.entityId)])).toEqual([["role.revoked", String(admin.id), String(_id)]]);
  });
});
