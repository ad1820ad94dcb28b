/**
 * `npm run bench:signup-race`: 500 pupils sign up at once for a trial with 20 seats, through the
 * real registration service on the MongoDB-compatible store (over the wire protocol, one
 * connection pool as in production). Then 5 pupils holding seats cancel, also at once.
 *
 * Checked afterwards, from the database alone:
 * - seated: registrations holding a seat (pending_consent or confirmed) after the sign-ups; must equal capacity;
 * - waitlisted: the rest after the sign-ups, each told a distinct position 1…N;
 * - duplicates: more than one registration for a pupil (the unique index should make it 0);
 * - promotions: waiting pupils moved to a seat by the 5 cancellations; must be exactly 5;
 * - invariantViolations: trial.seatsTaken ≠ seat-holding registrations, seatsTaken > capacity,
 *   a pupil refused for any reason other than a real one, or a promoted pupil who was not next in line.
 *
 * BENCH_STUDENTS and BENCH_CAPACITY change the sizes. Set MONGODB_URI to run it on a real MongoDB.
 * The last line printed is JSON: students, capacity, seated, waitlisted, duplicates, promotions,
 * invariantViolations, afterCancellations {seated, waitlisted}, signupMs, cancelMs.
 */
import { performance } from "node:perf_hooks";
import mongoose, { Types } from "mongoose";
import { startMemoryMongo } from "../dev/memory-mongo/index.js";
import { ManualClock } from "../src/clock.js";
import { createConfig } from "../src/config.js";
import { createModels, ensureIndexes } from "../src/db/models/index.js";
import type { RegistrationStatus } from "../src/db/models/registration.js";
import { silentLogger } from "../src/logger.js";
import { createServices } from "../src/services/index.js";

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 500);
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 20);
const CANCELLATIONS = 5;
const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const mongo = process.env.MONGODB_URI ? undefined : await startMemoryMongo({ port: 0 });
  const uri = process.env.MONGODB_URI ?? `${mongo!.uri}bagdar_bench_race`;
  const connection = await mongoose.createConnection(uri, { autoIndex: false, maxPoolSize: 50 }).asPromise();
  await connection.dropDatabase();
  const models = createModels(connection);
  await ensureIndexes(models);
  const clock = new ManualClock({ frozenAt: new Date("2026-09-14T05:00:00Z") });
  const config = createConfig({ LOG_LEVEL: "silent", NODE_ENV: "production" });
  const services = createServices({ models, clock, config, logger: silentLogger() });

  const school = await models.School.create({ name: "Bench school", region: "Almaty", timezone: "Asia/Almaty" });
  const teacher = await models.User.create({ telegramId: 1, locale: "ru", roles: ["teacher"], teacherSchoolId: school._id, firstName: "T" });
  const day = 24 * 60 * 60 * 1000;
  const startsAt = new Date(clock.now().getTime() + 10 * day);
  const trial = await models.Trial.create({
    kind: "trial",
    format: "in_person",
    title: "Bench trial",
    directions: ["R"],
    host: { organisation: "Plant", address: "Street 1" },
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * 60 * 60 * 1000),
    timezone: "Asia/Almaty",
    capacity: CAPACITY,
    minGrade: 8,
    maxGrade: 11,
    schoolIds: [school._id],
    signupDeadline: new Date(startsAt.getTime() - 2 * day),
    consentDeadline: new Date(startsAt.getTime() - day),
    status: "published",
    createdBy: teacher._id,
    schoolId: school._id,
  });
  const pupils = await models.User.insertMany(
    Array.from({ length: STUDENTS }, (_, i) => ({ telegramId: 10_000 + i, locale: "ru", roles: ["student"], firstName: `P${i}`, schoolId: school._id, grade: 9, classLetter: "А", onboardedAt: clock.now() })),
  );
  const actors = await Promise.all(pupils.map((p) => services.users.findById(p._id)));
  out(`bench:signup-race — ${STUDENTS} pupils, ${CAPACITY} seats, ${CANCELLATIONS} cancellations, store: ${mongo ? "memory-mongo" : "MONGODB_URI"}`);

  const before = { expect: "To see the workshop", worries: "Nothing much", interest: 4 };
  let t0 = performance.now();
  const outcomes = await Promise.allSettled(actors.map((actor) => services.registrations.signUp(actor, trial._id, before)));
  const signupMs = performance.now() - t0;
  const refused = outcomes.filter((o) => o.status === "rejected");
  let violations = refused.length;
  for (const r of refused.slice(0, 3)) out(`  refused: ${String((r as PromiseRejectedResult).reason)}`);
  const positions = outcomes.flatMap((o) => (o.status === "fulfilled" && o.value.status === "waitlisted" ? [o.value.position] : []));
  out(`  sign-up: ${signupMs.toFixed(0)} ms; told seated ${outcomes.length - refused.length - positions.length}, told waitlisted ${positions.length}`);
  const countStatus = (statuses: RegistrationStatus[]) => models.Registration.countDocuments({ trialId: trial._id, status: { $in: statuses } });
  const seated = await countStatus(["pending_consent", "confirmed"]);
  const waitlisted = await countStatus(["waitlisted"]);
  if (seated !== outcomes.length - refused.length - positions.length || waitlisted !== positions.length) violations++;

  // The first CANCELLATIONS pupils holding a seat cancel at once; the next in line must move up.
  const holders = await models.Registration.find({ trialId: trial._id, status: "pending_consent" }, { studentId: 1 }).limit(CANCELLATIONS).lean();
  const queue = await models.Registration.find({ trialId: trial._id, status: "waitlisted" }, { _id: 1 }).sort({ waitlistedAt: 1, _id: 1 }).limit(CANCELLATIONS).lean();
  const nextInLine = new Set(queue.map((r) => r._id.toHexString()));
  const byId = new Map(actors.map((a) => [a!.id.toHexString(), a]));
  t0 = performance.now();
  await Promise.all(holders.map((h) => services.registrations.cancel(byId.get(h.studentId.toHexString())!, h._id)));
  const cancelMs = performance.now() - t0;
  const promotedIds = (await models.AuditLog.find({ action: "registration.promote" }, { entityId: 1 }).lean()).map((a) => (a.entityId as Types.ObjectId).toHexString());
  const promotions = promotedIds.length;
  violations += promotedIds.filter((id) => !nextInLine.has(id)).length;

  // After the cancellations: every seat still held, the queue shorter by exactly the promotions.
  const seatedAfter = await countStatus(["pending_consent", "confirmed"]);
  const waitlistedAfter = await countStatus(["waitlisted"]);
  if (seatedAfter !== seated || waitlistedAfter !== waitlisted - promotions) violations++;
  const dupes = await models.Registration.aggregate<{ n: number }>([{ $group: { _id: "$studentId", n: { $sum: 1 } } }, { $match: { n: { $gt: 1 } } }]);
  const after = await models.Trial.findById(trial._id).lean();
  if (!after || after.seatsTaken !== seatedAfter || after.seatsTaken > after.capacity) violations++;
  if (new Set(positions).size !== positions.length) violations++;
  const notices = await models.Notification.countDocuments({ kind: "trial-promoted" });
  out(`  cancel ${CANCELLATIONS}: ${cancelMs.toFixed(0)} ms; promoted ${promotions}, notices queued ${notices}; seatsTaken ${after?.seatsTaken}/${after?.capacity}`);

  out(
    JSON.stringify({
      students: STUDENTS,
      capacity: CAPACITY,
      seated,
      waitlisted,
      duplicates: dupes.length,
      promotions,
      invariantViolations: violations,
      afterCancellations: { seated: seatedAfter, waitlisted: waitlistedAfter },
      signupMs: Math.round(signupMs),
      cancelMs: Math.round(cancelMs),
    }),
  );
  await connection.close();
  await mongo?.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
