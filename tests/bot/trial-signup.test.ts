import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signUpData, signUpInterestData } from "../../src/bot/callback-data/catalogue.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import type { TestUser } from "../support/test-user.js";

const NOW = new Date("2026-09-14T09:00:00Z"); // Monday, 14:00 in Almaty
const STARTS = new Date("2026-09-24T05:00:00Z"); // 10:00 in Almaty
const SIGNUP_DEADLINE = new Date("2026-09-22T13:00:00Z");

const STALE = "This button is out of date. Send /start to get a fresh one.";
const INTRO =
  '✍️ Signing up for "Welding basics" (24 September 2026, 10:00–13:00). First, three quick questions — there are no right or wrong answers. After the trial you can look back and see how it compared.';
const EXPECT = "1/3. What do you expect from this trial? What would you like to see or try?";
const WORRIES = "2/3. What worries you, or what might be hard?";
const INTEREST = "3/3. How interested are you in this right now? 1 — hardly at all, 5 — very much.";
const TEXT_EXPECTED = "Please answer in words, as a text message.";
const INTEREST_EXPECTED = "Please tap a number from 1 to 5 under the question.";
const SEAT = [
  '✅ You\'re signed up for "Welding basics", and your place is held.',
  "",
  "Your parent has been sent a consent request in Bagdar. As soon as they agree, your place is confirmed and you'll get a message. You'll find this trial in 🎟 My trials.",
].join("\n");
const SEAT_NO_PARENT = [
  '✅ You\'re signed up for "Welding basics", and your place is held.',
  "",
  "But no parent is connected to you in Bagdar yet, so there's nobody to ask for consent. Invite a parent: they'll get the consent request as soon as they join. If there's no consent by 23 September 2026, 18:00, your sign-up will be removed and the place released.",
].join("\n");
const NEXT_BUTTONS = ["🎟 My trials", "🔎 Find a trial"];
const INVITE_BUTTONS = ["👪 Invite a parent", "🎟 My trials"];

describe("signing up for a trial with the 'before' reflection", () => {
  let t: TestBot;
  let pupil: TestUser;
  let pupilId: Types.ObjectId;
  let schoolId: Types.ObjectId;
  let trialId: Types.ObjectId;

  async function trial(title: string, extra: Record<string, unknown> = {}): Promise<Types.ObjectId> {
    const doc = await t.deps.models.Trial.create({
      kind: "trial",
      format: "in_person",
      title,
      description: "Weld a simple frame with a mentor.",
      directions: ["R"],
      host: { organisation: "Almaty Polytechnic College", address: "12 Abay Ave" },
      mentor: { name: "Yerlan Sadykov", phone: "+7 701 234 56 78" },
      startsAt: STARTS,
      endsAt: new Date("2026-09-24T08:00:00Z"),
      timezone: "Asia/Almaty",
      capacity: 20,
      minGrade: 8,
      maxGrade: 11,
      schoolIds: [schoolId],
      status: "published",
      signupDeadline: SIGNUP_DEADLINE,
      consentDeadline: new Date("2026-09-23T13:00:00Z"),
      seatsTaken: 0,
      createdBy: new Types.ObjectId(),
      schoolId,
      ...extra,
    });
    return doc._id;
  }

  async function pupilIn(locale: "en" | "ru"): Promise<{ user: TestUser; id: Types.ObjectId }> {
    const user = t.user({ languageCode: locale });
    const doc = await t.deps.models.User.create({ telegramId: user.id, locale, roles: ["student"], firstName: "Aru", schoolId, grade: 9, classLetter: "A", onboardedAt: NOW });
    return { user, id: doc._id };
  }

  async function seated(id: Types.ObjectId, status: "pending_consent" | "waitlisted") {
    const other = await pupilIn("en");
    await t.deps.models.Registration.create({ trialId: id, studentId: other.id, status, statusChangedAt: NOW, ...(status === "waitlisted" ? { waitlistedAt: NOW } : {}) });
    if (status !== "waitlisted") await t.deps.models.Trial.updateOne({ _id: id }, { $inc: { seatsTaken: 1 } });
  }

  const registrations = () => t.deps.models.Registration.find({ studentId: pupilId }).lean();
  const reflections = () => t.deps.models.Reflection.find({ studentId: pupilId }).lean();
  const seats = async () => (await t.deps.models.Trial.findById(trialId).lean())!.seatsTaken;
  const texts = (user: TestUser) => user.replies.map((m) => m.text);

  /** Opens the card by its link and taps the sign-up button shown there. */
  async function openAndTap(label = "✍️ Sign up") {
    await pupil.command("start", `trial-${trialId.toHexString()}`);
    await pupil.tap(label);
  }

  beforeEach(async () => {
    t = await createTestBot({ now: NOW });
    schoolId = (await t.deps.models.School.create({ name: "School No. 12", region: "Almaty", timezone: "Asia/Almaty" }))._id;
    ({ user: pupil, id: pupilId } = await pupilIn("en"));
    trialId = await trial("Welding basics");
  });
  afterEach(async () => {
    await t.close();
  });

  it("asks the three questions, holds a place and stores the registration with the reflection", async () => {
    await pupil.command("start", `trial-${trialId.toHexString()}`);
    const cardMessage = pupil.lastMessage.messageId;
    await pupil.tap("✍️ Sign up");
    expect(texts(pupil)).toEqual([INTRO, EXPECT]);
    // The card's button is gone, so it can't start a second dialog.
    expect(pupil.messages.find((m) => m.messageId === cardMessage)!.replyMarkup).toBeUndefined();

    await pupil.send("  To see how a real welder works  ");
    expect(texts(pupil)).toEqual([WORRIES]);
    await pupil.send("The sparks, a bit");
    expect(texts(pupil)).toEqual([INTEREST]);
    expect(pupil.buttons).toEqual(["1", "2", "3", "4", "5"]);
    expect(await registrations()).toEqual([]); // nothing is stored before the last answer

    await pupil.tap("4");
    expect(texts(pupil)).toEqual([SEAT_NO_PARENT]);
    expect(pupil.buttons).toEqual(INVITE_BUTTONS);

    const [registration] = await registrations();
    expect(registration).toMatchObject({ trialId, studentId: pupilId, status: "pending_consent" });
    expect(await seats()).toBe(1);
    const [reflection] = await reflections();
    expect(reflection).toMatchObject({ trialId, registrationId: registration!._id, phase: "before", interestBefore: 4 });
    expect(reflection!.answers).toEqual({ expect: "To see how a real welder works", worries: "The sparks, a bit" });
    expect((await t.deps.models.AuditLog.find({ action: "registration.create" }).lean()).map((a) => a.entityId)).toEqual([registration!._id]);

    await pupil.tap("🎟 My trials");
    expect(pupil.lastText).toBe("🎟 Your trials\n\n1. 🛠 Career trial\n«Welding basics»\n📅 24 September 2026, 10:00–13:00\n⏳ waiting for a parent's consent");
  });

  it("tells a pupil with a linked parent that the consent request went to them", async () => {
    const mom = await t.deps.models.User.create({ telegramId: 555001, locale: "en", roles: ["guardian"], firstName: "Gulnara", status: "active" });
    await t.deps.models.Guardianship.create({ guardianId: mom._id, studentId: pupilId, inviteId: new Types.ObjectId() });
    await openAndTap();
    await pupil.send("To weld");
    await pupil.send("Burns");
    await pupil.tap("5");
    expect(texts(pupil)).toEqual([SEAT]);
    expect(pupil.buttons).toEqual(NEXT_BUTTONS);
    const [registration] = await registrations();
    // The request is queued for the parent; the pupil gets no "invite a parent" notice.
    const queued = await t.deps.models.Notification.find({}).sort({ _id: 1 }).lean();
    expect(queued.map((n) => [n.kind, n.chatId])).toEqual([
      ["consent-request", 555001],
      ["consent-photo", 555001],
    ]);
    expect(queued[0]!.dedupeKey.startsWith(`consent-request:${registration!._id.toHexString()}:`)).toBe(true);
  });

  it("offers a pupil with no parent linked the invite, which gives the link to forward", async () => {
    await openAndTap();
    await pupil.send("To weld");
    await pupil.send("Burns");
    await pupil.tap("5");
    expect(texts(pupil)).toEqual([SEAT_NO_PARENT]);
    // Said once, here in the chat: the outbox doesn't repeat it.
    expect(await t.deps.models.Notification.countDocuments({ kind: "consent-no-guardian" })).toBe(0);
    await pupil.tap("👪 Invite a parent");
    expect(texts(pupil)[0]).toBe("Forward the next message to your mum, dad or another legal guardian. The link works once and for 7 days. For a second parent, tap \"Invite a parent\" again.");
    expect(await t.deps.models.Invite.countDocuments({ kind: "guardian", studentId: pupilId })).toBe(1);
  });

  it("answers every wrong kind of input with a clear re-prompt and stores nothing until the end", async () => {
    const otherTrial = await trial("Pottery");
    await openAndTap();

    await pupil.sendSticker();
    expect(texts(pupil)).toEqual([TEXT_EXPECTED, EXPECT]);
    await pupil.send("x".repeat(5000));
    expect(texts(pupil)).toEqual(["That's a bit long: 5,000 characters, and the limit is 1,000. Try to say it more briefly."]);
    // The old sign-up button again, while the dialog is open: out of date, nothing doubles.
    await pupil.tapData(signUpData.pack({ trial: trialId.toHexString() }));
    expect(pupil.lastAnswer).toBe(STALE);
    await pupil.send("To learn something new");
    expect(texts(pupil)).toEqual([WORRIES]);

    await pupil.sendPhoto("my worries");
    expect(texts(pupil)).toEqual([TEXT_EXPECTED, WORRIES]);
    await pupil.send("y".repeat(1001));
    expect(texts(pupil)).toEqual(["That's a bit long: 1,001 characters, and the limit is 1,000. Try to say it more briefly."]);
    const longest = "y".repeat(1000);
    await pupil.send(longest);
    expect(texts(pupil)).toEqual([INTEREST]);

    await pupil.send("5");
    expect(texts(pupil)).toEqual([INTEREST_EXPECTED, INTEREST]);
    expect(pupil.buttons).toEqual(["1", "2", "3", "4", "5"]);
    await pupil.sendSticker();
    expect(texts(pupil)).toEqual([INTEREST_EXPECTED, INTEREST]);
    // A 1–5 button of another trial's sign-up, and a forged value: out of date.
    await pupil.tapData(signUpInterestData.pack({ trial: otherTrial.toHexString(), value: 3 }));
    expect(pupil.lastAnswer).toBe(STALE);
    await pupil.tapData(`1:su-int:${trialId.toHexString()}:9`);
    expect(pupil.lastAnswer).toBe(STALE);
    expect(await registrations()).toEqual([]);
    expect(await reflections()).toEqual([]);

    await pupil.tap("2");
    expect(texts(pupil)).toEqual([SEAT_NO_PARENT]);
    const [reflection] = await reflections();
    expect(reflection!.interestBefore).toBe(2);
    expect(reflection!.answers).toEqual({ expect: "To learn something new", worries: longest });

    // The answered question's buttons are gone; an old tap is out of date and changes nothing.
    await pupil.tapData(signUpInterestData.pack({ trial: trialId.toHexString(), value: 5 }));
    expect(pupil.lastAnswer).toBe(STALE);
    expect((await reflections())[0]!.interestBefore).toBe(2);
  });

  it("/cancel leaves the dialog and nothing is saved", async () => {
    await openAndTap();
    await pupil.send("To see a workshop");
    await pupil.command("cancel");
    expect(texts(pupil)).toEqual(["Cancelled; nothing was saved. /menu opens the menu."]);
    await pupil.send("Hot metal");
    expect(texts(pupil)).toEqual(["I didn't catch that. /help shows what I can do."]);
    expect(await registrations()).toEqual([]);
    expect(await reflections()).toEqual([]);
    expect(await seats()).toBe(0);
  });

  it("puts the pupil on the waiting list of a full trial and says their place in line", async () => {
    await t.deps.models.Trial.updateOne({ _id: trialId }, { $set: { capacity: 2 } });
    await seated(trialId, "pending_consent");
    await seated(trialId, "pending_consent");
    await seated(trialId, "waitlisted");
    await openAndTap("🕒 Join the waiting list");
    expect(texts(pupil)).toEqual([INTRO, EXPECT]);
    await pupil.send("To try it anyway");
    await pupil.send("Nothing");
    await pupil.tap("3");
    expect(texts(pupil)).toEqual([
      '🕒 "Welding basics" is full right now, so you\'re on the waiting list: you\'re number 2. If a place opens up, you\'ll get a message straight away.',
    ]);
    expect(pupil.buttons).toEqual(NEXT_BUTTONS);
    expect(await registrations()).toMatchObject([{ status: "waitlisted" }]);
    expect(await reflections()).toMatchObject([{ phase: "before", interestBefore: 3 }]);
    expect(await seats()).toBe(2);

    await pupil.command("start", `trial-${trialId.toHexString()}`);
    expect(pupil.lastText.endsWith("Your sign-up: 🕒 on the waiting list\nYou're number 2 on the waiting list.")).toBe(true);
  });

  it("a second tap on 'Sign up' after signing up doubles nothing", async () => {
    await pupil.command("start", `trial-${trialId.toHexString()}`);
    const signUp = pupil.buttons;
    await pupil.tap("✍️ Sign up");
    await pupil.send("To weld");
    await pupil.send("Burns");
    await pupil.tap("5");
    expect(signUp).toEqual(["✍️ Sign up", "⬅️ All trials"]);
    await pupil.tapData(signUpData.pack({ trial: trialId.toHexString() }));
    expect(texts(pupil)).toEqual(["You're already signed up for this. Everything is saved; there's nothing more to do."]);
    expect(await registrations()).toHaveLength(1);
    expect(await reflections()).toHaveLength(1);
    expect(await seats()).toBe(1);
  });

  it("refuses at the end when sign-up closed during the dialog, and stores nothing", async () => {
    await openAndTap();
    await pupil.send("To weld");
    await pupil.send("Burns");
    t.clock.set(new Date(SIGNUP_DEADLINE.getTime() + 60_000));
    await pupil.tap("5");
    expect(texts(pupil)).toEqual(["Sign-up has closed. Have a look at the other trials in the catalogue."]);
    expect(await registrations()).toEqual([]);
    expect(await reflections()).toEqual([]);
    expect(await seats()).toBe(0);
  });

  it("explains an overlap with another trial the pupil holds a place at", async () => {
    const sameTime = await trial("Pottery", { startsAt: new Date("2026-09-24T06:00:00Z"), endsAt: new Date("2026-09-24T09:00:00Z") });
    await t.deps.models.Registration.create({ trialId: sameTime, studentId: pupilId, status: "confirmed", statusChangedAt: NOW });
    await pupil.command("start", `trial-${trialId.toHexString()}`);
    expect(pupil.lastText.endsWith('You already have another trial at that time. To go to this one, cancel the other in "My trials" first.')).toBe(true);
    expect(pupil.buttons).toEqual(["⬅️ All trials"]);
  });

  it("speaks the pupil's language", async () => {
    const { user: ru } = await pupilIn("ru");
    pupil = ru;
    await pupil.command("start", `trial-${trialId.toHexString()}`);
    await pupil.tap("✍️ Записаться");
    expect(texts(pupil)).toEqual([
      "✍️ Запись на «Welding basics» (24 сентября 2026 г., 10:00–13:00). Сначала три коротких вопроса — правильных и неправильных ответов нет. После пробы сможешь сравнить, как всё вышло на самом деле.",
      "1/3. Чего ты ждёшь от этой пробы? Что хочется увидеть или попробовать?",
    ]);
    await pupil.send("Посмотреть мастерскую");
    expect(texts(pupil)).toEqual(["2/3. Что тебя тревожит или что может оказаться трудным?"]);
    await pupil.send("Ничего");
    expect(texts(pupil)).toEqual(["3/3. Насколько тебе это интересно прямо сейчас? 1 — почти не интересно, 5 — очень интересно."]);
    await pupil.tap("5");
    expect(texts(pupil)).toEqual([
      "✅ Готово: ты в списке на «Welding basics», место за тобой.\n\nНо к тебе в Багдаре пока не подключён ни один родитель, поэтому спросить согласие не у кого. Пригласи родителя: запрос придёт ему сразу после подключения. Если согласия не будет до 23 сентября 2026 г., 18:00, запись снимется и место освободится.",
    ]);
    expect(pupil.buttons).toEqual(["👪 Пригласить родителя", "🎟 Мои пробы"]);
  });
});
