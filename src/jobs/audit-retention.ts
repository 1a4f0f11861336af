import type { Clock } from "../clock";
import { auditCutoff } from "../domain/audit";
import type { Logger } from "../logger";
import type { AuditRepo } from "../store/audit-repo";

export interface AuditRetention {
  /** Deletes what is past the retention now; safe from any number of instances (a gone entry counts as gone). */
  tick(): Promise<void>;
  stop(): void;
}

/** Deletes audit entries older than AUDIT_RETENTION_DAYS, every few hours (the store has no TTL to do it). */
export function startAuditRetention(options: {
  audit: AuditRepo;
  clock: Clock;
  retentionDays: number;
  logger: Logger;
  intervalMs?: number;
}): AuditRetention {
  const { audit, clock, retentionDays, logger } = options;
  const tick = async () => {
    try {
      const deleted = await audit.deleteOlderThan(auditCutoff(clock.now(), retentionDays));
      if (deleted > 0) logger.info({ event: "audit_retention_deleted", entries: deleted, retentionDays });
    } catch (error) {
      logger.error({ event: "audit_retention_failed", err: (error as Error).message });
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 6 * 60 * 60 * 1000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
