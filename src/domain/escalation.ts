/**
 * When the routine brings the school's leadership (tiltaksleder, teamleder, rektor) into a pupil's case. Pure: the
 * caller reads the case and the ladder and says what day it is at the school.
 *
 * - A step whose stafettholder includes a leader, or that says to tell one: the leader hears of it when the pupil
 *   reaches the step (000 Del 5 «Stafettholder: Kontaktlærer / tiltaksleder» from Trinn 1; 002 §1.3 «Samarbeid med
 *   flere: Meld til ledelse – innen 1 uke»; 001 «Hva gjør jeg som kontaktlærer?» Trinn 2 «Varsle rektor»).
 * - A deadline that ran out with nothing documented, and an evaluation day that passed with the measures not
 *   evaluated: the tiltaksleder hears of it, since the stafettholder «skal sørge for en sammenhengende helhetlig innsats
 *   uten brudd i oppfølgingen» and, without an ansvarsgruppe, «tiltaksleder [skal] koordinere arbeidet» (000 Del 5
 *   «Koordineringsansvar»); 001 Trinn 4 and 002 §1.3 evaluate measures after three weeks.
 */
import type { IsoDate } from "./dates";
import type { LadderStep } from "./ladder";
import { isLeadRole, type LeadRole } from "./roster";

export type Escalation =
  /** The pupil reached a step a leader holds or must be told of. */
  | { kind: "step"; key: string; step: number; roles: LeadRole[] }
  /** The newest trips' deadline ran out and nobody documented a follow-up. */
  | { kind: "deadline"; key: string; deadline: IsoDate; roles: LeadRole[] }
  /** Measures agreed in one conversation were due for evaluation on a day that has passed. */
  | {
      kind: "evaluation";
      key: string;
      evaluationDate: IsoDate;
      draftId: string;
      measures: string[];
      roles: LeadRole[];
    };

/** The leaders a step names, as stafettholder or to be told, each role once and in the ladder's order. */
export function leadRolesOfStep(step: Pick<LadderStep, "holders" | "notify"> | undefined): LeadRole[] {
  const roles = [...(step?.holders ?? []), ...(step?.notify ?? [])].map((h) => h.role).filter(isLeadRole);
  return [...new Set(roles)];
}

/** The leaders to tell when the pupil reaches `step`; null when the step is the contact teacher's alone. */
export function stepEscalation(step: Pick<LadderStep, "number" | "holders" | "notify"> | undefined): Escalation | null {
  const roles = leadRolesOfStep(step);
  if (!step || roles.length === 0) return null;
  return { kind: "step", key: `escalation:step:${step.number}`, step: step.number, roles };
}

/**
 * Whether the step's stafettholder is the leadership alone (Ørland Trinn 3 «Stafettholder: Tiltaksleder», Molde nivå 3,
 * Tynset 3–4 «Rektor»): then they hear of every new trip on it, as the contact teacher does, not only of the step.
 */
export function heldByLeaders(step: Pick<LadderStep, "holders"> | undefined): boolean {
  return step !== undefined && step.holders.length > 0 && step.holders.every((h) => isLeadRole(h.role));
}

export interface OverdueInput {
  today: IsoDate;
  /** The pupil's step; off the ladder nothing is due. */
  step: Pick<LadderStep, "number" | "holders" | "notify"> | undefined;
  deadline: IsoDate | null;
  /** The newest trip's key: a later trip brings a new deadline, and a new escalation if that one runs out too. */
  newestTripKey: string | null;
  /** The day the newest trip was followed up (a conversation, an assessment, «ikke bekymringsfullt»); null while it waits. */
  followedUp: IsoDate | null;
  /** The day the contact teacher (or, without one, a leader) was told: an old trip found late still gives them that day. Null: nobody was told, so nothing runs out. */
  nudgedOn: IsoDate | null;
  measures: readonly { draftId: string; measure: string; evaluationDate: IsoDate; status: "active" | "evaluated" }[];
}

/**
 * The contact teacher's reminder on the deadline day itself, when the deadline fell later than the day they were told
 * (a same-day deadline is the nudge's own day) and nothing is documented yet; null otherwise. It names the leaders who
 * will be told the next school day, so nobody is surprised.
 */
export function deadlineReminder(input: OverdueInput): { key: string; roles: LeadRole[] } | null {
  if (
    !input.step ||
    input.deadline === null ||
    input.followedUp !== null ||
    input.nudgedOn === null ||
    !input.newestTripKey
  )
    return null;
  if (input.today !== input.deadline || !(input.nudgedOn < input.today)) return null;
  return { key: `reminder:deadline:${input.newestTripKey}`, roles: rolesToTellOfOverdue(input.step) };
}

/** Who hears of what ran out: the step's leaders; a step without any goes to the tiltaksleder. */
function rolesToTellOfOverdue(step: Pick<LadderStep, "holders" | "notify">): LeadRole[] {
  const named = leadRolesOfStep(step);
  return named.length > 0 ? named : ["coordinator"];
}

/**
 * What has run out by `today` (the day after a deadline or an evaluation day, at the earliest). Told to the step's
 * leaders; a step without any goes to the tiltaksleder (the caller falls back to the rektor where there is none).
 */
export function overdueEscalations(input: OverdueInput): Escalation[] {
  if (!input.step) return [];
  const roles = rolesToTellOfOverdue(input.step);
  const due: Escalation[] = [];
  const { deadline } = input;
  const missed =
    deadline !== null &&
    input.today > deadline &&
    input.followedUp === null &&
    input.nudgedOn !== null &&
    input.today > input.nudgedOn;
  if (missed && input.newestTripKey)
    due.push({ kind: "deadline", key: `escalation:deadline:${input.newestTripKey}`, deadline, roles });
  const late = new Map<string, { draftId: string; evaluationDate: IsoDate; measures: string[] }>();
  for (const m of input.measures) {
    if (m.status !== "active" || !(input.today > m.evaluationDate)) continue;
    const id = `${m.draftId}:${m.evaluationDate}`;
    const group = late.get(id) ?? { draftId: m.draftId, evaluationDate: m.evaluationDate, measures: [] };
    group.measures.push(m.measure);
    late.set(id, group);
  }
  const byDate = [...late].sort(([, a], [, b]) =>
    a.evaluationDate < b.evaluationDate ? -1 : a.evaluationDate > b.evaluationDate ? 1 : 0,
  );
  for (const [id, group] of byDate)
    due.push({ kind: "evaluation", key: `escalation:evaluation:${id}`, ...group, roles });
  return due;
}
