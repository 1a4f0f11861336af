// The public entry point: evaluate() for one pupil, and deadlineDate for steps set by judgement.
import type { SchoolCalendar } from "../calendar";
import { type IsoDate, formatIsoDate, parseIsoDate } from "../dates";
import type { LadderDeadline } from "../ladder";
import { compileLadder } from "./compile";
import { dayContextOf } from "./day-context";
import { loadInput } from "./registrations";
import { runRules } from "./rules";
import { type Context, deadlineDay } from "./trips";
import type { EvaluateInput, Evaluation, Requirement, StepSummary, SummaryFacts, Trip } from "./types";
import { type Workspace, createWorkspace, enterWorkspace, leaveWorkspace } from "./workspace";

/** What must happen now: every new trip's actions, then the new step's own actions when the step was raised. */
function requirementOf(trips: readonly Trip[], raisedTo: StepSummary | null, asOf: IsoDate): Requirement {
  const actions: string[] = [];
  let deadline: IsoDate | null = null;
  let top = trips[0] as Trip;
  for (const t of trips) {
    for (const a of t.actions) if (!actions.includes(a)) actions.push(a);
    if (t.deadline !== null && (deadline === null || t.deadline < deadline)) deadline = t.deadline;
    if ((t.step ?? -1) > (top.step ?? -1)) top = t;
  }
  if (raisedTo) for (const a of raisedTo.actions) if (!actions.includes(a)) actions.push(a);
  return {
    holders: raisedTo ? raisedTo.holders : top.holders,
    actions,
    deadline,
    overdue: deadline !== null && deadline < asOf,
  };
}

function compareTrips(a: Trip, b: Trip): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const byStep = (b.step ?? -1) - (a.step ?? -1);
  if (byStep !== 0) return byStep;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The working tables of evaluate() calls that bring none: the service evaluates one pupil at a time. */
const sharedWorkspace = createWorkspace();

/**
 * Evaluates one pupil against a ladder on a given day. Pure: the same input gives the same output.
 * Never lowers the step below `previous.step`, and never returns a trigger key listed in `previous.firedKeys`.
 * `ws`: the working tables to use (see workspace.ts); an evaluation started while another uses them throws.
 */
export function evaluate(input: EvaluateInput, ws: Workspace = sharedWorkspace): Evaluation {
  enterWorkspace(ws);
  try {
    return evaluateIn(ws, input);
  } finally {
    leaveWorkspace(ws);
  }
}

function evaluateIn(ws: Workspace, input: EvaluateInput): Evaluation {
  const { pupil, ladder, calendar, asOf, previous, caseOpenedAt, earlySigns } = input;
  const compiled = compileLadder(ladder);
  const dc = dayContextOf(calendar, asOf);
  const { asOfDay, asOfIndex, yearStart } = dc;
  const caseStart = caseOpenedAt === undefined ? undefined : parseIsoDate(caseOpenedAt);
  const scopeStart = caseStart === undefined ? yearStart : Math.min(yearStart, caseStart);
  const summary: SummaryFacts = {
    from: dc.yearStartIso,
    to: asOf,
    days: { total: 0, documented: 0, undocumented: 0 },
    lessons: 0,
    late: 0,
    left: 0,
    notInClass: 0,
    ignored: { afterAsOf: 0, beforeScope: 0, notSchoolDay: 0, duplicateId: 0, otherPupil: 0 },
  };
  loadInput(ws, input.events, pupil.id, compiled, dc, scopeStart, summary, summary.ignored);
  ws.itemsSource.valid = false;

  const ctx: Context = {
    ws,
    calendar,
    asOf,
    asOfDay,
    asOfIndex,
    yearStart,
    caseStart,
    fired: previous?.firedKeys,
    firedSet: undefined,
    firedLookups: 0,
    trips: [],
    lean: false,
  };
  runRules(ctx, dc, compiled, earlySigns);
  const trips = ctx.trips;
  if (trips.length > 1) trips.sort(compareTrips);

  const previousStep = previous?.step ?? null;
  let step = previousStep;
  for (const t of trips) if (t.step !== null && (step === null || t.step > step)) step = t.step;
  const raised = step !== null && (previousStep === null || step > previousStep);
  const current = step === null ? null : (compiled.stepSummaries.get(step) ?? null);
  const required = trips.length === 0 ? null : requirementOf(trips, raised ? current : null, asOf);

  const result: Evaluation = {
    pupilId: pupil.id,
    ladderId: ladder.id,
    asOf,
    step,
    previousStep,
    raised,
    current,
    trips,
    newTriggerKeys: trips.map((t) => t.key),
    required,
    facts: summary,
  };
  return result;
}

/** The deadline date (YYYY-MM-DD) a ladder deadline gives from a day, on the school calendar; for steps set by judgement. */
export function deadlineDate(deadline: LadderDeadline, from: IsoDate, calendar: SchoolCalendar): IsoDate {
  return formatIsoDate(deadlineDay(deadline, parseIsoDate(from), calendar));
}
