import { InlineKeyboard } from "grammy";
import {
  adminConfirmData,
  adminHomeData,
  adminSchoolData,
  adminTeacherData,
  adminZoneData,
  SCHOOL_TIME_ZONES,
  SCHOOL_ZONE_KEYS,
} from "../callback-data/admin.js";
import { menuData } from "../callback-data/menu.js";
import type { Screen } from "../screen.js";

export type { Screen };

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** A school as the admin screens need it; ids are hex strings so scenes can keep it in their JSON state. */
export interface AdminSchool {
  id: string;
  name: string;
  region: string | undefined;
  timezone: string;
}

export interface AdminTeacher {
  id: string;
  telegramId: number;
  firstName: string | undefined;
  lastName: string | undefined;
}


export const SCHOOLS_PER_PAGE = 8;

/** "Almaty, Astana (UTC+5)" for a zone we offer; the IANA name for anything else. */
export function zoneLabel(zone: string, t: Translate): string {
  const key = SCHOOL_ZONE_KEYS.find((k) => SCHOOL_TIME_ZONES[k] === zone);
  return key ? t(`admin-zone-${key}`) : zone;
}

export function teacherName(teacher: AdminTeacher, t: Translate): string {
  const name = `${teacher.firstName ?? ""} ${teacher.lastName ?? ""}`.trim();
  return name || t("admin-teacher-unnamed", { id: String(teacher.telegramId) });
}

/** The admin home: one page of schools, each a button, then "add a school". */
export function adminHomeScreen(schools: AdminSchool[], requestedPage: number, t: Translate): Screen {
  const pages = Math.max(1, Math.ceil(schools.length / SCHOOLS_PER_PAGE));
  const page = Math.min(Math.max(0, requestedPage), pages - 1);
  const first = page * SCHOOLS_PER_PAGE;
  const shown = schools.slice(first, first + SCHOOLS_PER_PAGE);
  const keyboard = new InlineKeyboard();
  const lines: string[] = [];
  if (schools.length === 0) {
    lines.push(t("admin-home-empty"));
  } else {
    lines.push(t("admin-home-title", { count: schools.length }), "");
    shown.forEach((school, i) => {
      lines.push(t("admin-home-line", { number: first + i + 1, name: school.name, region: school.region ?? "—", zone: zoneLabel(school.timezone, t) }));
      keyboard.text(`${first + i + 1}. ${school.name}`, adminSchoolData.pack({ action: "open", school: school.id })).row();
    });
    if (pages > 1) {
      lines.push("", t("admin-home-page", { page: page + 1, pages }));
      if (page > 0) keyboard.text("◀️", adminHomeData.pack({ action: "list", page: page - 1 }));
      if (page < pages - 1) keyboard.text("▶️", adminHomeData.pack({ action: "list", page: page + 1 }));
      keyboard.row();
    }
  }
  keyboard.text(t("admin-add-school"), adminHomeData.pack({ action: "add", page: 0 })).row();
  keyboard.text(t("admin-back-menu"), menuData.pack({ action: "home" }));
  return { text: lines.join("\n"), keyboard };
}

/** One school: its details and what the admin can do with it. */
export function schoolScreen(school: AdminSchool, teacherCount: number, t: Translate, notice?: string): Screen {
  const card = t("admin-school-card", {
    name: school.name,
    region: school.region ?? "—",
    zone: zoneLabel(school.timezone, t),
    teachers: teacherCount,
  });
  const keyboard = new InlineKeyboard()
    .text(t("admin-school-invite"), adminSchoolData.pack({ action: "invite", school: school.id }))
    .row()
    .text(t("admin-school-teachers", { count: teacherCount }), adminSchoolData.pack({ action: "teachers", school: school.id }))
    .row()
    .text(t("admin-school-rename"), adminSchoolData.pack({ action: "rename", school: school.id }))
    .row()
    .text(t("admin-back-schools"), adminHomeData.pack({ action: "list", page: 0 }));
  return { text: notice ? `${notice}\n\n${card}` : card, keyboard };
}

/** A school's teachers, each with a button to take the role away. */
export function teachersScreen(school: AdminSchool, teachers: AdminTeacher[], t: Translate, notice?: string): Screen {
  const keyboard = new InlineKeyboard();
  const lines = notice ? [notice, ""] : [];
  if (teachers.length === 0) {
    lines.push(t("admin-teachers-none", { school: school.name }));
  } else {
    lines.push(t("admin-teachers-title", { school: school.name }));
    for (const teacher of teachers) {
      const name = teacherName(teacher, t);
      lines.push(`• ${name}`);
      keyboard.text(t("admin-teacher-revoke", { name }), adminTeacherData.pack({ action: "ask", user: teacher.id })).row();
    }
  }
  keyboard.text(t("admin-back-school"), adminSchoolData.pack({ action: "open", school: school.id }));
  return { text: lines.join("\n"), keyboard };
}

export function revokeConfirmScreen(school: AdminSchool, teacher: AdminTeacher, t: Translate): Screen {
  return {
    text: t("admin-revoke-confirm", { name: teacherName(teacher, t), school: school.name }),
    keyboard: new InlineKeyboard()
      .text(t("admin-revoke-yes"), adminTeacherData.pack({ action: "revoke", user: teacher.id }))
      .text(t("admin-revoke-no"), adminSchoolData.pack({ action: "teachers", school: school.id })),
  };
}

export function zoneKeyboard(t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const zone of SCHOOL_ZONE_KEYS) keyboard.text(t(`admin-zone-${zone}`), adminZoneData.pack({ zone })).row();
  return keyboard;
}

export function saveCancelKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("admin-save"), adminConfirmData.pack({ choice: "save" }))
    .text(t("admin-cancel"), adminConfirmData.pack({ choice: "cancel" }));
}

/** After a dialog ends, one tap back to the list. */
export function backToSchoolsKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("admin-back-schools"), adminHomeData.pack({ action: "list", page: 0 }));
}
