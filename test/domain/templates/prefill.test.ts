import { createSchoolCalendar } from "../../../src/domain/calendar";
import { analyzePattern } from "../../../src/domain/pattern";
import {
  addPeriod,
  defaultEvaluationDate,
  describePattern,
  parseEvaluationPeriod,
  prefill,
  templateFor,
} from "../../../src/domain/templates";
import { prefillOnEntering } from "../../../src/domain/templates";
import { calendar2025, days } from "../helpers";
import { context, mondayReport } from "./fixtures";

describe("prefill of the phone call", () => {
  const call = templateFor("phone_call", "molde-nordbyen");

  test("when Mondays are over-represented in the pattern, then step 1 says so", () => {
    const answers = prefill(call, context());
    expect(answers.pattern_days).toContain("Mandager er overrepresentert: 4 av 7 dager");
    expect(answers.pattern_days).toContain("man 4");
  });

  test("when no weekday stands out, then step 1 does not mention Mondays as a pattern", () => {
    const report = mondayReport({ weekdays: mondayReport().weekdays.map((w) => ({ ...w, overRepresented: false })) });
    const answers = prefill(call, context({ pattern: report }));
    expect(answers.pattern_days).not.toContain("Mandager");
    expect(answers.pattern_days).toContain("Ingen ukedag skiller seg ut");
  });

  test("when there are runs and single days, late arrivals, leaving and lesson absence, then each lands in its own question", () => {
    const answers = prefill(call, context());
    expect(answers.pattern_runs).toBe("3 enkeltdager og 2 perioder på rad (lengste: 2 dager, 01.–02.09).");
    expect(answers.pattern_late_left).toBe("Kom for sent 3 ganger. Gikk hjem før skoledagen var over 1 gang.");
    expect(answers.pattern_activities).toContain("På skolen, men ikke i timen 2 ganger.");
    expect(answers.pattern_activities).toContain("engelsk 5 timer (3 ganger)");
    expect(answers.pattern_appointments).toContain("2 fraværsdager");
  });

  test("when the teacher writes nynorsk or English, then the pre-filled texts are in that language", () => {
    expect(prefill(call, context({ language: "nn" })).pattern_days).toContain(
      "Måndagar er overrepresenterte: 4 av 7 dagar",
    );
    expect(prefill(call, context({ language: "en" })).pattern_days).toContain(
      "Mondays are over-represented: 4 of 7 days",
    );
  });

  test("when the pattern comes from the real analysis, then the Monday sentence agrees with it", () => {
    const report = analyzePattern({
      events: days(["2025-09-01", "2025-09-08", "2025-09-15", "2025-10-13", "2025-09-03", "2025-09-18", "2025-10-22"]),
      calendar: calendar2025(),
      asOf: "2025-12-19",
    });
    expect(prefill(call, context({ pattern: report })).pattern_days).toContain(
      "Mandager er overrepresentert: 4 av 7 dager",
    );
  });

  test("when there is no pattern, then no pattern text is invented but the date of contact and the step are set", () => {
    const answers = prefill(call, context({ pattern: null, step: 1 }));
    expect(Object.keys(answers).filter((k) => k.startsWith("pattern_"))).toEqual([]);
    expect(answers.contact_date).toBe("2025-10-27");
    expect(answers.assessed_step).toBe("1");
    expect(answers.meeting_date).toBeUndefined();
  });

  test("when the pupil's step is not one of the ladder's, then the step is left for the teacher", () => {
    expect(prefill(call, context({ step: 9 })).assessed_step).toBeUndefined();
  });

  test("when every pre-filled text is checked, then it fits the field's length", () => {
    const long = mondayReport({
      lessons: {
        total: 90,
        occasions: 40,
        bySubject: Array.from({ length: 40 }, (_, i) => ({
          subject: `fag-${"x".repeat(30)}-${i}`,
          lessons: 2,
          occasions: 1,
        })),
      },
    });
    const answers = prefill(call, context({ pattern: long }));
    for (const value of Object.values(answers))
      if (typeof value === "string") expect(value.length).toBeLessThanOrEqual(500);
  });
});

describe("evaluation dates", () => {
  test("when the ladder is Molde and no default is given, then measures are evaluated after three weeks", () => {
    const answers = prefill(templateFor("attendance_meeting", "molde-nordbyen"), context({ step: 1 }));
    expect(answers.next_meeting_date).toBe("2025-11-17");
    expect(answers.measures).toEqual([{ area: "", measure: "", responsible: "", evaluationDate: "2025-11-17" }]);
    expect(answers.meeting_date).toBe("2025-10-27");
  });

  test("when the ladder is Ørland's kindergarten, then the default is about one month (000 Del 4)", () => {
    expect(defaultEvaluationDate({ ladderId: "orland-barnehage", today: "2025-01-31", evaluationDefault: null })).toBe(
      "2025-02-28",
    );
  });

  test("when the context gives an evaluation default, then it wins over the ladder's", () => {
    expect(defaultEvaluationDate({ ladderId: "molde-nordbyen", today: "2025-10-27", evaluationDefault: "2w" })).toBe(
      "2025-11-10",
    );
    expect(
      defaultEvaluationDate({ ladderId: "molde-nordbyen", today: "2025-10-27", evaluationDefault: "garbage" }),
    ).toBe("2025-11-17");
  });

  describe("with the school's calendar", () => {
    // The school's own juleferie, as a roster gives it (issue 22: «28 December, inside the school's Christmas holiday»).
    const calendar = createSchoolCalendar({
      id: "s1",
      holidays: [{ from: "2026-12-21", to: "2027-01-01", name: "Juleferie" }],
    });

    test("when three weeks from today end in the juleferie, then the default evaluation date is the first school day after it", () => {
      const context = { ladderId: "molde-nordbyen", today: "2026-12-07", evaluationDefault: null, calendar };
      expect(defaultEvaluationDate({ ...context, calendar: undefined })).toBe("2026-12-28");
      expect(defaultEvaluationDate(context)).toBe("2027-01-04");
    });

    test("when the period ends on a school day, then that day is kept", () => {
      expect(
        defaultEvaluationDate({ ladderId: "molde-nordbyen", today: "2026-11-16", evaluationDefault: null, calendar }),
      ).toBe("2026-12-07");
    });

    test("when the period is counted in school days, then holidays are not counted", () => {
      // 18.12 (Friday) + 1 school day: the first day after the juleferie and the public holiday.
      expect(
        defaultEvaluationDate({ ladderId: "molde-nordbyen", today: "2026-12-18", evaluationDefault: "1 sd", calendar }),
      ).toBe("2027-01-04");
    });
  });

  test("when periods are written in different ways, then they are read alike", () => {
    expect(parseEvaluationPeriod("3w")).toEqual({ unit: "weeks", amount: 3 });
    expect(parseEvaluationPeriod("3 uker")).toEqual({ unit: "weeks", amount: 3 });
    expect(parseEvaluationPeriod("P3W")).toEqual({ unit: "weeks", amount: 3 });
    expect(parseEvaluationPeriod("weeks:3")).toEqual({ unit: "weeks", amount: 3 });
    expect(parseEvaluationPeriod('{"unit":"school_days","amount":15}')).toEqual({ unit: "school_days", amount: 15 });
    expect(parseEvaluationPeriod("15 skoledager")).toEqual({ unit: "school_days", amount: 15 });
    expect(parseEvaluationPeriod("1 måned")).toEqual({ unit: "months", amount: 1 });
    expect(parseEvaluationPeriod("0 weeks")).toBeNull();
    expect(parseEvaluationPeriod(null)).toBeNull();
  });

  test("when school days are added, then weekends are skipped", () => {
    // Friday 2025-10-24 + 1 school day = Monday; + 5 = the next Friday.
    expect(addPeriod("2025-10-24", { unit: "school_days", amount: 1 })).toBe("2025-10-27");
    expect(addPeriod("2025-10-24", { unit: "school_days", amount: 5 })).toBe("2025-10-31");
  });

  test("when the guardians talk is pre-filled, then the evaluation time and a concrete observation are set", () => {
    const answers = prefill(
      templateFor("wonder_talk_guardians", "lillestrom"),
      context({ ladderId: "lillestrom", step: 1 }),
    );
    expect(answers.evaluation_date).toBe("2025-11-17");
    expect(answers.observation).toContain("7 fraværsdager");
  });
});

describe("describePattern", () => {
  test("when the report has no absence days, then it says so instead of inventing a pattern", () => {
    const texts = describePattern(
      mondayReport({
        absenceDays: 0,
        singleDays: [],
        runs: [],
        late: 0,
        left: 0,
        notInClass: 0,
        lessons: { total: 0, occasions: 0, bySubject: [] },
        reasons: [],
      }),
    );
    expect(texts.days).toBe("Ingen hele fraværsdager i perioden 18.08–24.10.");
    expect(texts.runs).toBe("");
    expect(texts.lateLeft).toBe("Ingen registrerte forsentkomminger eller tidlig hjemgang.");
    expect(texts.appointments).toBe("");
  });
});

describe("prefillOnEntering", () => {
  test("when the nærværsmøte reaches «Oppsummer punktvis» with nothing written, then each area the meeting found something in is one point, without the pupil's cause cards", () => {
    const meeting = templateFor("attendance_meeting", "molde-nordbyen");
    const index = meeting.steps.findIndex((s) => s.id === "summary");
    const answers = {
      skole_topics: ["relations", "demands"],
      skole_notes: "Vanskelig i gymtimene",
      hjem_notes: "Sene kvelder",
      pupil_causes: ["physically_ill"],
    };
    const filled = prefillOnEntering(meeting, index, answers, { ladderId: "molde-nordbyen", language: "nb" });
    expect(filled.summary).toBe("• Skole/SFO: Relasjoner, Krav. Vanskelig i gymtimene\n• Hjem: Sene kvelder");
    expect(
      prefillOnEntering(
        meeting,
        index,
        { ...answers, summary: "Egen tekst" },
        { ladderId: "molde-nordbyen", language: "nb" },
      ),
    ).toEqual({});
    expect(prefillOnEntering(meeting, index - 1, answers, { ladderId: "molde-nordbyen", language: "nb" })).toEqual({});
  });
});
