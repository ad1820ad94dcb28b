import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { itemAnswerData, itemBackData } from "../../src/bot/callback-data/questionnaire.js";
import { riasec } from "../../src/content/instruments/riasec.js";
import { spheres } from "../../src/content/instruments/spheres.js";
import type { Locale } from "../../src/db/models/user.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import { seedSchool, seedStudent } from "../support/seed.js";
import { buttonsOf, type TestUser } from "../support/test-user.js";

const NOW = new Date("2026-09-14T09:00:00Z");

const L = {
  ru: {
    riasec: "🧭 Интересы · 30 вопросов · около 5 минут",
    spheres: "🌍 Сферы · 20 пар · около 4 минут",
    like: "👍 Нравится",
    unsure: "🤔 Пока не знаю",
    dislike: "👎 Не нравится",
    back: "⬅️ Назад",
    menu: "🏠 Меню",
  },
  kk: {
    riasec: "🧭 Қызығушылықтар · 30 сұрақ · 5 минуттай",
    spheres: "🌍 Салалар · 20 жұп · 4 минуттай",
    like: "👍 Ұнайды",
    unsure: "🤔 Әлі білмеймін",
    dislike: "👎 Ұнамайды",
    back: "⬅️ Артқа",
    menu: "🏠 Мәзір",
  },
} as const;
type Lang = keyof typeof L;

type Rating = "like" | "unsure" | "dislike";

/**
 * R like everywhere (10), A like but one "not sure" (9), I and E "not sure" (5 each: a tie for
 * third place, settled by the instruments' order, I before E), S and C dislike (0).
 */
const PROFILE: Record<string, Rating> = { R: "like", I: "unsure", A: "like", S: "dislike", E: "unsure", C: "dislike" };
function ratingFor(index: number): Rating {
  const item = riasec.items[index]!;
  if (item.id === "a-stage") return "unsure";
  return PROFILE[item.scale]!;
}

/** Nature beats everything, then people, art, signs; technology loses every pair: 8, 6, 4, 2, 0. */
const SPHERE_ORDER = ["nature", "people", "art", "signs", "technology"];
function choiceFor(index: number): "1️⃣" | "2️⃣" {
  const [a, b] = spheres.items[index]!.options;
  return SPHERE_ORDER.indexOf(a) < SPHERE_ORDER.indexOf(b) ? "1️⃣" : "2️⃣";
}

async function answerRiasec(pupil: TestUser, lang: Lang, from = 0, to = riasec.items.length) {
  for (let i = from; i < to; i++) await pupil.tap(L[lang][ratingFor(i)]);
}

async function answerSpheres(pupil: TestUser, from = 0, to = spheres.items.length) {
  for (let i = from; i < to; i++) await pupil.tap(choiceFor(i));
}

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(bytes);
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("interest questionnaire", () => {
  let t: TestBot;
  let pupil: TestUser;

  async function pupilIn(lang: Locale): Promise<TestUser> {
    const person = t.user({ languageCode: lang });
    await seedStudent(t, person, await seedSchool(t), { locale: lang });
    return person;
  }

  async function results() {
    return t.deps.models.QuestionnaireResult.find({}).sort({ _id: 1 }).lean();
  }

  beforeEach(async () => {
    t = await createTestBot({ now: NOW });
  });
  afterEach(() => t.close());

  describe("interests (RIASEC), completed end to end", () => {
    it("in Kazakh: one item per message, progress, the chart as a photo with a caption, the card and what to try", async () => {
      pupil = await pupilIn("kk");
      await pupil.command("menu");
      expect(pupil.buttons.slice(2, 4)).toEqual(["📝 Қызығушылық сауалнамасы", "📊 Менің нәтижелерім"]);
      await pupil.tap("📝 Қызығушылық сауалнамасы");
      expect(pupil.lastText).toBe(
        "Екі қысқа сауалнама саған не жақын екенін түсінуге көмектеседі. Дұрыс не бұрыс жауап жоқ — қалай сезінсең, солай жауап бер.",
      );
      expect(pupil.buttons).toEqual([L.kk.riasec, L.kk.spheres]);
      await pupil.tap(L.kk.riasec);
      expect(pupil.replies.map((m) => m.text)).toEqual([
        "Саған 30 түрлі істі көрсетемін. Әрқайсысы саған ұнай ма, жоқ па — соны белгіле. Оны істей аласың ба, жоқ па, ол жағын ойлама: бастысы — осы іспен айналысқың келе ме.",
        "1/30 · Мұндай іс саған ұнай ма?\n\nВелосипед не самокат жөндеу",
      ]);
      expect(pupil.buttons).toEqual([L.kk.like, L.kk.unsure, L.kk.dislike]); // no "back" on the first item

      await pupil.tap(L.kk.like);
      expect(pupil.replies.map((m) => m.text)).toEqual(["2/30 · Мұндай іс саған ұнай ма?\n\nХимия зертханасында тәжірибе жасау"]);
      expect(pupil.buttons).toEqual([L.kk.like, L.kk.unsure, L.kk.dislike, L.kk.back]);
      // The answered item stays in the chat with its answer, and its buttons are gone.
      const first = pupil.messages.at(-2)!;
      expect(first.text).toBe("1/30 · Мұндай іс саған ұнай ма?\n\nВелосипед не самокат жөндеу\n\nЖауабың: 👍 Ұнайды");
      expect(buttonsOf(first)).toEqual([]);

      await answerRiasec(pupil, "kk", 1, 29);
      expect(pupil.lastText).toBe("30/30 · Мұндай іс саған ұнай ма?\n\nӨз шағын ісіңді ойлап табу — мысалы, туристерге атпен серуен ұйымдастыру");
      await answerRiasec(pupil, "kk", 29);

      const [photo, card, ...rest] = pupil.replies;
      expect(rest).toEqual([]);
      expect(photo!.kind).toBe("photo");
      expect(photo!.text).toBe("Қызығушылықтар — сенің профилің\nСенің кодың: RAI");
      expect([...photo!.file!.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(pngSize(photo!.file!)).toEqual({ width: 1000, height: 630 });
      expect(photo!.file!.length).toBeGreaterThan(10_000);
      expect(photo!.file!.length).toBeLessThan(300_000);

      expect(card!.text).toBe(
        [
          "Қазір саған ең жақыны:",
          "",
          "1. Шебер",
          "Қолмен жұмыс істеп, нәтижесін көргенді ұнатасың: жөндеу, құрастыру, өсіру.",
          "Техника, құрал-сайман, жер мен мал — сенің ортаң.",
          "Мысалы: механизатор, дәнекерлеуші, электрик, бұрғылаушы, автомеханик, аспаз",
          "",
          "2. Шығармашыл",
          "Жаңа нәрсе ойлап табу мен өзіңді көрсету саған маңызды: сурет, музыка, бейне, сахна.",
          "Басқалар байқамай өтетін әдемілікті сен көресің.",
          "Мысалы: графикалық дизайнер, сәулетші, бейнемонтажшы, ойын дизайнері, музыкант, киім дизайнері",
          "",
          "3. Зерттеуші",
          "Сен бәрінің түбіне жеткің келеді: неге дәл солай және оны қалай тексеруге болады.",
          "Тәжірибе, есеп пен бақылау сені қорқытпайды, керісінше қызықтырады.",
          "Мысалы: агроном, геолог, химиялық талдау зертханашысы, деректер талдаушысы, дәрігер",
          "",
          "Кейбір бағыттар бірдей ұпай жинады — бәріне назар сал.",
          "",
          "Бұл үкім емес, ойлануға және әңгімелесуге себеп — кәсіби бағдар педагогімен не ата-анаңмен. Қызығушылықты кәсіби сынамада тексерген жөн.",
          "",
          "👉 Нені байқап көргің келеді?",
        ].join("\n"),
      );
      expect(buttonsOf(card!).map((b) => b.text)).toEqual(["Шебер", "Шығармашыл", "Зерттеуші", L.kk.menu]);

      const [stored] = await results();
      expect(stored).toMatchObject({
        instrument: "riasec@1",
        top: ["R", "A", "I", "E", "S", "C"],
        locale: "kk",
        startedAt: NOW,
        completedAt: NOW,
      });
      expect(stored!.answers.map((a) => a.itemId)).toEqual(riasec.items.map((item) => item.id));
      expect(stored!.answers.map((a) => a.value)).toEqual(riasec.items.map((_, i) => ({ like: 2, unsure: 1, dislike: 0 })[ratingFor(i)]));
      expect(stored!.scores).toEqual({ R: 10, I: 5, A: 9, S: 0, E: 5, C: 0 });
      expect(stored).not.toHaveProperty("position");
      expect(stored).not.toHaveProperty("revision");
      expect(await t.db.connection.collection("conversations").countDocuments()).toBe(0);
    });

    it("in Russian, with the same scores", async () => {
      pupil = await pupilIn("ru");
      await pupil.command("questionnaire");
      await pupil.tap(L.ru.riasec);
      expect(pupil.lastText).toBe("1/30 · Как тебе такое занятие?\n\nПочинить велосипед или самокат");
      await answerRiasec(pupil, "ru");
      const [photo, card] = pupil.replies;
      expect(photo!.text).toBe("Интересы — твой профиль\nТвой код: RAI");
      expect(card!.text.split("\n\n")[0]).toBe("Что тебе сейчас ближе всего:");
      expect(card!.text).toContain(
        "1. Практик\nТебе нравится работать руками и видеть результат: починить, построить, вырастить.\nТехника, инструменты, земля и животные — твоя стихия.\nНапример: механизатор, сварщик, электрик, бурильщик, автомеханик, повар",
      );
      expect(card!.text.endsWith("👉 Что хочешь попробовать?")).toBe(true);
      expect(buttonsOf(card!).map((b) => b.text)).toEqual(["Практик", "Творец", "Исследователь", L.ru.menu]);
      const [stored] = await results();
      expect(stored).toMatchObject({ instrument: "riasec@1", locale: "ru", top: ["R", "A", "I", "E", "S", "C"] });
    });
  });

  describe("spheres, completed end to end", () => {
    it.each(["kk", "ru"] as const)("in %s: twenty pairs, a score per sphere, no code", async (lang) => {
      pupil = await pupilIn(lang);
      await pupil.command("questionnaire");
      await pupil.tap(L[lang].spheres);
      const firstItem = {
        kk: "1/20 · Қайсысы саған жақынырақ?\n\n1️⃣ Жылқы фермасында құлындарды күту\n\n2️⃣ Автокөлік қозғалтқышы қалай жұмыс істейтінін түсіну",
        ru: "1/20 · Что тебе ближе?\n\n1️⃣ Ухаживать за жеребятами на конной ферме\n\n2️⃣ Разобраться, как устроен двигатель автомобиля",
      }[lang];
      expect(pupil.lastText).toBe(firstItem);
      expect(pupil.buttons).toEqual(["1️⃣", "2️⃣"]);
      await answerSpheres(pupil);

      const [photo, card] = pupil.replies;
      expect(photo!.kind).toBe("photo");
      expect(photo!.text).toBe({ kk: "Салалар — сенің профилің", ru: "Сферы — твой профиль" }[lang]);
      expect(pngSize(photo!.file!)).toEqual({ width: 1000, height: Math.round((116 + 5 * 62 + 16) * 1.25) });
      expect(buttonsOf(card!).map((b) => b.text)).toEqual(
        { kk: ["Табиғат", "Адамдар", "Шығармашылық", L.kk.menu], ru: ["Природа", "Люди", "Творчество", L.ru.menu] }[lang],
      );
      const [stored] = await results();
      expect(stored).toMatchObject({ instrument: "spheres@1", locale: lang, top: ["nature", "people", "art", "signs", "technology"] });
      expect(stored!.scores).toEqual({ nature: 8, people: 6, art: 4, signs: 2, technology: 0 });
      expect(stored!.answers).toHaveLength(20);
    });
  });

  describe("moving around", () => {
    it("'back' shows the previous item with the earlier answer ticked, and a new answer replaces it", async () => {
      pupil = await pupilIn("ru");
      await pupil.command("questionnaire");
      await pupil.tap(L.ru.riasec);
      await pupil.tap(L.ru.like);
      await pupil.tap(L.ru.like);
      await pupil.tap(L.ru.unsure);
      const fourth = pupil.lastMessage;
      expect(fourth.text).toBe("4/30 · Как тебе такое занятие?\n\nОбъяснить однокласснику трудную тему");

      await pupil.tap(L.ru.back);
      expect(pupil.replies.map((m) => m.text)).toEqual(["3/30 · Как тебе такое занятие?\n\nНарисовать комикс или иллюстрации к книге"]);
      expect(pupil.buttons).toEqual([L.ru.like, `✓ ${L.ru.unsure}`, L.ru.dislike, L.ru.back]);
      expect(buttonsOf(pupil.messages.find((m) => m.messageId === fourth.messageId)!)).toEqual([]);

      await pupil.tap(L.ru.dislike);
      expect(pupil.lastText).toBe("4/30 · Как тебе такое занятие?\n\nОбъяснить однокласснику трудную тему");
      expect(pupil.buttons).toEqual([L.ru.like, L.ru.unsure, L.ru.dislike, L.ru.back]);
      const [run] = await results();
      expect(run!.answers.map((a) => a.value)).toEqual([2, 2, 0]);
      expect(run!.position).toBe(3);
      expect(run!.completedAt).toBeUndefined();

      // Back to the first item, which has no "back".
      await pupil.tap(L.ru.back);
      await pupil.tap(L.ru.back);
      await pupil.tap(L.ru.back);
      expect(pupil.lastText).toBe("1/30 · Как тебе такое занятие?\n\nПочинить велосипед или самокат");
      expect(pupil.buttons).toEqual([`✓ ${L.ru.like}`, L.ru.unsure, L.ru.dislike]);
      expect((await results())[0]!.position).toBe(0);
    });

    it("/cancel keeps the answers; the next start offers to continue or to start over", async () => {
      pupil = await pupilIn("ru");
      await pupil.command("questionnaire");
      await pupil.tap(L.ru.riasec);
      await answerRiasec(pupil, "ru", 0, 5);
      await pupil.command("cancel");
      expect(pupil.replies.map((m) => m.text)).toEqual(["Пауза. Ответы сохранены — продолжишь с того же места: 📝 в меню (/menu)."]);
      const [paused] = await results();
      expect(paused).toMatchObject({ position: 5, instrument: "riasec@1" });
      expect(paused!.completedAt).toBeUndefined();

      // An unfinished run is not a result.
      await pupil.command("results");
      expect(pupil.lastText).toBe("Результатов пока нет. Пройди опросник — это займёт минут пять.");

      await pupil.command("questionnaire");
      expect(pupil.buttons).toEqual(["🧭 Интересы · ▶️ 5/30", L.ru.spheres]);
      await pupil.tap("🧭 Интересы · ▶️ 5/30");
      expect(pupil.lastText).toBe("В опроснике «Интересы» уже 5 из 30 ответов. Продолжим с того же места или начнём заново?");
      expect(pupil.buttons).toEqual(["▶️ Продолжить", "🔄 Начать заново"]);
      await pupil.tap("▶️ Продолжить");
      expect(pupil.replies.map((m) => m.text)).toEqual(["6/30 · Как тебе такое занятие?\n\nВнести данные в таблицу Excel и навести в ней порядок"]);
      await answerRiasec(pupil, "ru", 5, 7);
      expect(pupil.lastText.startsWith("8/30 · ")).toBe(true);

      await pupil.command("questionnaire");
      await pupil.tap("🧭 Интересы · ▶️ 7/30");
      await pupil.tap("🔄 Начать заново");
      expect(pupil.replies.map((m) => m.text)).toEqual([
        "Покажу тебе 30 разных занятий. Про каждое отметь, нравится оно тебе или нет. Не думай, умеешь ли ты это делать, — важно только, хотелось бы тебе этим заниматься.",
        "1/30 · Как тебе такое занятие?\n\nПочинить велосипед или самокат",
      ]);
      const runs = await results();
      expect(runs).toHaveLength(1); // the old run is gone, not kept as a result
      expect(runs[0]).toMatchObject({ position: 0, answers: [] });
      await answerRiasec(pupil, "ru");
      expect(pupil.replies[0]!.kind).toBe("photo");
      expect(await t.deps.models.QuestionnaireResult.countDocuments({ completedAt: { $exists: true } })).toBe(1);
    });

    it("a menu button in the middle leaves the questionnaire; an old item's button then offers to continue", async () => {
      pupil = await pupilIn("ru");
      await pupil.command("menu");
      await pupil.tap("📝 Опросник интересов");
      await pupil.tap(L.ru.riasec);
      await answerRiasec(pupil, "ru", 0, 2);
      await pupil.tap("🔒 Мои данные"); // from the menu message above
      expect(pupil.replies[0]!.text.startsWith("Как Багдар обращается с вашими данными")).toBe(true);

      await pupil.tap(L.ru[ratingFor(2)]); // item 3's buttons are still on screen
      expect(pupil.lastAnswer).toBe("Эта кнопка устарела. Нажмите /start, чтобы получить свежую.");
      expect(pupil.replies.map((m) => m.text)).toEqual(["В опроснике «Интересы» уже 2 из 30 ответов. Продолжим с того же места или начнём заново?"]);
      expect((await results())[0]!.position).toBe(2);
      await pupil.tap("▶️ Продолжить");
      expect(pupil.lastText).toBe("3/30 · Как тебе такое занятие?\n\nНарисовать комикс или иллюстрации к книге");
    });

    it("text, a sticker or a photo instead of a tap gets a gentle reminder and the same item again", async () => {
      pupil = await pupilIn("kk");
      await pupil.command("questionnaire");
      await pupil.tap(L.kk.riasec);
      await pupil.tap(L.kk.like);
      const asked = pupil.lastMessage;
      await pupil.send("сәлем");
      expect(pupil.replies.map((m) => m.text)).toEqual([
        "Сұрақтың астындағы батырмамен жауап бер 🙂 Міне, сұрақ тағы да:",
        "2/30 · Мұндай іс саған ұнай ма?\n\nХимия зертханасында тәжірибе жасау",
      ]);
      expect(pupil.buttons).toEqual([L.kk.like, L.kk.unsure, L.kk.dislike, L.kk.back]);
      expect(buttonsOf(pupil.messages.find((m) => m.messageId === asked.messageId)!)).toEqual([]);
      await pupil.sendSticker();
      expect(pupil.replies.map((m) => m.text)[1]).toBe("2/30 · Мұндай іс саған ұнай ма?\n\nХимия зертханасында тәжірибе жасау");
      await pupil.sendPhoto();
      expect(pupil.replies).toHaveLength(2);
      expect((await results())[0]).toMatchObject({ position: 1 });
      await pupil.tap(L.kk.unsure);
      expect(pupil.lastText.startsWith("3/30 · ")).toBe(true);
      expect((await results())[0]!.answers.map((a) => a.value)).toEqual([2, 1]);
    });

    it("a double tap answers once; the second tap is out of date", async () => {
      pupil = await pupilIn("ru");
      await pupil.command("questionnaire");
      await pupil.tap(L.ru.riasec);
      const first = pupil.lastMessage;
      const data = (buttonsOf(first)[0] as { callback_data: string }).callback_data;
      await pupil.tapData(data, first.messageId);
      expect(pupil.lastText.startsWith("2/30 · ")).toBe(true);
      await pupil.tapData(data, first.messageId);
      expect(pupil.lastAnswer).toBe("Эта кнопка устарела. Нажмите /start, чтобы получить свежую.");
      expect(pupil.replies).toEqual([]);
      expect((await results())[0]).toMatchObject({ position: 1, answers: [{ itemId: "r-bike", value: 2 }] });
    });

    it("after completion an item's button is out of date and changes nothing", async () => {
      pupil = await pupilIn("ru");
      await pupil.command("questionnaire");
      await pupil.tap(L.ru.riasec);
      await answerRiasec(pupil, "ru", 0, 29);
      const last = pupil.lastMessage;
      const [answerButton, , , backButton] = buttonsOf(last) as Array<{ callback_data: string }>;
      await answerRiasec(pupil, "ru", 29);
      const before = await results();

      await pupil.tapData(answerButton!.callback_data, last.messageId);
      expect(pupil.lastAnswer).toBe("Эта кнопка устарела. Нажмите /start, чтобы получить свежую.");
      expect(pupil.replies).toEqual([]);
      await pupil.tapData(backButton!.callback_data, last.messageId);
      expect(pupil.lastAnswer).toBe("Эта кнопка устарела. Нажмите /start, чтобы получить свежую.");
      expect(pupil.replies).toEqual([]);
      // A forged one for the first item of the same run too.
      await pupil.tapData(itemAnswerData.pack({ run: before[0]!._id.toHexString(), i: 0, v: 0 }));
      await pupil.tapData(itemBackData.pack({ run: before[0]!._id.toHexString(), i: 1 }));
      expect(pupil.replies).toEqual([]);
      expect(await results()).toEqual(before);
    });

    it("keeps the stored dialog the same size from the first item to the last", async () => {
      pupil = await pupilIn("ru");
      await pupil.command("questionnaire");
      await pupil.tap(L.ru.riasec);
      const size = async () => {
        const doc = await t.db.connection.collection<{ _id: string; value: string }>("conversations").findOne({ _id: String(pupil.id) });
        return doc!.value.length;
      };
      await answerRiasec(pupil, "ru", 0, 1);
      const early = await size();
      await answerRiasec(pupil, "ru", 1, 28);
      const late = await size();
      // Only numbers get longer (message ids, "28" instead of "2"); nothing piles up per answer.
      expect(late - early).toBeLessThanOrEqual(16);
    });
  });

  describe("results and what comes next", () => {
    it("/results lists every result with its date, newest first, and opens one again", async () => {
      pupil = await pupilIn("ru");
      await pupil.command("questionnaire");
      await pupil.tap(L.ru.riasec);
      await answerRiasec(pupil, "ru");
      t.clock.advance(2 * 24 * 3600 * 1000);
      await pupil.command("questionnaire");
      await pupil.tap(L.ru.spheres);
      await answerSpheres(pupil);

      await pupil.command("results");
      expect(pupil.lastText).toBe(
        [
          "📊 Твои результаты",
          "",
          "• 16 сентября 2026 г. — 🌍 Сферы: Природа, Люди, Творчество",
          "• 14 сентября 2026 г. — 🧭 Интересы (RAI): Практик, Творец, Исследователь",
          "",
          "Пробы подбираются по самому свежему результату.",
        ].join("\n"),
      );
      expect(pupil.buttons).toEqual(["📊 16 сентября 2026 г. · 🌍 Сферы", "📊 14 сентября 2026 г. · 🧭 Интересы", "📝 Пройти опросник"]);
      await pupil.tap("📊 14 сентября 2026 г. · 🧭 Интересы");
      expect(pupil.replies[0]!.kind).toBe("photo");
      expect(pupil.replies[0]!.text).toBe("Интересы — твой профиль\nТвой код: RAI\n14 сентября 2026 г.");
      expect(pupil.replies).toHaveLength(2);

      // The menu's "My results" is the same list.
      await pupil.command("menu");
      await pupil.tap("📊 Мои результаты");
      expect(pupil.lastText.startsWith("📊 Твои результаты")).toBe(true);
    });

    it("'What would you like to try?' shows a direction: where to look and what to ask", async () => {
      pupil = await pupilIn("ru");
      await pupil.command("questionnaire");
      await pupil.tap(L.ru.riasec);
      await answerRiasec(pupil, "ru");
      await pupil.tap("Практик");
      expect(pupil.lastText).toBe(
        [
          "Практик",
          "",
          "Тебе нравится работать руками и видеть результат: починить, построить, вырастить.\nТехника, инструменты, земля и животные — твоя стихия.",
          "",
          "Где попробовать: мастерские колледжа, автосервис, ферма или крестьянское хозяйство, стройка, заводской цех.\nПрофессии: механизатор, сварщик, электрик, бурильщик, автомеханик, повар.",
          "",
          "Пробы по этому направлению появятся здесь, как только педагог их добавит. А пока спроси педагога-профориентатора о ближайших.",
        ].join("\n"),
      );
      expect(pupil.buttons).toEqual([L.ru.menu]);
    });

    it("'dislike' everywhere gets a kind word, no code, and every direction to look at", async () => {
      pupil = await pupilIn("ru");
      await pupil.command("questionnaire");
      await pupil.tap(L.ru.riasec);
      for (let i = 0; i < 30; i++) await pupil.tap(L.ru.dislike);
      const [photo, card] = pupil.replies;
      expect(photo!.text).toBe("Интересы — твой профиль");
      expect(card!.text).toBe(
        [
          "Пока ни одно занятие не зацепило — так бывает, и это нормально. Интересы часто просыпаются, когда пробуешь что-то сам. Загляни в направления ниже — вдруг что-то откликнется.",
          "Это не приговор, а повод подумать и поговорить — с педагогом-профориентатором или с родителями. Лучше всего интересы проверяются на профессиональной пробе.",
          "👉 Что хочешь попробовать?",
        ].join("\n\n"),
      );
      expect(buttonsOf(card!).map((b) => b.text)).toEqual(["Практик", "Исследователь", "Творец", "Помощник", "Организатор", "Хранитель порядка", L.ru.menu]);
    });

    it("is for pupils: a parent gets a clear refusal", async () => {
      const parent = t.user({ languageCode: "ru" });
      await t.deps.models.User.create({ telegramId: parent.id, locale: "ru", roles: ["guardian"], firstName: "Гульнара", onboardedAt: NOW });
      await parent.command("questionnaire");
      expect(parent.lastText).toBe("Извините, это вам недоступно.");
      await parent.command("results");
      expect(parent.lastText).toBe("Извините, это вам недоступно.");
    });
  });
});
