import type { Clock } from "../clock";
import type { AuditAction, AuditEntry, AuditOutcome } from "../domain/audit";
import type { AuditRepo } from "../store/audit-repo";

export interface AuditTrail {
  /**
   * Records one access or change before its answer goes out; a failure is thrown, so nothing is shown or changed
   * that the trail does not hold (fail closed).
   */
  record(event: {
    pupilId: string;
    actor: string;
    role: string;
    action: AuditAction;
    via: string;
    outcome?: AuditOutcome;
  }): Promise<void>;
  /** A pupil's entries, newest first, for the data protection officer. */
  listForPupil(pupilId: string): Promise<AuditEntry[]>;
}

export function createAuditTrail(deps: { audits: AuditRepo; clock: Clock }): AuditTrail {
  return {
    record: (event) =>
      deps.audits.append({ ...event, outcome: event.outcome ?? "allowed", at: deps.clock.now().toISOString() }),
    listForPupil: (pupilId) => deps.audits.listForPupil(pupilId),
  };
}
