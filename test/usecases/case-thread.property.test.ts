import fc from "fast-check";
import type { CaseRecord, LogEntry } from "../../src/domain/case";
import { consentCovers, type ConsentRecord, type ConsentServiceId, type ServiceRole } from "../../src/domain/consent";
import type { StaffMember } from "../../src/domain/roster";
import { bringIn, endSharingNotCovered } from "../../src/usecases/bring-in";
import { peopleWithAccess, postCaseEventInThread } from "../../src/usecases/case-thread";
import type { CaseDeps } from "../../src/usecases/deps";
import { accessOf, loadCase } from "../../src/usecases/open-case";
import type { CaseThreadMessage } from "../../src/usecases/ports";
import { school2025 } from "../domain/helpers";

const schoolId = school2025.id;
const pupil = { id: "p1", name: "Mia", schoolId, grade: 6, className: "6A", contactTeacherIds: ["teacher"] };
const staff: StaffMember[] = [
  { aadObjectId: "teacher", name: "Kari", roles: [{ schoolId, role: "contact_teacher" }] },
  { aadObjectId: "coordinator", name: "Tone", roles: [{ schoolId, role: "coordinator" }] },
  { aadObjectId: "nurse1", name: "Hanne", roles: [{ schoolId, role: "school_nurse" }] },
  { aadObjectId: "nurse2", name: "Siri", roles: [{ schoolId, role: "school_nurse" }] },
  { aadObjectId: "ppt1", name: "Per", roles: [{ schoolId, role: "ppt" }] },
  { aadObjectId: "colleague", name: "Ola", roles: [{ schoolId, role: "contact_teacher" }] },
  { aadObjectId: "elsewhere", name: "Nina", roles: [{ schoolId: "another-school", role: "school_nurse" }] },
];
const everyone = staff.map((s) => s.aadObjectId);
const teachersAndLeaders = ["teacher", "coordinator"];
const serviceOf: Record<ServiceRole, ConsentServiceId> = { school_nurse: "health_service", ppt: "ppt" };

/** A world of one pupil's case in memory, with the real use cases on top and the port recording thread posts. */
function createWorld() {
  let record: CaseRecord | undefined;
  let etag = 0;
  const log: LogEntry[] = [];
  const posts: CaseThreadMessage[] = [];
  let minute = 0;
  const clock = { now: () => new Date(Date.UTC(2025, 10, 17, 8, minute)) };
  const status = { pupilId: "p1", ladder: "orland-skole", step: 1, trips: [] };
  const deps = {
    clock,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    roster: {
      getPupil: async () => pupil,
      getSchool: async () => school2025,
      getStaff: async (id: string) => staff.find((s) => s.aadObjectId === id),
      staffWithRole: async (school: string, role: string) =>
        staff.filter((s) => s.roles.some((r) => r.schoolId === school && r.role === role)),
    },
    statuses: { get: async () => ({ status }) },
    absences: { listOfPupil: async () => [], recentOfPupil: async () => [] },
    cases: {
      get: async () => (record ? { value: structuredClone(record), etag: String(etag) } : undefined),
      getFolder: async () => ({
        ...(record ? { record: { value: structuredClone(record), etag: String(etag) } } : {}),
        status,
        openDrafts: [],
        log: [...log],
        measures: [],
      }),
      saveIfUnchanged: async (next: CaseRecord, expected: string | undefined) => {
        if ((record ? String(etag) : undefined) !== expected) return false;
        record = structuredClone(next);
        etag++;
        return true;
      },
      create: async (next: CaseRecord) => {
        if (record) return undefined;
        record = structuredClone(next);
        etag++;
        return { value: structuredClone(next), etag: String(etag) };
      },
      appendLog: async (entry: LogEntry) => {
        if (log.some((e) => e.id === entry.id)) return false;
        log.push(entry);
        return true;
      },
      logEntries: async () => [...log],
      openDrafts: async () => [],
      measures: async () => [],
      claimOnce: async () => true,
    },
    caseCards: {
      send: async () => undefined,
      postInCaseThread: async (_school: string, _ref: unknown, message: CaseThreadMessage) => void posts.push(message),
    },
  } as unknown as CaseDeps;
  return {
    deps,
    posts,
    tick: () => minute++,
    recordConsent(consent: Omit<ConsentRecord, "date" | "stafettlogg" | "signedBy" | "place" | "serviceLocation">) {
      minute++;
      const at = clock.now().toISOString();
      log.push({
        id: `log:consent:${minute}`,
        pupilId: "p1",
        kind: "pupil_log",
        templateId: "consent",
        step: 1,
        author: "teacher",
        writtenAt: at,
        contactDate: at.slice(0, 10),
        reasonForContact: "",
        guardiansViewOfCause: [],
        furtherMeasures: "",
        nextContactDate: null,
        summary: "",
        measures: [],
        consent: {
          ...consent,
          date: at.slice(0, 10),
          stafettlogg: false,
          signedBy: ["guardians"],
          place: "",
          serviceLocation: "",
        },
      } as LogEntry);
    },
  };
}

type World = ReturnType<typeof createWorld>;
/** What the family agreed to (null: nothing in force) and which services were brought in under it. */
interface Model {
  consent: ConsentServiceId[] | null;
  broughtIn: Set<ServiceRole>;
}

/** Who may see details, as the routine says: teachers and leaders, and services brought in under a covering samtykke. */
function allowed(model: Model): Set<string> {
  const services = staff
    .filter((s) =>
      s.roles.some(
        (r) =>
          r.schoolId === schoolId &&
          (r.role === "school_nurse" || r.role === "ppt") &&
          model.broughtIn.has(r.role) &&
          (model.consent ?? []).includes(serviceOf[r.role]),
      ),
    )
    .map((s) => s.aadObjectId);
  return new Set([...teachersAndLeaders, ...services]);
}

/** After every command: the refresh decision (accessOf) and the refresh list both equal the model's allowed set. */
async function check(model: Model, world: World): Promise<void> {
  const expected = allowed(model);
  for (const person of everyone) {
    const access = await accessOf(world.deps, person, pupil);
    expect([person, access !== undefined]).toEqual([person, expected.has(person)]);
  }
  expect(new Set(await peopleWithAccess(world.deps, { pupil }))).toEqual(expected);
  const last = world.posts.at(-1);
  if (last && "viewers" in last) for (const id of last.viewers) expect(expected.has(id)).toBe(true);
}

const ctxOf = async (world: World) => (await loadCase(world.deps, "p1"))!;

class GiveConsent implements fc.AsyncCommand<Model, World> {
  constructor(readonly services: ConsentServiceId[]) {}
  check = () => true;
  async run(model: Model, world: World) {
    world.recordConsent({ status: "given", services: this.services });
    const ctx = await ctxOf(world);
    const consent = { status: "given", services: this.services } as ConsentRecord;
    await endSharingNotCovered(world.deps, ctx, consent, "teacher", "nb");
    model.consent = this.services;
    for (const role of [...model.broughtIn]) if (!consentCovers(consent, role)) model.broughtIn.delete(role);
    await check(model, world);
  }
  toString = () => `give(${this.services.join(",")})`;
}

class NarrowConsent implements fc.AsyncCommand<Model, World> {
  constructor(readonly drop: ConsentServiceId) {}
  check = (model: Readonly<Model>) => (model.consent ?? []).includes(this.drop);
  async run(model: Model, world: World) {
    await new GiveConsent(model.consent!.filter((s) => s !== this.drop)).run(model, world);
  }
  toString = () => `narrow(-${this.drop})`;
}

class WithdrawConsent implements fc.AsyncCommand<Model, World> {
  check = () => true;
  async run(model: Model, world: World) {
    world.recordConsent({ status: "withdrawn", services: [] });
    await endSharingNotCovered(
      world.deps,
      await ctxOf(world),
      { status: "withdrawn" } as ConsentRecord,
      "teacher",
      "nb",
    );
    model.consent = null;
    model.broughtIn.clear();
    await check(model, world);
    // Withdrawal always removes access: no service is left on the refresh list, and the thread was told.
    const last = world.posts.at(-1);
    if (last && "viewers" in last) expect(last.viewers.filter((id) => !teachersAndLeaders.includes(id))).toEqual([]);
  }
  toString = () => "withdraw";
}

class BringIn implements fc.AsyncCommand<Model, World> {
  constructor(readonly role: ServiceRole) {}
  check = () => true;
  async run(model: Model, world: World) {
    world.tick();
    const result = await bringIn(world.deps, await ctxOf(world), "teacher", this.role, "nb");
    const covered = (model.consent ?? []).includes(serviceOf[this.role]);
    expect(result.kind).toBe(covered ? "broughtIn" : "noConsent");
    if (covered) model.broughtIn.add(this.role);
    await check(model, world);
  }
  toString = () => `bringIn(${this.role})`;
}

class Post implements fc.AsyncCommand<Model, World> {
  check = () => true;
  async run(model: Model, world: World) {
    await postCaseEventInThread(world.deps, "p1", { kind: "stepRaised" });
    await check(model, world);
  }
  toString = () => "post";
}

const services = fc.constantFrom<ConsentServiceId>("health_service", "ppt", "child_welfare");
const commands = [
  fc.uniqueArray(services, { maxLength: 3 }).map((s) => new GiveConsent(s)),
  services.map((s) => new NarrowConsent(s)),
  fc.constant(new WithdrawConsent()),
  fc.constantFrom<ServiceRole>("school_nurse", "ppt").map((r) => new BringIn(r)),
  fc.constant(new Post()),
];

describe("who sees a case's details in its thread", () => {
  test("when any sequence of giving, narrowing and withdrawing samtykke, bringing in and posting runs, then only teachers, leaders and services under a covering samtykke see details, and withdrawal always removes access", async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 12 }), async (cmds) => {
        const world = createWorld();
        await loadCase(world.deps, "p1");
        await fc.asyncModelRun(
          () => ({ model: { consent: null, broughtIn: new Set<ServiceRole>() }, real: world }),
          cmds,
        );
      }),
      { numRuns: 60 },
    );
  });
});
