import type { SchoolCalendar } from "../../src/domain/calendar";
import { type EpochDay, type IsoDate, parseIsoDate, startOfIsoWeek, startOfMonth } from "../../src/domain/dates";
import { type CompiledLadder, type CompiledRule, KIND_DAY, compileLadder } from "../../src/domain/evaluation/compile";
import { type DayContext, dayContextOf } from "../../src/domain/evaluation/day-context";
import { collectDays, counts, ensureEpisodes, subjectOf } from "../../src/domain/evaluation/filters";
import { episodeAt, isIllnessDay, loadInput } from "../../src/domain/evaluation/registrations";
import { collectCountItems, isCountSource, setCountSource } from "../../src/domain/evaluation/rules";
import { type Context as EngineContext, stubCount } from "../../src/domain/evaluation/trips";
import type {
  ColumnRows,
  EvaluateInput,
  PreviousEvaluation,
  RegistrationColumns,
} from "../../src/domain/evaluation/types";
import type { Ladder } from "../../src/domain/ladder";
import {
  type StepEvaluation,
  alwaysPasses,
  bulkWorkspace,
  createStepEvaluation,
  evaluateStepLoaded,
  ignoredScratch,
  kernelCodes,
  leanContext,
  leanContextFor,
  stepEvaluationOfStubs,
} from "./bulk";
import { type DayStep, createDayStep } from "./resume-kernel";

// The bulk forms' working tables: the new rows are loaded and classified exactly as evaluate() does.
const ws = bulkWorkspace;
const { regs, items, stubs } = ws;

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
export interface ResumeTable {
  readonly ladder: Ladder;
  /** The ladder compiled, and where each rule's state lies in a slot. */
  readonly compiled: CompiledLadder;
  readonly layout: Layout;
  readonly slots: number;
  /** Integers per slot (see the layout). */
  readonly width: number;
  readonly data: Int32Array;
  /** Subject names as the codes the slots hold; tables that exchange slots share one. */
  readonly codes: ResumeCodes;
}

export interface ResumeCodes {
  readonly subjects: Map<string, number>;
}

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

export function createResumeCodes(): ResumeCodes {
  return { subjects: new Map() };
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

/**
 * Advances the state at `fromSlot` by the new rows loaded in `regs`, into `toSlot`, with the trips in `stubs`;
 * false when the pupil must be replayed instead. `lazy`: the batch's fired keys, where pupil `p`'s are read at
 * its first trip, instead of the keys already in `ctx`.
 */
function advanceLoaded(
  ctx: EngineContext,
  dc: DayContext,
  from: ResumeTable,
  fromSlot: number,
  to: ResumeTable,
  toSlot: number,
  lazy: NextDayPupils["firedKeys"] | undefined,
  p: number,
): boolean {
  const layout = from.layout;
  const src = from.data;
  const s = fromSlot * from.width;
  const fromIndex = src[s + AS_OF_INDEX] as number;
  const stateDay = src[s + AS_OF_DAY] as number;
  ws.itemsSource.valid = false;
  const n = regs.n;
  let day = -1;
  let index = -1;
  let kinds = 0;
  if (n > 0) {
    day = regs.day[0] as number;
    // One new school day after the state's day; anything else (a correction of an earlier day, several days) replays.
    if (day <= stateDay || regs.day[n - 1] !== day) return false;
    index = regs.index[0] as number;
    for (let i = 0; i < n; i++) kinds |= 1 << (regs.kind[i] as number);
    if (layout.runLimited && (kinds & (1 << KIND_DAY)) !== 0) return false;
  }
  const d = to.data;
  const t = toSlot * to.width;
  if (d !== src || t !== s) for (let k = 0; k < layout.width; k++) d[t + k] = src[s + k] as number;
  if (layout.illness >= 0 && n > 0 && !advanceIllness(d, t, layout, index, dc.yearStart)) return false;

  generation++;
  const step = nextStep;
  step.ctx = ctx;
  step.dc = dc;
  step.fromIndex = fromIndex;
  step.day = day;
  step.index = index;
  step.kinds = kinds;
  step.data = d;
  step.codes = to.codes;
  step.lazy = lazy;
  step.pupil = p;
  d[t + MOVING] = (layout.step as DayStep<Step>)(step, d, t, d[t + MOVING] as number);
  step.data = noData;
  step.lazy = undefined;
  if (step.overflow) d[t + FLAGS] = OVERFLOW;
  step.overflow = false;
  d[t + AS_OF_DAY] = dc.asOfDay;
  d[t + AS_OF_INDEX] = dc.asOfIndex;
  return true;
}

function replay(input: NextDayInput, table: ResumeTable, slot: number, into: NextDayResult | undefined): NextDayResult {
  return resultOf(evaluateStepWithResume(input, table, slot, into?.evaluation), true, into);
}

function resultOf(evaluation: StepEvaluation, replayed: boolean, into: NextDayResult | undefined): NextDayResult {
  if (into === undefined) return { evaluation, replayed };
  into.replayed = replayed;
  return into;
}

// ---------------------------------------------------------------------------------------------
// Layout of a slot.

const FLAGS = 0;
const AS_OF_DAY = 1;
/** School index of the last school day on or before the state's day. */
const AS_OF_INDEX = 2;
const YEAR_START = 3;
const CASE_START = 4;
/** Bit r set: rule r's rolling or per-subject block holds something (items, a running stretch), so it moves on each day. */
const MOVING = 5;
const HEADER = 6;
/** FLAGS: captured and usable; or captured, but too large for the slot (every later day replays). */
const CAPTURED = 1;
const OVERFLOW = 2;
const NONE = -2147483648;

/** Items a rolling window's slot holds (school index and weight each), subjects per per-subject rule, episode ids per pupil. */
const ROLLING_ITEMS = 6;
const SUBJECTS = 4;
const EPISODES = 6;
const GROUPS = EPISODES + 1;

// A fixed window (week, month, term, year, since the case opened): its first day and the sum so far.
const FIXED_WIDTH = 2;
// A rolling window of N school days: whether a stretch at or over the threshold is running and how many items are
// inside (one integer: active + 2 × count), then each item's school index and weight packed in one integer.
const ROLLING_WIDTH = 1 + ROLLING_ITEMS;
const WEIGHT_BITS = 12;
const WEIGHT_MAX = (1 << WEIGHT_BITS) - 1;
/** School indices are packed with this bias, so indices from -2^18 to 2^18 fit beside a weight. */
const INDEX_BIAS = 1 << 18;
// Consecutive school days: the last run of counted days (its last index, length and first day).
const RUN_WIDTH = 3;
// Illness groups as the engine groups them (adjacent school days, joined across gaps by a shared episodeId):
// the latest illness day's group and school index, the days of each group, and each episode id's hash and group
// packed in one integer (hash × 8 + group).
const ILL_TRAILING = 0;
const ILL_TRAILING_INDEX = 1;
const ILL_EPISODES = 2;
const ILL_GROUP_DAYS = 3;
const ILL_EPISODE_LIST = ILL_GROUP_DAYS + GROUPS;
// Then, per group and illness filter, the group's days that filter counts only through its illness rows: the
// days it stops counting when the group grows to the filter's minimum (group × filters + filter).
const ILL_COUNTED = ILL_EPISODE_LIST + EPISODES;
const GROUP_BITS = 3;
const GROUP_MASK = (1 << GROUP_BITS) - 1;

/**
 * A filter that leaves continuous illness of `min` school days or more out. When a new illness day makes a
 * group that long, the days it counted before stop counting: the school-year day counts using it (`sums`, block
 * offsets) lose them in place; `absorbs` is false when another rule's state holds such days (a replay).
 */
export interface IllnessFilter {
  bit: number;
  min: number;
  sums: number[];
  absorbs: boolean;
}

export interface Layout {
  width: number;
  /** Offset of each rule's block in the slot; -1 for rules without state (occurrences, early signs). */
  offsets: Int32Array;
  /** Width of one per-subject entry (subject code + the count's block), per rule; 0 for other rules. */
  subjectWidths: Int32Array;
  /** Offset of the illness block; -1 when no filter leaves continuous illness out. */
  illness: number;
  /** The filters that leave continuous illness out (see IllnessFilter). */
  illnessFilters: IllnessFilter[];
  /** Some rule counts only days in short runs: a new day can drop earlier days, so those replay. */
  runLimited: boolean;
  /** The ladder's day step (resume-kernel.ts); undefined when it has a filter the step does not take (every day replays). */
  step: DayStep<Step> | undefined;
}

const layouts = new WeakMap<CompiledLadder, Layout>();
let lastLayout: { compiled: CompiledLadder; layout: Layout } | undefined;

/** Rules whose state changes on days without their rows: rolling windows (items age) and per-subject counts. */
function moves(rule: CompiledRule): boolean {
  return rule.windowType === "rolling_school_days" || rule.perSubject;
}

/** The rule's MOVING bit; rules past the 31st are always taken as moving. */
function movingBit(r: number): number {
  return r < 31 ? 1 << r : 0;
}

function countWidth(rule: CompiledRule): number {
  return rule.windowType === "rolling_school_days" ? ROLLING_WIDTH : FIXED_WIDTH;
}

function layoutOf(compiled: CompiledLadder): Layout {
  if (lastLayout?.compiled === compiled) return lastLayout.layout;
  let layout = layouts.get(compiled);
  if (layout === undefined) {
    const offsets = new Int32Array(compiled.rules.length).fill(-1);
    const subjectWidths = new Int32Array(compiled.rules.length);
    const illnessFilters: IllnessFilter[] = [];
    for (const rule of compiled.rules) {
      if (
        rule.type === "early_sign" ||
        rule.filter.continuousIllnessMinDays === 0 ||
        illnessFilters.some((f) => f.bit === rule.filter.bit)
      )
        continue;
      illnessFilters.push({ bit: rule.filter.bit, min: rule.filter.continuousIllnessMinDays, sums: [], absorbs: true });
    }
    // The illness block next to the header: both are read for every pupil with a new illness day.
    const illness = illnessFilters.length > 0 ? HEADER : -1;
    let width = illness >= 0 ? HEADER + ILL_COUNTED + GROUPS * illnessFilters.length : HEADER;
    // Blocks read only on days with rows of their kind first; rolling and per-subject blocks (read when they
    // hold something, see MOVING) after them, so most pupils' days touch the slot's first cache lines only.
    compiled.rules.forEach((rule, r) => {
      if (rule.type === "count" && !moves(rule)) {
        offsets[r] = width;
        width += FIXED_WIDTH;
      } else if (rule.type === "consecutive_days") {
        offsets[r] = width;
        width += RUN_WIDTH;
      }
    });
    compiled.rules.forEach((rule, r) => {
      if (rule.type !== "count" || !moves(rule)) return;
      offsets[r] = width;
      if (rule.perSubject) {
        subjectWidths[r] = 1 + countWidth(rule);
        width += SUBJECTS * (subjectWidths[r] as number);
      } else width += countWidth(rule);
    });
    compiled.rules.forEach((rule, r) => {
      const f = rule.type === "early_sign" ? undefined : illnessFilters.find((x) => x.bit === rule.filter.bit);
      // Only whole days are ever continuous illness; occurrences keep no state.
      if (f === undefined || rule.type === "occurrence" || (rule.type === "count" && rule.kind !== KIND_DAY)) return;
      if (rule.type === "count" && !rule.perSubject && rule.windowType === "school_year")
        f.sums.push(offsets[r] as number);
      else f.absorbs = false;
    });
    const movingBits = Int32Array.from(compiled.rules, (_, r) => movingBit(r));
    const step = createDayStep<Step>(
      compiled.rules,
      { offsets, movingBits },
      kernelCodes,
      (bit) => alwaysPasses(compiled, bit),
      dayStepHelpers,
    );
    layout = {
      width,
      offsets,
      subjectWidths,
      illness,
      illnessFilters,
      runLimited: compiled.rules.some((r) => r.type !== "early_sign" && r.filter.maxRunLength > 0),
      step,
    };
    layouts.set(compiled, layout);
  }
  lastLayout = { compiled, layout };
  return layout;
}

function codeOf(codes: Map<string, number>, value: string): number {
  let code = codes.get(value);
  if (code === undefined) {
    code = codes.size;
    codes.set(value, code);
  }
  return code;
}

// ---------------------------------------------------------------------------------------------
// Capturing the state from a pupil's loaded registrations.

function captureLoaded(input: EvaluateInput, table: ResumeTable, slot: number): void {
  if (table.ladder !== input.ladder)
    throw new Error(`This resume table is for ladder ${table.ladder.id}, not ${input.ladder.id}`);
  const { compiled, layout } = table;
  const dc = dayContextOf(input.calendar, input.asOf);
  const caseStart = input.caseOpenedAt === undefined ? undefined : parseIsoDate(input.caseOpenedAt);
  const d = table.data;
  const t = slot * table.width;
  d.fill(0, t, t + table.width);
  let fits = true;
  if (layout.illness >= 0) {
    ensureEpisodes(ws);
    fits = captureIllness(d, t + layout.illness, layout.illnessFilters, dc.yearStart);
  }
  let moving = 0;
  compiled.rules.forEach((rule, r) => {
    const at = layout.offsets[r] as number;
    if (at < 0) return;
    if (!captureRule(rule, dc, caseStart, d, t + at, layout.subjectWidths[r] as number, table.codes)) fits = false;
    if (rule.type === "count" && moves(rule) && holds(rule, d, t + at)) moving |= movingBit(r);
  });
  d[t + MOVING] = moving;
  ws.itemsSource.valid = false;
  d[t + FLAGS] = fits ? CAPTURED : OVERFLOW;
  d[t + AS_OF_DAY] = dc.asOfDay;
  d[t + AS_OF_INDEX] = dc.asOfIndex;
  d[t + YEAR_START] = dc.yearStart;
  d[t + CASE_START] = caseStart ?? NONE;
}

/** The illness groups of the loaded rows (marked by the engine), as the slot's block; false when they do not fit. */
function captureIllness(d: Int32Array, at: number, filters: readonly IllnessFilter[], yearStart: EpochDay): boolean {
  d[at + ILL_TRAILING] = -1;
  if (!regs.hasIllness) return true;
  // Engine group roots, by the slot's group number: those an episode id or the latest illness day refers to.
  // When the episode ids are more than the slot holds, the group used longest ago is let go of. The list stays
  // full then, so an episode id not in it on a later day replays (advanceIllness), the let-go ones included.
  const roots: number[] = [];
  const lastUse: number[] = [];
  let episodes = 0;
  const last = lastIllnessRow();
  // Two episode ids with one hash would be one entry: such a pupil is always replayed instead.
  const captured: string[] = [];
  const forget = (keep: number): number => {
    let oldest = -1;
    for (let g = 0; g < roots.length; g++) {
      if (g === keep || (roots[g] as number) < 0 || !hasEpisode(d, at, episodes, g)) continue;
      if (oldest < 0 || (lastUse[g] as number) < (lastUse[oldest] as number)) oldest = g;
    }
    if (oldest < 0) return -1;
    let kept = 0;
    for (let e = 0; e < episodes; e++) {
      const entry = d[at + ILL_EPISODE_LIST + e] as number;
      if ((entry & GROUP_MASK) === oldest) continue;
      d[at + ILL_EPISODE_LIST + kept] = entry;
      captured[kept++] = captured[e] as string;
    }
    episodes = kept;
    roots[oldest] = -1;
    return oldest;
  };
  for (let i = 0; i < regs.n; i++) {
    let root = regs.group[i] as number;
    if (root < 0) continue;
    while (regs.groupParent[root] !== root) root = regs.groupParent[root] as number;
    let g = roots.indexOf(root);
    const id = episodeAt(regs, i);
    if (g < 0 && (id !== undefined || i === last)) {
      g = roots.length < GROUPS ? roots.length : roots.indexOf(-1);
      if (g < 0) return false;
      roots[g] = root;
      d[at + ILL_GROUP_DAYS + g] = regs.groupDays[root] as number;
    }
    if (g >= 0) lastUse[g] = i;
    if (id !== undefined) {
      const hash = episodeHash(id);
      const e = findEpisode(d, at, episodes, hash);
      if (e < 0) {
        if (episodes === EPISODES && forget(g) < 0) return false;
        d[at + ILL_EPISODE_LIST + episodes] = (hash << GROUP_BITS) | g;
        captured[episodes++] = id;
      } else if (captured[e] !== id) return false;
    }
    if (i === last) {
      d[at + ILL_TRAILING] = g;
      d[at + ILL_TRAILING_INDEX] = regs.index[i] as number;
    }
  }
  d[at + ILL_EPISODES] = episodes;
  // Each slot group's days that a filter counts only through illness rows (this school year's, as the sums).
  const F = filters.length;
  for (let i = 0; i < regs.n;) {
    const day = regs.day[i] as number;
    let root = -1;
    let viaIllness = 0;
    let viaOther = 0;
    for (; i < regs.n && regs.day[i] === day; i++) {
      if (regs.kind[i] !== KIND_DAY) continue;
      const mask = filterMask(filters, regs.pass[i] as number);
      const first = regs.group[i] as number;
      if (first < 0) {
        viaOther |= mask;
        continue;
      }
      viaIllness |= mask;
      root = first;
      while (regs.groupParent[root] !== root) root = regs.groupParent[root] as number;
    }
    const g = root < 0 || day < yearStart ? -1 : roots.indexOf(root);
    if (g < 0) continue;
    for (let f = 0; f < F; f++) {
      if (
        (viaIllness & ~viaOther & (1 << f)) !== 0 &&
        (regs.groupDays[root] as number) < (filters[f] as IllnessFilter).min
      )
        d[at + ILL_COUNTED + g * F + f] = (d[at + ILL_COUNTED + g * F + f] as number) + 1;
    }
  }
  return true;
}

/** Bit f set: the row passes filters[f]. */
function filterMask(filters: readonly IllnessFilter[], pass: number): number {
  let mask = 0;
  for (let f = 0; f < filters.length; f++) if ((pass & (filters[f] as IllnessFilter).bit) !== 0) mask |= 1 << f;
  return mask;
}

function lastIllnessRow(): number {
  for (let i = regs.n - 1; i >= 0; i--) if ((regs.group[i] as number) >= 0) return i;
  return -1;
}

function hasEpisode(d: Int32Array, at: number, episodes: number, group: number): boolean {
  for (let e = 0; e < episodes; e++) if (((d[at + ILL_EPISODE_LIST + e] as number) & GROUP_MASK) === group) return true;
  return false;
}

function findEpisode(d: Int32Array, at: number, episodes: number, hash: number): number {
  for (let e = 0; e < episodes; e++) if ((d[at + ILL_EPISODE_LIST + e] as number) >>> GROUP_BITS === hash) return e;
  return -1;
}

function captureRule(
  rule: CompiledRule,
  dc: DayContext,
  caseStart: EpochDay | undefined,
  d: Int32Array,
  at: number,
  subjectWidth: number,
  codes: ResumeCodes,
): boolean {
  if (rule.filter.continuousIllnessMinDays > 0) ensureEpisodes(ws);
  for (let k = 0; k < (rule.perSubject ? SUBJECTS : 0); k++) d[at + k * subjectWidth] = -1;
  if (rule.type === "consecutive_days") {
    collectDays(ws, rule.filter, dc.yearStart);
    // These items are not a count's (see collectCountItems): as evaluateConsecutive does.
    ws.itemsSource.valid = false;
    if (items.n === 0) return true;
    const last = items.n - 1;
    let first = last;
    while (first > 0 && items.index[first - 1] === (items.index[first] as number) - 1) first--;
    d[at] = items.index[last] as number;
    d[at + 1] = last - first + 1;
    d[at + 2] = items.day[first] as number;
    return true;
  }
  const from = countFrom(rule, dc, caseStart);
  if (from === undefined) return true;
  if (!rule.perSubject) {
    collectCountItems(ws, rule, from, undefined);
    return captureCount(rule, dc, caseStart, d, at);
  }
  const subjects: string[] = [];
  for (let i = 0; i < regs.n; i++) {
    if (regs.kind[i] !== rule.kind) continue;
    const s = subjectOf(regs, i);
    if (!subjects.includes(s)) subjects.push(s);
  }
  let used = 0;
  for (const subject of subjects) {
    collectCountItems(ws, rule, from, subject);
    const entry = at + used * subjectWidth;
    if (used === SUBJECTS) {
      // A subject with nothing to carry over needs no entry.
      if (!captureCount(rule, dc, caseStart, scratchEntry, 0)) return false;
      if (!isEmptyCount(rule, scratchEntry, 0)) return false;
      continue;
    }
    if (!captureCount(rule, dc, caseStart, d, entry + 1)) return false;
    if (isEmptyCount(rule, d, entry + 1)) continue;
    d[entry] = codeOf(codes.subjects, subject);
    used++;
  }
  return true;
}

/** A count's block for a subject that found no room in its slot. */
const scratchEntry = new Int32Array(ROLLING_WIDTH);

/** The collected items as a count's block; false when a rolling window holds more items than the slot. */
function captureCount(
  rule: CompiledRule,
  dc: DayContext,
  caseStart: EpochDay | undefined,
  d: Int32Array,
  at: number,
): boolean {
  if (rule.windowType === "rolling_school_days") {
    let count = 0;
    let sum = 0;
    for (let k = 0; k < items.n; k++) {
      const index = items.index[k] as number;
      if (index <= dc.asOfIndex - rule.windowDays) continue;
      const weight = items.weight[k] as number;
      if (count === ROLLING_ITEMS || !packable(index, weight)) return false;
      d[at + 1 + count] = packItem(index, weight);
      sum += weight;
      count++;
    }
    d[at] = (count << 1) | (sum >= rule.min ? 1 : 0);
    return true;
  }
  const windowFrom = fixedWindowFrom(rule, dc.asOfDay, dc, caseStart);
  let sum = 0;
  for (let k = 0; k < items.n; k++) if ((items.day[k] as number) >= windowFrom) sum += items.weight[k] as number;
  d[at] = windowFrom;
  d[at + 1] = sum;
  return true;
}

/** A rolling or per-subject block holds something (see MOVING). */
function holds(rule: CompiledRule, d: Int32Array, at: number): boolean {
  if (!rule.perSubject) return d[at] !== 0;
  const width = 1 + countWidth(rule);
  for (let k = 0; k < SUBJECTS; k++)
    if ((d[at + k * width] as number) >= 0 && !isEmptyCount(rule, d, at + k * width + 1)) return true;
  return false;
}

function isEmptyCount(rule: CompiledRule, d: Int32Array, at: number): boolean {
  return rule.windowType === "rolling_school_days" ? d[at] === 0 : d[at + 1] === 0;
}

function packable(index: number, weight: number): boolean {
  return weight >= 0 && weight <= WEIGHT_MAX && index + INDEX_BIAS >= 0 && index + INDEX_BIAS < 2 * INDEX_BIAS;
}

function packItem(index: number, weight: number): number {
  return ((index + INDEX_BIAS) << WEIGHT_BITS) | weight;
}

function itemIndex(item: number): number {
  return (item >>> WEIGHT_BITS) - INDEX_BIAS;
}

// ---------------------------------------------------------------------------------------------
// Advancing by one school day, in place in the target slot.

interface Step {
  ctx: EngineContext;
  dc: DayContext;
  /** School index the state was as of. */
  fromIndex: number;
  /** The new rows' day and school index; -1 when the pupil has no new rows (the state only moves on). */
  day: EpochDay;
  index: number;
  /** Bit mask of the kinds among the new rows. */
  kinds: number;
  data: Int32Array;
  codes: ResumeCodes;
  /** Set when a block could not hold what it must carry on: the slot is marked, later days replay. */
  overflow: boolean;
  /** In a batch: the fired keys, where pupil `pupil`'s are read at its first trip (see trip). */
  lazy: NextDayPupils["firedKeys"] | undefined;
  pupil: number;
}

const noData = new Int32Array(0);

const nextStep: Step = {
  ctx: leanContext,
  dc: undefined as unknown as DayContext,
  fromIndex: 0,
  day: -1,
  index: -1,
  kinds: 0,
  data: noData,
  codes: createResumeCodes(),
  overflow: false,
  lazy: undefined,
  pupil: -1,
};

/** What the new rows add to a count: 1 for a counted day or lesson day, else the counted registrations' weight. */
function contribution(rule: CompiledRule, from: EpochDay, subject: string | undefined): number {
  // Per-subject rules that differ only in threshold or window count a subject's same rows: once per pupil (the
  // day step weighs the other counts once per source itself).
  const last = lastContribution;
  if (last.generation === generation && isCountSource(last, rule, from, subject)) return last.weight;
  const weight = countRows(rule, from, subject);
  last.generation = generation;
  setCountSource(last, rule, from, subject);
  last.weight = weight;
  return weight;
}

/** Bumped for every pupil's new rows, so a remembered contribution is never taken for another pupil's. */
let generation = 0;
const lastContribution = {
  generation: -1,
  filter: undefined as CompiledRule["filter"] | undefined,
  kind: 0,
  from: 0,
  subject: undefined as string | undefined,
  oncePerDay: false,
  weight: 0,
};

function countRows(rule: CompiledRule, from: EpochDay, subject: string | undefined): number {
  let weight = 0;
  for (let i = 0; i < regs.n; i++) {
    if (regs.kind[i] !== rule.kind || (regs.day[i] as number) < from) continue;
    // collectDays counts whole days whatever their subject; the other kinds can be limited to one subject.
    if (subject !== undefined && rule.kind !== KIND_DAY && subjectOf(regs, i) !== subject) continue;
    if (!counts(regs, i, rule.filter)) continue;
    if (rule.kind === KIND_DAY || rule.measure === "lesson_days") return 1;
    weight += regs.lessons[i] as number;
  }
  return weight;
}

function advanceFixed(
  step: Step,
  rule: CompiledRule,
  d: Int32Array,
  at: number,
  weight: number,
  subject: string | undefined,
): void {
  if (weight === 0) return;
  const windowFrom = fixedWindowFrom(rule, step.day, step.dc, step.ctx.caseStart);
  const before = d[at] === windowFrom ? (d[at + 1] as number) : 0;
  const after = before + weight;
  // The window trips on the day its running sum reaches the threshold (evaluateFixedWindows).
  if (
    before < rule.min &&
    after >= rule.min &&
    !(
      rule.windowType === "term" &&
      rule.windowOnly !== 0 &&
      (step.day < step.dc.term2Start ? 1 : 2) !== rule.windowOnly
    )
  ) {
    trip(step, rule, windowFrom, subject);
  }
  d[at] = windowFrom;
  d[at + 1] = after;
}

/**
 * A rolling window trips on the first day of each stretch of school days on which the window's sum is at or
 * over the threshold (evaluateRollingWindow). Between two days with items the sum only falls.
 */
function advanceRolling(
  step: Step,
  rule: CompiledRule,
  d: Int32Array,
  at: number,
  weight: number,
  subject: string | undefined,
): void {
  const days = rule.windowDays;
  let active = ((d[at] as number) & 1) === 1;
  if (d[at] === 0 && weight === 0) return;
  let last = step.fromIndex;
  if (step.day >= 0) {
    const m = step.index;
    if (active && m - 1 > last && windowSum(d, at, m - 1, days) < rule.min) active = false;
    const sum = windowSum(d, at, m, days) + weight;
    if (!active && sum >= rule.min) {
      trip(step, rule, step.day, subject);
      active = true;
    } else if (active && sum < rule.min) active = false;
    if (weight > 0) {
      dropOld(d, at, m - days);
      const count = (d[at] as number) >>> 1;
      if (count === ROLLING_ITEMS || !packable(m, weight)) step.overflow = true;
      else {
        d[at + 1 + count] = packItem(m, weight);
        d[at] = ((count + 1) << 1) | ((d[at] as number) & 1);
      }
    }
    last = m;
  }
  const asOfIndex = step.dc.asOfIndex;
  if (active && asOfIndex > last && windowSum(d, at, asOfIndex, days) < rule.min) active = false;
  dropOld(d, at, asOfIndex - days);
  d[at] = ((d[at] as number) & ~1) | (active ? 1 : 0);
}

function windowSum(d: Int32Array, at: number, index: number, days: number): number {
  let sum = 0;
  const count = (d[at] as number) >>> 1;
  for (let k = 0; k < count; k++) {
    const item = d[at + 1 + k] as number;
    if (itemIndex(item) > index - days) sum += item & WEIGHT_MAX;
  }
  return sum;
}

/** Drops the items at or before school index `upTo` (they have left every window to come). */
function dropOld(d: Int32Array, at: number, upTo: number): void {
  const count = (d[at] as number) >>> 1;
  let kept = 0;
  for (let k = 0; k < count; k++) {
    const item = d[at + 1 + k] as number;
    if (itemIndex(item) <= upTo) continue;
    d[at + 1 + kept] = item;
    kept++;
  }
  d[at] = (kept << 1) | ((d[at] as number) & 1);
}

function advancePerSubject(step: Step, rule: CompiledRule, at: number, from: EpochDay, present: boolean): void {
  const d = step.data;
  const width = 1 + countWidth(rule);
  const rolling = rule.windowType === "rolling_school_days";
  // Subjects among the new rows get an entry (a new subject starts empty).
  if (present && step.day >= 0) {
    if (seenSubjects.length < regs.n) seenSubjects = new Int32Array(regs.n * 2);
    const seen = seenSubjects;
    let seenCount = 0;
    for (let i = 0; i < regs.n; i++) {
      if (regs.kind[i] !== rule.kind) continue;
      const code = codeOf(step.codes.subjects, subjectOf(regs, i));
      if (seenAmong(seen, seenCount, code)) continue;
      seen[seenCount++] = code;
      let free = -1;
      let k = 0;
      for (; k < SUBJECTS; k++) {
        const c = d[at + k * width] as number;
        if (c === code) break;
        // An entry left empty can be taken over, unless it is a subject of this very day.
        if (free < 0 && (c < 0 || (isEmptyCount(rule, d, at + k * width + 1) && !seenAmong(seen, seenCount, c))))
          free = k;
      }
      if (k < SUBJECTS) continue;
      if (free < 0) {
        // No room: this subject's count is still evaluated (from empty), but later days replay.
        step.overflow = true;
        scratchEntry.fill(0);
        const weight = contribution(rule, from, subjectOf(regs, i));
        if (rolling) advanceRolling(step, rule, scratchEntry, 0, weight, subjectOf(regs, i));
        else advanceFixed(step, rule, scratchEntry, 0, weight, subjectOf(regs, i));
        continue;
      }
      d[at + free * width] = code;
      d.fill(0, at + free * width + 1, at + (free + 1) * width);
    }
  }
  for (let k = 0; k < SUBJECTS; k++) {
    const code = d[at + k * width] as number;
    if (code < 0) continue;
    if (!rolling && !present) continue;
    const subject = subjectName(step.codes, code);
    const weight = present && step.day >= 0 ? contribution(rule, from, subject) : 0;
    if (rolling) advanceRolling(step, rule, d, at + k * width + 1, weight, subject);
    else advanceFixed(step, rule, d, at + k * width + 1, weight, subject);
  }
}

/** The subject codes of the day's rows met so far (a typed array and a count: no array to empty per pupil). */
let seenSubjects = new Int32Array(8);

function seenAmong(seen: Int32Array, count: number, code: number): boolean {
  for (let i = 0; i < count; i++) if (seen[i] === code) return true;
  return false;
}

const subjectNames: { codes: Map<string, number> | undefined; names: string[] } = { codes: undefined, names: [] };

function subjectName(codes: ResumeCodes, code: number): string {
  if (subjectNames.codes !== codes.subjects || subjectNames.names.length !== codes.subjects.size) {
    subjectNames.codes = codes.subjects;
    subjectNames.names = [...codes.subjects.keys()];
  }
  return subjectNames.names[code] as string;
}

/** A counted day on the new day extends the last run or starts one. */
function advanceRun(step: Step, rule: CompiledRule, at: number): void {
  const d = step.data;
  const extends_ = (d[at + 1] as number) > 0 && d[at] === step.index - 1;
  const length = extends_ ? (d[at + 1] as number) + 1 : 1;
  const firstDay = extends_ ? (d[at + 2] as number) : step.day;
  // A run trips once, on the day it reaches the threshold, keyed by its first day (evaluateConsecutive).
  if (length === rule.min) trip(step, rule, firstDay, undefined);
  d[at] = step.index;
  d[at + 1] = length;
  d[at + 2] = firstDay;
}

/** A new trip on the new day, keyed like the engine's, unless that key already fired. */
function trip(step: Step, rule: CompiledRule, keyDay: EpochDay, subject: string | undefined): void {
  if (step.lazy !== undefined) {
    step.ctx.fired = step.lazy[step.pupil];
    step.lazy = undefined;
  }
  stubCount(step.ctx, rule, keyDay, step.day, subject);
}

/**
 * Marks the new day's illness rows as the engine would over all rows: joined with the latest illness group
 * when on the next school day, and with earlier groups sharing an episodeId. When that makes a group continuous
 * illness for a filter, the days it counted before leave that filter's school-year sums. Returns false (replay)
 * when such days are in other rules' state (IllnessFilter.absorbs), or the block is full.
 */
function advanceIllness(d: Int32Array, t: number, layout: Layout, index: number, yearStart: EpochDay): boolean {
  const at = t + layout.illness;
  // Each row's episode hash: -2 not an illness day, -1 an illness day without an episode id.
  if (rowEpisodes.length < regs.n) rowEpisodes = new Int32Array(regs.n * 2);
  let ill = false;
  for (let i = 0; i < regs.n; i++) {
    rowEpisodes[i] = -2;
    if (!isIllnessDay(regs, i)) continue;
    ill = true;
    const id = episodeAt(regs, i);
    rowEpisodes[i] = id === undefined ? -1 : episodeHash(id);
  }
  if (!ill) {
    // A loop, not fill(): a day has a row or two, and a builtin call costs more than that.
    for (let i = 0; i < regs.n; i++) regs.episodeDays[i] = 0;
    regs.episodesReady = true;
    return true;
  }
  const episodes = d[at + ILL_EPISODES] as number;
  const trailing = d[at + ILL_TRAILING] as number;
  // Bit mask of the groups the new day joins (the latest one when on the next school day).
  const adjacent = trailing >= 0 && d[at + ILL_TRAILING_INDEX] === index - 1;
  const joined = adjacent ? 1 << trailing : 0;
  for (let i = 0; i < regs.n; i++) {
    const hash = rowEpisodes[i] as number;
    if (hash < 0) continue;
    const e = findEpisode(d, at, episodes, hash);
    // The slot keeps hashes, not ids: the same hash on a group the day does not join anyway may be the same
    // episode coming back after a gap (or another id with that hash), so the rows decide (replay).
    if (e >= 0 && !(adjacent && ((d[at + ILL_EPISODE_LIST + e] as number) & GROUP_MASK) === trailing)) return false;
  }
  let days = 1;
  for (let g = 0; g < GROUPS; g++) if (joined & (1 << g)) days += d[at + ILL_GROUP_DAYS + g] as number;
  const filters = layout.illnessFilters;
  const F = filters.length;
  // The new day for each filter: counted through illness rows only, or also through other whole-day rows.
  let viaIllness = 0;
  let viaOther = 0;
  for (let i = 0; i < regs.n; i++) {
    if (regs.kind[i] !== KIND_DAY) continue;
    const mask = filterMask(filters, regs.pass[i] as number);
    if ((rowEpisodes[i] as number) >= -1) viaIllness |= mask;
    else viaOther |= mask;
  }
  for (let f = 0; f < F; f++) {
    const filter = filters[f] as IllnessFilter;
    let counted = (viaIllness & ~viaOther & (1 << f)) !== 0 ? 1 : 0;
    let lost = 0;
    for (let g = 0; g < GROUPS; g++) {
      if ((joined & (1 << g)) === 0) continue;
      const before = d[at + ILL_COUNTED + g * F + f] as number;
      if ((d[at + ILL_GROUP_DAYS + g] as number) < filter.min && days >= filter.min) lost += before;
      counted += before;
    }
    if (lost > 0) {
      if (!filter.absorbs) return false;
      for (const sum of filter.sums) {
        if (d[t + sum] !== yearStart || (d[t + sum + 1] as number) < lost) return false;
        d[t + sum + 1] = (d[t + sum + 1] as number) - lost;
      }
    }
    // A group at the minimum has nothing more to lose.
    countedScratch[f] = days >= filter.min ? 0 : counted;
  }
  for (let i = 0; i < regs.n; i++) regs.episodeDays[i] = (rowEpisodes[i] as number) >= -1 ? days : 0;
  regs.episodesReady = true;

  // The joined groups become one; it is the latest group now.
  let group = -1;
  for (let g = 0; g < GROUPS && group < 0; g++) if (joined & (1 << g)) group = g;
  if (group < 0) group = freeGroup(d, at, episodes);
  if (group < 0) return false;
  for (let e = 0; e < episodes; e++) {
    const entry = d[at + ILL_EPISODE_LIST + e] as number;
    if (joined & (1 << (entry & GROUP_MASK))) d[at + ILL_EPISODE_LIST + e] = (entry & ~GROUP_MASK) | group;
  }
  d[at + ILL_GROUP_DAYS + group] = days;
  for (let f = 0; f < F; f++) d[at + ILL_COUNTED + group * F + f] = countedScratch[f] as number;
  d[at + ILL_TRAILING] = group;
  d[at + ILL_TRAILING_INDEX] = index;
  let count = episodes;
  for (let i = 0; i < regs.n; i++) {
    const hash = rowEpisodes[i] as number;
    if (hash < 0 || findEpisode(d, at, count, hash) >= 0) continue;
    if (count === EPISODES) return false;
    d[at + ILL_EPISODE_LIST + count] = (hash << GROUP_BITS) | group;
    count++;
  }
  d[at + ILL_EPISODES] = count;
  return true;
}

let rowEpisodes = new Int32Array(16);
const countedScratch = new Int32Array(32);

const dayStepHelpers = { regs, trip, advanceRun, advanceFixed, advanceRolling, advancePerSubject, holds };

/** 28-bit FNV-1a hash of an episode id (it is packed beside a group number). */
function episodeHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) & 0x0fffffff;
}

/** A group number no episode id refers to (the latest illness day moves to the new one); -1 when all are taken. */
function freeGroup(d: Int32Array, at: number, episodes: number): number {
  let used = 0;
  for (let e = 0; e < episodes; e++) used |= 1 << ((d[at + ILL_EPISODE_LIST + e] as number) & GROUP_MASK);
  for (let g = 0; g < GROUPS; g++) if ((used & (1 << g)) === 0) return g;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Shared.

/** First day a count rule counts from; undefined for a since-case window without a case. */
function countFrom(rule: CompiledRule, dc: DayContext, caseStart: EpochDay | undefined): EpochDay | undefined {
  return rule.windowType === "since_case_opened" ? caseStart : dc.yearStart;
}

/** First day of the fixed window that holds `day`, as evaluateFixedWindows bounds it. */
function fixedWindowFrom(rule: CompiledRule, day: EpochDay, dc: DayContext, caseStart: EpochDay | undefined): EpochDay {
  switch (rule.windowType) {
    case "calendar_week":
      return startOfIsoWeek(day);
    case "calendar_month":
      return startOfMonth(day);
    case "term":
      // Days here are in the state's school year: the autumn term from its start, the spring from 1 January (calendar.termOf).
      return day < dc.term2Start ? dc.yearStart : dc.term2Start;
    case "since_case_opened":
      return caseStart as EpochDay;
    default:
      return dc.yearStart;
  }
}
