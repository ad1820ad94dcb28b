import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Types } from "mongoose";
import { gradeData, roleData } from "../../src/bot/callback-data/onboarding.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import { seedSchool } from "../support/seed.js";
import type { TestUser } from "../support/test-user.js";

const L = {
  kk: { lang: "Қазақша", student: "🎒 Мен оқушымын", guardian: "👪 Мен ата-анамын", ok: "✅ Бәрі дұрыс", done: "Керемет, Әлихан, бәрі дайын!", menu: "🏠 Басты мәзір\n🎒 Әлихан Сейітқали, 9Ә сынып, №12 мектеп-гимназия", firstName: "Атың кім? Сынып журналында қалай жазылса, солай жаз." },
  ru: { lang: "Русский", student: "🎒 Я ученик", guardian: "👪 Я родитель", ok: "✅ Всё верно", done: "Отлично, Әлихан, всё готово!", menu: "🏠 Главное меню\n🎒 Әлихан Сейітқали, 9Ә класс, №12 мектеп-гимназия", firstName: "Как тебя зовут? Напиши имя так, как оно записано в школьном журнале." },
  ky: { lang: "Кыргызча", student: "🎒 Мен окуучумун", guardian: "👪 Мен ата-энемин", ok: "✅ Баары туура", done: "Сонун, Әлихан, баары даяр!", menu: "🏠 Башкы меню\n🎒 Әлихан Сейітқали, 9Ә класс, №12 мектеп-гимназия", firstName: "Атың ким? Класстык журналда кандай жазылса, ошондой жаз." },
  en: { lang: "English", student: "🎒 I'm a pupil", guardian: "👪 I'm a parent", ok: "✅ All correct", done: "Great, Әлихан, you're all set!", menu: "🏠 Main menu\n🎒 Әлихан Сейітқали, class 9Ә, №12 мектеп-гимназия", firstName: "What's your first name? Write it the way it is in the class register." },
} as const;
type Lang = keyof typeof L;

/** Taps whichever label the language button shows (pre-selected ones carry a ✓). */
async function pickLanguage(person: TestUser, lang: Lang) {
  await person.tap(person.buttons.includes(`✓ ${L[lang].lang}`) ? `✓ ${L[lang].lang}` : L[lang].lang);
}

async function answerProfile(person: TestUser) {
  await person.send("Әлихан");
  await person.send("Сейітқали");
  await person.send("12");
  await person.tap("№12 мектеп-гимназия");
  await person.tap("9");
  await person.send("ә");
}

describe("student onboarding", () => {
  let t: TestBot;
  let schoolId: Types.ObjectId;
  beforeEach(async () => {
    t = await createTestBot();
    schoolId = await seedSchool(t);
    await seedSchool(t, "Абай атындағы №5 лицей");
    await seedSchool(t, "Школа-лицей №25", "Asia/Bishkek");
  });
  afterEach(() => t.close());

  it.each(["kk", "ru", "ky", "en"] as const)("completes end to end in %s and stores the profile once", async (lang) => {
    const pupil = t.user({ languageCode: "de" });
    await pupil.command("start");
    await pickLanguage(pupil, lang);
    await pupil.tap(L[lang].student);
    expect(pupil.lastText).toBe(L[lang].firstName);
    await answerProfile(pupil);
    await pupil.tap(L[lang].ok);

    const texts = pupil.replies.map((m) => m.text);
    expect(texts[0]).toBe(L[lang].done);
    expect(texts).toHaveLength(3); // done, privacy notice, menu
    expect(texts[2]).toBe(L[lang].menu);

    const users = await t.deps.models.User.find({}).lean();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({
      telegramId: pupil.id,
      locale: lang,
      roles: ["student"],
      firstName: "Әлихан",
      lastName: "Сейітқали",
      grade: 9,
      classLetter: "Ә",
      status: "active",
    });
    expect(users[0]!.schoolId!.equals(schoolId)).toBe(true);
    expect(await t.deps.models.AuditLog.countDocuments({ action: "role.granted", "details.role": "student" })).toBe(1);

    // A returning pupil goes straight to the menu.
    await pupil.command("start");
    expect(pupil.replies.map((m) => m.text)).toEqual([L[lang].menu]);
  });

  it("walks the Russian dialog with the exact questions, search and confirmation", async () => {
    const pupil = t.user({ languageCode: "ru" });
    await pupil.command("start");
    expect(pupil.buttons).toEqual(["Қазақша", "✓ Русский", "Кыргызча", "English"]);
    await pupil.tap("✓ Русский");
    expect(pupil.lastText).toBe("Кто вы?\n\nПедагоги подключаются по приглашению от координатора района — просто откройте ссылку из него.");
    expect(pupil.buttons).toEqual(["🎒 Я ученик", "👪 Я родитель"]);
    await pupil.tap("🎒 Я ученик");
    await pupil.send("Аружан");
    expect(pupil.lastText).toBe("А фамилия?");
    await pupil.send("Сапарова");
    expect(pupil.lastText).toBe("В какой школе ты учишься? Напиши часть названия или номер, например «12» или «Абай».");
    // Three schools: all are offered as buttons straight away.
    expect(pupil.buttons).toEqual(["Абай атындағы №5 лицей", "Школа-лицей №25", "№12 мектеп-гимназия"]);
    await pupil.send("лицей");
    expect(pupil.lastText).toBe("Нашлось вот что. Выбери свою школу:");
    expect(pupil.buttons).toEqual(["Абай атындағы №5 лицей", "Школа-лицей №25", "🔎 Искать снова"]);
    await pupil.tap("🔎 Искать снова");
    await pupil.send("гимназия 99");
    expect(pupil.lastText).toBe(
      "Не нашёл школу по запросу «гимназия 99». Попробуй другую часть названия или номер. Если твоей школы нет, скажи об этом классному руководителю.",
    );
    await pupil.send("ЛИЦЕЙ №25"); // case-insensitive, Cyrillic
    expect(pupil.buttons).toEqual(["Школа-лицей №25", "🔎 Искать снова"]);
    await pupil.tap("Школа-лицей №25");
    expect(pupil.lastText).toBe("В каком ты классе?");
    expect(pupil.buttons).toEqual(["5", "6", "7", "8", "9", "10", "11"]);
    await pupil.send("10"); // typing the grade works too
    expect(pupil.lastText).toBe("А буква класса? Напиши одну букву, например А или Б.");
    await pupil.send("в");
    expect(pupil.lastText).toBe(
      "Проверь, всё ли верно:\n\nИмя: Аружан\nФамилия: Сапарова\nШкола: Школа-лицей №25\nКласс: 10В\n\nЕсли что-то не так, нажми на это поле и исправь.",
    );
    expect(pupil.buttons).toEqual(["✏️ Имя", "✏️ Фамилия", "✏️ Школа", "✏️ Класс", "✏️ Буква", "✅ Всё верно"]);

    // Correct one field: only that one is asked again.
    await pupil.tap("✏️ Фамилия");
    expect(pupil.lastText).toBe("А фамилия?");
    await pupil.send("Сапарова-Ким");
    expect(pupil.lastText).toContain("Фамилия: Сапарова-Ким\n");
    expect(await t.deps.models.User.countDocuments({ roles: "student" })).toBe(0); // nothing stored before confirmation
    await pupil.tap("✅ Всё верно");
    const stored = await t.deps.models.User.findOne({ telegramId: pupil.id }).lean();
    expect(stored).toMatchObject({ firstName: "Аружан", lastName: "Сапарова-Ким", grade: 10, classLetter: "В", roles: ["student"] });
  });
});

describe("bad input during onboarding", () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await createTestBot();
    await seedSchool(t);
  });
  afterEach(() => t.close());

  async function atFirstName(): Promise<TestUser> {
    const pupil = t.user({ languageCode: "ru" });
    await pupil.command("start");
    await pupil.tap("✓ Русский");
    await pupil.tap("🎒 Я ученик");
    return pupil;
  }

  it("re-prompts when text, a sticker or a photo comes where a button is expected", async () => {
    const pupil = t.user({ languageCode: "ru" });
    await pupil.command("start");
    for (const send of [() => pupil.send("русский"), () => pupil.sendSticker(), () => pupil.sendPhoto(), () => pupil.send("я".repeat(5000))]) {
      await send();
      expect(pupil.replies.map((m) => m.text)).toEqual([
        "Пожалуйста, нажмите одну из кнопок.",
        "Здравствуйте! Я Багдар — бот, который помогает выбрать профессию. Помогу разобраться в интересах, записаться на профессиональные пробы и подвести итоги после них.\n\nВыберите язык:",
      ]);
    }
    expect(await t.deps.models.User.countDocuments({})).toBe(0);
    await pupil.tap("✓ Русский");
    await pupil.sendSticker();
    expect(pupil.replies[0]!.text).toBe("Пожалуйста, нажмите одну из кнопок.");
    expect(pupil.lastText).toMatch(/^Кто вы\?/);
  });

  it("refuses digits, symbols, emoji, empty and 5,000-character names with the reason", async () => {
    const pupil = await atFirstName();
    const cases: Array<[string, string]> = [
      ["Аружан2", "Только буквы, пожалуйста: без цифр, смайликов и знаков. Дефис или пробел можно."],
      ["Аружан 🙂", "Только буквы, пожалуйста: без цифр, смайликов и знаков. Дефис или пробел можно."],
      ["<b>x</b>", "Только буквы, пожалуйста: без цифр, смайликов и знаков. Дефис или пробел можно."],
      ["   ", "Напиши хотя бы одну букву."],
      ["А".repeat(5000), "Слишком длинно: не больше 50 букв."],
    ];
    for (const [input, reason] of cases) {
      await pupil.send(input);
      expect(pupil.replies.map((m) => m.text)).toEqual([reason]);
    }
    await pupil.sendSticker();
    expect(pupil.replies.map((m) => m.text)).toEqual([
      "Напиши ответ обычным текстом.",
      "Как тебя зовут? Напиши имя так, как оно записано в школьном журнале.",
    ]);
    await pupil.send("  Анна-Мария  ");
    expect(pupil.lastText).toBe("А фамилия?");
  });

  it("refuses grade 4 and 12 and a class letter that is not one letter", async () => {
    const pupil = await atFirstName();
    await pupil.send("Аружан");
    await pupil.send("Сапарова");
    await pupil.tap("№12 мектеп-гимназия");
    for (const grade of ["4", "12", "девятый"]) {
      await pupil.send(grade);
      expect(pupil.replies.map((m) => m.text)).toEqual(["Багдар для учеников 5–11 классов. Выбери свой класс кнопкой."]);
    }
    // A forged grade button is out of date, not a grade.
    await pupil.tapData(gradeData.pack({ grade: 9 }).replace(":9", ":12"));
    expect(pupil.lastAnswer).toBe("Эта кнопка устарела. Нажмите /start, чтобы получить свежую.");
    await pupil.tap("9");
    for (const letter of ["АБ", "1", "!", "🙂"]) {
      await pupil.send(letter);
      expect(pupil.replies.map((m) => m.text)).toEqual(["Нужна одна буква, например А, Ә или B."]);
    }
    await pupil.send("b");
    expect(pupil.lastText).toContain("Класс: 9B");
  });

  it("/cancel midway stores nothing and the next /start begins afresh", async () => {
    const pupil = await atFirstName();
    await pupil.send("Аружан");
    await pupil.command("cancel");
    expect(pupil.replies.map((m) => m.text)).toEqual(["Отменено, ничего не сохранено. Меню — /menu."]);
    const stored = await t.deps.models.User.findOne({ telegramId: pupil.id }).lean();
    expect(stored).toMatchObject({ roles: [], locale: "ru" }); // only the language choice
    expect(stored?.firstName).toBeUndefined();

    await pupil.send("Сапарова"); // no dialog any more
    expect(pupil.lastText).toBe("Не понял вас. Что я умею, подскажет /help.");
    await pupil.command("cancel");
    expect(pupil.lastText).toBe("Отменять нечего. Меню — /menu.");

    await pupil.command("start");
    expect(pupil.lastText).toMatch(/^Здравствуйте!/);
  });

  it("treats a second tap on an old button as out of date", async () => {
    const pupil = t.user({ languageCode: "ru" });
    await pupil.command("start");
    await pupil.tap("✓ Русский");
    const roleMessage = pupil.lastMessage.messageId;
    await pupil.tap("🎒 Я ученик");
    expect(pupil.messages.find((m) => m.messageId === roleMessage)?.replyMarkup).toBeUndefined(); // buttons removed once answered
    await pupil.tapData(roleData.pack({ role: "guardian" }), roleMessage);
    expect(pupil.lastAnswer).toBe("Эта кнопка устарела. Нажмите /start, чтобы получить свежую.");
    expect(pupil.lastText).toBe("Как тебя зовут? Напиши имя так, как оно записано в школьном журнале.");
    expect((await t.deps.models.User.findOne({ telegramId: pupil.id }).lean())?.roles).toEqual([]);
  });

  it("keeps a tap on the final confirmation from saving twice", async () => {
    const pupil = await atFirstName();
    await pupil.send("Аружан");
    await pupil.send("Сапарова");
    await pupil.tap("№12 мектеп-гимназия");
    await pupil.tap("9");
    await pupil.send("А");
    const confirmation = pupil.lastMessage;
    const ok = confirmation.replyMarkup && "inline_keyboard" in confirmation.replyMarkup ? confirmation.replyMarkup.inline_keyboard.flat().at(-1) : undefined;
    await pupil.tap("✅ Всё верно");
    await pupil.tapData((ok as { callback_data: string }).callback_data, confirmation.messageId);
    expect(pupil.lastAnswer).toBe("Эта кнопка устарела. Нажмите /start, чтобы получить свежую.");
    expect(await t.deps.models.User.countDocuments({})).toBe(1);
    expect(await t.deps.models.AuditLog.countDocuments({ action: "role.granted" })).toBe(1);
  });
});
