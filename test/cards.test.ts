import { createCardRenderer } from "../src/cards/render";
import type { Language } from "../src/i18n/catalog";
import { cardSamples } from "./support/card-samples";

// The UMD build loads without a DOM; the package's ESM entry does not resolve under Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require("adaptivecards/dist/adaptivecards.js");

interface Finding {
  phase: string;
  message: string;
}

function validateAsVersion15(json: object): Finding[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const findings: Finding[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    findings.push({ phase: "parse", message: event.message });
  }
  const validation = card.validateProperties();
  for (const event of validation.validationEvents) findings.push({ phase: "validate", message: event.message });
  return findings;
}

function actionsWithoutVerb(node: unknown, path = "$"): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => actionsWithoutVerb(n, `${path}[${i}]`));
  if (!node || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  const own = record.type === "Action.Execute" && (typeof record.verb !== "string" || record.verb === "") ? [path] : [];
  return own.concat(Object.entries(record).flatMap(([k, v]) => actionsWithoutVerb(v, `${path}.${k}`)));
}

function unboundExpressions(node: unknown): string[] {
  return JSON.stringify(node).match(/\$\{[^}]*\}/g) ?? [];
}

const renderer = createCardRenderer();
const languages: Language[] = ["nb", "nn", "en"];

describe("Adaptive Card templates", () => {
  test("when the templates are listed, then every one has sample data to be checked with", () => {
    expect(renderer.names().length).toBeGreaterThan(0);
    expect(renderer.names().filter((name) => !cardSamples[name])).toEqual([]);
  });

  describe.each(renderer.names().flatMap((name) => languages.map((language) => [name, language] as const)))("%s in %s", (name, language) => {
    const card = renderer.render(name, cardSamples[name]!(language));

    test("when bound with sample data, then it is a valid Adaptive Card 1.5", () => {
      expect((card as { version?: string }).version).toBe("1.5");
      expect(validateAsVersion15(card)).toEqual([]);
    });

    test("when bound, then no template expression is left and every Action.Execute has a verb", () => {
      expect(unboundExpressions(card)).toEqual([]);
      expect(actionsWithoutVerb(card)).toEqual([]);
    });
  });

  test("when a card has an unknown element, a bad value or an input without id, then the validator catches each", () => {
    const broken = { type: "AdaptiveCard", version: "1.5", body: [{ type: "NoSuchElement" }, { type: "TextBlock", text: "x", size: "Enormous" }, { type: "Input.Text" }] };
    expect(validateAsVersion15(broken).map((f) => f.message)).toEqual([
      expect.stringMatching(/Unknown element type "NoSuchElement"/),
      expect.stringMatching(/Invalid value "Enormous"/),
      expect.stringMatching(/unique Id/),
    ]);
    expect(actionsWithoutVerb({ actions: [{ type: "Action.Execute", title: "x" }] })).toEqual(["$.actions[0]"]);
  });
});
