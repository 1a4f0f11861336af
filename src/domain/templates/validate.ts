import { isIsoDate } from "../dates";
import { L, answerIds, defaultMaxLength, maxMeasureRows, normalizeMeasureArea, responsibleMaxLength } from "./common";
import type { Answers, AnswerValue, Localized, MeasureAnswer, TemplateDefinition, TemplateField } from "./types";

/**
 * Checks one step's answers as they come from an Adaptive Card's data: untrusted. Only the step's own
 * fields are read (anything else is dropped), text is trimmed and kept to its length, choices must be
 * the field's own ids, dates real YYYY-MM-DD dates, measure rows complete. Empty optional answers are
 * left out of the result.
 */

export interface StepError {
  /** The field, or "" for the step itself. */
  fieldId: string;
  message: Localized;
}

export type StepValidation = { ok: true; answers: Answers } | { ok: false; errors: StepError[] };

const maxMultiChoices = 50;

// Control characters other than tab and new line have no place in an answer.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

function cleanText(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(controlCharacters, "").trim();
}

function quote(field: TemplateField, language: keyof Localized): string {
  return `«${field.label[language]}»`;
}

const messages = {
  required: (f: TemplateField): Localized =>
    L(`Fyll ut ${quote(f, "nb")}.`, `Fyll ut ${quote(f, "nn")}.`, `Please fill in ${quote(f, "en")}.`),
  tooLong: (f: TemplateField, max: number): Localized =>
    L(
      `${quote(f, "nb")} kan ha høyst ${max} tegn.`,
      `${quote(f, "nn")} kan ha høgst ${max} teikn.`,
      `${quote(f, "en")} can have at most ${max} characters.`,
    ),
  badType: (f: TemplateField): Localized =>
    L(`Ugyldig svar i ${quote(f, "nb")}.`, `Ugyldig svar i ${quote(f, "nn")}.`, `Invalid answer in ${quote(f, "en")}.`),
  badChoice: (f: TemplateField): Localized =>
    L(
      `Velg et av alternativene i ${quote(f, "nb")}.`,
      `Vel eitt av alternativa i ${quote(f, "nn")}.`,
      `Pick one of the options in ${quote(f, "en")}.`,
    ),
  badDate: (f: TemplateField): Localized =>
    L(
      `${quote(f, "nb")} må være en gyldig dato (ÅÅÅÅ-MM-DD).`,
      `${quote(f, "nn")} må vere ein gyldig dato (ÅÅÅÅ-MM-DD).`,
      `${quote(f, "en")} must be a valid date (YYYY-MM-DD).`,
    ),
  tooManyRows: (f: TemplateField): Localized =>
    L(
      `${quote(f, "nb")} kan ha høyst ${maxMeasureRows} rader.`,
      `${quote(f, "nn")} kan ha høgst ${maxMeasureRows} rader.`,
      `${quote(f, "en")} can have at most ${maxMeasureRows} rows.`,
    ),
  rowIncomplete: (f: TemplateField, row: number, missing: readonly string[]): Localized => {
    const names: Record<string, Localized> = {
      area: L("område", "område", "area"),
      measure: L("tiltak", "tiltak", "measure"),
      responsible: L("ansvarlig", "ansvarleg", "responsible"),
      evaluationDate: L("dato for evaluering", "dato for evaluering", "evaluation date"),
    };
    const list = (language: keyof Localized): string => missing.map((m) => names[m]?.[language] ?? m).join(", ");
    return L(
      `${quote(f, "nb")}, rad ${row}: mangler eller ugyldig ${list("nb")}.`,
      `${quote(f, "nn")}, rad ${row}: manglar eller ugyldig ${list("nn")}.`,
      `${quote(f, "en")}, row ${row}: missing or invalid ${list("en")}.`,
    );
  },
  unknownStep: (stepId: string): Localized =>
    L(
      `Ukjent steg: ${stepId.slice(0, 40)}.`,
      `Ukjent steg: ${stepId.slice(0, 40)}.`,
      `Unknown step: ${stepId.slice(0, 40)}.`,
    ),
};

type Checked = { value?: AnswerValue; error?: Localized };

function checkText(field: TemplateField, raw: unknown): Checked {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "string" && typeof raw !== "number") return { error: messages.badType(field) };
  const text = cleanText(String(raw));
  const max = Math.min(field.maxLength ?? defaultMaxLength, 4000);
  if (text.length > max) return { error: messages.tooLong(field, max) };
  return text === "" ? {} : { value: text };
}

function checkChoice(field: TemplateField, raw: unknown): Checked {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "string" && typeof raw !== "number") return { error: messages.badType(field) };
  const id = String(raw).trim();
  if (id === "") return {};
  return field.choices?.some((c) => c.id === id) ? { value: id } : { error: messages.badChoice(field) };
}

function checkMultiChoice(field: TemplateField, raw: unknown): Checked {
  if (raw === undefined || raw === null) return {};
  // Adaptive Cards send a multi-select as "a,b,c"; other clients may send an array.
  let ids: unknown[];
  if (typeof raw === "string") ids = raw.split(",");
  else if (Array.isArray(raw)) ids = raw;
  else return { error: messages.badType(field) };
  if (ids.length > maxMultiChoices) return { error: messages.badChoice(field) };
  const chosen: string[] = [];
  for (const item of ids) {
    if (typeof item !== "string") return { error: messages.badType(field) };
    const id = item.trim();
    if (id === "") continue;
    if (!field.choices?.some((c) => c.id === id)) return { error: messages.badChoice(field) };
    if (!chosen.includes(id)) chosen.push(id);
  }
  // In the field's own order, so equal answers compare equal.
  const ordered = (field.choices ?? []).map((c) => c.id).filter((id) => chosen.includes(id));
  return ordered.length === 0 ? {} : { value: ordered };
}

function checkDate(field: TemplateField, raw: unknown): Checked {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "string") return { error: messages.badType(field) };
  const value = raw.trim();
  if (value === "") return {};
  // Input.Date may carry a time part on some clients; the date is what counts.
  const date = /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
  return isIsoDate(date) ? { value: date } : { error: messages.badDate(field) };
}

function cell(row: Record<string, unknown>, key: string): string {
  const value = Object.prototype.hasOwnProperty.call(row, key) ? row[key] : undefined;
  return typeof value === "string" || typeof value === "number" ? cleanText(String(value)) : "";
}

function checkMeasures(field: TemplateField, raw: unknown): Checked {
  if (raw === undefined || raw === null || raw === "") return {};
  let rows: unknown = raw;
  if (typeof raw === "string") {
    if (raw.length > 100_000) return { error: messages.badType(field) };
    try {
      rows = JSON.parse(raw);
    } catch {
      return { error: messages.badType(field) };
    }
  }
  if (!Array.isArray(rows)) return { error: messages.badType(field) };
  // Blank rows are skipped below, but not without end.
  if (rows.length > maxMeasureRows * 3) return { error: messages.tooManyRows(field) };
  const max = Math.min(field.maxLength ?? defaultMaxLength, 4000);
  const areas = (field.choices ?? []).map((c) => c.id);
  const result: MeasureAnswer[] = [];
  let index = 0;
  for (const item of rows) {
    index += 1;
    if (item === null || typeof item !== "object" || Array.isArray(item)) return { error: messages.badType(field) };
    const row = item as Record<string, unknown>;
    const rawArea = cell(row, "area");
    // A card may send the English alias ("school"); the stored id is the field's own (skole).
    const area = normalizeMeasureArea(rawArea) ?? rawArea;
    const measure = cell(row, "measure");
    const responsible = cell(row, "responsible");
    const evaluationDate = cell(row, "evaluationDate");
    const why = cell(row, "why");
    // A row with nothing written in it is a blank row of the card (its date may be pre-filled): skip it.
    if (measure === "" && responsible === "" && why === "") continue;
    const missing: string[] = [];
    if (!areas.includes(area)) missing.push("area");
    if (measure === "") missing.push("measure");
    if (responsible === "") missing.push("responsible");
    if (!isIsoDate(evaluationDate)) missing.push("evaluationDate");
    if (missing.length > 0) return { error: messages.rowIncomplete(field, index, missing) };
    if (measure.length > max || why.length > max) return { error: messages.tooLong(field, max) };
    if (responsible.length > responsibleMaxLength) return { error: messages.tooLong(field, responsibleMaxLength) };
    result.push({ area, measure, responsible, evaluationDate, ...(why ? { why } : {}) });
    if (result.length > maxMeasureRows) return { error: messages.tooManyRows(field) };
  }
  return result.length === 0 ? {} : { value: result };
}

function checkField(field: TemplateField, raw: unknown): Checked {
  switch (field.kind) {
    case "text":
      return checkText(field, raw);
    case "choice":
      return checkChoice(field, raw);
    case "multiChoice":
      return checkMultiChoice(field, raw);
    case "date":
      return checkDate(field, raw);
    case "measures":
      return checkMeasures(field, raw);
  }
}

export function validateStep(definition: TemplateDefinition, stepId: string, answers: unknown): StepValidation {
  const step = definition.steps.find((s) => s.id === stepId);
  if (!step) return { ok: false, errors: [{ fieldId: "", message: messages.unknownStep(String(stepId)) }] };
  const input: Record<string, unknown> =
    answers !== null && typeof answers === "object" && !Array.isArray(answers)
      ? (answers as Record<string, unknown>)
      : {};
  const clean: Answers = {};
  const errors: StepError[] = [];
  for (const field of step.fields) {
    const raw = Object.prototype.hasOwnProperty.call(input, field.id) ? input[field.id] : undefined;
    const checked = checkField(field, raw);
    if (checked.error) errors.push({ fieldId: field.id, message: checked.error });
    else if (checked.value !== undefined) clean[field.id] = checked.value;
    else if (field.required) errors.push({ fieldId: field.id, message: messages.required(field) });
  }
  for (const field of step.fields) {
    const when = field.requiredWhen;
    if (!when || clean[field.id] !== undefined || errors.some((e) => e.fieldId === field.id)) continue;
    if (answerIds(clean[when.field]).includes(when.choice))
      errors.push({ fieldId: field.id, message: messages.required(field) });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers: clean };
}

/** A date on a step that falls on no school day: accepted, and the card says so. */
export interface OffSchoolDate {
  /** The field's label, with the measure for a measure row's evaluation date. */
  label: Localized;
  date: string;
  /** The public or school holiday, if the day is one (else it is a weekend day). */
  holiday: string | undefined;
}

/**
 * The dates of a step's answers that fall outside the school's days (a weekend, a public holiday, the school's own
 * holidays). They are kept as the teacher chose them; an evaluation or a meeting is seldom meant for such a day.
 */
export function datesOffSchool(
  definition: TemplateDefinition,
  stepId: string,
  answers: Answers,
  calendar: { isSchoolDay(date: string): boolean; holidayName(date: string): string | undefined },
): OffSchoolDate[] {
  const step = definition.steps.find((s) => s.id === stepId);
  const found: OffSchoolDate[] = [];
  const check = (label: Localized, date: unknown) => {
    if (typeof date === "string" && isIsoDate(date) && !calendar.isSchoolDay(date))
      found.push({ label, date, holiday: calendar.holidayName(date) });
  };
  for (const field of step?.fields ?? []) {
    const value = answers[field.id];
    if (field.kind === "date") check(field.label, value);
    if (field.kind === "measures" && Array.isArray(value))
      for (const row of value as MeasureAnswer[])
        check(
          L(`${row.measure} (evalueres)`, `${row.measure} (blir evaluert)`, `${row.measure} (evaluated)`),
          row.evaluationDate,
        );
  }
  return found;
}
