import { createHash } from "node:crypto";
import { Api } from "grammy";
import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import type { Role } from "../../src/db/models/user.js";
import { consentDecisionData, consentHealthData, consentPhotoData, consentWithdrawData } from "../../src/domain/consent-buttons.js";
import { createDispatcher } from "../../src/jobs/dispatcher.js";
import { silentLogger } from "../../src/logger.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import { buttonsOf, type TestUser } from "../support/test-user.js";

const NOW = new Date("2026-09-14T09:00:00Z"); // Monday, 14:00 in Almaty
const STARTS = new Date("2026-09-24T05:00:00Z"); // 10:00 in Almaty
const ENDS = new Date("2026-09-24T08:00:00Z");
const BEFORE = { expect: "To weld", worries: "Sparks", interest: 4 };

const STALE = "This button is out of date. Send /start to get a fresh one.";
const NOT_ALLOWED = "Sorry, that isn't available to you.";
const CONSENT_STALE =
  "This request is no longer current: the trial may have been cancelled or has already started, or the registration was cancelled or already decided. Nothing has changed. /consents shows what's current.";
const ALREADY = "Your answer is already recorded.";
const AGREE = "✅ I agree";
const REFUSE = "✖️ I don't agree";
const GRANTED = [
  "✅ Thank you! Aru may take part in «Welding basics». The place is confirmed, and Aru and the teacher have been told.",
  "",
  "If the teacher should know about any health restrictions (an allergy, asthma or anything else), add a note: only your child's teachers will see it.",
].join("\n");
const REFUSED = "Noted: Aru won't take part in «Welding basics». The place has been released, and Aru and the teacher have been told.";
const CHANGED = "⚠️ The details of this trial have changed since that message was sent. Please read the current version below and answer again. Nothing has been recorded yet.";
const HEALTH_ASK =
  "🩺 Aru: is there anything about your child's health the teacher should know for this event? For example, an allergy, asthma or a limit on physical effort. Please write it in one message, up to 500 characters. Only your child's teachers will see it.";
const WITHDRAW_ASK = [
  "Withdraw your consent for Aru to take part in «Welding basics» (24 September 2026, 10:00–13:00)?",
  "",
  "Aru's place will be cancelled straight away and offered to another pupil, and the teacher will be told.",
].join("\n");
const PHOTO_BUTTONS = ["🌐 Publishing allowed", "📁 Portfolio only", "🚫 Forbidden"];
const CHANGE_LATER = "You can change this answer at any time in /consents.";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const texts = (user: TestUser) => user.replies.map((m) => m.text);

interface Person {
  user: TestUser;
  id: Types.ObjectId;
}

describe("a parent's consent in the bot", () => {
  let t: TestBot;
  let schoolId: Types.ObjectId;
  let teacher: Person;
  let trialId: Types.ObjectId;
  let aru: Person;
  let mom: Person;
  let dad: Person;
  let dispatchers = 0;

  async function person(roles: Role[], fields: Record<string, unknown> = {}): Promise<Person> {
    const user = t.user({ languageCode: "en" });
    const doc = await t.deps.models.User.create({ telegramId: user.id, locale: "en", roles, status: "active", onboardedAt: NOW, ...fields });
    return { user, id: doc._id };
  }
  const pupil = (firstName: string) => person(["student"], { firstName, lastName: "Saparova", schoolId, grade: 9, classLetter: "А" });
  const parent = (firstName: string) => person(["guardian"], { firstName });
  const link = (guardian: Person, child: Person) => t.deps.models.Guardianship.create({ guardianId: guardian.id, studentId: child.id, inviteId: new Types.ObjectId() });

  async function trial(title: string, extra: Record<string, unknown> = {}): Promise<Types.ObjectId> {
    const doc = await t.deps.models.Trial.create({
      kind: "trial",
      format: "in_person",
      title,
      description: "Weld a simple frame with a mentor.",
      directions: ["R"],
      host: { organisation: "Almaty Polytechnic College", address: "12 Abay Ave", transport: "Bus 32 to Abay" },
      mentor: { name: "Yerlan Sadykov", phone: "+7 701 234 56 78" },
      startsAt: STARTS,
      endsAt: ENDS,
      timezone: "Asia/Almaty",
      capacity: 20,
      minGrade: 8,
      maxGrade: 11,
      schoolIds: [schoolId],
      status: "published",
      signupDeadline: new Date("2026-09-22T13:00:00Z"),
      consentDeadline: new Date("2026-09-23T13:00:00Z"),
      createdBy: teacher.id,
      schoolId,
      ...extra,
    });
    return doc._id;
  }

  const actor = async (id: Types.ObjectId) => t.deps.services.users.findById(id);
  const signUp = async (who: Person, trial = trialId) => (await t.deps.services.registrations.signUp(await actor(who.id), trial, BEFORE)).registrationId;
  const registration = async (who: Person, trial = trialId) => (await t.deps.models.Registration.findOne({ studentId: who.id, trialId: trial }).lean())!;
  const seats = async (trial = trialId) => (await t.deps.models.Trial.findById(trial).lean())!.seatsTaken;
  const consents = (filter: Record<string, unknown> = {}) => t.deps.models.Consent.find(filter).sort({ recordedAt: 1, _id: 1 }).lean();

  /** The outbox dispatcher, as the jobs run it, sends what is due through the same fake Telegram. */
  async function deliver(): Promise<void> {
    const rateClock = new ManualClock({ frozenAt: NOW });
    const dispatcher = createDispatcher({
      models: t.deps.models,
      api: new Api("4242:TEST-TOKEN-FOR-TESTS", { fetch: t.telegram.fetch }),
      i18n: t.bot.i18n,
      clock: t.clock,
      config: t.deps.config,
      logger: silentLogger(),
      owner: `consents-test-${++dispatchers}`,
      // Telegram's budgets on their own clock, so the business clock stands still; a wait yields to
      // the event loop, as a real one does, so the request in flight can finish meanwhile.
      rateClock,
      sleep: async (ms) => {
        rateClock.advance(ms);
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    await dispatcher.runOnce();
  }

  /** The request message the outbox delivered to a parent. */
  function requestOf(guardian: Person) {
    const found = guardian.user.messages.filter((m) => m.text.startsWith("📝 Consent to take part:"));
    expect(found.length).toBeGreaterThan(0);
    return found.at(-1)!;
  }

  beforeEach(async () => {
    t = await createTestBot({ now: NOW, env: { ADMIN_TELEGRAM_IDS: "900001" } });
    schoolId = (await t.deps.models.School.create({ name: "School No. 12", region: "Almaty", timezone: "Asia/Almaty" }))._id;
    teacher = await person(["teacher"], { firstName: "Yerlan", teacherSchoolId: schoolId });
    trialId = await trial("Welding basics");
    aru = await pupil("Aru");
    mom = await parent("Gulnara");
    dad = await parent("Marat");
    await link(mom, aru);
  });
  afterEach(async () => {
    await t.close();
  });

  it("sends the informed request; agreeing confirms the place and records the exact text's hash; then photos and a health note", async () => {
    await signUp(aru);
    await deliver();
    const [request, photoQuestion] = mom.user.messages;
    expect(request!.text.startsWith("📝 Consent to take part: Aru\n\nHello! Your child Aru has signed up for the event below")).toBe(true);
    expect(request!.text).toContain("📍 Place: Almaty Polytechnic College, 12 Abay Ave");
    expect(buttonsOf(request!).map((b) => b.text)).toEqual([AGREE, REFUSE]);
    expect(photoQuestion!.text.startsWith("📷 Photos and video: Aru\n\n")).toBe(true);
    expect(buttonsOf(photoQuestion!).map((b) => b.text)).toEqual(PHOTO_BUTTONS);

    await mom.user.tap(AGREE);
    expect((await registration(aru)).status).toBe("confirmed");
    expect(await consents({ kind: "participation" })).toMatchObject([
      { studentId: aru.id, guardianId: mom.id, trialId, decision: "granted", textVersion: "participation@1", locale: "en", textHash: sha256(request!.text) },
    ]);
    expect(await t.deps.models.AuditLog.countDocuments({ action: "consent.granted" })).toBe(1);
    // Thanks with the health-note button; the photo question is not asked twice: it came with the request.
    expect(texts(mom.user)).toEqual([GRANTED]);
    expect(buttonsOf(mom.user.replies[0]!).map((b) => b.text)).toEqual(["🩺 Add a health note"]);
    // The answered request keeps its text and loses its buttons.
    expect(mom.user.messages.find((m) => m.messageId === request!.messageId)!.replyMarkup).toBeUndefined();

    // The pupil and the teacher are told, through the outbox.
    await deliver();
    expect(aru.user.lastText).toBe('✅ Your parents have agreed! You\'re taking part in «Welding basics» (24.09.2026 10:00), and your place is confirmed. The details are in "My trials".');
    expect(teacher.user.lastText).toBe("✅ Consent received: Aru Saparova (9А) takes part in «Welding basics» (24.09.2026 10:00). The place is confirmed.");

    await mom.user.tap("📁 Portfolio only");
    expect(texts(mom.user)).toEqual([`📁 Saved: photos and video of Aru are for the portfolio only and won't be published.\n\n${CHANGE_LATER}`]);
    expect(await consents({ kind: "photo" })).toMatchObject([
      { studentId: aru.id, guardianId: mom.id, decision: "granted", photoScope: "portfolio", textVersion: "photo@1", locale: "en", textHash: sha256(photoQuestion!.text) },
    ]);
    // The same answer on the first photo question: already recorded, nothing new.
    await mom.user.tapData(consentPhotoData.pack({ student: aru.id.toHexString(), scope: "portfolio" }), photoQuestion!.messageId);
    expect(mom.user.lastAnswer).toBe(ALREADY);
    expect(mom.user.replies).toEqual([]);
    expect(await consents({ kind: "photo" })).toHaveLength(1);

    await mom.user.tap("🩺 Add a health note");
    expect(texts(mom.user)).toEqual([HEALTH_ASK]);
    expect(mom.user.buttons).toEqual(["Skip"]);
    await mom.user.sendSticker();
    expect(texts(mom.user)).toEqual(['Please write the note as a text message, or tap "Skip".', HEALTH_ASK]);
    await mom.user.send("x".repeat(501));
    expect(texts(mom.user)).toEqual(["That's a bit long: 501 characters, and the limit is 500. Please put it more briefly."]);
    expect(await consents({ kind: "participation" })).toHaveLength(1);
    await mom.user.send("  Asthma, carries an inhaler  ");
    expect(texts(mom.user)).toEqual(["🩺 Thank you, the note is saved. Only Aru's teachers will see it."]);
    const records = await consents({ kind: "participation" });
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({ decision: "granted", healthNote: "Asthma, carries an inhaler", textHash: sha256(HEALTH_ASK), textVersion: "participation@1" });
    // The dialog is over.
    await mom.user.send("hello");
    expect(texts(mom.user)).toEqual(["I didn't catch that. /help shows what I can do."]);
  });

  it("a refusal declines the registration, frees the seat for the next pupil, and asks nothing more", async () => {
    await t.deps.models.Trial.updateOne({ _id: trialId }, { $set: { capacity: 1 } });
    const bek = await pupil("Bek");
    await signUp(aru);
    await signUp(bek);
    expect((await registration(bek)).status).toBe("waitlisted");
    await deliver();

    await mom.user.tap(REFUSE);
    expect(texts(mom.user)).toEqual([REFUSED]);
    expect((await registration(aru)).status).toBe("declined");
    expect((await registration(bek)).status).toBe("pending_consent");
    expect(await seats()).toBe(1);
    expect(await consents({ kind: "participation" })).toMatchObject([{ guardianId: mom.id, decision: "refused", textHash: sha256(requestOf(mom).text) }]);
    await deliver();
    expect(aru.user.lastText).toBe("Your parents didn't agree to «Welding basics» (24.09.2026 10:00), so your sign-up has been removed and the place freed. Talk it over at home — and there are other trials in the catalogue.");
    expect(teacher.user.lastText).toBe("🚫 The parents did not agree: Aru Saparova (9А) won't take part in «Welding basics» (24.09.2026 10:00). The registration is declined and the place freed.");

    // Refusing again from the same message: the request is no longer current.
    await mom.user.tapData(consentDecisionData.pack({ registration: (await registration(aru))._id.toHexString(), decision: "refused" }), requestOf(mom).messageId);
    expect(texts(mom.user)).toEqual([CONSENT_STALE]);
    expect(await consents({ kind: "participation" })).toHaveLength(1);
  });

  it("with two parents, one agreeing and one refusing, the refusal wins; the strictest photo answer applies", async () => {
    await link(dad, aru);
    await signUp(aru);
    await deliver();
    await mom.user.tap(AGREE);
    expect((await registration(aru)).status).toBe("confirmed");
    expect(await seats()).toBe(1);

    await dad.user.tap(REFUSE);
    expect(texts(dad.user)).toEqual([REFUSED]);
    expect((await registration(aru)).status).toBe("declined");
    expect(await seats()).toBe(0);
    expect((await consents({ kind: "participation" })).map((c) => [String(c.guardianId), c.decision])).toEqual([
      [String(mom.id), "granted"],
      [String(dad.id), "refused"],
    ]);

    // Photos: dad says portfolio only, mom then says publishing is fine; portfolio only still applies.
    await dad.user.tap("📁 Portfolio only");
    await mom.user.tap("🌐 Publishing allowed");
    expect(texts(mom.user)).toEqual([
      [
        "📷 Saved: photos and video of Aru may be taken and published.",
        "Another parent gave a stricter answer, and the stricter one applies: for the portfolio only, not for publishing.",
        CHANGE_LATER,
      ].join("\n\n"),
    ]);
    expect(await t.deps.services.consents.photoScopeOf(aru.id)).toBe("portfolio");
    await mom.user.command("consents");
    expect(mom.user.lastText).toBe(
      [
        "✅ Your consents",
        "",
        "👤 Aru",
        "🔒 Personal data: no answer yet",
        "📷 Photos and video: for the portfolio only, not for publishing",
        "   (your answer: allowed, including in publications; another parent gave a stricter one, and the stricter answer applies)",
        "🎟 No upcoming trials.",
      ].join("\n"),
    );
    expect(mom.user.buttons).toEqual(["📷 Photos of Aru: change the answer", "🚫 Photos of Aru: withdraw consent"]);
  });

  it("records a second parent's agreement too, without telling anyone again", async () => {
    await link(dad, aru);
    await signUp(aru);
    await deliver();
    await mom.user.tap(AGREE);
    // Dad answers the photo question first: after agreeing he isn't asked again.
    await dad.user.tap("🚫 Forbidden");
    await dad.user.tap(AGREE);
    expect(dad.user.replies).toHaveLength(1);
    expect(texts(dad.user)[0]).toBe(
      [
        "✅ Thank you, your agreement is recorded too. Aru's place at «Welding basics» was already confirmed by another parent.",
        "",
        "If the teacher should know about any health restrictions (an allergy, asthma or anything else), add a note: only your child's teachers will see it.",
      ].join("\n"),
    );
    expect((await registration(aru)).status).toBe("confirmed");
    expect((await consents({ kind: "participation" })).map((c) => [String(c.guardianId), c.decision, c.textHash])).toEqual([
      [String(mom.id), "granted", sha256(requestOf(mom).text)],
      [String(dad.id), "granted", sha256(requestOf(dad).text)],
    ]);
    expect(await t.deps.models.Notification.countDocuments({ kind: "consent-granted" })).toBe(2); // the pupil and the teacher, once
  });

  it("shows the current text when the trial changed since the request was sent, and records nothing until it is answered", async () => {
    await signUp(aru);
    await deliver();
    const old = requestOf(mom);
    await t.deps.models.Trial.updateOne({ _id: trialId }, { $set: { "host.address": "40 Tole bi St" } });

    await mom.user.tap(AGREE);
    expect(mom.user.replies).toHaveLength(2);
    expect(mom.user.replies[0]!.text).toBe(CHANGED);
    const current = mom.user.replies[1]!;
    expect(current.text).toContain("📍 Place: Almaty Polytechnic College, 40 Tole bi St");
    expect(current.text).not.toBe(old.text);
    expect(buttonsOf(current).map((b) => b.text)).toEqual([AGREE, REFUSE]);
    expect(mom.user.messages.find((m) => m.messageId === old.messageId)!.replyMarkup).toBeUndefined();
    expect(await consents({ kind: "participation" })).toEqual([]);
    expect((await registration(aru)).status).toBe("pending_consent");

    // The old message's button again (as a stale client would send it): still nothing recorded.
    await mom.user.tapData(consentDecisionData.pack({ registration: (await registration(aru))._id.toHexString(), decision: "granted" }), old.messageId);
    expect(texts(mom.user)[0]).toBe(CHANGED);
    expect(await consents({ kind: "participation" })).toEqual([]);

    await mom.user.tap(AGREE);
    expect(texts(mom.user)[0]).toBe(GRANTED);
    expect(await consents({ kind: "participation" })).toMatchObject([{ decision: "granted", textHash: sha256(current.text) }]);
    expect((await registration(aru)).status).toBe("confirmed");
  });

  it("/consents shows each child's consents; a pending trial is read and decided from there", async () => {
    await t.deps.models.Consent.create({ studentId: aru.id, guardianId: mom.id, kind: "personal_data", decision: "granted", textVersion: "personal-data@1", textHash: "b".repeat(64), locale: "en", recordedAt: NOW });
    await signUp(aru);
    const pottery = await trial("Pottery", { startsAt: new Date("2026-09-25T05:00:00Z"), endsAt: new Date("2026-09-25T07:00:00Z"), capacity: 1 });
    await t.deps.models.Trial.updateOne({ _id: pottery }, { $set: { seatsTaken: 1 } });
    await signUp(aru, pottery);

    await mom.user.command("consents");
    expect(mom.user.lastText).toBe(
      [
        "✅ Your consents",
        "",
        "👤 Aru",
        "🔒 Personal data: you agreed",
        "📷 Photos and video: no answer yet, so nothing will be published",
        "🎟 «Welding basics», 24 September 2026, 10:00–13:00",
        "   ⏳ waiting for your answer (until 23 September 2026, 18:00)",
        "🎟 «Pottery», 25 September 2026, 10:00–12:00",
        "   🕒 on the waiting list: if a place opens up, you'll get a consent request",
      ].join("\n"),
    );
    expect(mom.user.buttons).toEqual(["📷 Photos of Aru: answer", "📝 Read and decide: Welding basics"]);

    await mom.user.tap("📝 Read and decide: Welding basics");
    expect(mom.user.replies).toHaveLength(1);
    await deliver();
    // The text sent from /consents is the same the outbox sent.
    expect(mom.user.replies[0]!.text).toBe(requestOf(mom).text);
    await mom.user.tap(AGREE);
    expect((await registration(aru)).status).toBe("confirmed");
    expect(await consents({ kind: "participation" })).toMatchObject([{ decision: "granted", textHash: sha256(requestOf(mom).text) }]);

    await mom.user.tap("📷 Photos of Aru: answer");
    expect(mom.user.buttons).toEqual(PHOTO_BUTTONS);
    await mom.user.tap("🚫 Forbidden");
    expect(texts(mom.user)).toEqual([`⛔ Saved: Aru won't be photographed or filmed.\n\n${CHANGE_LATER}`]);
    expect(await consents({ kind: "photo" })).toMatchObject([{ decision: "refused", photoScope: "forbidden" }]);

    // The menu's button opens the same screen.
    await mom.user.command("menu");
    expect(mom.user.buttons.slice(0, 3)).toEqual(["✅ Consents", "👶 My children", "🔗 Enter a child's code"]);
    await mom.user.tap("✅ Consents");
    expect(mom.user.lastText).toContain("   ✅ you agreed, the place is confirmed");
    expect(mom.user.lastText).toContain("📷 Photos and video: not allowed");
    expect(mom.user.buttons).toEqual(["📷 Photos of Aru: change the answer", "🩺 Health note: Welding basics", "↩️ Withdraw consent: Welding basics"]);
  });

  it("withdraws a participation consent in two taps: the registration is cancelled, the seat freed, the teacher told", async () => {
    const regId = await signUp(aru);
    await deliver();
    await mom.user.tap(AGREE);
    await mom.user.command("consents");
    await mom.user.tap("↩️ Withdraw consent: Welding basics");
    expect(mom.user.replies).toEqual([]); // the screen is replaced
    expect(mom.user.lastText).toBe(WITHDRAW_ASK);
    expect(mom.user.buttons).toEqual(["Yes, withdraw", "⬅️ Back to consents"]);
    expect((await registration(aru)).status).toBe("confirmed");

    // "Back" changes nothing; the first tap alone never withdraws.
    await mom.user.tap("⬅️ Back to consents");
    expect(mom.user.lastText).toContain("   ✅ you agreed, the place is confirmed");
    await mom.user.tap("↩️ Withdraw consent: Welding basics");
    await mom.user.tap("Yes, withdraw");
    expect(mom.user.lastText).toBe("Consent withdrawn. Aru's place at «Welding basics» is cancelled, and the teacher has been told.");
    expect(mom.user.buttons).toEqual(["⬅️ Back to consents"]);
    expect(await registration(aru)).toMatchObject({ status: "cancelled", cancelledBy: mom.id });
    expect(await seats()).toBe(0);
    const withdrawn = (await consents({ kind: "participation" })).at(-1);
    expect(withdrawn).toMatchObject({ decision: "withdrawn", guardianId: mom.id, textHash: sha256(WITHDRAW_ASK), locale: "en" });
    await deliver();
    expect(teacher.user.lastText).toBe("↩️ Consent withdrawn: Aru Saparova (9А) won't take part in «Welding basics» (24.09.2026 10:00). The registration is cancelled and the place freed.");

    // The confirmation again, or the old request's buttons: stale, nothing more recorded.
    await mom.user.tapData(consentWithdrawData.pack({ registration: regId.toHexString(), step: "yes" }));
    expect(texts(mom.user)).toEqual([CONSENT_STALE]);
    await mom.user.tapData(consentDecisionData.pack({ registration: regId.toHexString(), decision: "granted" }), requestOf(mom).messageId);
    expect(texts(mom.user)).toEqual([CONSENT_STALE]);
    expect(await consents({ kind: "participation" })).toHaveLength(2);
    expect((await registration(aru)).status).toBe("cancelled");
  });

  it("shows a withdrawal question again when what it says changed between the two taps, and withdraws nothing", async () => {
    await signUp(aru);
    await deliver();
    await mom.user.tap(AGREE);
    await mom.user.tap("🌐 Publishing allowed");
    await mom.user.command("consents");
    await mom.user.tap("↩️ Withdraw consent: Welding basics");
    await t.deps.models.Trial.updateOne({ _id: trialId }, { $set: { title: "Welding for beginners" } });
    await mom.user.tap("Yes, withdraw");
    expect(mom.user.lastText).toBe(WITHDRAW_ASK.replace("Welding basics", "Welding for beginners"));
    expect((await registration(aru)).status).toBe("confirmed");
    await mom.user.tap("Yes, withdraw");
    expect((await registration(aru)).status).toBe("cancelled");
    expect((await consents({ kind: "participation" })).at(-1)).toMatchObject({ decision: "withdrawn", textHash: sha256(WITHDRAW_ASK.replace("Welding basics", "Welding for beginners")) });

    await mom.user.command("consents");
    await mom.user.tap("🚫 Photos of Aru: withdraw consent");
    await t.deps.models.User.updateOne({ _id: mom.id }, { $set: { locale: "ru" } });
    await mom.user.tap("Yes, withdraw");
    expect(mom.user.lastText).toBe("Aru: отозвать согласие на фото и видео? После этого на пробах ребёнка не будут фотографировать и снимать на видео.");
    expect((await consents({ kind: "photo" })).map((c) => c.decision)).toEqual(["granted"]);
    await mom.user.tap("Да, отозвать");
    expect((await consents({ kind: "photo" })).map((c) => c.decision)).toEqual(["granted", "withdrawn"]);
  });

  it("withdraws the photo answer in two taps; it then reads as forbidden", async () => {
    await mom.user.command("consents");
    await mom.user.tap("📷 Photos of Aru: answer");
    await mom.user.tap("🌐 Publishing allowed");
    await mom.user.command("consents");
    await mom.user.tap("🚫 Photos of Aru: withdraw consent");
    expect(mom.user.lastText).toBe("Withdraw your consent to photos and video of Aru? From then on, Aru won't be photographed or filmed at trials.");
    expect(await t.deps.services.consents.photoScopeOf(aru.id)).toBe("publish");
    await mom.user.tap("Yes, withdraw");
    expect(mom.user.lastText).toBe('Done: your consent to photos and video of Aru is withdrawn. Teachers now see "no photos or video" next to Aru\'s name.');
    expect((await consents({ kind: "photo" })).map((c) => c.decision)).toEqual(["granted", "withdrawn"]);
    expect(await t.deps.services.consents.photoScopeOf(aru.id)).toBe("forbidden");
    await mom.user.tapData(`1:cs-phw:${aru.id.toHexString()}:yes`);
    expect(mom.user.lastAnswer).toBe("You haven't allowed photos of Aru, so there's nothing to withdraw.");
    expect(await consents({ kind: "photo" })).toHaveLength(2);
    await mom.user.command("consents");
    expect(mom.user.lastText).toContain("📷 Photos and video: consent withdrawn, so not allowed");
  });

  it("changes nothing on a cancelled trial, after the start, on a tampered button, or a second tap", async () => {
    const regId = (await signUp(aru)).toHexString();
    await deliver();
    const request = requestOf(mom);

    await mom.user.tapData("1:cs-p:not-an-id:granted", request.messageId);
    expect(mom.user.lastAnswer).toBe(STALE);
    await mom.user.tapData(`1:cs-p:${regId}:maybe`, request.messageId);
    expect(mom.user.lastAnswer).toBe(STALE);
    expect(mom.user.replies).toEqual([]);

    t.clock.set(new Date(STARTS.getTime() + 60_000));
    await mom.user.tap(AGREE);
    expect(texts(mom.user)).toEqual([CONSENT_STALE]);
    t.clock.set(NOW);

    await t.deps.models.Trial.updateOne({ _id: trialId }, { $set: { status: "cancelled" } });
    await mom.user.tap(AGREE);
    expect(texts(mom.user)).toEqual([CONSENT_STALE]);
    expect(await consents()).toEqual([]);
    expect((await registration(aru)).status).toBe("pending_consent");

    await t.deps.models.Trial.updateOne({ _id: trialId }, { $set: { status: "published" } });
    await mom.user.tap(AGREE);
    expect(texts(mom.user)[0]).toBe(GRANTED);
    await mom.user.tapData(consentDecisionData.pack({ registration: regId, decision: "granted" }), request.messageId);
    expect(mom.user.lastAnswer).toBe(ALREADY);
    expect(mom.user.replies).toEqual([]);
    expect(await consents({ kind: "participation" })).toHaveLength(1);
  });

  it("refuses another family's child, the pupil themself, and anyone but a parent", async () => {
    const bek = await pupil("Bek");
    const bekMom = await parent("Aigul");
    await link(bekMom, bek);
    const bekReg = (await signUp(bek)).toHexString();
    const aruReg = (await signUp(aru)).toHexString();

    for (const data of [
      consentDecisionData.pack({ registration: bekReg, decision: "granted" }),
      consentWithdrawData.pack({ registration: bekReg, step: "yes" }),
      consentPhotoData.pack({ student: bek.id.toHexString(), scope: "publish" }),
      `1:cs-pha:${bek.id.toHexString()}`,
      `1:cs-open:${bekReg}`,
    ]) {
      await mom.user.tapData(data);
      expect(texts(mom.user)).toEqual([NOT_ALLOWED]);
    }
    // The health-note dialog refuses at once, and is left.
    await mom.user.tapData(consentHealthData.pack({ registration: bekReg }));
    expect(texts(mom.user)).toEqual([NOT_ALLOWED]);
    await mom.user.send("Allergy");
    expect(texts(mom.user)).toEqual(["I didn't catch that. /help shows what I can do."]);

    // A pupil cannot consent for themself, even with a well-formed button.
    await aru.user.tapData(consentDecisionData.pack({ registration: aruReg, decision: "granted" }));
    expect(texts(aru.user)).toEqual([NOT_ALLOWED]);
    await aru.user.command("consents");
    expect(texts(aru.user)).toEqual([NOT_ALLOWED]);
    await teacher.user.command("consents");
    expect(texts(teacher.user)).toEqual([NOT_ALLOWED]);

    expect(await consents()).toEqual([]);
    expect((await registration(bek)).status).toBe("pending_consent");
    expect((await registration(aru)).status).toBe("pending_consent");
  });

  it("asks for agreement before a health note, and lets a parent skip it", async () => {
    const regId = (await signUp(aru)).toHexString();
    await mom.user.tapData(consentHealthData.pack({ registration: regId }));
    expect(texts(mom.user)).toEqual(["A health note can be added once you've agreed to the trial."]);
    await deliver();
    await mom.user.tap(AGREE);
    await mom.user.tap("🩺 Add a health note");
    await mom.user.sendPhoto("my note");
    expect(texts(mom.user)).toEqual(['Please write the note as a text message, or tap "Skip".', HEALTH_ASK]);
    await mom.user.tap("Skip");
    expect(texts(mom.user)).toEqual(["All right, no note. You can add one later in /consents."]);
    expect(await consents({ kind: "participation" })).toHaveLength(1);

    // Blank text is asked again; a trial cancelled meanwhile saves nothing.
    await mom.user.tapData(consentHealthData.pack({ registration: regId }));
    await mom.user.send("   ");
    expect(texts(mom.user)).toEqual(['Please write a few words, or tap "Skip".']);
    await t.deps.models.Trial.updateOne({ _id: trialId }, { $set: { status: "cancelled" } });
    await mom.user.send("Allergic to nuts");
    expect(texts(mom.user)).toEqual([CONSENT_STALE]);
    expect(await consents({ kind: "participation" })).toHaveLength(1);
  });

  it("tells a parent with no child linked yet how to connect", async () => {
    const newcomer = await parent("Saule");
    await newcomer.user.command("consents");
    expect(texts(newcomer.user)).toEqual([
      'You aren\'t connected to a child in Bagdar yet. Ask your child to send you their invite link or code, then tap "🔗 Enter a child\'s code".',
    ]);
    expect(newcomer.user.buttons).toEqual(["🔗 Enter a child's code"]);
    await newcomer.user.command("help");
    expect(newcomer.user.lastText).toContain("/consents — consents for my children (for parents)");
  });

  it("asks the photo question after agreeing when the one sent with the request never arrived", async () => {
    await signUp(aru);
    // The photo question could not be delivered (it went dead in the outbox); the request did arrive.
    await t.deps.models.Notification.updateMany({ kind: "consent-photo" }, { $set: { status: "dead" } });
    await deliver();
    expect(mom.user.messages.map((m) => m.text.split("\n")[0])).toEqual(["📝 Consent to take part: Aru"]);
    await mom.user.tap(AGREE);
    expect(texts(mom.user)).toHaveLength(2);
    expect(texts(mom.user)[1]!.startsWith("📷 Photos and video: Aru\n\n")).toBe(true);
    expect(buttonsOf(mom.user.replies[1]!).map((b) => b.text)).toEqual(PHOTO_BUTTONS);
  });

  it("speaks the parent's language, and a language changed since the request counts as a changed text", async () => {
    await t.deps.models.User.updateOne({ _id: mom.id }, { $set: { locale: "ru" } });
    await signUp(aru);
    await deliver();
    const request = mom.user.messages[0]!;
    expect(request.text.startsWith("📝 Согласие на участие: Aru\n\nЗдравствуйте! Ваш ребёнок Aru записан")).toBe(true);

    // Switched to English after the request came: the English text is shown, nothing recorded.
    await t.deps.models.User.updateOne({ _id: mom.id }, { $set: { locale: "en" } });
    await mom.user.tap("✅ Даю согласие");
    expect(texts(mom.user)[0]).toBe(CHANGED);
    expect(await consents()).toEqual([]);
    await t.deps.models.User.updateOne({ _id: mom.id }, { $set: { locale: "ru" } });
    // Back in Russian, the English message is the one out of date now.
    await mom.user.tap(AGREE);
    expect(texts(mom.user)).toEqual(["⚠️ С момента отправки того сообщения условия пробы изменились. Прочитайте, пожалуйста, актуальный текст ниже и ответьте ещё раз. Пока ничего не записано.", request.text]);
    expect(await consents()).toEqual([]);

    await mom.user.tap("✅ Даю согласие");
    expect(texts(mom.user)).toEqual([
      "✅ Спасибо! Aru может участвовать в «Welding basics». Место подтверждено, ребёнку и педагогу мы сообщили.\n\nЕсли педагогу нужно знать об ограничениях по здоровью (аллергия, астма или что-то другое), добавьте заметку: её увидят только педагоги ребёнка.",
    ]);
    expect(await consents({ kind: "participation" })).toMatchObject([{ decision: "granted", locale: "ru", textHash: sha256(request.text) }]);
    await mom.user.tap("📁 Только для портфолио");
    expect(texts(mom.user)).toEqual(["📁 Записано. Aru: фото и видео — только для портфолио, публиковать их не будут.\n\nИзменить ответ можно в любой момент в /consents."]);
    expect(await consents({ kind: "photo" })).toMatchObject([{ locale: "ru", textHash: sha256(mom.user.messages[1]!.text) }]);
  });
});
