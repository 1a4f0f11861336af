import type { TurnContext } from "botbuilder";
import { z } from "zod";
import type { LogEntry, MeasureRecord } from "../../domain/case";
import type { EvaluationProblem } from "../../domain/measure-evaluation";
import { institutionOf } from "../../domain/templates";
import { isoDate } from "../../domain/roster";
import { fill, messagesFor, type Language } from "../../i18n/catalog";
import { shortDate } from "../../i18n/dates";
import type { CaseContext } from "../../usecases/case-context";
import { evaluationBasis, measuresToEvaluate, saveEvaluation } from "../../usecases/evaluate-measures";
import type { BotDeps } from "../deps";
import { buildMeasureEvaluationView, resultInputId } from "../views/measure-evaluation-view";
import { currentCaseCardReply, messageCard, openCaseForAction, type CardJson } from "./reply";

async function evaluationCard(
  deps: BotDeps,
  ctx: CaseContext,
  form: { due: readonly MeasureRecord[]; nextStep: number | null },
  language: Language,
  options: { errors?: string[]; values?: Record<string, string> } = {},
): Promise<CardJson> {
  return deps.cards.render(
    "measure-evaluation",
    buildMeasureEvaluationView({
      pupil: ctx.pupil,
      due: form.due,
      nextStep: form.nextStep,
      basis: await evaluationBasis(deps, ctx, form.due),
      institution: institutionOf(ctx.status.ladder),
      language,
      today: ctx.today,
      caseVersion: ctx.record.version,
      ...options,
    }),
  );
}

/** «Dokumentert: Evaluering av tiltak (lagret i elevloggen 19.11)», then each measure's result on its own line. */
function documentedNotes(entry: LogEntry, language: Language): { note: string; notes: string[] } {
  const t = messagesFor(language).template;
  const title = fill(t.completedTitle, { template: messagesFor(language).evaluation.logTitle });
  const where = fill(t.completedIn, { log: t.logNames[entry.kind], date: shortDate(entry.writtenAt.slice(0, 10)) });
  return { note: `${title}. ${where}`, notes: entry.summary.split("\n").filter(Boolean) };
}

/** «Evaluer tiltakene»: the form for the measures whose evaluation date has come. */
export async function handleEvaluationOpen(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const form = measuresToEvaluate(deps, opened.ctx);
  if (form.due.length === 0) return messageCard(deps, messagesFor(opened.language).evaluation.nothingDue);
  return evaluationCard(deps, opened.ctx, form, opened.language);
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
 * «Lagre evalueringen» (usecases/evaluate-measures.ts): the card becomes the case as it is now, with what was documented;
 * a form with problems comes back with what was filled in.
 */
export async function handleEvaluationSave(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor } = opened;
  const m = messagesFor(language).evaluation;
  const parsed = answers.safeParse(data);
  if (!parsed.success) return messageCard(deps, messagesFor(language).case.staleAction);
  const shown = parsed.data.measureIds;
  // The card's inputs as sent, to show again with the problems.
  const raw = data as Record<string, unknown>;
  const values: Record<string, string> = {};
  const results: Record<string, string | undefined> = {};
  shown.forEach((id, i) => {
    const v = raw[resultInputId(i)];
    if (typeof v === "string") values[resultInputId(i)] = v;
    // The first place a measure was shown answers for it.
    if (!(id in results)) results[id] = values[resultInputId(i)];
  });
  for (const key of ["outcome", "evaluationDate", "note"] as const)
    if (typeof parsed.data[key] === "string") values[key] = parsed.data[key] as string;
  const saved = await saveEvaluation(
    deps,
    ctx,
    actor,
    {
      measureIds: shown,
      results,
      outcome: parsed.data.outcome,
      evaluationDate: parsed.data.evaluationDate,
      note: parsed.data.note,
    },
    language,
  );
  if (saved.kind === "nothingDue") return messageCard(deps, m.nothingDue);
  if (saved.kind === "invalid") {
    const errors = saved.problems.map((p) => problemText(language, p, saved.due));
    if (saved.dateAfterToday) errors.push(m.dateAfterToday);
    return evaluationCard(deps, ctx, saved, language, { errors, values });
  }
  return currentCaseCardReply(deps, ctx, language, documentedNotes(saved.entry, language));
}
