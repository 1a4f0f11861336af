import type { Clock } from "../clock";
import { auditCutoff } from "../domain/audit";
import type { Logger } from "../logger";
import type { AuditRepo } from "../store/audit-repo";
import type { OutboxRepo } from "../store/outbox-repo";

export interface Retention {
  /** Deletes what is past its retention now; safe from any number of instances (a gone entry counts as gone). */
  tick(): Promise<void>;
  stop(): void;
}

/**
 * Every few hours (the store has no TTL to do it): audit entries older than AUDIT_RETENTION_DAYS, and outbox items
 * settled (sent or dead) longer ago than OUTBOX_RETENTION_DAYS. One failing does not keep the other from running.
 */
export function startRetention(options: {
  audit: AuditRepo;
  outbox: Pick<OutboxRepo, "deleteSettledBefore">;
  clock: Clock;
  auditDays: number;
  outboxDays: number;
  logger: Logger;
  intervalMs?: number;
}): Retention {
  const { audit, outbox, clock, logger } = options;
  const run = async (what: "audit" | "outbox", days: number, remove: (cutoff: Date) => Promise<number>) => {
    try {
      const deleted = await remove(auditCutoff(clock.now(), days));
      if (deleted > 0) logger.info({ event: `${what}_retention_deleted`, entries: deleted, retentionDays: days });
    } catch (error) {
      logger.error({ event: `${what}_retention_failed`, err: (error as Error).message });
    }
  };
  const tick = async () => {
    await run("audit", options.auditDays, (cutoff) => audit.deleteOlderThan(cutoff));
    await run("outbox", options.outboxDays, (cutoff) => outbox.deleteSettledBefore(cutoff.toISOString()));
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 6 * 60 * 60 * 1000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
