import { caseEventEntry } from "../domain/case";
import type { Escalation } from "../domain/escalation";
import type { LeadRole, Pupil, StaffMember, StaffRole } from "../domain/roster";
import { stepNumberLine, type PupilStatus } from "../domain/status";
import { fill, messagesFor, type Language } from "../i18n/catalog";
import { fullDate } from "../i18n/dates";
import type { CaseDeps } from "./deps";
import type { School } from "../domain/roster";
import type { SchoolFailure } from "./evaluate-pupils";
import type { Fallback, FallbackMessage } from "../store/outbox-repo";

/** Who wrote a log entry that Nærvær made itself (leaders told); no staff member has this id. */
const systemAuthor = "naervaer";

export type Told = { leader: StaffMember; role: LeadRole };

/** The same deps, with the school's staff per role read once for the operation (a run's step cards, a morning's lists). */
export function withStaffReadOnce<D extends Pick<CaseDeps, "roster">>(deps: D): D {
  const known = new Map<string, Promise<StaffMember[]>>();
  const staffWithRole = (schoolId: string, role: StaffRole): Promise<StaffMember[]> => {
    const key = `${schoolId}|${role}`;
    const read = known.get(key) ?? deps.roster.staffWithRole(schoolId, role);
    known.set(key, read);
    return read;
  };
  return { ...deps, roster: { ...deps.roster, staffWithRole } };
}

/** The fallback chain of sendToLeaders: the first of `roles`, the tiltaksleder, the rektor that the school has anyone in. */
export const leaderTiers = (roles: readonly LeadRole[]): LeadRole[][] => [[...roles], ["coordinator"], ["principal"]];

/** The first tier of leaderTiers with someone registered at the school; `roles` when none has. */
export async function rolesWithStaff(
  deps: Pick<CaseDeps, "roster">,
  schoolId: string,
  roles: readonly LeadRole[],
): Promise<readonly LeadRole[]> {
  for (const tier of leaderTiers(roles)) {
    for (const role of tier) if ((await deps.roster.staffWithRole(schoolId, role)).length > 0) return tier;
  }
  return roles;
}

/**
 * Sends to the school's leaders in `roles`; where none of them is registered, to the tiltaksleder, then the rektor:
 * never silently nobody. Each message carries the rest of that chain (`fallback`), so one that cannot be delivered goes
 * on to the next leaders (usecases/delivery.ts). People in `reached` already have it: they count, and get nothing twice.
 */
export async function sendToLeaders(
  deps: Pick<CaseDeps, "roster">,
  schoolId: string,
  roles: readonly LeadRole[],
  message: FallbackMessage,
  send: (leader: StaffMember, role: LeadRole, fallback: Fallback) => Promise<unknown>,
  reached: ReadonlySet<string> = new Set(),
): Promise<Told[]> {
  const tiers = leaderTiers(roles);
  for (let tier = 0; tier < tiers.length; tier++) {
    const told: Told[] = [];
    const seen = new Set<string>();
    for (const role of tiers[tier]!) {
      for (const leader of await deps.roster.staffWithRole(schoolId, role)) {
        if (seen.has(leader.aadObjectId)) continue;
        seen.add(leader.aadObjectId);
        if (!reached.has(leader.aadObjectId)) await send(leader, role, { schoolId, roles, tier, message });
        told.push({ leader, role });
      }
    }
    if (told.length > 0) return told;
  }
  return [];
}

/** «tiltaksleder Tone T., teamleder Per P.» for the timeline: each role's names, in the language of whoever writes it. */
function leadersText(language: Language, told: readonly Told[]): { role: string; names: string } {
  const roles = [...new Set(told.map((t) => messagesFor(language).roles[t.role]))];
  return { role: roles.join(", "), names: told.map((t) => t.leader.name).join(", ") };
}

/** The timeline's entry for leaders told, in the school's default language (bokmål), as the other entries Nærvær writes. */
export async function logEscalation(
  deps: Pick<CaseDeps, "cases" | "clock" | "logger">,
  ctx: {
    pupil: Pick<Pupil, "id" | "schoolId">;
    status: Pick<PupilStatus, "ladder" | "step" | "stepName">;
    today: string;
  },
  escalation: Escalation,
  told: readonly Told[],
): Promise<void> {
  deps.logger.info({ event: "escalated", pupilId: ctx.pupil.id, kind: escalation.kind, recipients: told.length });
  if (told.length === 0) {
    deps.logger.error({
      event: "escalation_undeliverable",
      pupilId: ctx.pupil.id,
      schoolId: ctx.pupil.schoolId,
      kind: escalation.kind,
    });
    return;
  }
  const m = messagesFor("nb").case;
  const who = leadersText("nb", told);
  const text =
    escalation.kind === "step"
      ? fill(m.escalatedStep, { ...who, step: stepNumberLine(ctx.status, "nb") })
      : fill(escalation.kind === "deadline" ? m.escalatedDeadline : m.escalatedEvaluation, {
          ...who,
          date: fullDate(escalation.kind === "deadline" ? escalation.deadline : escalation.evaluationDate),
        });
  const at = deps.clock.now().toISOString();
  await deps.cases.appendLog(
    caseEventEntry(ctx, {
      id: `log:${escalation.key}`,
      templateId: "escalated",
      author: systemAuthor,
      at,
      furtherMeasures: text,
    }),
  );
}

/**
 * A school's evaluation could not run: its tiltaksleder (else rektor) hears why, once a day, without pupil data, so
 * that a broken ladder or an outage is not found out weeks later by a pupil nobody followed up.
 */
export async function tellLeadersEvaluationFailed(
  deps: Pick<CaseDeps, "roster" | "cases" | "caseCards" | "clock">,
  school: School,
  date: string,
  failure: SchoolFailure,
): Promise<void> {
  // The one-time claim lives in the school's own partition of the case container, apart from every pupil's.
  if (!(await deps.cases.claimOnce(`school:${school.id}`, `evaluation-failed:${date}`, deps.clock.now().toISOString())))
    return;
  const message = { kind: "evaluationFailed", school: school.name, date, failure } as const;
  const key = `evaluation-failed:${school.id}:${date}`;
  await sendToLeaders(deps, school.id, ["coordinator"], { kind: "stored", message }, (leader, _role, fallback) =>
    deps.caseCards.send(leader.aadObjectId, message, { key, group: key, schoolId: school.id, fallback }),
  );
}
