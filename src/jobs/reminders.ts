import type { CaseDeps } from "../usecases/deps";
import { sendDueReminders } from "../usecases/reminders";

export interface ReminderJob {
  tick(): Promise<void>;
  stop(): void;
}

/** Sends «Minn meg på det senere» and measure evaluation reminders when due, dropping those whose reason is gone (usecases/reminders.ts). */
export function startReminders(deps: CaseDeps, intervalMs = 60_000): ReminderJob {
  let running: Promise<void> | undefined;
  const tick = async () => {
    running ??= sendDueReminders(deps)
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
