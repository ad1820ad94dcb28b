/**
 * The authorization matrix (issue 11, part 3; DESIGN §8): every service operation that takes an
 * actor, tried by each of seven roles. A cell is "allow" when the call did not throw NotAllowed,
 * "deny" when it did. Every cell runs in a world of its own (seeded fresh, with targets in the
 * state the operation needs), so only authorisation decides: any other error (a state problem, a
 * missing document) is a broken cell and fails the test, never a silent "deny".
 *
 * Roles: student = the child; guardianThis = a parent linked to that child; guardianOther = a
 * parent of another pupil (of school B); teacherThis / teacherOther = teachers of school A (the
 * child's and the trial's) / of school B; admin = roles ["admin"]; stranger = a registered user
 * with no role. The column `nobody` is the other half of "stranger": the same call with a null
 * actor, where the signature accepts null ("n/a" where it does not). One more column, pOt, is
 * another pupil (guardianOther's child, of school B) aiming at this child's items: where it says
 * "A" the call only ever touches that pupil's own data (their catalogue, their portfolio…).
 * Where an owner-filtered read answers NotFound to someone else (trials.card, myRegistration,
 * questionnaires.progress/result: deliberately no hint that the item exists), that counts as deny.
 */
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { riasec } from "../../src/content/instruments/riasec.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import type { Role } from "../../src/db/models/user.js";
import { newInviteCode } from "../../src/domain/invite-code.js";
import { allowedValues } from "../../src/domain/questionnaire.js";
import { silentLogger } from "../../src/logger.js";
import type { Actor } from "../../src/services/authorization.js";
import { DomainError, InviteUnavailable, NotAllowed, NotFound } from "../../src/services/errors.js";
import { createServices, type Services } from "../../src/services/index.js";
import { SignupRefused } from "../../src/services/registrations.js";
import type { TrialInput } from "../../src/services/trials.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const NOW = new Date("2026-09-14T03:00:00Z"); // Monday 09:00 in Bishkek
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RIASEC = `riasec@${riasec.version}`;
const SHOWN = { text: "Текст, который видел родитель", locale: "ru" as const };
const HASH = "a".repeat(64);
const FIRST_ANSWER = allowedValues(riasec, 0)[0]!;

const ROLES = ["student", "guardianThis", "guardianOther", "teacherThis", "teacherOther", "admin", "stranger"] as const;
/** Not one of the seven roles, tried as well: another pupil (of school B), the likeliest one to forge a button for someone else's data. */
const MARKED = [...ROLES, "pupilOther"] as const;
const COLUMNS = [...MARKED, "nobody"] as const;
type RoleName = (typeof ROLES)[number];
type Column = (typeof COLUMNS)[number];
type Outcome = "allow" | "deny";
type Row = Record<(typeof MARKED)[number], Outcome> & { nobody: Outcome | "n/a" };

/** Shorthand for a row: the seven roles in the order of ROLES and the other pupil ("A" allow, "-" deny), then the null actor. */
function row(cells: string, nobody: Outcome | "n/a"): Row {
  const marks = cells.split(/\s+/).filter(Boolean);
  if (marks.length !== MARKED.length || marks.some((m) => m !== "A" && m !== "-")) throw new Error(`bad row "${cells}"`);
  return { ...Object.fromEntries(MARKED.map((role, i) => [role, marks[i] === "A" ? "allow" : "deny"])), nobody } as Row;
}

/**
 * THE EXPECTED TABLE. Columns: student, guardianThis, guardianOther, teacherThis, teacherOther,
 * admin, stranger, and the other pupil ("A" = allow, "-" = deny); then the null actor.
 */
const EXPECTED: Record<string, Row> = {
  //                                        stu gTh gOt tTh tOt adm str pOt
  "trials.setup": /*                     */ row("-   -   -   A   A   -   -   -", "deny"), // a teacher's own school; an admin has none (not a teacher)
  "trials.create": /*                    */ row("-   -   -   A   A   -   -   -", "deny"), // for the teacher's own school; an admin runs no school's trials
  "trials.get": /*                       */ row("-   -   -   A   -   A   -   -", "deny"),
  "trials.draftFrom": /*                 */ row("-   -   -   A   -   A   -   -", "deny"),
  "trials.update": /*                    */ row("-   -   -   A   -   A   -   -", "deny"),
  "trials.publish": /*                   */ row("-   -   -   A   -   A   -   -", "deny"),
  "trials.cancel": /*                    */ row("-   -   -   A   -   A   -   -", "deny"),
  "trials.listForSchool": /*             */ row("-   -   -   A   -   A   -   -", "deny"),
  "trials.catalogue": /*                 */ row("A   -   -   -   -   -   -   A", "deny"),
  "trials.card": /*                      */ row("A   -   -   -   -   -   -   -", "deny"), // pOt: another school's trial is hidden (NotFound)

  "registrations.signUp": /*             */ row("A   -   -   -   -   -   -   -", "deny"), // pOt: SignupRefused "school" counts as deny
  "registrations.cancel": /*             */ row("A   -   -   A   -   A   -   -", "deny"), // a parent withdraws through consents.withdrawParticipation
  "registrations.mine": /*               */ row("A   -   -   -   -   -   -   A", "deny"),
  "registrations.myRegistration": /*     */ row("A   -   -   -   -   -   -   -", "deny"),
  "registrations.roster": /*             */ row("-   -   -   A   -   A   -   -", "deny"),
  "registrations.markAttendance": /*     */ row("-   -   -   A   -   A   -   -", "deny"),

  // Consent is the linked parent's own act: not the child's, not a teacher's, not even an admin's.
  "consents.request": /*                 */ row("-   A   -   -   -   -   -   -", "deny"),
  "consents.decideParticipation": /*     */ row("-   A   -   -   -   -   -   -", "deny"),
  "consents.withdrawParticipation": /*   */ row("-   A   -   -   -   -   -   -", "deny"),
  "consents.decidePhoto": /*             */ row("-   A   -   -   -   -   -   -", "deny"),
  "consents.setHealthNote": /*           */ row("-   A   -   -   -   -   -   -", "deny"),
  "consents.overview": /*                */ row("-   A   A   -   -   -   -   -", "deny"), // a guardian's own children only
  "consents.evidence": /*                */ row("-   -   -   -   -   A   -   -", "deny"), // the admin's evidence export

  "reflections.open": /*                 */ row("A   -   -   -   -   -   -   -", "deny"),
  "reflections.saveAfter": /*            */ row("A   -   -   -   -   -   -   -", "deny"),
  "reflections.saveTrace": /*            */ row("A   -   -   -   -   -   -   -", "deny"),

  "portfolio.mine": /*                   */ row("A   -   -   -   -   -   -   A", "deny"),
  "portfolio.trialReflections": /*       */ row("-   -   -   A   -   A   -   -", "deny"),
  "portfolio.pupilReflections": /*       */ row("-   -   -   A   -   A   -   -", "deny"),

  "reports.trial": /*                    */ row("-   -   -   A   -   A   -   -", "deny"),
  "reports.school": /*                   */ row("-   -   -   A   -   A   -   -", "deny"),
  "reports.class": /*                    */ row("-   -   -   A   -   A   -   -", "deny"),
  "reports.pupils": /*                   */ row("-   -   -   A   -   A   -   -", "deny"),
  "reports.district": /*                 */ row("-   -   -   -   -   A   -   -", "deny"),

  "broadcasts.setup": /*                 */ row("-   -   -   A   A   -   -   -", "deny"), // the teacher's own school; an admin has none
  "broadcasts.countAudience": /*         */ row("-   -   -   A   -   A   -   -", "deny"),
  "broadcasts.createBroadcast": /*       */ row("-   -   -   A   -   A   -   -", "deny"),
  "broadcasts.getBroadcast": /*          */ row("-   -   -   A   -   A   -   -", "deny"),
  "broadcasts.listBroadcasts": /*        */ row("-   -   -   A   -   A   -   -", "deny"),
  "broadcasts.cancelBroadcast": /*       */ row("-   -   -   A   -   A   -   -", "deny"),

  "schools.add": /*                      */ row("-   -   -   -   -   A   -   -", "deny"),
  "schools.rename": /*                   */ row("-   -   -   -   -   A   -   -", "deny"),

  "teachers.listTeachers": /*            */ row("-   -   -   -   -   A   -   -", "deny"),
  "teachers.getTeacher": /*              */ row("-   -   -   -   -   A   -   -", "deny"),
  "teachers.revokeTeacher": /*           */ row("-   -   -   -   -   A   -   -", "deny"),

  "invites.createGuardianInvite": /*     */ row("A   -   -   -   -   -   -   A", "deny"),
  "invites.createTeacherInvite": /*      */ row("-   -   -   -   -   A   -   -", "deny"),
  // The code is the capability: whoever the child (or the admin) handed it to may open it, even
  // before having an account. A pupil is refused a parent's invite (InviteUnavailable "pupil"):
  // a classmate must not act as a parent; counted as deny.
  "invites.preview": /*                  */ row("-   A   A   A   A   A   A   -", "allow"),
  "invites.acceptGuardianInvite": /*     */ row("-   A   A   A   A   A   A   -", "n/a"), // a third pupil's fresh code
  // Debatable: a pupil holding an admin's teacher code becomes a teacher too. The admin hands
  // the single-use code to a person (DESIGN §1: one account may hold several roles), so the code
  // decides; refusing pupils here would need a new "pupil" text for teacher invites.
  "invites.acceptTeacherInvite": /*      */ row("A   A   A   A   A   A   A   A", "n/a"),

  // Everyone reads their own links; ending one is for its two sides only. Debatable: an admin
  // is refused (a family link is not school data; least privilege).
  "guardianships.guardiansOf": /*        */ row("A   A   A   A   A   A   A   A", "n/a"),
  "guardianships.childrenOf": /*         */ row("A   A   A   A   A   A   A   A", "n/a"),
  "guardianships.unlink": /*             */ row("A   A   -   -   -   -   -   -", "n/a"),

  // About the actor themself: anyone with an account. Without one, export is refused and
  // deletion is a harmless no-op ({deleted:false}), so it reads as allow.
  "privacy.exportData": /*               */ row("A   A   A   A   A   A   A   A", "deny"),
  "privacy.deleteAccount": /*            */ row("A   A   A   A   A   A   A   A", "allow"),

  "questionnaires.openRun": /*           */ row("A   -   -   -   -   -   -   A", "deny"),
  "questionnaires.openRuns": /*          */ row("A   -   -   -   -   -   -   A", "deny"),
  "questionnaires.start": /*             */ row("A   -   -   -   -   -   -   A", "deny"),
  "questionnaires.progress": /*          */ row("A   -   -   -   -   -   -   -", "deny"),
  // pOt on someone else's run: the service answers "stale" and changes nothing; counted as deny.
  "questionnaires.answer": /*            */ row("A   -   -   -   -   -   -   -", "deny"),
  "questionnaires.back": /*              */ row("A   -   -   -   -   -   -   -", "deny"),
  "questionnaires.history": /*           */ row("A   -   -   -   -   -   -   A", "deny"),
  "questionnaires.result": /*            */ row("A   -   -   -   -   -   -   -", "deny"),
  "questionnaires.latest": /*            */ row("A   -   -   -   -   -   -   A", "deny"),

  "recommendations.matchingTrialsFor": /**/ row("A   -   -   -   -   -   -   A", "deny"),

  "reminders.answer": /*                 */ row("A   -   -   -   -   -   -   -", "deny"), // the direction sheet's buttons are the pupil's
};

/** One seeded world: two schools, the seven people, and a target in the right state for every operation. */
interface World {
  actors: Record<RoleName | "pupilOther", Actor>;
  pupil: Actor;
  schoolA: Types.ObjectId;
  schoolB: Types.ObjectId;
  teacherA: Actor;
  link: Types.ObjectId;
  trials: { future: Types.ObjectId; confirmedAt: Types.ObjectId; open: Types.ObjectId; draft: Types.ObjectId; past: Types.ObjectId };
  regs: { pending: Types.ObjectId; confirmed: Types.ObjectId; attended: Types.ObjectId };
  broadcast: Types.ObjectId;
  runId: string;
  resultId: string;
  guardianCode: string;
  teacherCode: string;
}

type Op = (s: Services, actor: Actor | null, w: World) => Promise<unknown>;

interface OpSpec {
  call: Op;
  /** The signature takes no null actor. */
  nullable?: false;
  /** It changes nothing the other cells look at: its cells share one world per column (seeded once). */
  reads?: true;
  /** The service deliberately hides someone else's item: NotFound (never a hint that it exists) counts as deny. */
  hides?: true;
  /** Another deliberate refusal of this operation that is not a NotAllowed, counted as deny. */
  refusal?: (error: unknown) => boolean;
  /** A result meaning "nothing of yours here, nothing changed", counted as deny. */
  noEffect?: (result: unknown) => boolean;
}

/** A pupil is refused a parent's invite on purpose: a classmate must not act as a parent. */
/** Someone else's questionnaire run: the service answers "stale" and changes nothing. */
const stale = (result: unknown) => (result as { status?: string }).status === "stale";

const pupilRefused = (error: unknown) => error instanceof InviteUnavailable && (error.reason === "pupil" || error.reason === "own");

describe("authorization matrix", () => {
  let db: TestDatabase;
  let models: Models;
  let services: Services;
  let telegramId = 700_000;

  const trialInput = (schoolId: Types.ObjectId, startsAt: Date): TrialInput => ({
    kind: "trial",
    format: "in_person",
    title: "Сварщик на один день",
    description: "Сваришь свой первый шов под присмотром мастера.",
    directions: ["R"],
    host: { organisation: "ТОО «КазСвар»", address: "ул. Абая 1", transport: "Автобус 12 от школы" },
    mentor: { name: "Ерлан Ахметов", phone: "+7 701 234 56 78" },
    escort: { name: "Гульнара Садыкова", phone: "+996 555 123 456" },
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * HOUR),
    capacity: 10,
    minGrade: 7,
    maxGrade: 11,
    schoolIds: [schoolId],
    signupDeadline: new Date(startsAt.getTime() - 2 * DAY),
    consentDeadline: new Date(startsAt.getTime() - DAY),
  });

  /** A fresh world: a few batched writes, so hundreds of them stay fast. Actors come from the users service. */
  async function seedWorld(): Promise<World> {
    const id = () => new Types.ObjectId();
    const schoolA = id();
    const schoolB = id();
    const person = (roles: Role[], extra: Record<string, unknown> = {}) => ({ _id: id(), telegramId: telegramId++, locale: "ru", roles, status: "active", onboardedAt: NOW, ...extra });
    const pupilOf = (schoolId: Types.ObjectId, firstName: string) => person(["student"], { schoolId, grade: 9, classLetter: "А", firstName, lastName: "Сапарова" });
    const people = {
      student: pupilOf(schoolA, "Аружан"),
      pupilOther: pupilOf(schoolB, "Нурлан"), // guardianOther's child
      thirdPupil: pupilOf(schoolA, "Данияр"), // no parent yet: their fresh invite is the one accepted
      guardianThis: person(["guardian"], { firstName: "Гульнара" }),
      guardianOther: person(["guardian"], { firstName: "Айгуль" }),
      teacherThis: person(["teacher"], { teacherSchoolId: schoolA, firstName: "Марат" }),
      teacherOther: person(["teacher"], { teacherSchoolId: schoolB, firstName: "Бахыт" }),
      admin: person(["admin"]),
      stranger: person([]),
    };
    const pupilId = people.student._id;
    const teacherId = people.teacherThis._id;
    const trialDoc = (startsAt: Date, status: string, seatsTaken: number) => ({
      _id: id(), ...trialInput(schoolA, startsAt), timezone: "Asia/Bishkek", status, seatsTaken, schoolId: schoolA, createdBy: teacherId,
    });
    const trialDocs = {
      future: trialDoc(new Date(NOW.getTime() + 30 * DAY), "published", 1),
      confirmedAt: trialDoc(new Date(NOW.getTime() + 40 * DAY), "published", 1),
      open: trialDoc(new Date(NOW.getTime() + 50 * DAY), "published", 0),
      draft: trialDoc(new Date(NOW.getTime() + 60 * DAY), "draft", 0),
      past: trialDoc(new Date(NOW.getTime() - 2 * DAY), "published", 1),
    };
    const since = new Date(NOW.getTime() - DAY);
    const reg = (trial: { _id: Types.ObjectId }, status: string) => ({ _id: id(), trialId: trial._id, studentId: pupilId, status, statusChangedAt: since });
    const regDocs = { pending: reg(trialDocs.future, "pending_consent"), confirmed: reg(trialDocs.confirmedAt, "confirmed"), attended: reg(trialDocs.past, "attended") };
    const link = id();
    const broadcast = id();
    const runId = id();
    const resultId = id();
    const guardianCode = newInviteCode();
    const teacherCode = newInviteCode();
    const expiresAt = new Date(NOW.getTime() + DAY);
    await Promise.all([
      models.School.insertMany([
        { _id: schoolA, name: `Гимназия A ${telegramId}`, region: "Бишкек", timezone: "Asia/Bishkek" },
        { _id: schoolB, name: `Лицей B ${telegramId}`, region: "Бишкек", timezone: "Asia/Bishkek" },
      ]),
      models.User.insertMany(Object.values(people)),
      models.Guardianship.insertMany([
        { _id: link, guardianId: people.guardianThis._id, studentId: pupilId, inviteId: id() },
        { guardianId: people.guardianOther._id, studentId: people.pupilOther._id, inviteId: id() },
      ]),
      models.Trial.insertMany(Object.values(trialDocs)),
      models.Registration.insertMany(Object.values(regDocs)),
      models.Consent.create({
        studentId: pupilId, guardianId: people.guardianThis._id, kind: "participation", trialId: trialDocs.confirmedAt._id, decision: "granted",
        textVersion: "participation@1", textHash: HASH, locale: "ru", recordedAt: new Date(since.getTime() + HOUR),
      }),
      models.Reflection.create({ studentId: pupilId, trialId: trialDocs.past._id, registrationId: regDocs.attended._id, phase: "before", answers: { expect: "Научиться" }, interestBefore: 3 }),
      models.Broadcast.create({
        _id: broadcast, createdBy: teacherId, schoolId: schoolA, audience: { roles: ["student"] }, text: "Завтра экскурсия",
        schedule: { kind: "at", at: expiresAt }, status: "scheduled", nextRunAt: expiresAt,
      }),
      models.QuestionnaireResult.insertMany([
        { _id: runId, studentId: pupilId, instrument: RIASEC, answers: [{ itemId: riasec.items[0]!.id, value: FIRST_ANSWER }], position: 1, revision: 1, startedAt: since, locale: "ru" },
        { _id: resultId, studentId: pupilId, instrument: RIASEC, answers: [], top: ["R", "I", "A"], scores: { R: 8, I: 6, A: 4 }, startedAt: since, completedAt: since, locale: "ru" },
      ]),
      models.Invite.insertMany([
        { code: guardianCode, kind: "guardian", studentId: people.thirdPupil._id, createdBy: people.thirdPupil._id, expiresAt },
        { code: teacherCode, kind: "teacher", schoolId: schoolA, createdBy: people.admin._id, expiresAt },
      ]),
    ]);
    const stored = await models.User.find({ _id: { $in: Object.values(people).map((p) => p._id) } }, services.users.viewFields).lean();
    const viewOf = (who: { _id: Types.ObjectId }): Actor => services.users.toView(stored.find((u) => u._id.equals(who._id)) as Parameters<Services["users"]["toView"]>[0]);
    const actors = Object.fromEntries([...ROLES, "pupilOther" as const].map((role) => [role, viewOf(people[role])])) as World["actors"];
    const ids = <K extends string>(docs: Record<K, { _id: Types.ObjectId }>) => Object.fromEntries(Object.entries(docs).map(([k, v]) => [k, (v as { _id: Types.ObjectId })._id])) as Record<K, Types.ObjectId>;
    return {
      actors, pupil: actors.student, schoolA, schoolB, teacherA: actors.teacherThis, link, trials: ids(trialDocs), regs: ids(regDocs), broadcast,
      runId: runId.toHexString(), resultId: resultId.toHexString(), guardianCode, teacherCode,
    };
  }

  /**
   * Every operation that takes an actor; `nullable: false` where the signature does not take null.
   * `reads`: it changes nothing the other cells look at, so its cells share one world per role
   * (seeded once); every other cell gets a world of its own.
   */
  const OPS: Record<string, OpSpec> = {
    "trials.setup": { reads: true, call: (s, a) => s.trials.setup(a) },
    "trials.create": { call: (s, a, w) => s.trials.create(a, trialInput(a?.teacherSchoolId ?? w.schoolA, new Date(NOW.getTime() + 70 * DAY)), { publish: true }) },
    "trials.get": { reads: true, call: (s, a, w) => s.trials.get(a, w.trials.future) },
    "trials.draftFrom": { reads: true, call: (s, a, w) => s.trials.draftFrom(a, w.trials.future) },
    "trials.update": { call: (s, a, w) => s.trials.update(a, w.trials.future, { ...trialInput(w.schoolA, new Date(NOW.getTime() + 30 * DAY)), title: "Сварщик: новое место" }) },
    "trials.publish": { call: (s, a, w) => s.trials.publish(a, w.trials.draft) },
    "trials.cancel": { call: (s, a, w) => s.trials.cancel(a, w.trials.future) },
    "trials.listForSchool": { reads: true, call: (s, a, w) => s.trials.listForSchool(a, w.schoolA) },
    "trials.catalogue": { reads: true, call: (s, a) => s.trials.catalogue(a) },
    "trials.card": { reads: true, hides: true, call: (s, a, w) => s.trials.card(a, w.trials.open) },

    "registrations.signUp": { refusal: (e) => e instanceof SignupRefused && e.reason === "school", call: (s, a, w) => s.registrations.signUp(a, w.trials.open, { expect: "Научиться", worries: "Ничего", interest: 4 }) },
    "registrations.cancel": { call: (s, a, w) => s.registrations.cancel(a, w.regs.pending) },
    "registrations.mine": { reads: true, call: (s, a) => s.registrations.mine(a) },
    "registrations.myRegistration": { reads: true, hides: true, call: (s, a, w) => s.registrations.myRegistration(a, w.regs.pending) },
    "registrations.roster": { reads: true, call: (s, a, w) => s.registrations.roster(a, w.trials.future) },
    "registrations.markAttendance": { call: (s, a, w) => s.registrations.markAttendance(a, w.regs.attended, true) },

    "consents.request": { reads: true, call: (s, a, w) => s.consents.request(a, w.regs.pending) },
    "consents.decideParticipation": { call: (s, a, w) => s.consents.decideParticipation(a, w.regs.pending, "granted", SHOWN) },
    "consents.withdrawParticipation": { call: (s, a, w) => s.consents.withdrawParticipation(a, w.regs.confirmed, SHOWN) },
    "consents.decidePhoto": { call: (s, a, w) => s.consents.decidePhoto(a, w.pupil.id, "portfolio", SHOWN) },
    "consents.setHealthNote": { call: (s, a, w) => s.consents.setHealthNote(a, w.regs.confirmed, "Аллергия на пыльцу", SHOWN) },
    "consents.overview": { reads: true, call: (s, a) => s.consents.overview(a) },
    "consents.evidence": { reads: true, call: (s, a, w) => s.consents.evidence(a, w.trials.confirmedAt) },

    "reflections.open": { reads: true, call: (s, a, w) => s.reflections.open(a, w.regs.attended, "after") },
    "reflections.saveAfter": {
      call: (s, a, w) =>
        s.reflections.saveAfter(a, w.regs.attended, {
          answers: { didWhat: "Варил шов" }, liked: "yes", wouldChoose: "unsure", useful: "yes", rating: 5,
          selfAssessment: { task: 3, procedure: 2, accuracy: 2, communication: 3, safety: 3 }, interestAfter: 4, shareWithParents: true,
        }),
    },
    "reflections.saveTrace": { call: (s, a, w) => s.reflections.saveTrace(a, w.regs.attended, { nextStep: "Поговорю с мастером ещё раз" }) },

    "portfolio.mine": { reads: true, call: (s, a) => s.portfolio.mine(a) },
    "portfolio.trialReflections": { reads: true, call: (s, a, w) => s.portfolio.trialReflections(a, w.trials.past) },
    "portfolio.pupilReflections": { reads: true, call: (s, a, w) => s.portfolio.pupilReflections(a, w.trials.past, w.pupil.id) },

    "reports.trial": { reads: true, call: (s, a, w) => s.reports.trial(a, w.trials.past) },
    "reports.school": { reads: true, call: (s, a, w) => s.reports.school(a, w.schoolA) },
    "reports.class": { reads: true, call: (s, a, w) => s.reports.class(a, w.schoolA, 9, "А") },
    "reports.pupils": { reads: true, call: (s, a, w) => s.reports.pupils(a, w.schoolA) },
    "reports.district": { reads: true, call: (s, a) => s.reports.district(a) },

    "broadcasts.setup": { reads: true, call: (s, a) => s.broadcasts.setup(a) },
    "broadcasts.countAudience": { reads: true, call: (s, a, w) => s.broadcasts.countAudience(a, w.schoolA, { roles: ["student", "guardian"] }) },
    "broadcasts.createBroadcast": {
      call: (s, a, w) => s.broadcasts.createBroadcast(a, { schoolId: w.schoolA, audience: { roles: ["student"] }, text: "Собрание в пятницу", schedule: { kind: "at", at: new Date(NOW.getTime() + 2 * DAY) } }),
    },
    "broadcasts.getBroadcast": { reads: true, call: (s, a, w) => s.broadcasts.getBroadcast(a, w.broadcast) },
    "broadcasts.listBroadcasts": { reads: true, call: (s, a, w) => s.broadcasts.listBroadcasts(a, w.schoolA) },
    "broadcasts.cancelBroadcast": { call: (s, a, w) => s.broadcasts.cancelBroadcast(a, w.broadcast) },

    "schools.add": { call: (s, a) => s.schools.add(a, { name: `Школа №${telegramId}`, region: "Ош", timezone: "Asia/Bishkek" }) },
    "schools.rename": { call: (s, a, w) => s.schools.rename(a, w.schoolA, `Гимназия №${telegramId}`) },

    "teachers.listTeachers": { reads: true, call: (s, a, w) => s.teachers.listTeachers(a, w.schoolA) },
    "teachers.getTeacher": { reads: true, call: (s, a, w) => s.teachers.getTeacher(a, w.teacherA.id) },
    "teachers.revokeTeacher": { call: (s, a, w) => s.teachers.revokeTeacher(a, w.teacherA.id) },

    "invites.createGuardianInvite": { call: (s, a) => s.invites.createGuardianInvite(a) },
    "invites.createTeacherInvite": { call: (s, a, w) => s.invites.createTeacherInvite(a, w.schoolA) },
    "invites.preview": { reads: true, refusal: pupilRefused, call: (s, a, w) => s.invites.preview(w.guardianCode, a) },
    "invites.acceptGuardianInvite": {
      nullable: false,
      refusal: pupilRefused,
      call: (s, a, w) => s.invites.acceptGuardianInvite(a!, w.guardianCode, { decision: "granted", textVersion: "personal_data@1", textHash: HASH, locale: "ru" }, "Гульнара"),
    },
    "invites.acceptTeacherInvite": { nullable: false, call: (s, a, w) => s.invites.acceptTeacherInvite(a!, w.teacherCode) },

    "guardianships.guardiansOf": { reads: true, nullable: false, call: (s, a) => s.guardianships.guardiansOf(a!) },
    "guardianships.childrenOf": { reads: true, nullable: false, call: (s, a) => s.guardianships.childrenOf(a!) },
    "guardianships.unlink": { nullable: false, call: (s, a, w) => s.guardianships.unlink(a!, w.link) },

    "privacy.exportData": { reads: true, call: (s, a) => s.privacy.exportData(a) },
    "privacy.deleteAccount": { call: (s, a) => s.privacy.deleteAccount(a) },

    "questionnaires.openRun": { reads: true, call: (s, a) => s.questionnaires.openRun(a, "riasec") },
    "questionnaires.openRuns": { reads: true, call: (s, a) => s.questionnaires.openRuns(a) },
    "questionnaires.start": { call: (s, a) => s.questionnaires.start(a, "riasec", "ru") },
    "questionnaires.progress": { reads: true, hides: true, call: (s, a, w) => s.questionnaires.progress(a, w.runId) },
    "questionnaires.answer": { noEffect: stale, call: (s, a, w) => s.questionnaires.answer(a, { runId: w.runId, instrument: RIASEC, index: 1, value: allowedValues(riasec, 1)[0]! }) },
    "questionnaires.back": { noEffect: stale, call: (s, a, w) => s.questionnaires.back(a, { runId: w.runId, index: 1 }) },
    "questionnaires.history": { reads: true, call: (s, a) => s.questionnaires.history(a) },
    "questionnaires.result": { reads: true, hides: true, call: (s, a, w) => s.questionnaires.result(a, w.resultId) },
    "questionnaires.latest": { reads: true, call: (s, a) => s.questionnaires.latest(a) },

    "recommendations.matchingTrialsFor": { reads: true, call: (s, a) => s.recommendations.matchingTrialsFor(a, ["R", "I"]) },

    "reminders.answer": { call: (s, a, w) => s.reminders.answer(a, w.regs.confirmed, "coming") },
  };

  /** allow / deny, or a description of anything else: that cell was not set up so that only authorisation decides. */
  async function attempt(op: OpSpec, actor: Actor | null, world: World): Promise<string> {
    try {
      const result = await op.call(services, actor, world);
      return op.noEffect?.(result) ? "deny" : "allow";
    } catch (error) {
      if (error instanceof NotAllowed) return "deny";
      if (op.hides && error instanceof NotFound) return "deny";
      if (op.refusal?.(error)) return "deny";
      if (error instanceof DomainError) return `error ${error.name}(${error.code}: ${error.message})`;
      return `error ${(error as Error).name}: ${(error as Error).message}`;
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase("authz");
    models = createModels(db.connection);
    await ensureIndexes(models);
    const clock = new ManualClock({ frozenAt: NOW });
    services = createServices({ models, clock, config: createConfig({ LOG_LEVEL: "silent" }), logger: silentLogger() });
  });
  afterAll(async () => {
    await db.drop();
  });

  it("every operation is in the expected table, and every operation with an actor is tried", () => {
    expect(Object.keys(OPS).sort()).toEqual(Object.keys(EXPECTED).sort());
    // Each service method with a parameter named actor (or actorOrNull) must be in OPS, and nothing else.
    const names = Object.entries(services).flatMap(([service, methods]) =>
      Object.entries(methods as Record<string, unknown>)
        .filter(([, fn]) => typeof fn === "function" && /^(async\s+)?(function\s*)?(\w+\s*)?\([^)]*\b(actor|actorOrNull)\b/.test(String(fn)))
        .map(([method]) => `${service}.${method}`),
    );
    expect(names.sort()).toEqual(Object.keys(OPS).sort());
  });

  it("every cell matches the expected table", { timeout: 120_000 }, async () => {
    const actual: Record<string, Record<string, string>> = {};
    let calls = 0;
    const actorIn = (column: Column, world: World) => (column === "nobody" ? null : world.actors[column]);
    const shared = new Map<Column, World>();
    for (const column of COLUMNS) shared.set(column, await seedWorld());
    for (const [name, op] of Object.entries(OPS)) {
      const cells = await Promise.all(
        COLUMNS.map(async (column) => {
          if (column === "nobody" && op.nullable === false) return [column, "n/a"] as const;
          calls++;
          const world = op.reads ? shared.get(column)! : await seedWorld();
          return [column, await attempt(op, actorIn(column, world), world)] as const;
        }),
      );
      actual[name] = Object.fromEntries(cells);
    }

    const diff: string[] = [];
    for (const [name, expected] of Object.entries(EXPECTED)) {
      for (const column of COLUMNS) {
        const got = actual[name]?.[column];
        if (got !== expected[column]) diff.push(`  ${name.padEnd(36)} ${column.padEnd(14)} expected ${expected[column]}, got ${got}`);
      }
    }
    if (diff.length > 0) expect.fail(`${diff.length} cell(s) differ from the expected table:\n${diff.join("\n")}`);

    const operations = Object.keys(EXPECTED).length;
    const nulls = Object.values(EXPECTED).filter((r) => r.nobody !== "n/a").length;
    process.stdout.write(
      `authorization matrix: ${operations} operations × ${ROLES.length} roles = ${operations * ROLES.length} cells, all as expected; ` +
        `also ${nulls} with a null actor (part of "stranger") and ${operations} by another pupil: ${calls} calls in all\n`,
    );
  });
});
