import type { TurnContext } from "botbuilder";
import { z } from "zod";
import { closeReasons } from "../../domain/case";
import { serviceRoles } from "../../domain/consent";
import { institutionOf } from "../../domain/templates";
import { isIsoDate } from "../../domain/dates";
import { fill, messagesFor } from "../../i18n/catalog";
import { absenceMessageDrafts, absenceOfCase } from "../../usecases/absence-of-case";
import { bringIn } from "../../usecases/bring-in";
import { closeCase, reopenCase } from "../../usecases/close-case";
import { dismissCase, remindLater } from "../../usecases/dismiss-and-remind";
import { loadCase } from "../../usecases/open-case";
import type { BotDeps } from "../deps";
import { buildAbsenceView } from "../views/absence-view";
import { buildArchiveView } from "../views/archive-view";
import { caseCardReply, currentCaseCardReply, messageCard, openCaseForAction, type CardJson } from "./reply";

export async function handleCaseRefresh(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data, { services: true });
  if (!opened.ok) return opened.card;
  return caseCardReply(deps, opened.ctx, opened.language, { access: opened.access });
}

const bringInData = z.object({ role: z.enum(serviceRoles) });

/** «Koble på helsesykepleier / PPT» (usecases/bring-in.ts). */
export async function handleBringIn(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor } = opened;
  const m = messagesFor(language).case;
  const parsed = bringInData.safeParse(data);
  if (!parsed.success) return messageCard(deps, m.staleAction);
  const service = messagesFor(language).roles[parsed.data.role];
  const result = await bringIn(deps, ctx, actor, parsed.data.role, language);
  if (result.kind === "noConsent")
    return caseCardReply(deps, ctx, language, { note: fill(m.bringInNoConsent, { service }) });
  if (result.kind === "noStaff")
    return caseCardReply(deps, ctx, language, { note: fill(m.bringInNoStaff, { service }) });
  const names = result.staff.map((s) => s.name).join(", ");
  return currentCaseCardReply(deps, ctx, language, { note: fill(m.bringInDone, { names }) });
}

const dismissData = z.object({
  reasonChoice: z.string().trim().max(40).optional(),
  reasonText: z.string().trim().max(300).default(""),
  // A card from before the choice list sent its free text as `reason`: it is read as «annet».
  reason: z.string().trim().max(300).default(""),
});

/** «Ikke bekymringsfullt» (usecases/dismiss-and-remind.ts); a card older than the case answers with the current card and says why. */
export async function handleDismiss(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor } = opened;
  const m = messagesFor(language).case;
  const sent = dismissData.parse(data ?? {});
  const reason = sent.reasonChoice
    ? { choice: sent.reasonChoice, otherText: sent.reasonText }
    : { choice: sent.reason ? "other" : "", otherText: sent.reason };
  const result = await dismissCase(deps, ctx, actor, reason, opened.version, language);
  // The current case: a click at the same moment may have made the change this one found made.
  if (result.kind === "unchanged")
    return caseCardReply(deps, (await loadCase(deps, ctx.pupil.id, ctx.pupil)) ?? ctx, language);
  if (result.kind === "stale") return caseCardReply(deps, ctx, language, { note: m.staleAction });
  if (result.kind === "reasonRequired") return caseCardReply(deps, ctx, language, { note: m.reasonRequired });
  return currentCaseCardReply(deps, ctx, language);
}

const remindData = z.object({ remindAt: z.string().datetime() });

/** «Minn meg på det senere» (usecases/dismiss-and-remind.ts). */
export async function handleRemind(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor } = opened;
  const parsed = remindData.safeParse(data);
  if (!parsed.success) return caseCardReply(deps, ctx, language);
  const dueAt = new Date(parsed.data.remindAt);
  if (!(await remindLater(deps, ctx, actor, dueAt))) return caseCardReply(deps, ctx, language);
  const when = dueAt.toLocaleString(language === "en" ? "en-GB" : "nb-NO", {
    timeZone: ctx.school.timeZone,
    weekday: "long",
    hour: "2-digit",
    minute: "2-digit",
  });
  return caseCardReply(deps, ctx, language, { note: fill(messagesFor(language).case.reminderSet, { when }) });
}

export async function handleShowAbsence(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data, { services: true });
  if (!opened.ok) return opened.card;
  const { ctx, language } = opened;
  const events = await absenceOfCase(deps, ctx);
  return deps.cards.render(
    "absence",
    buildAbsenceView({ pupil: ctx.pupil, pattern: ctx.status.pattern, events, language, ladderId: ctx.status.ladder }),
  );
}

/** Drafts of the message to guardians for the teacher to copy (usecases/absence-of-case.ts). */
export async function handleAbsenceMessage(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor } = opened;
  const m = messagesFor(language, institutionOf(ctx.status.ladder)).case;
  const drafts = await absenceMessageDrafts(deps, ctx, actor, language);
  return deps.cards.render("absence-message", {
    title: m.absenceMessage,
    intro: m.absenceMessageIntro,
    copyLabel: m.copyLabel,
    drafts: drafts.map((d) => ({ ...d, inputId: `draft_${d.id}`, maxLength: 2000 })),
    back: m.back,
    backData: { pupilId: ctx.pupil.id },
  });
}

/** «Til elevmappen»: every entry of the case's log as text to copy into the school's archive. */
export async function handleArchive(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language } = opened;
  deps.logger.info({ event: "archive_text_shown", pupilId: ctx.pupil.id, entries: ctx.log.length });
  const view = buildArchiveView(
    {
      pupil: ctx.pupil,
      schoolName: ctx.school.name,
      ladderId: ctx.status.ladder,
      log: ctx.log,
      authorNames: ctx.authorNames,
      language,
    },
    { pupilId: ctx.pupil.id },
  );
  return deps.cards.render("absence-message", view);
}

const closeData = z.object({
  closeReason: z.enum(closeReasons),
  closeText: z.string().max(300).default(""),
  closeOn: z.string().refine(isIsoDate).optional(),
});

/** «Avslutt saken» (usecases/close-case.ts): the case card as it stands after, or with the line saying what is missing. */
export async function handleClose(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor, access } = opened;
  const m = messagesFor(language).case;
  const parsed = closeData.safeParse(data);
  if (!parsed.success) return caseCardReply(deps, ctx, language, { access, note: m.closeDateInvalid });
  const { closeReason, closeText, closeOn } = parsed.data;
  const result = await closeCase(
    deps,
    ctx,
    access,
    actor,
    { reason: closeReason, text: closeText, on: closeOn },
    opened.version,
    language,
  );
  if (result.kind === "closed") return caseCardReply(deps, { ...ctx, record: result.record }, language, { access });
  const notes = {
    notAllowed: m.closeNotAllowed,
    stale: m.staleAction,
    alreadyClosed: m.staleAction,
    textRequired: m.closeTextRequired,
    invalidDate: m.closeDateInvalid,
  };
  const current = result.kind === "notAllowed" ? ctx : ((await loadCase(deps, ctx.pupil.id, ctx.pupil)) ?? ctx);
  return caseCardReply(deps, current, language, { access, note: notes[result.kind] });
}

/** «Gjenåpne saken» (usecases/close-case.ts). */
export async function handleReopen(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor, access } = opened;
  const result = await reopenCase(deps, ctx, access, actor, opened.version, language);
  if (result.kind === "reopened") return caseCardReply(deps, { ...ctx, record: result.record }, language, { access });
  const m = messagesFor(language).case;
  const note = result.kind === "notAllowed" ? m.closeNotAllowed : m.staleAction;
  return caseCardReply(deps, (await loadCase(deps, ctx.pupil.id, ctx.pupil)) ?? ctx, language, { access, note });
}
