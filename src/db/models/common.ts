import type { Schema } from "mongoose";

/** RIASEC interest types (Holland): Realistic, Investigative, Artistic, Social, Enterprising, Conventional. */
export const RIASEC_LETTERS = ["R", "I", "A", "S", "E", "C"] as const;
export type RiasecLetter = (typeof RIASEC_LETTERS)[number];

export const DEFAULT_TIMEZONE = "Asia/Almaty";

/** Grades a pupil can be in (DESIGN §1: 5–11). */
export const MIN_GRADE = 5;
export const MAX_GRADE = 11;

/** True for a zone name the runtime's ICU knows, e.g. "Asia/Almaty", "Asia/Bishkek". */
export function isIanaTimeZone(value: unknown): boolean {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneValidator = {
  validator: isIanaTimeZone,
  message: (props: { value: unknown }) => `${String(props.value)} is not an IANA time zone`,
};

/** Thrown by the hooks of an append-only collection when something tries to change or remove a record. */
export class AppendOnlyViolationError extends Error {
  override readonly name = "AppendOnlyViolationError";
  constructor(
    readonly collection: string,
    readonly operation: string,
  ) {
    super(`${collection} is append-only: ${operation} is not allowed; insert a new record instead`);
  }
}

const QUERY_WRITES = [
  "updateOne",
  "updateMany",
  "findOneAndUpdate",
  "findOneAndReplace",
  "findOneAndDelete",
  "replaceOne",
  "deleteOne",
  "deleteMany",
] as const;

/**
 * Makes every mongoose write path other than insertion throw: query updates/deletes,
 * document `updateOne()`/`deleteOne()`, re-saving a loaded document and `bulkWrite`.
 * Inserting (`create`, `insertMany`, `new Model().save()`) stays allowed.
 *
 * The raw driver collection (`Model.collection`) bypasses these hooks on purpose;
 * only the privacy service may use it, for anonymisation on erasure/retention.
 */
// Schema's generic parameters differ per collection; the hooks only need the common surface.
export function makeAppendOnly(schema: Schema<any, any, any, any, any, any, any, any>, collection: string): void {
  for (const op of QUERY_WRITES) {
    schema.pre(op, { document: false, query: true }, function () {
      throw new AppendOnlyViolationError(collection, op);
    });
  }
  for (const op of ["updateOne", "deleteOne"] as const) {
    schema.pre(op, { document: true, query: false }, function () {
      throw new AppendOnlyViolationError(collection, `document.${op}`);
    });
  }
  schema.pre("save", function () {
    if (!this.isNew) throw new AppendOnlyViolationError(collection, "save of an existing document");
  });
  schema.pre("bulkWrite", function (ops) {
    for (const op of ops) {
      if (!("insertOne" in op)) throw new AppendOnlyViolationError(collection, "bulkWrite other than insertOne");
    }
  });
}
