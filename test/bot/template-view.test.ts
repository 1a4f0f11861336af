import { buildTemplateStepView, readStepAnswers } from "../../src/bot/views/template-view";
import { createCardRenderer } from "../../src/cards/render";
import type { Draft } from "../../src/domain/case";
import { templateFor, type TemplateId } from "../../src/domain/templates";

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

  test("when a step has seventeen checkboxes, then the long list takes two columns of at most six", () => {
    const { all } = stepCard("attendance_meeting", "area_elev", { pupil_causes: ["physically_ill", "sleep_problems"] });
    const columns = all.filter((n) => n.type === "ColumnSet");
    expect(columns).toHaveLength(1);
    const halves = choiceSets(nodes(columns[0])).map((s) => (s.choices as unknown[]).length);
    expect(halves).toEqual([6, 5]);
    expect(Math.max(...choiceSets(all).map((s) => (s.choices as unknown[]).length))).toBeLessThanOrEqual(6);
    // A chosen cause is ticked in whichever column it stands.
    const values = choiceSets(nodes(columns[0])).map((s) => s.value);
    expect(values.join(",").split(",").filter(Boolean).sort()).toEqual(["physically_ill", "sleep_problems"]);
  });

  test("when both columns of a long list are ticked, then the answer is one list in the form's order", () => {
    const { definition, stepIndex } = stepCard("attendance_meeting", "area_elev");
    const answers = readStepAnswers(definition, stepIndex, {
      a_pupil_causes: "physically_ill",
      a_pupil_causes__2: "sleep_problems,other",
      a_elev_topics: "wellbeing",
    });
    expect(answers.pupil_causes).toEqual(["physically_ill", "sleep_problems", "other"]);
    expect(answers.elev_topics).toEqual(["wellbeing"]);
  });

  test("when the teacher clicks «Tilbake», then the card sends what was chosen on the step, and no required mark blocks it", () => {
    const { all } = stepCard("phone_call", "describe");
    const back = all.find((n) => n.verb === "template.back")!;
    expect(back.associatedInputs).toBe("auto");
    // The client refuses to send a card with an empty required input; the server's validateStep checks «Neste».
    expect(all.filter((n) => String(n.type).startsWith("Input.") && n.isRequired)).toEqual([]);
  });
});
