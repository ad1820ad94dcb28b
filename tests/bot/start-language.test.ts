import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { languageData } from "../../src/bot/callback-data/language.js";
import { createTestBot, type TestBot } from "../support/harness.js";

const GREETING = {
  kk: "Сәлеметсіз бе! Мен — Бағдар, кәсіп таңдауға көмектесетін бот. Қызығушылықтарды анықтауға, кәсіби сынамаларға жазылуға және одан кейін ой бөлісуге көмектесемін.\n\nТілді таңдаңыз:",
  ru: "Здравствуйте! Я Багдар — бот, который помогает выбрать профессию. Помогу разобраться в интересах, записаться на профессиональные пробы и подвести итоги после них.\n\nВыберите язык:",
  ky: "Саламатсызбы! Мен — Багдар, кесип тандоого жардам берген бот. Кызыкчылыктарды аныктоого, кесиптик сыноолорго жазылууга жана андан кийин ой бөлүшүүгө жардам берем.\n\nТилди тандаңыз:",
  en: "Hello! I'm Bagdar, a bot that helps you choose a career. I'll help you discover your interests, sign up for professional trials and think them over afterwards.\n\nChoose your language:",
};

const CHANGED = {
  kk: "Жақсы, енді қазақша сөйлесеміз.",
  ru: "Готово, теперь говорим по-русски.",
  ky: "Макул, эми кыргызча сүйлөшөбүз.",
  en: "Done, we'll speak English from now on.",
};

const LABEL = { kk: "Қазақша", ru: "Русский", ky: "Кыргызча", en: "English" } as const;

describe("/start and /language", () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await createTestBot();
  });
  afterEach(async () => {
    await t.close();
  });

  it.each(["kk", "ru", "ky", "en"] as const)("greets a %s-speaking newcomer in their language and pre-selects it", async (lang) => {
    const person = t.user({ languageCode: lang });
    await person.command("start");
    expect(person.replies).toHaveLength(1);
    expect(person.lastText).toBe(GREETING[lang]);
    const buttons = ["Қазақша", "Русский", "Кыргызча", "English"].map((l) => (l === LABEL[lang] ? `✓ ${l}` : l));
    expect(person.buttons).toEqual(buttons);
  });

  it("falls back to DEFAULT_LOCALE for an unsupported Telegram language", async () => {
    const person = t.user({ languageCode: "de" });
    await person.command("start");
    expect(person.lastText).toBe(GREETING.kk);
  });

  it.each(["kk", "ru", "ky", "en"] as const)("switches to %s, stores it and keeps speaking it", async (lang) => {
    const person = t.user({ languageCode: lang === "en" ? "ru" : "en" });
    await person.command("language");
    await person.tap(LABEL[lang]);
    expect(person.lastText).toBe(CHANGED[lang]);
    expect(person.buttons).toEqual([]); // the keyboard is gone, so an old tap can't flip it back

    const stored = await t.deps.models.User.findOne({ telegramId: person.id }).lean();
    expect(stored).toMatchObject({ telegramId: person.id, locale: lang, roles: [], status: "active" });

    await person.command("help");
    expect(person.lastText).toContain({ kk: "/language — тілді ауыстыру", ru: "/language — сменить язык", ky: "/language — тилди алмаштыруу", en: "/language — change the language" }[lang]);
  });

  it("creates one user even when the language button is tapped twice", async () => {
    const person = t.user({ languageCode: "ru" });
    await person.command("start");
    const data = languageData.pack({ locale: "ky" });
    await person.tapData(data);
    await person.tapData(data);
    expect(await t.deps.models.User.countDocuments({ telegramId: person.id })).toBe(1);
  });

  it("answers a tampered language button as out of date and changes nothing", async () => {
    const person = t.user({ languageCode: "ru" });
    await person.command("start");
    await person.tapData("1:lang:fr");
    expect(person.lastAnswer).toBe("Эта кнопка устарела. Нажмите /start, чтобы получить свежую.");
    expect(person.replies).toEqual([]);
    expect(await t.deps.models.User.countDocuments({})).toBe(0);
  });

  it("answers an unknown or old-version button as out of date", async () => {
    const person = t.user({ languageCode: "en" });
    await person.tapData("0:lang:kk");
    expect(person.lastAnswer).toBe("This button is out of date. Send /start to get a fresh one.");
    await person.tapData("garbage".repeat(20));
    expect(person.lastAnswer).toBe("This button is out of date. Send /start to get a fresh one.");
    expect(await t.deps.models.User.countDocuments({})).toBe(0);
  });

  it("answers text, stickers and unknown commands with a pointer to /help", async () => {
    const person = t.user({ languageCode: "kk" });
    await person.send("сәлем");
    expect(person.lastText).toBe("Түсінбедім. Не істей алатынымды /help көрсетеді.");
    await person.sendSticker();
    expect(person.lastText).toBe("Түсінбедім. Не істей алатынымды /help көрсетеді.");
    await person.send("x".repeat(5000));
    expect(person.replies.map((m) => m.text)).toEqual(["Түсінбедім. Не істей алатынымды /help көрсетеді."]);
  });

  it("turns a failure into an apology in the user's language", async () => {
    const person = t.user({ languageCode: "ky" });
    await person.command("start");
    await t.db.connection.close(); // the database goes away under the bot
    await person.command("help");
    expect(person.lastText).toBe(
      "Азыр кызмат убактылуу иштебей турат. Бир мүнөттөн кийин кайра аракет кылыңыз, эч нерсе жоголгон жок.",
    );
  });
});

describe("an admin from ADMIN_TELEGRAM_IDS", () => {
  it("gets a record and the menu on the very first /start, without onboarding", async () => {
    const t = await createTestBot({ env: { ADMIN_TELEGRAM_IDS: "100001" } });
    try {
      const admin = t.user({ languageCode: "ru" });
      await admin.command("start");
      expect(admin.replies.map((m) => m.text)).toEqual(["🏠 Главное меню\n⚙️ Координатор района"]);
      expect(admin.buttons).toEqual(["📊 Отчёты", "⚙️ Администрирование", "🌐 Язык", "🔒 Мои данные"]);
      // The role comes from configuration only; it is never stored.
      expect(await t.deps.models.User.findOne({ telegramId: admin.id }).lean()).toMatchObject({ roles: [], locale: "ru" });
      const someoneElse = t.user({ languageCode: "ru" });
      await someoneElse.command("admin");
      expect(someoneElse.lastText).toBe("Извините, это вам недоступно.");
    } finally {
      await t.close();
    }
  });
});
