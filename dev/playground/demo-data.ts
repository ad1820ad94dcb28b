import { createHash } from "node:crypto";
import { Types } from "mongoose";
import type { Clock } from "../../src/clock.js";
import type { RiasecLetter } from "../../src/db/models/common.js";
import type { PhotoScope } from "../../src/db/models/consent.js";
import type { Models } from "../../src/db/models/index.js";
import type { TrialFormat, TrialKind } from "../../src/db/models/trial.js";
import type { Locale } from "../../src/db/models/user.js";
import { defaultDeadlines } from "../../src/domain/trial.js";
import { zonedParts, zonedTimeToUtc } from "../../src/domain/zoned-time.js";

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

type DemoSchool = "demo" | "second";
type SignedUpAs = "confirmed" | "pending_consent" | "waitlisted";

/** Classmates already signed up, so the teacher's roster has people in it from the first minute. No chat behind them. */
export const DEMO_PUPILS = [
  { key: "nursultan", telegramId: 5_900_001, firstName: "Нұрсұлтан", lastName: "Әбенов", grade: 9, classLetter: "А", school: "demo", locale: "kk" },
  { key: "aigerim", telegramId: 5_900_002, firstName: "Айгерім", lastName: "Төлеуова", grade: 9, classLetter: "Б", school: "demo", locale: "kk" },
  { key: "diyar", telegramId: 5_900_003, firstName: "Дияр", lastName: "Серікбаев", grade: 10, classLetter: "А", school: "demo", locale: "ru" },
  { key: "madina", telegramId: 5_900_004, firstName: "Мадина", lastName: "Жақыпова", grade: 10, classLetter: "А", school: "demo", locale: "kk" },
  { key: "alikhan", telegramId: 5_900_005, firstName: "Әлихан", lastName: "Омаров", grade: 8, classLetter: "В", school: "demo", locale: "ru" },
  { key: "tomiris", telegramId: 5_900_006, firstName: "Томирис", lastName: "Қасымова", grade: 9, classLetter: "А", school: "demo", locale: "kk" },
  { key: "aibek", telegramId: 5_900_007, firstName: "Айбек", lastName: "Токтогулов", grade: 9, classLetter: "Б", school: "second", locale: "ky" },
] as const satisfies readonly { key: string; telegramId: number; firstName: string; lastName: string; grade: number; classLetter: string; school: DemoSchool; locale: Locale }[];
type DemoPupil = (typeof DEMO_PUPILS)[number]["key"];

/** Parents of demo classmates, linked to their child, with the answers the roster shows ("forbidden" stands out). */
export const DEMO_PARENTS = [
  { telegramId: 5_900_101, firstName: "Сәуле", lastName: "Әбенова", child: "nursultan", locale: "kk", photo: "portfolio" },
  { telegramId: 5_900_102, firstName: "Гүлжан", lastName: "Қасымова", child: "tomiris", locale: "kk", photo: "forbidden" },
  { telegramId: 5_900_103, firstName: "Айнура", lastName: "Токтогулова", child: "aibek", locale: "ky", photo: "publish" },
] as const satisfies readonly { telegramId: number; firstName: string; lastName: string; child: DemoPupil; locale: Locale; photo: PhotoScope }[];

const ERLAN = { name: "Ерлан Ахметов", phone: "+7 707 315 42 90" } as const;

interface DemoTrial {
  kind: TrialKind;
  format: TrialFormat;
  title: string;
  description: string;
  directions: readonly RiasecLetter[];
  host: { organisation: string; address?: string; onlineLink?: string; transport?: string };
  mentor: { name: string; phone: string };
  escort?: { name: string; phone: string };
  /** Days from the playground's "now", at `startHour` on the school's clock. */
  inDays: number;
  startHour: number;
  durationHours: number;
  capacity: number;
  grades: readonly [number, number];
  /** Who may see it: the demo school only, or both demo schools. */
  schools: "demo" | "both";
  bring?: string;
  clothing?: string;
  ppe?: string;
  healthRestrictions?: string;
  risks?: string;
  /** Already signed up, in the order they did; `consent` is a parent's answer in the bot, with its health note. */
  signedUp: readonly { pupil: DemoPupil; as: SignedUpAs; consent?: { healthNote?: string } }[];
}

/** Upcoming trials the demo offers, relative to the playground's "now": one nearly full, one with a waiting list. */
export const DEMO_TRIALS: readonly DemoTrial[] = [
  {
    kind: "trial",
    format: "in_person",
    title: "Бір күн наубайшы: колледждің оқу наубайханасында",
    description:
      "Шебермен бірге қамыр илейсің, нан мен бауырсақ пісіресің, пештің қалай жұмыс істейтінін көресің. Шебер наубайшы мамандығын қайда оқуға болатынын айтып береді. Өзің пісірген нанды үйге ала кетесің.",
    directions: ["R", "A"],
    host: {
      organisation: "Алматы сервис және технология колледжі",
      address: "Алматы, Төле би к-сі, 155",
      transport: "Мектептен 09:15-те бірге шығамыз, №32 автобуспен барамыз. Кешікпе: автобус күтпейді.",
    },
    mentor: { name: "Гүлмира Есенова", phone: "+7 701 482 16 35" },
    escort: ERLAN,
    inDays: 5,
    startHour: 10,
    durationHours: 3,
    capacity: 6,
    grades: [7, 11],
    schools: "demo",
    bring: "Бөтелкедегі су, орамал, шашқа резеңке.",
    clothing: "Жабық аяқ киім, ыңғайлы киім.",
    ppe: "Алжапқыш, бас киім мен қолғапты колледж береді.",
    healthRestrictions: "Ұнға немесе глютенге аллергиясы барларға сай емес.",
    risks: "Ыстық пеш пен өткір құралдар. Басында қауіпсіздік нұсқаулығы болады, пешке тек шебермен бірге жақындаймыз.",
    signedUp: [
      { pupil: "nursultan", as: "confirmed", consent: { healthNote: "Жеңіл астма, ингаляторы өзінде." } },
      { pupil: "aigerim", as: "confirmed" },
      { pupil: "diyar", as: "pending_consent" },
      { pupil: "madina", as: "pending_consent" },
      { pupil: "tomiris", as: "pending_consent" },
    ],
  },
  {
    kind: "open_day",
    format: "in_person",
    title: "Кен өндіру компаниясының ашық есік күні",
    description:
      "Тау-кен инженерлері, геологтар мен техниктер жұмысын көрсетеді: VR-тренажерде карьердегі алып самосвалды жүргізіп көресің, тау жыныстарының үлгілерін зерттейсің, жас мамандармен сөйлесесің.",
    directions: ["R", "I"],
    host: {
      organisation: "Qazaq Mining Group, оқу орталығы",
      address: "Алматы, Әл-Фараби даңғ., 77/8",
      transport: "Мектептен 10:15-те мектеп автобусымен бірге барамыз.",
    },
    mentor: { name: "Марат Жұмабеков", phone: "+7 702 641 08 57" },
    escort: ERLAN,
    inDays: 9,
    startHour: 11,
    durationHours: 2,
    capacity: 30,
    grades: [8, 11],
    schools: "demo",
    bring: "Су мен блокнот.",
    clothing: "Жабық аяқ киім.",
    ppe: "Каска мен қорғаныс көзілдірігін оқу орталығы береді.",
    healthRestrictions: "Басы айналатындарға VR-тренажер сай емес: олар басқа стендтерде болады.",
    risks: "Өндіріс аумағына кірмейміз, тек оқу орталығында боламыз. Басында қауіпсіздік нұсқаулығы болады.",
    signedUp: [
      { pupil: "alikhan", as: "confirmed" },
      { pupil: "diyar", as: "pending_consent" },
    ],
  },
  {
    kind: "master_class",
    format: "hybrid",
    title: "IT мастер-класс: первый чат-бот за два часа",
    description:
      "Вместе с разработчиком напишешь простого Telegram-бота на Python, который отвечает на вопросы о твоей школе. Узнаешь, как проходит день программиста и с чего начать. Опыт не нужен. Ребята из Бишкека подключаются онлайн.",
    directions: ["I", "C"],
    host: {
      organisation: "Astana Hub, Almaty Tech Garden",
      address: "Алматы, ул. Розыбакиева, 247",
      onlineLink: "https://meet.jit.si/bagdar-demo-chatbot",
      transport: "Встречаемся у входа в 14:45, дальше идём вместе с сопровождающим.",
    },
    mentor: { name: "Данияр Сейткали", phone: "+7 747 210 55 19" },
    escort: ERLAN,
    inDays: 12,
    startHour: 15,
    durationHours: 2,
    capacity: 4,
    grades: [7, 11],
    schools: "both",
    bring: "Ноутбук с зарядкой, если есть (несколько дадут на месте). Онлайн — компьютер и наушники.",
    risks: "Особых рисков нет. Каждые 40 минут — перерыв для глаз.",
    signedUp: [
      { pupil: "aibek", as: "confirmed", consent: {} },
      { pupil: "madina", as: "pending_consent" },
      { pupil: "nursultan", as: "pending_consent" },
      { pupil: "aigerim", as: "pending_consent" },
      { pupil: "alikhan", as: "waitlisted" },
      { pupil: "tomiris", as: "waitlisted" },
    ],
  },
  {
    kind: "meeting",
    format: "online",
    title: "Адис менен жолугушуу: программист кантип иштейт?",
    description:
      "Бишкектеги IT-компаниянын программисти жумуш күнү кандай өтөрүн, мектепте кайсы сабактар жардам бергенин жана бул кесипке кантип келгенин айтып берет. Суроолоруңду алдын ала даярдап кел.",
    directions: ["I", "E"],
    host: { organisation: "«Ала-Тоо Софт», Бишкек", onlineLink: "https://meet.jit.si/bagdar-demo-ala-too" },
    mentor: { name: "Айбек Осмонов", phone: "+996 555 41 27 90" },
    inDays: 7,
    startHour: 16,
    durationHours: 1,
    capacity: 25,
    grades: [7, 11],
    schools: "both",
    bring: "Наушник жана туруктуу интернет.",
    signedUp: [],
  },
];

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** A consent record needs the hash of the text the parent saw; the demo's are stand-ins. */
const demoConsentText = (kind: string) => ({ textVersion: `demo-${kind}@1`, textHash: createHash("sha256").update(`Bagdar demo consent: ${kind}`).digest("hex") });

/**
 * Creates DEMO_TRIALS (published, owned by the demo teacher), the classmates signed up for them
 * with their places counted, and a few parents' answers. A trial whose title exists is left as it
 * is, registrations and all, so the seed stays idempotent. Returns how many demo trials there are.
 */
export async function seedDemoTrials(context: {
  models: Models;
  clock: Clock;
  schoolId: Types.ObjectId;
  secondSchoolId: Types.ObjectId;
  teacherId: Types.ObjectId;
}): Promise<number> {
  const { models, clock, schoolId, secondSchoolId, teacherId } = context;
  const now = clock.now();
  const timezone = DEMO_SCHOOL.timezone;

  const upsertUser = async (telegramId: number, fields: Record<string, unknown>) =>
    (await models.User.findOneAndUpdate(
      { telegramId },
      { $setOnInsert: { telegramId, status: "active", onboardedAt: now, ...fields } },
      { upsert: true, returnDocument: "after" },
    ).lean())!._id;

  const pupilIds = new Map<DemoPupil, Types.ObjectId>();
  for (const p of DEMO_PUPILS) {
    pupilIds.set(
      p.key,
      await upsertUser(p.telegramId, {
        locale: p.locale,
        roles: ["student"],
        firstName: p.firstName,
        lastName: p.lastName,
        schoolId: p.school === "demo" ? schoolId : secondSchoolId,
        grade: p.grade,
        classLetter: p.classLetter,
      }),
    );
  }
  const parentOf = new Map<DemoPupil, Types.ObjectId>();
  for (const parent of DEMO_PARENTS) {
    const guardianId = await upsertUser(parent.telegramId, { locale: parent.locale, roles: ["guardian"], firstName: parent.firstName, lastName: parent.lastName });
    const studentId = pupilIds.get(parent.child)!;
    parentOf.set(parent.child, guardianId);
    await models.Guardianship.updateOne({ guardianId, studentId }, { $setOnInsert: { guardianId, studentId, inviteId: new Types.ObjectId() } }, { upsert: true });
    if (!(await models.Consent.exists({ studentId, kind: "photo" }))) {
      await models.Consent.create({ studentId, guardianId, kind: "photo", decision: "granted", photoScope: parent.photo, locale: parent.locale, recordedAt: now, ...demoConsentText("photo") });
    }
  }

  for (const demo of DEMO_TRIALS) {
    if (await models.Trial.exists({ title: demo.title })) continue;
    const day = zonedParts(new Date(now.getTime() + demo.inDays * DAY_MS), timezone);
    const startsAt = zonedTimeToUtc({ year: day.year, month: day.month, day: day.day, hour: demo.startHour, minute: 0 }, timezone)!;
    const deadlines = defaultDeadlines(startsAt, now, timezone) ?? { signupDeadline: new Date(startsAt.getTime() - HOUR_MS), consentDeadline: new Date(startsAt.getTime() - HOUR_MS) };
    const seated = demo.signedUp.filter((s) => s.as !== "waitlisted").length;
    const { signedUp: _signedUp, inDays: _inDays, startHour: _startHour, durationHours, grades, schools, ...fields } = demo;
    const trial = await models.Trial.create({
      ...fields,
      directions: [...demo.directions],
      startsAt,
      endsAt: new Date(startsAt.getTime() + durationHours * HOUR_MS),
      timezone,
      minGrade: grades[0],
      maxGrade: grades[1],
      schoolIds: schools === "both" ? [schoolId, secondSchoolId] : [schoolId],
      ...deadlines,
      status: "published",
      seatsTaken: seated,
      createdBy: teacherId,
      schoolId,
    });
    // Signed up a little while ago, one after the other: the waiting list keeps that order.
    let at = now.getTime() - demo.signedUp.length * 7 * 60_000;
    for (const entry of demo.signedUp) {
      at += 7 * 60_000;
      const studentId = pupilIds.get(entry.pupil)!;
      await models.Registration.create({
        trialId: trial._id,
        studentId,
        status: entry.as,
        statusChangedAt: new Date(at),
        ...(entry.as === "waitlisted" ? { waitlistedAt: new Date(at) } : {}),
      });
      const guardianId = parentOf.get(entry.pupil);
      if (entry.consent && guardianId) {
        const parent = DEMO_PARENTS.find((p) => p.child === entry.pupil)!;
        await models.Consent.create({
          studentId,
          guardianId,
          kind: "participation",
          trialId: trial._id,
          decision: "granted",
          ...(entry.consent.healthNote ? { healthNote: entry.consent.healthNote } : {}),
          locale: parent.locale,
          recordedAt: new Date(at + 60_000),
          ...demoConsentText("participation"),
        });
      }
    }
  }
  return models.Trial.countDocuments({ title: { $in: DEMO_TRIALS.map((t) => t.title) } });
}
