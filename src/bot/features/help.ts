import { Composer } from "grammy";
import { hasRole } from "../../services/users.js";
import type { BagdarContext } from "../context.js";

export const helpFeature = new Composer<BagdarContext>();

/** What the bot does for the roles this person holds, then the commands everyone has. */
helpFeature.chatType("private").command("help", async (ctx) => {
  const sections = [ctx.t("help-intro")];
  for (const role of ["student", "guardian", "teacher", "admin"] as const) {
    if (hasRole(ctx.user, role)) sections.push(ctx.t(`help-${role}`));
  }
  sections.push(ctx.t("help-commands"));
  await ctx.reply(sections.join("\n\n"));
});
