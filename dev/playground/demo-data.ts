import type { Types } from "mongoose";
import type { Clock } from "../../src/clock.js";
import type { Models } from "../../src/db/models/index.js";
import type { Locale } from "../../src/db/models/user.js";

/** Who a pane belongs to; only labels the pane, the bot decides what each person may do. */
export type PersonaRole = "pupil" | "parent" | "teacher" | "admin" | "guest";

export interface Persona {
  /** The person's Telegram user id. */
  id: number;
  firstName: string;
  lastName?: string;
  /** Telegram's interface language: the bot's first guess and the command menu's language. */
  languageCode: string;
  role: PersonaRole;
}

export const DEMO_SCHOOL = { name: "№12 мектеп-гимназия", region: "Алматы", timezone: "Asia/Almaty" } as const;
export const SECOND_SCHOOL = { name: "Школа-гимназия №3", region: "Бишкек", timezone: "Asia/Bishkek" } as const;

/** The people on the page at first start and after a reset. The teacher and the admin are set up already. */
export const DEFAULT_PERSONAS: readonly Persona[] = [
  { id: 5_000_001, firstName: "Аружан", lastName: "Сапарова", languageCode: "kk", role: "pupil" },
  { id: 5_000_002, firstName: "Гүлнара", lastName: "Сапарова", languageCode: "ru", role: "parent" },
  { id: 5_000_003, firstName: "Ерлан", lastName: "Ахметов", languageCode: "ru", role: "teacher" },
  { id: 5_000_004, firstName: "Dana", lastName: "Coordinator", languageCode: "en", role: "admin" },
];

export const TEACHER = DEFAULT_PERSONAS.find((p) => p.role === "teacher")!;
export const ADMIN = DEFAULT_PERSONAS.find((p) => p.role === "admin")!;

/** Ids for people added on the page start here. */
export const FIRST_GUEST_ID = 5_000_101;

export interface DemoData {
  schoolId: Types.ObjectId;
  secondSchoolId: Types.ObjectId;
  teacherId: Types.ObjectId;
  adminId: Types.ObjectId;
  trials: number;
}

/**
 * The demo world: two schools, the career teacher of the first one and the district admin.
 * Idempotent: every write is an upsert that changes nothing when the document is there.
 */
export async function seedDemoData(models: Models, clock: Clock): Promise<DemoData> {
  const school = async (fields: { name: string; region: string; timezone: string }) =>
    (await models.School.findOneAndUpdate({ name: fields.name }, { $setOnInsert: fields }, { upsert: true, returnDocument: "after" }).lean())!._id;
  const schoolId = await school(DEMO_SCHOOL);
  const secondSchoolId = await school(SECOND_SCHOOL);

  const person = async (persona: Persona, fields: Record<string, unknown>) =>
    (await models.User.findOneAndUpdate(
      { telegramId: persona.id },
      {
        $setOnInsert: {
          telegramId: persona.id,
          locale: persona.languageCode as Locale,
          firstName: persona.firstName,
          ...(persona.lastName ? { lastName: persona.lastName } : {}),
          status: "active",
          onboardedAt: clock.now(),
          ...fields,
        },
      },
      { upsert: true, returnDocument: "after" },
    ).lean())!._id;
  // The teacher's rights would normally come from an admin's invite; here they are given outright.
  const teacherId = await person(TEACHER, { roles: ["teacher"], teacherSchoolId: schoolId });
  // The admin's rights come from ADMIN_TELEGRAM_IDS (never stored), which the playground sets.
  const adminId = await person(ADMIN, { roles: [] });

  const trials = await seedDemoTrials({ models, clock, schoolId, secondSchoolId, teacherId });
  return { schoolId, secondSchoolId, teacherId, adminId, trials };
}

/** Upcoming trials the demo should offer, relative to the playground's "now". */
export const DEMO_TRIALS = [
  {
    kind: "trial",
    title: "Бір күн наубайшы: Алматы колледжінің нан зауытында",
    host: "Алматы сервис және технология колледжі",
    address: "Алматы, Төле би к-сі, 155",
    inDays: 5,
    startHour: 10,
    durationHours: 3,
    capacity: 12,
    grades: [7, 11],
    directions: ["R", "A"],
  },
  {
    kind: "open_day",
    title: "Кен өндіру компаниясының ашық есік күні",
    host: "Qazaq Mining Group, оқу орталығы",
    address: "Алматы, Әл-Фараби даңғ., 77/8",
    inDays: 9,
    startHour: 11,
    durationHours: 2,
    capacity: 30,
    grades: [8, 11],
    directions: ["R", "I"],
  },
  {
    kind: "master_class",
    title: "IT мастер-класс: первый чат-бот за два часа",
    host: "Astana Hub, Almaty Tech Garden",
    address: "Алматы, Розыбакиева к-сі, 247",
    inDays: 12,
    startHour: 15,
    durationHours: 2,
    capacity: 20,
    grades: [7, 11],
    directions: ["I", "C"],
  },
] as const;

/**
 * Hook for the trials feature: once trials can be created through their service, create
 * DEMO_TRIALS here (published, visible to `schoolId`, owned by the teacher), skipping any whose
 * title already exists so the seed stays idempotent. Until then it seeds nothing.
 */
export async function seedDemoTrials(_context: {
  models: Models;
  clock: Clock;
  schoolId: Types.ObjectId;
  secondSchoolId: Types.ObjectId;
  teacherId: Types.ObjectId;
}): Promise<number> {
  return 0;
}
