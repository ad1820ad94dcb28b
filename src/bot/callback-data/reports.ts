import { z } from "zod";
import { defineCallbackData, objectIdField } from "./factory.js";

/**
 * Reports (issue 10): every school, class and trial id travels in the button and the reports
 * service re-checks it, so a forged id of another school is refused, never shown.
 */

const pageField = z.coerce.number().int().min(0).max(99);
const gradeField = z.coerce.number().int().min(1).max(12);
/** "А", "Б", "A"… or nothing: at most three letters or digits. */
const letterField = z.string().regex(/^[\p{L}\d]{0,3}$/u);

/** "📊 Reports" for someone who is both a teacher and an admin: pick the school or the district. */
export const reportsHomeData = defineCallbackData("rp", {});
/** The school screen. */
export const reportsSchoolData = defineCallbackData("rp-s", { school: objectIdField });
/** One class of the school. */
export const reportsClassData = defineCallbackData("rp-c", { school: objectIdField, grade: gradeField, letter: letterField });
/** "📈 Interest chart" of a class. */
export const reportsClassChartData = defineCallbackData("rp-cc", { school: objectIdField, grade: gradeField, letter: letterField });
/** "🎟 Trials": a page of the year's trials. */
export const reportsTrialsData = defineCallbackData("rp-tl", { school: objectIdField, page: pageField });
/**
 * One trial's report. `back` says where "back" goes: `m` the trial's card (reached from it),
 * a number the page of the school's list it was opened from.
 */
export const reportsTrialData = defineCallbackData("rp-t", { trial: objectIdField, back: z.string().regex(/^(m|\d{1,2})$/) });
/** "📈 Before → after chart" of one trial. */
export const reportsTrialChartData = defineCallbackData("rp-tc", { trial: objectIdField });
/** "📈 Charts" of the school: KPI per class, interest types, before → after of the year's trials. */
export const reportsSchoolChartsData = defineCallbackData("rp-sc", { school: objectIdField });
/** "📄 Exports": the choice of tables and formats. */
export const reportsExportsData = defineCallbackData("rp-x", { school: objectIdField });

export const SCHOOL_EXPORTS = ["journal", "classes", "pupils"] as const;
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
/** One export of the school as a document. */
export const reportsExportData = defineCallbackData("rp-xf", { school: objectIdField, table: z.enum(SCHOOL_EXPORTS), format: z.enum(EXPORT_FORMATS) });

/** The district screen (admins). */
export const reportsDistrictData = defineCallbackData("rp-d", {});
/** "📈 Charts" of the district: KPI per school. */
export const reportsDistrictChartsData = defineCallbackData("rp-dc", {});
/** "📄 Exports" of the district. */
export const reportsDistrictExportsData = defineCallbackData("rp-dx", {});

/** Schools CSV, sectors CSV, or one workbook with both sheets. */
export const DISTRICT_EXPORTS = ["schools", "sectors", "all"] as const;
export const reportsDistrictExportData = defineCallbackData("rp-dxf", { table: z.enum(DISTRICT_EXPORTS), format: z.enum(EXPORT_FORMATS) });
