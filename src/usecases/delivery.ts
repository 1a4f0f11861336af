import type { CardLocation } from "../domain/case";
import type { LeadRole } from "../domain/roster";
import type { Fallback, OutboxItem, ThreadPost } from "../store/outbox-repo";
import type { CaseDeps } from "./deps";
import { loadCase, updateCase } from "./open-case";
import type { TeamsMessage } from "./ports";
import { leaderTiers } from "./tell-leaders";

/**
 * Why a send failed, as the delivery worker needs it: try again later ("retry", after `retryAfterMs` when Teams said),
 * never again ("unreachable": the person cannot get messages from the bot; "rejected": the message itself was refused),
 * or again although Teams may have posted it ("ambiguous": a timeout or 502 after the request was sent).
 */
export class DeliveryFailure extends Error {
  constructor(
    readonly kind: "retry" | "unreachable" | "rejected" | "ambiguous",
    detail: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(detail);
  }
}

/** Sends one rendered activity; implemented in src/bot (proactive.ts, case-threads.ts), throws DeliveryFailure. */
export interface Transport {
  /** To one person's 1:1 chat. */
  deliver(aadObjectId: string, activity: Record<string, unknown>): Promise<CardLocation>;
  /** In a thread of a school's linked channel. */
  post(thread: ThreadPost, activity: Record<string, unknown>): Promise<CardLocation>;
}

export type DeliveryDeps = CaseDeps;

/** A delivered case card: where it landed is kept on the case, so a later decision updates it in place. */
export async function recordDelivered(deps: DeliveryDeps, item: OutboxItem, location: CardLocation): Promise<void> {
  if (!item.track || !item.about) return;
  await updateCase(
    deps,
    item.about.pupilId,
    (record) => {
      record.cards[item.recipient] = location;
      if (!item.nudged) return;
      record.nudgedStep = item.nudged.step;
      record.nudgedAt = deps.clock.now().toISOString();
    },
    { bump: false },
  );
}

/** The message a fallback item carries, ready to render for a leader: a case card is read again, as it is now. */
async function resolveFallback(deps: DeliveryDeps, fallback: Fallback): Promise<TeamsMessage | undefined> {
  if (fallback.message.kind === "stored") return fallback.message.message as TeamsMessage;
  const ctx = await loadCase(deps, fallback.message.pupilId);
  if (!ctx) return undefined;
  return {
    kind: "case",
    case: ctx,
    access: "coordinator",
    tripKeys: fallback.message.tripKeys,
    note: { kind: "fallback" },
  };
}

/** The tiers after `tier` with somebody registered at the school, each with its people. */
async function nextTier(
  deps: DeliveryDeps,
  fallback: Fallback,
  exclude: string,
): Promise<{ tier: number; people: { aadObjectId: string; role: LeadRole }[] } | undefined> {
  const tiers = leaderTiers(fallback.roles);
  for (let tier = fallback.tier + 1; tier < tiers.length; tier++) {
    const people: { aadObjectId: string; role: LeadRole }[] = [];
    for (const role of tiers[tier]!)
      for (const leader of await deps.roster.staffWithRole(fallback.schoolId, role))
        if (leader.aadObjectId !== exclude && !people.some((p) => p.aadObjectId === leader.aadObjectId))
          people.push({ aadObjectId: leader.aadObjectId, role });
    if (people.length > 0) return { tier, people };
  }
  return undefined;
}

/**
 * An item that will never arrive goes down the fallback chain: when none of its decision's items got through, the
 * school's next leaders get the message (tiltaksleder, then rektor), once. When the chain has nobody left, a nudge's
 * trips wait for the morning follow-up. The dead item itself stays, for the leaders' morning list.
 */
export async function handleDead(deps: DeliveryDeps, item: OutboxItem): Promise<void> {
  deps.logger.warn({ event: "delivery_dead", item: item.id, kind: item.kind, reason: item.deadReason });
  const fallback = item.fallback;
  if (!fallback) return;
  const group = item.group ?? item.id;
  if (item.group) {
    const siblings = (await deps.outbox.group(item.group)).filter((s) => s.id !== item.id);
    // Somebody got it, or may still: their outcome decides (each settles after writing its own state).
    if (siblings.some((s) => s.state !== "dead")) return;
  }
  const scope = item.about?.pupilId ?? `school:${fallback.schoolId}`;
  const next = await nextTier(deps, fallback, item.recipient);
  if (!(await deps.cases.claimOnce(scope, `fallback:${group}:${next?.tier ?? "end"}`, deps.clock.now().toISOString())))
    return;
  if (!next) {
    deps.logger.error({ event: "delivery_undeliverable", item: item.id, kind: item.kind, schoolId: fallback.schoolId });
    if (fallback.nudge && item.about) await giveBackNudge(deps, item.about.pupilId, fallback.nudge);
    return;
  }
  const message = await resolveFallback(deps, fallback);
  if (!message) return;
  const nextGroup = `${group}:t${next.tier}`;
  for (const person of next.people)
    await deps.caseCards.send(person.aadObjectId, message, {
      key: nextGroup,
      group: nextGroup,
      schoolId: fallback.schoolId,
      track: message.kind === "case",
      ...(item.nudged ? { nudged: item.nudged } : {}),
      fallback: { ...fallback, tier: next.tier },
    });
}

/** Nobody could be told of these trips: the claim goes back, and the morning follow-up tries again. */
async function giveBackNudge(
  deps: DeliveryDeps,
  pupilId: string,
  nudge: NonNullable<Fallback["nudge"]>,
): Promise<void> {
  await deps.cases.releaseClaim(pupilId, nudge.key);
  await updateCase(
    deps,
    pupilId,
    (r) => void (r.undelivered = [...new Set([...(r.undelivered ?? []), ...nudge.tripKeys])]),
    { bump: false },
  );
}
