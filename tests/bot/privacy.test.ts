import type { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deleteAccountData, packIssuedAt } from "../../src/bot/callback-data/privacy.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import type { TestUser } from "../support/test-user.js";

const NOTICE = {
  ru: [
    "Как Багдар обращается с вашими данными",
    "",
    "Что мы храним:",
    "• имя и фамилию, школу и класс (например, 7 «А»);",
    "• ответы на опросник интересов;",
    "• записи на профессиональные пробы, рефлексии и приложенные к ним фото;",
    "• решения родителей о согласиях;",
    "• номер вашего аккаунта в Telegram и выбранный язык.",
    "Мы не спрашиваем у школьников телефон и дату рождения, а телефоны родителей не собираем вовсе.",
    "",
    "Зачем: чтобы организовать профессиональные пробы и помочь с профориентацией.",
    "",
    "Кто видит: сам ученик, родители (законные представители), которых он подключил в Багдаре, и педагоги-профориентаторы его школы. Районные координаторы видят только общие цифры, без имён.",
    "",
    "Сколько храним: после окончания учебного года данные обезличиваются. Имена стираются, и понять, чьи это данные, уже нельзя.",
    "",
    "/mydata — получить копию всего, что о вас хранится",
    "/delete — удалить свои данные",
  ].join("\n"),
  kk: [
    "Бағдар деректеріңізді қалай сақтайды",
    "",
    "Не сақтаймыз:",
    "• аты-жөні, мектебі және сыныбы (мысалы, 7 «А»);",
    "• қызығушылық сауалнамасының жауаптары;",
    "• кәсіби сынамаларға жазылу, рефлексиялар және оларға қосылған фотолар;",
    "• ата-ананың келісім туралы шешімдері;",
    "• Telegram аккаунтыңыздың нөмірі және таңдалған тіл.",
    "Оқушылардан телефон нөмірі мен туған күнін сұрамаймыз, ал ата-ананың телефон нөмірін мүлде жинамаймыз.",
    "",
    "Не үшін: кәсіби сынамаларды ұйымдастыру және кәсіби бағдар беруге көмектесу үшін.",
    "",
    "Кім көреді: оқушының өзі, оны Бағдарда қосқан ата-анасы (заңды өкілі) және мектептің кәсіби бағдар педагогтері. Аудандық үйлестірушілер аты-жөнсіз, тек жалпы сандарды көреді.",
    "",
    "Қанша уақыт сақтаймыз: оқу жылы аяқталғаннан кейін деректер иесіздендіріледі. Аты-жөні өшіріліп, деректердің кімдікі екенін білу мүмкін болмайды.",
    "",
    "/mydata — сіз туралы сақталғанның бәрінің көшірмесін алу",
    "/delete — деректеріңізді өшіру",
  ].join("\n"),
  en: [
    "How Bagdar looks after your data",
    "",
    "What we store:",
    "• first and last name, school and class (for example, 7A);",
    "• answers to the interest questionnaire;",
    "• sign-ups for professional trials, reflections and the photos added to them;",
    "• parents' consent decisions;",
    "• your Telegram account number and chosen language.",
    "We never ask pupils for a phone number or date of birth, and we never collect parents' phone numbers.",
    "",
    "Why: to organise professional trials and help with career guidance.",
    "",
    "Who sees it: the pupil, the parents (legal representatives) linked to them in Bagdar and the school's career guidance teachers. District coordinators see only totals, without names.",
    "",
    "How long: after the end of the school year the data is anonymised. Names are erased, so nobody can tell whose it is.",
    "",
    "/mydata — get a copy of everything stored about you",
    "/delete — delete your data",
  ].join("\n"),
};

const ASK_RU = [
  "Удалить ваши данные из Багдара?",
  "",
  "Мы сотрём имя и фамилию, класс, ответы опросника, тексты рефлексий и фото, уберём связи с родителями или детьми. Записи на предстоящие пробы будут отменены.",
  "",
  "Сохранятся только цифры без имени (баллы и оценки для школьных отчётов) и решения родителей о согласиях — как подтверждение.",
  "",
  "Отменить это будет нельзя. Чтобы потом снова пользоваться Багдаром, просто нажмите /start.",
].join("\n");
const DONE_RU = "Готово: ваши данные удалены. Спасибо, что были с Багдаром! Если захотите вернуться, нажмите /start.";
const KEPT_RU = "Хорошо, ничего не удалено. Ваши данные остались как были.";
const NOTHING_RU = "Удалять нечего: в Багдаре нет ваших данных.";
const STALE_RU = "Эта кнопка устарела. Если всё ещё хотите удалить данные, отправьте /delete ещё раз.";
const NOW = new Date("2026-09-14T09:00:00Z");
const HASH = "a".repeat(64);
const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

/** A pupil (ru) with two guardians, a questionnaire result, a past trial with reflections and an upcoming one. */
async function seedFamily(t: TestBot) {
  const { models } = t.deps;
  const pupilChat = t.user({ languageCode: "ru" });
  const momChat = t.user({ languageCode: "kk" });
  const dadChat = t.user({ languageCode: "ru" });
  const teacherChat = t.user({ languageCode: "ru" });

  const school = await models.School.create({ name: "Школа-лицей №12", region: "Алматы", timezone: "Asia/Almaty" });
  const teacher = await models.User.create({ telegramId: teacherChat.id, locale: "ru", roles: ["teacher"], firstName: "Гульнар", teacherSchoolId: school._id });
  const pupil = await models.User.create({
    telegramId: pupilChat.id,
    locale: "ru",
    roles: ["student"],
    firstName: "Айгерим",
    lastName: "Серикова",
    schoolId: school._id,
    grade: 8,
    classLetter: "Б",
    onboardedAt: new Date("2026-09-01T10:00:00Z"),
  });
  const mom = await models.User.create({ telegramId: momChat.id, locale: "kk", roles: ["guardian"], firstName: "Сәуле", onboardedAt: new Date("2026-09-02T10:00:00Z") });
  const dad = await models.User.create({ telegramId: dadChat.id, locale: "ru", roles: ["guardian"], firstName: "Ерлан", onboardedAt: new Date("2026-09-03T10:00:00Z") });

  const expires = new Date("2026-09-20T00:00:00Z");
  const momInvite = await models.Invite.create({ code: "M".repeat(22), kind: "guardian", studentId: pupil._id, createdBy: pupil._id, expiresAt: expires, usedAt: NOW, usedBy: mom._id });
  const dadInvite = await models.Invite.create({ code: "D".repeat(22), kind: "guardian", studentId: pupil._id, createdBy: pupil._id, expiresAt: expires, usedAt: NOW, usedBy: dad._id });
  const openInvite = await models.Invite.create({ code: "O".repeat(22), kind: "guardian", studentId: pupil._id, createdBy: pupil._id, expiresAt: expires });
  await models.Guardianship.create({ guardianId: mom._id, studentId: pupil._id, inviteId: momInvite._id });
  await models.Guardianship.create({ guardianId: dad._id, studentId: pupil._id, inviteId: dadInvite._id });

  const trialBase = { kind: "trial" as const, format: "in_person" as const, timezone: "Asia/Almaty", capacity: 10, minGrade: 7, maxGrade: 9, schoolIds: [school._id], createdBy: teacher._id, schoolId: school._id, status: "published" as const };
  const pastTrial = await models.Trial.create({ ...trialBase, title: "Ветеринарная клиника", startsAt: new Date("2026-09-10T05:00:00Z"), endsAt: new Date("2026-09-10T08:00:00Z"), seatsTaken: 1 });
  const nextTrial = await models.Trial.create({ ...trialBase, title: "IT-компания", startsAt: new Date("2026-09-21T05:00:00Z"), endsAt: new Date("2026-09-21T08:00:00Z"), seatsTaken: 1 });
  const pastRegistration = await models.Registration.create({ trialId: pastTrial._id, studentId: pupil._id, status: "attended", attended: true, statusChangedAt: new Date("2026-09-10T09:00:00Z") });
  const nextRegistration = await models.Registration.create({ trialId: nextTrial._id, studentId: pupil._id, status: "confirmed", statusChangedAt: new Date("2026-09-12T09:00:00Z") });

  const consentBase = { studentId: pupil._id, textHash: HASH };
  const personalData = await models.Consent.create({ ...consentBase, guardianId: mom._id, kind: "personal_data", decision: "granted", textVersion: "personal_data@1", locale: "kk", recordedAt: new Date("2026-09-02T10:00:00Z") });
  const photo = await models.Consent.create({ ...consentBase, guardianId: dad._id, kind: "photo", decision: "granted", photoScope: "portfolio", textVersion: "photo@1", locale: "ru", recordedAt: new Date("2026-09-03T10:00:00Z") });
  const participation = await models.Consent.create({ ...consentBase, guardianId: mom._id, kind: "participation", trialId: nextTrial._id, decision: "granted", healthNote: "Аллергия на шерсть", textVersion: "participation@1", locale: "kk", recordedAt: new Date("2026-09-12T09:00:00Z") });

  const result = await models.QuestionnaireResult.create({
    studentId: pupil._id,
    instrument: "riasec@1",
    answers: [{ itemId: "r1", value: 2 }, { itemId: "s1", value: 1 }],
    scores: { R: 7, I: 3, A: 2, S: 9, E: 1, C: 0 },
    top: ["S", "R", "I"],
    startedAt: new Date("2026-09-05T10:00:00Z"),
    completedAt: new Date("2026-09-05T10:20:00Z"),
    locale: "ru",
  });
  const before = await models.Reflection.create({ studentId: pupil._id, trialId: pastTrial._id, registrationId: pastRegistration._id, phase: "before", answers: { expect: "Хочу увидеть операцию", worries: "Боюсь собак" }, interestBefore: 3 });
  const after = await models.Reflection.create({
    studentId: pupil._id,
    trialId: pastTrial._id,
    registrationId: pastRegistration._id,
    phase: "after",
    answers: { didWhat: "Кормила котят" },
    selfAssessment: { task: 3, safety: 2 },
    interestAfter: 5,
    liked: "yes",
    wouldChoose: "unsure",
    useful: "yes",
    artifacts: [{ fileId: "photo-file-1", kind: "photo", inPortfolio: true }],
  });

  const pending = await models.Notification.create({ dedupeKey: `reminder24h:${nextRegistration._id.toHexString()}`, userId: pupil._id, chatId: pupilChat.id, kind: "reminder24h", payload: { key: "reminder-24h", params: { name: "Айгерим" } }, notBefore: new Date("2026-09-20T05:00:00Z") });
  const sent = await models.Notification.create({ dedupeKey: `reminder2h:${pastRegistration._id.toHexString()}`, userId: pupil._id, chatId: pupilChat.id, kind: "reminder2h", payload: { key: "reminder-2h" }, notBefore: new Date("2026-09-10T03:00:00Z"), status: "sent", sentAt: new Date("2026-09-10T03:00:05Z") });
  const momNotification = await models.Notification.create({ dedupeKey: `summary:${pastRegistration._id.toHexString()}:${mom._id.toHexString()}`, userId: mom._id, chatId: momChat.id, kind: "guardianSummary", payload: { key: "summary", params: { child: "Айгерим" } }, notBefore: new Date("2026-09-11T05:00:00Z") });

  return {
    chats: { pupil: pupilChat, mom: momChat, dad: dadChat, teacher: teacherChat },
    school, teacher, pupil, mom, dad,
    invites: { mom: momInvite, dad: dadInvite, open: openInvite },
    trials: { past: pastTrial, next: nextTrial },
    registrations: { past: pastRegistration, next: nextRegistration },
    consents: { personalData, photo, participation },
    result,
    reflections: { before, after },
    notifications: { pending, sent, mom: momNotification },
  };
}

type Family = Awaited<ReturnType<typeof seedFamily>>;

function readDocument(user: TestUser): unknown {
  const message = user.lastMessage;
  expect(message.kind).toBe("document");
  expect(message.fileName).toBe("bagdar-my-data.json");
  const text = new TextDecoder("utf-8", { fatal: true }).decode(message.file);
  expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`); // pretty-printed
  return JSON.parse(text);
}

const id = (doc: { _id: Types.ObjectId }) => doc._id.toHexString();

describe("privacy commands", () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await createTestBot({ now: NOW });
  });
  afterEach(async () => {
    await t.close();
  });

  describe("/privacy", () => {
    it.each(["ru", "kk", "en"] as const)("shows the notice in %s, also to someone who hasn't started", async (lang) => {
      const person = t.user({ languageCode: lang });
      await person.command("privacy");
      expect(person.replies.map((m) => m.text)).toEqual([NOTICE[lang]]);
      expect(person.buttons).toEqual([]);
      expect(await t.deps.models.User.countDocuments({})).toBe(0);
    });

    it("follows the language the person chose, not Telegram's", async () => {
      const { chats } = await seedFamily(t); // the pupil's Telegram speaks ru
      await t.deps.models.User.updateOne({ telegramId: chats.pupil.id }, { $set: { locale: "en" } });
      await chats.pupil.command("privacy");
      expect(chats.pupil.lastText).toBe(NOTICE.en);
    });
  });

  describe("/mydata", () => {
    let f: Family;
    beforeEach(async () => {
      f = await seedFamily(t);
    });

    it("sends a pupil everything stored about them, with their guardians only as links", async () => {
      await f.chats.pupil.command("mydata");
      expect(f.chats.pupil.replies).toHaveLength(1);
      expect(f.chats.pupil.lastText).toBe("Всё, что Багдар хранит о вас, в одном файле.");
      const data = readDocument(f.chats.pupil);
      const nextTrial = { id: id(f.trials.next), title: "IT-компания", startsAt: "2026-09-21T05:00:00.000Z" };
      const pastTrial = { id: id(f.trials.past), title: "Ветеринарная клиника", startsAt: "2026-09-10T05:00:00.000Z" };
      expect(data).toEqual({
        exportedAt: NOW.toISOString(),
        user: {
          id: id(f.pupil),
          telegramId: f.chats.pupil.id,
          locale: "ru",
          roles: ["student"],
          status: "active",
          firstName: "Айгерим",
          lastName: "Серикова",
          school: { id: id(f.school), name: "Школа-лицей №12" },
          grade: 8,
          classLetter: "Б",
          onboardedAt: "2026-09-01T10:00:00.000Z",
          createdAt: ISO,
          updatedAt: ISO,
        },
        guardianships: [
          { youAre: "student", guardian: "your guardian", since: ISO },
          { youAre: "student", guardian: "your guardian", since: ISO },
        ],
        consents: [
          { id: id(f.consents.personalData), studentId: id(f.pupil), givenBy: "your guardian", kind: "personal_data", decision: "granted", textVersion: "personal_data@1", textHash: HASH, locale: "kk", recordedAt: "2026-09-02T10:00:00.000Z" },
          { id: id(f.consents.photo), studentId: id(f.pupil), givenBy: "your guardian", kind: "photo", decision: "granted", photoScope: "portfolio", textVersion: "photo@1", textHash: HASH, locale: "ru", recordedAt: "2026-09-03T10:00:00.000Z" },
          { id: id(f.consents.participation), studentId: id(f.pupil), givenBy: "your guardian", kind: "participation", trialId: id(f.trials.next), decision: "granted", healthNote: "Аллергия на шерсть", textVersion: "participation@1", textHash: HASH, locale: "kk", recordedAt: "2026-09-12T09:00:00.000Z" },
        ],
        questionnaireResults: [
          {
            id: id(f.result),
            instrument: "riasec@1",
            answers: [{ itemId: "r1", value: 2 }, { itemId: "s1", value: 1 }],
            scores: { R: 7, I: 3, A: 2, S: 9, E: 1, C: 0 },
            top: ["S", "R", "I"],
            locale: "ru",
            startedAt: "2026-09-05T10:00:00.000Z",
            completedAt: "2026-09-05T10:20:00.000Z",
          },
        ],
        registrations: [
          { id: id(f.registrations.past), trial: pastTrial, status: "attended", attended: true, statusChangedAt: "2026-09-10T09:00:00.000Z", createdAt: ISO },
          { id: id(f.registrations.next), trial: nextTrial, status: "confirmed", statusChangedAt: "2026-09-12T09:00:00.000Z", createdAt: ISO },
        ],
        reflections: [
          { id: id(f.reflections.before), trial: pastTrial, registrationId: id(f.registrations.past), phase: "before", answers: { expect: "Хочу увидеть операцию", worries: "Боюсь собак" }, selfAssessment: {}, interestBefore: 3, artifacts: [], createdAt: ISO },
          {
            id: id(f.reflections.after),
            trial: pastTrial,
            registrationId: id(f.registrations.past),
            phase: "after",
            answers: { didWhat: "Кормила котят" },
            selfAssessment: { task: 3, safety: 2 },
            interestAfter: 5,
            liked: "yes",
            wouldChoose: "unsure",
            useful: "yes",
            artifacts: [{ fileId: "photo-file-1", kind: "photo", inPortfolio: true }],
            createdAt: ISO,
          },
        ],
        notifications: [
          { id: id(f.notifications.pending), kind: "reminder24h", status: "pending", payloadKeys: ["key", "params"], notBefore: "2026-09-20T05:00:00.000Z", createdAt: ISO },
          { id: id(f.notifications.sent), kind: "reminder2h", status: "sent", payloadKeys: ["key"], notBefore: "2026-09-10T03:00:00.000Z", sentAt: "2026-09-10T03:00:05.000Z", createdAt: ISO },
        ],
        invites: [
          { kind: "guardian", createdAt: ISO, expiresAt: "2026-09-20T00:00:00.000Z", usedAt: NOW.toISOString() },
          { kind: "guardian", createdAt: ISO, expiresAt: "2026-09-20T00:00:00.000Z", usedAt: NOW.toISOString() },
          { kind: "guardian", createdAt: ISO, expiresAt: "2026-09-20T00:00:00.000Z" },
        ],
        activity: [],
        children: [],
      });
      const raw = new TextDecoder().decode(f.chats.pupil.lastMessage.file);
      for (const other of ["Сәуле", "Ерлан", "Гульнар", id(f.mom), id(f.dad), id(f.teacher), "M".repeat(22), "O".repeat(22)]) expect(raw).not.toContain(other);
    });

    it("gives a guardian their own data and their linked child's, but not the other guardian's", async () => {
      await f.chats.mom.command("mydata");
      expect(f.chats.mom.lastText).toBe("Бағдар сіз және балаларыңыз туралы сақтайтынның бәрі — бір файлда.");
      const data = readDocument(f.chats.mom) as Record<string, unknown> & { children: Array<Record<string, unknown>> };
      expect(data.user).toEqual({
        id: id(f.mom),
        telegramId: f.chats.mom.id,
        locale: "kk",
        roles: ["guardian"],
        status: "active",
        firstName: "Сәуле",
        onboardedAt: "2026-09-02T10:00:00.000Z",
        createdAt: ISO,
        updatedAt: ISO,
      });
      expect(data.guardianships).toEqual([{ youAre: "guardian", child: id(f.pupil), since: ISO }]);
      // Decisions she made herself, in order.
      expect(data.consents).toEqual([
        { id: id(f.consents.personalData), studentId: id(f.pupil), givenBy: "you", kind: "personal_data", decision: "granted", textVersion: "personal_data@1", textHash: HASH, locale: "kk", recordedAt: "2026-09-02T10:00:00.000Z" },
        { id: id(f.consents.participation), studentId: id(f.pupil), givenBy: "you", kind: "participation", trialId: id(f.trials.next), decision: "granted", healthNote: "Аллергия на шерсть", textVersion: "participation@1", textHash: HASH, locale: "kk", recordedAt: "2026-09-12T09:00:00.000Z" },
      ]);
      expect(data.notifications).toEqual([
        { id: id(f.notifications.mom), kind: "guardianSummary", status: "pending", payloadKeys: ["key", "params"], notBefore: "2026-09-11T05:00:00.000Z", createdAt: ISO },
      ]);
      expect(data.questionnaireResults).toEqual([]);
      expect(data.registrations).toEqual([]);
      expect(data.reflections).toEqual([]);

      expect(data.children).toHaveLength(1);
      const child = data.children[0]!;
      expect(child.user).toEqual({
        id: id(f.pupil),
        locale: "ru",
        roles: ["student"],
        status: "active",
        firstName: "Айгерим",
        lastName: "Серикова",
        school: { id: id(f.school), name: "Школа-лицей №12" },
        grade: 8,
        classLetter: "Б",
        onboardedAt: "2026-09-01T10:00:00.000Z",
        createdAt: ISO,
        updatedAt: ISO,
      });
      expect(child.guardianships).toEqual([
        { guardian: "you", since: ISO },
        { guardian: "another guardian", since: ISO },
      ]);
      expect((child.consents as Array<{ givenBy: string; kind: string }>).map((c) => [c.kind, c.givenBy])).toEqual([
        ["personal_data", "you"],
        ["photo", "another guardian"],
        ["participation", "you"],
      ]);
      expect((child.questionnaireResults as unknown[]).length).toBe(1);
      expect((child.registrations as Array<{ status: string }>).map((r) => r.status)).toEqual(["attended", "confirmed"]);
      expect((child.reflections as Array<{ phase: string }>).map((r) => r.phase)).toEqual(["before", "after"]);
      expect((child.notifications as Array<{ kind: string }>).map((n) => n.kind)).toEqual(["reminder24h", "reminder2h"]);

      const raw = new TextDecoder().decode(f.chats.mom.lastMessage.file);
      expect(raw).not.toContain("Ерлан");
      expect(raw).not.toContain(id(f.dad));
      expect(raw).not.toContain(String(f.chats.dad.id));
      expect(raw).not.toContain(String(f.chats.pupil.id)); // the child's Telegram id is the child's own business
    });

    it("leaves out a child whose link was removed", async () => {
      await t.deps.models.Guardianship.deleteOne({ guardianId: f.dad._id });
      await f.chats.dad.command("mydata");
      expect(f.chats.dad.lastText).toBe("Всё, что Багдар хранит о вас, в одном файле.");
      const data = readDocument(f.chats.dad) as { children: unknown[]; guardianships: unknown[]; consents: Array<{ kind: string; givenBy: string }> };
      expect(data.children).toEqual([]);
      expect(data.guardianships).toEqual([]);
      // His own decision is still his data.
      expect(data.consents.map((c) => [c.kind, c.givenBy])).toEqual([["photo", "you"]]);
      expect(new TextDecoder().decode(f.chats.dad.lastMessage.file)).not.toContain("Айгерим");
    });

    it("tells someone unknown that nothing is stored", async () => {
      const stranger = t.user({ languageCode: "ru" });
      await stranger.command("mydata");
      expect(stranger.replies.map((m) => [m.kind, m.text])).toEqual([["text", "В Багдаре пока нет ваших данных. Чтобы начать, нажмите /start."]]);
    });
  });

  describe("/delete", () => {
    let f: Family;
    beforeEach(async () => {
      f = await seedFamily(t);
    });

    async function snapshot() {
      const { models } = t.deps;
      const strip = <T>(docs: T[]) => JSON.parse(JSON.stringify(docs)) as T[];
      return {
        users: strip(await models.User.find({}).sort({ _id: 1 }).lean()),
        guardianships: strip(await models.Guardianship.find({}).sort({ _id: 1 }).lean()),
        invites: strip(await models.Invite.find({}).sort({ _id: 1 }).lean()),
        consents: strip(await models.Consent.find({}).sort({ _id: 1 }).lean()),
        results: strip(await models.QuestionnaireResult.find({}).sort({ _id: 1 }).lean()),
        registrations: strip(await models.Registration.find({}).sort({ _id: 1 }).lean()),
        reflections: strip(await models.Reflection.find({}).sort({ _id: 1 }).lean()),
        notifications: strip(await models.Notification.find({}).sort({ _id: 1 }).lean()),
        trials: strip(await models.Trial.find({}).sort({ _id: 1 }).lean()),
        audit: strip(await models.AuditLog.find({}).sort({ _id: 1 }).lean()),
      };
    }

    it("asks first, with Delete and Keep", async () => {
      await f.chats.pupil.command("delete");
      expect(f.chats.pupil.replies.map((m) => m.text)).toEqual([ASK_RU]);
      expect(f.chats.pupil.buttons).toEqual(["Да, удалить", "Нет, оставить"]);
    });

    it("asks in the person's own language", async () => {
      await f.chats.mom.command("delete");
      expect(f.chats.mom.lastText).toBe(
        [
          "Деректеріңізді Бағдардан өшірейік пе?",
          "",
          "Аты-жөніңіз, сыныбыңыз, сауалнама жауаптары, рефлексия мәтіндері мен фотолар өшіріледі, ата-анаңызбен немесе балаларыңызбен байланыс үзіледі. Алдағы сынамаларға жазылуларыңыздан бас тартылады.",
          "",
          "Тек атыңыз көрсетілмеген сандар (мектеп есептеріне арналған ұпайлар мен бағалар) және ата-ананың келісім туралы шешімдері дәлел ретінде сақталады.",
          "",
          "Мұны кейін қайтару мүмкін емес. Бағдарды қайта пайдаланғыңыз келсе, /start басыңыз.",
        ].join("\n"),
      );
      expect(f.chats.mom.buttons).toEqual(["Иә, өшіру", "Жоқ, қалдыру"]);
    });

    it("erases a pupil on confirmation and keeps only nameless aggregates and evidence", async () => {
      const { models } = t.deps;
      const before = await snapshot();
      await f.chats.pupil.command("delete");
      const question = f.chats.pupil.lastMessage.messageId;
      await f.chats.pupil.tap("Да, удалить");

      expect(f.chats.pupil.replies).toEqual([]);
      const edited = f.chats.pupil.messages.find((m) => m.messageId === question)!;
      expect(edited.text).toBe(DONE_RU);
      expect(edited.replyMarkup).toBeUndefined();

      // The user document is a nameless tombstone, detached from the Telegram account.
      const tombstone = await models.User.findById(f.pupil._id).lean();
      expect(tombstone).toEqual({
        _id: f.pupil._id,
        telegramId: expect.any(Number),
        locale: "ru",
        roles: [],
        schoolId: f.school._id,
        status: "deleted",
        createdAt: expect.any(Date),
        updatedAt: expect.any(Date),
        __v: 0,
      });
      expect(tombstone!.telegramId).toBeLessThan(0);
      expect(await t.deps.services.users.findByTelegramId(f.chats.pupil.id)).toBeNull();

      // Both guardians are unlinked; their own accounts stay as they were.
      expect(await models.Guardianship.countDocuments({})).toBe(0);
      const guardians = await models.User.find({ _id: { $in: [f.mom._id, f.dad._id] } }).sort({ _id: 1 }).lean();
      expect(JSON.parse(JSON.stringify(guardians))).toEqual(before.users.filter((u) => [id(f.mom), id(f.dad)].includes(String(u._id))));

      // The unused invite is revoked; used ones are history.
      const invites = await models.Invite.find({}).sort({ _id: 1 }).lean();
      expect(invites.map((i) => [i.code[0], i.revokedAt ?? null])).toEqual([
        ["M", null],
        ["D", null],
        ["O", NOW],
      ]);

      // Consents stay as evidence with both ids; only the health note (the pupil's data) goes.
      const consents = await models.Consent.find({}).sort({ _id: 1 }).lean();
      expect(consents.map((c) => [c.kind, c.guardianId.toHexString(), c.studentId.toHexString(), c.decision, c.healthNote ?? null])).toEqual([
        ["personal_data", id(f.mom), id(f.pupil), "granted", null],
        ["photo", id(f.dad), id(f.pupil), "granted", null],
        ["participation", id(f.mom), id(f.pupil), "granted", null],
      ]);

      // Scores stay, item answers go.
      const result = await models.QuestionnaireResult.findById(f.result._id).lean();
      expect(result).toMatchObject({ studentId: f.pupil._id, answers: [], scores: { R: 7, I: 3, A: 2, S: 9, E: 1, C: 0 }, top: ["S", "R", "I"] });

      // Ratings stay, free text and artefacts go.
      const reflections = await models.Reflection.find({}).sort({ _id: 1 }).lean();
      expect(reflections.map((r) => ({ answers: r.answers, artifacts: r.artifacts, interestBefore: r.interestBefore, interestAfter: r.interestAfter, liked: r.liked, wouldChoose: r.wouldChoose, selfAssessment: r.selfAssessment }))).toEqual([
        { answers: {}, artifacts: [], interestBefore: 3, interestAfter: undefined, liked: undefined, wouldChoose: undefined, selfAssessment: {} },
        { answers: {}, artifacts: [], interestBefore: undefined, interestAfter: 5, liked: "yes", wouldChoose: "unsure", selfAssessment: { task: 3, safety: 2 } },
      ]);

      // The upcoming sign-up is cancelled and its seat freed; the attended trial stays in the counts.
      const registrations = await models.Registration.find({}).sort({ _id: 1 }).lean();
      expect(registrations.map((r) => [r.status, r.cancelledBy?.toHexString() ?? null])).toEqual([
        ["attended", null],
        ["cancelled", id(f.pupil)],
      ]);
      expect((await models.Trial.findById(f.trials.next._id).lean())!.seatsTaken).toBe(0);
      expect((await models.Trial.findById(f.trials.past._id).lean())!.seatsTaken).toBe(1);

      // Nothing more goes out to the pupil, and no message keeps its content; the mother's are untouched.
      const notifications = await models.Notification.find({}).sort({ _id: 1 }).lean();
      expect(notifications.map((n) => [n.kind, n.status, n.chatId, n.payload])).toEqual([
        ["reminder24h", "cancelled", 0, {}],
        ["reminder2h", "sent", 0, {}],
        ["guardianSummary", "pending", f.chats.mom.id, { key: "summary", params: { child: "Айгерим" } }],
      ]);

      // One audit entry, with counts and no personal data.
      const audit = await models.AuditLog.find({ action: "user.deleted" }).lean();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actorId: f.pupil._id,
        entity: "user",
        entityId: f.pupil._id,
        at: NOW,
        details: {
          roles: ["student"],
          guardianshipsRemoved: 2,
          invitesRevoked: 1,
          registrationsCancelled: 1,
          reflectionsErased: 2,
          questionnaireResultsErased: 1,
          notificationsCancelled: 1,
        },
      });
      expect(JSON.stringify(audit[0]!.details)).not.toMatch(/Айгерим|Серикова/);
    });

    it("treats the person as new at /start after deletion", async () => {
      await f.chats.pupil.command("delete");
      await f.chats.pupil.tap("Да, удалить");

      await f.chats.pupil.command("start");
      const newcomer = t.user({ languageCode: "ru" });
      await newcomer.command("start");
      expect(f.chats.pupil.replies.map((m) => m.text)).toEqual(newcomer.replies.map((m) => m.text));
      expect(f.chats.pupil.buttons).toEqual(newcomer.buttons);

      // And nothing old is tied to whatever account the person makes now.
      const fresh = await t.deps.services.users.setLocale(f.chats.pupil.id, "ru");
      expect(fresh.id.equals(f.pupil._id)).toBe(false);
      expect(fresh).toMatchObject({ roles: [], status: "active" });
      expect(fresh.firstName).toBeUndefined();
    });

    it("erases a guardian but keeps the consents they gave, now under a nameless user", async () => {
      const { models } = t.deps;
      await f.chats.mom.command("delete");
      await f.chats.mom.tap("Иә, өшіру");
      expect(f.chats.mom.lastText).toBe("Дайын: деректеріңіз өшірілді. Бағдармен бірге болғаныңызға рақмет! Қайта оралғыңыз келсе, /start басыңыз.");

      const mom = await models.User.findById(f.mom._id).lean();
      expect(mom).toMatchObject({ roles: [], status: "deleted", locale: "kk" });
      expect(mom!.firstName).toBeUndefined();
      expect(mom!.onboardedAt).toBeUndefined();

      const theirs = await models.Consent.find({ guardianId: f.mom._id }).sort({ _id: 1 }).lean();
      expect(theirs.map((c) => [c.kind, c.decision, c.healthNote ?? null])).toEqual([
        ["personal_data", "granted", null],
        // The child is still here and the note protects her on the trial: it stays.
        ["participation", "granted", "Аллергия на шерсть"],
      ]);

      // Only her link went; the child and the father stay linked, and the child is untouched.
      const links = await models.Guardianship.find({}).lean();
      expect(links.map((l) => [l.guardianId.toHexString(), l.studentId.toHexString()])).toEqual([[id(f.dad), id(f.pupil)]]);
      expect(await models.User.findById(f.pupil._id).lean()).toMatchObject({ firstName: "Айгерим", status: "active", roles: ["student"] });
      expect(await models.Registration.countDocuments({ status: "confirmed" })).toBe(1);

      const notifications = await models.Notification.find({ userId: f.mom._id }).lean();
      expect(notifications.map((n) => [n.status, n.payload])).toEqual([["cancelled", {}]]);
      const audit = await models.AuditLog.find({ action: "user.deleted" }).lean();
      expect(audit.map((a) => [a.entityId?.toHexString(), a.details])).toEqual([
        [
          id(f.mom),
          {
            roles: ["guardian"],
            guardianshipsRemoved: 1,
            invitesRevoked: 0,
            registrationsCancelled: 0,
            reflectionsErased: 0,
            questionnaireResultsErased: 0,
            notificationsCancelled: 1,
          },
        ],
      ]);
    });

    it("changes nothing when the person keeps their data", async () => {
      const before = await snapshot();
      await f.chats.pupil.command("delete");
      const question = f.chats.pupil.lastMessage.messageId;
      await f.chats.pupil.tap("Нет, оставить");
      const edited = f.chats.pupil.messages.find((m) => m.messageId === question)!;
      expect(edited.text).toBe(KEPT_RU);
      expect(edited.replyMarkup).toBeUndefined();
      expect(await snapshot()).toEqual(before);
    });

    it("does nothing on a second tap of the confirmation", async () => {
      await f.chats.pupil.command("delete");
      const confirm = f.chats.pupil.lastMessage;
      const data = confirm.replyMarkup && "inline_keyboard" in confirm.replyMarkup ? confirm.replyMarkup.inline_keyboard[0]![0]! : undefined;
      if (!data || !("callback_data" in data)) throw new Error("no confirm button");
      await f.chats.pupil.tapData(data.callback_data, confirm.messageId);
      const after = await snapshot();

      await f.chats.pupil.tapData(data.callback_data, confirm.messageId);
      expect(f.chats.pupil.lastAnswer).toBe(NOTHING_RU);
      expect(f.chats.pupil.replies).toEqual([]);
      expect(await snapshot()).toEqual(after);
      expect(await t.deps.models.AuditLog.countDocuments({ action: "user.deleted" })).toBe(1);
    });

    it("refuses another person's confirmation button and touches neither account", async () => {
      const before = await snapshot();
      const forged = deleteAccountData.pack({ action: "confirm", user: id(f.pupil), at: packIssuedAt(NOW) });
      await f.chats.dad.tapData(forged);
      expect(f.chats.dad.lastAnswer).toBe(STALE_RU);
      expect(f.chats.dad.replies).toEqual([]);
      expect(await snapshot()).toEqual(before);
    });

    it("refuses a confirmation that is too old", async () => {
      const before = await snapshot();
      await f.chats.pupil.command("delete");
      t.clock.advance(16 * 60 * 1000);
      await f.chats.pupil.tap("Да, удалить");
      expect(f.chats.pupil.lastAnswer).toBe(STALE_RU);
      expect(await snapshot()).toEqual(before);
    });

    it("answers a tampered button as out of date", async () => {
      const before = await snapshot();
      await f.chats.pupil.tapData(`1:priv-del:confirm:${"z".repeat(24)}:abc`);
      expect(f.chats.pupil.lastAnswer).toBe("Эта кнопка устарела. Нажмите /start, чтобы получить свежую.");
      expect(await snapshot()).toEqual(before);
    });

    it("tells someone unknown there is nothing to delete", async () => {
      const stranger = t.user({ languageCode: "ru" });
      await stranger.command("delete");
      expect(stranger.replies.map((m) => m.text)).toEqual([NOTHING_RU]);
      expect(stranger.buttons).toEqual([]);
    });
  });
});
