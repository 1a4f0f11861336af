/**
 * The audit trail answers a guardian who asks who has read their child's case: who (Teams user id or the API key
 * used, and the role that let them in), what, which pupil, when, and whether it was allowed. No names, no free text.
 */
export type AuditAction =
  "case.read" | "case.absence.read" | "case.archive.read" | "case.change" | "status.read" | "pupil.erase";

export type AuditOutcome = "allowed" | "refused";

export interface AuditEntry {
  id: string;
  pupilId: string;
  at: string;
  /** A Teams user's Entra object id, or `api:<key name>` for the service APIs. */
  actor: string;
  /** The role that gave access (kontaktlærer, tiltaksleder …, `service`, or the API); `none` when refused. */
  role: string;
  action: AuditAction;
  /** The card verb or endpoint, for changes and refusals: `case.dismiss`, `GET status`. */
  via: string;
  outcome: AuditOutcome;
}

/**
 * How long the audit trail is kept, in days, when AUDIT_RETENTION_DAYS is not set: three years. Nærvær is not
 * the archive (the documentation goes to the elevmappe, «Til elevmappen»), so its access log is kept only as long
 * as a question about an access can still lead to a claim: the general limitation period of three years
 * (foreldelsesloven § 2); longer would keep data about staff and pupils past that need (GDPR art. 5(1)(e)).
 */
export const DEFAULT_AUDIT_RETENTION_DAYS = 3 * 365;

/** The oldest instant an entry may have at `now` and still be kept. */
export function auditCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
}
