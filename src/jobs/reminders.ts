import { loadCase, renderCaseCard } from "../bot/case-service";
import type { BotDeps } from "../bot/deps";
import { languageOfUser } from "../bot/language";
import { toLocalIsoDate } from "../domain/dates";
import { fill, messagesFor } from "../i18n/catalog";

export interface ReminderJob {
  tick(): Promise<void>;
  stop(): void;
}

/** Sends «Minn meg på det senere» and measure evaluation reminders when due: the case card again, as it stands now. */
export function startReminders(deps: BotDeps, intervalMs = 60_000): ReminderJob {
  let running: Promise<void> | undefined;
  const runDue = async () => {
    for (const { reminder, etag } of await deps.reminders.due(deps.clock.now())) {
      if (!(await deps.reminders.claim(reminder, etag))) continue;
      const ctx = await loadCase(deps, reminder.pupilId);
      if (!ctx) continue;
      const language = await languageOfUser(deps, reminder.aadObjectId);
      const m = messagesFor(language).case;
      let note = m.reminderNote;
      if (reminder.evaluationOf) {
        // The measures of that template still waiting for their evaluation on this day; none left, no reminder.
        const day = toLocalIsoDate(new Date(reminder.dueAt), ctx.school.timeZone);
        const due = ctx.measures.filter(
          (x) => x.draftId === reminder.evaluationOf && x.evaluationDate === day && x.status === "active",
        );
        if (due.length === 0) continue;
        note = fill(m.evaluationDue, { measures: due.map((x) => x.measure).join("; ") });
      }
      await deps.notifier.sendToUser(reminder.aadObjectId, {
        attachments: [renderCaseCard(deps, ctx, language, { note })],
      });
      deps.logger.info({
        event: reminder.evaluationOf ? "evaluation_reminder_sent" : "reminder_sent",
        pupilId: reminder.pupilId,
      });
    }
  };
  const tick = async () => {
    running ??= runDue()
      .catch((error: Error) => deps.logger.error({ event: "reminders_failed", err: error.message }))
      .finally(() => {
        running = undefined;
      });
    await running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
