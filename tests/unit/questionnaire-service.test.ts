import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { riasec } from "../../src/content/instruments/riasec.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import type { Role } from "../../src/db/models/user.js";
import { silentLogger } from "../../src/logger.js";
import { InvalidInput, NotAllowed, NotFound } from "../../src/services/errors.js";
import { createServices, type Services } from "../../src/services/index.js";
import type { UserView } from "../../src/services/users.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

describe("questionnaire service", () => {
  let db: TestDatabase;
  let models: Models;
  let services: Services;
  let clock: ManualClock;
  let pupil: UserView;

  const person = async (telegramId: number, roles: Role[]) => {
    await models.User.create({ telegramId, locale: "ru", roles, status: "active" });
    return (await services.users.findByTelegramId(telegramId))!;
  };

  beforeEach(async () => {
    db = await createTestDatabase("questionnaires");
    models = createModels(db.connection);
    await ensureIndexes(models);
    clock = new ManualClock({ frozenAt: new Date("2026-09-14T09:00:00Z") });
    services = createServices({ models, clock, config: createConfig({ LOG_LEVEL: "silent" }), logger: silentLogger() });
    pupil = await person(1, ["student"]);
  });
  afterEach(() => db.drop());

  const q = () => services.questionnaires;

  it("answers each item once: a repeated or out-of-turn answer is stale and changes nothing", async () => {
    const run = await q().start(pupil, "riasec", "ru");
    expect(run).toMatchObject({ position: 0, total: 30, previous: undefined, answered: [], revision: 0, instrument: "riasec@1" });
    const answer = (index: number, value: number) => q().answer(pupil, { runId: run.runId, instrument: "riasec@1", index, value });
    expect(await answer(0, 2)).toEqual({ status: "next", position: 1 });
    expect(await answer(0, 1)).toEqual({ status: "stale" });
    expect(await answer(5, 1)).toEqual({ status: "stale" });
    await expect(answer(1, 3)).rejects.toBeInstanceOf(InvalidInput);
    const stored = await models.QuestionnaireResult.findById(run.runId).lean();
    expect(stored).toMatchObject({ position: 1, revision: 1, answers: [{ itemId: "r-bike", value: 2 }] });
  });

  it("goes back only from the item on screen, and shows the earlier answer there", async () => {
    const run = await q().start(pupil, "riasec", "ru");
    await q().answer(pupil, { runId: run.runId, instrument: "riasec@1", index: 0, value: 1 });
    expect(await q().back(pupil, { runId: run.runId, index: 0 })).toEqual({ status: "stale" });
    expect(await q().back(pupil, { runId: run.runId, index: 2 })).toEqual({ status: "stale" });
    expect(await q().back(pupil, { runId: run.runId, index: 1 })).toEqual({ status: "moved" });
    expect(await q().progress(pupil, run.runId)).toMatchObject({ position: 0, previous: 1, revision: 2 });
  });

  it("completes with the last answer in one write when the run has not changed since it was read", async () => {
    const run = await q().start(pupil, "riasec", "kk");
    for (let i = 0; i < 29; i++) await q().answer(pupil, { runId: run.runId, instrument: "riasec@1", index: i, value: riasec.items[i]!.scale === "S" ? 2 : 0 });
    const last = await q().progress(pupil, run.runId);
    expect(last.answered).toHaveLength(29);

    // Changed meanwhile (say, from another device): the read is stale, nothing is completed.
    await q().back(pupil, { runId: run.runId, index: 29 });
    await q().answer(pupil, { runId: run.runId, instrument: "riasec@1", index: 28, value: 1 });
    const tooOld = { runId: run.runId, instrument: "riasec@1", index: 29, value: 2, answered: last.answered, revision: last.revision };
    expect(await q().answer(pupil, tooOld)).toEqual({ status: "stale" });

    const fresh = await q().progress(pupil, run.runId);
    const done = await q().answer(pupil, { ...tooOld, answered: fresh.answered, revision: fresh.revision });
    expect(done.status).toBe("completed");
    if (done.status !== "completed") return;
    expect(riasec.items[28]!.scale).toBe("C");
    expect(done.result).toMatchObject({ instrument: "riasec@1", top: ["S", "E", "C"], code: "SEC", shape: "clear", tiedAtCut: false, locale: "kk" });
    expect(done.result.scores).toEqual({ R: 0, I: 0, A: 0, S: 10, E: 2, C: 1 }); // the last item is E, answered "like"
    const stored = await models.QuestionnaireResult.findById(run.runId).lean();
    expect(stored!.answers).toHaveLength(30);
    expect(stored!.completedAt).toEqual(clock.now());
    expect(stored).not.toHaveProperty("position");
    await expect(q().progress(pupil, run.runId)).rejects.toBeInstanceOf(NotFound);
  });

  it("completes from the stored answers when the caller has not read them", async () => {
    const run = await q().start(pupil, "riasec", "ru");
    for (let i = 0; i < 29; i++) await q().answer(pupil, { runId: run.runId, instrument: "riasec@1", index: i, value: 1 });
    const done = await q().answer(pupil, { runId: run.runId, instrument: "riasec@1", index: 29, value: 1 });
    expect(done).toMatchObject({ status: "completed", result: { shape: "even", ranking: ["R", "I", "A", "S", "E", "C"] } });
  });

  it("keeps one run in progress per instrument, drops one of an older version, and lists only completed results", async () => {
    const first = await q().start(pupil, "riasec", "ru");
    const second = await q().start(pupil, "riasec", "ru");
    expect(await models.QuestionnaireResult.countDocuments({})).toBe(1);
    expect((await q().openRun(pupil, "riasec"))!.runId).toBe(second.runId);
    expect(first.runId).not.toBe(second.runId);

    await models.QuestionnaireResult.create({ studentId: pupil.id, instrument: "spheres@0", answers: [], position: 3, startedAt: clock.now(), locale: "ru" });
    expect(await q().openRun(pupil, "spheres")).toBeNull();
    expect(await models.QuestionnaireResult.countDocuments({ instrument: "spheres@0" })).toBe(0);

    expect(await q().history(pupil)).toEqual([]);
    expect(await q().latest(pupil)).toBeNull();
  });

  it("serves pupils only, each their own", async () => {
    const parent = await person(2, ["guardian"]);
    await expect(q().start(parent, "riasec", "ru")).rejects.toBeInstanceOf(NotAllowed);
    await expect(q().history(null)).rejects.toBeInstanceOf(NotAllowed);
    const other = await person(3, ["student"]);
    const run = await q().start(pupil, "riasec", "ru");
    await expect(q().progress(other, run.runId)).rejects.toBeInstanceOf(NotFound);
    expect(await q().answer(other, { runId: run.runId, instrument: "riasec@1", index: 0, value: 2 })).toEqual({ status: "stale" });
    await expect(q().start(pupil, "nope", "ru")).rejects.toBeInstanceOf(NotFound);
    expect(await services.recommendations.matchingTrialsFor(pupil, ["R"])).toEqual([]);
  });
});
