import { createLadderRegistry } from "../../src/ladder-registry";
import type { Draft } from "../../src/domain/case";
import type { CaseContext } from "../../src/usecases/case-context";
import type { CaseDeps } from "../../src/usecases/deps";
import { moveConversation } from "../../src/usecases/run-conversation";

describe("a draft begun on an older version of its template", () => {
  test("when a nærværsmøte draft of the ten-step form is resumed on step 9, then it goes on from the first step of the seven, keeping its answers", async () => {
    let stored: Draft = {
      id: "draft:attendance_meeting:v3",
      pupilId: "p1",
      templateId: "attendance_meeting",
      templateVersion: 1,
      ladderId: "molde-nordbyen",
      step: 1,
      stepIndex: 8,
      answers: { meeting_date: "2026-11-17", status: "Borte mandager" },
      status: "open",
      startedBy: "t1",
      startedAt: "2026-11-17T08:00:00.000Z",
      updatedAt: "2026-11-17T08:00:00.000Z",
    };
    let etag = 1;
    const deps = {
      clock: { now: () => new Date("2026-11-18T08:00:00.000Z") },
      cases: {
        getDraft: async () => ({ value: stored, etag: String(etag) }),
        saveDraftIfUnchanged: async (draft: Draft, seen: string) => {
          if (seen !== String(etag)) return false;
          stored = draft;
          etag += 1;
          return true;
        },
      },
      ladders: createLadderRegistry(),
    } as unknown as CaseDeps;
    const ctx = {
      pupil: { id: "p1" },
      school: { id: "s1", ladder: "molde-nordbyen" },
      today: "2026-11-18",
    } as unknown as CaseContext;
    const card = await moveConversation(
      deps,
      { ctx, actor: "t1", language: "nb" },
      "resume",
      { draftId: stored.id },
      () => ({}),
    );
    expect(card).toMatchObject({ kind: "step", draft: { stepIndex: 0, templateVersion: 2 } });
    expect(stored).toMatchObject({ stepIndex: 0, templateVersion: 2, answers: { status: "Borte mandager" } });
  });
});
