import { Types } from "mongoose";
import { z } from "zod";
import { adminConfirmData, adminZoneData, SCHOOL_TIME_ZONES } from "../src/bot/callback-data/admin.js";
import type { BagdarConversation, SceneContext } from "../src/bot/context.js";
import { backToSchoolsKeyboard, saveCancelKeyboard, schoolScreen, zoneKeyboard, zoneLabel } from "../src/bot/keyboards/admin.js";
import { DomainError } from "../src/services/errors.js";
import type { SceneDefinition } from "./index.js";
import { attempt, run, step, type TextCheck } from "./kit.js";

export const ADD_SCHOOL_SCENE = "admin-add-school";
export const RENAME_SCHOOL_SCENE = "admin-rename-school";

// The same limits the school service enforces; checked here too so a bad answer is re-asked, not refused at the end.
const schoolName = z.string().min(2).max(120);
const regionName = z.string().min(2).max(80);

/** Names arrive with stray spaces and line breaks from copy-paste. */
function tidy(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

function typed(schema: z.ZodString, errorKey: string) {
  return (text: string): TextCheck<string> => {
    const value = tidy(text);
    return schema.safeParse(value).success ? { ok: true, value } : { ok: false, errorKey };
  };
}

/** Save or cancel under a preview; nothing is written before "Save". */
function confirm(conversation: BagdarConversation, ctx: SceneContext, preview: (c: SceneContext) => string) {
  return step(conversation, ctx, {
    ask: (c) => c.reply(preview(c), { reply_markup: saveCancelKeyboard(c.t) }),
    button: (data) => adminConfirmData.unpack(data)?.choice,
    expected: "admin-expect-button",
  });
}

/** A new school: name, region, time zone, then a preview. */
async function addSchool(conversation: BagdarConversation, ctx: SceneContext): Promise<void> {
  const name = await step(conversation, ctx, {
    ask: (c) => c.reply(c.t("admin-add-name-ask")),
    text: typed(schoolName, "admin-name-invalid"),
    expected: "admin-expect-text",
  });
  const region = await step(conversation, ctx, {
    ask: (c) => c.reply(c.t("admin-add-region-ask")),
    text: typed(regionName, "admin-region-invalid"),
    expected: "admin-expect-text",
  });
  const zone = await step(conversation, ctx, {
    ask: (c) => c.reply(c.t("admin-add-zone-ask"), { reply_markup: zoneKeyboard(c.t) }),
    button: (data) => adminZoneData.unpack(data)?.zone,
    expected: "admin-expect-button",
  });
  const timezone = SCHOOL_TIME_ZONES[zone];
  const choice = await confirm(conversation, ctx, (c) => c.t("admin-add-preview", { name, region, zone: zoneLabel(timezone, c.t) }));
  if (choice === "cancel") {
    await ctx.reply(ctx.t("admin-dialog-cancelled"), { reply_markup: backToSchoolsKeyboard(ctx.t) });
    return;
  }
  // The service checks the admin role again: it may have been withdrawn while the dialog was open.
  const school = await run(conversation, (outer) => outer.deps.services.schools.add(outer.user, { name, region, timezone }));
  const screen = schoolScreen(school, 0, ctx.t, ctx.t("admin-add-saved"));
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

/** A new name for an existing school, confirmed before it is saved. */
async function renameSchool(conversation: BagdarConversation, ctx: SceneContext, schoolId: string): Promise<void> {
  const id = () => new Types.ObjectId(schoolId);
  const found = await attempt(conversation, (outer) => outer.deps.services.schools.get(id()));
  if (!found.ok) {
    await ctx.reply(ctx.t("admin-school-gone"), { reply_markup: backToSchoolsKeyboard(ctx.t) });
    return;
  }
  const old = found.value.name;
  const name = await step(conversation, ctx, {
    ask: (c) => c.reply(c.t("admin-rename-ask", { name: old })),
    text: typed(schoolName, "admin-name-invalid"),
    expected: "admin-expect-text",
  });
  const choice = await confirm(conversation, ctx, (c) => c.t("admin-rename-preview", { old, name }));
  if (choice === "cancel") {
    await ctx.reply(ctx.t("admin-dialog-cancelled"), { reply_markup: backToSchoolsKeyboard(ctx.t) });
    return;
  }
  const renamed = await attempt(conversation, async (outer) => {
    const school = await outer.deps.services.schools.rename(outer.user, id(), name);
    const teachers = await outer.deps.services.teachers.listTeachers(outer.user, id());
    return { school, teacherCount: teachers.length };
  });
  if (!renamed.ok) {
    if (renamed.code !== "not-found") throw new DomainError(renamed.code);
    await ctx.reply(ctx.t("admin-school-gone"), { reply_markup: backToSchoolsKeyboard(ctx.t) });
    return;
  }
  const screen = schoolScreen(renamed.value.school, renamed.value.teacherCount, ctx.t, ctx.t("admin-rename-saved"));
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

export const adminSchoolScenes: SceneDefinition[] = [
  { id: ADD_SCHOOL_SCENE, builder: addSchool },
  { id: RENAME_SCHOOL_SCENE, builder: renameSchool },
];
