import type { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBroadcastPlanner } from "../../src/jobs/broadcast-planner.js";
import { silentLogger } from "../../src/logger.js";
import { fanOutBroadcast } from "../../src/services/broadcasts.js";
import { createJobsWorld, type JobsWorld } from "../support/jobs.js";

describe("recurring-broadcast planner", () => {
  let world: JobsWorld;
  let teacherId: Types.ObjectId;
  beforeEach(async () => {
    world = await createJobsWorld();
    teacherId = (await world.models.User.create({ telegramId: 1, locale: "kk", roles: ["teacher"], teacherSchoolId: world.schoolId }))._id;
  });
  afterEach(async () => world.close());

  const broadcast = (fields: Record<string, unknown>) =>
    world.models.Broadcast.create({ createdBy: teacherId, schoolId: world.schoolId, audience: { roles: ["student"] }, text: "Hello", ...fields });

  it("hands every due scheduled broadcast to the fan-out, and nothing else", async () => {
    const now = world.clock.now();
    const due = await broadcast({ schedule: { kind: "at", at: now }, status: "scheduled", nextRunAt: new Date(now.getTime() - 1000) });
    const recurring = await broadcast({ schedule: { kind: "cron", cron: "0 9 * * 1" }, status: "scheduled", nextRunAt: now });
    await broadcast({ schedule: { kind: "at", at: now }, status: "scheduled", nextRunAt: new Date(now.getTime() + 1000) });
    await broadcast({ schedule: { kind: "at", at: now }, status: "cancelled", nextRunAt: now });
    const calls: Array<[string, string]> = [];
    const planner = createBroadcastPlanner({
      models: world.models,
      clock: world.clock,
      logger: silentLogger(),
      fanOut: async (id, runAt) => void calls.push([String(id), runAt.toISOString()]),
    });
    expect(await planner.runOnce()).toEqual({ due: 2, fannedOut: 2, failed: 0 });
    expect(calls).toEqual([
      [String(due._id), now.toISOString()],
      [String(recurring._id), now.toISOString()],
    ]);
  });

  it("a fan-out that throws leaves the broadcast due for the next tick, and the others still run", async () => {
    const now = world.clock.now();
    const failing = await broadcast({ schedule: { kind: "at", at: now }, status: "scheduled", nextRunAt: new Date(now.getTime() - 2000) });
    await broadcast({ schedule: { kind: "at", at: now }, status: "scheduled", nextRunAt: new Date(now.getTime() - 1000) });
    let calls = 0;
    const planner = createBroadcastPlanner({
      models: world.models,
      clock: world.clock,
      logger: silentLogger(),
      fanOut: async (id) => {
        calls++;
        if (String(id) === String(failing._id)) throw new Error("database went away");
      },
    });
    expect(await planner.runOnce()).toEqual({ due: 2, fannedOut: 1, failed: 1 });
    expect(calls).toBe(2);
    expect((await world.models.Broadcast.findById(failing._id).lean())?.nextRunAt).toEqual(new Date(now.getTime() - 2000));
  });

  it("with the real fan-out: a due weekly broadcast reaches the pupils once, is counted, and stays scheduled for next week", async () => {
    for (let i = 0; i < 3; i++) await world.user(100 + i);
    const monday9 = new Date("2026-09-14T04:00:00Z"); // 09:00 Almaty, a Monday
    const weekly = await broadcast({ schedule: { kind: "cron", cron: "0 9 * * 1", timezone: "Asia/Almaty" }, status: "scheduled", nextRunAt: monday9 });
    const planner = createBroadcastPlanner({
      models: world.models,
      clock: world.clock,
      logger: silentLogger(),
      fanOut: (id, runAt) => fanOutBroadcast({ models: world.models, clock: world.clock, outbox: world.outbox }, id, runAt),
    });

    await planner.runOnce();
    await planner.runOnce();
    await world.dispatcher().runOnce();

    expect(world.telegram.callsOf("sendMessage")).toHaveLength(3);
    const after = await world.models.Broadcast.findById(weekly._id).lean();
    expect(after?.status).toBe("scheduled");
    expect(after?.nextRunAt).toEqual(new Date("2026-09-21T04:00:00Z"));
    expect(after?.stats).toMatchObject({ total: 3, sent: 3 });
  });
});
