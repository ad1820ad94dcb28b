import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { UserView } from "../../services/users.js";
import { deleteAccountData, packIssuedAt, unpackIssuedAt } from "../callback-data/privacy.js";
import type { BagdarContext, SceneContext } from "../context.js";

/** How long a /delete confirmation stays valid; an older button asks the person to send /delete again. */
export const DELETE_CONFIRMATION_TTL_MS = 15 * 60 * 1000;

export const MY_DATA_FILE_NAME = "bagdar-my-data.json";

/** /privacy, /mydata, /delete. */
export const privacyFeature = new Composer<BagdarContext>();
const privateChats = privacyFeature.chatType("private");

/**
 * The privacy notice; also opened from the main menu and at the end of onboarding.
 * It may run inside a conversation, so it only sends text.
 */
export async function showPrivacyNotice(ctx: SceneContext): Promise<void> {
  await ctx.reply(ctx.t("privacy-notice"));
}

/** Someone with an account that has not been erased. */
const hasAccount = (user: UserView | null): user is UserView => user !== null && user.status !== "deleted";

privateChats.command("privacy", (ctx) => showPrivacyNotice(ctx));

privateChats.command("mydata", async (ctx) => {
  if (!hasAccount(ctx.user)) {
    await ctx.reply(ctx.t("privacy-mydata-nothing"));
    return;
  }
  const data = await ctx.deps.services.privacy.exportData(ctx.user);
  const file = new InputFile(Buffer.from(`${JSON.stringify(data, null, 2)}\n`, "utf8"), MY_DATA_FILE_NAME);
  await ctx.replyWithDocument(file, { caption: ctx.t("privacy-mydata-caption", { children: data.children.length }) });
});

privateChats.command("delete", async (ctx) => {
  if (!hasAccount(ctx.user)) {
    await ctx.reply(ctx.t("privacy-delete-nothing"));
    return;
  }
  const fields = { user: ctx.user.id.toHexString(), at: packIssuedAt(ctx.deps.clock.now()) };
  const keyboard = new InlineKeyboard()
    .text(ctx.t("privacy-delete-confirm-button"), deleteAccountData.pack({ action: "confirm", ...fields }))
    .row()
    .text(ctx.t("privacy-delete-keep-button"), deleteAccountData.pack({ action: "keep", ...fields }));
  await ctx.reply(ctx.t("privacy-delete-ask"), { reply_markup: keyboard });
});

privateChats.callbackQuery(deleteAccountData.filter, async (ctx) => {
  const data = deleteAccountData.unpack(ctx.callbackQuery.data);
  if (!data) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
    return;
  }
  // Whoever taps acts only on their own account: ctx.user comes from ctx.from.id, never from the button.
  if (!hasAccount(ctx.user)) {
    await ctx.answerCallbackQuery({ text: ctx.t("privacy-delete-nothing") });
    await clearButtons(ctx);
    return;
  }
  const age = ctx.deps.clock.now().getTime() - unpackIssuedAt(data.at).getTime();
  if (data.user !== ctx.user.id.toHexString() || age < 0 || age > DELETE_CONFIRMATION_TTL_MS) {
    await ctx.answerCallbackQuery({ text: ctx.t("privacy-delete-stale") });
    return;
  }
  if (data.action === "keep") {
    await ctx.answerCallbackQuery();
    await replaceQuestion(ctx, ctx.t("privacy-delete-kept"));
    return;
  }
  const result = await ctx.deps.services.privacy.deleteAccount(ctx.user);
  await ctx.answerCallbackQuery();
  await replaceQuestion(ctx, ctx.t(result.deleted ? "privacy-delete-done" : "privacy-delete-nothing"));
});

/** Puts the answer in place of the question, so its buttons are gone; a fresh message if that is impossible. */
async function replaceQuestion(ctx: BagdarContext, text: string): Promise<void> {
  try {
    await ctx.editMessageText(text);
  } catch (error) {
    ctx.logger.debug({ err: error }, "Could not edit the /delete question; replying instead");
    await ctx.reply(text);
  }
}

async function clearButtons(ctx: BagdarContext): Promise<void> {
  await ctx.editMessageReplyMarkup().catch(() => undefined);
}
