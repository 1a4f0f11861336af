import { createSchoolCalendar } from "../domain/calendar";
import type { Draft, LogEntry, MeasureRecord } from "../domain/case";
import { currentConsent } from "../domain/consent";
import { findStep } from "../domain/ladder";
import {
  formForPupil,
  datesOffSchool,
  logKindFor,
  loggedStep,
  prefill,
  prefillOnEntering,
  templateFor,
  templatesForStep,
  toLogContent,
  validateStep,
  type Answers,
  type LogContent,
  type OffSchoolDate,
  type StepError,
  type TemplateContext,
  type TemplateDefinition,
  type TemplateId,
} from "../domain/templates";
import type { Language } from "../i18n/catalog";
import { endSharingNotCovered } from "./bring-in";
import { postCaseEventInThread, postConsentEndedInThread, postStepRaisedInThread } from "./case-thread";
import type { CaseContext } from "./case-context";
import type { CaseDeps } from "./deps";
import { tellLeadersOfRaisedStep } from "./nudge-and-escalate";
import { updateCase } from "./open-case";
import { scheduleEvaluationReminders } from "./reminders";

/** Who runs the conversation on which case, as open-case.ts gave it; `language`: theirs, for what they write. */
export interface Conversant {
  ctx: CaseContext;
  actor: string;
  language: Language;
}

/** The template as this pupil meets it today (the samtykkeerklæring offers the pupil's signature only from the ladder's age). */
function templateOfCase(
  deps: Pick<CaseDeps, "ladders">,
  ctx: CaseContext,
  id: TemplateId,
  ladderId: string,
): TemplateDefinition {
  return formForPupil(templateFor(id, ladderId), ctx.pupil, ctx.today, deps.ladders.forSchool(ctx.school));
}

/** The ladder step's own evaluation period (e.g. «evaluer etter 3 uker») sets the default date of agreed measures. */
export function templateContext(
  deps: Pick<CaseDeps, "ladders">,
  ctx: CaseContext,
  language?: Language,
): TemplateContext {
  const step = ctx.status.step === null ? undefined : findStep(deps.ladders.forSchool(ctx.school), ctx.status.step);
  return {
    ladderId: ctx.status.ladder,
    step: ctx.status.step,
    today: ctx.today,
    pattern: ctx.status.pattern,
    tripTexts: ctx.status.trips.slice(-4).map((t) => t.text),
    evaluationDefault: step?.evaluateAfter ? `${step.evaluateAfter.amount} ${step.evaluateAfter.unit}` : null,
    calendar: createSchoolCalendar(ctx.school),
    ...(language ? { language } : {}),
  };
}

export type ConversationCard =
  /** The card is older than the case, or names a template or draft that is not there. */
  | { kind: "stale" }
  | { kind: "alreadyCompleted" }
  /**
   * The draft where it is now; `invalid`: what the step's answers lack; `offSchool`: dates the step just answered that
   * fall on no school day (kept, with a warning).
   */
  | { kind: "step"; definition: TemplateDefinition; draft: Draft; invalid?: StepError[]; offSchool?: OffSchoolDate[] }
  | { kind: "paused" }
  | { kind: "completed"; definition: TemplateDefinition; entry: LogEntry; offSchool?: OffSchoolDate[] };

/** «Start telefonsamtale»: one draft per template and pupil; a second click (or a redelivery) resumes the same draft. */
export async function startConversation(
  deps: CaseDeps,
  { ctx, actor, language }: Conversant,
  templateId: TemplateId | undefined,
): Promise<ConversationCard> {
  const offered =
    ctx.status.step === null
      ? []
      : templatesForStep(ctx.status.ladder, ctx.status.step, deps.ladders.forSchool(ctx.school));
  if (!templateId || !offered.includes(templateId)) return { kind: "stale" };
  const existing = ctx.openDrafts.find((d) => d.templateId === templateId);
  if (existing) {
    const current = await draftOnCurrentVersion(deps, ctx.pupil.id, existing.id);
    return {
      kind: "step",
      definition: templateOfCase(deps, ctx, existing.templateId, existing.ladderId),
      draft: current?.value ?? existing,
    };
  }
  const definition = templateOfCase(deps, ctx, templateId, ctx.status.ladder);
  const now = deps.clock.now().toISOString();
  // One draft per template and case version: of clicks at the same time, the first creates it, the others resume it.
  const draft: Draft = {
    id: `draft:${definition.id}:v${ctx.record.version}`,
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
  };
  if (!(await deps.cases.createDraft(draft))) {
    const stored = await deps.cases.getDraft(ctx.pupil.id, draft.id);
    return stored ? { kind: "step", definition, draft: stored.value } : { kind: "stale" };
  }
  await updateCase(deps, ctx.pupil.id, () => undefined);
  deps.logger.info({ event: "template_started", pupilId: ctx.pupil.id, templateId: definition.id });
  return { kind: "step", definition, draft };
}

/**
 * A draft begun on an older version of its template (the steps changed) goes on from the first step, with the answers
 * whose fields are still there; its step index would point elsewhere. Stored once, so every card agrees.
 */
async function draftOnCurrentVersion(deps: CaseDeps, pupilId: string, draftId: string) {
  const stored = await deps.cases.getDraft(pupilId, draftId);
  if (!stored || stored.value.status === "completed") return stored;
  const definition = templateFor(stored.value.templateId, stored.value.ladderId);
  if (stored.value.templateVersion === definition.version) return stored;
  const migrated: Draft = {
    ...stored.value,
    templateVersion: definition.version,
    stepIndex: 0,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.cases.saveDraftIfUnchanged(migrated, stored.etag);
  return deps.cases.getDraft(pupilId, draftId);
}

export type Move = "resume" | "next" | "back" | "pause" | "finish";

/**
 * Moves through a draft one card at a time. A card for a step the draft has left (a redelivery, an old card) shows the
 * draft where it is. `readAnswers`: the card's answers to the step it showed, as the template's fields read them.
 */
export async function moveConversation(
  deps: CaseDeps,
  conversant: Conversant,
  move: Move,
  ref: { draftId: string; stepIndex?: number },
  readAnswers: (definition: TemplateDefinition, stepIndex: number) => Answers,
): Promise<ConversationCard> {
  const { ctx, actor, language } = conversant;
  const stored = await draftOnCurrentVersion(deps, ctx.pupil.id, ref.draftId);
  if (!stored) return { kind: "stale" };
  const draft = stored.value;
  const definition = templateOfCase(deps, ctx, draft.templateId, draft.ladderId);
  if (draft.status === "completed") return { kind: "alreadyCompleted" };
  if (move === "resume" || ref.stepIndex !== draft.stepIndex) return { kind: "step", definition, draft };

  const answers = { ...draft.answers, ...readAnswers(definition, draft.stepIndex) };
  const next: Draft = { ...draft, answers, updatedAt: deps.clock.now().toISOString() };
  let offSchool: OffSchoolDate[] = [];
  if (move === "next" || move === "finish") {
    const stepId = definition.steps[draft.stepIndex]!.id;
    const checked = validateStep(definition, stepId, answers);
    if (!checked.ok) return { kind: "step", definition, draft: next, invalid: checked.errors };
    next.answers = { ...answers, ...checked.answers };
    offSchool = datesOffSchool(definition, stepId, checked.answers, createSchoolCalendar(ctx.school));
  }
  if (move === "next") {
    next.stepIndex = Math.min(draft.stepIndex + 1, definition.steps.length - 1);
    // «Oppsummer punktvis» starts from what the areas found (prefill.ts).
    Object.assign(
      next.answers,
      prefillOnEntering(definition, next.stepIndex, next.answers, { ladderId: draft.ladderId, language }),
    );
  }
  if (move === "back") next.stepIndex = Math.max(draft.stepIndex - 1, 0);
  if (move === "finish") {
    if (draft.stepIndex !== definition.steps.length - 1) return { kind: "step", definition, draft };
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
      if (raised) await postStepRaisedInThread(deps, ctx.pupil.id);
    }
  }
  if (!(await deps.cases.saveDraftIfUnchanged(next, stored.etag))) {
    // Someone (or a redelivery) moved the draft first: show where it is now.
    const fresh = await deps.cases.getDraft(ctx.pupil.id, draft.id);
    if (fresh?.value.status === "completed") return { kind: "alreadyCompleted" };
    return { kind: "step", definition, draft: fresh?.value ?? draft };
  }
  if (move === "pause") return { kind: "paused" };
  if (move !== "finish") return { kind: "step", definition, draft: next, offSchool };
  await updateCase(deps, ctx.pupil.id, () => undefined);
  const log = await deps.cases.logEntries(ctx.pupil.id);
  // The form just logged may withdraw or narrow the samtykke that let a service in.
  if (definition.id === "consent") await consentChanged(deps, ctx, currentConsent(log), actor, language);
  await postConversationInThread(deps, ctx, definition.id, next.logEntryId!);
  deps.logger.info({ event: "template_completed", pupilId: ctx.pupil.id, templateId: draft.templateId });
  return { kind: "completed", definition, entry: log.find((e) => e.id === next.logEntryId)!, offSchool };
}

/** The §2.8 documentation of a completed template: one log entry and the agreed measures, both idempotent by id. */
async function writeDocumentation(
  deps: CaseDeps,
  ctx: CaseContext,
  definition: TemplateDefinition,
  draft: Draft,
  actor: string,
): Promise<LogContent> {
  const content = toLogContent(definition, draft.answers, templateContext(deps, ctx));
  const now = deps.clock.now().toISOString();
  const step = loggedStep(draft.step, content.assessedStep);
  await deps.cases.appendLog({
    ...content,
    id: draft.logEntryId!,
    pupilId: ctx.pupil.id,
    kind: logKindFor(draft.ladderId, step),
    templateId: draft.templateId,
    step,
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

/** A samtykkeerklæring: sharing it no longer covers ends; the case's thread hears of the new samtykke or of its end. */
async function consentChanged(
  deps: CaseDeps,
  ctx: CaseContext,
  consent: ReturnType<typeof currentConsent>,
  actor: string,
  language: Language,
): Promise<void> {
  const ended = await endSharingNotCovered(deps, ctx, consent, actor, language);
  if (consent?.status === "given") await postCaseEventInThread(deps, ctx.pupil.id, { kind: "consentChanged", consent });
  else if (ended.length === 0) await postConsentEndedInThread(deps, ctx);
}

/** A nærværsmøte held and measures agreed go to the case's thread (when it has one) as dates and counts. */
async function postConversationInThread(
  deps: CaseDeps,
  ctx: CaseContext,
  templateId: string,
  logEntryId: string,
): Promise<void> {
  const entry = (await deps.cases.logEntries(ctx.pupil.id)).find((e) => e.id === logEntryId);
  if (!entry) return;
  if (templateId === "attendance_meeting")
    await postCaseEventInThread(deps, ctx.pupil.id, { kind: "meetingHeld", date: entry.contactDate });
  const agreed = (await deps.cases.measures(ctx.pupil.id)).filter((m) => m.draftId === logEntryId.slice(4));
  if (agreed.length > 0)
    await postCaseEventInThread(deps, ctx.pupil.id, {
      kind: "measuresAgreed",
      count: agreed.length,
      evaluationDates: [...new Set(agreed.map((m) => m.evaluationDate))].sort(),
    });
}
