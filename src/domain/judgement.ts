import type { SchoolCalendar } from "./calendar";
import { deadlineDate, type Trip } from "./evaluation";
import { findStep, type Ladder } from "./ladder";

export interface JudgementInput {
  ladder: Ladder;
  calendar: SchoolCalendar;
  /** The step the pupil is on now (null: none). */
  currentStep: number | null;
  /** The step the contact teacher (or a meeting) assessed the pupil to be on. */
  assessedStep: number;
  date: string;
  /** Stable id of what made the judgement (the completed draft), so it never counts twice. */
  sourceId: string;
  /** The routine's words for why, e.g. «Vurdering etter telefonsamtale». */
  label: string;
}

/**
 * The seeds let judgement move a pupil up without any count (002 §1.3 «Skjønn», 004 «Tidlige tegn»): the
 * conversation concluded a higher step. Never down: closing or lowering is a separate human decision.
 * Returns the trip to add, or undefined when the assessment does not raise the step.
 */
export function raiseByJudgement(input: JudgementInput): Trip | undefined {
  if (input.currentStep !== null && input.assessedStep <= input.currentStep) return undefined;
  const step = findStep(input.ladder, input.assessedStep);
  if (!step) return undefined;
  const deadline = step.deadline ? deadlineDate(step.deadline, input.date, input.calendar) : null;
  return {
    key: `judgement@${input.sourceId}`,
    ruleId: "judgement",
    label: input.label,
    step: step.number,
    stepName: step.name,
    date: input.date,
    holders: step.holders,
    actions: step.actions,
    deadline,
    deadlineLabel: null,
    overdue: false,
    source: step.source,
    facts: { type: "judgement", date: input.date, label: input.label },
    text: `${input.label}: vurdert til ${step.name}.`,
  };
}
