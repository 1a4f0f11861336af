import { institutionOf, measureAreas, suggestMeasures } from "../../domain/templates";
import { speaksOfSchool } from "../../domain/templates/common";
import type { AnswerValue, MeasureAnswer, TemplateDefinition, TemplateField } from "../../domain/templates/types";
import { fill, inInstitutionWords, messagesFor, type Institution, type Language } from "../../i18n/catalog";
import type { Draft } from "../../domain/case";

/** Rows a measures field offers on one card; an empty row is ignored when read back. */
export const measureRows = 3;

/** Input ids are prefixed, so card data fields (pupilId, draftId…) can never collide with answers. */
export const inputId = (fieldId: string) => `a_${fieldId}`;
const measureInputId = (fieldId: string, row: number, part: keyof MeasureAnswer) => `m_${fieldId}_${row}_${part}`;

function asText(value: AnswerValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (value.length > 0 && typeof value[0] === "object") return "";
  return (value as string[]).join(",");
}

function fieldView(
  field: TemplateField,
  answer: AnswerValue | undefined,
  language: Language,
  institution: Institution,
): Record<string, unknown> {
  const t = messagesFor(language).template;
  const rows =
    field.kind === "measures"
      ? Array.from({ length: measureRows }, (_, row) => {
          const existing = (Array.isArray(answer) ? (answer as MeasureAnswer[])[row] : undefined) ?? undefined;
          return {
            areaId: measureInputId(field.id, row, "area"),
            measureId: measureInputId(field.id, row, "measure"),
            responsibleId: measureInputId(field.id, row, "responsible"),
            dateId: measureInputId(field.id, row, "evaluationDate"),
            areaLabel: `${t.area} ${row + 1}`,
            measureLabel: t.measure,
            responsibleLabel: t.responsible,
            dateLabel: t.evaluationDate,
            area: existing?.area ?? measureAreas[0]!.id,
            measure: existing?.measure ?? "",
            responsible: existing?.responsible ?? "",
            evaluationDate: existing?.evaluationDate ?? "",
            areaChoices: measureAreas.map((a) => ({
              title: inInstitutionWords(a.label[language], language, institution),
              value: a.id,
            })),
          };
        })
      : [];
  return {
    kind: field.kind,
    inputId: inputId(field.id),
    label: field.label[language] + (field.required ? " *" : ""),
    hint: field.hint?.[language] ?? "",
    required: Boolean(field.required),
    errorMessage: t.fieldRequired,
    maxLength: field.maxLength ?? 500,
    value: asText(answer),
    choices: (field.choices ?? []).map((c) => ({ title: c.label[language], value: c.id })),
    rows,
  };
}

export function buildTemplateStepView(
  definition: TemplateDefinition,
  draft: Draft,
  language: Language,
  options: { errors?: string[]; notes?: string[] } = {},
): Record<string, unknown> {
  const t = messagesFor(language).template;
  const step = definition.steps[draft.stepIndex]!;
  const isLast = draft.stepIndex === definition.steps.length - 1;
  const data = { pupilId: draft.pupilId, draftId: draft.id, stepIndex: draft.stepIndex };
  const hasMeasures = step.fields.some((f) => f.kind === "measures");
  const institution = institutionOf(draft.ladderId);
  return {
    heading: fill(t.heading, {
      template: definition.title[language],
      step: draft.stepIndex + 1,
      steps: definition.steps.length,
    }),
    title: step.title[language],
    notes: options.notes ?? [],
    guidance: step.guidance.map((g) => g[language]),
    errors: options.errors ?? [],
    fields: step.fields.map((f) => fieldView(f, draft.answers[f.id], language, institution)),
    suggestionsTitle: t.suggestionsTitle,
    suggestions: hasMeasures
      ? suggestMeasures()
          .map((s) => inInstitutionWords(s.label[language], language, institution))
          // A kindergarten is offered only the suggestions that fit one (no classroom, no school hours).
          .filter((s) => institution === "school" || !speaksOfSchool(language, s))
          .slice(0, 6)
      : [],
    backAction: draft.stepIndex > 0 ? [{ title: t.back, data }] : [],
    nextAction: [{ title: isLast ? t.finish : t.next, verb: isLast ? "template.finish" : "template.next", data }],
    pauseTitle: t.pause,
    pauseData: data,
  };
}

/** Reads this step's answers out of the card data, by the step's own fields only; anything else in the data is ignored. */
export function readStepAnswers(
  definition: TemplateDefinition,
  stepIndex: number,
  data: Record<string, unknown>,
): Record<string, AnswerValue> {
  const step = definition.steps[stepIndex]!;
  const answers: Record<string, AnswerValue> = {};
  for (const field of step.fields) {
    if (field.kind === "measures") {
      const rows: MeasureAnswer[] = [];
      for (let row = 0; row < measureRows; row++) {
        const read = (part: keyof MeasureAnswer) => String(data[measureInputId(field.id, row, part)] ?? "").trim();
        const measure = read("measure");
        if (!measure) continue;
        rows.push({
          area: read("area") || measureAreas[0]!.id,
          measure,
          responsible: read("responsible"),
          evaluationDate: read("evaluationDate"),
        });
      }
      answers[field.id] = rows;
      continue;
    }
    const raw = data[inputId(field.id)];
    if (raw === undefined || raw === null) continue;
    const text = String(raw).trim();
    answers[field.id] =
      field.kind === "multiChoice"
        ? text
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : text;
  }
  return answers;
}
