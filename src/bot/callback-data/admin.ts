import { z } from "zod";
import { defineCallbackData, objectIdField } from "./factory.js";

/** Time zones a school can be in, by the short key its button carries. Kazakhstan is UTC+5 everywhere since 2024. */
export const SCHOOL_TIME_ZONES = {
  almaty: "Asia/Almaty",
  qostanay: "Asia/Qostanay",
  qyzylorda: "Asia/Qyzylorda",
  aqtobe: "Asia/Aqtobe",
  aqtau: "Asia/Aqtau",
  oral: "Asia/Oral",
  bishkek: "Asia/Bishkek",
} as const;
export type SchoolZoneKey = keyof typeof SCHOOL_TIME_ZONES;
export const SCHOOL_ZONE_KEYS = Object.keys(SCHOOL_TIME_ZONES) as [SchoolZoneKey, ...SchoolZoneKey[]];

/** The admin home: a page of the school list, or "add a school". */
export const adminHomeData = defineCallbackData("adm", {
  action: z.enum(["list", "add"]),
  page: z.coerce.number().int().min(0).max(999),
});

/** One school's screen and what can be done from it. */
export const adminSchoolData = defineCallbackData("adm-s", {
  action: z.enum(["open", "rename", "invite", "teachers"]),
  school: objectIdField,
});

/** A teacher in a school's list: ask to revoke, then revoke. */
export const adminTeacherData = defineCallbackData("adm-t", {
  action: z.enum(["ask", "revoke"]),
  user: objectIdField,
});

/** Buttons inside the school dialogs. */
export const adminZoneData = defineCallbackData("adm-tz", { zone: z.enum(SCHOOL_ZONE_KEYS) });
export const adminConfirmData = defineCallbackData("adm-ok", { choice: z.enum(["save", "cancel"]) });
