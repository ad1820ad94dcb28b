/** A Bot API failure, answered as Telegram does: `{ ok: false, error_code, description, parameters? }` with that HTTP status. */
export class BotApiError extends Error {
  override name = "BotApiError";

  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(description);
  }

  toJSON(): { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } } {
    return { ok: false, error_code: this.errorCode, description: this.description, ...(this.parameters ? { parameters: this.parameters } : {}) };
  }
}

/** 400 with Telegram's "Bad Request: " prefix. */
export const badRequest = (what: string) => new BotApiError(400, `Bad Request: ${what}`);
export const forbidden = (what: string) => new BotApiError(403, `Forbidden: ${what}`);
export const conflict = (what: string) => new BotApiError(409, `Conflict: ${what}`);
export const notFound = () => new BotApiError(404, "Not Found");
export const unauthorized = () => new BotApiError(401, "Unauthorized");
