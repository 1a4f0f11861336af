import {
  evaluateMeasures,
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
