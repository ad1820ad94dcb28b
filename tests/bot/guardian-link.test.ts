import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Types } from "mongoose";
import { personalDataDecisionData } from "../../src/bot/callback-data/link.js";
import { unlinkConfirmData } from "../../src/bot/callback-data/guardians.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import { seedSchool, seedStudent } from "../support/seed.js";
import type { TestUser } from "../support/test-user.js";

const DAY = 24 * 60 * 60 * 1000;
const STALE_RU = "Эта кнопка устарела. Нажмите /start, чтобы получить свежую.";

describe("guardian linking", () => {
  let t: TestBot;
  let schoolId: Types.ObjectId;
  let pupil: TestUser;
  let pupilId: Types.ObjectId;

  beforeEach(async () => {
    t = await createTestBot();
    schoolId = await seedSchool(t);
    pupil = t.user({ languageCode: "ru" });
    pupilId = await seedStudent(t, pupil, schoolId, { firstName: "Аружан", locale: "ru" });
  });
  afterEach(() => t.close());

  /** The pupil asks for an invite; returns the code from the forwardable message. */
  async function invite(): Promise<string> {
    await pupil.command("menu");
    await pupil.tap("👪 Пригласить родителя");
    const code = /<code>([A-Za-z0-9_-]{22})<\/code>/.exec(pupil.lastText)?.[1];
    if (!code) throw new Error(`no code in: ${pupil.lastText}`);
    return code;
  }

  it("gives the pupil a forwardable invite with the deep link and the code", async () => {
    const code = await invite();
    expect(pupil.replies.map((m) => m.text)).toEqual([
      "Перешли следующее сообщение маме, папе или другому законному представителю. Ссылка сработает один раз и действует 7 дней. Для второго родителя нажми «Пригласить родителя» ещё раз.",
      "Здравствуйте! Аружан приглашает вас в Багдар — школьный бот по профориентации. В нём вы будете давать согласие на профессиональные пробы и получать напоминания.\n\n" +
        `Откройте ссылку: https://t.me/bagdar_test_bot?start=inv_${code}\n\n` +
        `Или отправьте боту @bagdar_test_bot этот код: <code>${code}</code>\n\n` +
        "Приглашение действует до 21 сентября 2026 г.",
    ]);
    expect(pupil.lastMessage.parseMode).toBe("HTML");
    const stored = await t.deps.models.Invite.findOne({ code }).lean();
    expect(stored).toMatchObject({ kind: "guardian" });
    expect(stored!.studentId!.equals(pupilId)).toBe(true);
    expect(stored!.expiresAt.getTime()).toBe(t.clock.now().getTime() + 7 * DAY);
    expect(await t.deps.models.AuditLog.countDocuments({ action: "invite.created" })).toBe(1);
  });

  it("links a parent who opens the link, records the personal-data consent with the hash of the text shown", async () => {
    const code = await invite();
    const parent = t.user({ languageCode: "en", firstName: "Gulnara" });
    await parent.command("start", `inv_${code}`);
    expect(parent.lastText).toBe("You are connecting to:\n\n👤 Аружан\n🏫 №12 мектеп-гимназия\n\nIs this your child?");
    expect(parent.buttons).toEqual(["Yes, this is my child", "No, this isn't my child"]);
    await parent.tap("Yes, this is my child");
    const consentText = parent.lastText;
    expect(consentText).toMatch(/^Consent to processing personal data\n\nAs the parent \(legal guardian\) of Аружан, I agree/);
    expect(consentText).toContain("the career guidance teachers of №12 мектеп-гимназия");
    expect(await t.deps.models.Guardianship.countDocuments({})).toBe(0); // nothing before the decision
    await parent.tap("✅ I agree");

    expect(parent.replies[0]!.text).toBe("Done! You're connected to Аружан. Consent requests and trial reminders will come here.");
    expect(parent.lastText).toBe("🏠 Main menu\n👪 Parent");
    expect(pupil.lastText).toBe("Gulnara теперь в Багдаре как твой родитель.");

    const guardian = await t.deps.models.User.findOne({ telegramId: parent.id }).lean();
    expect(guardian).toMatchObject({ roles: ["guardian"], locale: "en", firstName: "Gulnara" });
    const link = await t.deps.models.Guardianship.findOne({}).lean();
    expect(link!.guardianId.equals(guardian!._id)).toBe(true);
    expect(link!.studentId.equals(pupilId)).toBe(true);
    const consent = await t.deps.models.Consent.findOne({}).lean();
    expect(consent).toMatchObject({
      kind: "personal_data",
      decision: "granted",
      textVersion: "personal-data@1",
      textHash: createHash("sha256").update(consentText).digest("hex"),
      locale: "en",
    });
    const used = await t.deps.models.Invite.findOne({ code }).lean();
    expect(used!.usedBy!.equals(guardian!._id)).toBe(true);
    expect(await t.deps.models.AuditLog.distinct("action")).toEqual(
      expect.arrayContaining(["invite.created", "invite.used", "consent.granted", "guardianship.created"]),
    );
  });

  it("records a refusal and still links; 'not my child' links nothing and leaves the invite usable", async () => {
    const code = await invite();
    const stranger = t.user({ languageCode: "ru" });
    await stranger.command("start", `inv_${code}`);
    await stranger.tap("Нет, это не мой ребёнок");
    expect(stranger.lastText).toBe("Хорошо, ничего не подключено. Если ссылка пришла к вам по ошибке, просто не обращайте на неё внимания.");
    expect((await t.deps.models.Invite.findOne({ code }).lean())!.usedAt).toBeUndefined();

    const parent = t.user({ languageCode: "ru" });
    await parent.command("start", `inv_${code}`);
    await parent.tap("Да, это мой ребёнок");
    await parent.tap("✖️ Не даю согласия");
    expect(parent.replies[0]!.text).toBe("Вы подключены к ребёнку по имени Аружан. Согласие на обработку данных вы не дали — школа это увидит.");
    expect(await t.deps.models.Consent.findOne({}).lean()).toMatchObject({ decision: "refused", locale: "ru" });
    expect(await t.deps.models.Guardianship.countDocuments({})).toBe(1);
  });

  it("refuses a used, expired, unknown, malformed or own code and changes nothing", async () => {
    const code = await invite();
    const first = t.user({ languageCode: "ru" });
    await first.command("start", `inv_${code}`);
    await first.tap("Да, это мой ребёнок");
    await first.tap("✅ Даю согласие");

    const second = t.user({ languageCode: "ru" });
    await second.command("start", `inv_${code}`);
    expect(second.replies[0]!.text).toBe("Это приглашение уже использовано, а каждое работает только один раз. Попросите новое.");

    const fresh = await invite();
    t.clock.advance(7 * DAY + 60_000);
    await second.command("start", `inv_${fresh}`);
    expect(second.replies[0]!.text).toBe("Срок приглашения истёк: оно действует 7 дней. Попросите новое.");

    for (const forged of ["inv_AAAAAAAAAAAAAAAAAAAAAA", "inv_<script>alert(1)</script>", `inv_${"x".repeat(200)}`, "inv_"]) {
      await second.command("start", forged);
      expect(second.replies[0]!.text).toBe("Такого приглашения нет. Проверьте код или попросите новое приглашение.");
    }

    t.clock.advance(-7 * DAY);
    const own = await invite();
    await pupil.command("start", `inv_${own}`);
    expect(pupil.replies[0]!.text).toBe("Это ваше собственное приглашение — его нужно переслать родителю.");

    // A classmate cannot act as a parent.
    const classmate = t.user({ languageCode: "ru" });
    await seedStudent(t, classmate, schoolId, { firstName: "Тимур" });
    await classmate.command("start", `inv_${own}`);
    expect(classmate.replies[0]!.text).toBe("С аккаунта ученика нельзя подключиться как родитель. Пусть родитель откроет ссылку в своём Telegram.");

    expect(await t.deps.models.Guardianship.countDocuments({})).toBe(1);
    expect(await t.deps.models.Consent.countDocuments({})).toBe(1);
    expect((await t.deps.models.User.findOne({ telegramId: second.id }).lean())?.roles).toEqual([]);
  });

  it("links only once when the decision is tapped twice", async () => {
    const code = await invite();
    const parent = t.user({ languageCode: "ru" });
    await parent.command("start", `inv_${code}`);
    await parent.tap("Да, это мой ребёнок");
    const decisionMessage = parent.lastMessage.messageId;
    await parent.tap("✅ Даю согласие");
    await parent.tapData(personalDataDecisionData.pack({ decision: "granted" }), decisionMessage);
    expect(parent.lastAnswer).toBe(STALE_RU);
    expect(await t.deps.models.Guardianship.countDocuments({})).toBe(1);
    expect(await t.deps.models.Consent.countDocuments({})).toBe(1);
  });

  it("lets a parent who chose 'I'm a parent' type the code or paste the link", async () => {
    const code = await invite();
    const parent = t.user({ languageCode: "kk" });
    await parent.command("start");
    await parent.tap("✓ Қазақша");
    await parent.tap("👪 Мен ата-анамын");
    expect(parent.lastText).toBe("Баладан келген шақырудағы кодты (22 таңба) енгізіңіз немесе сілтемені толығымен қойыңыз.");
    await parent.send("не знаю");
    expect(parent.lastText).toBe("Бұл шақыру кодына ұқсамайды: онда 22 таңба бар — латын әріптері, цифрлар, «_» немесе «-». Қайталап көріңіз.");
    await parent.send(`https://t.me/bagdar_test_bot?start=inv_${code}`);
    expect(parent.lastText).toBe("Сіз мына балаға қосыласыз:\n\n👤 Аружан\n🏫 №12 мектеп-гимназия\n\nБұл Сіздің балаңыз ба?");
    await parent.tap("Иә, бұл менің балам");
    await parent.tap("✅ Келісемін");
    expect(parent.replies[0]!.text).toBe("Дайын! Сіз Аружан есімді балаға қосылдыңыз. Келісім сұраулары мен сынамалар туралы еске салғыштар осында келеді.");
    expect(parent.lastText).toBe("🏠 Басты мәзір\n👪 Ата-ана");
  });

  it("treats an invite code typed outside any dialog as an invite", async () => {
    const code = await invite();
    const parent = t.user({ languageCode: "ru" });
    await parent.send(`  ${code} `);
    expect(parent.lastText).toBe("Вы подключаетесь к ребёнку:\n\n👤 Аружан\n🏫 №12 мектеп-гимназия\n\nЭто ваш ребёнок?");
  });

  it("supports two guardians per child and two children per guardian, shown on both sides, and unlinking", async () => {
    const mother = t.user({ languageCode: "ru", firstName: "Мадина" });
    const father = t.user({ languageCode: "ru", firstName: "Ерлан" });
    for (const parent of [mother, father]) {
      const code = await invite();
      await parent.command("start", `inv_${code}`);
      await parent.tap("Да, это мой ребёнок");
      await parent.tap("✅ Даю согласие");
    }
    const brother = t.user({ languageCode: "ru" });
    await seedStudent(t, brother, schoolId, { firstName: "Данияр" });
    await brother.command("menu");
    await brother.tap("👪 Пригласить родителя");
    const brotherCode = /<code>(.{22})<\/code>/.exec(brother.lastText)![1]!;
    await mother.command("start", `inv_${brotherCode}`);
    await mother.tap("Да, это мой ребёнок");
    await mother.tap("✅ Даю согласие");

    await mother.command("menu");
    await mother.tap("👶 Мои дети");
    expect(mother.lastText).toBe("Ваши дети в Багдаре:\n• Аружан — №12 мектеп-гимназия\n• Данияр — №12 мектеп-гимназия");
    await pupil.command("menu");
    await pupil.tap("👥 Мои родители");
    expect(pupil.lastText).toBe("Родители, подключённые к тебе:\n• Мадина\n• Ерлан");
    expect(pupil.buttons).toEqual(["Отключить: Мадина", "Отключить: Ерлан"]);

    // A stranger replaying the pupil's unlink button changes nothing.
    const link = await t.deps.models.Guardianship.findOne({ studentId: pupilId }).sort({ createdAt: 1 }).lean();
    const stranger = t.user({ languageCode: "ru" });
    await stranger.tapData(unlinkConfirmData.pack({ link: link!._id.toHexString() }));
    expect(stranger.lastAnswer).toBe(STALE_RU);
    expect(await t.deps.models.Guardianship.countDocuments({})).toBe(3);

    await pupil.tap("Отключить: Мадина");
    expect(pupil.lastText).toBe("Отключить Мадина? Связь пропадёт, а вместе с ней запросы согласия и напоминания.");
    await pupil.tap("Нет, оставить");
    expect(pupil.lastText).toBe("Хорошо, всё осталось как было.");
    await pupil.tap("Отключить: Мадина");
    await pupil.tap("Да, отключить");
    expect(pupil.lastText).toBe("Отключено.");
    expect(await t.deps.models.Guardianship.countDocuments({})).toBe(2);

    // The father unlinks himself; the mother keeps the brother.
    await father.command("menu");
    await father.tap("👶 Мои дети");
    await father.tap("Отключить: Аружан");
    await father.tap("Да, отключить");
    const confirmAgain = father.messages.at(-1)!;
    expect(confirmAgain.text).toBe("Отключено.");
    expect(await t.deps.models.Guardianship.countDocuments({})).toBe(1);
    expect(await t.deps.models.AuditLog.countDocuments({ action: "guardianship.removed" })).toBe(2);
  });
});

describe("teacher invite", () => {
  let t: TestBot;
  let schoolId: Types.ObjectId;
  beforeEach(async () => {
    t = await createTestBot();
    schoolId = await seedSchool(t, "Школа-гимназия №3", "Asia/Bishkek");
  });
  afterEach(() => t.close());

  async function teacherCode(): Promise<string> {
    const admin = await t.deps.models.User.create({ telegramId: 999, locale: "ru", roles: ["admin"] });
    const view = (await t.deps.services.users.findById(admin._id))!;
    return (await t.deps.services.invites.createTeacherInvite(view, schoolId)).code;
  }

  it("makes the person a teacher of that school after confirmation, once", async () => {
    const code = await teacherCode();
    const teacher = t.user({ languageCode: "ky" });
    await teacher.command("start", `inv_${code}`);
    expect(teacher.lastText).toBe(
      "Сизди Багдарга «Школа-гимназия №3» мектебинин кесипке багыттоочу мугалими катары чакырышты. Сыноолорду жарыялап, окуучулардын тизмесин жана ата-энелердин макулдуктарын көрөсүз. Кошуласызбы?",
    );
    await teacher.tap("Азыр эмес");
    expect(teacher.replies[0]!.text).toBe("Макул, эч нерсе өзгөргөн жок. Чакыруу мөөнөтү бүткөнчө жарактуу.");
    expect((await t.deps.models.User.findOne({ telegramId: teacher.id }).lean())?.roles).toEqual([]);

    await teacher.command("start", `inv_${code}`);
    await teacher.tap("Кошулуу");
    expect(teacher.replies[0]!.text).toBe("Кош келиңиз! Эми сиз «Школа-гимназия №3» мектебинин мугалимисиз.");
    expect(teacher.lastText).toBe("🏠 Башкы меню\n🧑‍🏫 Кесипке багыттоочу мугалим, Школа-гимназия №3");
    const stored = await t.deps.models.User.findOne({ telegramId: teacher.id }).lean();
    expect(stored!.roles).toEqual(["teacher"]);
    expect(stored!.teacherSchoolId!.equals(schoolId)).toBe(true);
    expect(await t.deps.models.AuditLog.countDocuments({ action: "role.granted", "details.role": "teacher" })).toBe(1);

    const other = t.user({ languageCode: "ky" });
    await other.command("start", `inv_${code}`);
    expect(other.replies[0]!.text).toBe("Бул чакыруу колдонулуп калган, ар бир чакыруу бир гана жолу иштейт. Жаңысын сураңыз.");
    expect((await t.deps.models.User.findOne({ telegramId: other.id }).lean())?.roles).toEqual([]);
  });

  it("cannot be created by a non-admin, even through the service", async () => {
    const pupil = t.user();
    await seedStudent(t, pupil, schoolId);
    const view = await t.deps.services.users.findByTelegramId(pupil.id);
    await expect(t.deps.services.invites.createTeacherInvite(view, schoolId)).rejects.toThrow("requires role admin");
    expect(await t.deps.models.Invite.countDocuments({})).toBe(0);
  });
});
