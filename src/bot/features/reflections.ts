import { Composer } from "grammy";
import { REFLECTION_AFTER_SCENE, REFLECTION_TRACE_SCENE } from "../../../scenes/ids.js";
import { reflectionStartData } from "../../domain/reflection-buttons.js";
import type { BagdarContext } from "../context.js";

/** "Start" on a reflection prompt: opens the "after" or "trace" dialog (the scene checks whose it is). */
export const reflectionsFeature = new Composer<BagdarContext>();
const privateChats = reflectionsFeature.chatType("private");

privateChats.callbackQuery(reflectionStartData.filter, async (ctx) => {
  const data = reflectionStartData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await ctx.answerCallbackQuery();
  if (Object.keys(ctx.conversation.active()).length > 0) await ctx.conversation.exitAll();
  await ctx.conversation.enter(data.phase === "after" ? REFLECTION_AFTER_SCENE : REFLECTION_TRACE_SCENE, data.registration);
});
