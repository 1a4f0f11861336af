import { L, seed } from "./common";
import { type LadderProfile, type Routine, type RoutineId, isRoutineId, routineIds, routines } from "../routines";

export type { EvaluationPeriod, LadderProfile } from "../routines";

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
    ...(routine.templates.programme ? { programme: routine.templates.programme } : {}),
    evaluation: evaluationOf(routine),
    ...(routine.templates.alwaysPupilLog ? { alwaysPupilLog: true } : {}),
    ...(routine.templates.attendanceMeeting ? { attendanceMeeting: routine.templates.attendanceMeeting } : {}),
  };
}

const profiles = Object.fromEntries(routineIds.map((id) => [id, profileOf(id)])) as Readonly<
  Record<RoutineId, LadderProfile>
>;

/** Whether a ladder's texts speak of a school's pupil or a kindergarten's child. */
export function institutionOf(ladderId: string): LadderProfile["institution"] {
  return ladderProfile(ladderId).institution;
}

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
