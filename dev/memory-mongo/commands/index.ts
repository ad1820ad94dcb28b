import { errorReply, mongoError, toMongoError } from "../errors.js";
import type { Doc } from "../values.js";
import { adminCommands } from "./admin.js";
import { aggregateCommands } from "./aggregate.js";
import type { CommandContext, CommandHandler, ConnectionInfo, ServerState } from "./context.js";
import { findCommands } from "./find.js";
import { findAndModifyCommands } from "./findAndModify.js";
import { handshakeCommands } from "./handshake.js";
import { indexCommands } from "./indexes.js";
import { writeCommands } from "./write.js";

export type { ConnectionInfo, ServerState } from "./context.js";

const COMMANDS: Record<string, CommandHandler> = {
  ...handshakeCommands,
  ...findCommands,
  ...writeCommands,
  ...findAndModifyCommands,
  ...aggregateCommands,
  ...adminCommands,
  ...indexCommands,
  listCommands: () => ({
    commands: Object.fromEntries(Object.keys(COMMANDS).sort().map((name) => [name, { help: "", requiresAuth: false }])),
    ok: 1,
  }),
};

/** Only these may run inside a transaction on a real server; on a standalone every txnNumber is refused. */
function usesTransactions(cmd: Doc): boolean {
  return cmd.txnNumber !== undefined || cmd.startTransaction !== undefined || cmd.autocommit !== undefined;
}

/**
 * Runs one command synchronously from start to finish: no await between reading and writing data,
 * which is what makes every single-document write atomic against concurrent connections.
 * Never throws: failures become `{ ok: 0 }` replies.
 */
export function runCommand(server: ServerState, conn: ConnectionInfo, dbName: string, cmd: Doc): Doc {
  try {
    const name = Object.keys(cmd)[0] ?? "";
    const handler = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!handler) throw mongoError("CommandNotFound", `no such command: '${name}'`);
    if (usesTransactions(cmd)) {
      throw mongoError("IllegalOperation", "Transaction numbers are only allowed on a replica set member or mongos");
    }
    const ctx: CommandContext = { server, conn, dbName, cmd, name };
    return handler(ctx);
  } catch (err) {
    return errorReply(toMongoError(err));
  }
}
