import { defineCallbackData } from "./factory.js";

/** "📄 PDF" under the pupil's portfolio. */
export const portfolioPdfData = defineCallbackData("pf-pdf", {});
