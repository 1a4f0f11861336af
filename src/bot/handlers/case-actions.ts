import type { TurnContext } from "botbuilder";
import { z } from "zod";
import { fill, messagesFor, type Language } from "../../i18n/catalog";
import { shortDate } from "../../i18n/dates";
import { draftAbsenceMessages } from "../../domain/templates";
import type { BotDeps } from "../deps";
import { buildArchiveView } from "../views/archive-view";
import { consentCovers, currentConsent, serviceRoles } from "../../domain/consent";
import {
  accessOf,
  caseEventEntry,
  loadCase,
  renderCaseCard,
  sharedEntryText,
  updateCase,
  type Access,
  type CaseContext,
} from "../case-service";
import { languageOfUser, resolveLanguage } from "../language";
import { readSender } from "../turn";

type CardJson = Record<string, unknown>;

const caseRef = z.object({
  pupilId: z.string().min(1).max(64),
  caseVersion: z.coerce.number().int().min(1).optional(),
});

export function messageCard(deps: BotDeps, title: string, lines: string[] = []): CardJson {
  return deps.cards.render("message", { title, lines });
}

/** Every case action starts here: parse the card data, load the case, and check the sender against the case's roles. */
export async function openCaseForAction(
  context: TurnContext,
  deps: BotDeps,
  data: unknown,
  options: { services?: boolean } = {},
): Promise<
  | { ok: true; ctx: CaseContext; language: Language; actor: string; access: Access; version?: number }
  | { ok: false; card: CardJson }
> {
  const language = await resolveLanguage(context, deps);
  const m = messagesFor(language).case;
  const parsed = caseRef.safeParse(data);
  if (!parsed.success) return { ok: false, card: messageCard(deps, m.unknownPupil) };
  const pupil = await deps.roster.getPupil(parsed.data.pupilId);
  if (!pupil) return { ok: false, card: messageCard(deps, m.unknownPupil) };
  // The sender is checked before the case is loaded: loading opens it, and a refused action must change nothing.
  const actor = readSender(context).aadObjectId;
  const access = actor ? await accessOf(deps, actor, pupil) : undefined;
  // A service brought in under samtykke only reads: every action that changes the case is refused to it.
  if (!actor || !access || (access === "service" && !options.services)) {
    deps.logger.warn({
      event: "case_action_refused",
      pupilId: pupil.id,
      verb: (context.activity.value as { action?: { verb?: string } })?.action?.verb,
    });
    return { ok: false, card: messageCard(deps, m.notAllowed) };
  }
  const ctx = await loadCase(deps, pupil.id, pupil);
  if (!ctx) return { ok: false, card: messageCard(deps, m.unknownPupil) };
  return { ok: true, ctx, language, actor, access, version: parsed.data.caseVersion };
}

export async function handleCaseRefresh(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data, { services: true });
  if (!opened.ok) return opened.card;
  return renderCaseCard(deps, opened.ctx, opened.language, { access: opened.access }).content as CardJson;
}

const bringInData = z.object({ role: z.enum(serviceRoles) });

/**
 * «Koble på helsesykepleier / PPT»: only under a samtykke that covers the service (003 «Tverrfaglig
 * samtykkeerklæring»; 001 «Trinn 2»: «Det må da foreligge samtykke fra elev og/eller foresatte»). Every person with
 * that role at the school may then read the case and gets it in Teams, once.
 */
export async function handleBringIn(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor } = opened;
  const m = messagesFor(language).case;
  const parsed = bringInData.safeParse(data);
  if (!parsed.success) return messageCard(deps, m.staleAction);
  const role = parsed.data.role;
  const service = messagesFor(language).roles[role];
  const consent = currentConsent(ctx.log);
  if (!consent || !consentCovers(consent, role))
    return renderCaseCard(deps, ctx, language, { note: fill(m.bringInNoConsent, { service }) }).content as CardJson;
  const staff = (await deps.roster.staffWithRole(ctx.pupil.schoolId, role)).filter((s) => s.aadObjectId !== actor);
  if (staff.length === 0)
    return renderCaseCard(deps, ctx, language, { note: fill(m.bringInNoStaff, { service }) }).content as CardJson;
  const at = deps.clock.now().toISOString();
  let added: string[] = [];
  const record = await updateCase(deps, ctx.pupil.id, (r) => {
    const shared = r.sharedWith ?? [];
    // A redelivered click finds them already there and adds no one.
    added = staff
      .map((s) => s.aadObjectId)
      .filter((id) => !shared.some((x) => x.aadObjectId === id && x.role === role));
    r.sharedWith = [...shared, ...added.map((aadObjectId) => ({ aadObjectId, role, by: actor, at }))];
  });
  if (added.length > 0) {
    const names = staff.filter((s) => added.includes(s.aadObjectId)).map((s) => s.name);
    await deps.cases.appendLog(
      caseEventEntry(ctx, {
        id: `log:shared:${role}:${record.version}`,
        templateId: "shared",
        author: actor,
        at,
        furtherMeasures: sharedEntryText(language, role, names, consent.date),
      }),
    );
  }
  const byName = (await deps.roster.getStaff(actor))?.name ?? "";
  for (const aadObjectId of added) {
    const theirs = await languageOfUser(deps, aadObjectId);
    const note = fill(messagesFor(theirs).case.sharedWithYou, { by: byName, date: shortDate(consent.date) });
    await deps.notifier.sendToUser(aadObjectId, {
      attachments: [renderCaseCard(deps, { ...ctx, record }, theirs, { note, access: "service" })],
    });
  }
  deps.logger.info({ event: "case_shared", pupilId: ctx.pupil.id, role, added: added.length });
  const names = staff.map((s) => s.name).join(", ");
  return renderCaseCard(deps, { ...ctx, record }, language, { note: fill(m.bringInDone, { names }) })
    .content as CardJson;
}

/** A card older than the case answers with the current card and says why, instead of acting on stale facts. */
function staleCard(deps: BotDeps, ctx: CaseContext, language: Language): CardJson {
  return renderCaseCard(deps, ctx, language, { note: messagesFor(language).case.staleAction }).content as CardJson;
}

const dismissData = z.object({ reason: z.string().trim().max(300).default("") });

export async function handleDismiss(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor } = opened;
  const reason = dismissData.parse(data ?? {}).reason;
  if (ctx.record.dismissal && ctx.record.dismissal.reason === reason)
    return renderCaseCard(deps, ctx, language).content as CardJson;
  if (opened.version !== undefined && opened.version !== ctx.record.version) return staleCard(deps, ctx, language);
  if (!reason)
    return renderCaseCard(deps, ctx, language, { note: messagesFor(language).case.reasonRequired }).content as CardJson;
  const at = deps.clock.now().toISOString();
  const record = await updateCase(deps, ctx.pupil.id, (r) => {
    r.dismissal = { reason, by: actor, at };
  });
  await deps.cases.appendLog(
    caseEventEntry(ctx, {
      id: `log:dismissal:${record.version}`,
      templateId: "dismissal",
      author: actor,
      at,
      reasonForContact: ctx.status.trips
        .slice(-3)
        .map((t) => t.label)
        .join("; "),
      summary: reason,
    }),
  );
  deps.logger.info({ event: "case_dismissed", pupilId: ctx.pupil.id });
  return renderCaseCard(deps, { ...ctx, record }, language).content as CardJson;
}

const remindData = z.object({ remindAt: z.string().datetime() });

export async function handleRemind(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor } = opened;
  const parsed = remindData.safeParse(data);
  if (!parsed.success) return renderCaseCard(deps, ctx, language).content as CardJson;
  const dueAt = new Date(parsed.data.remindAt);
  const now = deps.clock.now();
  // The card offers choices, but the value is the client's: keep it between now and two school days ahead.
  if (dueAt.getTime() <= now.getTime() || dueAt.getTime() - now.getTime() > 4 * 24 * 3600_000)
    return renderCaseCard(deps, ctx, language).content as CardJson;
  await deps.reminders.schedule({ pupilId: ctx.pupil.id, aadObjectId: actor, dueAt: dueAt.toISOString() });
  const when = dueAt.toLocaleString(language === "en" ? "en-GB" : "nb-NO", {
    timeZone: ctx.school.timeZone,
    weekday: "long",
    hour: "2-digit",
    minute: "2-digit",
  });
  return renderCaseCard(deps, ctx, language, { note: fill(messagesFor(language).case.reminderSet, { when }) })
    .content as CardJson;
}

export async function handleShowAbsence(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data, { services: true });
  if (!opened.ok) return opened.card;
  const { ctx, language } = opened;
  const m = messagesFor(language).case;
  const events = (await deps.absences.listOfPupil(ctx.pupil.id)).filter(
    (e) => e.date <= ctx.today && e.date >= ctx.status.pattern.from,
  );
  events.sort((a, b) => b.date.localeCompare(a.date));
  const rows = events.slice(0, 40).map((e) => ({
    date: shortDate(e.date),
    what: [
      m.absenceKinds[e.kind],
      e.lessons ? `${e.lessons} t` : "",
      e.subject ?? "",
      e.minutes ? `${e.minutes} min` : "",
    ]
      .filter(Boolean)
      .join(" · "),
    documented: e.documented === undefined ? "" : e.documented ? m.documented : m.undocumented,
    color: e.documented === false ? "Attention" : "Default",
  }));
  return deps.cards.render("absence", {
    title: fill(m.absenceTitle, { pupil: ctx.pupil.name, className: ctx.pupil.className }),
    empty: m.absenceEmpty,
    rows,
    back: m.back,
    backData: { pupilId: ctx.pupil.id },
  });
}

/** Drafts of the message to guardians (seed 002 §2.3) for the teacher to copy; dates only, never causes. */
export async function handleAbsenceMessage(context: TurnContext, deps: BotDeps, data: unknown): Promise<CardJson> {
  const opened = await openCaseForAction(context, deps, data);
  if (!opened.ok) return opened.card;
  const { ctx, language, actor } = opened;
  const m = messagesFor(language).case;
  const recent = (await deps.absences.listOfPupil(ctx.pupil.id))
    .filter((e) => (e.kind === "day" || e.kind === "lesson") && e.date <= ctx.today)
    .map((e) => e.date)
    .sort()
    .slice(-5);
  const teacher = await deps.roster.getStaff(actor);
  const drafts = draftAbsenceMessages({
    pupilFirstName: ctx.pupil.name.split(" ")[0] ?? "",
    dates: [...new Set(recent)],
    schoolName: ctx.school.name,
    teacherName: teacher?.name ?? "",
    language,
  });
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
