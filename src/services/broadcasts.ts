import { Types } from "mongoose";
import { z } from "zod";
import type { Clock } from "../clock.js";
import {
  BROADCAST_AUDIENCE_ROLES,
  type BroadcastAudienceRole,
  type BroadcastScheduleKind,
  type BroadcastStatus,
} from "../db/models/broadcast.js";
import { isIanaTimeZone, MAX_GRADE, MIN_GRADE } from "../db/models/common.js";
import type { Models } from "../db/models/index.js";
import { PARSE_MODES, type ParseMode } from "../db/models/notification.js";
import { ACTIVE_REGISTRATION_STATUSES } from "../db/models/registration.js";
import { BROADCAST_HTML_MAX, checkBroadcastCron, MAX_SCHEDULE_AHEAD_MS } from "../domain/broadcast.js";
import { nextCronRun } from "../domain/cron.js";
import { checkClassLetter } from "../domain/profile.js";
import { createAuditService, type AuditService } from "./audit.js";
import { requireRole, requireStaffOf, type Actor } from "./authorization.js";
import { DomainError, InvalidInput, NotAllowed, NotFound } from "./errors.js";
import { createOutbox, type Outbox } from "./outbox.js";

/** Students and/or guardians of a school, narrowed to a grade, a class or a trial's registrants. */
export interface BroadcastAudience {
  roles: BroadcastAudienceRole[];
  grade?: number | undefined;
  classLetter?: string | undefined;
  trialId?: Types.ObjectId | undefined;
}

export type BroadcastSchedule = { kind: "now" } | { kind: "at"; at: Date } | { kind: "cron"; cron: string; timezone?: string | undefined };

export interface BroadcastStats {
  total: number;
  sent: number;
  failed: number;
  blocked: number;
}

export interface BroadcastView {
  id: Types.ObjectId;
  schoolId: Types.ObjectId;
  createdBy: Types.ObjectId;
  audience: BroadcastAudience;
  /** The trial's title when the audience is a trial's registrants (filled in by lists and cards). */
  trialTitle?: string | undefined;
  text: string;
  parseMode: ParseMode | undefined;
  schedule: { kind: BroadcastScheduleKind; at: Date | undefined; cron: string | undefined; timezone: string | undefined };
  status: BroadcastStatus;
  stats: BroadcastStats;
  lastRunAt: Date | undefined;
  nextRunAt: Date | undefined;
  createdAt: Date;
}

export interface AudienceCount {
  total: number;
  students: number;
  guardians: number;
}

/** What a teacher's broadcast dialog offers: their school, its classes, and trials whose registrants can be reached. */
export interface BroadcastSetup {
  schoolId: Types.ObjectId;
  schoolName: string;
  timezone: string;
  classes: { grade: number; letter: string }[];
  trials: { id: Types.ObjectId; title: string; startsAt: Date }[];
}

/** The broadcast is over (sent or cancelled already): nothing left to cancel. */
export class BroadcastFinished extends DomainError {
  constructor() {
    super("broadcast-finished");
  }
}

export interface Recipient {
  userId: Types.ObjectId;
  chatId: number;
  role: BroadcastAudienceRole;
}

const objectId = z.instanceof(Types.ObjectId);

const audienceSchema = z
  .object({
    roles: z
      .array(z.enum(BROADCAST_AUDIENCE_ROLES))
      .min(1)
      .max(BROADCAST_AUDIENCE_ROLES.length)
      .refine((roles) => new Set(roles).size === roles.length, "roles repeat"),
    grade: z.number().int().min(MIN_GRADE).max(MAX_GRADE).optional(),
    classLetter: z
      .string()
      .refine((letter) => checkClassLetter(letter) === letter, "one upper-case letter")
      .optional(),
    trialId: objectId.optional(),
  })
  .strict()
  .refine((a) => a.classLetter === undefined || a.grade !== undefined, { message: "a class needs its grade", path: ["classLetter"] });

const scheduleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("now") }).strict(),
  z.object({ kind: z.literal("at"), at: z.date() }).strict(),
  z.object({ kind: z.literal("cron"), cron: z.string().min(1).max(100), timezone: z.string().refine(isIanaTimeZone).optional() }).strict(),
]);

const createSchema = z
  .object({
    schoolId: objectId,
    audience: audienceSchema,
    text: z
      .string()
      .max(BROADCAST_HTML_MAX)
      .refine((text) => text.trim().length > 0, "empty"),
    parseMode: z.enum(PARSE_MODES).optional(),
    schedule: scheduleSchema,
  })
  .strict();

export type CreateBroadcastInput = z.input<typeof createSchema>;

type StoredBroadcast = {
  _id: Types.ObjectId;
  schoolId: Types.ObjectId;
  createdBy: Types.ObjectId;
  audience?: { roles?: BroadcastAudienceRole[]; grade?: number | null; classLetter?: string | null; trialId?: Types.ObjectId | null } | null;
  text: string;
  parseMode?: ParseMode | null;
  schedule?: { kind?: BroadcastScheduleKind; at?: Date | null; cron?: string | null; timezone?: string | null } | null;
  status: BroadcastStatus;
  stats?: Partial<BroadcastStats> | null;
  lastRunAt?: Date | null;
  nextRunAt?: Date | null;
  createdAt: Date;
};

function toView(doc: StoredBroadcast): BroadcastView {
  const audience = doc.audience ?? {};
  const schedule = doc.schedule ?? {};
  return {
    id: doc._id,
    schoolId: doc.schoolId,
    createdBy: doc.createdBy,
    audience: {
      roles: [...(audience.roles ?? [])],
      grade: audience.grade ?? undefined,
      classLetter: audience.classLetter ?? undefined,
      trialId: audience.trialId ?? undefined,
    },
    text: doc.text,
    parseMode: doc.parseMode ?? undefined,
    schedule: { kind: schedule.kind ?? "now", at: schedule.at ?? undefined, cron: schedule.cron ?? undefined, timezone: schedule.timezone ?? undefined },
    status: doc.status,
    stats: { total: doc.stats?.total ?? 0, sent: doc.stats?.sent ?? 0, failed: doc.stats?.failed ?? 0, blocked: doc.stats?.blocked ?? 0 },
    lastRunAt: doc.lastRunAt ?? undefined,
    nextRunAt: doc.nextRunAt ?? undefined,
    createdAt: doc.createdAt,
  };
}

/** Notifications of a run that may still go out; the run is over when none is left. */
const UNFINISHED_NOTIFICATIONS = ["pending", "sending", "failed"] as const;

/**
 * Who gets a broadcast, decided at the moment it goes out, so a recurring broadcast reaches
 * the pupils and parents of today: pupils of the school (narrowed by grade, class or a trial's
 * registrants), guardians linked to those pupils, active accounts only, each person once.
 */
export async function resolveRecipients(models: Models, schoolId: Types.ObjectId, audience: BroadcastAudience): Promise<Recipient[]> {
  const { User, Guardianship, Trial, Registration } = models;
  const pupils: Record<string, unknown> = { roles: "student", status: { $ne: "deleted" } };
  if (audience.trialId) {
    const trial = await Trial.findOne({ _id: audience.trialId, $or: [{ schoolId }, { schoolIds: schoolId }] }, { schoolId: 1 }).lean<{
      schoolId: Types.ObjectId;
    }>();
    if (!trial) return [];
    const registrations = await Registration.find(
      { trialId: audience.trialId, status: { $in: ACTIVE_REGISTRATION_STATUSES } },
      { studentId: 1 },
    ).lean<{ studentId: Types.ObjectId }[]>();
    pupils._id = { $in: registrations.map((r) => r.studentId) };
    // The school running the trial reaches every registrant; a school that only sends pupils to it, its own.
    if (!trial.schoolId.equals(schoolId)) pupils.schoolId = schoolId;
  } else {
    pupils.schoolId = schoolId;
  }
  if (audience.grade !== undefined) pupils.grade = audience.grade;
  if (audience.classLetter !== undefined) pupils.classLetter = audience.classLetter;

  const students = await User.find(pupils, { telegramId: 1, status: 1 }).lean<{ _id: Types.ObjectId; telegramId: number; status: string }[]>();
  const recipients = new Map<string, Recipient>();
  if (audience.roles.includes("student")) {
    for (const s of students) {
      if (s.status === "active") recipients.set(s._id.toHexString(), { userId: s._id, chatId: s.telegramId, role: "student" });
    }
  }
  if (audience.roles.includes("guardian") && students.length > 0) {
    const links = await Guardianship.find({ studentId: { $in: students.map((s) => s._id) } }, { guardianId: 1 }).lean<{ guardianId: Types.ObjectId }[]>();
    const guardians = await User.find(
      { _id: { $in: links.map((l) => l.guardianId) }, roles: "guardian", status: "active" },
      { telegramId: 1 },
    ).lean<{ _id: Types.ObjectId; telegramId: number }[]>();
    for (const g of guardians) {
      const key = g._id.toHexString();
      if (!recipients.has(key)) recipients.set(key, { userId: g._id, chatId: g.telegramId, role: "guardian" });
    }
  }
  return [...recipients.values()];
}

export interface FanOutDeps {
  models: Models;
  clock: Clock;
  /** Defaults to an outbox over the same models and clock. */
  outbox?: Outbox;
  audit?: AuditService;
}

export type FanOutResult =
  | { status: "enqueued"; runKey: string; total: number; enqueued: number; broadcastStatus: BroadcastStatus }
  | { status: "skipped"; reason: "not-found" | "not-scheduled" | "not-due" };

const ENQUEUE_CONCURRENCY = 50;

/**
 * Sends one run of a broadcast into the outbox: the run due at the broadcast's `nextRunAt`,
 * if that is not later than `runAt` (the scheduler passes its tick time; "send now" passes now).
 *
 * Safe to repeat and to race: every notification's dedupeKey is
 * `broadcast:<broadcastId>:<run time>:<userId>`, so a second planner, or a rerun after a crash
 * halfway, enqueues nothing twice; only the final state change is conditional, and only one
 * caller makes it. Until it is made the broadcast stays due, so a crash loses no run.
 */
export async function fanOutBroadcast(deps: FanOutDeps, broadcastId: Types.ObjectId, runAt: Date): Promise<FanOutResult> {
  const { Broadcast, Notification, School } = deps.models;
  const outbox = deps.outbox ?? createOutbox(deps);
  const audit = deps.audit ?? createAuditService(deps);
  const found = await Broadcast.findById(broadcastId).lean<StoredBroadcast>();
  if (!found) return { status: "skipped", reason: "not-found" };
  const broadcast = toView(found);
  if (broadcast.status !== "scheduled" || !broadcast.nextRunAt) return { status: "skipped", reason: "not-scheduled" };
  const run = broadcast.nextRunAt;
  if (run.getTime() > runAt.getTime()) return { status: "skipped", reason: "not-due" };
  const runKey = run.toISOString();
  const due = { _id: broadcastId, status: "scheduled" as const, nextRunAt: run };

  // A recurring broadcast reports on its latest run: start the counters afresh, once per run.
  await Broadcast.updateOne(
    { ...due, lastRunAt: { $ne: run } },
    { $set: { lastRunAt: run, "stats.total": 0, "stats.sent": 0, "stats.failed": 0, "stats.blocked": 0 } },
  );

  const recipients = await resolveRecipients(deps.models, broadcast.schoolId, broadcast.audience);
  const payload = { text: broadcast.text, ...(broadcast.parseMode ? { parseMode: broadcast.parseMode } : {}) };
  let enqueued = 0;
  for (let i = 0; i < recipients.length; i += ENQUEUE_CONCURRENCY) {
    const batch = recipients.slice(i, i + ENQUEUE_CONCURRENCY);
    const created = await Promise.all(
      batch.map((r) =>
        outbox.enqueue({
          dedupeKey: `broadcast:${broadcastId.toHexString()}:${runKey}:${r.userId.toHexString()}`,
          userId: r.userId,
          chatId: r.chatId,
          kind: "broadcast",
          payload,
          notBefore: run,
          broadcastId,
        }),
      ),
    );
    enqueued += created.filter(Boolean).length;
  }

  const recurring = broadcast.schedule.kind === "cron" && broadcast.schedule.cron !== undefined;
  let next: Date | null = null;
  if (recurring) {
    const zone = broadcast.schedule.timezone ?? (await School.findById(broadcast.schoolId, { timezone: 1 }).lean<{ timezone: string }>())?.timezone;
    // After a long outage, skip the runs that were missed rather than send them all at once.
    const after = new Date(Math.max(run.getTime(), deps.clock.now().getTime()));
    next = zone ? nextCronRun(broadcast.schedule.cron!, after, zone) : null;
  }
  const status: BroadcastStatus = next ? "scheduled" : recipients.length === 0 ? "done" : "sending";
  const moved = await Broadcast.findOneAndUpdate(
    due,
    next ? { $set: { status, nextRunAt: next, "stats.total": recipients.length } } : { $set: { status, "stats.total": recipients.length }, $unset: { nextRunAt: "" } },
    { returnDocument: "after" },
  ).lean<StoredBroadcast>();
  if (!moved) {
    // Someone else finished this run first, or the teacher cancelled it meanwhile: then nothing of it may go out.
    const now = await Broadcast.findById(broadcastId, { status: 1 }).lean<{ status: BroadcastStatus }>();
    if (now?.status === "cancelled") await Notification.updateMany({ broadcastId, status: "pending" }, { $set: { status: "cancelled" } });
    return { status: "enqueued", runKey, total: recipients.length, enqueued, broadcastStatus: now?.status ?? "cancelled" };
  }
  let broadcastStatus = moved.status;
  if (status === "sending" && !(await Notification.exists({ broadcastId, status: { $in: UNFINISHED_NOTIFICATIONS } }))) {
    // The dispatcher may have delivered everything before the status said "sending": close it here then.
    const done = await Broadcast.findOneAndUpdate({ _id: broadcastId, status: "sending" }, { $set: { status: "done" } }, { returnDocument: "after" }).lean<StoredBroadcast>();
    if (done) broadcastStatus = done.status;
  }
  await audit.record({
    actorId: null,
    action: "broadcast.sent",
    entity: "broadcast",
    entityId: broadcastId,
    details: { runKey, recipients: recipients.length, enqueued },
  });
  return { status: "enqueued", runKey, total: recipients.length, enqueued, broadcastStatus };
}

export interface BroadcastServiceDeps {
  models: Models;
  clock: Clock;
  audit: AuditService;
  outbox: Outbox;
}

export function createBroadcastService(deps: BroadcastServiceDeps) {
  const { Broadcast, Notification, School, Trial, User } = deps.models;

  async function schoolZone(schoolId: Types.ObjectId): Promise<string> {
    const school = await School.findById(schoolId, { timezone: 1 }).lean<{ timezone: string }>();
    if (!school) throw new NotFound("school");
    return school.timezone;
  }

  /** A trial's registrants may be reached only by a school that runs the trial or sends pupils to it. */
  async function checkTrial(schoolId: Types.ObjectId, trialId: Types.ObjectId | undefined): Promise<void> {
    if (!trialId) return;
    const trial = await Trial.findById(trialId, { schoolId: 1, schoolIds: 1 }).lean<{ schoolId: Types.ObjectId; schoolIds?: Types.ObjectId[] }>();
    if (!trial) throw new NotFound("trial");
    if (!trial.schoolId.equals(schoolId) && !(trial.schoolIds ?? []).some((id) => id.equals(schoolId))) throw new NotAllowed("trial of another school");
  }

  function parseAudience(audience: BroadcastAudience): BroadcastAudience {
    const parsed = audienceSchema.safeParse(audience);
    if (!parsed.success) throw new InvalidInput(`audience.${String(parsed.error.issues[0]?.path[0] ?? "roles")}`);
    return parsed.data;
  }

  /** Views with the titles of the trials they address, for lists and cards. */
  async function withTrialTitles(views: BroadcastView[]): Promise<BroadcastView[]> {
    const ids = views.map((v) => v.audience.trialId).filter((id): id is Types.ObjectId => id !== undefined);
    if (ids.length === 0) return views;
    const trials = await Trial.find({ _id: { $in: ids } }, { title: 1 }).lean<{ _id: Types.ObjectId; title: string }[]>();
    const titles = new Map(trials.map((t) => [t._id.toHexString(), t.title]));
    return views.map((v) => (v.audience.trialId ? { ...v, trialTitle: titles.get(v.audience.trialId.toHexString()) } : v));
  }

  async function load(actor: Actor | null, id: Types.ObjectId): Promise<BroadcastView> {
    const doc = await Broadcast.findById(id).lean<StoredBroadcast>();
    if (!doc) throw new NotFound("broadcast");
    requireStaffOf(actor, doc.schoolId);
    const [view] = await withTrialTitles([toView(doc)]);
    return view!;
  }

  return {
    resolveRecipients: (schoolId: Types.ObjectId, audience: BroadcastAudience) => resolveRecipients(deps.models, schoolId, audience),

    /** The teacher's own school, its classes and its upcoming published trials. */
    async setup(actor: Actor | null): Promise<BroadcastSetup> {
      const teacher = requireRole(actor, "teacher");
      const schoolId = teacher.teacherSchoolId;
      if (!schoolId) throw new NotAllowed("teacher without a school");
      const school = await School.findById(schoolId, { name: 1, timezone: 1 }).lean<{ name: string; timezone: string }>();
      if (!school) throw new NotFound("school");
      const pupils = await User.find({ schoolId, roles: "student", status: "active" }, { grade: 1, classLetter: 1 }).lean<{ grade?: number; classLetter?: string }[]>();
      const classes = new Map<string, { grade: number; letter: string }>();
      for (const p of pupils) if (p.grade !== undefined && p.classLetter) classes.set(`${p.grade}${p.classLetter}`, { grade: p.grade, letter: p.classLetter });
      const trials = await Trial.find({ $or: [{ schoolId }, { schoolIds: schoolId }], status: "published", startsAt: { $gt: deps.clock.now() } }, { title: 1, startsAt: 1 })
        .sort({ startsAt: 1 })
        .limit(8)
        .lean<{ _id: Types.ObjectId; title: string; startsAt: Date }[]>();
      return {
        schoolId,
        schoolName: school.name,
        timezone: school.timezone,
        classes: [...classes.values()].sort((a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter, "ru")),
        trials: trials.map((t) => ({ id: t._id, title: t.title, startsAt: t.startsAt })),
      };
    },

    /** How many people the audience reaches right now. */
    async countAudience(actor: Actor | null, schoolId: Types.ObjectId, audience: BroadcastAudience): Promise<AudienceCount> {
      requireStaffOf(actor, schoolId);
      const clean = parseAudience(audience);
      await checkTrial(schoolId, clean.trialId);
      const recipients = await resolveRecipients(deps.models, schoolId, clean);
      const students = recipients.filter((r) => r.role === "student").length;
      return { total: recipients.length, students, guardians: recipients.length - students };
    },

    /**
     * Stores a broadcast and, for "now", sends it into the outbox at once. Scheduled and recurring
     * ones are sent by the scheduler's broadcast planner when `nextRunAt` comes.
     */
    async createBroadcast(actor: Actor | null, input: CreateBroadcastInput): Promise<{ broadcast: BroadcastView; run?: FanOutResult }> {
      const parsed = createSchema.safeParse(input);
      if (!parsed.success) throw new InvalidInput(parsed.error.issues[0]?.path.join(".") || "broadcast");
      const { schoolId, audience, text, parseMode, schedule } = parsed.data;
      const staff = requireStaffOf(actor, schoolId);
      const zone = await schoolZone(schoolId);
      await checkTrial(schoolId, audience.trialId);

      const now = deps.clock.now();
      let stored: { kind: BroadcastScheduleKind; at?: Date; cron?: string; timezone?: string };
      let nextRunAt: Date;
      switch (schedule.kind) {
        case "now":
          stored = { kind: "now" };
          nextRunAt = now;
          break;
        case "at":
          if (schedule.at.getTime() <= now.getTime()) throw new InvalidInput("schedule.at");
          if (schedule.at.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) throw new InvalidInput("schedule.at");
          stored = { kind: "at", at: schedule.at };
          nextRunAt = schedule.at;
          break;
        case "cron": {
          const timezone = schedule.timezone ?? zone;
          const check = checkBroadcastCron(schedule.cron, now, timezone);
          if (!check.ok) throw new InvalidInput("schedule.cron");
          stored = { kind: "cron", cron: check.cron, timezone };
          nextRunAt = check.first;
          break;
        }
      }
      const doc = await Broadcast.create({
        createdBy: staff.id,
        schoolId,
        audience,
        text,
        ...(parseMode ? { parseMode } : {}),
        schedule: stored,
        status: "scheduled",
        nextRunAt,
      });
      await deps.audit.record({
        actorId: staff.id,
        action: "broadcast.created",
        entity: "broadcast",
        entityId: doc._id,
        details: {
          schoolId,
          roles: audience.roles,
          grade: audience.grade ?? null,
          classLetter: audience.classLetter ?? null,
          trialId: audience.trialId ?? null,
          schedule: stored.kind,
          ...(stored.cron ? { cron: stored.cron } : {}),
          nextRunAt,
        },
      });
      if (schedule.kind !== "now") return { broadcast: await load(staff, doc._id) };
      const run = await fanOutBroadcast(deps, doc._id, now);
      return { broadcast: await load(staff, doc._id), run };
    },

    /** One broadcast with its live delivery report. */
    getBroadcast: load,

    /** The school's latest broadcasts, newest first. */
    async listBroadcasts(actor: Actor | null, schoolId: Types.ObjectId, limit = 10): Promise<BroadcastView[]> {
      requireStaffOf(actor, schoolId);
      const docs = await Broadcast.find({ schoolId }).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<StoredBroadcast[]>();
      return withTrialTitles(docs.map(toView));
    },

    /** Stops a scheduled, recurring or still-sending broadcast; what has not gone out yet never will. */
    async cancelBroadcast(actor: Actor | null, id: Types.ObjectId): Promise<BroadcastView> {
      const before = await load(actor, id);
      const staff = requireStaffOf(actor, before.schoolId);
      const doc = await Broadcast.findOneAndUpdate(
        { _id: id, status: { $in: ["draft", "scheduled", "sending"] } },
        { $set: { status: "cancelled" }, $unset: { nextRunAt: "" } },
        { returnDocument: "after" },
      ).lean<StoredBroadcast>();
      if (!doc) throw new BroadcastFinished();
      const withdrawn = await Notification.updateMany({ broadcastId: id, status: { $in: ["pending", "failed"] } }, { $set: { status: "cancelled" } });
      await deps.audit.record({
        actorId: staff.id,
        action: "broadcast.cancelled",
        entity: "broadcast",
        entityId: id,
        details: { previousStatus: before.status, cancelledNotifications: withdrawn.modifiedCount },
      });
      const [view] = await withTrialTitles([toView(doc)]);
      return view!;
    },
  };
}

export type BroadcastService = ReturnType<typeof createBroadcastService>;
