import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reflectionAnswerData, reflectionStartData } from "../../src/domain/reflection-buttons.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import { seedSchool, seedStudent } from "../support/seed.js";
import type { TestUser } from "../support/test-user.js";

const Q = {
  new: "1/5. What was new for you?",
  easyHard: "2/5. What was easy, and what was hard?",
  suits: "3/5. Which parts of this job suit you?",
  doubts: "4/5. What makes you doubt?",
  nextStep: "5/5. What's your next step? For example: try another trial, read about the job, talk to someone who does it, or choose a different field.",
};

describe("the 'trace' reflection", () => {
  let t: TestBot;
  let pupil: TestUser;
  let registrationId: Types.ObjectId;
  const start = () => pupil.tapData(reflectionStartData.pack({ registration: registrationId.toHexString(), phase: "trace" }));
  const texts = () => pupil.replies.map((m) => m.text);

  beforeEach(async () => {
    t = await createTestBot({ now: new Date("2026-10-16T10:00:00Z") });
    const schoolId = await seedSchool(t);
    pupil = t.user({ languageCode: "en" });
    const studentId = await seedStudent(t, pupil, schoolId, { locale: "en" });
    const trialId = (
      await t.deps.models.Trial.create({
        kind: "trial",
        format: "in_person",
        title: "Baker for a day",
        host: { organisation: "Food College" },
        startsAt: new Date("2026-10-15T05:00:00Z"),
        endsAt: new Date("2026-10-15T08:00:00Z"),
        timezone: "Asia/Almaty",
        capacity: 5,
        minGrade: 7,
        maxGrade: 11,
        schoolIds: [schoolId],
        status: "completed",
        createdBy: new Types.ObjectId(),
        schoolId,
      })
    )._id;
    registrationId = (await t.deps.models.Registration.create({ trialId, studentId, status: "attended" }))._id;
  });
  afterEach(async () => t.close());

  it("asks the five questions, lets all but the last be skipped, rejects bad input, and stores once", async () => {
    await start();
    expect(texts()).toEqual(["🔎 Looking back at «Baker for a day»\nWrite whatever comes to mind, even a few words. /cancel stops without saving.", Q.new]);
    expect(pupil.buttons).toEqual(["⏭ Skip"]);
    await pupil.sendSticker();
    expect(texts()).toEqual(['Please answer in a message, or tap "⏭ Skip".', Q.new]);
    await pupil.send("How a proving cabinet works");
    expect(texts()).toEqual([Q.easyHard]);
    await pupil.tap("⏭ Skip");
    expect(texts()).toEqual([Q.suits]);
    await pupil.send("Working with my hands");
    expect(texts()).toEqual([Q.doubts]);
    await pupil.send("é".repeat(1001));
    expect(texts()).toEqual(["That's 1,001 characters; please keep it within 1,000."]);
    await pupil.send("Getting up at 4 am");
    expect(texts()).toEqual([Q.nextStep]);
    expect(pupil.buttons).toEqual([]); // the next step is required
    await pupil.tapData(reflectionAnswerData.pack({ q: "tnextStep", v: "skip" }));
    expect(pupil.lastAnswer).toBe("This button is out of date. Send /start to get a fresh one.");
    expect(await t.deps.models.Reflection.countDocuments()).toBe(0);
    await pupil.send("Try a trial at a confectionery");
    expect(texts()).toEqual(["✅ Saved to your portfolio. Good luck with your next step!"]);

    const reflection = await t.deps.models.Reflection.findOne({ registrationId, phase: "trace" }).lean();
    expect(reflection!.answers).toEqual({ new: "How a proving cabinet works", suits: "Working with my hands", doubts: "Getting up at 4 am", nextStep: "Try a trial at a confectionery" });

    await start();
    expect(texts()).toEqual(["You've already looked back on this trial. Thank you!"]);
    expect(await t.deps.models.Reflection.countDocuments()).toBe(1);
  });
});
