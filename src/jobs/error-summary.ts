/**
 * What a job logs about an unexpected error: its name and code, never its message or fields,
 * which may quote a stored document (a broadcast's text, a name) — DESIGN §2: no personal free
 * text in logs.
 */
export function errorSummary(error: unknown): { errorName: string; errorCode?: string | number } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { errorName: error.name, ...(typeof code === "string" || typeof code === "number" ? { errorCode: code } : {}) };
  }
  return { errorName: typeof error };
}
