import { createSchoolCalendar } from "../../../src/domain/calendar";
import { datesOffSchool, templateFor, validateStep } from "../../../src/domain/templates";

const call = templateFor("phone_call", "molde-nordbyen");
const meeting = templateFor("attendance_meeting", "molde-nordbyen");

describe("validateStep", () => {
  test("when a required field is missing, then the step is rejected naming the field in three languages", () => {
    const result = validateStep(call, "natural_cause", {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.fieldId).toBe("natural_cause");
    expect(result.errors[0]?.message.nb).toContain("Fyll ut");
    expect(result.errors[0]?.message.nn).toContain("Fyll ut");
    expect(result.errors[0]?.message.en).toContain("fill in");
  });

  test("when a choice is not one of the field's ids, then the step is rejected", () => {
    const result = validateStep(call, "natural_cause", { natural_cause: "because_reasons" });
    expect(result).toMatchObject({ ok: false, errors: [{ fieldId: "natural_cause" }] });
  });

  test("when fields the step does not have are sent, then they are dropped and the rest is kept", () => {
    const result = validateStep(call, "natural_cause", {
      natural_cause: "worried",
      summary: "sneaked in",
      __proto__: { x: 1 },
      pupilId: "p1",
    });
    expect(result).toEqual({ ok: true, answers: { natural_cause: "worried" } });
  });

  test("when the answers are not an object at all, then required fields are reported missing", () => {
    for (const junk of [null, "natural_cause=worried", 42, ["worried"]]) {
      const result = validateStep(call, "natural_cause", junk);
      expect(result.ok).toBe(false);
    }
  });

  test("when the step id is unknown, then the step is rejected", () => {
    expect(validateStep(call, "step_99", { natural_cause: "worried" })).toMatchObject({
      ok: false,
      errors: [{ fieldId: "" }],
    });
  });

  test("when text is longer than the field allows (default 500), then it is rejected; when it fits, it is trimmed", () => {
    const tooLong = validateStep(call, "document", { assessed_step: "0", further_measures: "x".repeat(501) });
    expect(tooLong).toMatchObject({ ok: false, errors: [{ fieldId: "further_measures" }] });
    const ok = validateStep(call, "document", { assessed_step: "0", further_measures: `  ${"x".repeat(500)}  ` });
    expect(ok.ok && ok.answers.further_measures).toBe("x".repeat(500));
    const note = validateStep(call, "thriving", { thriving: "dreads", thriving_note: "y".repeat(201) });
    expect(note).toMatchObject({ ok: false, errors: [{ fieldId: "thriving_note" }] });
  });

  test("when text carries control characters, then they are removed", () => {
    const result = validateStep(call, "document", { assessed_step: "1", summary: "Ringte\u0000 hjem\u0007." });
    expect(result).toEqual({ ok: true, answers: { assessed_step: "1", summary: "Ringte hjem." } });
  });

  test("when a text field gets an object, then it is rejected rather than stringified", () => {
    expect(validateStep(call, "document", { assessed_step: "1", summary: { toString: () => "x" } }).ok).toBe(false);
  });

  test("when a multi-choice comes as the card's comma list, then it becomes ids in the field's order without duplicates", () => {
    const result = validateStep(call, "describe", { guardian_causes: "area_home,illness,area_home" });
    expect(result).toEqual({ ok: true, answers: { guardian_causes: ["area_home", "illness"] } });
    expect(validateStep(call, "describe", { guardian_causes: ["unknown", "area_school"] })).toEqual({
      ok: true,
      answers: { guardian_causes: ["area_school", "unknown"] },
    });
    expect(validateStep(call, "describe", { guardian_causes: "illness,diagnosis_x" }).ok).toBe(false);
  });

  test("when a date is not a real YYYY-MM-DD date, then it is rejected", () => {
    for (const bad of ["2025-02-30", "30.10.2025", "tomorrow", "2025-1-5"]) {
      expect(validateStep(call, "call", { contact_date: bad })).toMatchObject({
        ok: false,
        errors: [{ fieldId: "contact_date" }],
      });
    }
    expect(validateStep(call, "call", { contact_date: "2025-10-27" })).toEqual({
      ok: true,
      answers: { contact_date: "2025-10-27" },
    });
    expect(validateStep(call, "call", { contact_date: "2025-10-27T08:00:00.000Z" })).toEqual({
      ok: true,
      answers: { contact_date: "2025-10-27" },
    });
  });

  test("when a measure row is complete, then it is kept; the card's English area id is stored as the field's own", () => {
    const result = validateStep(meeting, "measures", {
      measures: [
        {
          area: "school",
          measure: "Fast person tar imot eleven om morgenen",
          responsible: "kontaktlærer",
          evaluationDate: "2025-11-17",
          extra: "dropped",
        },
      ],
    });
    expect(result).toEqual({
      ok: true,
      answers: {
        measures: [
          {
            area: "skole",
            measure: "Fast person tar imot eleven om morgenen",
            responsible: "kontaktlærer",
            evaluationDate: "2025-11-17",
          },
        ],
      },
    });
  });

  test("when a measure row lacks a responsible or has a bad date, then the row is reported", () => {
    const result = validateStep(meeting, "measures", {
      measures: [
        { area: "hjem", measure: "Faste morgenrutiner", responsible: "foresatte", evaluationDate: "2025-11-17" },
        { area: "skole", measure: "Åpent klasserom", responsible: "", evaluationDate: "2025-13-01" },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.fieldId).toBe("measures");
    expect(result.errors[0]?.message.nb).toContain("rad 2");
    expect(result.errors[0]?.message.nb).toContain("ansvarlig");
    expect(result.errors[0]?.message.nb).toContain("dato for evaluering");
  });

  test("when only blank measure rows (pre-filled date) are sent, then the required measures field is missing", () => {
    const result = validateStep(meeting, "measures", {
      measures: [{ area: "school", measure: "", responsible: "", evaluationDate: "2025-11-17" }],
    });
    expect(result).toMatchObject({ ok: false, errors: [{ fieldId: "measures" }] });
  });

  test("when measure rows are an unknown area or not objects, then they are rejected", () => {
    expect(
      validateStep(meeting, "measures", {
        measures: [{ area: "mars", measure: "x", responsible: "y", evaluationDate: "2025-11-17" }],
      }).ok,
    ).toBe(false);
    expect(validateStep(meeting, "measures", { measures: ["skole"] }).ok).toBe(false);
    expect(validateStep(meeting, "measures", { measures: "not json" }).ok).toBe(false);
  });

  test("when measure rows come as a JSON string, then they are read", () => {
    const rows = JSON.stringify([
      {
        area: "elev",
        measure: "Ukentlig samtale med trygg voksen",
        responsible: "helsesykepleier",
        evaluationDate: "2025-11-17",
      },
    ]);
    const result = validateStep(meeting, "measures", { measures: rows });
    expect(result.ok && result.answers.measures).toHaveLength(1);
  });

  test("when too many measure rows are sent, then they are rejected", () => {
    const row = { area: "skole", measure: "m", responsible: "r", evaluationDate: "2025-11-17" };
    expect(validateStep(meeting, "measures", { measures: Array.from({ length: 21 }, () => row) }).ok).toBe(false);
  });
});

describe("datesOffSchool", () => {
  const calendar = createSchoolCalendar({
    id: "s1",
    holidays: [{ from: "2026-12-21", to: "2027-01-01", name: "Juleferie" }],
  });

  test("when a teacher picks a next meeting in the school's juleferie, then the date is kept and named with the holiday", () => {
    const answers = { next_meeting_date: "2026-12-28", status: "Borte fire mandager", main_goal: "Møte hver dag" };
    expect(validateStep(meeting, "document", answers)).toEqual({ ok: true, answers });
    expect(datesOffSchool(meeting, "document", answers, calendar)).toEqual([
      { label: expect.objectContaining({ nb: expect.any(String) }), date: "2026-12-28", holiday: "Juleferie" },
    ]);
  });

  test("when a measure is to be evaluated on a Saturday, then the measure is named; school days pass unnoticed", () => {
    const rows = [
      { area: "school", measure: "Fast oppmøte", responsible: "Kontaktlærer", evaluationDate: "2026-11-28" },
      { area: "school", measure: "Lekseplan", responsible: "Kontaktlærer", evaluationDate: "2026-11-30" },
    ];
    const found = datesOffSchool(meeting, "measures", { measures: rows }, calendar);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ date: "2026-11-28", holiday: undefined });
    expect(found[0]?.label.nb).toContain("Fast oppmøte");
  });
});
