import { defineCallbackData, objectIdField } from "./factory.js";

/** "Disconnect" on a link in "My parents" / "My children", then its confirmation. */
export const unlinkData = defineCallbackData("unlink", { link: objectIdField });
export const unlinkConfirmData = defineCallbackData("unlink-yes", { link: objectIdField });
export const unlinkKeepData = defineCallbackData("unlink-no", {});
