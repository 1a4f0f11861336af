import { type Answers, logKindFor, templateFor, toLogContent, validateStep } from "../../../src/domain/templates";
import { context } from "./fixtures";

describe("logKindFor (002 §2.8)", () => {
  test("when Molde is on level 0, then the entry goes to the fraværslogg; on level 1 and above to the elevlogg", () => {
    expect(logKindFor("molde-nordbyen", 0)).toBe("absence_log");
    expect(logKindFor("molde-nordbyen", 1)).toBe("pupil_log");
    expect(logKindFor("molde-nordbyen", 3)).toBe("pupil_log");
    expect(logKindFor("molde-nordbyen", null)).toBe("absence_log");
  });

  test("when another ladder is on its first step, then absence_log; later steps pupil_log", () => {
    expect(logKindFor("orland-skole", 0)).toBe("absence_log");
    expect(logKindFor("orland-skole", 1)).toBe("pupil_log");
    expect(logKindFor("tynset-nord-osterdal", 1)).toBe("absence_log");
    expect(logKindFor("tynset-nord-osterdal", 2)).toBe("pupil_log");
    expect(logKindFor("custom", 0)).toBe("absence_log");
    expect(logKindFor("custom", 1, 1)).toBe("absence_log");
    expect(logKindFor("custom", 2, 1)).toBe("pupil_log");
  });

  test("when the ladder is Lillestrøm, then even trinn 1 is documented in elevmappen (001)", () => {
    expect(logKindFor("lillestrom", 1)).toBe("pupil_log");
  });

  test("when a Lillestrøm entry is written with no step, then it still goes to the elevlogg", () => {
    expect(logKindFor("lillestrom", null)).toBe("pupil_log");
    expect(logKindFor("orland-skole", null)).toBe("absence_log");
  });
});

/** Answers as they would be after walking every step through validateStep. */
function walk(
  templateId: Parameters<typeof templateFor>[0],
  ladderId: string,
  input: Record<string, unknown>,
): Answers {
  const definition = templateFor(templateId, ladderId);
  const answers: Answers = {};
  for (const step of definition.steps) {
    const result = validateStep(definition, step.id, input);
    if (!result.ok) throw new Error(`${step.id}: ${result.errors.map((e) => e.message.en).join("; ")}`);
    Object.assign(answers, result.answers);
  }
  return answers;
}

describe("toLogContent", () => {
  test("when a Molde phone call is completed, then the log carries the date, the cause categories, the meeting and the step", () => {
    const definition = templateFor("phone_call", "molde-nordbyen");
    const answers = walk("phone_call", "molde-nordbyen", {
      pattern_days: "Mandager er overrepresentert",
      contact_date: "2025-10-27",
      guardian_causes: "area_school,illness",
      guardians_view: "Mor tror det handler om noe hjemme med detaljer",
      natural_cause: "worried",
      thriving: "dreads",
      thriving_note: "Gymtimene",
      meeting_needed: "yes",
      meeting_date: "2025-11-03",
      assessed_step: "1",
      summary: "Foresatte er enige i at vi møtes.",
    });
    const log = toLogContent(definition, answers, context({ step: 0 }));
    expect(log.contactDate).toBe("2025-10-27");
    expect(log.guardiansViewOfCause).toEqual(["area_school", "illness"]);
    expect(log.reasonForContact).toBe("Telefonsamtale hjem – Varsel om høyt fravær: 7 dager");
    expect(log.furtherMeasures).toContain("Møte avtalt 03.11.2025");
    expect(log.nextContactDate).toBe("2025-11-03");
    expect(log.assessedStep).toBe(1);
    expect(log.summary).toContain("Foresatte er enige i at vi møtes.");
    expect(log.summary).toContain("Foresatte er bekymret for fortsatt høyt fravær");
    expect(log.measures).toEqual([]);
  });

  test("when the guardians' view and a thriving note were written, then they reach the entry and the pattern notes stay working notes", () => {
    const definition = templateFor("phone_call", "molde-nordbyen");
    const answers = walk("phone_call", "molde-nordbyen", {
      pattern_days: "Mandager, mest i engelsk",
      contact_date: "2025-10-27",
      guardians_view: "Mor tror det er mye press før prøver",
      natural_cause: "natural",
      thriving: "dreads",
      thriving_note: "Gymtimene",
      meeting_needed: "no",
      assessed_step: "0",
    });
    const log = toLogContent(definition, answers, context());
    expect(log.guardiansOwnWords).toBe("Mor tror det er mye press før prøver");
    expect(log.summary).toContain("Misliker eller gruer seg for noe ved skolen – Gymtimene");
    expect(JSON.stringify(log)).not.toContain("Mandager, mest i engelsk");
    expect(definition.steps[0]!.fields.every((f) => f.workingNote)).toBe(true);
  });

  test("when a nærværsmøte agrees measures, then the log carries the measure rows and the evaluation date", () => {
    const definition = templateFor("attendance_meeting", "molde-nordbyen");
    const measures = [
      {
        area: "skole",
        measure: "Fast person tar imot eleven om morgenen",
        responsible: "kontaktlærer",
        evaluationDate: "2025-11-17",
      },
      { area: "hjem", measure: "Faste morgenrutiner", responsible: "foresatte", evaluationDate: "2025-11-10" },
    ];
    const answers = walk("attendance_meeting", "molde-nordbyen", {
      meeting_date: "2025-10-30",
      assessed_step: "1",
      summary: "Morgenene er vanskelige.",
      measures,
      services: "school_nurse",
      consent: "given",
      status: "Borte fire mandager",
      main_goal: "Møte på skolen alle dager",
      plan_b: "Kontaktlærer ringer hjem kl. 8",
      next_meeting_date: "2025-11-20",
    });
    const log = toLogContent(definition, answers, context({ step: 1 }));
    expect(log.contactDate).toBe("2025-10-30");
    expect(log.measures).toEqual(measures);
    expect(log.nextContactDate).toBe("2025-11-20");
    expect(log.furtherMeasures).toContain("2 tiltak avtalt, første evaluering 10.11.2025");
    expect(log.furtherMeasures).toContain("Bør kobles på (med samtykkeerklæring): Helsesykepleier");
    // The meeting has no consent radio: a «consent» answer is not read, so nothing claims consent was given.
    expect(log.furtherMeasures).not.toContain("Samtykke er gitt");
    expect(log.furtherMeasures).toContain("Plan B: Kontaktlærer ringer hjem kl. 8");
    expect(log.summary).toContain("Status: Borte fire mandager");
    expect(log.summary).toContain("Hovedmål: Møte på skolen alle dager");
  });

  test("when the vulnerability checklist is completed, then the ticks and comments are not copied into the log", () => {
    const definition = templateFor("vulnerability_mapping", "molde-nordbyen");
    const answers = walk("vulnerability_mapping", "molde-nordbyen", {
      mapping_date: "2025-11-01",
      emotional_signs: "anxious",
      parents_signs: "parent_substance_abuse",
      parents_comment: "Sensitiv kommentar",
      reported_to_leadership: "yes",
    });
    const log = toLogContent(definition, answers, context({ step: 2 }));
    const text = JSON.stringify(log);
    expect(text).not.toMatch(/rus|Angst|Sensitiv|anxious|parent_substance_abuse/i);
    expect(log.contactDate).toBe("2025-11-01");
    expect(log.summary).toContain("Kartlegging av særskilt sårbarhet er gjennomført");
  });

  test("when stored answers are tampered with, then only known cause ids and complete measure rows reach the log", () => {
    const definition = templateFor("phone_call", "molde-nordbyen");
    const answers = {
      guardian_causes: ["stress", "diagnose: ADHD"],
      measures: [{ area: "skole", measure: "", responsible: "x", evaluationDate: "2025-01-01" }],
    } as unknown as Answers;
    const log = toLogContent(definition, answers, context({ tripTexts: [] }));
    expect(log.guardiansViewOfCause).toEqual(["stress"]);
    expect(log.measures).toEqual([]);
    expect(log.contactDate).toBe("2025-10-27");
    expect(log.reasonForContact).toBe("Telefonsamtale hjem");
    expect(log.assessedStep).toBe(0);
  });

  test("when the teacher writes English, then composed lines are English", () => {
    const definition = templateFor("phone_call", "lillestrom");
    const answers = walk("phone_call", "lillestrom", {
      contact_date: "2025-10-27",
      thriving: "thrives",
      outlook: "will_decrease",
      meeting_needed: "no",
      concern: "dismissed",
      assessed_step: "1",
    });
    const log = toLogContent(definition, answers, context({ ladderId: "lillestrom", step: 1, language: "en" }));
    expect(log.furtherMeasures).toContain("No meeting needed for now");
    expect(log.furtherMeasures).toContain("Dispelled – natural causes, the case is closed");
    expect(log.summary).toContain("The absence will go down without measures");
  });

  test("when the pupil ticks årsakskartlegging cards in a nærværsmøte or an undringssamtale, then they are category ids of their own and never words in the summary", () => {
    for (const templateId of ["attendance_meeting", "wonder_talk_pupil"] as const) {
      const definition = templateFor(templateId, "molde-nordbyen");
      const answers: Answers = { pupil_causes: ["physically_ill", "anxious"], summary: "Vi prøver fast oppmøte." };
      const log = toLogContent(definition, answers, context({ step: 1 }));
      expect(log.pupilViewOfCause).toEqual(["physically_ill", "anxious"]);
      expect(log.summary).not.toMatch(/Fysisk syk|Engstelig|physically_ill/);
      expect(log.furtherMeasures).not.toMatch(/Fysisk syk|Engstelig/);
    }
  });
});

describe("telefonsamtale: one date for the meeting or the next contact (002 §2.4 pkt. 6 and 7, §2.8)", () => {
  test("when no meeting is needed but a next contact is set, then that one date is the entry's next contact", () => {
    const definition = templateFor("phone_call", "molde-nordbyen");
    const answers = walk("phone_call", "molde-nordbyen", {
      contact_date: "2025-10-27",
      natural_cause: "natural",
      thriving: "thrives",
      meeting_needed: "no",
      meeting_date: "2025-11-10",
      assessed_step: "0",
    });
    const log = toLogContent(definition, answers, context());
    expect(log.nextContactDate).toBe("2025-11-10");
    expect(log.furtherMeasures).toContain("Ny kontakt 2025-11-10");
  });
});
