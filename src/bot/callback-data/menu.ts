export { MENU_ACTIONS, menuData, type MenuAction } from "../../domain/menu-buttons.js";
