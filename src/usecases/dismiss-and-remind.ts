import { caseEventEntry, type CaseRecord } from "../domain/case";
import type { CaseContext } from "./case-context";
import type { CaseDeps } from "./deps";
import { decideOnCase } from "./open-case";

export type Dismissal =
  /** The same reason again (a redelivery): nothing changes. */
  | { kind: "unchanged" }
  /** The card is older than the case. */
  | { kind: "stale" }
  | { kind: "reasonRequired" }
  | { kind: "dismissed"; record: CaseRecord };

/** «Ikke bekymringsfullt»: the contact teacher's judgement and reason, on the case and in the log; the case stays watchable. */
export async function dismissCase(
  deps: Pick<CaseDeps, "cases" | "clock" | "logger">,
  ctx: CaseContext,
  actor: string,
  reason: string,
  cardVersion: number | undefined,
): Promise<Dismissal> {
  if (ctx.record.dismissal && ctx.record.dismissal.reason === reason) return { kind: "unchanged" };
  if (cardVersion !== undefined && cardVersion !== ctx.record.version) return { kind: "stale" };
  if (!reason) return { kind: "reasonRequired" };
  const at = deps.clock.now().toISOString();
  const record = await decideOnCase(deps, ctx.pupil.id, ctx.record.version, (r) => {
    r.dismissal = { reason, by: actor, at };
  });
  // A click at the same time, on the same case version, was first: this one changes nothing.
  if (!record) return { kind: "unchanged" };
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
  return { kind: "dismissed", record };
}

/**
 * «Minn meg på det senere»: the case card again at `dueAt`. The card offers choices, but the value is the client's:
 * only between now and two school days ahead; false when it is not.
 */
export async function remindLater(
  deps: Pick<CaseDeps, "reminders" | "clock">,
  ctx: CaseContext,
  actor: string,
  dueAt: Date,
): Promise<boolean> {
  const now = deps.clock.now();
  if (dueAt.getTime() <= now.getTime() || dueAt.getTime() - now.getTime() > 4 * 24 * 3600_000) return false;
  await deps.reminders.schedule({ pupilId: ctx.pupil.id, aadObjectId: actor, dueAt: dueAt.toISOString() });
  return true;
}
