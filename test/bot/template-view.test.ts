import { buildTemplateStepView } from "../../src/bot/views/template-view";
import type { Draft } from "../../src/domain/case";
import { templateFor } from "../../src/domain/templates";

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
