/**
 * The incremental day's step (see resume.ts): a slot advanced by one school day's rows, in place in the target
 * slot, through the ladder's generated day step (resume-kernel.ts).
 */
import type {} from "../../src/domain/calendar";
import { type EpochDay } from "../../src/domain/dates";
import { type CompiledLadder, type CompiledRule, KIND_DAY } from "../../src/domain/evaluation/compile";
import { type DayContext } from "../../src/domain/evaluation/day-context";
import { counts, subjectOf } from "../../src/domain/evaluation/filters";
import { episodeAt, isIllnessDay } from "../../src/domain/evaluation/registrations";
import { isCountSource, setCountSource } from "../../src/domain/evaluation/rules";
import { type Context as EngineContext, stubCount } from "../../src/domain/evaluation/trips";
import type {} from "../../src/domain/evaluation/types";
import type {} from "../../src/domain/ladder";
import { alwaysPasses, bulkWorkspace, kernelCodes, leanContext } from "./bulk";
import { type DayStep, createDayStep } from "./resume-kernel";
import {
  type IllnessFilter,
  type Layout,
  type ResumeCodes,
  type ResumeTable,
  type Step,
  AS_OF_DAY,
  AS_OF_INDEX,
  EPISODES,
  FIXED_WIDTH,
  FLAGS,
  GROUPS,
  GROUP_BITS,
  GROUP_MASK,
  HEADER,
  ILL_COUNTED,
  ILL_EPISODES,
  ILL_EPISODE_LIST,
  ILL_GROUP_DAYS,
  ILL_TRAILING,
  ILL_TRAILING_INDEX,
  MOVING,
  OVERFLOW,
  ROLLING_ITEMS,
  RUN_WIDTH,
  SUBJECTS,
  WEIGHT_MAX,
  codeOf,
  countWidth,
  createResumeCodes,
  episodeHash,
  filterMask,
  findEpisode,
  fixedWindowFrom,
  holds,
  isEmptyCount,
  itemIndex,
  moves,
  movingBit,
  packItem,
  packable,
  scratchEntry,
} from "./resume-slot";

const ws = bulkWorkspace;
const { regs } = ws;

const layouts = new WeakMap<CompiledLadder, Layout>();
let lastLayout: { compiled: CompiledLadder; layout: Layout } | undefined;

export function layoutOf(compiled: CompiledLadder): Layout {
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
      // A new period of illness can make days left out count again: such ladders are replayed, not resumed.
      step: compiled.rules.some((r) => r.type !== "early_sign" && r.filter.continuousIllnessAlone) ? undefined : step,
    };
    layouts.set(compiled, layout);
  }
  lastLayout = { compiled, layout };
  return layout;
}

/**
 * Advances the state at `fromSlot` by the new rows loaded in `regs`, into `toSlot`, with the trips in `stubs`;
 * false when the pupil must be replayed instead. `lazy`: the batch's fired keys, where pupil `p`'s are read at
 * its first trip, instead of the keys already in `ctx`.
 */
export function advanceLoaded(
  ctx: EngineContext,
  dc: DayContext,
  from: ResumeTable,
  fromSlot: number,
  to: ResumeTable,
  toSlot: number,
  lazy: readonly (readonly string[])[] | undefined,
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

// ---------------------------------------------------------------------------------------------
// Advancing by one school day, in place in the target slot.

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

/** A group number no episode id refers to (the latest illness day moves to the new one); -1 when all are taken. */
function freeGroup(d: Int32Array, at: number, episodes: number): number {
  let used = 0;
  for (let e = 0; e < episodes; e++) used |= 1 << ((d[at + ILL_EPISODE_LIST + e] as number) & GROUP_MASK);
  for (let g = 0; g < GROUPS; g++) if ((used & (1 << g)) === 0) return g;
  return -1;
}
