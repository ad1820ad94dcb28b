import { InlineKeyboard } from "grammy";
import { Types } from "mongoose";
import { languageData } from "../src/bot/callback-data/language.js";
import { confirmProfileData, gradeData, laterData, roleData, schoolData, schoolSearchAgainData } from "../src/bot/callback-data/onboarding.js";
import type { BagdarConversation, SceneContext } from "../src/bot/context.js";
import { loadMenuSummary, replyWithMenu } from "../src/bot/features/menu.js";
import { showPrivacyNotice } from "../src/bot/features/privacy.js";
import { languageKeyboard } from "../src/bot/keyboards/language.js";
import type { Locale } from "../src/db/models/user.js";
import { extractInviteCode } from "../src/domain/invite-code.js";
import { checkClassLetter, checkGrade, checkPersonName, MAX_GRADE, MIN_GRADE } from "../src/domain/profile.js";
import { attempt, run, step } from "./kit.js";
import { linkWithCode } from "./link-guardian.js";

interface SchoolChoice {
  id: string;
  name: string;
}

interface Draft {
  firstName: string;
  lastName: string;
  school: SchoolChoice;
  grade: number;
  classLetter: string;
}

type Field = Exclude<keyof Draft, never>;

const SCHOOL_BUTTONS_MAX = 8;

function schoolKeyboard(schools: SchoolChoice[], t: SceneContext["t"], withSearchAgain: boolean): InlineKeyboard {
  const rows = schools.map((school) => [InlineKeyboard.text(school.name, schoolData.pack({ id: school.id }))]);
  if (withSearchAgain) rows.push([InlineKeyboard.text(t("onboarding-school-search-again"), schoolSearchAgainData.pack({}))]);
  return InlineKeyboard.from(rows);
}

function askName(conversation: BagdarConversation, ctx: SceneContext, question: string): Promise<string> {
  return step(conversation, ctx, {
    ask: (c) => c.reply(c.t(question)),
    text: (typed) => {
      const check = checkPersonName(typed);
      return check.ok ? { ok: true, value: check.value } : { ok: false, errorKey: `onboarding-name-${check.reason}` };
    },
    expected: "onboarding-text-expected",
  });
}

/** Typed part of a name or number → matching schools as buttons; few schools are offered straight away. */
async function askSchool(conversation: BagdarConversation, ctx: SceneContext): Promise<SchoolChoice> {
  const shown = new Map<string, SchoolChoice>();
  const remember = (list: SchoolChoice[]) => list.forEach((s) => shown.set(s.id, s));
  const all = await run(conversation, async (c) => (await c.deps.services.schools.list()).map((s) => ({ id: s.id.toHexString(), name: s.name })));
  const offerAll = all.length <= SCHOOL_BUTTONS_MAX;
  if (offerAll) remember(all);

  type Answer = { pick: SchoolChoice } | { query: string };
  const pick = (data: string): Answer | undefined => {
    const id = schoolData.unpack(data)?.id;
    const school = id ? shown.get(id) : undefined;
    return school ? { pick: school } : undefined;
  };
  const query = (typed: string) => ({ ok: true as const, value: { query: typed } as Answer });

  let answer: Answer = await step<Answer>(conversation, ctx, {
    ask: (c) => c.reply(c.t("onboarding-school"), offerAll && all.length > 0 ? { reply_markup: schoolKeyboard(all, c.t, false) } : {}),
    button: pick,
    text: query,
    expected: "onboarding-text-expected",
  });
  for (;;) {
    if ("pick" in answer) return answer.pick;
    const typed = answer.query;
    const found = await run(conversation, async (c) =>
      (await c.deps.services.schools.search(typed, SCHOOL_BUTTONS_MAX)).map((s) => ({ id: s.id.toHexString(), name: s.name })),
    );
    remember(found);
    if (found.length === 0) {
      answer = await step<Answer>(conversation, ctx, {
        ask: (c) => c.reply(c.t("onboarding-school-none", { query: typed.slice(0, 60) })),
        button: pick,
        text: query,
        expected: "onboarding-text-expected",
      });
      continue;
    }
    answer = await step<Answer>(conversation, ctx, {
      ask: (c) => c.reply(c.t("onboarding-school-found"), { reply_markup: schoolKeyboard(found, c.t, true) }),
      button: (data) => (schoolSearchAgainData.unpack(data) ? { query: "" } : pick(data)),
      text: query,
      expected: "onboarding-use-buttons",
    });
    if ("query" in answer && answer.query === "") {
      answer = await step<Answer>(conversation, ctx, {
        ask: (c) => c.reply(c.t("onboarding-school")),
        button: pick,
        text: query,
        expected: "onboarding-text-expected",
      });
    }
  }
}

function askGrade(conversation: BagdarConversation, ctx: SceneContext): Promise<number> {
  const keyboard = new InlineKeyboard();
  for (let grade = MIN_GRADE; grade <= MAX_GRADE; grade++) keyboard.text(String(grade), gradeData.pack({ grade }));
  return step(conversation, ctx, {
    ask: (c) => c.reply(c.t("onboarding-grade"), { reply_markup: keyboard }),
    button: (data) => gradeData.unpack(data)?.grade,
    text: (typed) => {
      const grade = checkGrade(typed);
      return grade !== undefined ? { ok: true, value: grade } : { ok: false, errorKey: "onboarding-grade-invalid" };
    },
    expected: "onboarding-use-buttons",
  });
}

function askClassLetter(conversation: BagdarConversation, ctx: SceneContext): Promise<string> {
  return step(conversation, ctx, {
    ask: (c) => c.reply(c.t("onboarding-class-letter")),
    text: (typed) => {
      const letter = checkClassLetter(typed);
      return letter ? { ok: true, value: letter } : { ok: false, errorKey: "onboarding-class-letter-invalid" };
    },
    expected: "onboarding-text-expected",
  });
}

async function askField(conversation: BagdarConversation, ctx: SceneContext, field: Field, draft: Partial<Draft>): Promise<void> {
  switch (field) {
    case "firstName":
      draft.firstName = await askName(conversation, ctx, "onboarding-first-name");
      return;
    case "lastName":
      draft.lastName = await askName(conversation, ctx, "onboarding-last-name");
      return;
    case "school":
      draft.school = await askSchool(conversation, ctx);
      return;
    case "grade":
      draft.grade = await askGrade(conversation, ctx);
      return;
    case "classLetter":
      draft.classLetter = await askClassLetter(conversation, ctx);
      return;
  }
}

function confirmation(ctx: SceneContext, draft: Draft) {
  const fix = (field: Field) => confirmProfileData.pack({ field });
  const keyboard = new InlineKeyboard()
    .text(ctx.t("onboarding-fix-first-name"), fix("firstName"))
    .text(ctx.t("onboarding-fix-last-name"), fix("lastName"))
    .row()
    .text(ctx.t("onboarding-fix-school"), fix("school"))
    .row()
    .text(ctx.t("onboarding-fix-grade"), fix("grade"))
    .text(ctx.t("onboarding-fix-class-letter"), fix("classLetter"))
    .row()
    .text(ctx.t("onboarding-confirm-yes"), confirmProfileData.pack({ field: "ok" }));
  const text = ctx.t("onboarding-confirm", {
    firstName: draft.firstName,
    lastName: draft.lastName,
    school: draft.school.name,
    class: `${draft.grade}${draft.classLetter}`,
  });
  return { text, keyboard };
}

/** The pupil's profile, asked field by field, confirmed, then saved in one write. */
async function studentOnboarding(conversation: BagdarConversation, ctx: SceneContext, locale: Locale): Promise<void> {
  const draft: Partial<Draft> = {};
  for (const field of ["firstName", "lastName", "school", "grade", "classLetter"] as const) await askField(conversation, ctx, field, draft);
  for (;;) {
    const complete = draft as Draft;
    const choice = await step(conversation, ctx, {
      ask: (c) => {
        const { text, keyboard } = confirmation(c, complete);
        return c.reply(text, { reply_markup: keyboard });
      },
      button: (data) => confirmProfileData.unpack(data)?.field,
      expected: "onboarding-use-buttons",
    });
    if (choice === "ok") break;
    await askField(conversation, ctx, choice, draft);
  }
  const profile = draft as Draft;
  const saved = await attempt(conversation, (c) =>
    c.deps.services.onboarding.registerStudent(c.from!.id, locale, {
      firstName: profile.firstName,
      lastName: profile.lastName,
      schoolId: new Types.ObjectId(profile.school.id),
      grade: profile.grade,
      classLetter: profile.classLetter,
    }),
  );
  if (!saved.ok) {
    await ctx.reply(ctx.t(`errors-${saved.code}`));
    return;
  }
  await ctx.reply(ctx.t("onboarding-student-done", { firstName: profile.firstName }));
  await showPrivacyNotice(ctx);
}

/** A parent: the role, then the child's code now or later. */
async function guardianOnboarding(conversation: BagdarConversation, ctx: SceneContext, locale: Locale): Promise<void> {
  await run(conversation, (c) => c.deps.services.onboarding.registerGuardian(c.from!.id, locale, c.from!.first_name));
  await ctx.reply(ctx.t("onboarding-guardian-done"));
  await showPrivacyNotice(ctx);
  const code = await step<string | null>(conversation, ctx, {
    ask: (c) =>
      c.reply(c.t("link-enter-code"), { reply_markup: new InlineKeyboard().text(c.t("onboarding-later"), laterData.pack({})) }),
    button: (data) => (laterData.unpack(data) ? null : undefined),
    text: (typed) => {
      const found = extractInviteCode(typed);
      return found ? { ok: true, value: found } : { ok: false, errorKey: "link-code-invalid" };
    },
    expected: "link-code-invalid",
  });
  if (code) await linkWithCode(conversation, ctx, code);
}

/** /start for someone new: language, role, profile, privacy notice, menu. Nothing is stored before the answers are complete. */
export async function onboarding(conversation: BagdarConversation, ctx: SceneContext): Promise<void> {
  const preselected = (await ctx.i18n.getLocale()) as Locale;
  const locale = await step(conversation, ctx, {
    ask: (c) => c.reply(`${c.t("start-greeting")}\n\n${c.t("language-prompt")}`, { reply_markup: languageKeyboard(preselected) }),
    button: (data) => languageData.unpack(data)?.locale,
    expected: "onboarding-use-buttons",
  });
  await run(conversation, (c) => c.deps.services.users.setLocale(c.from!.id, locale));
  ctx.i18n.useLocale(locale);

  const role = await step(conversation, ctx, {
    ask: (c) =>
      c.reply(c.t("onboarding-role"), {
        reply_markup: new InlineKeyboard()
          .text(c.t("onboarding-role-student"), roleData.pack({ role: "student" }))
          .row()
          .text(c.t("onboarding-role-guardian"), roleData.pack({ role: "guardian" })),
      }),
    button: (data) => roleData.unpack(data)?.role,
    expected: "onboarding-use-buttons",
  });
  if (role === "student") await studentOnboarding(conversation, ctx, locale);
  else await guardianOnboarding(conversation, ctx, locale);

  const summary = await run(conversation, (c) => loadMenuSummary(c.deps.services, c.from!.id));
  if (summary.roles.length > 0) await replyWithMenu(ctx, summary);
}
