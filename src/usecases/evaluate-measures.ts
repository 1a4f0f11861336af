import { createHash } from "node:crypto";
import type { LogEntry, MeasureRecord } from "../domain/case";
import { createSchoolCalendar } from "../domain/calendar";
import {
  absenceSincePlan,
  evaluateMeasures,
  evaluationOutcomes,
  goesOn,
  measureResults,
  measuresDue,
  planOfMeasures,
  type AbsenceTally,
  type EvaluationProblem,
} from "../domain/measure-evaluation";
import { defaultEvaluationDate, logKindFor } from "../domain/templates";
import { fill, messagesFor, type Language } from "../i18n/catalog";
import { fullDate } from "../i18n/dates";
import type { CaseContext } from "./case-context";
import type { CaseDeps } from "./deps";
import { tellLeadersOfRaisedStep } from "./nudge-and-escalate";
import { updateCase } from "./open-case";
import { postCaseEventInThread, postStepRaisedInThread } from "./case-thread";
import { scheduleEvaluationReminders } from "./reminders";
import { templateContext } from "./run-conversation";

/** The step above the pupil's, where «next_step» takes the case; null at the top of the ladder. */
export function nextStepOf(deps: Pick<CaseDeps, "ladders">, ctx: CaseContext): number | null {
  const current = ctx.status.step;
  if (current === null) return null;
  const above = deps.ladders
    .forSchool(ctx.school)
    .steps.map((s) => s.number)
    .filter((n) => n > current);
  return above.length > 0 ? Math.min(...above) : null;
}

/** «Evaluer tiltakene»: the measures whose evaluation date has come, and the step «neste trinn» would take the case to. */
export function measuresToEvaluate(
  deps: Pick<CaseDeps, "ladders">,
  ctx: CaseContext,
): { due: MeasureRecord[]; nextStep: number | null } {
  return { due: measuresDue(ctx.measures, ctx.today), nextStep: nextStepOf(deps, ctx) };
}

/** What «er målet nådd?» is judged against: the plan's main goal, and the absence since it started against before. */
export interface EvaluationBasis {
  mainGoal: string | null;
  startedOn: string;
  since: AbsenceTally;
  before: AbsenceTally | null;
}

/**
 * The plan of the measures due and the pupil's absence since it started (001 «Trinn 4»: «Evalueringen skal tydeliggjøre
 * hvorvidt målet i planen er nådd»); null when the measures lead to no plan.
 */
export async function evaluationBasis(
  deps: Pick<CaseDeps, "absences">,
  ctx: CaseContext,
  due: readonly MeasureRecord[],
): Promise<EvaluationBasis | null> {
  const plan = planOfMeasures(due, ctx.measures, ctx.log);
  if (!plan) return null;
  const events = await deps.absences.listOfPupil(ctx.pupil.id);
  const absence = absenceSincePlan(events, createSchoolCalendar(ctx.school), plan.startedOn, ctx.today);
  return { ...plan, ...absence };
}

/** What the evaluation card said: which measures it showed, each one's result by measure id, the way on. */
export interface EvaluationAnswers {
  measureIds: string[];
  results: Record<string, string | undefined>;
  outcome?: string;
  evaluationDate?: string;
  note?: string;
}

export type EvaluationSaved =
  | { kind: "nothingDue" }
  /** A redelivery: the entry it wrote. */
  | { kind: "done"; entry: LogEntry }
  | {
      kind: "invalid";
      due: MeasureRecord[];
      nextStep: number | null;
      problems: { problem: EvaluationProblem; measureId?: string }[];
      dateAfterToday: boolean;
    }
  | { kind: "saved"; entry: LogEntry };

/**
 * «Lagre evalueringen»: each measure's result and the way on are logged (001 «Trinn 4: Evaluering»); the measures are
 * evaluated; those that go on get a new evaluation date and reminder; «neste trinn» moves the case up by judgement.
 * The measures are this pupil's as read from the store; the card only says which of them it showed. A redelivery
 * finds them evaluated and shows the entry it wrote. `language`: the evaluator's, for the log entry.
 */
export async function saveEvaluation(
  deps: CaseDeps,
  ctx: CaseContext,
  actor: string,
  answers: EvaluationAnswers,
  language: Language,
): Promise<EvaluationSaved> {
  const m = messagesFor(language).evaluation;
  const shown = answers.measureIds;
  const id = `evaluation:${createHash("sha256")
    .update([...shown].sort().join("|"))
    .digest("hex")
    .slice(0, 24)}`;
  const due = measuresDue(ctx.measures, ctx.today).filter((x) => shown.includes(x.id));
  if (due.length === 0) {
    const done = ctx.log.find((e) => e.id === `log:${id}`);
    return done ? { kind: "done", entry: done } : { kind: "nothingDue" };
  }
  const date = answers.evaluationDate ?? ctx.today;
  const nextStep = nextStepOf(deps, ctx);
  const result = evaluateMeasures({
    due,
    results: Object.fromEntries(due.map((x) => [x.id, answers.results[x.id]])),
    outcome: answers.outcome,
    nextStep,
    nextEvaluationDate: defaultEvaluationDate({ ...templateContext(deps, ctx), today: date }),
  });
  const dateAfterToday = date > ctx.today;
  if (!result.ok || dateAfterToday)
    return { kind: "invalid", due, nextStep, problems: result.ok ? [] : result.problems, dateAfterToday };

  const now = deps.clock.now().toISOString();
  const label = (list: readonly { id: string; label: Record<Language, string> }[], value: string) =>
    list.find((x) => x.id === value)?.label[language] ?? value;
  const entry: LogEntry = {
    id: `log:${id}`,
    pupilId: ctx.pupil.id,
    kind: logKindFor(ctx.status.ladder, ctx.status.step),
    templateId: "measure_evaluation",
    step: ctx.status.step,
    author: actor,
    writtenAt: now,
    contactDate: date,
    reasonForContact: fill(m.logReason, {
      dates: [...new Set(due.map((x) => fullDate(x.evaluationDate)))].join(", "),
    }),
    guardiansViewOfCause: [],
    furtherMeasures: label(evaluationOutcomes, result.outcome),
    nextContactDate: result.continued[0]?.evaluationDate ?? null,
    summary: [
      ...result.results.map((r) => fill(m.resultLine, { measure: r.measure, result: label(measureResults, r.result) })),
      answers.note ?? "",
    ]
      .filter(Boolean)
      .join("\n"),
    measures: result.continued,
  };
  // The log entry first (idempotent by id), then the measures: a redelivery after a failure in between finishes the job.
  await deps.cases.appendLog(entry);
  await deps.cases.saveMeasures(
    due.map((x) => ({
      ...x,
      status: "evaluated",
      evaluatedIn: id,
      evaluatedOn: date,
      result: result.results.find((r) => r.id === x.id)?.result,
    })),
  );
  // `continued` keeps the order of the due measures that went on: the i-th carries on the i-th of them.
  const carried = result.results.filter((r) => goesOn(r.result));
  const continued: MeasureRecord[] = result.continued.map((x, i) => ({
    ...x,
    continues: carried[i]?.id,
    id: `measure:${id}:${i}`,
    pupilId: ctx.pupil.id,
    draftId: id,
    agreedAt: now,
    status: "active",
  }));
  if (continued.length > 0) {
    await deps.cases.saveMeasures(continued);
    await scheduleEvaluationReminders(deps, ctx, actor, id, continued);
  }
  await updateCase(deps, ctx.pupil.id, () => undefined);
  if (
    result.assessedStep !== null &&
    (await deps.raiseStep({
      pupilId: ctx.pupil.id,
      assessedStep: result.assessedStep,
      date,
      sourceId: id,
      label: messagesFor("nb").evaluation.raisedLabel,
      now: deps.clock.now(),
    }))
  ) {
    await tellLeadersOfRaisedStep(deps, ctx.pupil.id, actor);
    await postStepRaisedInThread(deps, ctx.pupil.id);
  }
  await postCaseEventInThread(deps, ctx.pupil.id, { kind: "evaluationDone", count: due.length });
  deps.logger.info({
    event: "measures_evaluated",
    pupilId: ctx.pupil.id,
    measures: due.length,
    outcome: result.outcome,
  });
  return { kind: "saved", entry };
}
