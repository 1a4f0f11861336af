import { consentCovers, currentConsent, type ServiceRole } from "../domain/consent";
import { leadRoles } from "../domain/roster";
import type { CaseContext } from "./case-context";
import type { CaseDeps } from "./deps";
import { loadCase, updateCase } from "./open-case";
import type { AnonymousSummary, CaseThreadEvent, Mention } from "./ports";

type ThreadDeps = Pick<CaseDeps, "roster" | "cases" | "statuses" | "clock" | "caseCards" | "logger" | "absences">;

/**
 * Everyone who may see the case's details, as `accessOf` decides it person by person: the contact teachers, the
 * school's leaders, and the services brought in while the samtykke in force covers them. The thread's refresh list.
 */
export async function peopleWithAccess(
  deps: Pick<CaseDeps, "roster" | "cases">,
  ctx: Pick<CaseContext, "pupil">,
): Promise<string[]> {
  const { pupil } = ctx;
  const leaders = (await Promise.all(leadRoles.map((role) => deps.roster.staffWithRole(pupil.schoolId, role)))).flat();
  const record = (await deps.cases.get(pupil.id))?.value;
  const consent = currentConsent(await deps.cases.logEntries(pupil.id));
  const services: string[] = [];
  for (const shared of record?.sharedWith ?? []) {
    if (!consentCovers(consent, shared.role)) continue;
    const staff = await deps.roster.getStaff(shared.aadObjectId);
    if (staff?.roles.some((r) => r.schoolId === pupil.schoolId && r.role === shared.role))
      services.push(shared.aadObjectId);
  }
  return [...new Set([...pupil.contactTeacherIds, ...leaders.map((s) => s.aadObjectId), ...services])];
}

/** Replies in the case's thread (when it has one) with what happened; the root card's refresh list follows access. */
export async function postCaseEventInThread(deps: ThreadDeps, pupilId: string, event: CaseThreadEvent): Promise<void> {
  const ctx = await loadCase(deps, pupilId);
  if (!ctx) return;
  const viewers = await peopleWithAccess(deps, ctx);
  await deps.caseCards.postInCaseThread(ctx.school.id, { pupilId }, { kind: "event", case: ctx, viewers, event });
}

/**
 * The case reached a higher step (a count tripped it, or a conversation judged it): its thread is told once per step.
 * `known`: the pupil's school and step when the caller has them (the daily run), to spare the reads.
 */
export async function postStepRaisedInThread(
  deps: ThreadDeps & Pick<CaseDeps, "schoolChannels">,
  pupilId: string,
  known?: { schoolId: string; step: number | null },
): Promise<void> {
  const status = known ?? (await deps.statuses.get(pupilId))?.status;
  if (!status || status.step === null || status.step === 0) return;
  // Most schools link no channel: nothing is claimed or read further for them.
  if (!(await deps.schoolChannels.get(status.schoolId))) return;
  if (!(await deps.cases.claimOnce(pupilId, `thread:step:${status.step}`, deps.clock.now().toISOString()))) return;
  await postCaseEventInThread(deps, pupilId, { kind: "stepRaised" });
}

/** «Avslutt saken»: the thread is told, and since sharing ends with the case, nobody but teachers and leaders sees more. */
export async function postCaseClosedInThread(
  deps: ThreadDeps,
  pupilId: string,
  closed: { reason: string; date: string },
): Promise<void> {
  await postCaseEventInThread(deps, pupilId, { kind: "closed", ...closed });
}

/** After a bring-in: the case's thread opens (or gets a reply) and @mentions the people brought in. */
export async function postBringInInThread(
  deps: ThreadDeps,
  ctx: CaseContext,
  role: ServiceRole,
  people: readonly Mention[],
): Promise<void> {
  if (people.length === 0) return;
  const viewers = await peopleWithAccess(deps, ctx);
  await deps.caseCards.postInCaseThread(
    ctx.school.id,
    { pupilId: ctx.pupil.id },
    { kind: "broughtIn", case: ctx, viewers, role, people },
  );
}

/** After a samtykke that covers less: those no longer covered leave the refresh list and the thread is told. */
export async function postConsentEndedInThread(deps: ThreadDeps, ctx: CaseContext): Promise<void> {
  const viewers = await peopleWithAccess(deps, ctx);
  await deps.caseCards.postInCaseThread(
    ctx.school.id,
    { pupilId: ctx.pupil.id },
    { kind: "consentEnded", case: ctx, viewers },
  );
}

/** The pattern without anything that identifies the pupil: counts, weekdays and trend; no dates, name or class. */
export function anonymousSummaryOf(ctx: Pick<CaseContext, "pupil" | "status">): AnonymousSummary {
  const pattern = ctx.status.pattern;
  return {
    grade: ctx.pupil.grade,
    absenceDays: pattern?.absenceDays ?? 0,
    undocumentedDays: pattern?.undocumentedDays ?? 0,
    weekdays: (pattern?.weekdays ?? []).filter((w) => w.overRepresented).map((w) => w.weekday),
    nextToBreaks: pattern?.nextToBreaks.overRepresented ?? false,
    late: pattern?.late ?? 0,
    lessons: pattern?.lessons.total ?? 0,
    trend: pattern?.trend ?? "flat",
  };
}

export type AnonymousResult = { kind: "posted"; discussionId: string } | { kind: "noChannel" };

/**
 * «Drøft anonymt» (001 and 004: anonymous discussion in the ressursteam before samtykke): a new thread in the school's
 * channel with grade and pattern only, where the teacher can ask the nurse or PPT. The case keeps which it was.
 */
export async function discussAnonymously(
  deps: ThreadDeps & Pick<CaseDeps, "schoolChannels">,
  ctx: CaseContext,
  actor: string,
): Promise<AnonymousResult> {
  if (!(await deps.schoolChannels.get(ctx.school.id))) return { kind: "noChannel" };
  const at = deps.clock.now().toISOString();
  const discussionId = `${Date.parse(at).toString(36)}${(ctx.record.anonymousDiscussions ?? []).length}`;
  await updateCase(deps, ctx.pupil.id, (r) => {
    r.anonymousDiscussions = [...(r.anonymousDiscussions ?? []), { id: discussionId, by: actor, at }];
  });
  const by = { aadObjectId: actor, name: (await deps.roster.getStaff(actor))?.name ?? "" };
  await deps.caseCards.postInCaseThread(
    ctx.school.id,
    { pupilId: ctx.pupil.id, discussionId },
    { kind: "anonymous", schoolName: ctx.school.name, summary: anonymousSummaryOf(ctx), by },
  );
  deps.logger.info({ event: "case_discussed_anonymously", pupilId: ctx.pupil.id });
  return { kind: "posted", discussionId };
}

export type LinkAnonymousResult = { kind: "linked" } | { kind: "noConsent" } | { kind: "unknownDiscussion" };

/** The teacher ties an anonymous discussion to the case, only while a samtykke covers a service; never automatically. */
export async function linkAnonymousDiscussion(
  deps: ThreadDeps,
  ctx: CaseContext,
  discussionId: string,
): Promise<LinkAnonymousResult> {
  const consent = currentConsent(ctx.log);
  if (!consentCovers(consent, "school_nurse") && !consentCovers(consent, "ppt")) return { kind: "noConsent" };
  const discussion = (ctx.record.anonymousDiscussions ?? []).find((d) => d.id === discussionId);
  if (!discussion) return { kind: "unknownDiscussion" };
  if (discussion.linked) return { kind: "linked" };
  const record = await updateCase(deps, ctx.pupil.id, (r) => {
    r.anonymousDiscussions = (r.anonymousDiscussions ?? []).map((d) =>
      d.id === discussionId ? { ...d, linked: true } : d,
    );
  });
  const viewers = await peopleWithAccess(deps, ctx);
  await deps.caseCards.postInCaseThread(
    ctx.school.id,
    { pupilId: ctx.pupil.id },
    { kind: "linkAnonymous", case: { ...ctx, record }, viewers, discussionId },
  );
  return { kind: "linked" };
}
