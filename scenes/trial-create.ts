import { Types } from "mongoose";
import type { TrialField } from "../src/bot/callback-data/trials.js";
import type { BagdarConversation, SceneContext } from "../src/bot/context.js";
import { loadTeacherCard } from "../src/bot/features/trial-manage.js";
import { fieldOfInvalid, invalidFieldText, teacherTrialScreen, type TeacherTrialCard } from "../src/bot/keyboards/trial-manage.js";
import type { Locale } from "../src/db/models/user.js";
import { attempt, run } from "./kit.js";
import {
  askEverything,
  askNewDates,
  attemptTrial,
  changeField,
  draftOf,
  pickField,
  preview,
  schoolNames,
  toInput,
  type Draft,
  type Io,
} from "./trial-fields.js";

const isObjectId = (value: unknown): value is string => typeof value === "string" && /^[0-9a-f]{24}$/.test(value);

/** The teacher's school, its zone and the schools a trial can be shown to; a pupil or a stranger is refused here. */
async function openIo(conversation: BagdarConversation, ctx: SceneContext): Promise<Io | undefined> {
  const prepared = await attempt(conversation, (c) => c.deps.services.trials.setup(c.user));
  if (!prepared.ok) {
    await ctx.reply(ctx.t(`errors-${prepared.code}`));
    return undefined;
  }
  const { schoolId, timezone, schools } = prepared.value;
  return { conversation, ctx, locale: (await ctx.i18n.getLocale()) as Locale, timezone, ownSchoolId: schoolId, schools, seatsTaken: 0 };
}

/** The stored trial's card, with what just happened on top. */
async function replyWithCard(io: Io, trialId: string, notice: string): Promise<void> {
  const { ctx } = io;
  const card = await attempt(io.conversation, (c) => loadTeacherCard(c, new Types.ObjectId(trialId)));
  if (!card.ok) {
    await ctx.reply(notice);
    return;
  }
  const screen = teacherTrialScreen(card.value as TeacherTrialCard, { t: ctx.t, locale: io.locale }, notice);
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

/**
 * A teacher's new trial: twenty short steps, a preview exactly as pupils will see it, then publish
 * or keep as a draft, or change any field first. Entered with `{ from: trialId }`, it copies that
 * trial and asks only for the new dates. Nothing is stored before the last tap, and the service
 * checks every field again; a refusal names the field and asks for it once more.
 */
export async function trialCreate(conversation: BagdarConversation, ctx: SceneContext, options?: { from?: string }): Promise<void> {
  const io = await openIo(conversation, ctx);
  if (!io) return;
  const { t } = ctx;
  let draft: Draft = {};
  if (options?.from !== undefined) {
    const from = options.from;
    if (!isObjectId(from)) {
      await ctx.reply(t("errors-not-found"));
      return;
    }
    const base = await attempt(conversation, (c) => c.deps.services.trials.draftFrom(c.user, new Types.ObjectId(from)));
    if (!base.ok) {
      await ctx.reply(t(`errors-${base.code}`));
      return;
    }
    draft = draftOf(base.value);
    delete draft.startsAt;
    delete draft.endsAt;
    delete draft.signupDeadline;
    delete draft.consentDeadline;
    await ctx.reply(t("trial-create-copy-intro", { title: draft.title ?? "" }));
    await askNewDates(io, draft);
  } else {
    await ctx.reply(t("trial-create-intro"));
    await askEverything(io, draft);
  }

  let pending: TrialField | undefined;
  for (;;) {
    if (pending) await changeField(io, draft, pending);
    pending = undefined;
    const choice = await preview(io, draft, t("trial-create-preview-intro", { schools: schoolNames(io, draft.schoolIds) }), ["publish", "draft", "change", "cancel"]);
    if (choice === "cancel") {
      await ctx.reply(t("trial-create-cancelled"));
      return;
    }
    if (choice === "change") {
      const field = await pickField(io, draft, t("trial-create-pick-field"), t("trial-create-back-to-preview"));
      if (field !== "back") pending = field;
      continue;
    }
    const publish = choice === "publish";
    const saved = await attemptTrial(conversation, async (c) => (await c.deps.services.trials.create(c.user, toInput(draft), { publish })).id.toHexString());
    if (!saved.ok) {
      // Time passes while the teacher reads the preview: a start or deadline may now lie behind.
      if (saved.field !== undefined) {
        await ctx.reply(invalidFieldText(saved.field, t));
        pending = fieldOfInvalid(saved.field);
        continue;
      }
      await ctx.reply(t(`errors-${saved.code}`));
      return;
    }
    await replyWithCard(io, saved.value, t(publish ? "trial-create-published" : "trial-create-drafted"));
    return;
  }
}

/** What pupils and parents must hear about at once when it changes. */
const movingPart = (draft: Draft) => JSON.stringify([draft.startsAt, draft.endsAt, draft.format, draft.address, draft.onlineLink]);

/**
 * Changing an existing trial (entered with `{ trialId }`): pick a field, answer it again with the
 * same questions as when creating, see the result, save. A published trial that moves in time or
 * place tells everyone signed up, and their parents, at once; the teacher hears how many.
 */
export async function trialEdit(conversation: BagdarConversation, ctx: SceneContext, options?: { trialId: string }): Promise<void> {
  const { t } = ctx;
  const trialId = options?.trialId;
  if (!isObjectId(trialId)) {
    await ctx.reply(t("errors-not-found"));
    return;
  }
  const io = await openIo(conversation, ctx);
  if (!io) return;
  const loaded = await attempt(conversation, (c) => c.deps.services.trials.get(c.user, new Types.ObjectId(trialId)));
  if (!loaded.ok) {
    await ctx.reply(t(`errors-${loaded.code}`));
    return;
  }
  const trial = loaded.value;
  if (trial.status !== "draft" && trial.status !== "published") {
    await ctx.reply(t("errors-trial-closed"));
    return;
  }
  // Said before any question rather than after the last one: a trial under way can't change.
  const now = await run(conversation, async (c) => c.deps.clock.now());
  if (new Date(trial.startsAt).getTime() <= new Date(now).getTime()) {
    await ctx.reply(t("errors-trial-started"));
    return;
  }
  io.timezone = trial.timezone;
  io.seatsTaken = trial.seatsTaken;
  io.keptSignupDeadline = trial.signupDeadline;
  const draft = draftOf(trial);
  const before = movingPart(draft);

  const first = await pickField(io, draft, t("trial-edit-pick", { title: trial.title }), t("trial-edit-cancel"));
  if (first === "back") {
    await ctx.reply(t("trial-edit-cancelled"));
    return;
  }
  let pending: TrialField | undefined = first;
  for (;;) {
    if (pending) await changeField(io, draft, pending);
    pending = undefined;
    const moved = trial.status === "published" && movingPart(draft) !== before;
    const choice = await preview(io, draft, t(moved ? "trial-edit-preview-moved" : "trial-edit-preview"), ["save", "change", "cancel"], trial.seatsTaken);
    if (choice === "cancel") {
      await ctx.reply(t("trial-edit-cancelled"));
      return;
    }
    if (choice === "change") {
      const field = await pickField(io, draft, t("trial-create-pick-field"), t("trial-create-back-to-preview"));
      if (field !== "back") pending = field;
      continue;
    }
    const saved = await attemptTrial(conversation, async (c) => (await c.deps.services.trials.update(c.user, new Types.ObjectId(trialId), toInput(draft))).notified);
    if (!saved.ok) {
      if (saved.field !== undefined) {
        await ctx.reply(invalidFieldText(saved.field, t));
        pending = fieldOfInvalid(saved.field);
        continue;
      }
      await ctx.reply(t(`errors-${saved.code}`));
      return;
    }
    const notified = saved.value;
    const notice = notified > 0 ? `${t("trial-edit-saved")}\n${t("trial-edit-notified", { count: notified })}` : t("trial-edit-saved");
    await replyWithCard(io, trialId, notice);
    return;
  }
}
