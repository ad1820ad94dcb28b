/**
 * The process that tests/faults/crash.test.ts kills with SIGKILL and starts again. It connects to
 * the test's store and fake Bot API exactly as production does (no fakes inside), and does one of:
 *   MODE=dispatch  drain the outbox until nothing is pending or sending (waits out expired locks);
 *   MODE=signup    sign every pupil of the trial up at once (the pupils tapping "4" together);
 *   MODE=recover   the hourly consent-expiry job (which repairs seats), then the pupils try again.
 * Environment: MONGO_URI, DB_NAME, API_ROOT, TRIAL_ID, LOCK_MS. Prints nothing; the exit code says it all.
 */
import { Api } from "grammy";
import mongoose, { Types } from "mongoose";
import { systemClock } from "../../src/clock.js";
import { createI18n } from "../../src/bot/i18n.js";
import { createConfig } from "../../src/config.js";
import { createModels } from "../../src/db/models/index.js";
import { createDispatcher } from "../../src/jobs/dispatcher.js";
import { silentLogger } from "../../src/logger.js";
import { createAuditService } from "../../src/services/audit.js";
import { createConsentService } from "../../src/services/consents.js";
import { createOutbox } from "../../src/services/outbox.js";
import { createRegistrationService } from "../../src/services/registrations.js";
import { createUserService } from "../../src/services/users.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const connection = await mongoose.createConnection(env("MONGO_URI"), { dbName: env("DB_NAME"), bufferCommands: false, autoIndex: false }).asPromise();
const models = createModels(connection);
const config = createConfig({ LOG_LEVEL: "silent", NODE_ENV: "test" });
const logger = silentLogger();
const clock = systemClock;
const mode = env("MODE");

/** The services a sign-up goes through, wired as in the composition root (services/index.ts). */
function signUpServices() {
  const audit = createAuditService({ models, clock });
  const outbox = createOutbox({ models, clock });
  const registrations = createRegistrationService({ models, clock, audit, outbox, onSeatHeld: (id) => consents.requestFor(id) });
  const consents = createConsentService({ models, clock, audit, outbox, registrations });
  return { users: createUserService({ models, clock, config }), registrations };
}

async function signUpEveryone(): Promise<void> {
  const services = signUpServices();
  const trialId = new Types.ObjectId(env("TRIAL_ID"));
  const pupils = await models.User.find({ roles: "student" }, { _id: 1 }).sort({ telegramId: 1 }).lean();
  await Promise.all(
    pupils.map(async (pupil) => {
      const actor = await services.users.findById(pupil._id);
      await services.registrations.signUp(actor, trialId, { expect: "To try it", worries: "Nothing", interest: 4 }).catch((error: unknown) => {
        // "already": this pupil's first try went through before the crash.
        if ((error as { code?: string }).code !== "signup-already") throw error;
      });
    }),
  );
}

if (mode === "dispatch") {
  const dispatcher = createDispatcher({
    models,
    api: new Api("4242:TEST-TOKEN-FOR-TESTS", { apiRoot: env("API_ROOT") }),
    i18n: createI18n("kk"),
    clock,
    // Above Telegram's real budget, so 500 messages take a second or two against the fake API.
    config: { ...config, broadcastRatePerSec: 300 },
    logger,
    owner: `crash-child-${process.pid}`,
    tuning: { lockMs: Number(env("LOCK_MS")), concurrency: 8 },
  });
  for (;;) {
    await dispatcher.runOnce();
    if (!(await models.Notification.exists({ status: { $in: ["pending", "sending"] } }))) break;
    // What a killed instance held becomes claimable when its lock runs out.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
} else if (mode === "signup") {
  await signUpEveryone();
} else if (mode === "recover") {
  const services = signUpServices();
  // Nothing else runs against this database: the repair need not wait for a quiet spell.
  await services.registrations.reconcileSeats({ quietForMs: 0 });
  await signUpEveryone();
} else {
  throw new Error(`unknown MODE ${mode}`);
}
await connection.close();
