import { routineIds } from "../../../src/domain/routines";
import {
  type Answers,
  type TemplateDefinition,
  type TemplateField,
  templateFor,
  templateIds,
  toLogContent,
  validateStep,
} from "../../../src/domain/templates";
import { context } from "./fixtures";

/** A value for every field, each text unique, so the entry can be searched for it. */
function typed(field: TemplateField): unknown {
  switch (field.kind) {
    case "text":
      return `skrevet-${field.id}`;
    case "choice":
      return field.choices![field.choices!.length > 1 ? 1 : 0]!.id;
    case "multiChoice":
      return field.choices!.map((c) => c.id).join(",");
    case "date":
      return "2025-11-04";
    case "measures":
      return [{ area: "skole", measure: "skrevet-tiltak", responsible: "kontaktlærer", evaluationDate: "2025-11-24" }];
  }
}

function answersOf(definition: TemplateDefinition): Answers {
  const answers: Answers = {};
  for (const step of definition.steps) {
    const input = Object.fromEntries(step.fields.map((f) => [f.id, typed(f)]));
    const result = validateStep(definition, step.id, input);
    if (!result.ok)
      throw new Error(`${definition.id} ${step.id}: ${result.errors.map((e) => e.message.en).join("; ")}`);
    Object.assign(answers, result.answers);
  }
  return answers;
}

/** How the answer may show in the entry: the text, the choice's words, a category id, a date in data or text. */
function shown(field: TemplateField, value: Answers[string]): string[][] {
  if (field.kind === "text" || field.kind === "measures")
    return [[field.kind === "text" ? String(value) : "skrevet-tiltak"]];
  if (field.kind === "date") return [["2025-11-04", "04.11.2025"]];
  const ids = Array.isArray(value) ? (value as string[]) : [String(value)];
  return ids.map((id) => {
    const choice = field.choices!.find((c) => c.id === id)!;
    return [
      choice.label.nb,
      `"${id}"`,
      ...(composed[field.id] ?? []),
      ...(field.id === "assessed_step" ? [`"assessedStep":${id}`] : []),
    ];
  });
}

/** Choices the entry words as a sentence of its own rather than the choice's label. */
const composed: Readonly<Record<string, readonly string[]>> = {
  meeting_needed: ["Møte avtalt", "Møte skal avtales", "Ikke behov for møte nå"],
};

// The samtykkeerklæring writes its own record (ConsentRecord), checked with the consent form.
const cases = routineIds.flatMap((ladderId) =>
  templateIds.filter((id) => id !== "consent").map((templateId) => [ladderId, templateId] as const),
);

describe("every answer reaches the log entry, or the card says it stays a working note", () => {
  test.each(cases)(
    "when a %s %s is completed with every field answered, then each answer is in the entry",
    (ladderId, templateId) => {
      const definition = templateFor(templateId, ladderId);
      const answers = answersOf(definition);
      const entry = JSON.stringify(toLogContent(definition, answers, context({ ladderId, step: 1 })));
      const dropped: string[] = [];
      for (const step of definition.steps)
        for (const field of step.fields) {
          if (field.workingNote || answers[field.id] === undefined) continue;
          for (const forms of shown(field, answers[field.id]!))
            if (!forms.some((form) => entry.includes(form))) dropped.push(`${step.id}.${field.id}`);
        }
      expect(dropped).toEqual([]);
    },
  );
});
