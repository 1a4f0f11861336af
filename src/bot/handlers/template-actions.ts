import { createHash } from "node:crypto";
import type { TurnContext } from "botbuilder";
import { z } from "zod";
import { logKindFor, prefill, templateFor, templatesForStep, toLogContent, validateStep } from "../../domain/templates";
import {
  templateIds,
  type LogContent,
  type TemplateContext,
  type TemplateDefinition,
} from "../../domain/templates/types";
import { findStep } from "../../domain/ladder";
import { fill, messagesFor, type Language } from "../../i18n/catalog";
import { shortDate } from "../../i18n/dates";
import type { Draft, LogEntry, MeasureRecord } from "../../store/case-repo";
import { currentConsent } from "../../domain/consent";
import type { CaseContext } from "../case-service";
import { endSharingNotCovered, scheduleEvaluationReminders, updateCase } from "../case-service";
import type { BotDeps } from "../deps";
import { tellLeadersOfRaisedStep } from "../notify";
import { logEntryFacts, logEntryMeasures } from "../views/log-entry-view";
import { buildTemplateStepView, readStepAnswers } from "../views/template-view";
import { messageCard, openCaseForAction } from "./case-actions";

type CardJson = Record<string, unknown>;

/** The ladder step's own evaluation period (e.g. «evaluer etter 3 uker») sets the default date of agreed measures. */
export function templateContext(deps: BotDeps, ctx: CaseContext, language?: Language): TemplateContext {
  const step = ctx.status.step === null ? undefined : findStep(deps.ladders.forSchool(ctx.school), ctx.status.step);
  return {
    ladderId: ctx.status.ladder,
    step: ctx.status.step,
    today: ctx.today,
    pattern: ctx.status.pattern,
    tripTexts: ctx.status.trips.slice(-4).map((t) => t.text),
    evaluationDefault: step?.evaluateAfter ? `${step.evaluateAfter.amount} ${step.evaluateAfter.unit}` : null,
    ...(language ? { language } : {}),
  };
}

function stepCard(
  deps: BotDeps,
  definition: TemplateDefinition,
  draft: Draft,
  language: Language,
  options: { errors?: string[]; notes?: string[] } = {},
): CardJson {
  return deps.cards.render("template-step", buildTemplateStepView(definition, draft, language, options));
}

const startData = z.object({ templateId: z.enum(templateIds) });

/** «Start telefonsamtale»: one draft per template and pupil; a second click (or a redelivery) resumes the same draft. */
export async function handleTemplateStart(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor } = opened;
  const parsed = startData.safeParse(data);
  const offered =
    ctx.status.step === null
      ? []
      : templatesForStep(ctx.status.ladder, ctx.status.step, deps.ladders.forSchool(ctx.school));
  if (!parsed.success || !offered.includes(parsed.data.templateId))
    return messageCard(deps, messagesFor(language).case.staleAction);
  const existing = ctx.openDrafts.find((d) => d.templateId === parsed.data.templateId);
  if (existing) return stepCard(deps, templateFor(existing.templateId, existing.ladderId), existing, language);
  const definition = templateFor(parsed.data.templateId, ctx.status.ladder);
  const now = deps.clock.now().toISOString();
  const draft = await deps.cases.createDraft({
    pupilId: ctx.pupil.id,
    templateId: definition.id,
    templateVersion: definition.version,
    ladderId: ctx.status.ladder,
    step: ctx.status.step,
    stepIndex: 0,
    answers: prefill(definition, templateContext(deps, ctx, language)),
    status: "open",
    startedBy: actor,
    startedAt: now,
    updatedAt: now,
  });
  await updateCase(deps, ctx.pupil.id, () => undefined);
  deps.logger.info({ event: "template_started", pupilId: ctx.pupil.id, templateId: definition.id });
  return stepCard(deps, definition, draft, language);
}

const draftRef = z.object({ draftId: z.string().min(1).max(80), stepIndex: z.coerce.number().int().min(0).optional() });

type Move = "resume" | "next" | "back" | "pause" | "finish";

/** Moves through a draft one card at a time. A card for a step the draft has left (a redelivery, an old card) shows the draft where it is. */
export function createTemplateMoveHandler(move: Move) {
  return async (context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> => {
    const opened = await openCaseForAction(context, deps, data);
    if (!opened.ok) return opened.card;
    const { ctx, language, actor } = opened;
    const t = messagesFor(language).template;
    const ref = draftRef.safeParse(data);
    if (!ref.success) return messageCard(deps, messagesFor(language).case.staleAction);
    const stored = await deps.cases.getDraft(ctx.pupil.id, ref.data.draftId);
    if (!stored) return messageCard(deps, messagesFor(language).case.staleAction);
    const draft = stored.value;
    const definition = templateFor(draft.templateId, draft.ladderId);
    if (draft.status === "completed") return messageCard(deps, t.alreadyCompleted);
    if (move === "resume" || ref.data.stepIndex !== draft.stepIndex) return stepCard(deps, definition, draft, language);

    const answers = {
      ...draft.answers,
      ...readStepAnswers(definition, draft.stepIndex, (data ?? {}) as Record<string, unknown>),
    };
    const next: Draft = { ...draft, answers, updatedAt: deps.clock.now().toISOString() };
    if (move === "next" || move === "finish") {
      const step = definition.steps[draft.stepIndex]!;
      const checked = validateStep(definition, step.id, answers);
      if (!checked.ok)
        return stepCard(deps, definition, next, language, {
          errors: [t.requiredMissing, ...checked.errors.map((e) => e.message[language])],
        });
      next.answers = { ...answers, ...checked.answers };
    }
    if (move === "next") next.stepIndex = Math.min(draft.stepIndex + 1, definition.steps.length - 1);
    if (move === "back") next.stepIndex = Math.max(draft.stepIndex - 1, 0);
    if (move === "finish") {
      if (draft.stepIndex !== definition.steps.length - 1) return stepCard(deps, definition, draft, language);
      // The log entry is written first (idempotent by id); the draft then keeps no answers, since the log is the record.
      next.status = "completed";
      next.logEntryId = `log:${draft.id}`;
      const content = await writeDocumentation(deps, ctx, definition, next, actor);
      next.answers = {};
      // The conversation's own conclusion («møte trengs», «vurdert trinn») moves the case up by judgement.
      if (typeof content.assessedStep === "number") {
        const raised = await deps.raiseStep({
          pupilId: ctx.pupil.id,
          assessedStep: content.assessedStep,
          date: content.contactDate,
          sourceId: draft.id,
          label: `Vurdering etter ${definition.title.nb.toLowerCase()}`,
          now: deps.clock.now(),
        });
        if (raised) await tellLeadersOfRaisedStep(deps, ctx.pupil.id, actor);
      }
    }
    if (!(await deps.cases.saveDraftIfUnchanged(next, stored.etag))) {
      // Someone (or a redelivery) moved the draft first: show where it is now.
      const fresh = await deps.cases.getDraft(ctx.pupil.id, draft.id);
      if (fresh?.value.status === "completed") return messageCard(deps, t.alreadyCompleted);
      return stepCard(deps, definition, fresh?.value ?? draft, language);
    }
    if (move === "pause") return messageCard(deps, t.paused);
    if (move !== "finish") return stepCard(deps, definition, next, language);
    await updateCase(deps, ctx.pupil.id, () => undefined);
    const log = await deps.cases.logEntries(ctx.pupil.id);
    // The form just logged may withdraw or narrow the samtykke that let a service in.
    if (definition.id === "consent") await endSharingNotCovered(deps, ctx, currentConsent(log), actor, language);
    deps.logger.info({ event: "template_completed", pupilId: ctx.pupil.id, templateId: draft.templateId });
    const entry = log.find((e) => e.id === next.logEntryId)!;
    return renderLogEntry(deps, ctx, definition.title[language], entry, language, t.completedTitle);
  };
}

/** The §2.8 documentation of a completed template: one log entry and the agreed measures, both idempotent by id. */
async function writeDocumentation(
  deps: BotDeps,
  ctx: CaseContext,
  definition: TemplateDefinition,
  draft: Draft,
  actor: string,
): Promise<LogContent> {
  const content = toLogContent(definition, draft.answers, templateContext(deps, ctx));
  const now = deps.clock.now().toISOString();
  await deps.cases.appendLog({
    ...content,
    id: draft.logEntryId!,
    pupilId: ctx.pupil.id,
    kind: logKindFor(draft.ladderId, draft.step),
    templateId: draft.templateId,
    step: draft.step,
    author: actor,
    writtenAt: now,
  });
  const measures: MeasureRecord[] = content.measures.map((m, i) => ({
    ...m,
    id: `measure:${draft.id}:${i}`,
    pupilId: ctx.pupil.id,
    draftId: draft.id,
    agreedAt: now,
    status: "active",
  }));
  if (measures.length > 0) await deps.cases.saveMeasures(measures);
  // A nærværsmøte on or after an evaluation date is that evaluation (001 «Trinn 4»: «Innkall til evalueringsmøte etter
  // tre uker … lages en ny plan med reviderte tiltak»): the earlier measures due by then are evaluated.
  if (definition.id === "attendance_meeting") {
    const evaluated = ctx.measures.filter(
      (m) => m.status === "active" && m.draftId !== draft.id && m.evaluationDate <= content.contactDate,
    );
    if (evaluated.length > 0)
      await deps.cases.saveMeasures(
        evaluated.map((m) => ({ ...m, status: "evaluated", evaluatedIn: draft.id, evaluatedOn: content.contactDate })),
      );
  }
  await scheduleEvaluationReminders(deps, ctx, actor, draft.id, measures);
  return content;
}

export async function authorName(deps: BotDeps, aadObjectId: string): Promise<string> {
  return (await deps.roster.getStaff(aadObjectId))?.name ?? aadObjectId;
}

export async function renderLogEntry(
  deps: BotDeps,
  ctx: CaseContext,
  templateTitle: string,
  entry: LogEntry,
  language: Language,
  titleTemplate: string,
): Promise<CardJson> {
  const t = messagesFor(language).template;
  const m = messagesFor(language).case;
  return deps.cards.render("log-entry", {
    title: fill(titleTemplate, { template: templateTitle }),
    subtitle: fill(t.completedIn, { log: t.logNames[entry.kind], date: shortDate(entry.writtenAt.slice(0, 10)) }),
    facts: logEntryFacts(entry, ctx.pupil, await authorName(deps, entry.author), language),
    measuresTitle: t.measuresTitle,
    measures: logEntryMeasures(entry, language),
    backTitle: t.showCase,
    backData: { pupilId: ctx.pupil.id },
    correct: {
      title: m.correct,
      label: m.correctionLabel,
      submit: m.correctionSubmit,
      data: { pupilId: ctx.pupil.id, entryId: entry.id },
    },
  });
}

const correction = z.object({ entryId: z.string().min(1).max(200), correction: z.string().trim().min(1).max(500) });

/** The log is append-only: a correction is a new entry that points at the one it corrects (seed 002 §2.8 documentation). */
export async function handleLogCorrection(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor } = opened;
  const m = messagesFor(language).case;
  const parsed = correction.safeParse(data);
  const original = parsed.success ? ctx.log.find((e) => e.id === parsed.data.entryId) : undefined;
  if (!parsed.success || !original) return messageCard(deps, m.staleAction);
  // One correction per original and text: a redelivered click finds the same id.
  const id = `log:correction:${original.id}:${createHash("sha256").update(parsed.data.correction).digest("hex").slice(0, 16)}`;
  await deps.cases.appendLog({
    ...original,
    id,
    author: actor,
    writtenAt: deps.clock.now().toISOString(),
    contactDate: ctx.today,
    summary: parsed.data.correction,
    measures: [],
    corrects: original.id,
  });
  deps.logger.info({ event: "log_corrected", pupilId: ctx.pupil.id });
  return messageCard(deps, m.correctionOf, [m.correctionSaved]);
}
