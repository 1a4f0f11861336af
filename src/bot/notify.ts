import type { Attachment } from "botbuilder";
import { toLocalIsoDate } from "../domain/dates";
import { findStep } from "../domain/ladder";
import {
  deadlineReminder,
  heldByLeaders,
  overdueEscalations,
  stepEscalation,
  type Escalation,
  type OverdueInput,
} from "../domain/escalation";
import { followedUpOn } from "../domain/follow-up";
import type { LeadRole, Pupil, StaffMember, StaffRole } from "../domain/roster";
import { fill, messagesFor, type Language } from "../i18n/catalog";
import { shortDate } from "../i18n/dates";
import type { PupilStatus } from "../domain/status";
import { caseEventEntry, loadCase, renderCaseCard, updateCase, type Access, type CaseContext } from "./case-service";
import type { BotDeps } from "./deps";
import { languageOfUser } from "./language";
import { buildEscalationListView, buildStepListView, type EscalationItem } from "./views/escalation-view";
import type { NotifyBatch } from "../usecases/evaluate-pupils";
import { stepNumberLine } from "../domain/status";

/** Who wrote a log entry that Nærvær made itself (leaders told); no staff member has this id. */
const systemAuthor = "naervaer";

/** Sends the case card to one person and keeps where it landed, so a later decision updates it in place. */
async function sendCaseCard(
  deps: BotDeps,
  ctx: CaseContext,
  aadObjectId: string,
  options: { tripKeys?: readonly string[]; note?: (language: Language) => string; access: Access },
  nudged = false,
): Promise<boolean> {
  const language = await languageOfUser(deps, aadObjectId);
  const card = renderCaseCard(deps, ctx, language, {
    tripKeys: options.tripKeys,
    note: options.note?.(language),
    access: options.access,
  });
  const sent = await deps.notifier.sendToUser(aadObjectId, { attachments: [card] });
  if (!sent) return false;
  await updateCase(
    deps,
    ctx.pupil.id,
    (record) => {
      record.cards[aadObjectId] = sent;
      if (!nudged) return;
      record.nudgedStep = ctx.status.step;
      record.nudgedAt = deps.clock.now().toISOString();
    },
    { bump: false },
  );
  return true;
}

/** The same deps, with the school's staff per role read once for the operation (a run's step cards, a morning's lists). */
function withStaffReadOnce(deps: BotDeps): BotDeps {
  const known = new Map<string, Promise<StaffMember[]>>();
  const staffWithRole = (schoolId: string, role: StaffRole): Promise<StaffMember[]> => {
    const key = `${schoolId}|${role}`;
    const read = known.get(key) ?? deps.roster.staffWithRole(schoolId, role);
    known.set(key, read);
    return read;
  };
  return { ...deps, roster: { ...deps.roster, staffWithRole } };
}

/** The fallback chain of sendToLeaders: the first of `roles`, the tiltaksleder, the rektor that the school has anyone in. */
const leaderTiers = (roles: readonly LeadRole[]): LeadRole[][] => [[...roles], ["coordinator"], ["principal"]];

/** The first tier of leaderTiers with someone registered at the school; `roles` when none has. */
async function rolesWithStaff(
  deps: BotDeps,
  schoolId: string,
  roles: readonly LeadRole[],
): Promise<readonly LeadRole[]> {
  for (const tier of leaderTiers(roles)) {
    for (const role of tier) if ((await deps.roster.staffWithRole(schoolId, role)).length > 0) return tier;
  }
  return roles;
}

/**
 * Sends to the school's leaders in `roles`; where none of them is registered or can be reached, to the tiltaksleder,
 * then the rektor: never silently nobody. People in `reached` already have it: they count, and get nothing twice.
 */
async function sendToLeaders(
  deps: BotDeps,
  schoolId: string,
  roles: readonly LeadRole[],
  send: (leader: StaffMember, role: LeadRole) => Promise<boolean>,
  reached: ReadonlySet<string> = new Set(),
): Promise<{ leader: StaffMember; role: LeadRole }[]> {
  const tried = new Set<string>();
  for (const tier of leaderTiers(roles)) {
    const told: { leader: StaffMember; role: LeadRole }[] = [];
    for (const role of tier) {
      for (const leader of await deps.roster.staffWithRole(schoolId, role)) {
        if (tried.has(leader.aadObjectId)) continue;
        tried.add(leader.aadObjectId);
        if (reached.has(leader.aadObjectId) || (await send(leader, role))) told.push({ leader, role });
      }
    }
    if (told.length > 0) return told;
  }
  return [];
}

/** «tiltaksleder Tone T., teamleder Per P.» for the timeline: each role's names, in the language of whoever writes it. */
function leadersText(
  language: Language,
  told: readonly { leader: StaffMember; role: LeadRole }[],
): { role: string; names: string } {
  const roles = [...new Set(told.map((t) => messagesFor(language).roles[t.role]))];
  return { role: roles.join(", "), names: told.map((t) => t.leader.name).join(", ") };
}

/**
 * Tells the pupil's contact teachers about new trips, once per set of trigger keys. If no teacher can be reached, the
 * school's tiltaksleder (then rektor) gets it instead: never silently nothing. When the pupil has reached a step that
 * a leader holds or must be told of, they get the case too, once per step (domain/escalation.ts says when).
 */
export async function nudgeAboutTrips(
  deps: BotDeps,
  pupilId: string,
  tripKeys: readonly string[],
  batch?: StepDigest,
): Promise<string[]> {
  if (tripKeys.length === 0) return [];
  const ctx = await loadCase(deps, pupilId);
  if (!ctx) return [];
  const whole = `nudge:${[...tripKeys].sort().join("|")}`;
  const key = whole.length > 900 ? whole.slice(0, 900) : whole;
  if (!(await deps.cases.claimOnce(pupilId, key, deps.clock.now().toISOString()))) return [];

  const reached = new Set<string>();
  for (const teacher of ctx.pupil.contactTeacherIds)
    if (await sendCaseCard(deps, ctx, teacher, { tripKeys, access: "contact_teacher" }, true)) reached.add(teacher);
  const fallback = reached.size === 0;
  if (fallback) {
    const note = (language: Language) => messagesFor(language).case.coordinatorNote;
    for (const { leader } of await sendToLeaders(deps, ctx.pupil.schoolId, [], (leader) =>
      sendCaseCard(deps, ctx, leader.aadObjectId, { tripKeys, note, access: "coordinator" }, true),
    ))
      reached.add(leader.aadObjectId);
  }
  deps.logger.info({
    event: "nudge_sent",
    pupilId,
    trips: tripKeys.length,
    recipients: reached.size,
    fallback: fallback && reached.size > 0,
  });
  if (reached.size === 0) {
    // Nobody has it: the claim goes back and the morning follow-up tries again (the trips are no longer new by then).
    deps.logger.error({ event: "nudge_undeliverable", pupilId, schoolId: ctx.pupil.schoolId });
    await deps.cases.releaseClaim(pupilId, key);
    await updateCase(
      deps,
      pupilId,
      (r) => void (r.undelivered = [...new Set([...(r.undelivered ?? []), ...tripKeys])]),
      { bump: false },
    );
    return [];
  }
  if (ctx.record.undelivered?.length)
    await updateCase(
      deps,
      pupilId,
      (r) => void (r.undelivered = (r.undelivered ?? []).filter((k) => !tripKeys.includes(k))),
      { bump: false },
    );
  const digest = batch ?? createStepDigest(deps);
  await escalateStep(deps, ctx, tripKeys, reached, digest);
  if (!batch) await digest.flush();
  return [...reached];
}

/**
 * After a conversation or an evaluation moved the case up by judgement: the new step's leaders are told, as when a
 * count trips it. Whoever concluded it needs no card about it.
 */
export async function tellLeadersOfRaisedStep(deps: BotDeps, pupilId: string, concludedBy: string): Promise<void> {
  const ctx = await loadCase(deps, pupilId);
  const newest = ctx?.status.trips[ctx.status.trips.length - 1];
  if (!ctx || !newest) return;
  const digest = createStepDigest(deps);
  await escalateStep(deps, ctx, [newest.key], new Set([concludedBy]), digest);
  await digest.flush();
}

/** The step's leaders get the case card when the pupil reaches it, once per step (gathered in `digest`); the timeline says who was told. */
async function escalateStep(
  deps: BotDeps,
  ctx: CaseContext,
  tripKeys: readonly string[],
  reached: ReadonlySet<string>,
  digest: StepDigest,
): Promise<void> {
  if (ctx.status.step === null) return;
  const step = findStep(deps.ladders.forSchool(ctx.school), ctx.status.step);
  const escalation = stepEscalation(step);
  if (!escalation) return;
  const first = await deps.cases.claimOnce(ctx.pupil.id, escalation.key, deps.clock.now().toISOString());
  // After the first card of the step, only a step the leaders hold alone brings them each new trip.
  if (!first && !heldByLeaders(step)) return;
  digest.add({ ctx, escalation, tripKeys, reached, first });
}

interface PendingStep {
  ctx: CaseContext;
  escalation: Escalation;
  tripKeys: readonly string[];
  /** Who has this pupil's card already (the contact teachers, or leaders as the nudge's fallback). */
  reached: ReadonlySet<string>;
  /** The step's first card; later ones are the nudges of a step the leaders hold alone. */
  first: boolean;
}

/** A run's step cards to the school's leaders, sent when it ends (see NotifyBatch in usecases/evaluate-pupils.ts). */
export interface StepDigest extends NotifyBatch {
  add(item: PendingStep): void;
}

/** From this many pupils in one run, a leader gets one list instead of a card per pupil (a first import, a big school). */
const listFrom = 4;

/**
 * Gathers the step cards of one run. When it ends, a leader with fewer than `listFrom` pupils gets each case card, with
 * the line saying why; one with more gets one list («Elever som har nådd et trinn der du er med»), each with «Åpne».
 * A pupil no named leader could be sent to goes down the fallback chain on its own (sendToLeaders).
 */
export function createStepDigest(deps: BotDeps): StepDigest {
  const items: PendingStep[] = [];
  const stepText = (ctx: CaseContext, language: Language) =>
    stepNumberLine(ctx.status, language).toLocaleLowerCase(language === "en" ? "en" : "nb");
  const sendCard = (item: PendingStep, leader: StaffMember, role: LeadRole) => {
    const note = (lang: Language) =>
      fill(messagesFor(lang).case[item.first ? "stepEscalationNote" : "holderTripNote"], {
        role: messagesFor(lang).roles[role],
        step: stepText(item.ctx, lang),
      });
    return sendCaseCard(deps, item.ctx, leader.aadObjectId, { tripKeys: item.tripKeys, note, access: "coordinator" });
  };
  return {
    add: (item) => void items.push(item),
    // A failure here must not fail the run that gathered the cards: its statuses are stored. It is logged, ids only.
    flush: () =>
      flushItems(items.splice(0)).catch((error: Error) =>
        deps.logger.error({ event: "step_cards_failed", err: error.message }),
      ),
  };

  async function flushItems(pending: PendingStep[]): Promise<void> {
    const d = withStaffReadOnce(deps);
    // Who each pupil goes to: the first of the step's leaders (else tiltaksleder, else rektor) the school has.
    const leadersOf = new Map<PendingStep, { leader: StaffMember; role: LeadRole }[]>();
    const count = new Map<string, number>();
    for (const item of pending) {
      const roles = await rolesWithStaff(d, item.ctx.pupil.schoolId, item.escalation.roles);
      const leaders: { leader: StaffMember; role: LeadRole }[] = [];
      for (const role of roles)
        for (const leader of await d.roster.staffWithRole(item.ctx.pupil.schoolId, role))
          if (!leaders.some((l) => l.leader.aadObjectId === leader.aadObjectId)) leaders.push({ leader, role });
      leadersOf.set(item, leaders);
      for (const { leader } of leaders)
        if (!item.reached.has(leader.aadObjectId))
          count.set(leader.aadObjectId, (count.get(leader.aadObjectId) ?? 0) + 1);
    }
    const told = new Map<PendingStep, { leader: StaffMember; role: LeadRole }[]>(pending.map((item) => [item, []]));
    const lists = new Map<string, { leader: StaffMember; role: LeadRole; items: PendingStep[] }>();
    for (const item of pending) {
      for (const entry of leadersOf.get(item) ?? []) {
        const id = entry.leader.aadObjectId;
        if (item.reached.has(id)) told.get(item)!.push(entry);
        else if ((count.get(id) ?? 0) >= listFrom)
          lists.set(id, { ...entry, items: [...(lists.get(id)?.items ?? []), item] });
        else if (await sendCard(item, entry.leader, entry.role)) told.get(item)!.push(entry);
      }
    }
    for (const { leader, role, items: theirs } of lists.values()) {
      const language = await languageOfUser(deps, leader.aadObjectId);
      const view = buildStepListView({
        items: theirs.map((x) => ({ pupil: x.ctx.pupil, status: x.ctx.status })),
        role,
        language,
      });
      if (
        await deps.notifier.sendToUser(leader.aadObjectId, { attachments: [deps.cards.attachment("case-list", view)] })
      )
        for (const item of theirs) told.get(item)!.push({ leader, role });
    }
    for (const item of pending) {
      // Nobody the step names could be reached: the fallback chain, for this pupil alone.
      if (told.get(item)!.length === 0)
        told.set(
          item,
          await sendToLeaders(
            d,
            item.ctx.pupil.schoolId,
            item.escalation.roles,
            (leader, role) => sendCard(item, leader, role),
            item.reached,
          ),
        );
      if (item.first) await logEscalation(deps, item.ctx, item.escalation, told.get(item)!);
    }
  }
}

/** The contact teachers get the case card again on the deadline day, saying who hears of it next if nothing is documented. */
async function remindOfDeadline(deps: BotDeps, pupilId: string, roles: readonly LeadRole[]): Promise<void> {
  const ctx = await loadCase(deps, pupilId);
  if (!ctx) return;
  const note = (language: Language) =>
    fill(messagesFor(language).case.deadlineReminderNote, {
      role: roles.map((r) => messagesFor(language).roles[r]).join(", "),
    });
  let reached = 0;
  for (const teacher of ctx.pupil.contactTeacherIds)
    if (await sendCaseCard(deps, ctx, teacher, { note, access: "contact_teacher" })) reached++;
  deps.logger.info({ event: "deadline_reminder_sent", pupilId, recipients: reached });
}

/** The timeline's entry for leaders told, in the school's default language (bokmål), as the other entries Nærvær writes. */
async function logEscalation(
  deps: BotDeps,
  ctx: {
    pupil: Pick<Pupil, "id" | "schoolId">;
    status: Pick<PupilStatus, "ladder" | "step" | "stepName">;
    today: string;
  },
  escalation: Escalation,
  told: readonly { leader: StaffMember; role: LeadRole }[],
): Promise<void> {
  deps.logger.info({ event: "escalated", pupilId: ctx.pupil.id, kind: escalation.kind, recipients: told.length });
  if (told.length === 0) {
    deps.logger.error({
      event: "escalation_undeliverable",
      pupilId: ctx.pupil.id,
      schoolId: ctx.pupil.schoolId,
      kind: escalation.kind,
    });
    return;
  }
  const m = messagesFor("nb").case;
  const who = leadersText("nb", told);
  const text =
    escalation.kind === "step"
      ? fill(m.escalatedStep, { ...who, step: stepNumberLine(ctx.status, "nb") })
      : fill(escalation.kind === "deadline" ? m.escalatedDeadline : m.escalatedEvaluation, {
          ...who,
          date: shortDate(escalation.kind === "deadline" ? escalation.deadline : escalation.evaluationDate),
        });
  const at = deps.clock.now().toISOString();
  await deps.cases.appendLog(
    caseEventEntry(ctx, {
      id: `log:${escalation.key}`,
      templateId: "escalated",
      author: systemAuthor,
      at,
      furtherMeasures: text,
    }),
  );
}

/**
 * After the school's morning evaluation: a deadline set days ago that falls today, with nothing documented, reminds
 * the contact teachers; every deadline that ran out with nothing documented, and every evaluation day that passed
 * with the measures still active, is told to the step's leaders (else the tiltaksleder, else the rektor), once. Each
 * leader gets one list for the morning, not a card per pupil; each case's timeline records it.
 */
export async function morningFollowUp(deps: BotDeps, schoolId: string): Promise<number> {
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
    const undelivered = record?.value.undelivered;
    // A nudge that reached nobody is tried again first; its nudgedAt then counts for the deadlines below.
    if (undelivered?.length && (await nudgeAboutTrips(deps, pupil.id, undelivered)).length > 0)
      record = await deps.cases.get(pupil.id);
    if (status.step === null) continue;
    const [log, measures] = await Promise.all([deps.cases.logEntries(pupil.id), deps.cases.measures(pupil.id)]);
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
      await remindOfDeadline(deps, pupil.id, reminder.roles);
    for (const escalation of overdueEscalations(facts)) {
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
    const told = await sendToLeaders(d, schoolId, roles, async (leader, role) => {
      const language = await languageOfUser(deps, leader.aadObjectId);
      const card: Attachment = deps.cards.attachment("case-list", buildEscalationListView({ items, role, language }));
      return (await deps.notifier.sendToUser(leader.aadObjectId, { attachments: [card] })) !== undefined;
    });
    for (const item of items) {
      await logEscalation(deps, { pupil: item.pupil, status: item.status, today }, item.escalation, told);
      // Nobody has the list (Teams unreachable, no leader in the roster): the claims go back, and the next morning tries again.
      if (told.length === 0) await deps.cases.releaseClaim(item.pupil.id, item.escalation.key);
    }
  }
  return due.length;
}
