import { InlineKeyboard } from "grammy";
import { itemAnswerData, itemBackData } from "../src/bot/callback-data/questionnaire.js";
import type { BagdarConversation, SceneContext } from "../src/bot/context.js";
import { sendResultCardAfterUpdate } from "../src/bot/features/questionnaire.js";
import { findInstrumentVersion } from "../src/content/instruments/index.js";
import { instrumentKeys, isAllowedAnswer, type Instrument } from "../src/domain/questionnaire.js";
import type { RunProgress } from "../src/services/questionnaires.js";
import { attempt, run, type Plain } from "./kit.js";

type Translate = SceneContext["t"];

const CHOICE_MARKS = ["1️⃣", "2️⃣"] as const;

/** The label of an answer value: "👍 Like", or the chosen activity of a pair. */
function answerLabel(instrument: Instrument, index: number, value: number, t: Translate): string {
  const keys = instrumentKeys(instrument);
  if (instrument.kind === "rating") return t(instrument.answers.find((a) => a.points === value)?.key ?? "");
  return `${CHOICE_MARKS[value] ?? ""} ${t(keys.option(instrument.items[index]!.id, value))}`;
}

/** "7/30 · How do you like this?" and the item itself. */
function itemText(instrument: Instrument, index: number, t: Translate): string {
  const keys = instrumentKeys(instrument);
  const item = instrument.items[index]!;
  const heading = `${index + 1}/${instrument.items.length} · ${t(keys.question)}`;
  if (instrument.kind === "rating") return `${heading}\n\n${t(keys.item(item.id))}`;
  return `${heading}\n\n${CHOICE_MARKS[0]} ${t(keys.option(item.id, 0))}\n\n${CHOICE_MARKS[1]} ${t(keys.option(item.id, 1))}`;
}

/** The answer buttons, the earlier answer ticked after "back", and "back" itself from the second item on. */
function itemKeyboard(instrument: Instrument, progress: Plain<RunProgress>, t: Translate): InlineKeyboard {
  const { runId: run, position: i, previous } = progress;
  const tick = (value: number, label: string) => (value === previous ? `✓ ${label}` : label);
  const keyboard = new InlineKeyboard();
  if (instrument.kind === "rating") {
    for (const answer of instrument.answers) keyboard.text(tick(answer.points, t(answer.key)), itemAnswerData.pack({ run, i, v: answer.points })).row();
  } else {
    CHOICE_MARKS.forEach((mark, v) => keyboard.text(tick(v, mark), itemAnswerData.pack({ run, i, v })));
    keyboard.row();
  }
  if (i > 0) keyboard.text(t("questionnaire-back"), itemBackData.pack({ run, i }));
  return keyboard;
}

/**
 * One run of a questionnaire, one item per message.
 *
 * Conversations v2 replays a dialog from its start on every update, so this one never grows:
 * answers live in the run's document, and after each answer the scene rewinds to its first line,
 * reads where the run stands and asks the next item. Every update therefore replays the same
 * handful of steps, whether it answers item 1 or item 30. A double tap or an older item's button
 * carries the wrong index and is "out of date"; the service's conditional update is the second
 * guard. Leaving (a command, /cancel, another menu button) keeps every answer given so far.
 */
export async function questionnaire(conversation: BagdarConversation, ctx: SceneContext, runId: string): Promise<void> {
  const top = conversation.checkpoint();
  const loaded = await attempt(conversation, (c) => c.deps.services.questionnaires.progress(c.user, runId));
  if (!loaded.ok) return void (await ctx.reply(ctx.t(`errors-${loaded.code}`)));
  const progress = loaded.value;
  const instrument = findInstrumentVersion(progress.instrument);
  if (!instrument) return void (await ctx.reply(ctx.t("errors-not-found")));
  const index = progress.position;
  const asked = await ctx.reply(itemText(instrument, index, ctx.t), { reply_markup: itemKeyboard(instrument, progress, ctx.t) });

  // halt, skip and rewind never return: each `return await` below ends this update's turn.
  for (;;) {
    const next = await conversation.wait();
    if (next.message) {
      // Text, a sticker, a photo: a gentle reminder, and the same item again with fresh buttons.
      await next.reply(next.t("questionnaire-use-buttons"));
      await next.api.editMessageReplyMarkup(asked.chat.id, asked.message_id).catch(() => undefined);
      return await conversation.rewind(top);
    }
    const data = next.callbackQuery?.data;
    if (data === undefined) return await conversation.skip(); // edits, reactions and the like: not for us
    const answer = itemAnswerData.unpack(data);
    const tapped = answer ?? itemBackData.unpack(data);
    // Someone else's button (the menu, a result, another feature): leave and let it through; answers stay.
    if (!tapped) return await conversation.halt({ next: true });
    if (tapped.run !== runId || tapped.i !== index || (answer && !isAllowedAnswer(instrument, index, answer.v))) {
      await next.answerCallbackQuery({ text: next.t("button-stale") });
      return await conversation.skip(); // nothing happened: keep the replay log as it was
    }
    await next.answerCallbackQuery();

    if (!answer) {
      await run(conversation, (c) => c.deps.services.questionnaires.back(c.user, { runId, index }));
      await next.editMessageReplyMarkup().catch(() => undefined);
      return await conversation.rewind(top);
    }
    const outcome = await run(conversation, (c) =>
      c.deps.services.questionnaires.answer(c.user, {
        runId,
        instrument: progress.instrument,
        index,
        value: answer.v,
        answered: progress.answered,
        revision: progress.revision,
      }),
    );
    // Changed elsewhere meanwhile (another device, another instance): show where the run stands now.
    if (outcome.status === "stale") return await conversation.rewind(top);
    // The answered item stays in the chat with its answer, and without buttons to tap again.
    const chosen = next.t("questionnaire-chosen", { answer: answerLabel(instrument, index, answer.v, next.t) });
    await next.editMessageText(`${itemText(instrument, index, next.t)}\n\n${chosen}`).catch(() => undefined);
    if (outcome.status === "next") return await conversation.rewind(top);
    const result = outcome.result;
    await conversation.external((c) => sendResultCardAfterUpdate(c, result));
    return;
  }
}
