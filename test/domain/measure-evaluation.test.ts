import type { AbsenceEvent } from "../../src/domain/absence";
import { createSchoolCalendar } from "../../src/domain/calendar";
import {
  absenceSincePlan,
  evaluateMeasures,
  planOfMeasures,
  measuresDue,
  offeredOutcomes,
  type DueMeasure,
  type EvaluationInput,
} from "../../src/domain/measure-evaluation";

const measure = (id: string, text: string, evaluationDate = "2026-12-07"): DueMeasure => ({
  id,
  area: "skole",
  measure: text,
  responsible: "Kontaktlærer",
  evaluationDate,
});
const due = [measure("a", "Fast oppmøte kl. 08.15"), measure("b", "Hentes av foresatte")];
const input: EvaluationInput = {
  due,
  results: { a: "worked", b: "no_effect" },
  outcome: "maintain",
  nextStep: 2,
  nextEvaluationDate: "2026-12-28",
};

describe("evaluating agreed measures (001 «Trinn 4: Evaluering»)", () => {
  test("when the measures that worked go on, then only those continue, with the next evaluation date", () => {
    const result = evaluateMeasures(input);
    expect(result).toEqual({
      ok: true,
      outcome: "maintain",
      results: [
        { id: "a", measure: "Fast oppmøte kl. 08.15", result: "worked" },
        { id: "b", measure: "Hentes av foresatte", result: "no_effect" },
      ],
      continued: [
        { area: "skole", measure: "Fast oppmøte kl. 08.15", responsible: "Kontaktlærer", evaluationDate: "2026-12-28" },
      ],
      assessedStep: null,
    });
  });

  test("when a measure has no result or the way on is missing, then every gap is named and nothing is decided", () => {
    expect(evaluateMeasures({ ...input, results: { a: "worked" }, outcome: undefined })).toEqual({
      ok: false,
      problems: [{ problem: "result_missing", measureId: "b" }, { problem: "outcome_missing" }],
    });
    expect(evaluateMeasures({ ...input, results: { a: "great", b: "worked" } })).toMatchObject({
      ok: false,
      problems: [{ problem: "result_missing", measureId: "a" }],
    });
  });

  test("when nothing worked, then the measures cannot go on: change them or move on", () => {
    expect(evaluateMeasures({ ...input, results: { a: "no_effect", b: "no_effect" } })).toEqual({
      ok: false,
      problems: [{ problem: "nothing_worked" }],
    });
    expect(
      evaluateMeasures({ ...input, results: { a: "no_effect", b: "no_effect" }, outcome: "change" }),
    ).toMatchObject({ ok: true, continued: [], assessedStep: null });
  });

  test("when the case goes on to the next step, then that step is the one to raise to; at the top of the ladder it is not offered", () => {
    expect(evaluateMeasures({ ...input, outcome: "next_step" })).toMatchObject({
      ok: true,
      assessedStep: 2,
      continued: [],
    });
    expect(evaluateMeasures({ ...input, outcome: "next_step", nextStep: null })).toEqual({
      ok: false,
      problems: [{ problem: "no_next_step" }],
    });
    expect(offeredOutcomes(null).map((o) => o.id)).toEqual(["watch", "maintain", "change"]);
    expect(offeredOutcomes(3).map((o) => o.id)).toEqual(["watch", "maintain", "change", "next_step"]);
  });

  test("when measures are listed for evaluation, then only active ones whose date has come are, the oldest first", () => {
    const measures = [
      { id: "later", status: "active", evaluationDate: "2026-12-10" },
      { id: "today", status: "active", evaluationDate: "2026-12-07" },
      { id: "done", status: "evaluated", evaluationDate: "2026-11-20" },
      { id: "old", status: "active", evaluationDate: "2026-11-30" },
    ];
    expect(measuresDue(measures, "2026-12-07").map((m) => m.id)).toEqual(["old", "today"]);
  });
});

describe("what «er målet nådd?» is judged against (001 «Trinn 4»)", () => {
  const first = { id: "m1", draftId: "draft:attendance_meeting:v3", agreedAt: "2026-11-16T10:00:00Z" };
  const carried = { id: "m2", draftId: "evaluation:x", agreedAt: "2026-12-07T10:00:00Z", continues: "m1" };
  const log = [
    { id: "log:draft:attendance_meeting:v3", contactDate: "2026-11-16", mainGoal: "Mia møter alle dager" },
    { id: "log:evaluation:x", contactDate: "2026-12-07" },
  ];

  test("when a measure was carried on by an evaluation, then its plan is the meeting that first agreed it, with the goal", () => {
    expect(planOfMeasures([carried], [first, carried], log)).toEqual({
      mainGoal: "Mia møter alle dager",
      startedOn: "2026-11-16",
    });
  });

  test("when the entry that agreed the measures wrote no goal, then the plan has none, and starts the day they were agreed", () => {
    const other = { id: "m3", draftId: "draft:wonder:v1", agreedAt: "2026-11-20T09:00:00Z" };
    expect(planOfMeasures([other], [other], log)).toEqual({ mainGoal: null, startedOn: "2026-11-20" });
  });

  test("when the absence since the plan is counted, then it is set against as many school days before it", () => {
    const calendar = createSchoolCalendar({ id: "s1" });
    const event = (date: string, kind: AbsenceEvent["kind"], lessons?: number): AbsenceEvent => ({
      id: `${date}-${kind}`,
      pupilId: "p1",
      schoolId: "s1",
      date,
      kind,
      documented: false,
      ...(lessons ? { lessons } : {}),
    });
    const events = [
      event("2026-11-09", "day"),
      event("2026-11-10", "day"),
      event("2026-11-11", "late"),
      event("2026-11-13", "lesson", 2),
      event("2026-11-17", "lesson", 1),
      event("2026-11-21", "day"), // a Saturday: not a school day
    ];
    // Monday 16.11 to Friday 20.11 (5 school days) against Monday 9.11 to Friday 13.11.
    expect(absenceSincePlan(events, calendar, "2026-11-16", "2026-11-20")).toEqual({
      since: { from: "2026-11-16", to: "2026-11-20", schoolDays: 5, days: 0, lessons: 1, late: 0 },
      before: { from: "2026-11-09", to: "2026-11-13", schoolDays: 5, days: 2, lessons: 2, late: 1 },
    });
  });
});
