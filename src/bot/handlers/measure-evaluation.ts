import { createHash } from "node:crypto";
import type { TurnContext } from "botbuilder";
import { z } from "zod";
import {
  evaluateMeasures,
  evaluationOutcomes,
  measureResults,
  measuresDue,
  type EvaluationProblem,
} from "../../domain/measure-evaluation";
import { isoDate } from "../../domain/roster";
import { defaultEvaluationDate, logKindFor } from "../../domain/templates";
import { fill, messagesFor, type Language } from "../../i18n/catalog";
import { shortDate } from "../../i18n/dates";
import type { LogEntry, MeasureRecord } from "../../domain/case";
import { scheduleEvaluationReminders, updateCase, type CaseContext } from "../case-service";
import type { BotDeps } from "../deps";
import { tellLeadersOfRaisedStep } from "../notify";
import { buildMeasureEvaluationView, resultInputId } from "../views/measure-evaluation-view";
import { messageCard, openCaseForAction } from "./case-actions";
import { renderLogEntry, templateContext } from "./template-actions";

type CardJson = Record<string, unknown>;

/** The step above the pupil's, where «next_step» takes the case; null at the top of the ladder. */
function nextStepOf(deps: BotDeps, ctx: CaseContext): number | null {
  const current = ctx.status.step;
  if (current === null) return null;
  const above = deps.ladders
    .forSchool(ctx.school)
    .steps.map((s) => s.number)
    .filter((n) => n > current);
  return above.length > 0 ? Math.min(...above) : null;
}

function evaluationCard(
  deps: BotDeps,
  ctx: CaseContext,
  due: readonly MeasureRecord[],
  language: Language,
  options: { errors?: string[]; values?: Record<string, string> } = {},
): CardJson {
  return deps.cards.render(
    "measure-evaluation",
    buildMeasureEvaluationView({
      pupil: ctx.pupil,
      due,
      nextStep: nextStepOf(deps, ctx),
      language,
      today: ctx.today,
      caseVersion: ctx.record.version,
      ...options,
    }),
  );
}

/** «Evaluer tiltakene»: the form for the measures whose evaluation date has come. */
export async function handleEvaluationOpen(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const due = measuresDue(opened.ctx.measures, opened.ctx.today);
  if (due.length === 0) return messageCard(deps, messagesFor(opened.language).evaluation.nothingDue);
  return evaluationCard(deps, opened.ctx, due, opened.language);
}

const answers = z
  .object({
    measureIds: z.array(z.string().min(1).max(200)).min(1).max(50),
    evaluationDate: isoDate.optional(),
    outcome: z.string().max(40).optional(),
    note: z.string().trim().max(300).optional(),
  })
  .passthrough();

function problemText(
  language: Language,
  problem: { problem: EvaluationProblem; measureId?: string },
  due: readonly MeasureRecord[],
): string {
  const m = messagesFor(language).evaluation;
  if (problem.problem === "result_missing")
    return fill(m.resultMissing, { measure: due.find((x) => x.id === problem.measureId)?.measure ?? "" });
  if (problem.problem === "outcome_missing") return m.outcomeMissing;
  if (problem.problem === "no_next_step") return m.noNextStep;
  return m.nothingWorked;
}

/**
 * «Lagre evalueringen»: each measure's result and the way on are logged (001 «Trinn 4: Evaluering»); the measures are
 * evaluated; those that go on get a new evaluation date and reminder; «neste trinn» moves the case up by judgement.
 * The measures are this pupil's as read from the store; the card only says which of them it showed. A redelivery
 * finds them evaluated and shows the entry it wrote.
 */
export async function handleEvaluationSave(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor } = opened;
  const m = messagesFor(language).evaluation;
  const parsed = answers.safeParse(data);
  if (!parsed.success) return messageCard(deps, messagesFor(language).case.staleAction);
  const shown = parsed.data.measureIds;
  const id = `evaluation:${createHash("sha256")
    .update([...shown].sort().join("|"))
    .digest("hex")
    .slice(0, 24)}`;
  const due = measuresDue(ctx.measures, ctx.today).filter((x) => shown.includes(x.id));
  if (due.length === 0) {
    const done = ctx.log.find((e) => e.id === `log:${id}`);
    return done
      ? renderLogEntry(deps, ctx, m.logTitle, done, language, messagesFor(language).template.completedTitle)
      : messageCard(deps, m.nothingDue);
  }
  const raw = data as Record<string, unknown>;
  const values: Record<string, string> = {};
  shown.forEach((_, i) => {
    const v = raw[resultInputId(i)];
    if (typeof v === "string") values[resultInputId(i)] = v;
  });
  for (const key of ["outcome", "evaluationDate", "note"] as const)
    if (typeof parsed.data[key] === "string") values[key] = parsed.data[key] as string;
  const date = parsed.data.evaluationDate ?? ctx.today;
  const result = evaluateMeasures({
    due,
    results: Object.fromEntries(due.map((x) => [x.id, values[resultInputId(shown.indexOf(x.id))]])),
    outcome: parsed.data.outcome,
    nextStep: nextStepOf(deps, ctx),
    nextEvaluationDate: defaultEvaluationDate({ ...templateContext(deps, ctx), today: date }),
  });
  const errors = result.ok ? [] : result.problems.map((p) => problemText(language, p, due));
  if (date > ctx.today) errors.push(m.dateAfterToday);
  if (!result.ok || errors.length > 0) return evaluationCard(deps, ctx, due, language, { errors, values });

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
      dates: [...new Set(due.map((x) => shortDate(x.evaluationDate)))].join(", "),
    }),
    guardiansViewOfCause: [],
    furtherMeasures: label(evaluationOutcomes, result.outcome),
    nextContactDate: result.continued[0]?.evaluationDate ?? null,
    summary: [
      ...result.results.map((r) => fill(m.resultLine, { measure: r.measure, result: label(measureResults, r.result) })),
      parsed.data.note ?? "",
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
  const continued: MeasureRecord[] = result.continued.map((x, i) => ({
    ...x,
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
  }
  deps.logger.info({
    event: "measures_evaluated",
    pupilId: ctx.pupil.id,
    measures: due.length,
    outcome: result.outcome,
  });
  return renderLogEntry(deps, ctx, m.logTitle, entry, language, messagesFor(language).template.completedTitle);
}
