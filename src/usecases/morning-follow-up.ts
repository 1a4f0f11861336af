import { ofCurrentCase, scopeToCase } from "../domain/case";
import { toLocalIsoDate } from "../domain/dates";
import { deadlineReminder, overdueEscalations, type OverdueInput } from "../domain/escalation";
import { followedUpOn } from "../domain/follow-up";
import { findStep } from "../domain/ladder";
import type { LeadRole } from "../domain/roster";
import type { CaseDeps } from "./deps";
import { nudgeAboutTrips, sendCaseCard } from "./nudge-and-escalate";
import { loadCase } from "./open-case";
import type { EscalationItem } from "./ports";
import { logEscalation, rolesWithStaff, sendToLeaders, withStaffReadOnce } from "./tell-leaders";

/** The contact teachers get the case card again on the deadline day, saying who hears of it next if nothing is documented. */
async function remindOfDeadline(
  deps: CaseDeps,
  pupilId: string,
  roles: readonly LeadRole[],
  key: string,
): Promise<void> {
  const ctx = await loadCase(deps, pupilId);
  if (!ctx) return;
  for (const teacher of ctx.pupil.contactTeacherIds)
    await sendCaseCard(deps, ctx, teacher, { note: { kind: "deadline", roles }, access: "contact_teacher" }, key);
  deps.logger.info({ event: "deadline_reminder_sent", pupilId, recipients: ctx.pupil.contactTeacherIds.length });
}

/**
 * After the school's morning evaluation: a deadline set days ago that falls today, with nothing documented, reminds
 * the contact teachers; every deadline that ran out with nothing documented, and every evaluation day that passed
 * with the measures still active, is told to the step's leaders (else the tiltaksleder, else the rektor), once. Each
 * leader gets one list for the morning, not a card per pupil; each case's timeline records it.
 */
export async function morningFollowUp(deps: CaseDeps, schoolId: string): Promise<number> {
  const school = await deps.roster.getSchool(schoolId);
  if (!school) return 0;
  const ladder = deps.ladders.forSchool(school);
  const today = toLocalIsoDate(deps.clock.now(), school.timeZone);
  const pupils = new Map((await deps.roster.listPupilsOfSchool(schoolId)).map((p) => [p.id, p] as const));
  const due: EscalationItem[] = [];
  for (const status of await deps.statuses.listOfSchool(schoolId)) {
    const pupil = pupils.get(status.pupilId);
    if (!pupil) continue;
    let record = await deps.cases.get(pupil.id);
    // A closed case waits for no one: no deadline reminder, nothing run out to tell.
    if (record?.value.closed) continue;
    const undelivered = record?.value.undelivered;
    // A nudge that reached nobody is tried again first; its nudgedAt then counts for the deadlines below.
    if (undelivered?.length && (await nudgeAboutTrips(deps, pupil.id, undelivered, { retryOn: today })).length > 0)
      record = await deps.cases.get(pupil.id);
    if (status.step === null) continue;
    const current = record?.value;
    const ofCase = (at: string) => !current || ofCurrentCase(current, at);
    const [log, measures] = await Promise.all([
      deps.cases.logEntries(pupil.id).then((all) => all.filter((e) => ofCase(e.writtenAt))),
      deps.cases.measures(pupil.id).then((all) => all.filter((m) => ofCase(m.agreedAt))),
    ]);
    const nudgedAt = record?.value.nudgedAt;
    const facts: OverdueInput = {
      today,
      step: findStep(ladder, status.step),
      deadline: status.required?.deadline ?? null,
      newestTripKey: status.trips[status.trips.length - 1]?.key ?? null,
      followedUp: followedUpOn(status.trips, log),
      nudgedOn: nudgedAt ? toLocalIsoDate(new Date(nudgedAt), school.timeZone) : null,
      measures,
    };
    const reminder = deadlineReminder(facts);
    if (reminder && (await deps.cases.claimOnce(pupil.id, reminder.key, deps.clock.now().toISOString())))
      await remindOfDeadline(deps, pupil.id, reminder.roles, reminder.key);
    for (const found of overdueEscalations(facts)) {
      const escalation = current ? scopeToCase(current, found)! : found;
      if (await deps.cases.claimOnce(pupil.id, escalation.key, deps.clock.now().toISOString()))
        due.push({ pupil, status, escalation });
    }
  }
  // Items that go to the same leaders share one list: grouped by the roles the school has people in (a school without a
  // rektor gives the tiltaksleder one list, not one for its own steps and one for the rektor's).
  const byRoles = new Map<string, { roles: readonly LeadRole[]; items: EscalationItem[] }>();
  const d = withStaffReadOnce(deps);
  for (const item of due) {
    const roles = await rolesWithStaff(d, schoolId, item.escalation.roles);
    const group = byRoles.get(roles.join(",")) ?? { roles, items: [] };
    group.items.push(item);
    byRoles.set(roles.join(","), group);
  }
  for (const { roles, items } of byRoles.values()) {
    const key = `overdue:${schoolId}:${today}:${roles.join(",")}`;
    const told = await sendToLeaders(
      d,
      schoolId,
      roles,
      { kind: "stored", message: { kind: "overdueList", role: roles[0] ?? "coordinator", items } },
      (leader, role, fallback) =>
        deps.caseCards.send(
          leader.aadObjectId,
          { kind: "overdueList", role, items },
          { key, group: key, schoolId, fallback },
        ),
    );
    for (const item of items) {
      await logEscalation(deps, { pupil: item.pupil, status: item.status, today }, item.escalation, told);
      // No leader in the roster: the claims go back, and the next morning tries again.
      if (told.length === 0) await deps.cases.releaseClaim(item.pupil.id, item.escalation.key);
    }
  }
  await tellLeadersUndelivered(deps, schoolId, today);
  return due.length;
}

/** The school's leaders hear, once a morning, who Nærvær could not reach in Teams in the last day (issue 21, 24). */
async function tellLeadersUndelivered(deps: CaseDeps, schoolId: string, today: string): Promise<void> {
  const since = new Date(deps.clock.now().getTime() - 24 * 3_600_000).toISOString();
  const dead = await deps.outbox.deadOfSchool(schoolId, since);
  if (dead.length === 0) return;
  const byPerson = new Map<string, { count: number; reason: NonNullable<(typeof dead)[number]["deadReason"]> }>();
  for (const item of dead) {
    const seen = byPerson.get(item.recipient);
    byPerson.set(item.recipient, {
      count: (seen?.count ?? 0) + 1,
      reason: seen?.reason ?? item.deadReason ?? "gave-up",
    });
  }
  const items = await Promise.all(
    [...byPerson].map(async ([recipient, x]) =>
      recipient.startsWith("channel:")
        ? { name: "", channel: true, ...x }
        : { name: (await deps.roster.getStaff(recipient))?.name ?? "–", ...x },
    ),
  );
  const message = { kind: "undeliveredList", items } as const;
  const key = `undelivered:${schoolId}:${today}`;
  await sendToLeaders(deps, schoolId, ["coordinator"], { kind: "stored", message }, (leader, _role, fallback) =>
    deps.caseCards.send(leader.aadObjectId, message, { key, group: key, schoolId, fallback }),
  );
}
