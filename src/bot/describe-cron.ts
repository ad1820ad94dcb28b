import { cronShape, normalizeCron } from "../domain/cron.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** "a", "a and b", "a, b and c" in the reader's language. */
function joinList(items: string[], t: Translate): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${t("broadcast-cron-and")} ${items.at(-1)}`;
}

/**
 * A cron expression read back in words, so the teacher can check it before it repeats for months:
 * "every Monday at 09:00", "по будням (пн–пт) в 08:30". Uncommon expressions are shown as typed.
 */
export function describeCron(expression: string, t: Translate): string {
  const shape = cronShape(expression);
  if (!shape) return t("broadcast-cron-raw", { expr: normalizeCron(expression) });
  switch (shape.kind) {
    case "every-minutes":
      return t("broadcast-cron-every-minutes", { count: shape.count });
    case "every-hours":
      return t("broadcast-cron-every-hours", { count: shape.count });
    case "daily":
      return t("broadcast-cron-daily", { times: joinList(shape.times, t) });
    case "weekdays":
      return t("broadcast-cron-weekdays", { times: joinList(shape.times, t) });
    case "weekends":
      return t("broadcast-cron-weekends", { times: joinList(shape.times, t) });
    case "weekly":
      return t("broadcast-cron-weekly", { days: joinList(shape.days.map((d) => t(`broadcast-cron-day-${d}`)), t), times: joinList(shape.times, t) });
    case "monthly":
      return t("broadcast-cron-monthly", { day: shape.day, times: joinList(shape.times, t) });
    case "monthly-last":
      return t("broadcast-cron-monthly-last", { times: joinList(shape.times, t) });
  }
}
