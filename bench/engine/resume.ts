import type { SchoolCalendar } from "../../src/domain/calendar";
import { type EpochDay, type IsoDate, parseIsoDate } from "../../src/domain/dates";
import { compileLadder } from "../../src/domain/evaluation/compile";
import { type DayContext, dayContextOf } from "../../src/domain/evaluation/day-context";
import { loadInput } from "../../src/domain/evaluation/registrations";
import type {
  ColumnRows,
  EvaluateInput,
  PreviousEvaluation,
  RegistrationColumns,
} from "../../src/domain/evaluation/types";
import type { Ladder } from "../../src/domain/ladder";
import {
  type StepEvaluation,
  bulkWorkspace,
  createStepEvaluation,
  evaluateStepLoaded,
  ignoredScratch,
  leanContextFor,
  stepEvaluationOfStubs,
} from "./bulk";
import {
  type ResumeCodes,
  type ResumeTable,
  AS_OF_DAY,
  CAPTURED,
  CASE_START,
  FLAGS,
  NONE,
  YEAR_START,
  captureLoaded,
  createResumeCodes,
} from "./resume-slot";
import { advanceLoaded, layoutOf } from "./resume-advance";

export { type ResumeCodes, type ResumeTable, createResumeCodes } from "./resume-slot";

// The bulk forms' working tables: the new rows are loaded and classified exactly as evaluate() does.
const ws = bulkWorkspace;
const { stubs } = ws;

/**
 * Incremental evaluation: what a pupil's evaluation as of one day must remember so that the next school day's
 * registrations are evaluated without reading the earlier ones. The daily job evaluates every pupil with new
 * registrations; with this state it reads only the new rows, and the result is the one a fresh evaluation of
 * all rows gives (new trigger keys and step, as evaluateStep returns them).
 *
 * The states of many pupils live side by side in one integer table per ladder (a slot per pupil), like the
 * registrations themselves, so a national run keeps no object per pupil and a day's run allocates almost nothing.
 *
 * A new illness day that makes earlier counted days one continuous illness («sammenhengende sykdom») takes them
 * out of the school-year sums in place (see IllnessFilter). Where the new rows change how earlier rows count in
 * a way the slot cannot follow — such days in another rule's state, a run-length limit, rows dated on or before
 * the state's day, another school year, a case opened since, reported early signs, a ladder without a day step
 * (resume-kernel.ts) — or a pupil's state outgrew its slot, the pupil is evaluated afresh over all rows instead
 * ("replayed") and its state is captured again from that evaluation.
 */
export interface NextDayInput extends EvaluateInput {
  /** The registrations dated after the state's day, up to asOf; `events` holds these and all earlier ones (used on a replay). */
  added: EvaluateInput["events"];
}

export interface NextDayResult {
  evaluation: StepEvaluation;
  /** True when the pupil was evaluated afresh over all registrations (see ResumeTable). */
  replayed: boolean;
}

/** An empty NextDayResult, for the daily job to pass as evaluateNextDay's `into`. */
export function createNextDayResult(): NextDayResult {
  return { evaluation: createStepEvaluation(), replayed: false };
}

export function createResumeTable(
  ladder: Ladder,
  slots: number,
  codes: ResumeCodes = createResumeCodes(),
): ResumeTable {
  const compiled = compileLadder(ladder);
  const layout = layoutOf(compiled);
  return { ladder, compiled, layout, slots, width: layout.width, data: new Int32Array(slots * layout.width), codes };
}

/** evaluateStep, keeping in `table` at `slot` the state to continue from on a later day. */
export function evaluateStepWithResume(
  input: EvaluateInput,
  table: ResumeTable,
  slot: number,
  into?: StepEvaluation,
): StepEvaluation {
  // evaluateStepLoaded leaves the pupil's registrations loaded in the engine's scratch tables: capture from them.
  const evaluation = evaluateStepLoaded(input, into);
  captureLoaded(input, table, slot);
  return evaluation;
}

/**
 * Evaluates the registrations added since the state in `from` at `fromSlot`, and writes the state as of `asOf`
 * to `to` at `toSlot` (by default the same slot, in place). The evaluation equals evaluateStep over all
 * registrations with the same `previous`: the same new keys and step. `into`: a result to fill and return
 * instead of a new one (as evaluateStep's), for a job that reads each result before the next pupil.
 */
export function evaluateNextDay(
  input: NextDayInput,
  from: ResumeTable,
  fromSlot: number,
  to: ResumeTable = from,
  toSlot: number = fromSlot,
  into?: NextDayResult,
): NextDayResult {
  const { ladder, calendar, asOf, caseOpenedAt, earlySigns } = input;
  const dc = dayContextOf(calendar, asOf);
  const caseStart = caseOpenedAt === undefined ? NONE : parseIsoDate(caseOpenedAt);
  if (!resumable(ladder, dc, caseStart, from, fromSlot, to) || (earlySigns !== undefined && earlySigns.length > 0))
    return replay(input, to, toSlot, into);
  loadInput(
    ws,
    input.added,
    input.pupil.id,
    from.compiled,
    dc,
    caseStart === NONE ? dc.yearStart : Math.min(dc.yearStart, caseStart),
    undefined,
    ignoredScratch,
  );
  stubs.n = 0;
  // evaluateStep's own lean context: nothing below calls evaluateStep (a replay returns before this point).
  const ctx = leanContextFor(calendar, asOf, dc, caseStart === NONE ? undefined : caseStart, input.previous);
  const advanced = advanceLoaded(ctx, dc, from, fromSlot, to, toSlot, undefined, 0);
  ctx.fired = undefined;
  if (!advanced) return replay(input, to, toSlot, into);
  return resultOf(
    stepEvaluationOfStubs(input.pupil.id, from.compiled, asOf, input.previous, into?.evaluation),
    false,
    into,
  );
}

/**
 * One school day's registrations of many pupils on one ladder and calendar, as the daily job has them once
 * ingested: `pupils[k]`'s rows are [start[k], start[k + 1]) of `added`. The numbers in `pupils` are the
 * caller's own (NextDayPupils says what they stand for).
 */
export interface NextDayBatch {
  ladder: Ladder;
  calendar: SchoolCalendar;
  asOf: IsoDate;
  added: RegistrationColumns;
  start: Int32Array;
  pupils: Int32Array;
}

/**
 * The batch's pupils as the caller stores them, by the caller's pupil number: each one's slot in `table`, and
 * what is read only for the pupils that need it: the id, stored step and fired keys of those with new trips, and
 * the stored registrations of those replayed (pupil p's are [from[p], to[p]) of `columns`, before the day's).
 * Plain data, no callbacks: the daily job's store as it is.
 */
export interface NextDayPupils {
  table: ResumeTable;
  slot: ArrayLike<number>;
  ids: readonly string[];
  steps: readonly (number | null)[];
  firedKeys: readonly (readonly string[])[];
  stored: { columns: RegistrationColumns; from: ArrayLike<number>; to: ArrayLike<number> };
}

/** What the job writes back after a day: each pupil with new trips, its step and its new keys. */
export interface NextDayUpdates {
  pupils: number[];
  steps: (number | null)[];
  newKeys: (readonly string[])[];
}

/** What evaluateNextDays did: pupils evaluated, of them replayed and with their step raised; the new trips; and the updates. */
export interface NextDaysResult {
  pupils: number;
  replayed: number;
  raised: number;
  newTrips: number;
  updates: NextDayUpdates;
}

/**
 * evaluateNextDay for every pupil of a batch, in place, with the same evaluation for each; but the day is set up
 * once for the batch, a pupil's stored step, keys and id are read only when it trips or is replayed, and only
 * pupils with new trips are reported (`updates`). Pupils with an open case or reported early signs take
 * evaluateNextDay instead: a state with a case is an error here.
 */
export function evaluateNextDays(batch: NextDayBatch, pupils: NextDayPupils): NextDaysResult {
  // Read once: the loop touches no caller object (optimized code then holds no map of one, which a daily job drops).
  const { ladder, calendar, asOf, added, start } = batch;
  const list = batch.pupils;
  const { table, slot: slotOf, ids, steps, firedKeys } = pupils;
  const { data, width, compiled } = table;
  const dc = dayContextOf(calendar, asOf);
  const rows = { columns: added, from: 0, to: 0 };
  const ctx = leanContextFor(calendar, asOf, dc, undefined, undefined);
  const evaluation = createStepEvaluation();
  const updated: number[] = [];
  const newSteps: (number | null)[] = [];
  const newKeys: (readonly string[])[] = [];
  let replayed = 0;
  let raised = 0;
  let newTrips = 0;
  let touched = touchAhead(list, 0, Math.min(list.length, AHEAD), slotOf, data, width, firedKeys);
  for (let k = 0; k < list.length; k++) {
    if (k % AHEAD === 0)
      touched |= touchAhead(list, k + AHEAD, Math.min(list.length, k + 2 * AHEAD), slotOf, data, width, firedKeys);
    const p = list[k] as number;
    const slot = slotOf[p] as number;
    rows.from = start[k] as number;
    rows.to = start[k + 1] as number;
    let advanced = resumable(ladder, dc, NONE, table, slot, table);
    if (advanced) {
      loadInput(ws, rows, "", compiled, dc, dc.yearStart, undefined, ignoredScratch);
      stubs.n = 0;
      ctx.fired = undefined;
      ctx.firedSet = undefined;
      ctx.firedLookups = 0;
      advanced = advanceLoaded(ctx, dc, table, slot, table, slot, firedKeys, p);
    }
    if (advanced && stubs.n === 0) continue;
    const previous: PreviousEvaluation = { step: steps[p] ?? null, firedKeys: firedKeys[p] as readonly string[] };
    const id = ids[p] as string;
    if (advanced) stepEvaluationOfStubs(id, compiled, asOf, previous, evaluation);
    else {
      // A slot with a case is not resumable without its case (resumable): say so rather than replay without it.
      if (data[slot * width + FLAGS] === CAPTURED && data[slot * width + CASE_START] !== NONE) {
        throw new Error(
          `evaluateNextDays: pupil ${id} has a case; evaluate it with evaluateNextDay and its caseOpenedAt`,
        );
      }
      replayed++;
      const { stored } = pupils;
      const events: ColumnRows = {
        columns: stored.columns,
        from: stored.from[p] as number,
        to: stored.to[p] as number,
        next: rows,
      };
      evaluateStepWithResume({ pupil: { id }, events, ladder, calendar, asOf, previous }, table, slot, evaluation);
      // The replay set the engine's context up for this pupil: back to the batch's.
      leanContextFor(calendar, asOf, dc, undefined, undefined);
    }
    const keys = evaluation.newTriggerKeys;
    if (keys.length === 0) continue;
    newTrips += keys.length;
    if (evaluation.raised) raised++;
    updated.push(p);
    newSteps.push(evaluation.step);
    newKeys.push(keys);
  }
  ctx.fired = undefined;
  _touchedSink = touched;
  return { pupils: list.length, replayed, raised, newTrips, updates: { pupils: updated, steps: newSteps, newKeys } };
}

/** How many pupils ahead of the batch's loop their state is touched (touchAhead). */
const AHEAD = 16;
/** Where touchAhead's reads end up, so that the compiler keeps them. */
let _touchedSink = 0;
/** Int32s in a 64-byte cache line. */
const LINE = 16;

/**
 * Reads every cache line of the slots of `list[from..to)`, and the head of each one's fired-key list. A day's
 * pupils are scattered over the table (some 100 MB for a national year, a page apart) and over the caller's
 * lists: reads issued together are fetched from memory in parallel, where the loop would wait for each pupil in
 * turn (the day ran about 3 ms faster in the benchmark).
 */
function touchAhead(
  list: Int32Array,
  from: number,
  to: number,
  slotOf: ArrayLike<number>,
  data: Int32Array,
  width: number,
  firedKeys: NextDayPupils["firedKeys"],
): number {
  let sink = 0;
  for (let j = from; j < to; j++) {
    const p = list[j] as number;
    const keys = firedKeys[p];
    if (keys !== undefined && keys.length > 0 && keys[0] === undefined) sink++;
    const x = (slotOf[p] as number) * width;
    for (let c = 0; c < width; c += LINE) sink |= data[x + c] as number;
  }
  return sink;
}

/** Whether the state at `fromSlot` continues to `dc`'s day on this ladder and case (else the pupil is replayed). */
function resumable(
  ladder: Ladder,
  dc: DayContext,
  caseStart: EpochDay,
  from: ResumeTable,
  fromSlot: number,
  to: ResumeTable,
): boolean {
  const src = from.data;
  const s = fromSlot * from.width;
  return (
    from.ladder === ladder &&
    to.ladder === ladder &&
    to.codes === from.codes &&
    src[s + FLAGS] === CAPTURED &&
    src[s + YEAR_START] === dc.yearStart &&
    src[s + CASE_START] === caseStart &&
    dc.asOfDay > (src[s + AS_OF_DAY] as number) &&
    from.layout.step !== undefined
  );
}

function replay(input: NextDayInput, table: ResumeTable, slot: number, into: NextDayResult | undefined): NextDayResult {
  return resultOf(evaluateStepWithResume(input, table, slot, into?.evaluation), true, into);
}

function resultOf(evaluation: StepEvaluation, replayed: boolean, into: NextDayResult | undefined): NextDayResult {
  if (into === undefined) return { evaluation, replayed };
  into.replayed = replayed;
  return into;
}
