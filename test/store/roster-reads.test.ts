import type { Roster } from "../../src/domain/roster";
import { createLogger } from "../../src/logger";
import { createStore, type Store } from "../../src/store/create-store";
import { createErasure } from "../../src/store/erasure";
import { createRosterRepo } from "../../src/store/roster-repo";
import { createSchoolChannelRepo } from "../../src/store/channel-repo";

const kari = "44444444-0000-4000-8000-000000000001";
const ola = "44444444-0000-4000-8000-000000000002";

const rosterWith = (teacher: string): Roster => ({
  schools: [{ id: "s1", name: "Nordbyen skole", municipality: "Molde", ladder: "molde-nordbyen" }],
  staff: [
    { aadObjectId: kari, name: "Kari", roles: [{ schoolId: "s1", role: "contact_teacher" }] },
    { aadObjectId: ola, name: "Ola", roles: [{ schoolId: "s1", role: "contact_teacher" }] },
  ],
  pupils: [{ id: "p1", name: "Mia", schoolId: "s1", grade: 6, className: "6A", contactTeacherIds: [teacher] }],
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the roster as card actions read it: remembered briefly, and never past a change this instance made", () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ databaseName: "naervaer-roster-reads", logger: createLogger("silent") });
  });
  afterAll(async () => store.close());

  test("when this instance imports a new contact teacher, then the pupil is read with her at once", async () => {
    const roster = createRosterRepo(store, { rememberMs: 60_000 });
    await roster.save(rosterWith(kari));
    expect((await roster.getPupil("p1"))?.contactTeacherIds).toEqual([kari]);
    await roster.save(rosterWith(ola));
    expect((await roster.getPupil("p1"))?.contactTeacherIds).toEqual([ola]);
    expect((await roster.listPupilsOfTeacher(kari)).map((p) => p.id)).toEqual([]);
  });

  test("when another instance imports the change, then this one reads it once its memory has run out", async () => {
    const here = createRosterRepo(store, { rememberMs: 300 });
    const there = createRosterRepo(store, { rememberMs: 300 });
    await there.save(rosterWith(kari));
    expect((await here.getPupil("p1"))?.contactTeacherIds).toEqual([kari]);
    await there.save(rosterWith(ola));
    await wait(350);
    expect((await here.getPupil("p1"))?.contactTeacherIds).toEqual([ola]);
  });

  test("when a pupil is erased on this instance, then the pupil is gone at once", async () => {
    const roster = createRosterRepo(store, { rememberMs: 60_000 });
    await roster.save(rosterWith(kari));
    expect(await roster.getPupil("p1")).toBeDefined();
    await createErasure(store, [roster]).erasePupil("p1");
    expect(await roster.getPupil("p1")).toBeUndefined();
  });

  test("when a reader changes a remembered pupil, then it fails and the next reader still gets the stored pupil", async () => {
    const roster = createRosterRepo(store, { rememberMs: 60_000 });
    await roster.save(rosterWith(kari));
    const pupil = await roster.getPupil("p1");
    expect(() => (pupil!.contactTeacherIds as string[]).push(ola)).toThrow(TypeError);
    expect((await roster.getPupil("p1"))?.contactTeacherIds).toEqual([kari]);
  });

  test("when a leader links the school's channel on this instance, then the next case is posted there at once", async () => {
    const channels = createSchoolChannelRepo(store, { rememberMs: 60_000 });
    expect(await channels.get("s1")).toBeUndefined();
    await channels.link({
      schoolId: "s1",
      conversationId: "19:team@thread.tacv2",
      reference: {},
      linkedBy: kari,
      linkedAt: "2026-12-07T08:00:00.000Z",
    });
    expect((await channels.get("s1"))?.conversationId).toBe("19:team@thread.tacv2");
    expect(await channels.unlink("s1", "19:team@thread.tacv2")).toBe(true);
    expect(await channels.get("s1")).toBeUndefined();
  });
});
