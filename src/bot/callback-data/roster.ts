import { z } from "zod";
import { defineCallbackData, objectIdField } from "./factory.js";

/** Opens (or refreshes) a trial's roster; the trial-manage card links here. */
export const rosterOpenData = defineCallbackData("ro-open", { trial: objectIdField });

const pageField = z.coerce.number().int().min(0).max(99);

/** One page of a long roster; also its 🔄, which keeps the page. */
export const rosterPageData = defineCallbackData("ro-pg", { trial: objectIdField, page: pageField });
/** One tap per pupil from the start on: ✅ came (`a`) or ❌ didn't (`n`). */
export const rosterMarkData = defineCallbackData("ro-m", { reg: objectIdField, trial: objectIdField, mark: z.enum(["a", "n"]), page: pageField });
/** "📄 CSV": the roster as a spreadsheet. */
export const rosterCsvData = defineCallbackData("ro-csv", { trial: objectIdField });
/** "🧾 Consent evidence (CSV)": every consent record behind the roster, for an admin. */
export const rosterEvidenceData = defineCallbackData("ro-ev", { trial: objectIdField });
/** "📝 Reflections": per attendee, which reflections are written; paged like the roster. */
export const rosterReflectionsData = defineCallbackData("ro-rf", { trial: objectIdField, page: pageField });
/** One attendee's reflections and artefacts. */
export const rosterPupilReflectionsData = defineCallbackData("ro-rp", { trial: objectIdField, pupil: objectIdField });
/** "📎 Show artefacts": the ones the pupil put in the portfolio, photos only where the parents allow them. */
export const rosterArtifactsData = defineCallbackData("ro-ra", { trial: objectIdField, pupil: objectIdField });
