import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { buildTemplateStepView } from "../src/bot/views/template-view";
import { stepLine, holdersLine } from "../src/bot/views/case-view";
import { createCardRenderer } from "../src/cards/render";
import type { Draft } from "../src/domain/case";
import { routineIds } from "../src/domain/routines";
import { describePattern as describePhoneCallPattern, templateFor, templateIds } from "../src/domain/templates";
import { fill, messagesFor, type Language } from "../src/i18n/catalog";
import { describePattern } from "../src/i18n/trip-texts";
import { cardsDirectory } from "../src/paths";
import { cardSamples } from "./support/card-samples";

const renderer = createCardRenderer();
const languages: Language[] = ["nb", "nn", "en"];

/** Every text a reader sees on a bound card, with the renderer's markdown escapes taken off. */
function shownTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(shownTexts);
  if (!node || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  const own = ["text", "label", "title", "placeholder"]
    .filter((k) => typeof record[k] === "string")
    .map((k) => (record[k] as string).replace(/\\(.)/g, "$1"));
  const facts =
    record.type === "FactSet" && Array.isArray(record.facts)
      ? record.facts.map((f: { value?: unknown }) => String(f.value ?? "").replace(/\\(.)/g, "$1"))
      : [];
  return [...own, ...facts, ...Object.entries(record).flatMap(([k, v]) => (k === "data" ? [] : shownTexts(v)))];
}

function inputsOf(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(inputsOf);
  if (!node || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  const own = typeof record.type === "string" && record.type.startsWith("Input.") ? [record] : [];
  return [...own, ...Object.values(record).flatMap(inputsOf)];
}

/** Every step of every template of every routine, as the card shows it. */
const templateSteps = routineIds.flatMap((ladderId) =>
  templateIds.flatMap((templateId) => {
    const definition = templateFor(templateId, ladderId);
    return definition.steps.flatMap((_, stepIndex) =>
      languages.map((language) => {
        const draft = { id: "draft:1", pupilId: "p1", stepIndex, answers: {} } as unknown as Draft;
        return {
          name: `${ladderId} ${templateId} step ${stepIndex + 1} in ${language}`,
          language,
          card: renderer.render("template-step", buildTemplateStepView(definition, draft, language)),
        };
      }),
    );
  }),
);

const samples = renderer.names().flatMap((name) =>
  languages.map((language) => ({
    name: `${name} in ${language}`,
    language,
    card: renderer.render(name, cardSamples[name]!(language)),
  })),
);

describe("what a card says reads right", () => {
  test("when every card kind and every template step is rendered, then no text shows «* *» or a double asterisk, and no input Teams marks required carries a star of its own", () => {
    const found = [...samples, ...templateSteps].flatMap(({ name, card }) => [
      ...shownTexts(card)
        .filter((t) => /\*\s*\*/.test(t))
        .map((t) => `${name}: ${t}`),
      ...inputsOf(card)
        // Teams adds its own star to an isRequired input; the conversation's inputs carry none, so «Tilbake» is not blocked.
        .filter((i) => i.isRequired === true && typeof i.label === "string" && /\*\s*$/.test(i.label))
        .map((i) => `${name}: label «${String(i.label)}»`),
    ]);
    expect(found).toEqual([]);
  });

  test("when a card asks for a date, then the picker's placeholder is Norwegian («dd.mm.åååå»), or dd.mm.yyyy in English", () => {
    const dates = [...samples, ...templateSteps].flatMap(({ name, language, card }) =>
      inputsOf(card)
        .filter((i) => i.type === "Input.Date")
        .map((i) => ({ name, language, placeholder: i.placeholder })),
    );
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates)
      expect(`${d.name}: ${String(d.placeholder)}`).toBe(
        `${d.name}: ${d.language === "en" ? "dd.mm.yyyy" : "dd.mm.åååå"}`,
      );
  });

  test("when a card template colours text, then it is never green, accent or yellow on the light card (WCAG AA); only errors and overdue deadlines are red", () => {
    const colours = readdirSync(cardsDirectory)
      .filter((f) => f.endsWith(".json"))
      .flatMap((f) =>
        [...readFileSync(path.join(cardsDirectory, f), "utf8").matchAll(/"color":\s*"(\w+)"/g)].map(
          (m) => `${f}: ${m[1]}`,
        ),
      );
    expect(colours.filter((c) => /Good|Accent|Warning|Light/.test(c))).toEqual([]);
  });

  test("when a nynorsk or English card shows the ladder's own bokmål words, then it says they are the routine's words", () => {
    const status = {
      ladder: "molde-nordbyen",
      step: 1,
      stepName: "Bekymringsfullt fravær",
      required: { holders: ["Kontaktlærer"] },
    } as never;
    expect(stepLine(status, "nb")).toBe("Nivå 1: Bekymringsfullt fravær");
    expect(stepLine(status, "nn")).toBe("Nivå 1: Bekymringsfullt fravær (frå rutinen)");
    expect(stepLine(status, "en")).toMatch(/Bekymringsfullt fravær \(the routine's words\)$/);
    expect(holdersLine(status, "nn")).toBe("Stafetthaldar: Kontaktlærer (frå rutinen)");
    expect(messagesFor("nn").case.routineSays).toMatch(/rutinen sine eigne ord/);
    const row = { weekday: "måndag", date: "16.11", action: "Ta kontakt med foresatte samme dag." };
    expect(fill(messagesFor("nn").escalation.deadlineRow, row)).toMatch(/samme dag\. \(frå rutinen\)$/);
  });

  test.each(languages)(
    "when the pattern's trend is described in %s, then in plain words, not «registreringer per uke»",
    (language) => {
      const weeks = [0, 1, 2, 4].map((total, i) => ({ weekStart: `2026-10-0${i + 1}`, week: 40 + i, total }));
      const report = {
        from: "2026-08-19",
        to: "2026-11-16",
        absenceDays: 0,
        undocumentedDays: 0,
        weekdays: [],
        mondaysAndFridays: { days: 0, expectedShare: 0.4, overRepresented: false },
        singleDays: [],
        runs: [],
        nextToBreaks: { days: 0, expectedShare: 0, overRepresented: false, dates: [] },
        late: 0,
        left: 0,
        notInClass: 0,
        lessons: { total: 0, occasions: 0, bySubject: [] },
        reasons: [],
        weeks,
        trend: "rising",
      } as never;
      const texts = [
        ...describePattern(report, language),
        ...Object.values(describePhoneCallPattern(report, language)),
      ];
      expect(texts.join(" ")).toMatch(/0, 1, 2, 4/);
      expect(texts.join(" ")).not.toMatch(/registrering|registration/i);
    },
  );
});
