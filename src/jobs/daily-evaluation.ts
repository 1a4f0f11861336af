import type { Clock } from "../clock";
import { createSchoolCalendar } from "../domain/calendar";
import { toLocalIsoDate } from "../domain/dates";
import type { School } from "../domain/roster";
import { localTimeOf } from "../i18n/local-time";
import type { Logger } from "../logger";
import type { Store } from "../store/create-store";
import { writeUnlessConflict } from "../store/documents";
import { evaluatePupils, type EvaluateDeps } from "../usecases/evaluate-pupils";

/** The marker of a school's run on one date, in `schedule`. */
interface DayRun {
  id: string;
  scope: string;
  kind: "daily-evaluation";
  date: string;
  status: "running" | "done" | "failed";
  attempts: number;
  /** Until when the running instance holds it; for a failed run, when it may be tried again. */
  leaseUntil: string;
}

/** A run holds its school this long; an instance that crashed mid-run is taken over after it. */
const LEASE_MS = 10 * 60_000;
/** A failed school is tried again after this, within the hour, up to MAX_ATTEMPTS times a day. */
const RETRY_MS = 15 * 60_000;
const MAX_ATTEMPTS = 4;

export interface DailyEvaluation {
  /** Runs what is due now; safe to call any time, from any number of instances. */
  tick(): Promise<void>;
  stop(): void;
}

/**
 * Evaluates each school once per school day, at EVALUATE_AT in the school's own time zone. A marker in `schedule`
 * is the run's lease, so a restart or a second instance never runs the same day twice, a crashed run is taken over
 * when its lease ends, and a failed school is tried again within the hour while the others go on.
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

  const marker = (schoolId: string, date: string) => schedule.item(`daily-evaluation:${date}`, `school:${schoolId}`);

  /**
   * The day's run of a school is a lease: taken when there is none, or when the last one ran out (an instance
   * crashed mid-run) or failed and its retry time came; never after it is done or has failed MAX_ATTEMPTS times.
   */
  const claim = async (schoolId: string, date: string): Promise<DayRun | undefined> => {
    const now = clock.now().getTime();
    const fresh: DayRun = {
      id: `daily-evaluation:${date}`,
      scope: `school:${schoolId}`,
      kind: "daily-evaluation",
      date,
      status: "running",
      attempts: 1,
      leaseUntil: new Date(now + LEASE_MS).toISOString(),
    };
    if (await writeUnlessConflict(() => schedule.items.create(fresh), [409])) return fresh;
    const { resource, etag } = await marker(schoolId, date).read<DayRun>();
    if (!resource || resource.status === "done" || (resource.attempts ?? 1) >= MAX_ATTEMPTS) return undefined;
    // Markers written before leases had no leaseUntil: they count as done.
    if (!resource.leaseUntil || Date.parse(resource.leaseUntil) > now) return undefined;
    const next: DayRun = {
      ...fresh,
      attempts: (resource.attempts ?? 1) + 1,
    };
    const taken = await writeUnlessConflict(
      () => marker(schoolId, date).replace(next, { accessCondition: { type: "IfMatch", condition: etag! } }),
      [412],
    );
    return taken ? next : undefined;
  };

  const settle = async (run: DayRun, failed: boolean) => {
    const retryAt = new Date(clock.now().getTime() + RETRY_MS).toISOString();
    await marker(run.scope.slice("school:".length), run.date).replace({
      ...run,
      status: failed ? "failed" : "done",
      leaseUntil: failed ? retryAt : run.leaseUntil,
    });
  };

  const runSchool = async (school: School, now: Date) => {
    const date = toLocalIsoDate(now, school.timeZone);
    if (localTimeOf(now, school.timeZone) < at) return;
    if (!createSchoolCalendar(school).isSchoolDay(date)) return;
    const claimed = await claim(school.id, date);
    if (!claimed) return;
    const run = await evaluatePupils(deps, date, now, school.id);
    const failed = run.schools.some((s) => s.failed);
    await settle(claimed, failed);
    logger[failed ? "warn" : "info"]({
      event: failed ? "daily_evaluation_failed" : "daily_evaluation_done",
      schoolId: school.id,
      date,
      attempt: claimed.attempts,
      pupils: run.pupils.length,
      raised: run.raised.length,
    });
    if (failed) return;
    await options
      .afterSchool?.(school.id, date)
      .catch((error: Error) =>
        logger.error({ event: "after_daily_evaluation_failed", schoolId: school.id, err: error.message }),
      );
  };

  const runDue = async () => {
    const now = clock.now();
    // One school's failure (its store reads, its claim) is logged and never stops the schools after it.
    for (const school of await deps.roster.listSchools())
      await runSchool(school, now).catch((error: Error) =>
        logger.error({ event: "daily_evaluation_failed", schoolId: school.id, err: error.message }),
      );
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
