import {
  caseEventEntry,
  mayCloseCase,
  renewCase,
  tripsAfterClosure,
  type Access,
  type CaseClosure,
  type CaseRecord,
  type CloseReason,
} from "../domain/case";
import { toLocalIsoDate } from "../domain/dates";
import { findStep } from "../domain/ladder";
import { messagesFor, type Language } from "../i18n/catalog";
import { endSharingNotCovered } from "./bring-in";
import { postCaseClosedInThread } from "./case-thread";
import type { CaseContext } from "./case-context";
import type { CaseDeps } from "./deps";
import { decideOnCase, loadCase, updateCase } from "./open-case";

/** Whether this person may close or reopen the case: a leader, or the contact teacher where they hold the step. */
export function mayClose(deps: Pick<CaseDeps, "ladders">, ctx: CaseContext, access: Access): boolean {
  const ladder = deps.ladders.forSchool(ctx.school);
  return mayCloseCase(access, ctx.status.step === null ? undefined : findStep(ladder, ctx.status.step));
}

export type CloseResult =
  | { kind: "notAllowed" }
  /** The card is older than the case, or a click at the same moment closed it first. */
  | { kind: "stale" }
  | { kind: "alreadyClosed" }
  | { kind: "textRequired" }
  | { kind: "invalidDate" }
  /** `sharingEnded`: the people brought in under samtykke who lost access. */
  | { kind: "closed"; record: CaseRecord; sharingEnded: string[] };

export interface CloseInput {
  reason: CloseReason;
  text: string;
  /** The day the case ended; today when left out. */
  on?: string;
}

/**
 * «Avslutt saken» (000 Trinn 3: «inntil normalt skolenærvær»): the reason and the day in the log; the samtykke lasts
 * «frem til saken avsluttes» (003), so whoever was brought in under it loses access and is told. Reminders and
 * escalations of a closed case are dropped where they fall due (reminders.ts, morning-follow-up.ts). `language`:
 * the actor's, for the log.
 */
export async function closeCase(
  deps: CaseDeps,
  ctx: CaseContext,
  access: Access,
  actor: string,
  input: CloseInput,
  cardVersion: number | undefined,
  language: Language,
): Promise<CloseResult> {
  if (!mayClose(deps, ctx, access)) return { kind: "notAllowed" };
  if (ctx.record.closed) return { kind: "alreadyClosed" };
  if (cardVersion !== undefined && cardVersion !== ctx.record.version) return { kind: "stale" };
  const text = input.text.trim();
  if (input.reason === "other" && !text) return { kind: "textRequired" };
  const on = input.on ?? ctx.today;
  const openedOn = toLocalIsoDate(new Date(ctx.record.openedAt), ctx.school.timeZone);
  if (on > ctx.today || on < openedOn) return { kind: "invalidDate" };
  const at = deps.clock.now().toISOString();
  const closed: CaseClosure = { reason: input.reason, text: input.reason === "other" ? text : "", on, by: actor, at };
  const record = await decideOnCase(deps, ctx.pupil.id, ctx.record.version, (r) => {
    r.closed = closed;
    // A nudge still waiting for someone to reach would only be tried again for a case nobody follows.
    r.undelivered = [];
  });
  if (!record) return { kind: "stale" };
  const m = messagesFor(language).case;
  await deps.cases.appendLog(
    caseEventEntry(
      { ...ctx, today: on },
      {
        id: `log:closed:${record.version}`,
        templateId: "closed",
        author: actor,
        at,
        reasonForContact: m.closeReasons[closed.reason],
        summary: closed.text,
      },
    ),
  );
  const sharingEnded = await endSharingNotCovered(deps, { ...ctx, record }, null, actor, language);
  await postCaseClosedInThread(deps, ctx.pupil.id, {
    // The category only: the thread carries no free text.
    reason: messagesFor("nb").case.closeReasons[closed.reason],
    date: closed.on,
  });
  deps.logger.info({
    event: "case_closed",
    pupilId: ctx.pupil.id,
    reason: closed.reason,
    sharingEnded: sharingEnded.length,
  });
  const current = (await deps.cases.get(ctx.pupil.id))?.value ?? record;
  return { kind: "closed", record: current, sharingEnded };
}

export type ReopenResult =
  { kind: "notAllowed" } | { kind: "stale" } | { kind: "notClosed" } | { kind: "reopened"; record: CaseRecord };

/** «Gjenåpne saken»: the same case goes on, for the same people who may close it; the log says so. */
export async function reopenCase(
  deps: CaseDeps,
  ctx: CaseContext,
  access: Access,
  actor: string,
  cardVersion: number | undefined,
  language: Language,
): Promise<ReopenResult> {
  if (!mayClose(deps, ctx, access)) return { kind: "notAllowed" };
  const closed = ctx.record.closed;
  if (!closed) return { kind: "notClosed" };
  if (cardVersion !== undefined && cardVersion !== ctx.record.version) return { kind: "stale" };
  const record = await decideOnCase(deps, ctx.pupil.id, ctx.record.version, (r) => {
    r.closed = null;
  });
  if (!record) return { kind: "stale" };
  const at = deps.clock.now().toISOString();
  await deps.cases.appendLog(
    caseEventEntry(ctx, {
      id: `log:reopened:${record.version}`,
      templateId: "reopened",
      author: actor,
      at,
      reasonForContact: messagesFor(language).case.closeReasons[closed.reason],
    }),
  );
  deps.logger.info({ event: "case_reopened", pupilId: ctx.pupil.id });
  return { kind: "reopened", record };
}

/**
 * Trips on a closed case: those after the closing day open the pupil's new case, which keeps the closed one in
 * `previous` («Tidligere sak avsluttet 12.03: normalt nærvær»); older ones (a nudge tried again) change nothing and
 * tell no one. The case to nudge about, or undefined when there is none.
 */
export async function caseForNewTrips(
  deps: CaseDeps,
  ctx: CaseContext,
  tripKeys: readonly string[],
): Promise<CaseContext | undefined> {
  const closed = ctx.record.closed;
  if (!closed) return ctx;
  const trips = ctx.status.trips.filter((t) => tripKeys.includes(t.key));
  if (!tripsAfterClosure(closed, trips)) {
    deps.logger.info({ event: "nudge_skipped_closed", pupilId: ctx.pupil.id });
    return undefined;
  }
  const at = deps.clock.now().toISOString();
  await updateCase(deps, ctx.pupil.id, (r) => void Object.assign(r, renewCase(r, at)));
  deps.logger.info({ event: "case_renewed", pupilId: ctx.pupil.id, previous: (ctx.record.previous?.length ?? 0) + 1 });
  return loadCase(deps, ctx.pupil.id, ctx.pupil);
}
