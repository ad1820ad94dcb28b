import { InlineKeyboard } from "grammy";
import type { Role } from "../../db/models/user.js";
import { menuData, type MenuAction } from "../callback-data/menu.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** One section per role the person holds, then what everyone has. */
export function mainMenuKeyboard(roles: Role[], t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  const add = (action: MenuAction) => keyboard.text(t(`menu-${action}`), menuData.pack({ action })).row();
  if (roles.includes("student")) {
    add("trials");
    add("my-trials");
    add("questionnaire");
    add("results");
    add("portfolio");
    add("invite-parent");
    add("my-parents");
  }
  if (roles.includes("guardian")) {
    add("consents");
    add("my-children");
    add("enter-code");
  }
  if (roles.includes("teacher")) {
    add("school-trials");
    add("new-trial");
    add("broadcast");
    add("my-broadcasts");
  }
  if (roles.includes("teacher") || roles.includes("admin")) add("reports");
  if (roles.includes("admin")) add("admin");
  keyboard.text(t("menu-language"), menuData.pack({ action: "language" }));
  keyboard.text(t("menu-privacy"), menuData.pack({ action: "privacy" }));
  return keyboard;
}
