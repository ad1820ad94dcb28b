import { z } from "zod";
import { LOCALES } from "../../db/models/user.js";
import { defineCallbackData } from "./factory.js";

export const languageData = defineCallbackData("lang", { locale: z.enum(LOCALES) });
