import { Composer } from "grammy";
import type { Types } from "mongoose";
import type { Role } from "../../db/models/user.js";
import { NotFound } from "../../services/errors.js";
import type { Services } from "../../services/index.js";
import type { UserView } from "../../services/users.js";
import { menuData } from "../callback-data/menu.js";
import type { BagdarContext, SceneContext } from "../context.js";
import { mainMenuKeyboard } from "../keyboards/main-menu.js";
import { showAdminHome } from "./admin.js";
import { showConsents } from "./consents.js";
import { showMyBroadcasts, startBroadcast } from "./broadcast.js";
import { enterCodeHint, inviteParent, showMyChildren, showMyParents } from "./guardians.js";
import { askLanguage } from "./language.js";
import { showPrivacyNotice } from "./privacy.js";
import { showPortfolio } from "./portfolio.js";
import { showQuestionnairePicker, showResults } from "./questionnaire.js";
import { showReports } from "./reports.js";
import { showCatalogue, showMyTrials } from "./trial-catalogue.js";
import { showSchoolTrials, startNewTrial } from "./trial-manage.js";

/** Everything the menu shows, as plain strings, so scenes can carry it through conversation storage. */
export interface MenuSummary {
  roles: Role[];
  name: string;
  className: string;
  schoolName: string;
  teacherSchoolName: string;
}

/** `known` is the user already loaded for this update, when it is current; otherwise it is read afresh. */
export async function loadMenuSummary(services: Services, telegramId: number, known?: UserView | null): Promise<MenuSummary> {
  const user = known ?? (await services.users.findByTelegramId(telegramId));
  const schoolName = async (id: Types.ObjectId | undefined) => {
    if (!id) return "—";
    try {
      return (await services.schools.get(id)).name;
    } catch (error) {
      if (error instanceof NotFound) return "—";
      throw error;
    }
  };
  return {
    roles: user?.roles ?? [],
    name: `${user?.firstName ?? ""} ${user?.lastName ?? ""}`.trim(),
    className: `${user?.grade ?? ""}${user?.classLetter ?? ""}`,
    schoolName: await schoolName(user?.schoolId),
    teacherSchoolName: await schoolName(user?.teacherSchoolId),
  };
}

/** The menu's heading: one line per role, so a teacher who is also a parent sees both. */
export function mainMenuText(summary: MenuSummary, t: SceneContext["t"]): string {
  const lines = [t("menu-title")];
  if (summary.roles.includes("student")) {
    lines.push(t("menu-role-student", { name: summary.name, class: summary.className, school: summary.schoolName }));
  }
  if (summary.roles.includes("guardian")) lines.push(t("menu-role-guardian"));
  if (summary.roles.includes("teacher")) lines.push(t("menu-role-teacher", { school: summary.teacherSchoolName }));
  if (summary.roles.includes("admin")) lines.push(t("menu-role-admin"));
  return lines.join("\n");
}

export async function replyWithMenu(ctx: SceneContext, summary: MenuSummary): Promise<void> {
  await ctx.reply(mainMenuText(summary, ctx.t), { reply_markup: mainMenuKeyboard(summary.roles, ctx.t) });
}

export async function showMainMenu(ctx: BagdarContext): Promise<void> {
  await replyWithMenu(ctx, await loadMenuSummary(ctx.deps.services, ctx.from!.id, ctx.user));
}

export const menuFeature = new Composer<BagdarContext>();
const privateChats = menuFeature.chatType("private");

privateChats.command("menu", showMainMenu);

privateChats.callbackQuery(menuData.filter, async (ctx) => {
  const data = menuData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await ctx.answerCallbackQuery();
  switch (data.action) {
    case "home":
      return showMainMenu(ctx);
    case "questionnaire":
      return showQuestionnairePicker(ctx);
    case "results":
      return showResults(ctx);
    case "portfolio":
      return showPortfolio(ctx);
    case "trials":
      return showCatalogue(ctx);
    case "my-trials":
      return showMyTrials(ctx);
    case "school-trials":
      return showSchoolTrials(ctx);
    case "new-trial":
      return startNewTrial(ctx);
    case "invite-parent":
      return inviteParent(ctx);
    case "my-parents":
      return showMyParents(ctx);
    case "consents":
      return showConsents(ctx);
    case "my-children":
      return showMyChildren(ctx);
    case "enter-code":
      return enterCodeHint(ctx);
    case "broadcast":
      return startBroadcast(ctx);
    case "my-broadcasts":
      return showMyBroadcasts(ctx);
    case "reports":
      return showReports(ctx);
    case "admin":
      return showAdminHome(ctx);
    case "language":
      return askLanguage(ctx);
    case "privacy":
      return showPrivacyNotice(ctx);
  }
});
