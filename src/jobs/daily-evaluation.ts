import type { Clock } from "../clock";
import { createSchoolCalendar } from "../domain/calendar";
import { toLocalIsoDate } from "../domain/dates";
import { localTimeOf } from "../i18n/local-time";
import type { Logger } from "../logger";
import type { Store } from "../store/create-store";
import { writeUnlessConflict } from "../store/documents";
import { evaluatePupils, type EvaluateDeps } from "../usecases/evaluate-pupils";

export interface DailyEvaluation {
  /** Runs what is due now; safe to call any time, from any number of instances. */
  tick(): Promise<void>;
  stop(): void;
}

/**
 * Evaluates each school once per school day, at EVALUATE_AT in the school's own time zone. A marker
 * created in `schedule` claims the run, so a restart or a second instance never runs the same day twice.
 */
export function startDailyEvaluation(options: {
  deps: EvaluateDeps;
  store: Store;
  clock: Clock;
  at: string;
  logger: Logger;
  /** Runs after a school's evaluation that day (the morning follow-up: deadline reminders, what ran out to the leaders); a failure is logged and the run goes on. */
  afterSchool?: (schoolId: string, date: string) => Promise<void>;
  intervalMs?: number;
}): DailyEvaluation {
  const { deps, store, clock, at, logger } = options;
  const schedule = store.container("schedule");
  let running: Promise<void> | undefined;

  const claim = (schoolId: string, date: string): Promise<boolean> =>
    writeUnlessConflict(
      () =>
        schedule.items.create({
          id: `daily-evaluation:${date}`,
          scope: `school:${schoolId}`,
          kind: "daily-evaluation",
          date,
          claimedAt: clock.now().toISOString(),
        }),
      [409],
    );

  const runDue = async () => {
    const now = clock.now();
    for (const school of await deps.roster.listSchools()) {
      const date = toLocalIsoDate(now, school.timeZone);
      if (localTimeOf(now, school.timeZone) < at) continue;
      if (!createSchoolCalendar(school).isSchoolDay(date)) continue;
      if (!(await claim(school.id, date))) continue;
      const run = await evaluatePupils(deps, date, now, school.id);
      logger.info({
        event: "daily_evaluation_done",
        schoolId: school.id,
        date,
        pupils: run.pupils.length,
        raised: run.raised.length,
      });
      await options
        .afterSchool?.(school.id, date)
        .catch((error: Error) =>
          logger.error({ event: "after_daily_evaluation_failed", schoolId: school.id, err: error.message }),
        );
    }
  };

  const tick = async () => {
    // One tick at a time in this process; overlapping timers wait for the running one.
    running ??= runDue()
      .catch((error: Error) => logger.error({ event: "daily_evaluation_failed", err: error.message }))
      .finally(() => {
        running = undefined;
      });
    await running;
  };

  const timer = setInterval(() => void tick(), options.intervalMs ?? 60_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
