import { buildTemplateStepView, readStepAnswers } from "../../src/bot/views/template-view";
import { createCardRenderer } from "../../src/cards/render";
import type { Draft } from "../../src/domain/case";
import { templateFor, type TemplateId } from "../../src/domain/templates";

function draft(templateId: Draft["templateId"], stepIndex: number): Draft {
  return {
    id: "d1",
    pupilId: "p1",
    templateId,
    templateVersion: 1,
    ladderId: "molde-nordbyen",
    step: 1,
    stepIndex,
    answers: {},
    status: "open",
    startedBy: "t1",
    startedAt: "2026-11-16T08:00:00.000Z",
    updatedAt: "2026-11-16T08:00:00.000Z",
  };
}

type FieldView = { inputId: string; workingNote: boolean; workingNoteText: string };

describe("the conversation card says which answers stay working notes", () => {
  test("when the phone call's first step is shown, then each pattern field says it stays a working note, and the guardians' view does not", () => {
    const call = templateFor("phone_call", "molde-nordbyen");
    const pattern = buildTemplateStepView(call, draft("phone_call", 0), "nb").fields as FieldView[];
    expect(pattern.length).toBeGreaterThan(0);
    for (const field of pattern) {
      expect(field.workingNote).toBe(true);
      expect(field.workingNoteText).toBe("Arbeidsnotat: blir i utkastet og kommer ikke i loggen.");
    }
    const describeStep = call.steps.findIndex((s) => s.id === "describe");
    const describe = buildTemplateStepView(call, draft("phone_call", describeStep), "nb").fields as FieldView[];
    expect(describe.find((f) => f.inputId === "a_guardians_view")?.workingNote).toBe(false);
  });
});

describe("one way to record consent", () => {
  test("when the nærværsmøte reaches its measures, then it offers to start the samtykkeerklæring and has no consent radio of its own", () => {
    const meeting = templateFor("attendance_meeting", "molde-nordbyen");
    const index = meeting.steps.findIndex((s) => s.id === "measures");
    const view = buildTemplateStepView(meeting, draft("attendance_meeting", index), "nb") as {
      fields: FieldView[];
      offers: { title: string; data: Record<string, unknown> }[];
    };
    expect(view.fields.map((f) => f.inputId)).not.toContain("a_consent");
    expect(view.offers).toEqual([
      { title: expect.stringMatching(/^Start .*samtykkeerklæring/i), data: { pupilId: "p1", templateId: "consent" } },
    ]);
  });
});

describe("the conversation cards follow the routine's templates", () => {
  test("when the telefonsamtale reaches «Beskriv fraværet», then it shows the findings of step 1 and asks the guardians' own words first", () => {
    const call = templateFor("phone_call", "molde-nordbyen");
    const index = call.steps.findIndex((s) => s.id === "describe");
    const view = buildTemplateStepView(
      call,
      { ...draft("phone_call", index), answers: { pattern_days: "Mest mandager", pattern_runs: "Enkeltdager" } },
      "nb",
    ) as { shown: { label: string; value: string }[]; fields: FieldView[] };
    expect(view.shown).toEqual([
      { label: expect.stringContaining("Hvilke dager"), value: "Mest mandager" },
      { label: expect.stringContaining("flere dager i strekk"), value: "Enkeltdager" },
    ]);
    expect(view.fields.map((f) => f.inputId)).toEqual(["a_guardians_view", "a_guardian_causes"]);
  });

  test("when the nærværsmøte reaches «Ta utgangspunkt i tiltakstrappa», then the card shows the ladder and where the pupil is", () => {
    const meeting = templateFor("attendance_meeting", "molde-nordbyen");
    const index = meeting.steps.findIndex((s) => s.id === "ladder");
    const ladder = {
      stepWord: "Nivå",
      steps: [
        { number: 0, name: "Tidlig innsats" },
        { number: 1, name: "Videre oppfølging" },
      ],
      current: 1,
      here: "← Mia er her",
    };
    const view = buildTemplateStepView(meeting, draft("attendance_meeting", index), "nb", { ladder }) as {
      heading: string;
      ladder: { text: string; current: boolean }[];
    };
    expect(view.heading).toContain("steg 3 av 7");
    expect(view.ladder).toEqual([
      { text: "Nivå 0: Tidlig innsats", current: false },
      { text: "Nivå 1: Videre oppfølging ← Mia er her", current: true },
    ]);
  });

  test("when the measures are asked, then no row has an area the teacher did not choose, every row has the date, and the tiltaksbank sits in the field for the areas the meeting found", () => {
    const meeting = templateFor("attendance_meeting", "molde-nordbyen");
    const index = meeting.steps.findIndex((s) => s.id === "measures");
    const answers = {
      hjem_topics: ["routines"],
      measures: [{ area: "", measure: "", responsible: "", evaluationDate: "2026-12-07" }],
    };
    const view = buildTemplateStepView(meeting, { ...draft("attendance_meeting", index), answers }, "nb") as {
      fields: { inputId: string; rows: { area: string; evaluationDate: string }[]; suggestions: { area: string }[] }[];
    };
    const measures = view.fields.find((f) => f.inputId === "a_measures")!;
    expect(measures.rows.map((r) => [r.area, r.evaluationDate])).toEqual([
      ["", "2026-12-07"],
      ["", "2026-12-07"],
      ["", "2026-12-07"],
    ]);
    expect(measures.suggestions.map((s) => s.area)).toEqual(["Hjem"]);
  });

  test("when a measure row comes back without an area, then it is read without one, so validation asks for it", () => {
    const meeting = templateFor("attendance_meeting", "molde-nordbyen");
    const index = meeting.steps.findIndex((s) => s.id === "measures");
    const read = readStepAnswers(meeting, index, {
      m_measures_0_measure: "Fast oppmøte",
      m_measures_0_responsible: "kontaktlærer",
      m_measures_0_evaluationDate: "2026-12-07",
    });
    expect(read.measures).toEqual([
      { area: "", measure: "Fast oppmøte", responsible: "kontaktlærer", evaluationDate: "2026-12-07" },
    ]);
  });
});

type Node = Record<string, unknown>;

/** Every object in a card, depth first. */
function nodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (value && typeof value === "object") return [value as Node, ...Object.values(value).flatMap(nodes)];
  return [];
}

function stepCard(templateId: TemplateId, stepId: string, answers: Draft["answers"] = {}) {
  const definition = templateFor(templateId, "molde-nordbyen");
  const stepIndex = definition.steps.findIndex((s) => s.id === stepId);
  const draft = {
    id: `draft:${templateId}:v1`,
    pupilId: "p1",
    templateId,
    ladderId: "molde-nordbyen",
    stepIndex,
    answers,
  } as Draft;
  const card = createCardRenderer().render("template-step", buildTemplateStepView(definition, draft, "nb"));
  return { definition, stepIndex, card, all: nodes(card) };
}

const choiceSets = (all: Node[]) => all.filter((n) => n.type === "Input.ChoiceSet");

describe("bot/views/template-view: long steps a teacher can take in", () => {
  test("when a step asks fourteen four-choice questions, then each is a drop-down, not a row of radio buttons", () => {
    const { all } = stepCard("wonder_talk_pupil", "school_day");
    const sets = choiceSets(all);
    expect(sets).toHaveLength(14);
    expect(sets.map((s) => s.style)).toEqual(Array(14).fill("compact"));
    expect(sets.every((s) => s.label && s.placeholder === "Velg")).toBe(true);
  });

  test("when a question is a scale from 1 to 10, then it is a drop-down, not ten radio buttons", () => {
    const { all } = stepCard("wonder_talk_pupil", "scales");
    const scales = choiceSets(all).filter((s) => (s.choices as unknown[]).length === 10);
    expect(scales.length).toBeGreaterThan(0);
    expect(scales.map((s) => s.style)).toEqual(scales.map(() => "compact"));
  });

  test("when a step asks one single-choice question, then its choices stay radio buttons", () => {
    const { all } = stepCard("attendance_meeting", "welcome");
    expect(
      choiceSets(all)
        .filter((s) => !s.isMultiSelect)
        .map((s) => s.style),
    ).toEqual(["expanded"]);
  });

  test("when a step has eleven checkboxes, then the long list takes two columns of at most six", () => {
    const { all } = stepCard("wonder_talk_pupil", "causes", { pupil_causes: ["physically_ill", "sleep_problems"] });
    const columns = all.filter((n) => n.type === "ColumnSet");
    expect(columns).toHaveLength(1);
    const halves = choiceSets(nodes(columns[0])).map((s) => (s.choices as unknown[]).length);
    expect(halves).toEqual([6, 5]);
    expect(Math.max(...choiceSets(all).map((s) => (s.choices as unknown[]).length))).toBeLessThanOrEqual(6);
    // A chosen cause is ticked in whichever column it stands.
    const values = choiceSets(nodes(columns[0])).map((s) => s.value);
    expect(values.join(",").split(",").filter(Boolean).sort()).toEqual(["physically_ill", "sleep_problems"]);
  });

  test("when a step asks about the four areas, then each checkbox question is a multi-select drop-down that keeps what was ticked", () => {
    const { all } = stepCard("attendance_meeting", "areas", { pupil_causes: ["physically_ill", "sleep_problems"] });
    const multi = choiceSets(all).filter((s) => s.isMultiSelect);
    expect(multi).toHaveLength(5);
    expect(multi.map((s) => s.style)).toEqual(Array(5).fill("compact"));
    expect(all.filter((n) => n.type === "ColumnSet")).toHaveLength(0);
    const causes = multi.find((s) => s.id === "a_pupil_causes")!;
    expect(causes.value).toBe("physically_ill,sleep_problems");
    expect((causes.choices as unknown[]).length).toBe(11);
  });

  test("when both columns of a long list are ticked, then the answer is one list in the form's order", () => {
    const { definition, stepIndex } = stepCard("wonder_talk_pupil", "causes");
    const answers = readStepAnswers(definition, stepIndex, {
      a_pupil_causes: "physically_ill",
      a_pupil_causes__2: "sleep_problems,other",
    });
    expect(answers.pupil_causes).toEqual(["physically_ill", "sleep_problems", "other"]);
  });

  test("when the teacher clicks «Tilbake», then the card sends what was chosen on the step, and no required mark blocks it", () => {
    const { all } = stepCard("phone_call", "describe");
    const back = all.find((n) => n.verb === "template.back")!;
    expect(back.associatedInputs).toBe("auto");
    // The client refuses to send a card with an empty required input; the server's validateStep checks «Neste».
    expect(all.filter((n) => String(n.type).startsWith("Input.") && n.isRequired)).toEqual([]);
  });
});
