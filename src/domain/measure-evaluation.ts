/**
 * Evaluating agreed measures (001 «Trinn 4: Evaluering»): «Evalueringen skal tydeliggjøre hvorvidt målet i planen er
 * nådd og om tiltakene har vært rette og effektive.» Each measure gets a result, and the evaluation one of the ways on
 * the routine names. Pure: the caller passes the measures due, the answers, and the dates.
 */
import type { AbsenceEvent } from "./absence";
import type { SchoolCalendar } from "./calendar";
import { L } from "./templates/common";
import type { Localized, MeasureAnswer } from "./templates/types";

/** How one measure went: the plan's «Evaluering» column (000 Vedlegg «Tiltaksplan»). */
export const measureResults = [
  { id: "worked", label: L("Hadde effekt", "Hadde effekt", "Worked") },
  { id: "partly", label: L("Delvis effekt", "Delvis effekt", "Partly worked") },
  { id: "no_effect", label: L("Ingen effekt", "Inga effekt", "No effect") },
] as const satisfies readonly { id: string; label: Localized }[];
export type MeasureResult = (typeof measureResults)[number]["id"];

/**
 * The ways on after an evaluation, in 001 Trinn 4's words: «Dersom tiltakene har hatt effekt og målet er nådd, eller
 * er på god vei til å nås, lages det en ny avtale og opprettholdende tiltak eller at man bestemmer seg for å følge nøye
 * med på fravær videre. Dersom evalueringen viser at tiltakene ikke har hatt effekt, må det vurderes om noen av
 * tiltakene skal endres eller om skolen skal gå videre …» (Trinn 5, lokalt tverrfaglig møte).
 */
export const evaluationOutcomes = [
  {
    id: "watch",
    label: L(
      "Målet er nådd: vi følger nøye med på fraværet videre",
      "Målet er nådd: vi følgjer nøye med på fråværet vidare",
      "The goal is reached: we keep a close eye on the absence",
    ),
  },
  {
    id: "maintain",
    label: L(
      "Målet er nådd eller på god vei: tiltakene som virket, videreføres i en ny avtale",
      "Målet er nådd eller på god veg: tiltaka som verka, blir vidareførte i ein ny avtale",
      "The goal is reached or well on the way: the measures that worked go on in a new agreement",
    ),
  },
  {
    id: "change",
    label: L(
      "Tiltakene har ikke hatt nok effekt: tiltakene endres (nytt nærværsmøte)",
      "Tiltaka har ikkje hatt nok effekt: tiltaka blir endra (nytt nærværsmøte)",
      "The measures have not worked well enough: they are changed (a new attendance meeting)",
    ),
  },
  {
    id: "next_step",
    label: L(
      "Tiltakene har ikke hatt effekt: saken går videre til neste trinn i tiltakstrappen",
      "Tiltaka har ikkje hatt effekt: saka går vidare til neste trinn i tiltakstrappa",
      "The measures have not worked: the case moves on to the next step of the ladder",
    ),
  },
] as const satisfies readonly { id: string; label: Localized }[];
export type EvaluationOutcome = (typeof evaluationOutcomes)[number]["id"];

export interface DueMeasure extends MeasureAnswer {
  id: string;
}

export interface EvaluationInput {
  due: readonly DueMeasure[];
  /** By measure id: the result chosen on the card. */
  results: Readonly<Record<string, string | undefined>>;
  outcome: string | undefined;
  /** The step the pupil is on, and the next one on the ladder (null at the top, where «next_step» is not offered). */
  nextStep: number | null;
  /** The date the measures that go on are evaluated next (the step's own period, as for new measures). */
  nextEvaluationDate: string;
}

export type EvaluationProblem = "result_missing" | "outcome_missing" | "no_next_step" | "nothing_worked";

export type Evaluation =
  | {
      ok: true;
      results: { id: string; measure: string; result: MeasureResult }[];
      outcome: EvaluationOutcome;
      /** The measures that go on, with their next evaluation date («maintain»); empty otherwise. */
      continued: MeasureAnswer[];
      /** The step the case moves to («next_step»); null otherwise. */
      assessedStep: number | null;
    }
  | { ok: false; problems: { problem: EvaluationProblem; measureId?: string }[] };

/** Agreed measures still waiting whose evaluation date has come (today included), by date. */
export function measuresDue<T extends { status: string; evaluationDate: string }>(
  measures: readonly T[],
  today: string,
): T[] {
  return measures
    .filter((m) => m.status === "active" && m.evaluationDate <= today)
    .sort((a, b) => (a.evaluationDate < b.evaluationDate ? -1 : a.evaluationDate > b.evaluationDate ? 1 : 0));
}

/** A measure with this result goes on in a new agreement when the evaluation keeps the measures («maintain»). */
export const goesOn = (result: string | undefined): boolean => result === "worked" || result === "partly";

const isResult = (value: string | undefined): value is MeasureResult => measureResults.some((r) => r.id === value);
const isOutcome = (value: string | undefined): value is EvaluationOutcome =>
  evaluationOutcomes.some((o) => o.id === value);

/** The outcomes a card offers: «next_step» only where the ladder has a step above. */
export function offeredOutcomes(nextStep: number | null): (typeof evaluationOutcomes)[number][] {
  return evaluationOutcomes.filter((o) => o.id !== "next_step" || nextStep !== null);
}

/** Checks the answers and says what the evaluation decides; every problem is named, none is guessed away. */
export function evaluateMeasures(input: EvaluationInput): Evaluation {
  const problems: { problem: EvaluationProblem; measureId?: string }[] = [];
  const results: { id: string; measure: string; result: MeasureResult }[] = [];
  for (const m of input.due) {
    const result = input.results[m.id];
    if (isResult(result)) results.push({ id: m.id, measure: m.measure, result });
    else problems.push({ problem: "result_missing", measureId: m.id });
  }
  const outcome = input.outcome;
  if (!isOutcome(outcome)) problems.push({ problem: "outcome_missing" });
  else if (outcome === "next_step" && input.nextStep === null) problems.push({ problem: "no_next_step" });
  const worked = input.due.filter((m) => goesOn(input.results[m.id]));
  if (outcome === "maintain" && problems.length === 0 && worked.length === 0)
    problems.push({ problem: "nothing_worked" });
  if (problems.length > 0 || !isOutcome(outcome)) return { ok: false, problems };
  return {
    ok: true,
    results,
    outcome,
    continued:
      outcome === "maintain"
        ? worked.map(({ id: _id, ...m }) => ({ ...m, evaluationDate: input.nextEvaluationDate }))
        : [],
    assessedStep: outcome === "next_step" ? input.nextStep : null,
  };
}

// ── What the evaluation judges: the plan's goal, and the absence since the plan started ─────────

/** A measure as its plan is traced (case.ts's MeasureRecord, which imports this file's types). */
export interface PlannedMeasure {
  id: string;
  draftId: string;
  continues?: string;
  agreedAt: string;
}

/** The plan a measure belongs to: the measure it carries on, back to the one first agreed, and the entry agreeing it. */
export interface PlanOfMeasures {
  /** The plan's «Hovedmål», when the meeting that made it wrote one. */
  mainGoal: string | null;
  /** The day the plan was agreed (the meeting's date), from which the absence is counted. */
  startedOn: string;
}

/**
 * The plan of the measures due: 001 «Trinn 4» asks «hvorvidt målet i planen er nådd». A measure carried on by an
 * evaluation leads back to the one first agreed; that one's log entry holds the goal and the day. Of several plans,
 * the newest. Null when no due measure leads to an entry.
 */
export function planOfMeasures(
  due: readonly PlannedMeasure[],
  measures: readonly PlannedMeasure[],
  log: readonly { id: string; contactDate: string; mainGoal?: string }[],
): PlanOfMeasures | null {
  let plan: PlanOfMeasures | null = null;
  for (const measure of due) {
    let root = measure;
    // Bounded: a carried-on chain is at most as long as the case's measures.
    for (let hops = 0; root.continues && hops < measures.length; hops++) {
      const earlier = measures.find((m) => m.id === root.continues);
      if (!earlier) break;
      root = earlier;
    }
    const entry = log.find((e) => e.id === `log:${root.draftId}`);
    const candidate = {
      mainGoal: entry?.mainGoal ?? null,
      startedOn: entry?.contactDate ?? root.agreedAt.slice(0, 10),
    };
    if (plan === null || candidate.startedOn > plan.startedOn) plan = candidate;
  }
  return plan;
}

/** Absence over a stretch of school days: whole days, lessons, late arrivals. */
export interface AbsenceTally {
  from: string;
  to: string;
  schoolDays: number;
  days: number;
  lessons: number;
  late: number;
}

function tally(
  events: readonly AbsenceEvent[],
  calendar: Pick<SchoolCalendar, "isSchoolDay" | "countSchoolDays">,
  from: string,
  to: string,
): AbsenceTally {
  const inRange = events.filter((e) => e.date >= from && e.date <= to && calendar.isSchoolDay(e.date));
  return {
    from,
    to,
    schoolDays: calendar.countSchoolDays(from, to),
    days: new Set(inRange.filter((e) => e.kind === "day").map((e) => e.date)).size,
    lessons: inRange.filter((e) => e.kind === "lesson").reduce((sum, e) => sum + (e.lessons ?? 1), 0),
    late: inRange.filter((e) => e.kind === "late").length,
  };
}

/**
 * The absence since the plan started (its first day to today) against as many school days before it, so the card can
 * show whether it went down. `before` is null when the plan started today or the school year has no days before it.
 */
export function absenceSincePlan(
  events: readonly AbsenceEvent[],
  calendar: Pick<SchoolCalendar, "isSchoolDay" | "countSchoolDays" | "previousSchoolDay" | "addSchoolDays">,
  startedOn: string,
  today: string,
): { since: AbsenceTally; before: AbsenceTally | null } {
  const since = tally(events, calendar, startedOn, today);
  if (since.schoolDays === 0) return { since, before: null };
  const beforeTo = calendar.previousSchoolDay(startedOn);
  const beforeFrom = calendar.addSchoolDays(beforeTo, -(since.schoolDays - 1));
  return { since, before: tally(events, calendar, beforeFrom, beforeTo) };
}
