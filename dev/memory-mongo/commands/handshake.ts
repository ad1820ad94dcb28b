import { UUID } from "bson";
import { mongoError } from "../errors.js";
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_BYTES } from "../wire.js";
import type { CommandContext, CommandHandler } from "./context.js";

export const SERVER_VERSION = "7.0.0";

/**
 * Deliberately no `topologyVersion`: without it the driver polls with plain hello every
 * heartbeatFrequencyMS instead of holding an awaitable (streaming) hello open on every monitor.
 */
function hello(ctx: CommandContext) {
  return {
    ...(ctx.cmd.helloOk === true ? { helloOk: true } : {}),
    isWritablePrimary: true,
    ismaster: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.conn.id,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
}

function buildInfo() {
  return {
    version: SERVER_VERSION,
    gitVersion: "memory-mongo",
    modules: [],
    allocator: "system",
    javascriptEngine: "none",
    sysInfo: "deprecated",
    versionArray: [7, 0, 0, 0],
    openssl: { running: "disabled" },
    buildEnvironment: {},
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ["memory-mongo"],
    ok: 1,
  };
}

const PARAMETERS: Record<string, unknown> = {
  featureCompatibilityVersion: { version: "7.0" },
  authenticationMechanisms: [],
  maxBSONDepth: 100,
  transactionLifetimeLimitSeconds: 60,
};

function getParameter(ctx: CommandContext) {
  const all = ctx.cmd.getParameter === "*" || (typeof ctx.cmd.getParameter === "object" && ctx.cmd.getParameter !== null);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(PARAMETERS)) {
    if (all || name in ctx.cmd) out[name] = value;
  }
  if (Object.keys(out).length === 0) throw mongoError("InvalidOptions", "no option found to get");
  return { ...out, ok: 1 };
}

function serverStatus(ctx: CommandContext) {
  const uptimeMillis = Date.now() - ctx.server.startedAt;
  return {
    host: `${ctx.server.host}:${ctx.server.port}`,
    version: SERVER_VERSION,
    process: "mongod",
    pid: process.pid,
    uptime: Math.floor(uptimeMillis / 1000),
    uptimeMillis,
    uptimeEstimate: Math.floor(uptimeMillis / 1000),
    localTime: new Date(),
    connections: {
      current: ctx.server.openConnections(),
      available: 1_000_000,
      totalCreated: ctx.server.totalConnections(),
    },
    storageEngine: { name: "memory-mongo", supportsCommittedReads: false, persistent: false },
    ok: 1,
  };
}

const refusesTransactions: CommandHandler = () => {
  throw mongoError("IllegalOperation", "Transaction numbers are only allowed on a replica set member or mongos");
};

export const handshakeCommands: Record<string, CommandHandler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  getCmdLineOpts: () => ({ argv: ["mongod"], parsed: {}, ok: 1 }),
  serverStatus,
  hostInfo: () => ({
    system: { currentTime: new Date(), hostname: "memory-mongo", cpuAddrSize: 64, numCores: 1, cpuArch: process.arch },
    os: { type: process.platform, name: process.platform },
    extra: {},
    ok: 1,
  }),
  whatsmyuri: (ctx) => ({ you: ctx.conn.remote, ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  getLog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  logout: () => ({ ok: 1 }),
  endSessions: () => ({ ok: 1 }),
  killSessions: () => ({ ok: 1 }),
  killAllSessions: () => ({ ok: 1 }),
  killAllSessionsByPattern: () => ({ ok: 1 }),
  refreshSessions: () => ({ ok: 1 }),
  startSession: () => ({ id: { id: new UUID() }, timeoutMinutes: 30, ok: 1 }),
  abortTransaction: refusesTransactions,
  commitTransaction: refusesTransactions,
  replSetGetStatus: () => {
    throw mongoError("NoReplicationEnabled", "not running with --replSet");
  },
  getLastError: () => ({ n: 0, err: null, ok: 1 }),
};
