import { Composer, InputFile } from "grammy";
import { Types } from "mongoose";
import { isAdmin } from "../../services/authorization.js";
import { NotAllowed } from "../../services/errors.js";
import type { DistrictReport, SchoolReport, TrialReport } from "../../services/reports.js";
import { hasRole } from "../../services/users.js";
import { tableToCsv, type ReportTable } from "../../domain/report-table.js";
import { classLabel } from "../../domain/reports.js";
import { toXlsx } from "../../domain/xlsx.js";
import {
  reportsClassChartData,
  reportsClassData,
  reportsDistrictChartsData,
  reportsDistrictData,
  reportsDistrictExportData,
  reportsDistrictExportsData,
  reportsExportData,
  reportsExportsData,
  reportsHomeData,
  reportsSchoolChartsData,
  reportsSchoolData,
  reportsTrialChartData,
  reportsTrialData,
  reportsTrialsData,
} from "../callback-data/reports.js";
import { MAX_KPI_ROWS, MAX_SHIFT_TRIALS, renderInterestChart, renderInterestShiftChart, renderKpiChart } from "../charts/report-charts.js";
import type { BagdarContext } from "../context.js";
import {
  chooseScreen,
  classScreen,
  districtExportsScreen,
  districtScreen,
  exportsScreen,
  riasecLabels,
  schoolScreen,
  trialReportScreen,
  trialsScreen,
  yearSlug,
  type ReportReading,
} from "../keyboards/reports.js";
import { classKpiTable, districtSchoolsTable, journalTable, pupilsTable, sectorsTable } from "../report-exports.js";
import { renderScreen, type Screen } from "../screen.js";

/**
 * Reports for career teachers (their own school, this school year) and for admins (the district,
 * counts and shares only). Every id in a button is re-checked by the reports service, which
 * refuses another school's class or trial; the bot adds a first guard so a pupil or parent never
 * gets further than "not available".
 */
export const reportsFeature = new Composer<BagdarContext>();
const privateChats = reportsFeature.chatType("private");

const localeOf = (ctx: BagdarContext) => ctx.user?.locale ?? ctx.deps.config.defaultLocale;

/** The teacher's own school, if this person is a teacher with one. */
function ownSchool(ctx: BagdarContext): Types.ObjectId | undefined {
  return hasRole(ctx.user, "teacher") ? ctx.user?.teacherSchoolId : undefined;
}

/** Teachers and admins only; the services check the school again. */
function requireStaff(ctx: BagdarContext): void {
  if (!ownSchool(ctx) && !isAdmin(ctx.user)) throw new NotAllowed("reports are for teachers and admins");
}

function reading(ctx: BagdarContext): ReportReading {
  return { t: ctx.t, locale: localeOf(ctx), both: ownSchool(ctx) !== undefined && isAdmin(ctx.user) };
}

const reports = (ctx: BagdarContext) => ctx.deps.services.reports;
const oid = (hex: string) => new Types.ObjectId(hex);

/** "📊 Reports" and `/reports`: the school for a teacher, the district for an admin, a choice for someone who is both. */
export async function showReports(ctx: BagdarContext): Promise<void> {
  requireStaff(ctx);
  const school = ownSchool(ctx);
  let screen: Screen;
  if (school && isAdmin(ctx.user)) screen = chooseScreen(school.toHexString(), ctx.t);
  else if (school) screen = schoolScreen(await reports(ctx).school(ctx.user, school), reading(ctx));
  else screen = districtScreen(await reports(ctx).district(ctx.user), reading(ctx));
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

privateChats.command("reports", showReports);

/** Loads, answers the tap, then replaces the screen: a refusal from the service goes to the error handler first. */
async function show(ctx: BagdarContext, build: () => Promise<Screen>): Promise<void> {
  requireStaff(ctx);
  const screen = await build();
  await ctx.answerCallbackQuery();
  await renderScreen(ctx, screen);
}

async function sendPhoto(ctx: BagdarContext, png: Buffer, fileName: string, caption: string): Promise<void> {
  await ctx.replyWithPhoto(new InputFile(png, fileName), { caption });
}

async function sendTable(ctx: BagdarContext, tables: ReportTable[], format: "csv" | "xlsx", base: string, caption: string): Promise<void> {
  const file = format === "csv" ? tableToCsv(tables[0]!) : await toXlsx(tables);
  await ctx.replyWithDocument(new InputFile(file, `${base}.${format}`), { caption });
}

privateChats.callbackQuery(reportsHomeData.filter, async (ctx) => {
  if (!reportsHomeData.unpack(ctx.callbackQuery.data)) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const school = ownSchool(ctx);
  // Only someone who is both gets the choice; anyone else goes straight to their one report.
  await show(ctx, async () =>
    school && isAdmin(ctx.user)
      ? chooseScreen(school.toHexString(), ctx.t)
      : school
        ? schoolScreen(await reports(ctx).school(ctx.user, school), reading(ctx))
        : districtScreen(await reports(ctx).district(ctx.user), reading(ctx)),
  );
});

privateChats.callbackQuery(reportsSchoolData.filter, async (ctx) => {
  const data = reportsSchoolData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await show(ctx, async () => schoolScreen(await reports(ctx).school(ctx.user, oid(data.school)), reading(ctx)));
});

privateChats.callbackQuery(reportsClassData.filter, async (ctx) => {
  const data = reportsClassData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await show(ctx, async () => classScreen(await reports(ctx).class(ctx.user, oid(data.school), data.grade, data.letter), reading(ctx)));
});

privateChats.callbackQuery(reportsTrialsData.filter, async (ctx) => {
  const data = reportsTrialsData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await show(ctx, async () => trialsScreen(await reports(ctx).school(ctx.user, oid(data.school)), data.page, reading(ctx)));
});

/**
 * A trial's report. The service lets the owner school's staff see it; a trial another school
 * opened to this one is in this school's own report, so it is taken from there.
 */
async function loadTrial(ctx: BagdarContext, trialId: string): Promise<TrialReport> {
  try {
    return await reports(ctx).trial(ctx.user, oid(trialId));
  } catch (error) {
    const school = ownSchool(ctx);
    if (!(error instanceof NotAllowed) || !school) throw error;
    const report = await reports(ctx).school(ctx.user, school);
    const found = report.trials.find((trial) => trial.trialId.equals(trialId));
    if (!found) throw error;
    return found;
  }
}

privateChats.callbackQuery(reportsTrialData.filter, async (ctx) => {
  const data = reportsTrialData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const school = ownSchool(ctx);
  const back = data.back === "m" ? ({ card: true } as const) : school ? { school: school.toHexString(), page: Number(data.back) } : ({ district: true } as const);
  await show(ctx, async () => trialReportScreen(await loadTrial(ctx, data.trial), reading(ctx), back));
});

privateChats.callbackQuery(reportsTrialChartData.filter, async (ctx) => {
  const data = reportsTrialChartData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  requireStaff(ctx);
  const trial = await loadTrial(ctx, data.trial);
  await ctx.answerCallbackQuery();
  const png = await renderInterestShiftChart({
    title: ctx.t("reports-chart-shift-title", { name: trial.title }),
    beforeLabel: ctx.t("reports-chart-before"),
    afterLabel: ctx.t("reports-chart-after"),
    trials: [{ title: trial.title, before: trial.interest.before, after: trial.interest.after, pupils: trial.interest.pupils }],
  });
  await sendPhoto(ctx, png, "interest-before-after.png", ctx.t("reports-chart-shift-title", { name: trial.title }));
});

privateChats.callbackQuery(reportsClassChartData.filter, async (ctx) => {
  const data = reportsClassChartData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  requireStaff(ctx);
  const report = await reports(ctx).class(ctx.user, oid(data.school), data.grade, data.letter);
  await ctx.answerCallbackQuery();
  const label = classLabel(report.grade, report.classLetter);
  const title = ctx.t("reports-chart-interest-title", { name: label });
  const png = await renderInterestChart({
    title,
    subtitle: ctx.t("reports-chart-interest-subtitle", { school: report.schoolName, year: report.year, count: report.pupils }),
    labels: riasecLabels(ctx.t),
    noResultLabel: ctx.t("reports-chart-no-result"),
    distribution: report.interests,
  });
  await sendPhoto(ctx, png, `interests-${label}.png`, title);
});

/** The school's charts: targets per class, interest types, and interest before → after of the year's newest trials. */
async function sendSchoolCharts(ctx: BagdarContext, report: SchoolReport): Promise<void> {
  const { t } = ctx;
  const slug = yearSlug(report.year);
  if (report.pupils === 0) {
    await ctx.reply(t("reports-charts-none"));
    return;
  }
  const kpiTitle = t("reports-chart-kpi-title", { name: report.schoolName, year: report.year });
  const kpi = await renderKpiChart({
    title: kpiTitle,
    trialLabel: t("reports-chart-trial-label"),
    contactsLabel: t("reports-chart-contacts-label"),
    targetLabel: t("reports-chart-target-label"),
    rows: report.classes.slice(0, MAX_KPI_ROWS).map((c) => ({ label: classLabel(c.grade, c.classLetter), pupils: c.pupils, withTrial: c.withTrial, withContacts: c.withContacts })),
  });
  await sendPhoto(ctx, kpi, `targets-${slug}.png`, kpiTitle);
  const interestTitle = t("reports-chart-interest-title", { name: report.schoolName });
  const interests = await renderInterestChart({
    title: interestTitle,
    subtitle: t("reports-chart-interest-subtitle", { school: report.schoolName, year: report.year, count: report.pupils }),
    labels: riasecLabels(t),
    noResultLabel: t("reports-chart-no-result"),
    distribution: report.interests,
  });
  await sendPhoto(ctx, interests, `interests-${slug}.png`, interestTitle);
  const shifted = report.trials.filter((trial) => trial.interest.pupils > 0).slice(-MAX_SHIFT_TRIALS);
  if (shifted.length > 0) {
    const shiftTitle = t("reports-chart-shift-title", { name: report.schoolName });
    const shift = await renderInterestShiftChart({
      title: shiftTitle,
      beforeLabel: t("reports-chart-before"),
      afterLabel: t("reports-chart-after"),
      trials: shifted.map((trial) => ({ title: trial.title, before: trial.interest.before, after: trial.interest.after, pupils: trial.interest.pupils })),
    });
    await sendPhoto(ctx, shift, `before-after-${slug}.png`, shiftTitle);
  }
}

privateChats.callbackQuery(reportsSchoolChartsData.filter, async (ctx) => {
  const data = reportsSchoolChartsData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  requireStaff(ctx);
  const report = await reports(ctx).school(ctx.user, oid(data.school));
  await ctx.answerCallbackQuery();
  await sendSchoolCharts(ctx, report);
});

privateChats.callbackQuery(reportsExportsData.filter, async (ctx) => {
  const data = reportsExportsData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await show(ctx, async () => exportsScreen(await reports(ctx).school(ctx.user, oid(data.school)), reading(ctx)));
});

privateChats.callbackQuery(reportsExportData.filter, async (ctx) => {
  const data = reportsExportData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  requireStaff(ctx);
  const school = oid(data.school);
  const report = await reports(ctx).school(ctx.user, school);
  const table =
    data.table === "journal" ? journalTable(report.trials, ctx.t) : data.table === "classes" ? classKpiTable(report, ctx.t) : pupilsTable(await reports(ctx).pupils(ctx.user, school), ctx.t);
  await ctx.answerCallbackQuery();
  const caption = ctx.t("reports-export-caption", { what: ctx.t(`reports-export-${data.table}`), school: report.schoolName, year: report.year, rows: table.rows.length });
  await sendTable(ctx, [table], data.format, `${data.table}-${yearSlug(report.year)}`, caption);
});

privateChats.callbackQuery(reportsDistrictData.filter, async (ctx) => {
  if (!reportsDistrictData.unpack(ctx.callbackQuery.data)) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await show(ctx, async () => districtScreen(await reports(ctx).district(ctx.user), reading(ctx)));
});

/** The schools furthest from the targets first. */
function byGap(report: DistrictReport) {
  return [...report.schools].sort((a, b) => a.gap - b.gap || a.schoolName.localeCompare(b.schoolName, "ru"));
}

privateChats.callbackQuery(reportsDistrictChartsData.filter, async (ctx) => {
  if (!reportsDistrictChartsData.unpack(ctx.callbackQuery.data)) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  requireStaff(ctx);
  const report = await reports(ctx).district(ctx.user);
  await ctx.answerCallbackQuery();
  if (report.pupils === 0) {
    await ctx.reply(ctx.t("reports-charts-none"));
    return;
  }
  const title = ctx.t("reports-chart-district-title", { year: report.year });
  const png = await renderKpiChart({
    title,
    trialLabel: ctx.t("reports-chart-trial-label"),
    contactsLabel: ctx.t("reports-chart-contacts-label"),
    targetLabel: ctx.t("reports-chart-target-label"),
    rows: byGap(report)
      .slice(0, MAX_KPI_ROWS)
      .map((s) => ({ label: s.schoolName, pupils: s.pupils, withTrial: s.withTrial, withContacts: s.withContacts })),
  });
  await sendPhoto(ctx, png, `district-targets-${yearSlug(report.year)}.png`, title);
});

privateChats.callbackQuery(reportsDistrictExportsData.filter, async (ctx) => {
  if (!reportsDistrictExportsData.unpack(ctx.callbackQuery.data)) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await show(ctx, async () => districtExportsScreen(await reports(ctx).district(ctx.user), reading(ctx)));
});

privateChats.callbackQuery(reportsDistrictExportData.filter, async (ctx) => {
  const data = reportsDistrictExportData.unpack(ctx.callbackQuery.data);
  // Both sheets exist only as a workbook: a CSV holds one table.
  if (!data || (data.table === "all" && data.format === "csv")) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  requireStaff(ctx);
  const report = await reports(ctx).district(ctx.user);
  await ctx.answerCallbackQuery();
  const tables = data.table === "schools" ? [districtSchoolsTable(report, ctx.t)] : data.table === "sectors" ? [sectorsTable(report, ctx.t)] : [districtSchoolsTable(report, ctx.t), sectorsTable(report, ctx.t)];
  const base = data.table === "all" ? `district-${yearSlug(report.year)}` : `district-${data.table}-${yearSlug(report.year)}`;
  const caption = ctx.t("reports-district-caption", { what: ctx.t(`reports-export-${data.table}`), year: report.year });
  await sendTable(ctx, tables, data.format, base, caption);
});
