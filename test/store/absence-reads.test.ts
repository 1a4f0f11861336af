import type { AbsenceEvent } from "../../src/domain/absence";
import { createLogger } from "../../src/logger";
import { createAbsenceRepo } from "../../src/store/absence-repo";
import { createStore, type Store } from "../../src/store/create-store";
import { createErasure } from "../../src/store/erasure";
import { createRosterRepo } from "../../src/store/roster-repo";

const day = (pupilId: string, date: string): AbsenceEvent => ({
  id: `${pupilId}-${date}`,
  pupilId,
  schoolId: "s1",
  date,
  kind: "day",
  documented: false,
});

describe("registrations as a card shows them: remembered briefly, and never past a change this instance made", () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ databaseName: "naervaer-absence-reads", logger: createLogger("silent") });
  });
  afterAll(async () => store.close());

  test("when this instance imports a new registration, then the next card shows it at once", async () => {
    const absences = createAbsenceRepo(store, { rememberMs: 60_000 });
    await absences.save([day("p1", "2026-11-02")]);
    expect((await absences.recentOfPupil("p1")).map((e) => e.date)).toEqual(["2026-11-02"]);
    await absences.save([day("p1", "2026-11-03")]);
    expect((await absences.recentOfPupil("p1")).map((e) => e.date).sort()).toEqual(["2026-11-02", "2026-11-03"]);
  });

  test("when another instance imports one, then this instance shows it once its memory has run out, and a decision at once", async () => {
    const here = createAbsenceRepo(store, { rememberMs: 300 });
    const there = createAbsenceRepo(store, { rememberMs: 300 });
    await there.save([day("p2", "2026-11-02")]);
    expect(await here.recentOfPupil("p2")).toHaveLength(1);
    await there.save([day("p2", "2026-11-03")]);
    expect(await here.listOfPupil("p2")).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await here.recentOfPupil("p2")).toHaveLength(2);
  });

  test("when a pupil is erased on this instance, then no card shows the registrations any more", async () => {
    const absences = createAbsenceRepo(store, { rememberMs: 60_000 });
    await absences.save([day("p3", "2026-11-02")]);
    expect(await absences.recentOfPupil("p3")).toHaveLength(1);
    await createErasure(store, [createRosterRepo(store), absences]).erasePupil("p3");
    expect(await absences.recentOfPupil("p3")).toEqual([]);
  });

  test("when a reader changes the remembered list, then it fails and the next reader gets the stored one", async () => {
    const absences = createAbsenceRepo(store, { rememberMs: 60_000 });
    await absences.save([day("p4", "2026-11-02")]);
    const shown = await absences.recentOfPupil("p4");
    expect(() => (shown as AbsenceEvent[]).push(day("p4", "2026-11-09"))).toThrow(TypeError);
    expect(() => Object.assign(shown[0]!, { documented: true })).toThrow(TypeError);
    expect(await absences.recentOfPupil("p4")).toEqual([day("p4", "2026-11-02")]);
  });
});
