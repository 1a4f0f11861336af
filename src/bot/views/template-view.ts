import { institutionOf, measureAreas, suggestMeasures, templateFor } from "../../domain/templates";
import { speaksOfSchool } from "../../domain/templates/common";
import type {
  AnswerValue,
  MeasureAnswer,
  TemplateDefinition,
  TemplateField,
  TemplateStep,
} from "../../domain/templates/types";
import { fill, inInstitutionWords, messagesFor, type Institution, type Language } from "../../i18n/catalog";
import type { Draft } from "../../domain/case";

/** Rows a measures field offers on one card; an empty row is ignored when read back. */
export const measureRows = 3;

/** Input ids are prefixed, so card data fields (pupilId, draftId…) can never collide with answers. */
export const inputId = (fieldId: string) => `a_${fieldId}`;
/** A long list of checkboxes is shown in two columns; the right column is its own input. */
const secondColumnId = (fieldId: string) => `${inputId(fieldId)}__2`;

/** From this many checkboxes a list takes two columns, so a step is not a page of boxes. */
export const twoColumnsFrom = 9;
/** From this many single-choice questions on one step, each is a drop-down instead of a row of radio buttons. */
export const compactChoicesFrom = 3;
/** From this many checkbox questions on one step (the nærværsmøte's four areas), each is a multi-select drop-down. */
export const compactMultiChoicesFrom = 3;
/** A single-choice question with more choices than this (a scale 1–10) is a drop-down on any step. */
export const radioChoicesAtMost = 5;
const measureInputId = (fieldId: string, row: number, part: keyof MeasureAnswer) => `m_${fieldId}_${row}_${part}`;

function asText(value: AnswerValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (value.length > 0 && typeof value[0] === "object") return "";
  return (value as string[]).join(",");
}

/** The ladder beside «Ta utgangspunkt i tiltakstrappa»: its steps, and where the pupil is. */
export interface LadderView {
  stepWord: string;
  steps: readonly { number: number; name: string }[];
  current: number | null;
  /** «← Mia er her» */
  here: string;
}

/** Areas the conversation found something in (topics or notes), for the tiltaksbank; none found: all four. */
function areasWithFindings(answers: Draft["answers"]): string[] {
  const found = measureAreas
    .map((a) => a.id)
    .filter((id) => asText(answers[`${id}_topics`]) !== "" || asText(answers[`${id}_notes`]) !== "");
  return found.length > 0 ? found : measureAreas.map((a) => a.id);
}

/** Two tiltaksbank suggestions per area, beside the measure rows they may fill. */
function suggestionsByArea(
  answers: Draft["answers"],
  language: Language,
  institution: Institution,
): { area: string; items: string[] }[] {
  const words = (text: string) => inInstitutionWords(text, language, institution);
  return areasWithFindings(answers).map((id) => ({
    area: words(measureAreas.find((a) => a.id === id)!.label[language]),
    items: suggestMeasures([id])
      .map((s) => words(s.label[language]))
      // A kindergarten is offered only the suggestions that fit one (no classroom, no school hours).
      .filter((s) => institution === "school" || !speaksOfSchool(language, s))
      .slice(0, 2),
  }));
}

/** A long checkbox list split in two columns, each with the answers that are its own. */
function checkboxColumns(field: TemplateField, answer: AnswerValue | undefined, language: Language) {
  const choices = (field.choices ?? []).map((c) => ({ title: c.label[language], value: c.id }));
  const chosen = Array.isArray(answer) ? (answer as string[]) : asText(answer).split(",");
  const half = Math.ceil(choices.length / 2);
  return [choices.slice(0, half), choices.slice(half)].map((part, i) => ({
    inputId: i === 0 ? inputId(field.id) : secondColumnId(field.id),
    choices: part,
    value: part
      .filter((c) => chosen.includes(c.value))
      .map((c) => c.value)
      .join(","),
  }));
}

function fieldView(
  field: TemplateField,
  answers: Draft["answers"],
  language: Language,
  compact: { choices: boolean; multiChoices: boolean },
  institution: Institution,
): Record<string, unknown> {
  const t = messagesFor(language).template;
  const answer = answers[field.id];
  const given = Array.isArray(answer) ? (answer as MeasureAnswer[]) : [];
  // Every row offers the default evaluation date the first row was given; no area is chosen for the teacher.
  const defaultDate = given.find((m) => m.evaluationDate)?.evaluationDate ?? "";
  const columns =
    field.kind === "multiChoice" && !compact.multiChoices && (field.choices ?? []).length >= twoColumnsFrom
      ? checkboxColumns(field, answer, language)
      : [];
  const rows =
    field.kind === "measures"
      ? Array.from({ length: measureRows }, (_, row) => {
          const existing = given[row];
          return {
            areaId: measureInputId(field.id, row, "area"),
            measureId: measureInputId(field.id, row, "measure"),
            responsibleId: measureInputId(field.id, row, "responsible"),
            dateId: measureInputId(field.id, row, "evaluationDate"),
            areaLabel: `${t.area} ${row + 1}`,
            measureLabel: t.measure,
            responsibleLabel: t.responsible,
            dateLabel: t.evaluationDate,
            datePlaceholder: t.datePlaceholder,
            area: existing?.area ?? "",
            areaPlaceholder: t.chooseArea,
            measure: existing?.measure ?? "",
            responsible: existing?.responsible ?? "",
            evaluationDate: existing?.evaluationDate || defaultDate,
            areaChoices: measureAreas.map((a) => ({
              title: inInstitutionWords(a.label[language], language, institution),
              value: a.id,
            })),
          };
        })
      : [];
  return {
    kind: columns.length ? "multiChoiceColumns" : field.kind,
    inputId: inputId(field.id),
    // The inputs carry no isRequired (it would block «Tilbake»): the star of our own is the one marker.
    label: field.label[language] + (field.required ? " *" : ""),
    hint: field.hint?.[language] ?? "",
    datePlaceholder: t.datePlaceholder,
    required: Boolean(field.required),
    errorMessage: t.fieldRequired,
    maxLength: field.maxLength ?? 500,
    value: asText(answer),
    choices: (field.choices ?? []).map((c) => ({ title: c.label[language], value: c.id })),
    choiceStyle: compact.choices || (field.choices ?? []).length > radioChoicesAtMost ? "compact" : "expanded",
    multiChoiceStyle: compact.multiChoices ? "compact" : "expanded",
    placeholder: t.choose,
    columns,
    rows,
    suggestionsTitle: t.suggestionsTitle,
    suggestions: field.kind === "measures" ? suggestionsByArea(answers, language, institution) : [],
    // Text fields show their hint as the placeholder, measures above the rows; the others below the input.
    showHint: Boolean(field.hint) && (field.kind === "choice" || field.kind === "multiChoice" || field.kind === "date"),
    workingNote: Boolean(field.workingNote),
    workingNoteText: t.workingNote,
  };
}

/** Earlier answers the step shows read-only, as the teacher left them («presenter dine funn fra pkt. 1»). */
function shownAnswers(definition: TemplateDefinition, step: TemplateStep, draft: Draft, language: Language) {
  const fields = definition.steps.flatMap((s) => s.fields);
  return (step.shows ?? []).flatMap((id) => {
    const field = fields.find((f) => f.id === id);
    const value = asText(draft.answers[id]);
    return field && value ? [{ label: field.label[language], value }] : [];
  });
}

function ladderLines(ladder: LadderView | undefined): { text: string; current: boolean }[] {
  if (!ladder) return [];
  return ladder.steps.map((s) => ({
    text: `${ladder.stepWord} ${s.number}: ${s.name}${s.number === ladder.current ? ` ${ladder.here}` : ""}`,
    current: s.number === ladder.current,
  }));
}

export function buildTemplateStepView(
  definition: TemplateDefinition,
  draft: Draft,
  language: Language,
  options: { errors?: string[]; notes?: string[]; ladder?: LadderView } = {},
): Record<string, unknown> {
  const t = messagesFor(language).template;
  const step = definition.steps[draft.stepIndex]!;
  const isLast = draft.stepIndex === definition.steps.length - 1;
  const data = { pupilId: draft.pupilId, draftId: draft.id, stepIndex: draft.stepIndex };
  const compact = {
    choices: step.fields.filter((f) => f.kind === "choice").length >= compactChoicesFrom,
    multiChoices: step.fields.filter((f) => f.kind === "multiChoice").length >= compactMultiChoicesFrom,
  };
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
    shown: shownAnswers(definition, step, draft, language),
    ladder: step.showsLadder ? ladderLines(options.ladder) : [],
    fields: step.fields.map((f) => fieldView(f, draft.answers, language, compact, institution)),
    // Started from here, the other form opens in its place; this conversation waits as a draft on the case.
    offers: (step.offers ?? []).map((templateId) => ({
      title: fill(messagesFor(language).case.startTemplate, {
        template: templateFor(templateId, draft.ladderId).title[language].toLowerCase(),
      }),
      data: { pupilId: draft.pupilId, templateId },
    })),
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
        // No area is chosen for the teacher: a row without one is asked for again (validate.ts).
        rows.push({
          area: read("area"),
          measure,
          responsible: read("responsible"),
          evaluationDate: read("evaluationDate"),
        });
      }
      answers[field.id] = rows;
      continue;
    }
    const raw = data[inputId(field.id)];
    const second = field.kind === "multiChoice" ? data[secondColumnId(field.id)] : undefined;
    if ((raw === undefined || raw === null) && (second === undefined || second === null)) continue;
    const text = [raw, second]
      .filter((v) => v !== undefined && v !== null)
      .map((v) => String(v).trim())
      .filter(Boolean)
      .join(",");
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
