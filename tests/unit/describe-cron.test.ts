import { describe, expect, it } from "vitest";
import { describeCron } from "../../src/bot/describe-cron.js";
import { createI18n } from "../../src/bot/i18n.js";
import type { Locale } from "../../src/db/models/user.js";

const i18n = createI18n("kk");
const inLocale = (locale: Locale) => (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);

const CASES: Array<[string, Record<Locale, string>]> = [
  [
    "0 9 * * *",
    { en: "every day at 09:00", ru: "каждый день в 09:00", kk: "күн сайын, сағат 09:00", ky: "күн сайын, саат 09:00" },
  ],
  [
    "30 8 * * 1-5",
    {
      en: "on weekdays (Monday to Friday) at 08:30",
      ru: "по будням (пн–пт) в 08:30",
      kk: "жұмыс күндері (дүйсенбі–жұма), сағат 08:30",
      ky: "иш күндөрү (дүйшөмбү–жума), саат 08:30",
    },
  ],
  [
    "0 9 * * 1",
    { en: "every Monday at 09:00", ru: "по понедельникам в 09:00", kk: "әр дүйсенбі сайын, сағат 09:00", ky: "ар дүйшөмбү сайын, саат 09:00" },
  ],
  [
    "0 15 * * 2,4",
    {
      en: "every Tuesday and Thursday at 15:00",
      ru: "по вторникам и четвергам в 15:00",
      kk: "әр сейсенбі және бейсенбі сайын, сағат 15:00",
      ky: "ар шейшемби жана бейшемби сайын, саат 15:00",
    },
  ],
  [
    "0 8,13 * * 1,3,5",
    {
      en: "every Monday, Wednesday and Friday at 08:00 and 13:00",
      ru: "по понедельникам, средам и пятницам в 08:00 и 13:00",
      kk: "әр дүйсенбі, сәрсенбі және жұма сайын, сағат 08:00 және 13:00",
      ky: "ар дүйшөмбү, шаршемби жана жума сайын, саат 08:00 жана 13:00",
    },
  ],
  [
    "0 10 * * 6,0",
    {
      en: "on Saturdays and Sundays at 10:00",
      ru: "по субботам и воскресеньям в 10:00",
      kk: "сенбі мен жексенбі күндері, сағат 10:00",
      ky: "ишемби жана жекшемби күндөрү, саат 10:00",
    },
  ],
  ["*/15 * * * *", { en: "every 15 minutes", ru: "каждые 15 минут", kk: "әр 15 минут сайын", ky: "ар 15 мүнөт сайын" }],
  ["*/2 * * * *", { en: "every 2 minutes", ru: "каждые 2 минуты", kk: "әр 2 минут сайын", ky: "ар 2 мүнөт сайын" }],
  ["* * * * *", { en: "every minute", ru: "каждую минуту", kk: "әр минут сайын", ky: "ар мүнөт сайын" }],
  ["0 * * * *", { en: "every hour", ru: "каждый час", kk: "әр сағат сайын", ky: "ар саат сайын" }],
  ["0 */3 * * *", { en: "every 3 hours", ru: "каждые 3 часа", kk: "әр 3 сағат сайын", ky: "ар 3 саат сайын" }],
  ["0 */6 * * *", { en: "every 6 hours", ru: "каждые 6 часов", kk: "әр 6 сағат сайын", ky: "ар 6 саат сайын" }],
  [
    "0 18 1 * *",
    {
      en: "on day 1 of every month at 18:00",
      ru: "1-го числа каждого месяца в 18:00",
      kk: "әр айдың 1-күні, сағат 18:00",
      ky: "ар айдын 1-күнү, саат 18:00",
    },
  ],
  [
    "0 9 L * *",
    {
      en: "on the last day of every month at 09:00",
      ru: "в последний день каждого месяца в 09:00",
      kk: "әр айдың соңғы күні, сағат 09:00",
      ky: "ар айдын акыркы күнү, саат 09:00",
    },
  ],
  [
    "5  4 * 1   *",
    {
      en: "by the cron schedule 5 4 * 1 *",
      ru: "по расписанию cron 5 4 * 1 *",
      kk: "cron кестесі бойынша: 5 4 * 1 *",
      ky: "cron жадыбалы боюнча: 5 4 * 1 *",
    },
  ],
];

describe("describeCron", () => {
  it.each(CASES)("reads %s in every language", (expression, expected) => {
    for (const locale of ["en", "ru", "kk", "ky"] as const) expect(describeCron(expression, inLocale(locale)), locale).toBe(expected[locale]);
  });

  it("shows anything it cannot put in words verbatim, even an invalid expression", () => {
    expect(describeCron("0 9 * * 5#2", inLocale("en"))).toBe("by the cron schedule 0 9 * * 5#2");
    expect(describeCron("whenever", inLocale("ru"))).toBe("по расписанию cron whenever");
  });
});
