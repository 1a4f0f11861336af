import type { TurnContext } from "botbuilder";
import { z } from "zod";
import type { Draft, LogEntry } from "../../domain/case";
import { stepWordOf } from "../../domain/status";
import { institutionOf, type OffSchoolDate } from "../../domain/templates";
import { templateIds, type TemplateDefinition } from "../../domain/templates/types";
import { fill, messagesFor, type Language } from "../../i18n/catalog";
import { fullDate, shortDate, weekdayName } from "../../i18n/dates";
import type { CaseContext } from "../../usecases/case-context";
import { correctLogEntry } from "../../usecases/correct-log";
import { moveConversation, startConversation, type ConversationCard, type Move } from "../../usecases/run-conversation";
import type { BotDeps } from "../deps";
import { logEntryFacts, logEntryMeasures } from "../views/log-entry-view";
import { buildTemplateStepView, readStepAnswers } from "../views/template-view";
import { messageCard, openCaseForAction, type CardJson } from "./reply";

function stepCard(
  deps: BotDeps,
  ctx: CaseContext,
  definition: TemplateDefinition,
  draft: Draft,
  language: Language,
  options: { errors?: string[]; notes?: string[] } = {},
): CardJson {
  const ladder = deps.ladders.forSchool(ctx.school);
  return deps.cards.render(
    "template-step",
    buildTemplateStepView(definition, draft, language, {
      ...options,
      ladder: {
        stepWord: stepWordOf(ctx.status.ladder, language),
        steps: ladder.steps.map((s) => ({ number: s.number, name: s.name })),
        current: ctx.status.step,
        here: fill(messagesFor(language).template.ladderHere, { name: ctx.pupil.name }),
      },
    }),
  );
}

/** «Neste møte: 28.12.2026 er ikke en skoledag (Juleferie) …» for each date the teacher chose off the school's days. */
export function offSchoolNotes(offSchool: readonly OffSchoolDate[] | undefined, language: Language): string[] {
  const t = messagesFor(language).template;
  return (offSchool ?? []).map((o) =>
    fill(t.dateOffSchool, {
      label: o.label[language].replace(/[?:*\s]+$/, ""),
      date: fullDate(o.date),
      day: o.holiday ?? weekdayName(o.date, language),
    }),
  );
}

/** The card for where the conversation is (usecases/run-conversation.ts). */
async function conversationReply(
  deps: BotDeps,
  ctx: CaseContext,
  card: ConversationCard,
  language: Language,
): Promise<CardJson> {
  const t = messagesFor(language).template;
  switch (card.kind) {
    case "stale":
      return messageCard(deps, messagesFor(language).case.staleAction);
    case "alreadyCompleted":
      return messageCard(deps, t.alreadyCompleted);
    case "paused":
      return messageCard(deps, t.paused);
    case "step":
      return stepCard(
        deps,
        ctx,
        card.definition,
        card.draft,
        language,
        card.invalid
          ? { errors: [t.requiredMissing, ...card.invalid.map((e) => e.message[language])] }
          : { notes: offSchoolNotes(card.offSchool, language) },
      );
    case "completed":
      return renderLogEntry(deps, ctx, card.definition.title[language], card.entry, language, t.completedTitle, {
        notes: offSchoolNotes(card.offSchool, language),
      });
  }
}

const startData = z.object({ templateId: z.enum(templateIds) });

/** «Start telefonsamtale»: one draft per template and pupil; a second click (or a redelivery) resumes the same draft. */
export async function handleTemplateStart(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const parsed = startData.safeParse(data);
  const card = await startConversation(deps, opened, parsed.success ? parsed.data.templateId : undefined);
  return conversationReply(deps, opened.ctx, card, opened.language);
}

const draftRef = z.object({ draftId: z.string().min(1).max(80), stepIndex: z.coerce.number().int().min(0).optional() });

/** Moves through a draft one card at a time (usecases/run-conversation.ts). */
export function createTemplateMoveHandler(move: Move) {
  return async (context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> => {
    const opened = await openCaseForAction(context, deps, data);
    if (!opened.ok) return opened.card;
    const ref = draftRef.safeParse(data);
    if (!ref.success) return messageCard(deps, messagesFor(opened.language).case.staleAction);
    const card = await moveConversation(deps, opened, move, ref.data, (definition, stepIndex) =>
      readStepAnswers(definition, stepIndex, (data ?? {}) as Record<string, unknown>),
    );
    return conversationReply(deps, opened.ctx, card, opened.language);
  };
}

async function authorName(deps: BotDeps, aadObjectId: string): Promise<string> {
  return (await deps.roster.getStaff(aadObjectId))?.name ?? aadObjectId;
}

export async function renderLogEntry(
  deps: BotDeps,
  ctx: CaseContext,
  templateTitle: string,
  entry: LogEntry,
  language: Language,
  titleTemplate: string,
  options: { notes?: string[] } = {},
): Promise<CardJson> {
  const t = messagesFor(language, institutionOf(ctx.status.ladder)).template;
  const m = messagesFor(language, institutionOf(ctx.status.ladder)).case;
  return deps.cards.render("log-entry", {
    title: fill(titleTemplate, { template: templateTitle }),
    notes: options.notes ?? [],
    subtitle: fill(t.completedIn, { log: t.logNames[entry.kind], date: shortDate(entry.writtenAt.slice(0, 10)) }),
    facts: logEntryFacts(entry, ctx.pupil, await authorName(deps, entry.author), ctx.status.ladder, language),
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

/** «Rett»: a correction as a new entry (usecases/correct-log.ts). */
export async function handleLogCorrection(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const m = messagesFor(opened.language).case;
  const parsed = correction.safeParse(data);
  const entry = parsed.success
    ? await correctLogEntry(deps, opened.ctx, opened.actor, parsed.data.entryId, parsed.data.correction)
    : undefined;
  if (!entry) return messageCard(deps, m.staleAction);
  return messageCard(deps, m.correctionOf, [m.correctionSaved]);
}
