import { createCardRenderer } from "../src/cards/render";
import type { Language } from "../src/i18n/catalog";
import { cardSamples } from "./support/card-samples";
import { actionsWithoutVerb, unboundExpressions, validateAsVersion15 } from "./support/adaptive-card";

const renderer = createCardRenderer();
const languages: Language[] = ["nb", "nn", "en"];

describe("Adaptive Card templates", () => {
  test("when the templates are listed, then every one has sample data to be checked with", () => {
    expect(renderer.names().length).toBeGreaterThan(0);
    expect(renderer.names().filter((name) => !cardSamples[name])).toEqual([]);
  });

  describe.each(renderer.names().flatMap((name) => languages.map((language) => [name, language] as const)))(
    "%s in %s",
    (name, language) => {
      const card = renderer.render(name, cardSamples[name]!(language));

      test("when bound with sample data, then it is a valid Adaptive Card 1.5", () => {
        expect((card as { version?: string }).version).toBe("1.5");
        expect(validateAsVersion15(card)).toEqual([]);
      });

      test("when bound, then no template expression is left and every Action.Execute has a verb", () => {
        expect(unboundExpressions(card)).toEqual([]);
        expect(actionsWithoutVerb(card)).toEqual([]);
      });
    },
  );

  test("when a card has an unknown element, a bad value or an input without id, then the validator catches each", () => {
    const broken = {
      type: "AdaptiveCard",
      version: "1.5",
      body: [{ type: "NoSuchElement" }, { type: "TextBlock", text: "x", size: "Enormous" }, { type: "Input.Text" }],
    };
    expect(validateAsVersion15(broken).map((f) => f.message)).toEqual([
      expect.stringMatching(/Unknown element type "NoSuchElement"/),
      expect.stringMatching(/Invalid value "Enormous"/),
      expect.stringMatching(/unique Id/),
    ]);
    expect(actionsWithoutVerb({ actions: [{ type: "Action.Execute", title: "x" }] })).toEqual(["$.actions[0]"]);
  });
});
