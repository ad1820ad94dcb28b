/**
 * `npm run bench:reports`: seeds a realistic district and times every report through the real
 * report service (issue 10 §6) on the MongoDB-compatible store, one connection pool as in production.
 *
 * The district (sizes change with BENCH_SCHOOLS, BENCH_PUPILS, BENCH_TRIALS, BENCH_REGISTRATIONS):
 * - 40 schools, most on Asia/Almaty and every eighth on Asia/Bishkek, of uneven size;
 * - 12,000 pupils in grades 5–11, classes А/Б/В; a teacher per school and one admin;
 * - 600 trials across the school year 2026/2027 (now = 15 March 2027): every kind and RIASEC
 *   direction, capacity 5–30, past ones completed and future ones published, about 6% cancelled;
 *   owned by a school, every fourth one also open to 1–2 neighbours;
 * - 8,000 registrations, unique per trial and pupil, of pupils the trial is open to: past trials
 *   mostly attended (some no-show, declined, expired, cancelled), future ones mostly confirmed
 *   (some pending consent, waitlisted, cancelled); a cancelled trial's are cancelled;
 * - "before" reflections for most attended and confirmed registrations, "after" reflections
 *   (interest, tri-state answers, rating) for most attended ones;
 * - a completed "riasec@1" result for about 70% of pupils, a retake for some.
 *
 * Each report runs 3 times; the median is reported: trial() on the busiest trial, class() on the
 * biggest class of the biggest school, school() and pupils() on that school, district() as admin.
 * Set MONGODB_URI to run it on a real MongoDB. The last line printed is JSON:
 * {schools, pupils, trials, registrations, reflections, results, seedMs, ms: {trial, class, school, pupils, district}}
 * (a report that throws gets null and its message under "failed", and the exit code is 1).
 */
import { performance } from "node:perf_hooks";
import mongoose, { Types } from "mongoose";
import { startMemoryMongo } from "../dev/memory-mongo/index.js";
import { ManualClock } from "../src/clock.js";
import { createConfig } from "../src/config.js";
import { RIASEC_LETTERS, type RiasecLetter } from "../src/db/models/common.js";
import { createModels, ensureIndexes } from "../src/db/models/index.js";
import type { RegistrationStatus } from "../src/db/models/registration.js";
import { TRIAL_FORMATS, type TrialKind, type TrialStatus } from "../src/db/models/trial.js";
import { silentLogger } from "../src/logger.js";
import { createServices } from "../src/services/index.js";
import { mulberry32 } from "../dev/seeded-random.js";

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 40);
const PUPILS = Number(process.env.BENCH_PUPILS ?? 12_000);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 600);
const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 8_000);
const RUNS = 3;
const NOW = new Date("2027-03-15T06:00:00Z");
const YEAR_START = new Date("2026-09-01T00:00:00+05:00");
const YEAR_LAST_TRIAL = new Date("2027-05-25T00:00:00+05:00");
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const LETTERS = ["А", "Б", "В"] as const;
const out = (line: string) => process.stdout.write(`${line}\n`);
/**
 * Seeding inserts plain documents (no hydration or validation, so fields the schema would default
 * are written out here): tens of thousands of mongoose documents would take a minute to build.
 */
const LEAN = { lean: true } as const;
const stamps = { createdAt: NOW, updatedAt: NOW };

const random = mulberry32(20261122);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** Picks by weight: [[value, weight], …]. */
function weighted<T>(choices: readonly (readonly [T, number])[]): T {
  let r = random() * choices.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of choices) if ((r -= w) < 0) return value;
  return choices[choices.length - 1]![0];
}
const tri = () => weighted([["yes", 6], ["unsure", 2], ["no", 2]] as const);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const mongo = process.env.MONGODB_URI ? undefined : await startMemoryMongo({ port: 0 });
  const uri = process.env.MONGODB_URI ?? `${mongo!.uri}bagdar_bench_reports`;
  const connection = await mongoose.createConnection(uri, { autoIndex: false, maxPoolSize: 20 }).asPromise();
  await connection.dropDatabase();
  const models = createModels(connection);
  await ensureIndexes(models);
  const clock = new ManualClock({ frozenAt: NOW });
  const config = createConfig({ LOG_LEVEL: "silent", NODE_ENV: "production" });
  const services = createServices({ models, clock, config, logger: silentLogger() });
  out(`bench:reports — ${SCHOOLS} schools, ${PUPILS} pupils, ${TRIALS} trials, ${REGISTRATIONS} registrations; store: ${mongo ? "memory-mongo" : "MONGODB_URI"}`);

  const seedStart = performance.now();
  const stages: string[] = [];
  let stageStart = seedStart;
  const stage = (name: string) => {
    const now = performance.now();
    stages.push(`${name} ${((now - stageStart) / 1000).toFixed(1)} s`);
    stageStart = now;
  };
  // Schools of uneven size: weights 1…3, so the biggest school has about three times the smallest's pupils.
  const schools = Array.from({ length: SCHOOLS }, (_, i) => ({
    _id: new Types.ObjectId(),
    name: `Школа №${i + 1}`,
    region: i % 8 === 7 ? "Чуй" : "Алматинская область",
    timezone: i % 8 === 7 ? "Asia/Bishkek" : "Asia/Almaty",
    weight: 1 + ((i * 7) % 11) / 5,
  }));
  await models.School.insertMany(schools.map(({ weight: _w, ...s }) => ({ ...s, ...stamps })), LEAN);
  const totalWeight = schools.reduce((sum, s) => sum + s.weight, 0);

  let telegramId = 1_000_000;
  const teachers = schools.map((s) => ({ _id: new Types.ObjectId(), telegramId: telegramId++, locale: "ru", roles: ["teacher"], teacherSchoolId: s._id, firstName: "Учитель", lastName: s.name, onboardedAt: NOW }));
  const admin = { _id: new Types.ObjectId(), telegramId: telegramId++, locale: "ru", roles: ["admin"], firstName: "Админ", onboardedAt: NOW };
  const pupils: { _id: Types.ObjectId; schoolIndex: number; grade: number; classLetter: string }[] = [];
  const pupilDocs: Record<string, unknown>[] = [];
  const firstNames = ["Аружан", "Алихан", "Айгерим", "Нурсултан", "Дана", "Тимур", "Айсулу", "Ерлан", "Мадина", "Бекзат", "Асель", "Данияр"];
  const lastNames = ["Ахметов", "Сапарова", "Ким", "Иванова", "Жумабеков", "Омарова", "Токтогулов", "Абдыкадырова", "Сериков", "Нурланова"];
  for (let s = 0, made = 0; s < SCHOOLS; s++) {
    const count = s === SCHOOLS - 1 ? PUPILS - made : Math.round((PUPILS * schools[s]!.weight) / totalWeight);
    for (let i = 0; i < count; i++) {
      const grade = 5 + (i % 7);
      const classLetter = LETTERS[Math.floor(i / 7) % 3]!;
      const _id = new Types.ObjectId();
      pupils.push({ _id, schoolIndex: s, grade, classLetter });
      pupilDocs.push({ _id, telegramId: telegramId++, locale: pick(["ru", "kk", "ky"]), roles: ["student"], firstName: pick(firstNames), lastName: pick(lastNames), schoolId: schools[s]!._id, grade, classLetter, onboardedAt: NOW });
    }
    made += count;
  }
  await models.User.insertMany([...teachers, admin, ...pupilDocs].map((u) => ({ ...u, status: "active", ...stamps })), LEAN);
  stage("users");

  // Trials across the year: past ones completed, future ones published, some cancelled.
  const span = YEAR_LAST_TRIAL.getTime() - YEAR_START.getTime();
  const trials = Array.from({ length: TRIALS }, (_, i) => {
    const owner = i % SCHOOLS;
    const tz = schools[owner]!.timezone;
    const day = YEAR_START.getTime() + Math.floor((random() * span) / DAY) * DAY;
    // day is midnight on Almaty's clock (UTC+5); Bishkek (UTC+6) starts its day an hour earlier.
    const startsAt = new Date(day + int(9, 14) * HOUR - (tz === "Asia/Bishkek" ? HOUR : 0));
    const endsAt = new Date(startsAt.getTime() + int(2, 8) * 30 * 60 * 1000);
    const others = i % 4 === 0 ? Array.from({ length: int(1, 2) }, (_, k) => (owner + 1 + k) % SCHOOLS) : [];
    const status: TrialStatus = random() < 0.06 ? "cancelled" : startsAt.getTime() < NOW.getTime() ? "completed" : "published";
    const minGrade = pick([5, 7, 8, 9]);
    const directions = [...new Set([pick(RIASEC_LETTERS), ...(random() < 0.3 ? [pick(RIASEC_LETTERS)] : [])])];
    return {
      _id: new Types.ObjectId(),
      kind: weighted<TrialKind>([["trial", 5], ["excursion", 2], ["open_day", 1], ["master_class", 1], ["meeting", 1]]),
      format: weighted([[TRIAL_FORMATS[0], 8], [TRIAL_FORMATS[1], 1], [TRIAL_FORMATS[2], 1]]),
      title: `Проба ${i + 1}: ${pick(["Один день пекарем", "Сварщик", "Лаборант", "Ветеринар", "Бухгалтер", "Дизайнер", "Учитель", "Менеджер"])}`,
      directions,
      host: { organisation: `Партнёр ${i % 90}`, address: `ул. Абая, ${i}` },
      startsAt,
      endsAt,
      timezone: tz,
      capacity: int(5, 30),
      minGrade,
      maxGrade: 11,
      schoolIds: [owner, ...others].map((k) => schools[k]!._id),
      schoolIndexes: [owner, ...others],
      status,
      createdBy: teachers[owner]!._id,
      schoolId: schools[owner]!._id,
    };
  });

  // Registrations: trials weighted by capacity, pupils drawn from the schools and grades the trial is open to.
  const pupilsBySchool = new Map<number, typeof pupils>();
  for (const p of pupils) {
    const list = pupilsBySchool.get(p.schoolIndex) ?? [];
    list.push(p);
    pupilsBySchool.set(p.schoolIndex, list);
  }
  const taken = new Set<string>();
  const seatsTaken = new Map<number, number>();
  const seated = new Map<number, number>();
  const SEATED = new Set<RegistrationStatus>(["pending_consent", "confirmed", "attended", "no_show"]);
  const registrations: Record<string, unknown>[] = [];
  const reflections: Record<string, unknown>[] = [];
  const trialWeights = trials.map((t, i) => [i, t.capacity] as const);
  for (let guard = 0; registrations.length < REGISTRATIONS && guard < REGISTRATIONS * 20; guard++) {
    const ti = weighted(trialWeights);
    const trial = trials[ti]!;
    const pool = pupilsBySchool.get(pick(trial.schoolIndexes)) ?? [];
    const pupil = pick(pool);
    if (!pupil || pupil.grade < trial.minGrade) continue;
    const key = `${ti}:${pupil._id.toHexString()}`;
    if (taken.has(key)) continue;
    taken.add(key);
    const past = trial.startsAt.getTime() < NOW.getTime();
    let status: RegistrationStatus =
      trial.status === "cancelled"
        ? "cancelled"
        : past
          ? weighted<RegistrationStatus>([["attended", 72], ["no_show", 8], ["declined", 5], ["expired", 5], ["cancelled", 6], ["waitlisted", 4]])
          : weighted<RegistrationStatus>([["confirmed", 60], ["pending_consent", 15], ["waitlisted", 10], ["cancelled", 5], ["declined", 5], ["expired", 5]]);
    // Never more pupils on seats (held, attended or not) than the trial has: the rest wait.
    if (SEATED.has(status)) {
      if ((seated.get(ti) ?? 0) >= trial.capacity) status = "waitlisted";
      else seated.set(ti, (seated.get(ti) ?? 0) + 1);
    }
    if (status === "pending_consent" || status === "confirmed") seatsTaken.set(ti, (seatsTaken.get(ti) ?? 0) + 1);
    const createdAt = new Date(trial.startsAt.getTime() - int(3, 20) * DAY);
    const registrationId = new Types.ObjectId();
    registrations.push({
      _id: registrationId,
      trialId: trial._id,
      studentId: pupil._id,
      status,
      ...(status === "attended" ? { attended: true } : status === "no_show" ? { attended: false } : {}),
      ...(status === "waitlisted" ? { waitlistedAt: createdAt } : {}),
      statusChangedAt: past ? trial.endsAt : createdAt,
      createdAt,
      updatedAt: createdAt,
    });
    const interestBefore = int(2, 5);
    if ((status === "attended" || status === "confirmed" || status === "no_show") && random() < 0.85) {
      reflections.push({ studentId: pupil._id, trialId: trial._id, registrationId, phase: "before", answers: { expect: "Посмотреть, как работают", worries: "Ничего" }, interestBefore, createdAt });
    }
    if (status === "attended" && trial.endsAt.getTime() + HOUR < NOW.getTime() && random() < 0.8) {
      const liked = tri();
      reflections.push({
        studentId: pupil._id,
        trialId: trial._id,
        registrationId,
        phase: "after",
        answers: { didWhat: "Помогали мастеру", nextStep: "Узнать про колледж" },
        selfAssessment: { task: int(1, 3), procedure: int(1, 3), accuracy: int(1, 3), communication: int(1, 3), safety: int(1, 3) },
        interestAfter: Math.max(1, Math.min(5, interestBefore + int(-2, 2))),
        rating: liked === "yes" ? int(4, 5) : int(2, 4),
        liked,
        wouldChoose: tri(),
        useful: tri(),
        createdAt: new Date(trial.endsAt.getTime() + 2 * HOUR),
      });
    }
  }
  await models.Trial.insertMany(trials.map(({ schoolIndexes: _s, ...t }, i) => ({ ...t, seatsTaken: seatsTaken.get(i) ?? 0, ...stamps })), LEAN);
  stage("trials");
  await models.Registration.insertMany(registrations, LEAN);
  stage("registrations");
  await models.Reflection.insertMany(reflections.map((r) => ({ selfAssessment: {}, artifacts: [], updatedAt: r.createdAt, ...r })), LEAN);
  stage("reflections");

  // Questionnaire results for about 70% of pupils; a tenth of those retook it later.
  const results: Record<string, unknown>[] = [];
  const result = (studentId: Types.ObjectId, completedAt: Date) => {
    const scores = Object.fromEntries(RIASEC_LETTERS.map((l) => [l, int(0, 12)])) as Record<RiasecLetter, number>;
    const top = [...RIASEC_LETTERS].sort((a, b) => scores[b] - scores[a]);
    const answers = Array.from({ length: 30 }, (_, k) => ({ itemId: `item-${k}`, value: int(0, 2) }));
    return { studentId, instrument: "riasec@1", answers, scores, top, startedAt: new Date(completedAt.getTime() - 10 * 60 * 1000), completedAt, locale: "ru", createdAt: completedAt, updatedAt: completedAt };
  };
  for (const p of pupils) {
    if (random() >= 0.7) continue;
    const first = new Date(YEAR_START.getTime() + int(0, 150) * DAY);
    results.push(result(p._id, first));
    if (random() < 0.1) results.push(result(p._id, new Date(first.getTime() + int(10, 40) * DAY)));
  }
  await models.QuestionnaireResult.insertMany(results, LEAN);
  stage("results");
  // The plain inserts must still be what the schemas accept: validate one stored document of each.
  for (const model of [models.School, models.User, models.Trial, models.Registration, models.Reflection, models.QuestionnaireResult] as const) {
    const doc = await (model as typeof models.User).findOne().sort({ _id: -1 });
    await doc?.validate();
  }
  const seedMs = performance.now() - seedStart;
  out(`  seeded in ${(seedMs / 1000).toFixed(1)} s: ${registrations.length} registrations, ${reflections.length} reflections, ${results.length} questionnaire results (${stages.join(", ")})`);

  // What to report on: the busiest trial, the biggest school and its biggest KPI class.
  const perTrial = new Map<string, number>();
  for (const r of registrations) perTrial.set(String(r.trialId), (perTrial.get(String(r.trialId)) ?? 0) + 1);
  const busiest = trials.filter((t) => t.status !== "cancelled").sort((a, b) => (perTrial.get(String(b._id)) ?? 0) - (perTrial.get(String(a._id)) ?? 0))[0]!;
  const bigSchool = [...pupilsBySchool.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
  const classSizes = new Map<string, number>();
  for (const p of bigSchool[1]) if (p.grade >= 7) classSizes.set(`${p.grade}|${p.classLetter}`, (classSizes.get(`${p.grade}|${p.classLetter}`) ?? 0) + 1);
  const [bigClass] = [...classSizes.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const [grade, letter] = bigClass.split("|") as [string, string];
  const schoolId = schools[bigSchool[0]]!._id;
  const teacher = await services.users.findById(teachers[bigSchool[0]]!._id);
  const trialOwner = await services.users.findById(teachers[busiest.schoolIndexes[0]!]!._id);
  const adminActor = await services.users.findById(admin._id);
  out(`  busiest trial: ${perTrial.get(String(busiest._id))} registrations; biggest school: ${bigSchool[1].length} pupils; class ${grade}${letter}: ${classSizes.get(bigClass)} pupils`);

  const reports = services.reports;
  const cases: [string, () => Promise<unknown>][] = [
    ["trial", () => reports.trial(trialOwner, busiest._id)],
    ["class", () => reports.class(teacher, schoolId, Number(grade), letter)],
    ["school", () => reports.school(teacher, schoolId)],
    ["pupils", () => reports.pupils(teacher, schoolId)],
    ["district", () => reports.district(adminActor)],
  ];
  const ms: Record<string, number | null> = {};
  const failed: Record<string, string> = {};
  for (const [name, run] of cases) {
    const times: number[] = [];
    let summary = "";
    try {
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const value = await run();
        times.push(performance.now() - t0);
        summary = describe(name, value);
      }
    } catch (error) {
      ms[name] = null;
      failed[name] = error instanceof Error ? error.message : String(error);
      out(`  ${name.padEnd(8)} failed: ${failed[name]}`);
      continue;
    }
    ms[name] = Math.round(median(times));
    out(`  ${name.padEnd(8)} median ${ms[name]} ms (runs: ${times.map((t) => t.toFixed(0)).join(", ")}) — ${summary}`);
  }

  out(
    JSON.stringify({
      schools: SCHOOLS,
      pupils: PUPILS,
      trials: TRIALS,
      registrations: registrations.length,
      reflections: reflections.length,
      results: results.length,
      seedMs: Math.round(seedMs),
      ms,
      ...(Object.keys(failed).length > 0 ? { failed } : {}),
    }),
  );
  await connection.close();
  await mongo?.stop();
  if (Object.keys(failed).length > 0) process.exitCode = 1;
}

/** One line of what a report found, to see it is not empty. */
function describe(name: string, value: unknown): string {
  const v = value as Record<string, unknown>;
  if (name === "trial") return `registered ${String(v.registered)}, attended ${String(v.attended)}, reflections ${String(v.reflections)}, rating ${String(v.averageRating)}`;
  if (name === "class" || name === "school") return `pupils ${String(v.pupils)}, with a trial ${String(v.withTrial)}, with 4+ contacts ${String(v.withContacts)}, rating ${String(v.averageRating)}`;
  if (name === "pupils") return `${(value as unknown[]).length} pupils`;
  return `pupils ${String(v.pupils)}, schools ${(v.schools as unknown[]).length}, below target ${(v.belowTarget as unknown[]).length}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
