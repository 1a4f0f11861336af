import { createSchoolCalendar } from "../domain/calendar";
import { caseEventEntry, type CaseRecord } from "../domain/case";
import { addDays, type IsoDate } from "../domain/dates";
import { dismissalReasonText } from "../domain/dismissal";
import type { Localized } from "../domain/templates/types";
import { localTimeToInstant } from "../i18n/local-time";
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

/** The reason the card sent: one of dismissalReasons, and the short text that goes with «annet». */
export interface DismissalReasonInput {
  choice: string;
  otherText: string;
}

/**
 * «Ikke bekymringsfullt»: the contact teacher's judgement and reason (a choice, so no illness is written out), on the
 * case and in the log entry; later cards say only that and when. The case stays watchable.
 */
export async function dismissCase(
  deps: Pick<CaseDeps, "cases" | "clock" | "logger">,
  ctx: CaseContext,
  actor: string,
  input: DismissalReasonInput,
  cardVersion: number | undefined,
  language: keyof Localized = "nb",
): Promise<Dismissal> {
  const reason = dismissalReasonText(input.choice, input.otherText, language);
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

export interface ReminderChoice {
  kind: "tomorrow" | "nextSchoolDay" | "inAWeek";
  day: IsoDate;
  at: Date;
}

/**
 * The times «Minn meg» offers, at 08:00 in the school's time zone: tomorrow, the next school day when that is not
 * tomorrow, and in a week (the first school day from then).
 */
export function reminderChoices(ctx: Pick<CaseContext, "school" | "today">): ReminderChoice[] {
  const calendar = createSchoolCalendar(ctx.school);
  const tomorrow = addDays(ctx.today, 1);
  const nextSchoolDay = calendar.nextSchoolDay(ctx.today);
  const inAWeek = calendar.schoolDayOnOrAfter(addDays(ctx.today, 7));
  const at = (day: IsoDate) => localTimeToInstant(day, "08:00", ctx.school.timeZone);
  return [
    { kind: "tomorrow" as const, day: tomorrow, at: at(tomorrow) },
    ...(nextSchoolDay !== tomorrow
      ? [{ kind: "nextSchoolDay" as const, day: nextSchoolDay, at: at(nextSchoolDay) }]
      : []),
    { kind: "inAWeek" as const, day: inAWeek, at: at(inAWeek) },
  ];
}

/**
 * «Minn meg på det senere»: the case card again at `dueAt`, unless the case is dismissed or followed up before then
 * (reminders.ts). The card offers choices, but the value is the client's: only after now and no later than the last
 * choice; false when it is not.
 */
export async function remindLater(
  deps: Pick<CaseDeps, "reminders" | "clock">,
  ctx: CaseContext,
  actor: string,
  dueAt: Date,
): Promise<boolean> {
  const now = deps.clock.now();
  const latest = Math.max(...reminderChoices(ctx).map((c) => c.at.getTime()));
  if (dueAt.getTime() <= now.getTime() || dueAt.getTime() > latest) return false;
  await deps.reminders.schedule({
    pupilId: ctx.pupil.id,
    aadObjectId: actor,
    dueAt: dueAt.toISOString(),
    setAt: now.toISOString(),
  });
  return true;
}
