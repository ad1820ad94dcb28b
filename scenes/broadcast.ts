import { InlineKeyboard } from "grammy";
import { Types } from "mongoose";
import {
  broadcastClassData,
  broadcastConfirmData,
  broadcastCountData,
  broadcastGradeData,
  broadcastRolesData,
  broadcastScopeData,
  broadcastTrialData,
  broadcastWhenData,
} from "../src/bot/callback-data/broadcast.js";
import type { BagdarConversation, SceneContext } from "../src/bot/context.js";
import { describeCron } from "../src/bot/describe-cron.js";
import { entitiesToHtml } from "../src/bot/entities-to-html.js";
import { escapeHtml } from "../src/bot/format.js";
import { zoneLabel } from "../src/bot/keyboards/admin.js";
import { audienceLabel, broadcastCard, dateAndTime, type AudienceWho, type Reading } from "../src/bot/keyboards/broadcast.js";
import type { BroadcastAudienceRole } from "../src/db/models/broadcast.js";
import type { Locale } from "../src/db/models/user.js";
import { checkBroadcastCron, checkBroadcastText, parseSendTime } from "../src/domain/broadcast.js";
import { checkClassLetter, checkGrade, MAX_GRADE, MIN_GRADE } from "../src/domain/profile.js";
import { zonedParts } from "../src/domain/zoned-time.js";
import type { BroadcastSetup, CreateBroadcastInput } from "../src/services/broadcasts.js";
import { attempt, run, step, type Plain } from "./kit.js";

type Setup = Plain<BroadcastSetup>;
type Scope = { kind: "school" } | { kind: "grade"; grade: number } | { kind: "class"; grade: number; letter: string } | { kind: "trial"; trialId: string; title: string };

interface Audience {
  who: AudienceWho;
  scope: Scope;
}

const ROLES: Record<AudienceWho, BroadcastAudienceRole[]> = { students: ["student"], guardians: ["guardian"], both: ["student", "guardian"] };
const CLASS_BUTTONS_MAX = 40;
const EXPECT_BUTTON = "broadcast-expect-button";

/** The audience as the service takes it; ids become ObjectIds only inside `attempt`, never in scene state. */
function audienceInput(audience: Audience): CreateBroadcastInput["audience"] {
  const { scope } = audience;
  return {
    roles: ROLES[audience.who],
    ...(scope.kind === "grade" || scope.kind === "class" ? { grade: scope.grade } : {}),
    ...(scope.kind === "class" ? { classLetter: scope.letter } : {}),
    ...(scope.kind === "trial" ? { trialId: new Types.ObjectId(scope.trialId) } : {}),
  };
}

function labelOf(audience: Audience, t: SceneContext["t"]): string {
  const { scope } = audience;
  return audienceLabel(
    {
      roles: ROLES[audience.who],
      grade: scope.kind === "grade" || scope.kind === "class" ? scope.grade : undefined,
      classLetter: scope.kind === "class" ? scope.letter : undefined,
      trialId: scope.kind === "trial" ? scope.trialId : undefined,
    },
    scope.kind === "trial" ? scope.title : undefined,
    t,
  );
}

/** "9Б", "9 б", "9-Б" → grade and letter. */
function parseClass(typed: string): { grade: number; letter: string } | undefined {
  const match = /^(\d{1,2})\s*[-–]?\s*(\S)$/u.exec(typed.normalize("NFC").trim());
  if (!match) return undefined;
  const grade = checkGrade(match[1]!);
  const letter = checkClassLetter(match[2]!);
  return grade !== undefined && letter ? { grade, letter } : undefined;
}

function shortDate(at: string, timeZone: string): string {
  const wall = zonedParts(new Date(at), timeZone);
  return `${String(wall.day).padStart(2, "0")}.${String(wall.month).padStart(2, "0")}`;
}

async function askScope(conversation: BagdarConversation, ctx: SceneContext, setup: Setup): Promise<Scope> {
  const withTrials = setup.trials.length > 0;
  const kind = await step(conversation, ctx, {
    ask: (c) => {
      const keyboard = new InlineKeyboard()
        .text(c.t("broadcast-scope-school"), broadcastScopeData.pack({ scope: "school" }))
        .row()
        .text(c.t("broadcast-scope-grade"), broadcastScopeData.pack({ scope: "grade" }))
        .text(c.t("broadcast-scope-class"), broadcastScopeData.pack({ scope: "class" }));
      if (withTrials) keyboard.row().text(c.t("broadcast-scope-trial"), broadcastScopeData.pack({ scope: "trial" }));
      return c.reply(c.t("broadcast-scope-ask"), { reply_markup: keyboard });
    },
    button: (data) => {
      const scope = broadcastScopeData.unpack(data)?.scope;
      return scope === "trial" && !withTrials ? undefined : scope;
    },
    expected: EXPECT_BUTTON,
  });
  switch (kind) {
    case "school":
      return { kind: "school" };
    case "grade": {
      const keyboard = new InlineKeyboard();
      for (let grade = MIN_GRADE; grade <= MAX_GRADE; grade++) keyboard.text(String(grade), broadcastGradeData.pack({ grade }));
      const grade = await step(conversation, ctx, {
        ask: (c) => c.reply(c.t("broadcast-grade-ask"), { reply_markup: keyboard }),
        button: (data) => broadcastGradeData.unpack(data)?.grade,
        text: (typed) => {
          const value = checkGrade(typed);
          return value !== undefined ? { ok: true, value } : { ok: false, errorKey: "broadcast-grade-invalid" };
        },
        expected: EXPECT_BUTTON,
      });
      return { kind: "grade", grade };
    }
    case "class": {
      const shown = setup.classes.slice(0, CLASS_BUTTONS_MAX);
      const keyboard = new InlineKeyboard();
      shown.forEach((c, i) => {
        keyboard.text(`${c.grade}${c.letter}`, broadcastClassData.pack({ grade: c.grade, letter: c.letter }));
        if (i % 4 === 3) keyboard.row();
      });
      const picked = await step(conversation, ctx, {
        ask: (c) => c.reply(c.t(shown.length > 0 ? "broadcast-class-ask" : "broadcast-class-ask-typed"), shown.length > 0 ? { reply_markup: keyboard } : {}),
        button: (data) => {
          const value = broadcastClassData.unpack(data);
          return value && shown.some((c) => c.grade === value.grade && c.letter === value.letter) ? value : undefined;
        },
        text: (typed) => {
          const value = parseClass(typed);
          return value ? { ok: true, value } : { ok: false, errorKey: "broadcast-class-invalid" };
        },
        expected: "broadcast-class-expected",
      });
      return { kind: "class", grade: picked.grade, letter: picked.letter };
    }
    case "trial": {
      const trial = await step(conversation, ctx, {
        ask: (c) =>
          c.reply(c.t("broadcast-trial-ask"), {
            reply_markup: InlineKeyboard.from(
              setup.trials.map((trial) => [
                InlineKeyboard.text(`${trial.title.slice(0, 40)} · ${shortDate(trial.startsAt, setup.timezone)}`, broadcastTrialData.pack({ trial: trial.id })),
              ]),
            ),
          }),
        button: (data) => {
          const id = broadcastTrialData.unpack(data)?.trial;
          return setup.trials.find((trial) => trial.id === id);
        },
        expected: EXPECT_BUTTON,
      });
      return { kind: "trial", trialId: trial.id, title: trial.title };
    }
  }
}

/** Steps 1–3: whom, where in the school, and how many that is right now. */
async function askAudience(conversation: BagdarConversation, ctx: SceneContext, setup: Setup): Promise<Audience | undefined> {
  for (;;) {
    const who = await step(conversation, ctx, {
      ask: (c) =>
        c.reply(c.t("broadcast-audience-ask"), {
          reply_markup: new InlineKeyboard()
            .text(c.t("broadcast-audience-students"), broadcastRolesData.pack({ who: "students" }))
            .text(c.t("broadcast-audience-guardians"), broadcastRolesData.pack({ who: "guardians" }))
            .row()
            .text(c.t("broadcast-audience-both"), broadcastRolesData.pack({ who: "both" })),
        }),
      button: (data) => broadcastRolesData.unpack(data)?.who,
      expected: EXPECT_BUTTON,
    });
    const audience: Audience = { who, scope: await askScope(conversation, ctx, setup) };
    const counted = await attempt(conversation, (c) =>
      c.deps.services.broadcasts.countAudience(c.user, new Types.ObjectId(setup.schoolId), audienceInput(audience)),
    );
    if (!counted.ok) {
      await ctx.reply(ctx.t(`errors-${counted.code}`));
      return undefined;
    }
    const { total, students, guardians } = counted.value;
    const choice = await step(conversation, ctx, {
      ask: (c) => {
        const change = InlineKeyboard.text(c.t("broadcast-count-change"), broadcastCountData.pack({ choice: "change" }));
        if (total === 0) return c.reply(c.t("broadcast-count-none", { audience: labelOf(audience, c.t) }), { reply_markup: InlineKeyboard.from([[change]]) });
        const next = InlineKeyboard.text(c.t("broadcast-count-continue"), broadcastCountData.pack({ choice: "ok" }));
        return c.reply(c.t("broadcast-count", { audience: labelOf(audience, c.t), total, students, guardians }), {
          reply_markup: InlineKeyboard.from([[next], [change]]),
        });
      },
      // With nobody to reach, "Continue" is not offered, and a forged one is refused as well.
      button: (data) => {
        const value = broadcastCountData.unpack(data)?.choice;
        return value === "ok" && total === 0 ? undefined : value;
      },
      expected: EXPECT_BUTTON,
    });
    if (choice === "ok") return audience;
  }
}

/** Step 4: the text, with the teacher's formatting kept as HTML. */
function askText(conversation: BagdarConversation, ctx: SceneContext): Promise<string> {
  return step(conversation, ctx, {
    ask: (c) => c.reply(c.t("broadcast-text-ask")),
    text: (typed, c) => {
      const html = entitiesToHtml(typed, c.message?.entities ?? []);
      const check = checkBroadcastText(typed, html);
      if (check.ok) return { ok: true, value: html };
      return { ok: false, errorKey: `broadcast-text-${check.reason}`, params: { length: check.length } };
    },
    expected: "broadcast-text-expected",
  });
}

function confirmKeyboard(t: SceneContext["t"], changeKey: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("broadcast-confirm-yes"), broadcastConfirmData.pack({ choice: "yes" }))
    .row()
    .text(t(changeKey), broadcastConfirmData.pack({ choice: "change" }))
    .text(t("broadcast-cancel"), broadcastConfirmData.pack({ choice: "cancel" }));
}

type Planned = { kind: "now" } | { kind: "at"; at: string } | { kind: "cron"; cron: string } | "cancel";

/** "At a date and time": typed in the school's zone, read back, confirmed. */
async function askTime(conversation: BagdarConversation, ctx: SceneContext, setup: Setup, audience: Audience, reading: Omit<Reading, "t">): Promise<Planned> {
  const now = await run(conversation, async (c) => c.deps.clock.now());
  const tomorrow = zonedParts(new Date(new Date(now).getTime() + 24 * 60 * 60 * 1000), setup.timezone);
  const day = `${String(tomorrow.day).padStart(2, "0")}.${String(tomorrow.month).padStart(2, "0")}`;
  // A January date of next year: always within the year ahead that a broadcast may be scheduled in.
  const example = { example: `${day} 18:00`, exampleYear: `10.01.${zonedParts(new Date(now), setup.timezone).year + 1} 09:00` };
  for (;;) {
    const at = await step(conversation, ctx, {
      ask: (c) => c.reply(c.t("broadcast-at-ask", { zone: zoneLabel(setup.timezone, c.t), ...example })),
      text: async (typed) => {
        const check = await run(conversation, async (c) => parseSendTime(typed, c.deps.clock.now(), setup.timezone));
        return check.ok ? { ok: true, value: check.at } : { ok: false, errorKey: `broadcast-at-${check.reason}`, params: { example: example.example } };
      },
      expected: "broadcast-at-expected",
    });
    const choice = await step(conversation, ctx, {
      ask: (c) =>
        c.reply(c.t("broadcast-at-confirm", { audience: labelOf(audience, c.t), zone: zoneLabel(setup.timezone, c.t), ...dateAndTime(at, { ...reading, t: c.t }) }), {
          reply_markup: confirmKeyboard(c.t, "broadcast-confirm-change-time"),
        }),
      button: (data) => broadcastConfirmData.unpack(data)?.choice,
      expected: EXPECT_BUTTON,
    });
    if (choice === "yes") return { kind: "at", at };
    if (choice === "cancel") return "cancel";
  }
}

/** "Repeat on a schedule": a cron expression, read back in words with its first run, confirmed. */
async function askCron(conversation: BagdarConversation, ctx: SceneContext, setup: Setup, audience: Audience, reading: Omit<Reading, "t">): Promise<Planned> {
  for (;;) {
    const checked = await step(conversation, ctx, {
      ask: (c) => c.reply(c.t("broadcast-cron-ask", { zone: escapeHtml(zoneLabel(setup.timezone, c.t)) }), { parse_mode: "HTML" }),
      text: async (typed) => {
        const check = await run(conversation, async (c) => checkBroadcastCron(typed, c.deps.clock.now(), setup.timezone));
        return check.ok ? { ok: true, value: check } : { ok: false, errorKey: `broadcast-cron-${check.reason}` };
      },
      expected: "broadcast-cron-expected",
    });
    const choice = await step(conversation, ctx, {
      ask: (c) =>
        c.reply(
          c.t("broadcast-cron-confirm", {
            schedule: describeCron(checked.cron, c.t),
            zone: zoneLabel(setup.timezone, c.t),
            audience: labelOf(audience, c.t),
            ...dateAndTime(checked.first, { ...reading, t: c.t }),
          }),
          { reply_markup: confirmKeyboard(c.t, "broadcast-confirm-change-schedule") },
        ),
      button: (data) => broadcastConfirmData.unpack(data)?.choice,
      expected: EXPECT_BUTTON,
    });
    if (choice === "yes") return { kind: "cron", cron: checked.cron };
    if (choice === "cancel") return "cancel";
  }
}

/** Step 5: the message exactly as recipients will get it, then when it goes out. */
async function askWhen(conversation: BagdarConversation, ctx: SceneContext, html: string, audience: Audience): Promise<"now" | "at" | "cron" | "edit" | "cancel"> {
  await ctx.reply(ctx.t("broadcast-preview-intro", { audience: labelOf(audience, ctx.t) }));
  // The same text and parse mode the outbox will send: what the teacher sees is what arrives.
  await ctx.reply(html, { parse_mode: "HTML" });
  return step(conversation, ctx, {
    ask: (c) =>
      c.reply(c.t("broadcast-when-ask"), {
        reply_markup: new InlineKeyboard()
          .text(c.t("broadcast-when-now"), broadcastWhenData.pack({ choice: "now" }))
          .row()
          .text(c.t("broadcast-when-at"), broadcastWhenData.pack({ choice: "at" }))
          .row()
          .text(c.t("broadcast-when-cron"), broadcastWhenData.pack({ choice: "cron" }))
          .row()
          .text(c.t("broadcast-when-edit"), broadcastWhenData.pack({ choice: "edit" }))
          .text(c.t("broadcast-cancel"), broadcastWhenData.pack({ choice: "cancel" })),
      }),
    button: (data) => broadcastWhenData.unpack(data)?.choice,
    expected: EXPECT_BUTTON,
  });
}

/**
 * A teacher's broadcast: audience → scope → recipient count → text → preview → now, at a time,
 * or on a schedule → the card with the live delivery report. Nothing is stored before the last
 * confirmation, and the service checks the teacher's school again when it stores.
 */
export async function broadcast(conversation: BagdarConversation, ctx: SceneContext): Promise<void> {
  const prepared = await attempt(conversation, (c) => c.deps.services.broadcasts.setup(c.user));
  if (!prepared.ok) {
    await ctx.reply(ctx.t(`errors-${prepared.code}`));
    return;
  }
  const setup = prepared.value;
  const reading = { locale: (await ctx.i18n.getLocale()) as Locale, timeZone: setup.timezone };

  const audience = await askAudience(conversation, ctx, setup);
  if (!audience) return;
  text: for (;;) {
    const html = await askText(conversation, ctx);
    for (;;) {
      const when = await askWhen(conversation, ctx, html, audience);
      if (when === "edit") continue text;
      const plan: Planned =
        when === "at"
          ? await askTime(conversation, ctx, setup, audience, reading)
          : when === "cron"
            ? await askCron(conversation, ctx, setup, audience, reading)
            : when === "now"
              ? { kind: "now" }
              : "cancel";
      if (plan === "cancel") {
        await ctx.reply(ctx.t("broadcast-dialog-cancelled"));
        return;
      }
      const created = await attempt(conversation, (c) =>
        c.deps.services.broadcasts.createBroadcast(c.user, {
          schoolId: new Types.ObjectId(setup.schoolId),
          audience: audienceInput(audience),
          text: html,
          parseMode: "HTML",
          schedule: plan.kind === "at" ? { kind: "at", at: new Date(plan.at) } : plan,
        }),
      );
      if (!created.ok) {
        // The moment typed a while ago may have passed while the teacher was confirming: choose again.
        if (created.code === "invalid-input" && plan.kind === "at") {
          await ctx.reply(ctx.t("broadcast-at-past"));
          continue;
        }
        await ctx.reply(ctx.t(`errors-${created.code}`));
        return;
      }
      const notice = ctx.t(plan.kind === "now" ? "broadcast-started" : "broadcast-scheduled");
      const card = broadcastCard(created.value.broadcast, { ...reading, t: ctx.t }, notice);
      await ctx.reply(card.text, { reply_markup: card.keyboard });
      return;
    }
  }
}
