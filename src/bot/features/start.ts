import { Composer } from "grammy";
import { INVITE_PAYLOAD_PREFIX } from "../../domain/invite-code.js";
import { hasRole, type UserView } from "../../services/users.js";
import { LINK_GUARDIAN_SCENE, ONBOARDING_SCENE } from "../../../scenes/ids.js";
import { TRIAL_PAYLOAD_PREFIX, trialIdFromPayload } from "../callback-data/catalogue.js";
import type { BagdarContext } from "../context.js";
import { showMainMenu } from "./menu.js";
import { showTrialCard } from "./trial-catalogue.js";
import { showTeacherTrialCard } from "./trial-manage.js";

/** Someone who finished onboarding (or an admin from configuration) goes straight to the menu. */
function isReturning(user: UserView | null): boolean {
  if (!user || user.status === "deleted") return false;
  return hasRole(user, "admin") || (user.roles.length > 0 && user.onboardedAt !== undefined);
}

export const startFeature = new Composer<BagdarContext>();

startFeature.chatType("private").command("start", async (ctx) => {
  const payload = ctx.match.trim();
  if (payload.startsWith(INVITE_PAYLOAD_PREFIX)) {
    // Whatever follows the prefix is checked by the invite service; a forged code gets a clear answer there.
    await ctx.conversation.enter(LINK_GUARDIAN_SCENE, payload.slice(INVITE_PAYLOAD_PREFIX.length).slice(0, 64));
    return;
  }
  const trialLink = payload.startsWith(TRIAL_PAYLOAD_PREFIX);
  if (isReturning(ctx.user)) {
    const trialId = trialLink ? trialIdFromPayload(payload) : undefined;
    // A teacher forwarded their own link, or a colleague's: the teacher's card of the trial, not the pupils' one.
    if (trialId && !hasRole(ctx.user, "student") && hasRole(ctx.user, "teacher")) return showTeacherTrialCard(ctx, trialId);
    if (trialId) return showTrialCard(ctx, trialId);
    return showMainMenu(ctx);
  }
  // A trial link needs a pupil with a school and class: onboarding first, then the link again.
  if (trialLink) await ctx.reply(ctx.t("catalogue-link-onboard-first"));
  await ctx.conversation.enter(ONBOARDING_SCENE);
});
