import { Composer, InlineKeyboard, InputFile } from "grammy";
import { requireRole } from "../../services/authorization.js";
import type { Portfolio } from "../../services/portfolio.js";
import { portfolioPdfData } from "../callback-data/portfolio.js";
import type { BagdarContext } from "../context.js";
import { formatDate } from "../format.js";
import { fullName, portfolioFileName, portfolioPdf, resultLines, targetLines, trialBlock } from "../portfolio-pdf.js";

/** The pupil's portfolio (`/portfolio`, the menu's "📁 Portfolio") and its PDF. */
export const portfolioFeature = new Composer<BagdarContext>();
const privateChats = portfolioFeature.chatType("private");

/** Telegram's limit is 4096; what doesn't fit is in the PDF. */
const TEXT_BUDGET = 3900;
const RESULTS_ON_SCREEN = 5;

const localeOf = (ctx: BagdarContext) => ctx.user?.locale ?? ctx.deps.config.defaultLocale;

/** The portfolio screen: who, interest results, trials attended with reflections, the year's targets. */
export function portfolioText(portfolio: Portfolio, t: BagdarContext["t"], locale: ReturnType<typeof localeOf>): string {
  const head = [t("portfolio-title"), fullName(portfolio)].join("\n");
  const targets = [t("portfolio-targets-title", { year: portfolio.targets.year.label }), ...targetLines(portfolio, t), t("portfolio-targets-hint")].join("\n");
  const results = resultLines(portfolio, t, locale);
  const resultsBlock = [t("portfolio-results-title"), ...(results.length === 0 ? [t("portfolio-results-none")] : results.slice(0, RESULTS_ON_SCREEN))];
  if (results.length > RESULTS_ON_SCREEN) resultsBlock.push(t("portfolio-more", { count: results.length - RESULTS_ON_SCREEN }));
  const blocks = [head];
  if (results.length === 0 && portfolio.trials.length === 0) blocks.push(t("portfolio-empty"));
  blocks.push(resultsBlock.join("\n"));
  const trialsTitle = t("portfolio-trials-title");
  if (portfolio.trials.length === 0) blocks.push([trialsTitle, t("portfolio-trials-none")].join("\n"));
  let used = [...blocks, targets, trialsTitle].join("\n\n").length + 100;
  const trialTexts: string[] = [];
  portfolio.trials.forEach((trial, i) => {
    if (trialTexts.length < i) return; // one didn't fit: the rest, older, go to the PDF too, so the list keeps its order
    const block = trialBlock(trial, t, locale);
    const text = [`• ${block.heading}`, ...block.lines.map((l) => `   ${l}`)].join("\n");
    if (used + text.length + 2 > TEXT_BUDGET) return;
    used += text.length + 2;
    trialTexts.push(text);
  });
  if (portfolio.trials.length > 0) {
    const rest = portfolio.trials.length - trialTexts.length;
    blocks.push([trialsTitle, trialTexts.join("\n\n"), ...(rest > 0 ? [t("portfolio-more", { count: rest })] : [])].join("\n"));
  }
  blocks.push(targets);
  return blocks.join("\n\n");
}

export async function showPortfolio(ctx: BagdarContext): Promise<void> {
  requireRole(ctx.user, "student");
  const portfolio = await ctx.deps.services.portfolio.mine(ctx.user);
  const keyboard = new InlineKeyboard().text(ctx.t("portfolio-pdf-button"), portfolioPdfData.pack({}));
  await ctx.reply(portfolioText(portfolio, ctx.t, localeOf(ctx)), { reply_markup: keyboard });
}

privateChats.command("portfolio", showPortfolio);

// "📄 PDF": the same portfolio, drawn afresh, as a document.
privateChats.callbackQuery(portfolioPdfData.filter, async (ctx) => {
  if (!portfolioPdfData.unpack(ctx.callbackQuery.data)) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const portfolio = await ctx.deps.services.portfolio.mine(ctx.user);
  await ctx.answerCallbackQuery();
  const now = ctx.deps.clock.now();
  const locale = localeOf(ctx);
  const pdf = await portfolioPdf(portfolio, ctx.t, locale, now);
  await ctx.replyWithDocument(new InputFile(pdf, portfolioFileName(now, portfolio.timezone)), {
    caption: ctx.t("portfolio-pdf-caption", { date: formatDate(now, locale, portfolio.timezone) }),
  });
});
