/**
 * The engine's bulk forms, for the benchmark's national year (npm run bench:ladder) and its tests: evaluateStep
 * (the step and new trigger keys without trips, facts or text), evaluateSteps for a school's pupils at once, and
 * the single pass generated per ladder (ladder-kernel.ts). The service calls only evaluate() (docs/benchmark.md
 * says why); these build on the engine's own parts in src/domain/evaluation, so both agree by construction.
 */
import type { SchoolCalendar } from "../../src/domain/calendar";
import type { Ladder } from "../../src/domain/ladder";
import {
  type EpochDay,
  type IsoDate,
  endOfMonth,
  parseIsoDate,
  startOfIsoWeek,
  startOfMonth,
} from "../../src/domain/dates";
import {
  type CompiledLadder,
  type CompiledRule,
  type CountRule,
  KIND_DAY,
  KIND_LESSON,
  NO_REASON,
  REASON_ILLNESS,
  RULE_CONSECUTIVE,
  RULE_COUNT,
  RULE_EARLY_SIGN,
  RULE_OCCURRENCE,
  compileLadder,
} from "../../src/domain/evaluation/compile";
import { type DayContext, NOT_SCHOOL_DAY, dayContextOf } from "../../src/domain/evaluation/day-context";
import { subjectSlotOf, subjectsDistinct } from "../../src/domain/evaluation/filters";
import { addIllnessDay, finishIllnessGroups, rootOf, startIllnessGroups } from "../../src/domain/evaluation/illness";
import { loadInput } from "../../src/domain/evaluation/registrations";
import { runRules } from "../../src/domain/evaluation/rules";
import { type Context, stubCount } from "../../src/domain/evaluation/trips";
import type {
  ColumnRows,
  EvaluateInput,
  PreviousEvaluation,
  RegistrationColumns,
  StepSummary,
  SummaryFacts,
} from "../../src/domain/evaluation/types";
import { evaluateFixedWindows, evaluateRollingWindow } from "../../src/domain/evaluation/windows";
import { type Workspace, createWorkspace, enterWorkspace, leaveWorkspace } from "../../src/domain/evaluation/workspace";
import { type Kernel, createKernel, createKernelLists } from "./ladder-kernel";

/**
 * The bulk forms' working tables, apart from evaluate()'s: the generated kernels hold them as constants, and
 * resume.ts reads a pupil's rows in them after evaluateStepLoaded.
 */
export const bulkWorkspace: Workspace = createWorkspace();

/** What evaluateStep returns: the parts of an Evaluation that decide the step, without trips, facts or text. */
export interface StepEvaluation {
  pupilId: string;
  ladderId: string;
  asOf: IsoDate;
  step: number | null;
  previousStep: number | null;
  raised: boolean;
  current: StepSummary | null;
  /** The new trips' keys, in the order evaluate() lists its trips (a shared, frozen empty array when there are none). */
  newTriggerKeys: readonly string[];
}

const noKeys: readonly string[] = Object.freeze([]);

/** An empty StepEvaluation, for a bulk caller to pass as evaluateStep's `into`. */
export function createStepEvaluation(): StepEvaluation {
  return {
    pupilId: "",
    ladderId: "",
    asOf: "",
    step: null,
    previousStep: null,
    raised: false,
    current: null,
    newTriggerKeys: noKeys,
  };
}

export const ignoredScratch: SummaryFacts["ignored"] = {
  afterAsOf: 0,
  beforeScope: 0,
  notSchoolDay: 0,
  duplicateId: 0,
  otherPupil: 0,
};

/**
 * The lean form of evaluate() for bulk runs: the same step, raised flag, current step and new trigger keys
 * (in the same order) as `evaluate(input)`, computed by the same rule code, but without building the trips'
 * facts, Norwegian text, deadlines or the summary facts. For the pupils that do get new trips, call
 * evaluate() with the same input to get the full Trip objects; most pupils on most days get none.
 *
 * `into`: a StepEvaluation to fill and return instead of a new one, for bulk callers that read each result
 * before the next call (no object per pupil for the garbage collector).
 */
export function evaluateStep(input: EvaluateInput, into?: StepEvaluation): StepEvaluation {
  const ws = bulkWorkspace;
  enterWorkspace(ws);
  try {
    return evaluateStepIn(ws, input, into);
  } finally {
    leaveWorkspace(ws);
  }
}

function evaluateStepIn(ws: Workspace, input: EvaluateInput, into: StepEvaluation | undefined): StepEvaluation {
  const { events, ladder, calendar, asOf, caseOpenedAt, earlySigns } = input;
  const compiled = compileLadder(ladder);
  const kernel = kernelOf(compiled);
  if (
    kernel !== undefined &&
    caseOpenedAt === undefined &&
    (earlySigns === undefined || earlySigns.length === 0) &&
    !Array.isArray(events)
  ) {
    const rows = events as ColumnRows;
    const c = rows.columns;
    if (rows.next === undefined && (!compiled.perSubject || subjectsDistinct(c.subjects))) {
      const dc = dayContextOf(calendar, asOf);
      ws.stubs.n = 0;
      const ctx = leanContextFor(calendar, asOf, dc, undefined, input.previous);
      const done = kernel(rows, dc, ctx, c);
      ctx.fired = undefined;
      if (done) return stepEvaluationOfStubs(input.pupil.id, compiled, asOf, input.previous, into);
    }
  }
  return evaluateStepLoaded(input, into);
}

/**
 * A school's pupils for evaluateSteps: one ladder, calendar and as-of date, no cases, no early signs, and every
 * pupil's rows in one column batch (pupil p's are [from[p], to[p]) of `columns`, in day order).
 */
export interface StepBatch {
  ladder: Ladder;
  calendar: SchoolCalendar;
  asOf: IsoDate;
  columns: RegistrationColumns;
  from: Int32Array;
  to: Int32Array;
  ids: readonly string[];
  /** The pupils to evaluate: order[k] for k in [start, end), or the pupils start … end - 1 when there is no order. */
  order?: Int32Array;
  start: number;
  end: number;
}

/** Where evaluateSteps writes pupil p's step and new trigger keys (at p, as evaluateStep returns them; other entries are left as they are). */
export interface StepResults {
  step: (number | null)[];
  keys: (readonly string[])[];
}

/**
 * evaluateStep for a school's pupils at once, as a full-year run evaluates them: the same step and trigger keys
 * per pupil, with the ladder, day context and batch checked once for the school instead of once per pupil.
 */
export function evaluateSteps(batch: StepBatch, out: StepResults): void {
  const ws = bulkWorkspace;
  enterWorkspace(ws);
  try {
    evaluateStepsIn(ws, batch, out);
  } finally {
    leaveWorkspace(ws);
  }
}

function evaluateStepsIn(ws: Workspace, batch: StepBatch, out: StepResults): void {
  const { ladder, calendar, asOf, columns, from, to, ids, order, start, end } = batch;
  const compiled = compileLadder(ladder);
  const kernel = !compiled.perSubject || subjectsDistinct(columns.subjects) ? kernelOf(compiled) : undefined;
  const dc = dayContextOf(calendar, asOf);
  const rows = { columns, from: 0, to: 0 };
  const { step, keys } = out;
  let ctx = leanContextFor(calendar, asOf, dc, undefined, undefined);
  for (let k = start; k < end; k++) {
    const p = order === undefined ? k : (order[k] as number);
    rows.from = from[p] as number;
    rows.to = to[p] as number;
    if (kernel !== undefined) {
      ws.stubs.n = 0;
      if (kernel(rows, dc, ctx, columns)) {
        const outcome = readStubs(null);
        step[p] = outcome.step;
        keys[p] = outcome.keys;
        continue;
      }
    }
    // Rows out of day order, too many for the single pass, or no single pass for this batch: the general path.
    const r = evaluateStepLoaded({
      pupil: { id: ids[p] as string },
      events: { columns, from: rows.from, to: rows.to },
      ladder,
      calendar,
      asOf,
    });
    step[p] = r.step;
    keys[p] = r.newTriggerKeys;
    // The general path set the one lean context for its own input: set it for the school again.
    ctx = leanContextFor(calendar, asOf, dc, undefined, undefined);
  }
}

/** evaluateStep over the registrations it loads into the bulk workspace (any input), which it leaves loaded for resume.ts. */
export function evaluateStepLoaded(input: EvaluateInput, into?: StepEvaluation): StepEvaluation {
  const { pupil, ladder, calendar, asOf, previous, caseOpenedAt, earlySigns } = input;
  const compiled = compileLadder(ladder);
  const dc = dayContextOf(calendar, asOf);
  const caseStart = caseOpenedAt === undefined ? undefined : parseIsoDate(caseOpenedAt);
  const scopeStart = caseStart === undefined ? dc.yearStart : Math.min(dc.yearStart, caseStart);
  const ws = bulkWorkspace;
  loadInput(ws, input.events, pupil.id, compiled, dc, scopeStart, undefined, ignoredScratch);
  ws.itemsSource.valid = false;

  ws.stubs.n = 0;
  const ctx = leanContextFor(calendar, asOf, dc, caseStart, previous);
  runRules(ctx, dc, compiled, earlySigns);
  ctx.fired = undefined;
  return stepEvaluationOfStubs(pupil.id, compiled, asOf, previous, into);
}

/** evaluateStep's one context object, set for a pupil (nothing keeps it: no allocation per pupil). */
export function leanContextFor(
  calendar: SchoolCalendar,
  asOf: IsoDate,
  dc: DayContext,
  caseStart: EpochDay | undefined,
  previous: PreviousEvaluation | undefined,
): Context {
  const ctx = leanContext;
  ctx.calendar = calendar;
  ctx.asOf = asOf;
  ctx.asOfDay = dc.asOfDay;
  ctx.asOfIndex = dc.asOfIndex;
  ctx.yearStart = dc.yearStart;
  ctx.caseStart = caseStart;
  ctx.fired = previous?.firedKeys;
  ctx.firedSet = undefined;
  ctx.firedLookups = 0;
  return ctx;
}

/** The step and new trigger keys of the trips found in lean mode (in `stubs`), on top of the previous step. */
const stubOutcome = { step: null as number | null, keys: noKeys };

function readStubs(previousStep: number | null): typeof stubOutcome {
  const stubs = bulkWorkspace.stubs;
  const n = stubs.n;
  let step = previousStep;
  let keys = noKeys;
  if (n > 0) {
    // The trips' order in evaluate(): by date, then higher step first, then key (compareTrips).
    const at = sortedStubs(n);
    for (let i = 0; i < n; i++) {
      const st = stubs.step[at[i] as number] as number;
      if (st >= 0 && (step === null || st > step)) step = st;
    }
    keys = keyList(at, n);
  }
  stubOutcome.step = step;
  stubOutcome.keys = keys;
  return stubOutcome;
}

/** The StepEvaluation of the trips found in lean mode (in `stubs`), on top of the previous step. */
export function stepEvaluationOfStubs(
  pupilId: string,
  compiled: CompiledLadder,
  asOf: IsoDate,
  previous: PreviousEvaluation | undefined,
  into?: StepEvaluation,
): StepEvaluation {
  const previousStep = previous?.step ?? null;
  const { step, keys } = readStubs(previousStep);
  const raised = step !== null && (previousStep === null || step > previousStep);
  const current = step === null ? null : (compiled.stepList[step] ?? null);
  if (into === undefined)
    return { pupilId, ladderId: compiled.ladder.id, asOf, step, previousStep, raised, current, newTriggerKeys: keys };
  into.pupilId = pupilId;
  into.ladderId = compiled.ladder.id;
  into.asOf = asOf;
  into.step = step;
  into.previousStep = previousStep;
  into.raised = raised;
  into.current = current;
  into.newTriggerKeys = keys;
  return into;
}

export const leanContext: Context = {
  ws: bulkWorkspace,
  calendar: undefined as unknown as SchoolCalendar,
  asOf: "",
  asOfDay: 0,
  asOfIndex: 0,
  yearStart: 0,
  caseStart: undefined,
  fired: undefined,
  firedSet: undefined,
  firedLookups: 0,
  trips: [],
  lean: true,
};

/**
 * The stubs' keys in `at` order. Short lists are array literals: V8 tracks their allocation sites and, when a
 * bulk caller keeps the lists, allocates them straight in the old generation instead of copying them in every scavenge.
 */
function keyList(at: Int32Array, n: number): string[] {
  const key = bulkWorkspace.stubs.key;
  switch (n) {
    case 1:
      return [key[at[0] as number] as string];
    case 2:
      return [key[at[0] as number] as string, key[at[1] as number] as string];
    case 3:
      return [key[at[0] as number] as string, key[at[1] as number] as string, key[at[2] as number] as string];
    case 4:
      return [
        key[at[0] as number] as string,
        key[at[1] as number] as string,
        key[at[2] as number] as string,
        key[at[3] as number] as string,
      ];
    default: {
      const list: string[] = new Array(n);
      for (let i = 0; i < n; i++) list[i] = key[at[i] as number] as string;
      return list;
    }
  }
}

let stubOrder = new Int32Array(32);

/** Positions of the stubs in compareTrips order (insertion sort: a pupil has a handful of new trips). */
function sortedStubs(n: number): Int32Array {
  if (stubOrder.length < n) stubOrder = new Int32Array(n * 2);
  const at = stubOrder;
  const { day, step, key } = bulkWorkspace.stubs;
  for (let i = 0; i < n; i++) {
    let j = i;
    while (j > 0) {
      const p = at[j - 1] as number;
      const dp = day[p] as number;
      const di = day[i] as number;
      if (dp < di) break;
      if (dp === di) {
        const sp = step[p] as number;
        const si = step[i] as number;
        if (sp > si || (sp === si && (key[p] as string) < (key[i] as string))) break;
      }
      at[j] = p;
      j--;
    }
    at[j] = i;
  }
  return at;
}

// The single pass: evaluateStep's way through the bulk case (one column batch in day order, no case, no early
// signs). ladder-kernel.ts writes it out for each ladder: it reads each row once into one list per kind,
// marking continuous illness on the way, finds the occurrences as it loads, and counts each family of count
// rules in one loop; rolling windows and per-subject counts go through the engine's evaluateRollingWindow, and
// every trip through the same stubs and keys as the rules above.

/**
 * Whether the single pass can evaluate the ladder: no filter by subject or run length, at most 30 filters (pass
 * bits), and no day count per subject (evaluateCount counts every day for each subject there).
 */
function singlePassFits(rules: readonly CompiledRule[]): boolean {
  return rules.every(
    (r) =>
      r.typeCode === RULE_EARLY_SIGN ||
      (r.filter.bit !== 0 &&
        r.filter.subjects === undefined &&
        r.filter.maxRunLength === 0 &&
        // Whether illness is one period or several is known only after all rows: the general evaluation reads it.
        !r.filter.continuousIllnessAlone &&
        !(r.perSubject && r.kind === KIND_DAY)),
  );
}

let slotBounds = new Int32Array(16);
let slotOrder = new Int32Array(16);

const kernelLists = createKernelLists();

export const kernelCodes = {
  count: RULE_COUNT,
  consecutive: RULE_CONSECUTIVE,
  occurrence: RULE_OCCURRENCE,
  earlySign: RULE_EARLY_SIGN,
  kindDay: KIND_DAY,
  kindLesson: KIND_LESSON,
  notSchoolDay: NOT_SCHOOL_DAY,
  reasonIllness: REASON_ILLNESS,
  noReason: NO_REASON,
};

type SinglePassKernel = Kernel<ColumnRows, DayContext, Context, RegistrationColumns>;

// Kernels by compiled ladder, generated on first use: only a bulk form asks for one.
const kernels = new WeakMap<CompiledLadder, SinglePassKernel | null>();
let lastKernel: { compiled: CompiledLadder; kernel: SinglePassKernel | undefined } | undefined;

/** The single pass generated for this ladder (ladder-kernel.ts); undefined when a rule does not fit it (singlePassFits). */
export function kernelOf(compiled: CompiledLadder): SinglePassKernel | undefined {
  // Bulk runs evaluate every pupil against the same ladder: skip even the WeakMap lookup.
  if (lastKernel?.compiled === compiled) return lastKernel.kernel;
  let known = kernels.get(compiled);
  if (known === undefined) {
    known = (singlePassFits(compiled.rules) ? kernelFor(compiled) : undefined) ?? null;
    kernels.set(compiled, known);
  }
  lastKernel = { compiled, kernel: known ?? undefined };
  return lastKernel.kernel;
}

function kernelFor(compiled: CompiledLadder): SinglePassKernel | undefined {
  const ws = bulkWorkspace;
  const passTable = compiled.passTable;
  const helpers = {
    stubCount,
    items: ws.items,
    itemsSource: ws.itemsSource,
    startOfMonth,
    endOfMonth,
    startOfIsoWeek,
    evaluateRollingWindow,
    evaluatePerSubject: evaluatePerSubjectOverList,
    addIllnessDay: (index: number, day: EpochDay, episodeId: string | undefined) =>
      addIllnessDay(ws, index, day, episodeId),
    startIllnessGroups: () => startIllnessGroups(ws),
    finishIllnessGroups: (n: number, group: Int32Array, days: Int32Array) => finishIllnessGroups(ws, n, group, days),
    rootOf,
    regs: ws.regs,
    illnessGroups: ws.illness,
    passTable,
    lists: kernelLists,
  };
  return createKernel<ColumnRows, DayContext, Context, RegistrationColumns>(
    compiled.rules,
    compiled.needsIllness,
    kernelCodes,
    (bit) => alwaysPasses(compiled, bit),
    helpers,
  );
}

/** Whether every row passes the filter with this pass bit (the generated code then leaves the test out). */
export function alwaysPasses(compiled: CompiledLadder, bit: number): boolean {
  return compiled.passTable.every((bits) => (bits & bit) !== 0);
}

/**
 * A count rule per subject over the kernel's list of the rule's kind (never whole days): each subject whose
 * rows could reach the threshold, in order of first appearance, collected and evaluated as evaluateCount does.
 */
function evaluatePerSubjectOverList(
  ctx: Context,
  rule: CountRule,
  batch: RegistrationColumns,
  n: number,
  day: Int32Array,
  index: Int32Array,
  pass: Int32Array | undefined,
  weight: Int32Array | undefined,
  row: Int32Array,
): void {
  const subjects = batch.subjects;
  const size = subjects.length + 1;
  if (slotBounds.length < size) {
    slotBounds = new Int32Array(size * 2);
    slotOrder = new Int32Array(size * 2);
  }
  const bounds = slotBounds;
  bounds.fill(-1, 0, size);
  const codes = batch.subject;
  const byLessons = rule.measure === "lessons";
  let seen = 0;
  for (let i = 0; i < n; i++) {
    const slot = subjectSlotOf(codes[row[i] as number] as number, subjects.length);
    if (bounds[slot] === -1) {
      bounds[slot] = 0;
      slotOrder[seen++] = slot;
    }
    // Upper bound of what the subject can count: its registrations, or their positive lesson weights.
    const w = byLessons ? ((weight as Int32Array)[i] as number) : 1;
    if (w > 0) bounds[slot] = (bounds[slot] as number) + w;
  }
  const bit = rule.filter.bit;
  const oncePerDay = rule.measure === "lesson_days";
  const { items, itemsSource } = ctx.ws;
  for (let k = 0; k < seen; k++) {
    const slot = slotOrder[k] as number;
    if ((bounds[slot] as number) < rule.min) continue;
    items.reserve(n);
    const { day: itemDay, index: itemIndex, weight: itemWeight } = items;
    let m = 0;
    let lastDay = NOT_SCHOOL_DAY;
    for (let i = 0; i < n; i++) {
      if (pass !== undefined && ((pass[i] as number) & bit) === 0) continue;
      if (subjectSlotOf(codes[row[i] as number] as number, subjects.length) !== slot) continue;
      const d = day[i] as number;
      if (oncePerDay && d === lastDay) continue;
      lastDay = d;
      itemDay[m] = d;
      itemIndex[m] = index[i] as number;
      itemWeight[m] = byLessons ? ((weight as Int32Array)[i] as number) : 1;
      m++;
    }
    items.n = m;
    items.droppedCount = 0;
    if (m === 0) continue;
    const subject = slot === 0 ? "ukjent fag" : (subjects[slot - 1] as string);
    if (rule.windowType === "rolling_school_days") evaluateRollingWindow(ctx, rule, rule.windowDays, subject);
    else evaluateFixedWindows(ctx, rule, subject);
  }
  // The items now hold one subject's rows.
  itemsSource.valid = false;
}
