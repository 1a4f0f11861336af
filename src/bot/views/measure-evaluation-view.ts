import { measureResults, offeredOutcomes } from "../../domain/measure-evaluation";
import type { Pupil } from "../../domain/roster";
import { fill, messagesFor, type Institution, type Language } from "../../i18n/catalog";
import { shortDate } from "../../i18n/dates";
import type { MeasureRecord } from "../../domain/case";
import type { EvaluationBasis } from "../../usecases/evaluate-measures";

export interface MeasureEvaluationInput {
  pupil: Pupil;
  /** The measures to evaluate, in the order the card lists them; their ids go back with the answers. */
  due: readonly MeasureRecord[];
  nextStep: number | null;
  /** The plan's goal and the absence since it started, to judge «er målet nådd?» by. */
  basis?: EvaluationBasis | null;
  language: Language;
  /** A kindergarten's card speaks of the child (000); default school. */
  institution?: Institution;
  today: string;
  caseVersion: number;
  errors?: string[];
  /** What was answered before, when the card comes back with errors. */
  values?: Readonly<Record<string, string>>;
}

/** The input id of a measure's result: by position, since the measure ids travel in the card's data. */
export const resultInputId = (index: number) => `r_${index}`;

/** «Hovedmål i planen: …» and the absence since the plan started against as many school days before, as facts. */
function basisView(
  basis: EvaluationBasis | null | undefined,
  language: Language,
  institution: Institution,
): Record<string, unknown> {
  const m = messagesFor(language, institution).evaluation;
  if (!basis) return { goal: "", absenceTitle: "", absence: [] };
  const compared = (since: number, before: number | undefined) =>
    before === undefined ? String(since) : fill(m.compared, { since, before });
  const { since, before } = basis;
  return {
    goal: basis.mainGoal ? fill(m.goalLine, { goal: basis.mainGoal }) : m.noGoal,
    absenceTitle: fill(m.absenceTitle, { date: shortDate(basis.startedOn) }),
    absence: [
      { title: m.absenceSchoolDays, value: String(since.schoolDays) },
      { title: m.absenceDays, value: compared(since.days, before?.days) },
      { title: m.absenceLessons, value: compared(since.lessons, before?.lessons) },
      { title: m.absenceLate, value: compared(since.late, before?.late) },
    ],
  };
}

/** The data bound to cards/measure-evaluation.json: each measure due with its result, the date, and the way on. */
export function buildMeasureEvaluationView(input: MeasureEvaluationInput): Record<string, unknown> {
  const { language } = input;
  const institution = input.institution ?? "school";
  const m = messagesFor(language, institution).evaluation;
  const values = input.values ?? {};
  const actionData = { pupilId: input.pupil.id, caseVersion: input.caseVersion };
  return {
    title: fill(m.title, { pupil: input.pupil.name, className: input.pupil.className }),
    intro: m.intro,
    ...basisView(input.basis, language, institution),
    errors: input.errors ?? [],
    measures: input.due.map((measure, i) => ({
      measure: measure.measure,
      detail: fill(m.measureDetail, {
        responsible: measure.responsible || "–",
        date: shortDate(measure.evaluationDate),
      }),
      inputId: resultInputId(i),
      label: m.resultLabel,
      value: values[resultInputId(i)] ?? "",
      choices: measureResults.map((r) => ({ title: r.label[language], value: r.id })),
    })),
    dateLabel: m.dateLabel,
    datePlaceholder: messagesFor(language).template.datePlaceholder,
    date: values.evaluationDate ?? input.today,
    outcomeLabel: m.outcomeLabel,
    outcome: values.outcome ?? "",
    outcomes: offeredOutcomes(input.nextStep).map((o) => ({ title: o.label[language], value: o.id })),
    noteLabel: m.noteLabel,
    note: values.note ?? "",
    submit: m.submit,
    data: { ...actionData, measureIds: input.due.map((x) => x.id) },
    back: messagesFor(language).template.showCase,
    backData: { pupilId: input.pupil.id },
  };
}
