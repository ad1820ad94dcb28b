import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reflectionAnswerData, reflectionStartData } from "../../src/domain/reflection-buttons.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import { seedSchool, seedStudent } from "../support/seed.js";
import type { TestUser } from "../support/test-user.js";

const NOW = new Date("2026-10-15T09:00:00Z"); // 14:00 in Almaty, an hour after the trial
const Q = {
  didWhat: "1/6. What exactly did you do there? Describe it in a couple of sentences.",
  wentWell: "2/6. What went well, and why do you think it did?",
  hardHow: "3/6. What was hard, and how did you deal with it?",
  demands: "4/6. What does this job ask of a person? What did you notice?",
  aboutMe: "5/6. What did you learn about yourself?",
  continue: '6/6. Do you want to keep exploring this field, and how? "No, it\'s not for me" is a fine answer too.',
  liked: "Did you like it?",
  wouldChoose: "Would you choose this job for yourself?",
  useful: "Was the trial useful to you?",
  rating: "How would you rate this trial overall, from 1 (poor) to 5 (excellent)?",
  task: "Rate yourself from 1 to 3. Did you understand the task?",
  procedure: "Did you follow the steps in the right order?",
  accuracy: "How accurately did you work?",
  communication: "How well did you talk with the mentor and the others?",
  safety: "Did you follow the safety rules?",
  interest: "How interesting is this field to you now, from 1 (not at all) to 5 (very)?",
  artifact: "📎 Do you have a photo of your work or a file (a report, a drawing, a checklist)? Send it here. If not, tap the button.",
  portfolio: "Shall we put it in your portfolio? Only you decide.",
  share: "May we tell your parents what you did (your answer to the first question)? If not, they'll only get a short general note.",
};
const SAVED = "✅ Saved. Thank you for your honesty! Whatever you found out, it helps you choose. Tomorrow I'll ask you a few more short questions.";

describe("the 'after' reflection", () => {
  let t: TestBot;
  let pupil: TestUser;
  let studentId: Types.ObjectId;
  let trialId: Types.ObjectId;
  let registrationId: Types.ObjectId;
  let parentId: Types.ObjectId;
  const start = (registration = registrationId) => pupil.tapData(reflectionStartData.pack({ registration: registration.toHexString(), phase: "after" }));
  const texts = () => pupil.replies.map((m) => m.text);
  const stored = () => t.deps.models.Reflection.findOne({ registrationId, phase: "after" }).lean();

  beforeEach(async () => {
    t = await createTestBot({ now: NOW });
    const schoolId = await seedSchool(t);
    pupil = t.user({ languageCode: "en" });
    studentId = await seedStudent(t, pupil, schoolId, { locale: "en", firstName: "Aruzhan" });
    parentId = (await t.deps.models.User.create({ telegramId: 900_001, locale: "en", roles: ["guardian"], firstName: "Gulnara" }))._id;
    await t.deps.models.Guardianship.create({ guardianId: parentId, studentId, inviteId: new Types.ObjectId() });
    trialId = (
      await t.deps.models.Trial.create({
        kind: "trial",
        format: "in_person",
        title: "Baker for a day",
        host: { organisation: "Food College", address: "Abay 10" },
        mentor: { name: "Erlan Akhmetov", phone: "+7 701 234 56 78" },
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
    registrationId = (await t.deps.models.Registration.create({ trialId, studentId, status: "attended", attended: true }))._id;
  });
  afterEach(async () => t.close());

  it("walks every question with bad inputs on the way, stores every answer once at the end, with a photo for the portfolio", async () => {
    await start();
    expect(texts()).toEqual([
      "✍️ Reflection on «Baker for a day»\nAnswer honestly, in your own words. If you found out that this job isn't for you, that's a good result too: now you know more about yourself. You can skip most questions; /cancel stops without saving.",
      Q.didWhat,
    ]);
    expect(pupil.buttons).toEqual([]); // the first answer is required

    await pupil.sendSticker();
    expect(texts()).toEqual(["Please answer in a message, in your own words.", Q.didWhat]);
    await pupil.send("x".repeat(5000));
    expect(texts()).toEqual(["That's 5,000 characters; please keep it within 1,000."]);
    await pupil.send("   ");
    expect(texts()).toEqual(["The answer is empty. Write a few words, please."]);
    await pupil.tapData(reflectionAnswerData.pack({ q: "didWhat", v: "skip" })); // forged skip
    expect(pupil.lastAnswer).toBe("This button is out of date. Send /start to get a fresh one.");
    expect(await t.deps.models.Reflection.countDocuments()).toBe(0);

    await pupil.send("I kneaded the dough and shaped two loaves");
    expect(texts()).toEqual([Q.wentWell]);
    expect(pupil.buttons).toEqual(["⏭ Skip"]);
    await pupil.sendPhoto();
    expect(texts()).toEqual(['Please answer in a message, or tap "⏭ Skip".', Q.wentWell]);
    const oldSkip = pupil.lastMessage.messageId;
    await pupil.tap("⏭ Skip");
    expect(texts()).toEqual([Q.hardHow]);
    await pupil.tapData(reflectionAnswerData.pack({ q: "wentWell", v: "skip" }), oldSkip); // the same tap again
    expect(pupil.lastAnswer).toBe("This button is out of date. Send /start to get a fresh one.");
    expect(pupil.replies).toEqual([]);

    await pupil.send("The oven was hot, I asked the mentor for gloves");
    expect(texts()).toEqual([Q.demands]);
    await pupil.send("Patience and clean hands");
    await pupil.tap("⏭ Skip");
    expect(texts()).toEqual([Q.continue]);
    await pupil.send("No, it's not for me, I'd rather try IT");

    expect(texts()).toEqual([Q.liked]);
    expect(pupil.buttons).toEqual(["Yes", "No", "Can't say"]);
    await pupil.send("yes");
    expect(texts()).toEqual(["Please choose one of the buttons.", Q.liked]);
    await pupil.tapData(reflectionAnswerData.pack({ q: "liked", v: "4" })); // a value this question doesn't have
    expect(pupil.lastAnswer).toBe("This button is out of date. Send /start to get a fresh one.");
    await pupil.tap("Yes");
    expect(texts()).toEqual([Q.wouldChoose]);
    await pupil.tap("No");
    expect(texts()).toEqual([Q.useful]);
    await pupil.tap("Can't say");

    expect(texts()).toEqual([Q.rating]);
    expect(pupil.buttons).toEqual(["1", "2", "3", "4", "5"]);
    await pupil.send("5");
    expect(texts()).toEqual(["Please choose one of the buttons.", Q.rating]);
    await pupil.tapData("1:rf-a:rating:6"); // a forged rating out of range
    expect(pupil.lastAnswer).toBe("This button is out of date. Send /start to get a fresh one.");
    await pupil.tapData(reflectionAnswerData.pack({ q: "interest", v: "5" })); // another question's button
    expect(pupil.lastAnswer).toBe("This button is out of date. Send /start to get a fresh one.");
    expect(pupil.replies).toEqual([]);
    const ratingMessage = pupil.lastMessage.messageId;
    await pupil.tap("4");

    expect(texts()).toEqual([Q.task]);
    await pupil.tapData(reflectionAnswerData.pack({ q: "rating", v: "1" }), ratingMessage); // the rating again, from the old message
    expect(pupil.lastAnswer).toBe("This button is out of date. Send /start to get a fresh one.");
    expect(pupil.replies).toEqual([]);
    expect(pupil.buttons).toEqual(["1 · not yet", "2 · partly", "3 · yes"]);
    await pupil.tap("3 · yes");
    expect(texts()).toEqual([Q.procedure]);
    await pupil.tap("2 · partly");
    expect(texts()).toEqual([Q.accuracy]);
    await pupil.tap("2 · partly");
    expect(texts()).toEqual([Q.communication]);
    await pupil.tap("1 · not yet");
    expect(texts()).toEqual([Q.safety]);
    await pupil.tap("3 · yes");

    expect(texts()).toEqual([Q.interest]);
    expect(pupil.buttons).toEqual(["1", "2", "3", "4", "5"]);
    await pupil.tap("2");

    expect(texts()).toEqual([Q.artifact]);
    await pupil.sendSticker();
    expect(texts()).toEqual(['Send a photo or a file, or tap "No, nothing to add".', Q.artifact]);
    await pupil.send("here it is");
    expect(texts()).toEqual(['Send a photo or a file, or tap "No, nothing to add".', Q.artifact]);
    await pupil.sendPhoto();
    expect(texts()).toEqual([Q.portfolio]);
    await pupil.tap("Yes");
    expect(texts()).toEqual([Q.share]);
    expect(await t.deps.models.Reflection.countDocuments()).toBe(0); // nothing half-saved
    await pupil.tap("No");
    expect(texts()).toEqual([SAVED]);

    const reflection = await stored();
    expect(reflection).toMatchObject({ studentId, trialId, liked: "yes", wouldChoose: "no", useful: "unsure", rating: 4, interestAfter: 2 });
    expect(reflection!.answers).toEqual({
      didWhat: "I kneaded the dough and shaped two loaves",
      hardHow: "The oven was hot, I asked the mentor for gloves",
      demands: "Patience and clean hands",
      continue: "No, it's not for me, I'd rather try IT",
      shareWithParents: "no",
    });
    expect(reflection!.selfAssessment).toEqual({ task: 3, procedure: 2, accuracy: 2, communication: 1, safety: 3 });
    expect(reflection!.artifacts).toHaveLength(1);
    expect(reflection!.artifacts[0]).toMatchObject({ kind: "photo", inPortfolio: true });
    expect(reflection!.artifacts[0]!.fileId).toMatch(/^photo-\d+$/);

    const summary = await t.deps.models.Notification.findOne({ kind: "parent-summary" }).lean();
    expect(summary).toMatchObject({ userId: parentId, payload: { params: { shared: "no", did: "" } } });

    await start();
    expect(texts()).toEqual(["You've already shared your thoughts about this trial. Thank you! /portfolio shows them."]);
    expect(await t.deps.models.Reflection.countDocuments()).toBe(1);
  });

  it("takes a document as the artefact, kept out of the portfolio, and shares what the pupil did with the parents when allowed", async () => {
    await start();
    await pupil.send("I decorated a cake");
    for (let i = 0; i < 5; i++) await pupil.tap("⏭ Skip");
    for (const label of ["Can't say", "Can't say", "Yes", "1", "1 · not yet", "1 · not yet", "1 · not yet", "1 · not yet", "1 · not yet", "5"]) await pupil.tap(label);
    expect(texts()).toEqual([Q.artifact]);
    await pupil.sendDocument("report.pdf");
    expect(texts()).toEqual([Q.portfolio]);
    await pupil.tap("No");
    await pupil.tap("Yes");
    expect(texts()).toEqual([SAVED]);

    const reflection = await stored();
    expect(reflection!.answers).toEqual({ didWhat: "I decorated a cake", shareWithParents: "yes" });
    expect(reflection).toMatchObject({ liked: "unsure", wouldChoose: "unsure", useful: "yes", rating: 1, interestAfter: 5 });
    expect(reflection!.artifacts[0]).toMatchObject({ kind: "document", inPortfolio: false });
    expect(reflection!.artifacts[0]!.fileId).toMatch(/^doc-\d+$/);
    const summary = await t.deps.models.Notification.findOne({ kind: "parent-summary" }).lean();
    expect(summary).toMatchObject({
      dedupeKey: `parent-summary:${registrationId.toHexString()}:${parentId.toHexString()}`,
      payload: { key: "reflection-parent-summary", params: { child: "Aruzhan", title: "Baker for a day", organisation: "Food College", mentor: "Erlan Akhmetov", shared: "yes", did: "I decorated a cake" } },
    });
  });

  it("keeps the largest size of a photo, and 'No, nothing to add' stores no artefact", async () => {
    await start();
    await pupil.send("I baked bread");
    for (let i = 0; i < 5; i++) await pupil.tap("⏭ Skip");
    for (const label of ["Yes", "Yes", "Yes", "5", "3 · yes", "3 · yes", "3 · yes", "3 · yes", "3 · yes", "4"]) await pupil.tap(label);
    await t.handle({
      message: {
        message_id: 9_000,
        date: Math.floor(NOW.getTime() / 1000),
        chat: { id: pupil.id, type: "private", first_name: "Test" },
        from: pupil.from,
        photo: [
          { file_id: "small", file_unique_id: "s", width: 90, height: 60 },
          { file_id: "large", file_unique_id: "l", width: 1280, height: 960 },
          { file_id: "medium", file_unique_id: "m", width: 320, height: 240 },
        ],
      },
    });
    await pupil.tap("Yes");
    await pupil.tap("Yes");
    expect((await stored())!.artifacts).toMatchObject([{ fileId: "large", kind: "photo", inPortfolio: true }]);
  });

  it("stores no artefact when the pupil has none", async () => {
    await start();
    await pupil.send("I baked bread");
    for (let i = 0; i < 5; i++) await pupil.tap("⏭ Skip");
    for (const label of ["Yes", "Yes", "Yes", "5", "3 · yes", "3 · yes", "3 · yes", "3 · yes", "3 · yes", "4", "No, nothing to add"]) await pupil.tap(label);
    expect(texts()).toEqual([Q.share]);
    await pupil.tap("Yes");
    expect((await stored())!.artifacts).toEqual([]);
  });

  it("/cancel leaves without saving anything", async () => {
    await start();
    await pupil.send("I baked bread");
    await pupil.command("cancel");
    expect(await t.deps.models.Reflection.countDocuments()).toBe(0);
    expect(await t.deps.models.Notification.countDocuments({ kind: "parent-summary" })).toBe(0);
  });

  it("is refused for a registration not marked attended and for someone else's registration", async () => {
    await t.deps.models.Registration.updateOne({ _id: registrationId }, { status: "no_show", attended: false });
    await start();
    expect(texts()).toEqual(["This reflection is for pupils who took part in the trial."]);

    const classmate = t.user({ languageCode: "en" });
    const classmateId = await seedStudent(t, classmate, (await t.deps.models.User.findById(studentId).lean())!.schoolId!, { locale: "en" });
    const theirs = (await t.deps.models.Registration.create({ trialId, studentId: classmateId, status: "attended" }))._id;
    await start(theirs);
    expect(texts()).toEqual(["Sorry, that isn't available to you."]);
    await pupil.tapData("1:rf-go:zzzz:after");
    expect(pupil.lastAnswer).toBe("This button is out of date. Send /start to get a fresh one.");
    expect(await t.deps.models.Reflection.countDocuments()).toBe(0);
  });
});
