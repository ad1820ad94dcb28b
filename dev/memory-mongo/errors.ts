import type { Document } from "bson";

/**
 * The named error codes this server produces (src/mongo/base/error_codes.yml). mongod's
 * "location" codes (e.g. 40324 for an unknown stage) have codeName "Location<code>".
 */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  InvalidLength: 16,
  IllegalOperation: 20,
  InvalidBSON: 22,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  EmptyFieldName: 56,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  NoReplicationEnabled: 76,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CommandNotSupported: 115,
  DuplicateKey: 11000,
  BSONObjectTooLarge: 10334,
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

const NAMES = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

export function codeName(code: number): string {
  return NAMES.get(code) ?? "Location" + code;
}

/**
 * A MongoDB server error. `extra` carries code-specific fields (keyPattern/keyValue for duplicate keys)
 * that mongod puts next to errmsg, both in command errors and in writeErrors entries.
 */
export class MongoCommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Document;

  constructor(code: number, message: string, extra: Document = {}) {
    super(message);
    this.name = "MongoCommandError";
    this.code = code;
    this.codeName = codeName(code);
    this.extra = extra;
  }
}

export function mongoError(name: ErrorCodeName, message: string, extra?: Document): MongoCommandError {
  return new MongoCommandError(ErrorCode[name], message, extra);
}

/**
 * Turns anything thrown while executing a command into a MongoDB error. mingo reports malformed
 * queries/pipelines by throwing plain errors; mongod reports those as BadValue-like user errors,
 * so anything that is not ours becomes BadValue unless it looks like a genuine bug.
 */
export function toMongoError(err: unknown): MongoCommandError {
  if (err instanceof MongoCommandError) return err;
  if (err instanceof Error) {
    const msg = err.message;
    const stage = /(?:unknown|unregistered) pipeline operator:? '?(\$\w+)'?/i.exec(msg);
    if (stage) return new MongoCommandError(40324, `Unrecognized pipeline stage name: '${stage[1]}'`);
    const queryOp = /unknown query operator:? '?(\$\w+)'?/i.exec(msg);
    if (queryOp) return mongoError("BadValue", `unknown operator: ${queryOp[1]}`);
    if (/scriptEnabled/.test(msg)) {
      return mongoError("BadValue", "$where, $function and $accumulator are not supported (memory-mongo has no JavaScript engine)");
    }
    if (err instanceof SyntaxError) return new MongoCommandError(51091, `Regular expression is invalid: ${msg}`);
    const isBug = err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError;
    return isBug ? mongoError("InternalError", `internal error: ${msg}`) : mongoError("BadValue", msg);
  }
  return mongoError("InternalError", `internal error: ${String(err)}`);
}

/** The `{ ok: 0, errmsg, code, codeName }` reply document mongod sends for a failed command. */
export function errorReply(err: MongoCommandError): Document {
  return { ok: 0, errmsg: err.message, code: err.code, codeName: err.codeName, ...err.extra };
}

/** A writeErrors[] entry; mongod omits codeName there. */
export function writeErrorEntry(index: number, err: MongoCommandError): Document {
  return { index, code: err.code, ...err.extra, errmsg: err.message };
}
