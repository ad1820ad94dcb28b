import { Composer } from "grammy";
import { Types } from "mongoose";
import { BROADCAST_SCENE } from "../../../scenes/ids.js";
import { requireRole, type Actor } from "../../services/authorization.js";
import type { BroadcastView } from "../../services/broadcasts.js";
import { NotAllowed } from "../../services/errors.js";
import { broadcastCancelData, broadcastListData, broadcastOpenData } from "../callback-data/broadcast.js";
import type { BagdarContext } from "../context.js";
import { renderScreen } from "../screen.js";
import {
  broadcastCard,
  broadcastListScreen,
  cancelConfirmScreen,
  type BroadcastCardData,
  type Reading,
} from "../keyboards/broadcast.js";

/** Teacher broadcasts: the dialog's entry, "📋 My broadcasts", a broadcast's card with its live report, and cancelling. */
export const broadcastFeature = new Composer<BagdarContext>();
const privateChats = broadcastFeature.chatType("private");

/** A teacher with a school. Hiding the menu button is not the guard: a command or an old button is refused here too. */
function asTeacher(ctx: BagdarContext): Actor & { teacherSchoolId: Types.ObjectId } {
  const teacher = requireRole(ctx.user, "teacher");
  if (!teacher.teacherSchoolId) throw new NotAllowed("teacher without a school");
  return teacher as Actor & { teacherSchoolId: Types.ObjectId };
}

const toCard = (view: BroadcastView): BroadcastCardData => ({ ...view, id: view.id.toHexString() });

async function readingFor(ctx: BagdarContext, schoolId: Types.ObjectId): Promise<Reading> {
  const school = await ctx.deps.services.schools.get(schoolId);
  return { t: ctx.t, locale: ctx.user!.locale, timeZone: school.timezone };
}


/** "📣 Broadcast" in the menu and /broadcast: the dialog, for teachers only. */
export async function startBroadcast(ctx: BagdarContext): Promise<void> {
  asTeacher(ctx);
  await ctx.conversation.enter(BROADCAST_SCENE);
}

/**
 * "📋 My broadcasts": the latest broadcasts of the teacher's school with their status and delivery.
 * From the main menu it comes as a new message, so the menu stays; from a card it replaces the card.
 */
export async function showMyBroadcasts(ctx: BagdarContext, how: "reply" | "replace" = "reply"): Promise<void> {
  const teacher = asTeacher(ctx);
  const list = await ctx.deps.services.broadcasts.listBroadcasts(teacher, teacher.teacherSchoolId);
  const screen = broadcastListScreen(list.map(toCard), await readingFor(ctx, teacher.teacherSchoolId));
  if (how === "replace") return renderScreen(ctx, screen);
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

privateChats.command("broadcast", startBroadcast);

privateChats.callbackQuery(broadcastListData.filter, async (ctx) => {
  if (!broadcastListData.unpack(ctx.callbackQuery.data)) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  asTeacher(ctx);
  await ctx.answerCallbackQuery();
  await showMyBroadcasts(ctx, "replace");
});

// Opening a card and 🔄 are the same: the service re-checks the school every time, so a forged id is refused.
privateChats.callbackQuery(broadcastOpenData.filter, async (ctx) => {
  const data = broadcastOpenData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const view = await ctx.deps.services.broadcasts.getBroadcast(ctx.user, new Types.ObjectId(data.broadcast));
  await ctx.answerCallbackQuery();
  await renderScreen(ctx, broadcastCard(toCard(view), await readingFor(ctx, view.schoolId)));
});

privateChats.callbackQuery(broadcastCancelData.filter, async (ctx) => {
  const data = broadcastCancelData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const id = new Types.ObjectId(data.broadcast);
  const { broadcasts } = ctx.deps.services;
  if (data.action === "ask") {
    const view = await broadcasts.getBroadcast(ctx.user, id);
    await ctx.answerCallbackQuery();
    const reading = await readingFor(ctx, view.schoolId);
    if (view.status !== "scheduled" && view.status !== "sending" && view.status !== "draft") {
      return renderScreen(ctx, broadcastCard(toCard(view), reading, ctx.t("errors-broadcast-finished")));
    }
    return renderScreen(ctx, cancelConfirmScreen(toCard(view), reading));
  }
  const view = await broadcasts.cancelBroadcast(ctx.user, id);
  await ctx.answerCallbackQuery();
  await renderScreen(ctx, broadcastCard(toCard(view), await readingFor(ctx, view.schoolId), ctx.t("broadcast-cancelled-notice")));
});
