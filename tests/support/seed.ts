import type { Types } from "mongoose";
import type { Locale } from "../../src/db/models/user.js";
import type { TestBot } from "./harness.js";
import type { TestUser } from "./test-user.js";

export async function seedSchool(t: TestBot, name = "№12 мектеп-гимназия", timezone = "Asia/Almaty"): Promise<Types.ObjectId> {
  const school = await t.deps.models.School.create({ name, region: "Алматы", timezone });
  return school._id;
}

/** A pupil who has completed onboarding, stored directly (for tests of what comes after). */
export async function seedStudent(
  t: TestBot,
  person: TestUser,
  schoolId: Types.ObjectId,
  profile: Partial<{ firstName: string; lastName: string; grade: number; classLetter: string; locale: Locale }> = {},
): Promise<Types.ObjectId> {
  const user = await t.deps.models.User.create({
    telegramId: person.id,
    locale: profile.locale ?? "ru",
    roles: ["student"],
    firstName: profile.firstName ?? "Аружан",
    lastName: profile.lastName ?? "Сапарова",
    schoolId,
    grade: profile.grade ?? 9,
    classLetter: profile.classLetter ?? "Б",
    onboardedAt: t.clock.now(),
  });
  return user._id;
}
