import type { AbsenceEvent } from "../../src/domain/absence";
import type { Roster } from "../../src/domain/roster";
import { createLadderRegistry } from "../../src/ladder-registry";
import { createLogger } from "../../src/logger";
import { createAbsenceRepo } from "../../src/store/absence-repo";
import { createStore, type Store } from "../../src/store/create-store";
import { createRosterRepo } from "../../src/store/roster-repo";
import { createStatusRepo, type StatusRepo } from "../../src/store/status-repo";
import { evaluatePupils, type EvaluateDeps } from "../../src/usecases/evaluate-pupils";
import { statusAsOfToday } from "../../src/usecases/pupil-status";

const school = "s1";
const teacher = "22222222-0000-4000-8000-000000000001";
const pupilIds = Array.from({ length: 240 }, (_, i) => `p${String(i).padStart(3, "0")}`);
const otherIds = Array.from({ length: 20 }, (_, i) => `q${String(i).padStart(3, "0")}`);
const roster: Roster = {
  schools: [
    {
      id: "s2",
      name: "Andreskolen",
      municipality: "Molde",
      ladder: "molde-nordbyen",
      timeZone: "Europe/Oslo",
      schoolYearStart: "2026-08-19",
      holidays: [],
    },
    {
      id: school,
      name: "Bulkskolen",
      municipality: "Molde",
      ladder: "molde-nordbyen",
      timeZone: "Europe/Oslo",
      schoolYearStart: "2026-08-19",
      holidays: [],
    },
  ],
  staff: [{ aadObjectId: teacher, name: "Kari Lærer", roles: [{ schoolId: school, role: "contact_teacher" }] }],
  pupils: [...pupilIds.map((id) => ({ id, schoolId: school })), ...otherIds.map((id) => ({ id, schoolId: "s2" }))].map(
    ({ id, schoolId }) => ({
      id,
      name: `Elev ${id}`,
      schoolId,
      grade: 7,
      className: "7A",
      contactTeacherIds: [teacher],
    }),
  ),
};
// Every other pupil away and undocumented Mon 2 to Fri 13 November: those reach a step, the others do not.
const days = ["02", "03", "04", "05", "06", "09", "10", "11", "12", "13"].map((d) => `2026-11-${d}`);
const away = pupilIds.filter((_, i) => i % 2 === 0);
const absences: AbsenceEvent[] = [
  ...away.map((id) => ({ id, schoolId: school })),
  ...otherIds.map((id) => ({ id, schoolId: "s2" })),
].flatMap(({ id: pupilId, schoolId }) =>
  days.map((date) => ({ id: `${pupilId}-${date}`, pupilId, schoolId, date, kind: "day", documented: false })),
);

describe("an evaluation run over a school, stored in bulk", () => {
  const logger = createLogger("silent");
  let store: Store;
  let statuses: StatusRepo;
  let base: Omit<EvaluateDeps, "statuses" | "onNewTrips">;
  const now = new Date("2026-11-16T08:00:00+01:00");

  beforeAll(async () => {
    store = await createStore({ databaseName: "naervaer-evaluate-bulk", logger });
    const rosterRepo = createRosterRepo(store);
    const absenceRepo = createAbsenceRepo(store);
    statuses = createStatusRepo(store);
    base = { roster: rosterRepo, absences: absenceRepo, ladders: createLadderRegistry() };
    await rosterRepo.save(roster);
    await absenceRepo.save(absences);
  });
  afterAll(async () => store.close());

  test("when another writer stored some pupils' statuses after the run read the school, then those pupils are evaluated again from what is stored and every pupil on a step is nudged once", async () => {
    // A first run in the school's first week: every pupil gets a status, nobody is on a step yet.
    await evaluatePupils({ ...base, statuses, onNewTrips: async () => undefined }, "2026-10-30", now, school);
    const hidden = new Set(["p000", "p001", "p002"]);
    // The next run's read of the school misses three pupils, as if their statuses were written after it.
    const racing: StatusRepo = {
      ...statuses,
      async getAllOfSchool(id) {
        const all = await statuses.getAllOfSchool(id);
        for (const pupilId of hidden) all.delete(pupilId);
        return all;
      },
    };
    const nudged: string[] = [];
    const run = await evaluatePupils(
      { ...base, statuses: racing, onNewTrips: async (p) => void nudged.push(p) },
      "2026-11-13",
      now,
      school,
    );
    expect(run.schools[0]?.failedPupils).toBeUndefined();
    expect(run.pupils).toHaveLength(pupilIds.length);
    expect(run.raised.map((p) => p.pupilId).sort()).toEqual([...away].sort());
    expect(nudged.sort()).toEqual([...away].sort());
    const p000 = await statuses.get("p000");
    expect(p000?.status.asOf).toBe("2026-11-13");
    expect(p000?.status.step).not.toBeNull();
  });

  test("when a school day decides nothing new for a pupil, then the run writes nothing for them, and their pattern is still shown as of today", async () => {
    const before = await statuses.get("p000");
    const nudged: string[] = [];
    const run = await evaluatePupils(
      { ...base, statuses, onNewTrips: async (p) => void nudged.push(p) },
      "2026-11-16",
      new Date("2026-11-16T08:00:00+01:00"),
      school,
    );
    expect(run.pupils).toHaveLength(pupilIds.length);
    expect(nudged).toEqual([]);
    const after = await statuses.get("p000");
    expect(after?.etag).toBe(before?.etag);
    expect(after?.status.asOf).toBe("2026-11-13");
    const schoolOf = (await base.roster.getSchool(school))!;
    const pupil = (await base.roster.getPupil("p000"))!;
    const shown = await statusAsOfToday(base, pupil, schoolOf, after!.status, "2026-11-16");
    expect(shown.status.pattern.to).toBe("2026-11-16");
    expect(shown.status.pattern.absenceDays).toBe(after!.status.pattern.absenceDays);
    expect(shown.status.step).toBe(after!.status.step);
  });

  test("when a pupil's status write is refused, then the others of the school are stored and the run says which pupil failed", async () => {
    const refusing: StatusRepo = {
      ...statuses,
      async saveAllIfUnchanged(items) {
        const others = items.filter((i) => i.status.pupilId !== "q005");
        const saved = await statuses.saveAllIfUnchanged(others);
        return items.map((i) => (i.status.pupilId === "q005" ? false : saved[others.indexOf(i)]!));
      },
      async saveIfUnchanged(status, etag) {
        if (status.pupilId === "q005") throw new Error("store refused");
        return statuses.saveIfUnchanged(status, etag);
      },
    };
    const nudged: string[] = [];
    const run = await evaluatePupils(
      { ...base, statuses: refusing, onNewTrips: async (p) => void nudged.push(p) },
      "2026-11-13",
      now,
      "s2",
    );
    expect(run.schools[0]?.failedPupils).toEqual(["q005"]);
    expect(run.pupils).toHaveLength(otherIds.length - 1);
    expect(nudged).toHaveLength(otherIds.length - 1);
    expect(nudged).not.toContain("q005");
    expect(await statuses.get("q005")).toBeUndefined();
    expect((await statuses.get("q006"))?.status.asOf).toBe("2026-11-13");
  });
});
