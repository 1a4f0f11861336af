import { newCase, type CaseClosure, type CaseRecord } from "../../src/domain/case";
import { createLadderRegistry } from "../../src/ladder-registry";
import type { CaseDeps } from "../../src/usecases/deps";
import { morningFollowUp } from "../../src/usecases/morning-follow-up";
import { school2025 } from "../domain/helpers";

const pupil = { id: "p1", name: "Mia", schoolId: school2025.id, grade: 6, className: "6A", contactTeacherIds: ["t1"] };
const closed: CaseClosure = {
  reason: "normal_attendance",
  text: "",
  on: "2025-11-18",
  by: "t1",
  at: "2025-11-18T10:00:00.000Z",
};

/** Mia on Ørland's Trinn 1, told on 17.11 with a deadline on 18.11 that nobody followed up; now it is 20.11. */
function depsWith(record: Partial<CaseRecord>) {
  const sent: unknown[] = [];
  const claimed: string[] = [];
  const deps = {
    clock: { now: () => new Date("2025-11-20T08:00:00.000Z") },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    ladders: createLadderRegistry(),
    // Nothing failed to arrive: the morning list of what did not reach people stays away.
    outbox: { deadOfSchool: async () => [] },
    roster: {
      getSchool: async () => school2025,
      listPupilsOfSchool: async () => [pupil],
      staffWithRole: async (_school: string, role: string) =>
        role === "coordinator" ? [{ aadObjectId: "c1", name: "Tone", roles: [] }] : [],
      getStaff: async () => undefined,
    },
    statuses: {
      listOfSchool: async () => [
        {
          pupilId: "p1",
          ladder: "orland-skole",
          step: 1,
          stepName: "Trinn 1",
          trips: [{ key: "t:1", date: "2025-11-17", step: 1, label: "x" }],
          required: { deadline: "2025-11-18", actions: [], holders: [] },
        },
      ],
    },
    cases: {
      get: async () => ({
        value: { ...newCase(pupil, "2025-11-10T08:00:00.000Z"), nudgedAt: "2025-11-17T08:00:00.000Z", ...record },
        etag: "e1",
      }),
      logEntries: async () => [],
      measures: async () => [],
      claimOnce: async (_p: string, key: string) => {
        claimed.push(key);
        return true;
      },
      releaseClaim: async () => undefined,
      appendLog: async () => true,
    },
    caseCards: {
      send: async (...args: unknown[]) => {
        sent.push(args);
        return { conversationId: "a", activityId: "b", serviceUrl: "c" };
      },
    },
  } as unknown as CaseDeps;
  return { deps, sent, claimed };
}

describe("the morning follow-up of a closed case", () => {
  test("when the case is open and its deadline ran out, then the tiltaksleder is told (the control)", async () => {
    const { deps, sent, claimed } = depsWith({});
    expect(await morningFollowUp(deps, school2025.id)).toBe(1);
    expect(claimed).toEqual(["escalation:deadline:t:1"]);
    expect(sent).toHaveLength(1);
  });

  test("when the case is closed, then nothing is claimed, told or sent", async () => {
    const { deps, sent, claimed } = depsWith({ closed });
    expect(await morningFollowUp(deps, school2025.id)).toBe(0);
    expect(claimed).toEqual([]);
    expect(sent).toEqual([]);
  });

  test("when a new case followed a closed one, then what runs out is claimed in the new case's own name", async () => {
    const { deps, claimed } = depsWith({ previous: [{ openedAt: "2025-11-01T08:00:00.000Z", closed }] });
    expect(await morningFollowUp(deps, school2025.id)).toBe(1);
    expect(claimed).toEqual(["case2:escalation:deadline:t:1"]);
  });
});
