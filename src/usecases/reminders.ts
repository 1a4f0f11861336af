import { ofCurrentCase, type MeasureRecord } from "../domain/case";
import { toLocalIsoDate } from "../domain/dates";
import { reminderReasonGone } from "../domain/follow-up";
import { localTimeToInstant } from "../i18n/local-time";
import type { CaseContext } from "./case-context";
import type { CaseDeps } from "./deps";
import { loadCase } from "./open-case";
import { postCaseEventInThread } from "./case-thread";

/**
 * The evaluation the measures were agreed with (001 «Trinn 4: Evaluering»: «Innkall til evalueringsmøte etter tre
 * uker»): the one who agreed them is reminded at 08:00 on each evaluation date. `agreedIn`: the conversation or
 * evaluation the measures came from (their draftId).
 */
export async function scheduleEvaluationReminders(
  deps: Pick<CaseDeps, "reminders" | "clock">,
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

/** «Minn meg på det senere» and measure evaluation reminders that are due: the case card again, as it stands now. */
export async function sendDueReminders(deps: CaseDeps): Promise<void> {
  for (const { reminder, etag } of await deps.reminders.due(deps.clock.now())) {
    if (!(await deps.reminders.claim(reminder, etag))) continue;
    const ctx = await loadCase(deps, reminder.pupilId);
    if (!ctx) continue;
    // A closed case, or one closed since and opened anew, has nothing left to remind of.
    const closed = ctx.record.closed || !ofCurrentCase(ctx.record, reminder.setAt ?? reminder.dueAt);
    const gone = closed
      ? "closed"
      : reminder.evaluationOf
        ? null
        : reminderReasonGone(reminder.setAt, ctx.record.dismissal, ctx.log);
    if (gone) {
      deps.logger.info({ event: "reminder_dropped", reminderId: reminder.id, pupilId: reminder.pupilId, reason: gone });
      continue;
    }
    let measures: string[] | undefined;
    if (reminder.evaluationOf) {
      // The measures of that template still waiting for their evaluation on this day; none left, no reminder.
      const day = toLocalIsoDate(new Date(reminder.dueAt), ctx.school.timeZone);
      measures = ctx.measures
        .filter((x) => x.draftId === reminder.evaluationOf && x.evaluationDate === day && x.status === "active")
        .map((x) => x.measure);
      if (measures.length === 0) continue;
      // The thread hears of the evaluation once, however many people are reminded of it.
      if (
        await deps.cases.claimOnce(ctx.pupil.id, `thread:evaluationDue:${reminder.evaluationOf}:${day}`, reminder.dueAt)
      )
        await postCaseEventInThread(deps, ctx.pupil.id, { kind: "evaluationDue", count: measures.length });
    }
    await deps.caseCards.send(
      reminder.aadObjectId,
      {
        kind: "case",
        case: ctx,
        access: "contact_teacher",
        note: measures ? { kind: "evaluationDue", measures } : { kind: "reminder" },
      },
      { key: reminder.id, track: true },
    );
    deps.logger.info({
      event: reminder.evaluationOf ? "evaluation_reminder_sent" : "reminder_sent",
      pupilId: reminder.pupilId,
    });
  }
}
