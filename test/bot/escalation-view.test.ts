import { buildEscalationListView, buildStepListView } from "../../src/bot/views/escalation-view";
import type { EscalationItem } from "../../src/usecases/ports";
import { maxCaseRows } from "../../src/bot/views/case-list-view";
import { createCardRenderer } from "../../src/cards/render";
import type { Pupil } from "../../src/domain/roster";
import { cardActions } from "../support/card-walker";
import { actionsWithoutVerb, unboundExpressions, validateAsVersion15 } from "../support/adaptive-card";

const pupil = (id: string, name: string): Pupil => ({
  id,
  name,
  schoolId: "s1",
  grade: 6,
  className: "6A",
  contactTeacherIds: ["t1"],
});
const status = {
  ladder: "molde-nordbyen",
  step: 1,
  stepName: "Videre oppfølging",
  required: { actions: ["Ta kontakt med foresatte samme dag."], deadline: "2026-11-16", holders: [] },
};
const deadline = (p: Pupil): EscalationItem => ({
  pupil: p,
  status,
  escalation: { kind: "deadline", key: `k:${p.id}`, deadline: "2026-11-16", roles: ["coordinator"] },
});
const evaluation: EscalationItem = {
  pupil: pupil("e", "Eva"),
  status,
  escalation: {
    kind: "evaluation",
    key: "k:e",
    draftId: "d1",
    evaluationDate: "2026-11-18",
    measures: ["Fast oppmøte", "Hentes av foresatte"],
    roles: ["coordinator"],
  },
};

describe("the leader's list of what ran out", () => {
  test("when a deadline and an evaluation ran out, then each row names the pupil, the level, the day and what was due", () => {
    const view = buildEscalationListView({
      items: [deadline(pupil("a", "Ada")), evaluation],
      role: "coordinator",
      language: "nb",
    });
    expect(view.intro).toMatch(/Du får beskjed som tiltaksleder/);
    expect(view.rows).toEqual([
      expect.objectContaining({
        pupil: "Ada, 6A",
        step: "Nivå 1: Videre oppfølging",
        deadline: "Fristen var mandag 16.11, og ingenting er dokumentert: Ta kontakt med foresatte samme dag.",
        data: { pupilId: "a" },
      }),
      expect.objectContaining({
        pupil: "Eva, 6A",
        deadline: "Tiltakene skulle evalueres onsdag 18.11: Fast oppmøte; Hentes av foresatte",
        data: { pupilId: "e" },
      }),
    ]);
  });

  test("when more pupils ran out than a card holds, then the rest are counted and «saker» is offered", () => {
    const items = Array.from({ length: maxCaseRows + 3 }, (_, i) => deadline(pupil(`p${i}`, `Elev ${i}`)));
    const view = buildEscalationListView({ items, role: "principal", language: "nb" });
    expect(view.rows).toHaveLength(maxCaseRows);
    expect(view.more).toEqual(["… og 3 til. Skriv «saker» for hele oversikten."]);
    expect(view.intro).toMatch(/som rektor/);
  });

  test.each(["nb", "nn", "en"] as const)(
    "when bound to the card in %s, then it is a valid Adaptive Card 1.5 with every row's «Åpne» opening that case",
    (language) => {
      const card = createCardRenderer().render(
        "case-list",
        buildEscalationListView({ items: [deadline(pupil("a", "Ada")), evaluation], role: "coordinator", language }),
      );
      expect(validateAsVersion15(card)).toEqual([]);
      expect(unboundExpressions(card)).toEqual([]);
      expect(actionsWithoutVerb(card)).toEqual([]);
      expect(
        cardActions(card)
          .filter((a) => a.verb === "case.refresh")
          .map((a) => a.data),
      ).toEqual([{ pupilId: "a" }, { pupilId: "e" }]);
      expect(JSON.stringify(card)).toContain(
        language === "en"
          ? "Deadlines that have passed"
          : language === "nn"
            ? "Fristar som har gått ut"
            : "Frister som har gått ut",
      );
    },
  );

  test.each(["nb", "nn", "en"] as const)(
    "when one run brings a leader many pupils on their steps, then the list in %s names each with step and stafettholder, and is a valid card",
    (language) => {
      const items = [pupil("a", "Ada"), pupil("b", "Bo")].map((p) => ({
        pupil: p,
        status: { ...status, required: { ...status.required, holders: ["Kontaktlærer", "Ledelsen"] } },
      }));
      const view = buildStepListView({ items, role: "principal", language });
      expect(view.rows).toEqual([
        expect.objectContaining({ pupil: "Ada, 6A", data: { pupilId: "a" } }),
        expect.objectContaining({ pupil: "Bo, 6A", data: { pupilId: "b" } }),
      ]);
      expect(JSON.stringify(view.rows)).toContain("Kontaktlærer / Ledelsen");
      const card = createCardRenderer().render("case-list", view);
      expect(validateAsVersion15(card)).toEqual([]);
      expect(unboundExpressions(card)).toEqual([]);
      if (language === "nb")
        expect(view.intro).toBe(
          "Du får dette som rektor: 2 elever har nådd et trinn der rutinen sier at rektor skal være med eller varsles. Åpne en sak for å se den.",
        );
    },
  );
});
