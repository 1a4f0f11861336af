import { scopeToCase, type Access } from "../domain/case";
import { heldByLeaders, stepEscalation, type Escalation } from "../domain/escalation";
import { findStep } from "../domain/ladder";
import type { LeadRole, StaffMember } from "../domain/roster";
import type { CaseContext } from "./case-context";
import { caseForNewTrips } from "./close-case";
import type { CaseDeps } from "./deps";
import type { EvaluateDeps, NotifyBatch } from "./evaluate-pupils";
import { postStepRaisedInThread } from "./case-thread";
import { loadCase, updateCase, type KnownOfPupil } from "./open-case";
import type { CaseNote, Delivery } from "./ports";
import type { Fallback } from "../store/outbox-repo";
import { logEscalation, rolesWithStaff, sendToLeaders, withStaffReadOnce, type Told } from "./tell-leaders";

/** Puts the case card for one person in the outbox; where it lands is kept, so a later decision updates it in place. */
export async function sendCaseCard(
  deps: CaseDeps,
  ctx: CaseContext,
  aadObjectId: string,
  options: { tripKeys?: readonly string[]; note?: CaseNote; access: Access },
  key: string,
  delivery: Omit<Delivery, "key" | "track"> = {},
): Promise<void> {
  await deps.caseCards.send(aadObjectId, { kind: "case", case: ctx, ...options }, { ...delivery, key, track: true });
}

/**
 * Tells the pupil's contact teachers about new trips, once per set of trigger keys. If no teacher can be reached, the
 * school's tiltaksleder (then rektor) gets it instead (the outbox's fallback, usecases/delivery.ts): never silently
 * nothing. When the pupil has reached a step that a leader holds or must be told of, they get the case too, once per
 * step (domain/escalation.ts says when). `retryOn`: the morning that tries again a nudge nobody could be sent.
 */
export async function nudgeAboutTrips(
  deps: CaseDeps,
  pupilId: string,
  tripKeys: readonly string[],
  options: { batch?: StepDigest; retryOn?: string; known?: KnownOfPupil } = {},
): Promise<string[]> {
  const { batch, retryOn } = options;
  if (tripKeys.length === 0) return [];
  const loaded = await loadCase(deps, pupilId, options.known?.pupil, options.known);
  const ctx = loaded && (await caseForNewTrips(deps, loaded, tripKeys));
  if (!ctx) return [];
  const whole = `nudge:${[...tripKeys].sort().join("|")}`;
  const key = whole.length > 900 ? whole.slice(0, 900) : whole;
  // The messages first, under ids from the decision, then the claim: a crash between leaves messages that a second
  // decision finds there (the same ids), never a claim without its messages.
  const delivery = retryOn ? `${key}@${retryOn}` : key;
  const fallback: Fallback = {
    schoolId: ctx.pupil.schoolId,
    roles: [],
    tier: -1,
    message: { kind: "case", pupilId, tripKeys },
    nudge: { key, tripKeys },
  };
  const teachers = ctx.pupil.contactTeacherIds;
  const nudged = { step: ctx.status.step };
  for (const teacher of teachers)
    await sendCaseCard(deps, ctx, teacher, { tripKeys, access: "contact_teacher" }, delivery, {
      group: delivery,
      fallback,
      nudged,
    });
  let reached = new Set(teachers);
  if (teachers.length === 0) {
    const note: CaseNote = { kind: "fallback" };
    const told = await sendToLeaders(deps, ctx.pupil.schoolId, [], fallback.message, (leader, _role, chain) =>
      sendCaseCard(deps, ctx, leader.aadObjectId, { tripKeys, note, access: "coordinator" }, delivery, {
        group: delivery,
        fallback: { ...chain, nudge: fallback.nudge },
        nudged,
      }),
    );
    reached = new Set(told.map((t) => t.leader.aadObjectId));
  }
  if (!(await deps.cases.claimOnce(pupilId, key, deps.clock.now().toISOString()))) return [];
  deps.logger.info({ event: "nudge_queued", pupilId, trips: tripKeys.length, recipients: reached.size });
  if (reached.size === 0) {
    // Nobody to send it to: the claim goes back and the morning follow-up tries again (the roster may have changed).
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
  await postStepRaisedInThread(deps, pupilId, { schoolId: ctx.pupil.schoolId, step: ctx.status.step });
  if (!batch) await digest.flush();
  return [...reached];
}

/**
 * The evaluation's hooks: each pupil's new trips nudged, a run's step cards gathered in one digest (startBatch). A failed
 * nudge must not stop the evaluation of the other pupils; it is logged (ids only) and the status is kept.
 */
export function nudgesOnNewTrips(deps: CaseDeps): Required<Pick<EvaluateDeps, "onNewTrips" | "startBatch">> {
  return {
    // The batch is the one startBatch made: a StepDigest.
    onNewTrips: (pupilId, keys, batch, known) =>
      nudgeAboutTrips(deps, pupilId, keys, { batch: batch as StepDigest | undefined, known }).then(
        () => undefined,
        (error: Error) => deps.logger.error({ event: "nudge_failed", pupilId, err: error.message }),
      ),
    startBatch: () => createStepDigest(deps),
  };
}

/**
 * A teacher who installs after their pupils tripped a step gets what is waiting, once: the messages Teams could not
 * give them are sent again (their leaders had them meanwhile), and trips nobody was told of are nudged now.
 */
export async function deliverWaitingNudges(deps: CaseDeps, aadObjectId: string): Promise<void> {
  const revived = await deps.outbox.revive(aadObjectId, deps.clock.now());
  if (revived > 0) deps.logger.info({ event: "delivery_revived", items: revived });
  for (const pupil of await deps.roster.listPupilsOfTeacher(aadObjectId)) {
    const status = await deps.statuses.get(pupil.id);
    if (status && status.status.trips.length > 0)
      await nudgeAboutTrips(
        deps,
        pupil.id,
        status.status.trips.map((t) => t.key),
      );
  }
}

/**
 * After a conversation or an evaluation moved the case up by judgement: the new step's leaders are told, as when a
 * count trips it. Whoever concluded it needs no card about it.
 */
export async function tellLeadersOfRaisedStep(deps: CaseDeps, pupilId: string, concludedBy: string): Promise<void> {
  const ctx = await loadCase(deps, pupilId);
  const newest = ctx?.status.trips[ctx.status.trips.length - 1];
  if (!ctx || !newest) return;
  const digest = createStepDigest(deps);
  await escalateStep(deps, ctx, [newest.key], new Set([concludedBy]), digest);
  await digest.flush();
}

/** The step's leaders get the case card when the pupil reaches it, once per step (gathered in `digest`); the timeline says who was told. */
async function escalateStep(
  deps: CaseDeps,
  ctx: CaseContext,
  tripKeys: readonly string[],
  reached: ReadonlySet<string>,
  digest: StepDigest,
): Promise<void> {
  if (ctx.status.step === null) return;
  const step = findStep(deps.ladders.forSchool(ctx.school), ctx.status.step);
  const escalation = scopeToCase(ctx.record, stepEscalation(step));
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
export function createStepDigest(deps: CaseDeps): StepDigest {
  const items: PendingStep[] = [];
  const keyOf = (item: PendingStep) => `step:${item.ctx.pupil.id}:${[...item.tripKeys].sort().join("|")}`.slice(0, 900);
  const chainOf = (item: PendingStep, tier = 0): Fallback => ({
    schoolId: item.ctx.pupil.schoolId,
    roles: item.escalation.roles,
    tier,
    message: { kind: "case", pupilId: item.ctx.pupil.id, tripKeys: item.tripKeys },
  });
  const sendCard = (item: PendingStep, leader: StaffMember, role: LeadRole, fallback = chainOf(item)) =>
    sendCaseCard(
      deps,
      item.ctx,
      leader.aadObjectId,
      { tripKeys: item.tripKeys, note: { kind: "step", role, first: item.first }, access: "coordinator" },
      keyOf(item),
      { group: keyOf(item), fallback },
    );
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
    const leadersOf = new Map<PendingStep, Told[]>();
    const count = new Map<string, number>();
    for (const item of pending) {
      const roles = await rolesWithStaff(d, item.ctx.pupil.schoolId, item.escalation.roles);
      const leaders: Told[] = [];
      for (const role of roles)
        for (const leader of await d.roster.staffWithRole(item.ctx.pupil.schoolId, role))
          if (!leaders.some((l) => l.leader.aadObjectId === leader.aadObjectId)) leaders.push({ leader, role });
      leadersOf.set(item, leaders);
      for (const { leader } of leaders)
        if (!item.reached.has(leader.aadObjectId))
          count.set(leader.aadObjectId, (count.get(leader.aadObjectId) ?? 0) + 1);
    }
    const told = new Map<PendingStep, Told[]>(pending.map((item) => [item, []]));
    const lists = new Map<string, Told & { items: PendingStep[] }>();
    for (const item of pending) {
      for (const entry of leadersOf.get(item) ?? []) {
        const id = entry.leader.aadObjectId;
        if (item.reached.has(id)) told.get(item)!.push(entry);
        else if ((count.get(id) ?? 0) >= listFrom)
          lists.set(id, { ...entry, items: [...(lists.get(id)?.items ?? []), item] });
        else {
          await sendCard(item, entry.leader, entry.role);
          told.get(item)!.push(entry);
        }
      }
    }
    for (const { leader, role, items: theirs } of lists.values()) {
      const list = theirs.map((x) => ({ pupil: x.ctx.pupil, status: x.ctx.status }));
      const key = `steplist:${theirs.map(keyOf).join(",")}`.slice(0, 900);
      const message = { kind: "stepList", role, items: list } as const;
      const fallback: Fallback = {
        schoolId: theirs[0]!.ctx.pupil.schoolId,
        roles: [role],
        tier: 0,
        message: { kind: "stored", message },
      };
      await deps.caseCards.send(leader.aadObjectId, message, { key, group: key, fallback });
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
            chainOf(item).message,
            (leader, role, fallback) => sendCard(item, leader, role, fallback),
            item.reached,
          ),
        );
      if (item.first) await logEscalation(deps, item.ctx, item.escalation, told.get(item)!);
    }
  }
}
