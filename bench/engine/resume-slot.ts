/**
 * The incremental day's state of a pupil (see resume.ts): where each rule's state lies in a slot, and capturing it
 * from the pupil's registrations as loaded by a fresh evaluation.
 */
import type {} from "../../src/domain/calendar";
import { type EpochDay, parseIsoDate, startOfIsoWeek, startOfMonth } from "../../src/domain/dates";
import { type CompiledLadder, type CompiledRule, KIND_DAY } from "../../src/domain/evaluation/compile";
import { type DayContext, dayContextOf } from "../../src/domain/evaluation/day-context";
import { collectDays, ensureEpisodes, subjectOf } from "../../src/domain/evaluation/filters";
import { episodeAt } from "../../src/domain/evaluation/registrations";
import { collectCountItems } from "../../src/domain/evaluation/rules";
import { type Context as EngineContext } from "../../src/domain/evaluation/trips";
import type { EvaluateInput } from "../../src/domain/evaluation/types";
import type { Ladder } from "../../src/domain/ladder";
import { bulkWorkspace } from "./bulk";
import { type DayStep } from "./resume-kernel";

const ws = bulkWorkspace;
const { regs, items } = ws;

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

export function createResumeCodes(): ResumeCodes {
  return { subjects: new Map() };
}

// ---------------------------------------------------------------------------------------------
// Layout of a slot.

export const FLAGS = 0;
export const AS_OF_DAY = 1;
/** School index of the last school day on or before the state's day. */
export const AS_OF_INDEX = 2;
export const YEAR_START = 3;
export const CASE_START = 4;
/** Bit r set: rule r's rolling or per-subject block holds something (items, a running stretch), so it moves on each day. */
export const MOVING = 5;
export const HEADER = 6;
/** FLAGS: captured and usable; or captured, but too large for the slot (every later day replays). */
export const CAPTURED = 1;
export const OVERFLOW = 2;
export const NONE = -2147483648;

/** Items a rolling window's slot holds (school index and weight each), subjects per per-subject rule, episode ids per pupil. */
export const ROLLING_ITEMS = 6;
export const SUBJECTS = 4;
export const EPISODES = 6;
export const GROUPS = EPISODES + 1;

// A fixed window (week, month, term, year, since the case opened): its first day and the sum so far.
export const FIXED_WIDTH = 2;
// A rolling window of N school days: whether a stretch at or over the threshold is running and how many items are
// inside (one integer: active + 2 × count), then each item's school index and weight packed in one integer.
const ROLLING_WIDTH = 1 + ROLLING_ITEMS;
const WEIGHT_BITS = 12;
export const WEIGHT_MAX = (1 << WEIGHT_BITS) - 1;
/** School indices are packed with this bias, so indices from -2^18 to 2^18 fit beside a weight. */
const INDEX_BIAS = 1 << 18;
// Consecutive school days: the last run of counted days (its last index, length and first day).
export const RUN_WIDTH = 3;
// Illness groups as the engine groups them (adjacent school days, joined across gaps by a shared episodeId):
// the latest illness day's group and school index, the days of each group, and each episode id's hash and group
// packed in one integer (hash × 8 + group).
export const ILL_TRAILING = 0;
export const ILL_TRAILING_INDEX = 1;
export const ILL_EPISODES = 2;
export const ILL_GROUP_DAYS = 3;
export const ILL_EPISODE_LIST = ILL_GROUP_DAYS + GROUPS;
// Then, per group and illness filter, the group's days that filter counts only through its illness rows: the
// days it stops counting when the group grows to the filter's minimum (group × filters + filter).
export const ILL_COUNTED = ILL_EPISODE_LIST + EPISODES;
export const GROUP_BITS = 3;
export const GROUP_MASK = (1 << GROUP_BITS) - 1;

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

export interface Step {
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
  lazy: readonly (readonly string[])[] | undefined;
  pupil: number;
}

/** Rules whose state changes on days without their rows: rolling windows (items age) and per-subject counts. */
export function moves(rule: CompiledRule): boolean {
  return rule.windowType === "rolling_school_days" || rule.perSubject;
}

/** The rule's MOVING bit; rules past the 31st are always taken as moving. */
export function movingBit(r: number): number {
  return r < 31 ? 1 << r : 0;
}

export function countWidth(rule: CompiledRule): number {
  return rule.windowType === "rolling_school_days" ? ROLLING_WIDTH : FIXED_WIDTH;
}

export function codeOf(codes: Map<string, number>, value: string): number {
  let code = codes.get(value);
  if (code === undefined) {
    code = codes.size;
    codes.set(value, code);
  }
  return code;
}

// ---------------------------------------------------------------------------------------------
// Capturing the state from a pupil's loaded registrations.

export function captureLoaded(input: EvaluateInput, table: ResumeTable, slot: number): void {
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
    ensureEpisodes(ws, dc.yearStart);
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
export function filterMask(filters: readonly IllnessFilter[], pass: number): number {
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

export function findEpisode(d: Int32Array, at: number, episodes: number, hash: number): number {
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
  if (rule.filter.continuousIllnessMinDays > 0) ensureEpisodes(ws, dc.yearStart);
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
export const scratchEntry = new Int32Array(ROLLING_WIDTH);

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
export function holds(rule: CompiledRule, d: Int32Array, at: number): boolean {
  if (!rule.perSubject) return d[at] !== 0;
  const width = 1 + countWidth(rule);
  for (let k = 0; k < SUBJECTS; k++)
    if ((d[at + k * width] as number) >= 0 && !isEmptyCount(rule, d, at + k * width + 1)) return true;
  return false;
}

export function isEmptyCount(rule: CompiledRule, d: Int32Array, at: number): boolean {
  return rule.windowType === "rolling_school_days" ? d[at] === 0 : d[at + 1] === 0;
}

export function packable(index: number, weight: number): boolean {
  return weight >= 0 && weight <= WEIGHT_MAX && index + INDEX_BIAS >= 0 && index + INDEX_BIAS < 2 * INDEX_BIAS;
}

export function packItem(index: number, weight: number): number {
  return ((index + INDEX_BIAS) << WEIGHT_BITS) | weight;
}

export function itemIndex(item: number): number {
  return (item >>> WEIGHT_BITS) - INDEX_BIAS;
}

/** 28-bit FNV-1a hash of an episode id (it is packed beside a group number). */
export function episodeHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) & 0x0fffffff;
}

// ---------------------------------------------------------------------------------------------
// Shared.

/** First day a count rule counts from; undefined for a since-case window without a case. */
function countFrom(rule: CompiledRule, dc: DayContext, caseStart: EpochDay | undefined): EpochDay | undefined {
  return rule.windowType === "since_case_opened" ? caseStart : dc.yearStart;
}

/** First day of the fixed window that holds `day`, as evaluateFixedWindows bounds it. */
export function fixedWindowFrom(
  rule: CompiledRule,
  day: EpochDay,
  dc: DayContext,
  caseStart: EpochDay | undefined,
): EpochDay {
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
