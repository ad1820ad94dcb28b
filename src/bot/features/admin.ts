import { Composer } from "grammy";
import { Types } from "mongoose";
import { ADD_SCHOOL_SCENE, RENAME_SCHOOL_SCENE } from "../../../scenes/admin-school.js";
import { invitePayload } from "../../domain/invite-code.js";
import { requireRole, type Actor } from "../../services/authorization.js";
import { NotFound } from "../../services/errors.js";
import type { SchoolView } from "../../services/schools.js";
import type { TeacherView } from "../../services/teachers.js";
import { adminHomeData, adminSchoolData, adminTeacherData } from "../callback-data/admin.js";
import type { BagdarContext } from "../context.js";
import { renderScreen } from "../screen.js";
import { escapeHtml, formatDate } from "../format.js";
import {
  adminHomeScreen,
  backToSchoolsKeyboard,
  revokeConfirmScreen,
  schoolScreen,
  teacherName,
  teachersScreen,
  type AdminSchool,
  type AdminTeacher,
  type Screen,
} from "../keyboards/admin.js";

/** /admin: schools and teacher invites (district coordinators). */
export const adminFeature = new Composer<BagdarContext>();
const privateChats = adminFeature.chatType("private");

const toAdminSchool = (s: SchoolView): AdminSchool => ({ id: s.id.toHexString(), name: s.name, region: s.region, timezone: s.timezone });
const toAdminTeacher = (t: TeacherView): AdminTeacher => ({ id: t.id.toHexString(), telegramId: t.telegramId, firstName: t.firstName, lastName: t.lastName });

/**
 * Every admin screen starts here. Hiding the button is not the guard: a forged or old button
 * from someone who is not (or no longer) an admin is refused with `errors-not-allowed`.
 */
function asAdmin(ctx: BagdarContext): Actor {
  return requireRole(ctx.user, "admin");
}


async function homeScreen(ctx: BagdarContext, page: number): Promise<Screen> {
  const schools = await ctx.deps.services.schools.list();
  return adminHomeScreen(schools.map(toAdminSchool), page, ctx.t);
}

/** The school, or a note that it is gone and the way back to the list. */
async function findSchool(ctx: BagdarContext, id: Types.ObjectId): Promise<SchoolView | undefined> {
  try {
    return await ctx.deps.services.schools.get(id);
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
    await ctx.reply(ctx.t("admin-school-gone"), { reply_markup: backToSchoolsKeyboard(ctx.t) });
    return undefined;
  }
}

async function teachersOf(ctx: BagdarContext, actor: Actor, schoolId: Types.ObjectId): Promise<AdminTeacher[]> {
  return (await ctx.deps.services.teachers.listTeachers(actor, schoolId)).map(toAdminTeacher);
}

/** The admin's home screen; also opened from the main menu. */
export async function showAdminHome(ctx: BagdarContext): Promise<void> {
  asAdmin(ctx);
  const screen = await homeScreen(ctx, 0);
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

/**
 * A message the admin forwards to the new teacher: the deep link, and the bare code for
 * someone whose Telegram does not open links. Written as one self-contained message.
 */
async function sendTeacherInvite(ctx: BagdarContext, actor: Actor, school: SchoolView): Promise<void> {
  const invite = await ctx.deps.services.invites.createTeacherInvite(actor, school.id);
  const bot = ctx.me.username;
  await ctx.reply(ctx.t("admin-invite-intro", { school: school.name }));
  await ctx.reply(
    ctx.t("admin-invite-forward", {
      school: escapeHtml(school.name),
      link: `https://t.me/${bot}?start=${invitePayload(invite.code)}`,
      bot,
      code: invite.code,
      until: formatDate(invite.expiresAt, actor.locale, school.timezone),
    }),
    { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
  );
}

privateChats.command("admin", showAdminHome);

privateChats.callbackQuery(adminHomeData.filter, async (ctx) => {
  const data = adminHomeData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  asAdmin(ctx);
  await ctx.answerCallbackQuery();
  if (data.action === "add") return ctx.conversation.enter(ADD_SCHOOL_SCENE);
  await renderScreen(ctx, await homeScreen(ctx, data.page));
});

privateChats.callbackQuery(adminSchoolData.filter, async (ctx) => {
  const data = adminSchoolData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const actor = asAdmin(ctx);
  await ctx.answerCallbackQuery();
  const id = new Types.ObjectId(data.school);
  const school = await findSchool(ctx, id);
  if (!school) return;
  switch (data.action) {
    case "open":
      return renderScreen(ctx, schoolScreen(toAdminSchool(school), (await teachersOf(ctx, actor, id)).length, ctx.t));
    case "teachers":
      return renderScreen(ctx, teachersScreen(toAdminSchool(school), await teachersOf(ctx, actor, id), ctx.t));
    case "rename":
      return ctx.conversation.enter(RENAME_SCHOOL_SCENE, data.school);
    case "invite":
      return sendTeacherInvite(ctx, actor, school);
  }
});

privateChats.callbackQuery(adminTeacherData.filter, async (ctx) => {
  const data = adminTeacherData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const actor = asAdmin(ctx);
  const userId = new Types.ObjectId(data.user);
  const { teachers } = ctx.deps.services;
  let teacher: TeacherView;
  try {
    teacher = data.action === "ask" ? await teachers.getTeacher(actor, userId) : await teachers.revokeTeacher(actor, userId);
  } catch (error) {
    // Revoked already (a second tap, another admin): say so, change nothing.
    if (!(error instanceof NotFound)) throw error;
    return ctx.answerCallbackQuery({ text: ctx.t("admin-teacher-gone"), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  if (!teacher.schoolId) return void (await ctx.reply(ctx.t("admin-school-gone"), { reply_markup: backToSchoolsKeyboard(ctx.t) }));
  const school = await findSchool(ctx, teacher.schoolId);
  if (!school) return;
  if (data.action === "ask") return renderScreen(ctx, revokeConfirmScreen(toAdminSchool(school), toAdminTeacher(teacher), ctx.t));
  const notice = ctx.t("admin-revoke-done", { name: teacherName(toAdminTeacher(teacher), ctx.t), school: school.name });
  await renderScreen(ctx, teachersScreen(toAdminSchool(school), await teachersOf(ctx, actor, school.id), ctx.t, notice));
});
