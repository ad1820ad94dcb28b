/**
 * The reports service against hand-computed figures on the fixture of tests/support/report-fixture.ts
 * (read its header for who did what). School year 2026/2027; counted trials of the year (published
 * or completed, starting from 1 Sep 2026): welding T1, excursion T2, openDay T3, masterClass T4
 * (owner B, open to A), meeting T5 (future), schoolBOnly T9, justEnded T10. Not counted: lastYear T6
 * (2025/2026), cancelled T7, draft T8.
 */
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import { NotAllowed, NotFound } from "../../src/services/errors.js";
import { createServices, type Services } from "../../src/services/index.js";
import type { UserView } from "../../src/services/users.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { seedReportFixture, type ReportFixture } from "../support/report-fixture.js";

const zero = { yes: 0, no: 0, unsure: 0 };

describe("reports service", () => {
  let db: TestDatabase;
  let models: Models;
  let services: Services;
  let f: ReportFixture;
  let teacherA: UserView;
  let teacherB: UserView;
  let admin: UserView;
  let pupilA1: UserView;

  beforeAll(async () => {
    db = await createTestDatabase("reports");
    models = createModels(db.connection);
    await ensureIndexes(models);
    const clock = new ManualClock({ frozenAt: new Date("2026-01-01T00:00:00Z") });
    services = createServices({ models, clock, config: createConfig({ LOG_LEVEL: "silent", DEFAULT_TIMEZONE: "Asia/Almaty" }), logger: silentLogger() });
    f = await seedReportFixture(models, clock);
    const view = async (id: Types.ObjectId) => (await services.users.findById(id))!;
    teacherA = await view(f.teachers.a);
    teacherB = await view(f.teachers.b);
    admin = await view(f.admin);
    pupilA1 = await view(f.pupils.a1);
  });
  afterAll(async () => {
    await db.drop();
  });

  describe("per trial", () => {
    it("welding T1: every figure", async () => {
      const r = await services.reports.trial(teacherA, f.trials.welding);
      expect(r).toEqual({
        trialId: f.trials.welding,
        title: "Сварщик",
        kind: "trial",
        format: "in_person",
        status: "completed",
        startsAt: new Date("2026-10-15T04:00:00Z"),
        endsAt: new Date("2026-10-15T07:00:00Z"),
        timezone: "Asia/Almaty",
        organisation: "Алматинский колледж",
        capacity: 10,
        // a1 a2 a3 a5 a9 a10 attended, a8 no_show, a4 cancelled, a6 declined
        registered: 9,
        confirmed: 7, // 6 attended + 1 no-show
        attended: 6,
        noShow: 1,
        waitlisted: 0,
        cancelled: 1,
        consentPending: 0,
        consentRefused: 1,
        consentExpired: 0,
        reflections: 4, // "after" of a1 a2 a5 a9
        // both before and after: a1 2→4, a2 3→3, a9 1→2 (a3 only before, a5 only after)
        interest: { pupils: 3, before: 2, after: 3 },
        liked: { yes: 3, no: 1, unsure: 0 }, // a1 yes, a2 yes, a5 yes, a9 no
        wouldChoose: { yes: 1, no: 2, unsure: 1 }, // a1 yes, a2 no, a5 unsure, a9 no
        useful: { yes: 2, no: 1, unsure: 1 }, // a1 yes, a2 unsure, a5 yes, a9 no
        averageRating: 3.5, // (5 + 4 + 3 + 2) / 4
      });
    });

    it("excursion T2, open day T3, future meeting T5 and the just-ended T10", async () => {
      // T2: a1 a2 a5 a6 attended, a7 no_show; after: a1 (liked yes, 4), a6 (4→4, yes/yes/yes, 5).
      expect(await services.reports.trial(teacherA, f.trials.excursion)).toMatchObject({
        registered: 5, confirmed: 5, attended: 4, noShow: 1, waitlisted: 0, cancelled: 0, consentPending: 0, consentRefused: 0, consentExpired: 0,
        reflections: 2, interest: { pupils: 1, before: 4, after: 4 },
        liked: { yes: 2, no: 0, unsure: 0 }, wouldChoose: { yes: 1, no: 0, unsure: 0 }, useful: { yes: 1, no: 0, unsure: 0 },
        averageRating: 4.5, // (4 + 5) / 2
      });
      // T3: a1 a2 a5 a6 a7 attended, a3 expired; after: a1 (4), a5 (4), a7 (liked no, 2).
      expect(await services.reports.trial(teacherA, f.trials.openDay)).toMatchObject({
        registered: 6, confirmed: 5, attended: 5, noShow: 0, consentExpired: 1,
        reflections: 3, interest: { pupils: 0, before: null, after: null },
        liked: { yes: 0, no: 1, unsure: 0 }, wouldChoose: zero, useful: zero,
        averageRating: 3.3, // (4 + 4 + 2) / 3 = 3.33
      });
      // T5: a1 a3 confirmed, a2 pending (with a "before" only), a5 waitlisted, a6 declined, a7 expired, a8 cancelled.
      expect(await services.reports.trial(teacherA, f.trials.meeting)).toMatchObject({
        registered: 7, confirmed: 2, attended: 0, noShow: 0, waitlisted: 1, cancelled: 1, consentPending: 1, consentRefused: 1, consentExpired: 1,
        reflections: 0, interest: { pupils: 0, before: null, after: null }, liked: zero, wouldChoose: zero, useful: zero, averageRating: null,
      });
      expect(await services.reports.trial(admin, f.trials.justEnded)).toMatchObject({ registered: 2, confirmed: 2, attended: 2, reflections: 0, averageRating: null });
    });

    it("master class T4 (owned by B): for B's teacher and admins", async () => {
      // a1 a6 b1 attended, b2 no_show; after: a1 (3→5, yes/yes/unsure, 5), b1 (liked unsure, 3).
      const expected = {
        title: "Мастер-класс по дизайну", kind: "master_class", status: "published", organisation: "Студия «Арт»", capacity: 12,
        registered: 4, confirmed: 4, attended: 3, noShow: 1, reflections: 2, interest: { pupils: 1, before: 3, after: 5 },
        liked: { yes: 1, no: 0, unsure: 1 }, wouldChoose: { yes: 1, no: 0, unsure: 0 }, useful: { yes: 0, no: 0, unsure: 1 },
        averageRating: 4, // (5 + 3) / 2
      };
      expect(await services.reports.trial(teacherB, f.trials.masterClass)).toMatchObject(expected);
      expect(await services.reports.trial(admin, f.trials.masterClass)).toMatchObject(expected);
    });
  });

  describe("per pupil, class and school", () => {
    it("pupils(): every KPI pupil of A by class then last name, with each figure", async () => {
      const lines = await services.reports.pupils(teacherA, f.schools.a);
      // a9 (grade 6) and a10 (blocked) are not KPI pupils; T6 (last year) counts for nobody.
      expect(lines).toEqual([
        // a1: T1 T2 T3 T4 attended, "after" on all four.
        { studentId: f.pupils.a1, firstName: "Аружан", lastName: "Абенова", grade: 8, classLetter: "А", trials: 1, contacts: 4, trialMet: true, contactsMet: true, reflected: 4, notReflected: 0, notReflectedTitles: [], interestType: "R" },
        // a2: T1 (after), T2, T3.
        { studentId: f.pupils.a2, firstName: "Бекзат", lastName: "Байжанов", grade: 8, classLetter: "А", trials: 1, contacts: 3, trialMet: true, contactsMet: false, reflected: 1, notReflected: 2, notReflectedTitles: ["Экскурсия на ГЭС", "День открытых дверей"], interestType: "E" },
        // a3: T1 without after.
        { studentId: f.pupils.a3, firstName: "Данияр", lastName: "Жумабаев", grade: 8, classLetter: "А", trials: 1, contacts: 1, trialMet: true, contactsMet: false, reflected: 0, notReflected: 1, notReflectedTitles: ["Сварщик"], interestType: "R" },
        // a4: only a cancelled registration, no result.
        { studentId: f.pupils.a4, firstName: "Ерлан", lastName: "Касымов", grade: 8, classLetter: "А", trials: 0, contacts: 0, trialMet: false, contactsMet: false, reflected: 0, notReflected: 0, notReflectedTitles: [], interestType: null },
        // a6: T2 (after), T3, T4.
        { studentId: f.pupils.a6, firstName: "Жанар", lastName: "Искакова", grade: 9, classLetter: "Б", trials: 0, contacts: 3, trialMet: false, contactsMet: false, reflected: 1, notReflected: 2, notReflectedTitles: ["День открытых дверей", "Мастер-класс по дизайну"], interestType: "A" },
        // a7: T3 (after), T10 (ended 30 min ago: not due yet).
        { studentId: f.pupils.a7, firstName: "Айгерим", lastName: "Нурланова", grade: 9, classLetter: "Б", trials: 1, contacts: 2, trialMet: true, contactsMet: false, reflected: 1, notReflected: 0, notReflectedTitles: [], interestType: "C" },
        // a5: T1 (after), T2, T3 (after), T10 (not due).
        { studentId: f.pupils.a5, firstName: "Гульнара", lastName: "Омарова", grade: 9, classLetter: "Б", trials: 2, contacts: 4, trialMet: true, contactsMet: true, reflected: 2, notReflected: 1, notReflectedTitles: ["Экскурсия на ГЭС"], interestType: "S" },
        // a8: no-show and cancelled only; a "values@1" result is not a RIASEC one.
        { studentId: f.pupils.a8, firstName: "Мадина", lastName: "Серикова", grade: 10, classLetter: "А", trials: 0, contacts: 0, trialMet: false, contactsMet: false, reflected: 0, notReflected: 0, notReflectedTitles: [], interestType: null },
      ]);
    });

    it("school(A): totals, KPIs per class, interests, uncovered directions and the trial journal", async () => {
      const r = await services.reports.school(teacherA, f.schools.a);
      expect(r).toMatchObject({
        schoolId: f.schools.a, schoolName: "Гимназия №1", timezone: "Asia/Almaty", year: "2026/2027",
        yearStart: new Date("2026-08-31T19:00:00Z"), yearEnd: new Date("2027-08-31T19:00:00Z"),
        pupils: 8, // a1–a8
        withTrial: 5, // a1 a2 a3 a5 a7
        withContacts: 2, // a1 a5
        averageRating: 4, // ratings of a1 (5 4 4 5), a2 (4), a5 (3 4), a6 (5), a7 (2): 36 / 9
      });
      expect(r.classes).toEqual([
        // 8А a1–a4: notReflected 0+2+1+0; ratings 5 4 4 5 4 → 22 / 5
        { grade: 8, classLetter: "А", pupils: 4, withTrial: 3, withContacts: 1, notReflected: 3, averageRating: 4.4 },
        // 9Б a5–a7: notReflected 1+2+0; ratings 3 4 5 2 → 14 / 4
        { grade: 9, classLetter: "Б", pupils: 3, withTrial: 2, withContacts: 1, notReflected: 3, averageRating: 3.5 },
        { grade: 10, classLetter: "А", pupils: 1, withTrial: 0, withContacts: 0, notReflected: 0, averageRating: null },
      ]);
      // a1 R (newest of two), a2 E, a3 R, a5 S, a6 A, a7 C; a4 and a8 without one.
      expect(r.interests).toEqual({ counts: { R: 2, I: 0, A: 1, S: 1, E: 1, C: 1 }, noResult: 2 });
      // Offered to A this year: R (T1 T2 T10), I (T2), S (T3 T5), A (T4). E only in the cancelled T7 and
      // draft T8; C only in last year's T6 and in T9, which is not open to A.
      expect(r.uncovered).toEqual(["E", "C"]);
      expect(r.trials.map((t) => t.trialId)).toEqual([f.trials.welding, f.trials.excursion, f.trials.openDay, f.trials.masterClass, f.trials.justEnded, f.trials.meeting]);
      expect(r.trials[0]).toEqual(await services.reports.trial(teacherA, f.trials.welding));
    });

    it("school(B) by its teacher", async () => {
      const r = await services.reports.school(teacherB, f.schools.b);
      // b1: T4 (after 3), T9 (due, no after); b2: T9 (after 4).
      expect(r).toMatchObject({ pupils: 2, withTrial: 2, withContacts: 0, averageRating: 3.5, interests: { counts: { R: 0, I: 1, A: 0, S: 0, E: 0, C: 1 }, noResult: 0 } });
      expect(r.classes).toEqual([
        { grade: 8, classLetter: "А", pupils: 1, withTrial: 1, withContacts: 0, notReflected: 1, averageRating: 3 },
        { grade: 9, classLetter: "А", pupils: 1, withTrial: 1, withContacts: 0, notReflected: 0, averageRating: 4 },
      ]);
      expect(r.uncovered).toEqual(["I"]); // offered to B: A (T4), C (T9)
      expect(r.trials.map((t) => t.title)).toEqual(["Бухгалтер на день", "Мастер-класс по дизайну"]);
    });

    it("class(): KPI, interests, uncovered and members by last name", async () => {
      const c8 = await services.reports.class(teacherA, f.schools.a, 8, "А");
      expect(c8).toMatchObject({ grade: 8, classLetter: "А", pupils: 4, withTrial: 3, withContacts: 1, notReflected: 3, averageRating: 4.4, schoolId: f.schools.a, schoolName: "Гимназия №1", year: "2026/2027" });
      expect(c8.interests).toEqual({ counts: { R: 2, I: 0, A: 0, S: 0, E: 1, C: 0 }, noResult: 1 });
      expect(c8.uncovered).toEqual(["E"]);
      expect(c8.members.map((m) => m.lastName)).toEqual(["Абенова", "Байжанов", "Жумабаев", "Касымов"]);
      expect(c8.members[1]).toMatchObject({ trials: 1, contacts: 3, notReflected: 2, interestType: "E" });

      const c9 = await services.reports.class(admin, f.schools.a, 9, "Б");
      expect(c9).toMatchObject({ pupils: 3, withTrial: 2, withContacts: 1, notReflected: 3, averageRating: 3.5 });
      expect(c9.interests).toEqual({ counts: { R: 0, I: 0, A: 1, S: 1, E: 0, C: 1 }, noResult: 0 });
      expect(c9.uncovered).toEqual(["C"]);
      expect(c9.members.map((m) => m.lastName)).toEqual(["Искакова", "Нурланова", "Омарова"]);

      // Grade 6 is outside the targets: no KPI pupils.
      expect(await services.reports.class(teacherA, f.schools.a, 6, "А")).toMatchObject({ pupils: 0, members: [], averageRating: null });
    });
  });

  describe("district", () => {
    it("per school, sectors and schools below target, with no names", async () => {
      const r = await services.reports.district(admin);
      expect(r).toMatchObject({
        year: "2026/2027",
        pupils: 10, // 8 of A + 2 of B
        withTrial: 7, // 5 + 2
        withContacts: 2, // 2 + 0
        averageRating: 3.9, // (36 + 7) / 11 = 3.909
      });
      const schoolA = { schoolId: f.schools.a, schoolName: "Гимназия №1", pupils: 8, withTrial: 5, withContacts: 2, trials: 5, averageRating: 4, below: true, gap: 0.25 }; // owns T1 T2 T3 T5 T10; min(5/8, 2/8)
      const schoolB = { schoolId: f.schools.b, schoolName: "Лицей №2", pupils: 2, withTrial: 2, withContacts: 0, trials: 2, averageRating: 3.5, below: true, gap: 0 }; // owns T4 T9; min(2/2, 0/2)
      expect(r.schools).toEqual([schoolA, schoolB]);
      expect(r.belowTarget).toEqual([schoolB, schoolA]);
      // Demand (KPI pupils' types): R a1 a3, I b1, A a6, S a5, E a2, C a7 b2 → 8 in all.
      // Supply (seats): R 10+20+6, I 20, A 12, S 15+8, E 0, C 5 → 96 in all.
      expect(r.sectors).toEqual([
        { direction: "R", demand: 2, supply: 36, demandShare: 0.25, supplyShare: 0.375, underRepresented: false },
        { direction: "I", demand: 1, supply: 20, demandShare: 0.125, supplyShare: 0.208, underRepresented: false },
        { direction: "A", demand: 1, supply: 12, demandShare: 0.125, supplyShare: 0.125, underRepresented: false },
        { direction: "S", demand: 1, supply: 23, demandShare: 0.125, supplyShare: 0.24, underRepresented: false },
        { direction: "E", demand: 1, supply: 0, demandShare: 0.125, supplyShare: 0, underRepresented: true },
        { direction: "C", demand: 2, supply: 5, demandShare: 0.25, supplyShare: 0.052, underRepresented: true }, // 0.052 < 0.25 / 2
      ]);
      const text = JSON.stringify(r);
      for (const name of ["Абенова", "Аружан", "Бекенов", "Дауренова", "Омарова"]) expect(text).not.toContain(name);
      for (const id of Object.values(f.pupils)) expect(text).not.toContain(String(id));
    });
  });

  describe("who may see what", () => {
    it("a teacher of A gets nothing of B's", async () => {
      await expect(services.reports.school(teacherA, f.schools.b)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.reports.class(teacherA, f.schools.b, 8, "А")).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.reports.pupils(teacherA, f.schools.b)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.reports.trial(teacherA, f.trials.schoolBOnly)).rejects.toBeInstanceOf(NotAllowed);
      // Open to A, but owned by B: only the owner school's staff.
      await expect(services.reports.trial(teacherA, f.trials.masterClass)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.reports.trial(teacherB, f.trials.welding)).rejects.toBeInstanceOf(NotAllowed);
    });

    it("a pupil, or nobody, gets no report at all", async () => {
      for (const actor of [pupilA1, null]) {
        await expect(services.reports.trial(actor, f.trials.welding)).rejects.toBeInstanceOf(NotAllowed);
        await expect(services.reports.school(actor, f.schools.a)).rejects.toBeInstanceOf(NotAllowed);
        await expect(services.reports.class(actor, f.schools.a, 8, "А")).rejects.toBeInstanceOf(NotAllowed);
        await expect(services.reports.pupils(actor, f.schools.a)).rejects.toBeInstanceOf(NotAllowed);
        await expect(services.reports.district(actor)).rejects.toBeInstanceOf(NotAllowed);
      }
    });

    it("the district view is for admins only; admins see any school", async () => {
      await expect(services.reports.district(teacherA)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.reports.district(teacherB)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.reports.district(admin)).resolves.toMatchObject({ pupils: 10 });
      await expect(services.reports.school(admin, f.schools.b)).resolves.toMatchObject({ pupils: 2 });
      await expect(services.reports.pupils(admin, f.schools.a)).resolves.toHaveLength(8);
    });

    it("an unknown trial or school is NotFound", async () => {
      await expect(services.reports.trial(admin, new Types.ObjectId())).rejects.toBeInstanceOf(NotFound);
      await expect(services.reports.trial(teacherA, new Types.ObjectId())).rejects.toBeInstanceOf(NotFound);
      await expect(services.reports.school(admin, new Types.ObjectId())).rejects.toBeInstanceOf(NotFound);
      await expect(services.reports.class(admin, new Types.ObjectId(), 8, "А")).rejects.toBeInstanceOf(NotFound);
    });

    it("a teacher of one school never sees another school's pupils, even in a class with the same name", async () => {
      const bPupils = [f.pupils.b1, f.pupils.b2].map(String);
      const c8 = await services.reports.class(teacherA, f.schools.a, 8, "А"); // B has an 8А too (b1)
      expect(c8.members.map((m) => String(m.studentId)).filter((id) => bPupils.includes(id))).toEqual([]);
      const all = await services.reports.pupils(teacherA, f.schools.a);
      expect(all.map((m) => String(m.studentId)).filter((id) => bPupils.includes(id))).toEqual([]);
      // Counts of A's KPIs include nothing of B either (B's 8А pupil b1 attended T4, which A can join).
      expect(c8.pupils).toBe(4);
      const bView = await services.reports.class(teacherB, f.schools.b, 8, "А");
      expect(bView.members.map((m) => m.studentId)).toEqual([f.pupils.b1]);
    });
  });
});
