import { L, choice, seed } from "./common";
import {
  type EvaluationPeriod,
  type Routine,
  type RoutineId,
  type RoutineTemplates,
  isRoutineId,
  routineIds,
  routines,
} from "../routines";
import type { Localized, TemplateChoice } from "./types";

export type { EvaluationPeriod } from "../routines";

/** What the templates need to know about a ladder: its steps, its wording, its evaluation period. */
export interface LadderProfile {
  ladderId: string;
  /** Which form of the templates it uses: Molde's own (002), Lillestrøm's own (001), or the common one. */
  variant: RoutineTemplates["variant"];
  institution: "school" | "kindergarten";
  /** «Nivå» (Molde) or «Trinn» (the others). */
  stepWord: Localized;
  steps: readonly number[];
  /** The registration / messaging system the routine names, for guidance texts. */
  system: string;
  /** Default period before measures are evaluated, with the seed that says it. */
  evaluation: EvaluationPeriod & { source: string };
}

const trinn = L("Trinn", "Trinn", "Step");
// «Planlegg og iverksett tiltak – evaluer etter 3 uker.»
const commonEvaluation = { unit: "weeks", amount: 3, source: `${seed.molde} §1.3` } as const;

/** The routine's own evaluation period, else the first one its steps state. */
function evaluationOf(routine: Routine): LadderProfile["evaluation"] {
  if (routine.templates.evaluation) return routine.templates.evaluation;
  const step = routine.ladder.steps.find((s) => s.evaluateAfter);
  if (!step?.evaluateAfter) return commonEvaluation;
  return { unit: step.evaluateAfter.unit, amount: step.evaluateAfter.amount, source: step.source };
}

function profileOf(ladderId: RoutineId): LadderProfile {
  const routine = routines[ladderId];
  return {
    ladderId,
    variant: routine.templates.variant,
    institution: routine.ladder.institution,
    stepWord: routine.templates.stepWord,
    steps: routine.ladder.steps.map((s) => s.number),
    system: routine.templates.system,
    evaluation: evaluationOf(routine),
  };
}

const profiles = Object.fromEntries(routineIds.map((id) => [id, profileOf(id)])) as Readonly<
  Record<RoutineId, LadderProfile>
>;

/** The profile of a preset; a custom ladder gets the common school form with steps 0–5. */
export function ladderProfile(ladderId: string): LadderProfile {
  if (isRoutineId(ladderId)) return profiles[ladderId];
  return {
    ladderId,
    variant: "common",
    institution: "school",
    stepWord: trinn,
    steps: [0, 1, 2, 3, 4, 5],
    system: "",
    evaluation: commonEvaluation,
  };
}

/** «Nivå 0», «Trinn 1» … as choices for «Hvilket trinn i tiltakstrappa man vurderer at eleven er på» (002 §2.8). */
export function stepChoices(profile: LadderProfile): TemplateChoice[] {
  const w = profile.stepWord;
  return profile.steps.map((n) => choice(String(n), `${w.nb} ${n}`, `${w.nn} ${n}`, `${w.en} ${n}`));
}
