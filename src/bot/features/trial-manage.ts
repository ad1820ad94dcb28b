import { Composer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { Types } from "mongoose";
import { TRIAL_CREATE_SCENE, TRIAL_EDIT_SCENE } from "../../../scenes/ids.js";
import { ACTIVE_REGISTRATION_STATUSES } from "../../db/models/registration.js";
import { requireRole, type Actor } from "../../services/authorization.js";
import { NotAllowed, NotFound } from "../../services/errors.js";
import { TrialInvalid } from "../../services/trials.js";
import type { UserView } from "../../services/users.js";
import { trialActionData, trialListData, trialOpenData } from "../callback-data/trials.js";
import type { BagdarContext, BotDeps } from "../context.js";
import { cancelTrialScreen, invalidFieldText, schoolTrialsScreen, teacherTrialScreen, type TeacherTrialCard } from "../keyboards/trial-manage.js";
import { renderScreen } from "../screen.js";

/** The teacher's side of trials: the school's list with fill level, a trial's card, publish, edit, duplicate, cancel. */
export const trialManageFeature = new Composer<BagdarContext>();
const privateChats = trialManageFeature.chatType("private");

/** A teacher with a school. Hiding the menu button is not the guard: an old or forged button is refused here too. */
function asTeacher(ctx: BagdarContext): Actor & { teacherSchoolId: Types.ObjectId } {
  const teacher = requireRole(ctx.user, "teacher");
  if (!teacher.teacherSchoolId) throw new NotAllowed("teacher without a school");
  return teacher as Actor & { teacherSchoolId: Types.ObjectId };
}

/**
 * One trial as its card needs it. The roster service re-checks that the trial belongs to the
 * teacher's school, so a forged id of another school's trial is refused with "not allowed".
 */
export async function loadTeacherCard(ctx: { deps: BotDeps; user: UserView | null; me: UserFromGetMe }, trialId: Types.ObjectId): Promise<TeacherTrialCard> {
  const { services } = ctx.deps;
  const { trial, entries } = await services.registrations.roster(ctx.user, trialId);
  const schoolNames = await Promise.all(
    trial.schoolIds.map(async (id) => {
      try {
        return (await services.schools.get(id)).name;
      } catch (error) {
        if (error instanceof NotFound) return "—";
        throw error;
      }
    }),
  );
  const { id, schoolId: _school, schoolIds: _schools, createdBy: _by, ...text } = trial;
  const active: readonly string[] = ACTIVE_REGISTRATION_STATUSES;
  return {
    id: id.toHexString(),
    trial: text,
    waitlisted: entries.filter((e) => e.status === "waitlisted").length,
    active: entries.filter((e) => active.includes(e.status)).length,
    schoolNames,
    botUsername: ctx.me.username,
  };
}

const reading = (ctx: BagdarContext) => ({ t: ctx.t, locale: ctx.user!.locale });

/**
 * "🗂 School trials" (and /trials for teachers): the school's trials with status and fill level.
 * From the menu it comes as a new message; from a card it replaces the card.
 */
export async function showSchoolTrials(ctx: BagdarContext, how: "reply" | "replace" = "reply"): Promise<void> {
  const teacher = asTeacher(ctx);
  const { trials, schools } = ctx.deps.services;
  const list = await trials.listForSchool(teacher);
  const school = await schools.get(teacher.teacherSchoolId);
  const screen = schoolTrialsScreen(
    list.map((line) => ({ ...line, id: line.id.toHexString() })),
    { ...reading(ctx), timeZone: school.timezone },
  );
  if (how === "replace") return renderScreen(ctx, screen);
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

/** "➕ New trial": the create dialog, for teachers only. */
export async function startNewTrial(ctx: BagdarContext): Promise<void> {
  asTeacher(ctx);
  await ctx.conversation.enter(TRIAL_CREATE_SCENE);
}

privateChats.callbackQuery(trialListData.filter, async (ctx) => {
  if (!trialListData.unpack(ctx.callbackQuery.data)) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  asTeacher(ctx);
  await ctx.answerCallbackQuery();
  await showSchoolTrials(ctx, "replace");
});

/** A trial's teacher card as a new message (from a `/start trial-<id>` link); another school's trial is refused. */
export async function showTeacherTrialCard(ctx: BagdarContext, trialId: string): Promise<void> {
  asTeacher(ctx);
  const card = await loadTeacherCard(ctx, new Types.ObjectId(trialId));
  const screen = teacherTrialScreen(card, reading(ctx));
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

privateChats.callbackQuery(trialOpenData.filter, async (ctx) => {
  const data = trialOpenData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  asTeacher(ctx);
  const card = await loadTeacherCard(ctx, new Types.ObjectId(data.trial));
  await ctx.answerCallbackQuery();
  await renderScreen(ctx, teacherTrialScreen(card, reading(ctx)));
});

privateChats.callbackQuery(trialActionData.filter, async (ctx) => {
  const data = trialActionData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  asTeacher(ctx);
  const trialId = new Types.ObjectId(data.trial);
  const { trials } = ctx.deps.services;
  switch (data.action) {
    case "edit":
      await ctx.answerCallbackQuery();
      return ctx.conversation.enter(TRIAL_EDIT_SCENE, { trialId: data.trial });
    case "copy":
      await ctx.answerCallbackQuery();
      return ctx.conversation.enter(TRIAL_CREATE_SCENE, { from: data.trial });
    case "publish": {
      let notice: string;
      try {
        await trials.publish(ctx.user, trialId);
        notice = ctx.t("trial-manage-published");
      } catch (error) {
        // A draft whose dates have passed says which date to fix; the card stays as it was.
        if (!(error instanceof TrialInvalid)) throw error;
        notice = `${invalidFieldText(error.field, ctx.t)}\n${ctx.t("trial-manage-fix-first")}`;
      }
      const card = await loadTeacherCard(ctx, trialId);
      await ctx.answerCallbackQuery();
      return renderScreen(ctx, teacherTrialScreen(card, reading(ctx), notice));
    }
    case "cancel": {
      const card = await loadTeacherCard(ctx, trialId);
      await ctx.answerCallbackQuery();
      if (card.trial.status !== "draft" && card.trial.status !== "published") {
        return renderScreen(ctx, teacherTrialScreen(card, reading(ctx), ctx.t("errors-trial-closed")));
      }
      return renderScreen(ctx, cancelTrialScreen(card, ctx.t));
    }
    case "cancel-yes": {
      const result = await trials.cancel(ctx.user, trialId);
      const card = await loadTeacherCard(ctx, trialId);
      await ctx.answerCallbackQuery();
      const notice = ctx.t("trial-manage-cancelled", { count: result.cancelled, notified: result.notified });
      return renderScreen(ctx, teacherTrialScreen(card, reading(ctx), notice));
    }
  }
});
