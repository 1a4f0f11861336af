import {
  mayCloseCase,
  newCase,
  ofCurrentCase,
  renewCase,
  scopeToCase,
  tripsAfterClosure,
  type CaseClosure,
} from "../../src/domain/case";
import { summarizeSchool, type PupilFacts } from "../../src/domain/school-report";

const closed: CaseClosure = { reason: "moved", text: "", on: "2026-03-12", by: "t1", at: "2026-03-12T10:00:00.000Z" };
const contactTeacher = { role: "contact_teacher", title: "Kontaktlærer" } as const;
const coordinator = { role: "coordinator", title: "Tiltaksleder" } as const;

describe("closing a case, and the case after it", () => {
  test("when the contact teacher holds the step, then they may close it; on a step the tiltaksleder holds alone, only leaders may", () => {
    expect(mayCloseCase("contact_teacher", { holders: [contactTeacher, coordinator] })).toBe(true);
    expect(mayCloseCase("contact_teacher", { holders: [coordinator] })).toBe(false);
    expect(mayCloseCase("coordinator", { holders: [coordinator] })).toBe(true);
    expect(mayCloseCase("contact_teacher", undefined)).toBe(true);
    expect(mayCloseCase("service", { holders: [contactTeacher] })).toBe(false);
  });

  test("when trips fall on the closing day or before, then they open no new case; a later one does", () => {
    expect(tripsAfterClosure(closed, [{ date: "2026-03-12" }, { date: "2026-03-01" }])).toBe(false);
    expect(tripsAfterClosure(closed, [{ date: "2026-03-13" }])).toBe(true);
  });

  test("when a closed case is renewed, then the new one starts with nothing decided and keeps the closed one in previous", () => {
    const record = {
      ...newCase({ id: "p1", schoolId: "s1" }, "2026-01-05T08:00:00.000Z"),
      version: 7,
      nudgedStep: 1,
      dismissal: { reason: "x", by: "t1", at: "2026-01-06T08:00:00.000Z" },
      sharedWith: [{ aadObjectId: "n1", role: "school_nurse" as const, by: "t1", at: "2026-01-07T08:00:00.000Z" }],
      closed,
    };
    const next = renewCase(record, "2026-04-01T08:00:00.000Z");
    expect(next).toMatchObject({
      version: 7,
      openedAt: "2026-04-01T08:00:00.000Z",
      nudgedStep: null,
      dismissal: null,
      sharedWith: [],
      closed: null,
      previous: [{ openedAt: "2026-01-05T08:00:00.000Z", closed }],
    });
    expect(renewCase(next, "2026-05-01T08:00:00.000Z")).toBe(next);
    expect(ofCurrentCase(next, "2026-03-01T08:00:00.000Z")).toBe(false);
    expect(ofCurrentCase(next, "2026-04-02T08:00:00.000Z")).toBe(true);
    expect(ofCurrentCase(record, "2025-12-01T08:00:00.000Z")).toBe(true);
    expect(scopeToCase(next, { key: "escalation:step:1" })).toEqual({ key: "case2:escalation:step:1" });
    expect(scopeToCase(record, { key: "escalation:step:1" })).toEqual({ key: "escalation:step:1" });
  });

  test("when cases were closed, then the report counts those closed in the period per reason, and a closed case waits for no one", () => {
    const none: PupilFacts = {
      step: null,
      trips: [],
      deadline: null,
      followedUp: null,
      measures: [],
      consent: null,
      servicesBroughtIn: 0,
      absenceDays: 0,
    };
    const report = summarizeSchool(
      [
        { ...none, closures: [closed, { ...closed, reason: "normal_attendance", on: "2025-06-01" }] },
        {
          ...none,
          step: 1,
          deadline: "2026-03-01",
          closedNow: true,
          closures: [{ reason: "normal_attendance", on: "2026-03-20" }],
        },
      ],
      { from: "2026-01-01", to: "2026-03-31" },
      "2026-03-31",
    );
    expect(report.closed).toEqual({ total: 2, normal_attendance: 1, moved: 1, transferred: 0, other: 0 });
    expect(report).toMatchObject({ waiting: 0, overdue: 0 });
  });
});
