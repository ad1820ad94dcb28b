import { Composer, InlineKeyboard } from "grammy";
import { Types } from "mongoose";
import { reminderReplyData } from "../../domain/reminder-buttons.js";
import { numericDateTime } from "../../domain/trial.js";
import type { BagdarContext } from "../context.js";
import { renderScreen } from "../screen.js";

/**
 * The pupil's answer to the direction sheet a day before a trial (the reminder planner sends it):
 * "I'm coming" is acknowledged; "I can't come" asks once more, and "Yes, I can't come" cancels
 * the registration, so the seat goes to the next pupil waiting and the teacher is told. The
 * service re-checks that the registration is the pupil's own and still active on every tap.
 */
export const remindersFeature = new Composer<BagdarContext>();
const privateChats = remindersFeature.chatType("private");

privateChats.callbackQuery(reminderReplyData.filter, async (ctx) => {
  const data = reminderReplyData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const reply = await ctx.deps.services.reminders.answer(ctx.user, new Types.ObjectId(data.registration), data.answer);
  if (reply.outcome === "stale") {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t("reminder-stale"));
    return;
  }
  const { trial } = reply;
  const registration = data.registration;
  switch (reply.outcome) {
    case "coming":
      return ctx.answerCallbackQuery({ text: ctx.t("reminder-coming-ok") });
    case "ask":
      await ctx.answerCallbackQuery();
      // A new message: the direction sheet stays as it is, to be read tomorrow.
      await ctx.reply(ctx.t("reminder-cant-ask", { title: trial.title, when: numericDateTime(trial.startsAt, trial.timezone) }), {
        reply_markup: new InlineKeyboard()
          .text(ctx.t("reminder-cant-yes"), reminderReplyData.pack({ registration, answer: "cant-yes" }))
          .row()
          .text(ctx.t("reminder-cant-no"), reminderReplyData.pack({ registration, answer: "cant-no" })),
      });
      return;
    case "cancelled":
      await ctx.answerCallbackQuery();
      return renderScreen(ctx, { text: ctx.t("reminder-cant-done", { title: trial.title }), keyboard: new InlineKeyboard() });
    case "kept":
      await ctx.answerCallbackQuery();
      return renderScreen(ctx, { text: ctx.t("reminder-cant-kept", { title: trial.title }), keyboard: new InlineKeyboard() });
  }
});
