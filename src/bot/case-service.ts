import type { Attachment } from "botbuilder";
import { createSchoolCalendar } from "../domain/calendar";
import {
  consentCovers,
  currentConsent,
  isServiceRole,
  serviceRoles,
  type ConsentRecord,
  type ServiceRole,
} from "../domain/consent";
import { toLocalIsoDate } from "../domain/dates";
import { measuresDue } from "../domain/measure-evaluation";
import { isLeadRole, type Pupil, type School } from "../domain/roster";
import { fill, messagesFor, type Language } from "../i18n/catalog";
import { shortDate, weekdayName } from "../i18n/dates";
import { localTimeToInstant } from "../i18n/local-time";
import type { CaseRecord, Draft, LogEntry, MeasureRecord, SharedWith } from "../store/case-repo";
import type { PupilStatus } from "../store/status-repo";
import type { BotDeps } from "./deps";
import { languageOfUser } from "./language";
import { buildCaseView } from "./views/case-view";

export interface CaseContext {
  pupil: Pupil;
  school: School;
  status: PupilStatus;
  record: CaseRecord;
  etag: string;
  openDrafts: Draft[];
  /** The case's documentation, oldest first, with the authors' names for the timeline. */
  log: LogEntry[];
  authorNames: Record<string, string>;
  /** Every measure agreed in the case, active or evaluated. */
  measures: MeasureRecord[];
  today: string;
}

/** A contact teacher or lead acts on the case; a service (helsesykepleier, PPT brought in under samtykke) reads it. */
export type Access = "contact_teacher" | "coordinator" | "service";

/**
 * Who may act on a pupil's case: the pupil's contact teachers and the school's coordinator, principal or team lead.
 * A helsesykepleier or PPT of the school may read it while they are brought in and the samtykke in force covers
 * their service: a withdrawal ends it. Never from card data.
 */
export async function accessOf(
  deps: BotDeps,
  aadObjectId: string | undefined,
  pupil: Pupil,
): Promise<Access | undefined> {
  if (!aadObjectId) return undefined;
  if (pupil.contactTeacherIds.includes(aadObjectId)) return "contact_teacher";
  const staff = await deps.roster.getStaff(aadObjectId);
  const roles = staff?.roles.filter((r) => r.schoolId === pupil.schoolId).map((r) => r.role) ?? [];
  if (roles.some(isLeadRole)) return "coordinator";
  if (!roles.some(isServiceRole)) return undefined;
  const record = (await deps.cases.get(pupil.id))?.value;
  const shared = (record?.sharedWith ?? []).filter((s) => s.aadObjectId === aadObjectId && roles.includes(s.role));
  if (shared.length === 0) return undefined;
  const consent = currentConsent(await deps.cases.logEntries(pupil.id));
  return shared.some((s) => consentCovers(consent, s.role)) ? "service" : undefined;
}

/**
 * A log entry for a decision on the case that is not a template (ikke bekymringsfullt, a service brought in or taken
 * off, leaders told): dated today, in the fraværslogg on the first step and the elevlogg above.
 */
export function caseEventEntry(
  ctx: { pupil: Pick<Pupil, "id">; status: Pick<PupilStatus, "step">; today: string },
  event: {
    id: string;
    templateId: "dismissal" | "shared" | "unshared" | "escalated";
    author: string;
    at: string;
    reasonForContact?: string;
    furtherMeasures?: string;
    summary?: string;
  },
): LogEntry {
  return {
    id: event.id,
    pupilId: ctx.pupil.id,
    kind: ctx.status.step !== null && ctx.status.step > 0 ? "pupil_log" : "absence_log",
    templateId: event.templateId,
    step: ctx.status.step,
    author: event.author,
    writtenAt: event.at,
    contactDate: ctx.today,
    reasonForContact: event.reasonForContact ?? "",
    guardiansViewOfCause: [],
    furtherMeasures: event.furtherMeasures ?? "",
    nextContactDate: null,
    summary: event.summary ?? "",
    measures: [],
  };
}

/** «helsesykepleier: Hanne H. (samtykke 18.11)» for the timeline, in the writer's language; without a date when taken off. */
export function sharedEntryText(
  language: Language,
  role: ServiceRole,
  names: readonly string[],
  consentDate?: string,
): string {
  const m = messagesFor(language).case;
  const values = { service: messagesFor(language).roles[role], names: names.join(", ") };
  return consentDate ? fill(m.sharedEntry, { ...values, date: shortDate(consentDate) }) : fill(m.unsharedEntry, values);
}

/**
 * After a samtykkeerklæring: whoever was brought in under a consent that no longer covers their service (withdrawn,
 * refused, or the service no longer ticked) is taken off the case and told, once. They need to be brought in again
 * under a new consent.
 */
export async function endSharingNotCovered(
  deps: BotDeps,
  ctx: CaseContext,
  consent: ConsentRecord | null,
  actor: string,
  language: Language,
): Promise<string[]> {
  const current = (await deps.cases.get(ctx.pupil.id))?.value;
  if (!(current?.sharedWith ?? []).some((s) => !consentCovers(consent, s.role))) return [];
  let ended: SharedWith[] = [];
  const record = await updateCase(deps, ctx.pupil.id, (r) => {
    const shared = r.sharedWith ?? [];
    ended = shared.filter((s) => !consentCovers(consent, s.role));
    r.sharedWith = shared.filter((s) => consentCovers(consent, s.role));
  });
  const at = deps.clock.now().toISOString();
  for (const role of serviceRoles) {
    const names = await Promise.all(
      ended.filter((s) => s.role === role).map(async (s) => (await deps.roster.getStaff(s.aadObjectId))?.name ?? ""),
    );
    if (names.length === 0) continue;
    const text = sharedEntryText(language, role, names);
    await deps.cases.appendLog(
      caseEventEntry(ctx, {
        id: `log:unshared:${role}:${record.version}`,
        templateId: "unshared",
        author: actor,
        at,
        furtherMeasures: text,
      }),
    );
  }
  for (const aadObjectId of new Set(ended.map((s) => s.aadObjectId))) {
    const m = messagesFor(await languageOfUser(deps, aadObjectId)).case;
    await deps.notifier.sendToUser(aadObjectId, {
      attachments: [
        deps.cards.attachment("message", {
          title: fill(m.sharingEnded, { pupil: ctx.pupil.name, className: ctx.pupil.className }),
          lines: [],
        }),
      ],
    });
  }
  deps.logger.info({ event: "case_sharing_ended", pupilId: ctx.pupil.id, ended: ended.length });
  return ended.map((s) => s.aadObjectId);
}

/**
 * Loads everything a case card shows, opening the case on first use. Undefined when the pupil has no evaluated
 * status. `known`: the pupil, when the caller has read it already (to check the sender first).
 */
export async function loadCase(deps: BotDeps, pupilId: string, known?: Pupil): Promise<CaseContext | undefined> {
  const pupil = known ?? (await deps.roster.getPupil(pupilId));
  if (!pupil) return undefined;
  const [school, stored] = await Promise.all([deps.roster.getSchool(pupil.schoolId), deps.statuses.get(pupilId)]);
  if (!school || !stored) return undefined;
  const now = deps.clock.now();
  let current = await deps.cases.get(pupilId);
  if (!current) {
    const record: CaseRecord = {
      pupilId,
      schoolId: pupil.schoolId,
      version: 1,
      openedAt: now.toISOString(),
      nudgedStep: null,
      dismissal: null,
      cards: {},
      updatedAt: now.toISOString(),
    };
    await deps.cases.saveIfUnchanged(record, undefined);
    current = await deps.cases.get(pupilId);
  }
  const [openDrafts, log, measures] = await Promise.all([
    deps.cases.openDrafts(pupilId),
    deps.cases.logEntries(pupilId),
    deps.cases.measures(pupilId),
  ]);
  const authorNames: Record<string, string> = {};
  for (const author of new Set(log.map((e) => e.author)))
    authorNames[author] = (await deps.roster.getStaff(author))?.name ?? "";
  return {
    pupil,
    school,
    status: stored.status,
    record: current!.value,
    etag: current!.etag,
    openDrafts,
    log,
    authorNames,
    measures,
    today: toLocalIsoDate(now, school.timeZone),
  };
}

/**
 * Applies a change to the case record with optimistic concurrency. A decision bumps the version, which makes
 * older cards stale; bookkeeping (where a card was sent) does not.
 */
export async function updateCase(
  deps: BotDeps,
  pupilId: string,
  change: (record: CaseRecord) => void,
  options: { bump: boolean } = { bump: true },
): Promise<CaseRecord> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.cases.get(pupilId);
    if (!current) throw new Error(`No case for pupil ${pupilId}`);
    const next: CaseRecord = structuredClone(current.value);
    change(next);
    next.version = current.value.version + (options.bump ? 1 : 0);
    next.updatedAt = deps.clock.now().toISOString();
    if (await deps.cases.saveIfUnchanged(next, current.etag)) return next;
  }
  throw new Error(`Case ${pupilId} kept changing; try again`);
}

/** «Om to timer» and the next school day at 08:00, as long as they fall before the end of the deadline day. */
function reminderChoices(ctx: CaseContext, now: Date, language: Language): { title: string; value: string }[] {
  const m = messagesFor(language).case;
  const calendar = createSchoolCalendar(ctx.school);
  const nextDay = calendar.nextSchoolDay(ctx.today);
  const deadline = ctx.status.required?.deadline ?? null;
  const choices = [{ title: m.remindInTwoHours, value: new Date(now.getTime() + 2 * 3600_000).toISOString() }];
  if (!deadline || nextDay <= deadline) {
    choices.push({
      title: fill(m.remindTomorrow, { weekday: weekdayName(nextDay, language) }),
      value: localTimeToInstant(nextDay, "08:00", ctx.school.timeZone).toISOString(),
    });
  }
  return choices;
}

export function renderCaseCard(
  deps: BotDeps,
  ctx: CaseContext,
  language: Language,
  options: { tripKeys?: readonly string[]; note?: string; access?: Access } = {},
): Attachment {
  const view = buildCaseView({
    access: options.access ?? "contact_teacher",
    pupil: ctx.pupil,
    status: ctx.status,
    ladder: deps.ladders.forSchool(ctx.school),
    record: ctx.record,
    openDrafts: ctx.openDrafts,
    log: ctx.log,
    measuresDue: measuresDue(ctx.measures, ctx.today).length,
    authorNames: ctx.authorNames,
    language,
    today: ctx.today,
    tripKeys: options.tripKeys,
    note: options.note,
    remindChoices: reminderChoices(ctx, deps.clock.now(), language),
  });
  return deps.cards.attachment("nudge", view);
}

/**
 * The evaluation the measures were agreed with (001 «Trinn 4: Evaluering»: «Innkall til evalueringsmøte etter tre
 * uker»): the one who agreed them is reminded at 08:00 on each evaluation date. `agreedIn`: the conversation or
 * evaluation the measures came from (their draftId).
 */
export async function scheduleEvaluationReminders(
  deps: BotDeps,
  ctx: CaseContext,
  actor: string,
  agreedIn: string,
  measures: readonly Pick<MeasureRecord, "evaluationDate">[],
): Promise<void> {
  for (const date of new Set(measures.map((m) => m.evaluationDate))) {
    const dueAt = localTimeToInstant(date, "08:00", ctx.school.timeZone);
    if (dueAt.getTime() > deps.clock.now().getTime())
      await deps.reminders.schedule({
        pupilId: ctx.pupil.id,
        aadObjectId: actor,
        dueAt: dueAt.toISOString(),
        evaluationOf: agreedIn,
      });
  }
}
