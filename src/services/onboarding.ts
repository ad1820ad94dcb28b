import type { Types } from "mongoose";
import { z } from "zod";
import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";
import type { Locale } from "../db/models/user.js";
import { checkClassLetter, checkGrade, checkPersonName } from "../domain/profile.js";
import type { AuditService } from "./audit.js";
import { InvalidInput, NotFound } from "./errors.js";
import type { UserService, UserView } from "./users.js";

export interface StudentProfile {
  firstName: string;
  lastName: string;
  schoolId: Types.ObjectId;
  grade: number;
  classLetter: string;
}

/** Re-checks everything the scene collected: a service never trusts its caller's validation. */
const studentProfile = z.object({
  firstName: z.string().transform((v, ctx) => {
    const check = checkPersonName(v);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
    return check.ok ? check.value : v;
  }),
  lastName: z.string().transform((v, ctx) => {
    const check = checkPersonName(v);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
    return check.ok ? check.value : v;
  }),
  schoolId: z.custom<Types.ObjectId>((v) => typeof v === "object" && v !== null && "toHexString" in v),
  grade: z.number().refine((g) => checkGrade(g) !== undefined),
  classLetter: z.string().transform((v, ctx) => {
    const letter = checkClassLetter(v);
    if (!letter) ctx.addIssue({ code: "custom", message: "class letter" });
    return letter ?? v;
  }),
});

export function createOnboardingService(deps: { models: Models; clock: Clock; audit: AuditService; users: UserService }) {
  const { User, School } = deps.models;

  return {
    /** Saves a pupil's profile in one write, once the pupil has confirmed it. Editing it again later is the same call. */
    async registerStudent(telegramId: number, locale: Locale, input: StudentProfile): Promise<UserView> {
      const parsed = studentProfile.safeParse(input);
      if (!parsed.success) throw new InvalidInput(String(parsed.error.issues[0]?.path[0] ?? "profile"));
      if (!(await School.exists({ _id: parsed.data.schoolId }))) throw new NotFound("school");
      const doc = await User.findOneAndUpdate(
        { telegramId },
        {
          $set: { ...parsed.data, locale, status: "active" },
          $addToSet: { roles: "student" },
          $setOnInsert: { telegramId },
          $min: { onboardedAt: deps.clock.now() },
        },
        { upsert: true, returnDocument: "after", projection: deps.users.viewFields },
      ).lean();
      const user = deps.users.toView(doc as Parameters<UserService["toView"]>[0]);
      await deps.audit.record({ actorId: user.id, action: "role.granted", entity: "user", entityId: user.id, details: { role: "student" } });
      return user;
    },

    /** A parent who chose "I'm a parent": the role itself grants nothing until a child's invite links them. */
    async registerGuardian(telegramId: number, locale: Locale, firstName: string): Promise<UserView> {
      const doc = await User.findOneAndUpdate(
        { telegramId },
        {
          $set: { locale, status: "active", firstName: firstName.slice(0, 50) },
          $addToSet: { roles: "guardian" },
          $setOnInsert: { telegramId },
          $min: { onboardedAt: deps.clock.now() },
        },
        { upsert: true, returnDocument: "after", projection: deps.users.viewFields },
      ).lean();
      const user = deps.users.toView(doc as Parameters<UserService["toView"]>[0]);
      await deps.audit.record({ actorId: user.id, action: "role.granted", entity: "user", entityId: user.id, details: { role: "guardian" } });
      return user;
    },
  };
}

export type OnboardingService = ReturnType<typeof createOnboardingService>;
