/**
 * A small but rich dataset for the reports (issue 10), seeded straight through the models.
 * The clock is set to REPORT_FIXTURE_NOW (school year 2026/2027 on Asia/Almaty).
 *
 * School A "Гимназия №1" (Asia/Almaty), teacher teacherA; school B "Лицей №2", teacher teacherB; admin.
 * Pupils of A: 8А a1 Аружан Абенова, a2 Бекзат Байжанов, a3 Данияр Жумабаев, a4 Ерлан Касымов,
 *   a10 Зарина Блокова (blocked: not a KPI pupil);
 *   9Б a5 Гульнара Омарова, a6 Жанар Искакова, a7 Айгерим Нурланова; 10А a8 Мадина Серикова;
 *   6А a9 Тимур Ахметов (grade 6: not a KPI pupil).
 * Pupils of B: 8А b1 Нурлан Бекенов, 9А b2 Асель Дауренова.
 *
 * Trials (all Asia/Almaty):
 *   welding      T1 trial        R    completed owner A [A]    2026-10-15 cap 10
 *   excursion    T2 excursion    R,I  completed owner A [A]    2026-11-10 cap 20
 *   openDay      T3 open_day     S    published owner A [A]    2027-01-20 cap 15
 *   masterClass  T4 master_class A    published owner B [B, A] 2027-02-10 cap 12
 *   meeting      T5 meeting      S    published owner A [A]    2027-04-01 cap 8 (in the future)
 *   lastYear     T6 trial        C    completed owner A [A]    2026-05-10 cap 10 (school year 2025/2026)
 *   cancelled    T7 trial        E    cancelled owner A [A]    2026-12-01 cap 10
 *   draft        T8 trial        E    draft     owner A [A]    2027-03-01 cap 10
 *   schoolBOnly  T9 trial        C    completed owner B [B]    2026-12-05 cap 5
 *   justEnded    T10 trial       R    published owner A [A]    now−3h … now−30min cap 6
 *
 * Registrations (status) and "after" reflections (rating …) — see the tables in the code below.
 * RIASEC (newest completed "riasec@*" top[0]): a1 R (retook: older C, plus one in progress),
 *   a2 E, a3 R, a4 none, a5 S, a6 A, a7 C, a8 only a "values@1" result (= none), a9 E, a10 E, b1 I, b2 C.
 */
import type { Types } from "mongoose";
import type { ManualClock } from "../../src/clock.js";
import type { Models } from "../../src/db/models/index.js";
import type { RegistrationStatus } from "../../src/db/models/registration.js";
import type { TriStateAnswer } from "../../src/db/models/reflection.js";
import type { RiasecLetter } from "../../src/db/models/common.js";
import type { TrialKind, TrialStatus } from "../../src/db/models/trial.js";

/** Sunday 15 March 2027, 11:00 in Almaty. */
export const REPORT_FIXTURE_NOW = new Date("2027-03-15T06:00:00Z");

const HOUR = 3_600_000;

export interface ReportFixture {
  now: Date;
  schools: { a: Types.ObjectId; b: Types.ObjectId };
  teachers: { a: Types.ObjectId; b: Types.ObjectId };
  admin: Types.ObjectId;
  trials: {
    welding: Types.ObjectId;
    excursion: Types.ObjectId;
    openDay: Types.ObjectId;
    masterClass: Types.ObjectId;
    meeting: Types.ObjectId;
    lastYear: Types.ObjectId;
    cancelled: Types.ObjectId;
    draft: Types.ObjectId;
    schoolBOnly: Types.ObjectId;
    justEnded: Types.ObjectId;
  };
  pupils: {
    a1: Types.ObjectId;
    a2: Types.ObjectId;
    a3: Types.ObjectId;
    a4: Types.ObjectId;
    a5: Types.ObjectId;
    a6: Types.ObjectId;
    a7: Types.ObjectId;
    a8: Types.ObjectId;
    a9: Types.ObjectId;
    a10: Types.ObjectId;
    b1: Types.ObjectId;
    b2: Types.ObjectId;
  };
}

interface AfterFields {
  interestAfter?: number;
  rating?: number;
  liked?: TriStateAnswer;
  wouldChoose?: TriStateAnswer;
  useful?: TriStateAnswer;
}

export async function seedReportFixture(models: Models, clock: ManualClock, options: { telegramIdBase?: number } = {}): Promise<ReportFixture> {
  clock.set(REPORT_FIXTURE_NOW);
  const now = REPORT_FIXTURE_NOW;
  let telegramId = options.telegramIdBase ?? 700_000;

  const a = (await models.School.create({ name: "Гимназия №1", region: "Алматы", timezone: "Asia/Almaty" }))._id;
  const b = (await models.School.create({ name: "Лицей №2", region: "Алматы", timezone: "Asia/Almaty" }))._id;

  const user = async (fields: Record<string, unknown>) => (await models.User.create({ telegramId: telegramId++, locale: "ru", status: "active", onboardedAt: now, ...fields }))._id;
  const teacherA = await user({ roles: ["teacher"], teacherSchoolId: a, firstName: "Алия", lastName: "Маратовна" });
  const teacherB = await user({ roles: ["teacher"], teacherSchoolId: b, firstName: "Берик", lastName: "Садыков" });
  const admin = await user({ roles: ["admin"], firstName: "Админ", lastName: "Районный" });
  const pupil = (schoolId: Types.ObjectId, grade: number, classLetter: string, firstName: string, lastName: string, extra: Record<string, unknown> = {}) =>
    user({ roles: ["student"], schoolId, grade, classLetter, firstName, lastName, ...extra });

  const pupils = {
    a1: await pupil(a, 8, "А", "Аружан", "Абенова"),
    a2: await pupil(a, 8, "А", "Бекзат", "Байжанов"),
    a3: await pupil(a, 8, "А", "Данияр", "Жумабаев"),
    a4: await pupil(a, 8, "А", "Ерлан", "Касымов"),
    a5: await pupil(a, 9, "Б", "Гульнара", "Омарова"),
    a6: await pupil(a, 9, "Б", "Жанар", "Искакова"),
    a7: await pupil(a, 9, "Б", "Айгерим", "Нурланова"),
    a8: await pupil(a, 10, "А", "Мадина", "Серикова"),
    a9: await pupil(a, 6, "А", "Тимур", "Ахметов"),
    a10: await pupil(a, 8, "А", "Зарина", "Блокова", { status: "blocked" }),
    b1: await pupil(b, 8, "А", "Нурлан", "Бекенов"),
    b2: await pupil(b, 9, "А", "Асель", "Дауренова"),
  };

  const trial = async (
    title: string,
    kind: TrialKind,
    status: TrialStatus,
    owner: Types.ObjectId,
    schoolIds: Types.ObjectId[],
    directions: RiasecLetter[],
    startsAt: Date,
    hours: number,
    capacity: number,
    organisation: string,
  ) =>
    (
      await models.Trial.create({
        kind, format: "in_person", title, directions, host: { organisation, address: "ул. Абая, 1" }, startsAt, endsAt: new Date(startsAt.getTime() + hours * HOUR),
        timezone: "Asia/Almaty", capacity, minGrade: 7, maxGrade: 11, schoolIds, status, createdBy: owner.equals(a) ? teacherA : teacherB, schoolId: owner,
      })
    )._id;

  const trials = {
    welding: await trial("Сварщик", "trial", "completed", a, [a], ["R"], new Date("2026-10-15T04:00:00Z"), 3, 10, "Алматинский колледж"),
    excursion: await trial("Экскурсия на ГЭС", "excursion", "completed", a, [a], ["R", "I"], new Date("2026-11-10T04:00:00Z"), 4, 20, "Капшагайская ГЭС"),
    openDay: await trial("День открытых дверей", "open_day", "published", a, [a], ["S"], new Date("2027-01-20T05:00:00Z"), 3, 15, "Медицинский колледж"),
    masterClass: await trial("Мастер-класс по дизайну", "master_class", "published", b, [b, a], ["A"], new Date("2027-02-10T06:00:00Z"), 2, 12, "Студия «Арт»"),
    meeting: await trial("Встреча с врачом", "meeting", "published", a, [a], ["S"], new Date("2027-04-01T05:00:00Z"), 2, 8, "Городская больница"),
    lastYear: await trial("Прошлогодняя проба", "trial", "completed", a, [a], ["C"], new Date("2026-05-10T04:00:00Z"), 3, 10, "Банк"),
    cancelled: await trial("Отменённая проба", "trial", "cancelled", a, [a], ["E"], new Date("2026-12-01T04:00:00Z"), 3, 10, "Бизнес-инкубатор"),
    draft: await trial("Черновик", "trial", "draft", a, [a], ["E"], new Date("2027-03-01T04:00:00Z"), 3, 10, "Стартап"),
    schoolBOnly: await trial("Бухгалтер на день", "trial", "completed", b, [b], ["C"], new Date("2026-12-05T04:00:00Z"), 3, 5, "Бухгалтерия"),
    justEnded: await trial("Повар", "trial", "published", a, [a], ["R"], new Date(now.getTime() - 3 * HOUR), 2.5, 6, "Ресторан"),
  };

  const register = async (trialId: Types.ObjectId, studentId: Types.ObjectId, status: RegistrationStatus) =>
    (await models.Registration.create({ trialId, studentId, status, ...(status === "attended" ? { attended: true } : status === "no_show" ? { attended: false } : {}), statusChangedAt: now }))._id;
  const reflect = async (registrationId: Types.ObjectId, trialId: Types.ObjectId, studentId: Types.ObjectId, before: number | null, after: AfterFields | null) => {
    if (before !== null) await models.Reflection.create({ studentId, trialId, registrationId, phase: "before", answers: { expect: "Узнать новое" }, interestBefore: before });
    if (after !== null) await models.Reflection.create({ studentId, trialId, registrationId, phase: "after", answers: { didWhat: "Работали" }, ...after });
  };
  const p = pupils;
  const t = trials;

  // T1 welding: attended a1 a2 a3 a5 a9 a10, no_show a8, cancelled a4, declined a6.
  await reflect(await register(t.welding, p.a1, "attended"), t.welding, p.a1, 2, { interestAfter: 4, liked: "yes", wouldChoose: "yes", useful: "yes", rating: 5 });
  await reflect(await register(t.welding, p.a2, "attended"), t.welding, p.a2, 3, { interestAfter: 3, liked: "yes", wouldChoose: "no", useful: "unsure", rating: 4 });
  await reflect(await register(t.welding, p.a3, "attended"), t.welding, p.a3, 4, null);
  await reflect(await register(t.welding, p.a5, "attended"), t.welding, p.a5, null, { interestAfter: 5, liked: "yes", wouldChoose: "unsure", useful: "yes", rating: 3 });
  await reflect(await register(t.welding, p.a9, "attended"), t.welding, p.a9, 1, { interestAfter: 2, liked: "no", wouldChoose: "no", useful: "no", rating: 2 });
  await register(t.welding, p.a10, "attended");
  await register(t.welding, p.a8, "no_show");
  await register(t.welding, p.a4, "cancelled");
  await register(t.welding, p.a6, "declined");

  // T2 excursion: attended a1 a2 a5 a6, no_show a7.
  await reflect(await register(t.excursion, p.a1, "attended"), t.excursion, p.a1, null, { liked: "yes", rating: 4 });
  await register(t.excursion, p.a2, "attended");
  await register(t.excursion, p.a5, "attended");
  await reflect(await register(t.excursion, p.a6, "attended"), t.excursion, p.a6, 4, { interestAfter: 4, liked: "yes", wouldChoose: "yes", useful: "yes", rating: 5 });
  await register(t.excursion, p.a7, "no_show");

  // T3 open day: attended a1 a2 a5 a6 a7, expired a3.
  await reflect(await register(t.openDay, p.a1, "attended"), t.openDay, p.a1, null, { rating: 4 });
  await register(t.openDay, p.a2, "attended");
  await reflect(await register(t.openDay, p.a5, "attended"), t.openDay, p.a5, null, { rating: 4 });
  await register(t.openDay, p.a6, "attended");
  await reflect(await register(t.openDay, p.a7, "attended"), t.openDay, p.a7, null, { liked: "no", rating: 2 });
  await register(t.openDay, p.a3, "expired");

  // T4 master class (owner B, open to A): attended a1 a6 b1, no_show b2.
  await reflect(await register(t.masterClass, p.a1, "attended"), t.masterClass, p.a1, 3, { interestAfter: 5, liked: "yes", wouldChoose: "yes", useful: "unsure", rating: 5 });
  await register(t.masterClass, p.a6, "attended");
  await reflect(await register(t.masterClass, p.b1, "attended"), t.masterClass, p.b1, null, { liked: "unsure", rating: 3 });
  await register(t.masterClass, p.b2, "no_show");

  // T5 meeting (in the future): every status still open.
  await register(t.meeting, p.a1, "confirmed");
  await reflect(await register(t.meeting, p.a2, "pending_consent"), t.meeting, p.a2, 5, null);
  await register(t.meeting, p.a3, "confirmed");
  await register(t.meeting, p.a5, "waitlisted");
  await register(t.meeting, p.a6, "declined");
  await register(t.meeting, p.a7, "expired");
  await register(t.meeting, p.a8, "cancelled");

  // T6 last school year: counts nowhere this year.
  await register(t.lastYear, p.a1, "attended");
  await reflect(await register(t.lastYear, p.a2, "attended"), t.lastYear, p.a2, 1, { interestAfter: 1, liked: "no", rating: 1 });

  // T7 cancelled trial.
  await register(t.cancelled, p.a3, "cancelled");
  await register(t.cancelled, p.a8, "cancelled");

  // T9 school B only: attended b1 (no reflection), b2 (rating 4).
  await register(t.schoolBOnly, p.b1, "attended");
  await reflect(await register(t.schoolBOnly, p.b2, "attended"), t.schoolBOnly, p.b2, null, { rating: 4 });

  // T10 ended 30 minutes ago: attended a5 a7, no reflections yet (not due).
  await register(t.justEnded, p.a5, "attended");
  await register(t.justEnded, p.a7, "attended");

  const result = async (studentId: Types.ObjectId, top: string[], completedAt: Date | null, instrument = "riasec@1") =>
    models.QuestionnaireResult.create({
      studentId, instrument, top, scores: Object.fromEntries(top.map((k, i) => [k, 10 - i])), startedAt: new Date((completedAt ?? now).getTime() - 10 * 60_000),
      ...(completedAt ? { completedAt } : { position: 3, revision: 3 }), locale: "ru",
    });
  await result(p.a1, ["C", "E", "S"], new Date("2026-09-20T05:00:00Z"));
  await result(p.a1, ["R", "I", "A"], new Date("2027-01-10T05:00:00Z"));
  await result(p.a1, [], null); // a retake in progress: not a result
  await result(p.a2, ["E", "S", "C"], new Date("2026-10-01T05:00:00Z"));
  await result(p.a3, ["R", "C", "I"], new Date("2026-10-02T05:00:00Z"));
  await result(p.a5, ["S", "A", "E"], new Date("2026-10-03T05:00:00Z"));
  await result(p.a6, ["A", "S", "E"], new Date("2026-10-04T05:00:00Z"));
  await result(p.a7, ["C", "R", "I"], new Date("2026-10-05T05:00:00Z"));
  await result(p.a8, ["I"], new Date("2026-10-06T05:00:00Z"), "values@1");
  await result(p.a9, ["E", "A", "S"], new Date("2026-10-07T05:00:00Z"));
  await result(p.a10, ["E", "S", "A"], new Date("2026-10-08T05:00:00Z"));
  await result(p.b1, ["I", "R", "C"], new Date("2026-10-09T05:00:00Z"));
  await result(p.b2, ["C", "E", "I"], new Date("2026-10-10T05:00:00Z"));

  return { now, schools: { a, b }, teachers: { a: teacherA, b: teacherB }, admin, trials, pupils };
}
