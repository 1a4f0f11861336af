import { type EpochDay, parseIsoDate, startOfIsoWeek, startOfMonth } from "./dates";
import {
  type CompiledLadder,
  type CompiledRule,
  type DayContext,
  type EngineContext,
  type EvaluateInput,
  type StepEvaluation,
  compileLadder,
  engineParts,
  evaluateStep,
} from "./evaluate";
import type { Ladder } from "./ladder";

// The engine's own scratch tables and steps: the new rows are loaded and classified exactly as evaluate() does.
const {
  COUNTED,
  KIND_DAY,
  addStub,
  alreadyFired,
  classify,
  collectDays,
  collectEvents,
  dayContextOf,
  ensureEpisodes,
  episodeAt,
  ignoredScratch,
  invalidateItems,
  items,
  isIllnessDay,
  loadInput,
  regs,
  stepEvaluationOfStubs,
  stubs,
  subjectOf,
  triggerKey,
} = engineParts;

/**
 * Incremental evaluation: what a pupil's evaluation as of one day must remember so that the next school day's
 * registrations are evaluated without reading the earlier ones. The daily job evaluates every pupil with new
 * registrations; with this state it touches only the new rows, and the result is the one a fresh evaluation of
 * all rows would give (new trigger keys and step, as evaluateStep returns them).
 *
 * Where the new rows change how earlier rows count — a new illness day that makes earlier days one continuous
 * illness («sammenhengende sykdom»), a run-length limit, rows dated on or before the state's day, another school
 * year, a case opened since, reported early signs — the pupil is evaluated afresh over all rows instead
 * ("replayed"), and a new state is captured from that evaluation.
 */
export interface PupilResume {
  /** The ladder object the state belongs to (settings included); another ladder means a replay. */
  readonly ladder: Ladder;
  readonly asOfDay: EpochDay;
  /** School index of the last school day on or before asOfDay. */
  readonly asOfIndex: number;
  readonly yearStart: EpochDay;
  readonly caseStart: EpochDay | undefined;
  /** Per compiled rule, in the ladder's rule order; null (or past the end) where the rule has nothing to carry over. */
  readonly rules: readonly (RuleResume | null)[];
  /** Illness groups, for ladders that leave continuous illness out; null when there is no illness. */
  readonly illness: IllnessResume | null;
}

/** A count in a fixed window (week, month, term, year, since the case opened): the current window and its sum. */
export interface FixedWindowResume {
  readonly kind: "fixed";
  readonly windowFrom: EpochDay;
  readonly sum: number;
}

/** A rolling window of N school days: whether a stretch at or over the threshold is running, and the items still inside. */
export interface RollingWindowResume {
  readonly kind: "rolling";
  readonly active: boolean;
  /** School index and weight of each item still inside the window, in pairs. */
  readonly tail: readonly number[];
}

export type CountResume = FixedWindowResume | RollingWindowResume;

export type RuleResume =
  | CountResume
  | { readonly kind: "per_subject"; readonly subjects: readonly string[]; readonly counts: readonly (CountResume | null)[] }
  /** Consecutive school days: the last run of counted days. */
  | { readonly kind: "run"; readonly lastIndex: number; readonly length: number; readonly firstDay: EpochDay };

/** Illness days grouped as the engine groups them: adjacent school days, joined across gaps by a shared episodeId. */
export interface IllnessResume {
  /** School days in each group. */
  readonly groups: readonly number[];
  /** The group of the latest illness day, and that day's school index. */
  readonly trailing: number;
  readonly trailingIndex: number;
  /** Episode ids seen, and the group each belongs to. */
  readonly episodeIds: readonly string[];
  readonly episodeGroups: readonly number[];
}

export interface EvaluationWithResume {
  evaluation: StepEvaluation;
  resume: PupilResume;
}

export interface NextDayInput extends EvaluateInput {
  /** The state captured as of an earlier day (by evaluateStepWithResume or a previous evaluateNextDay). */
  resume: PupilResume;
  /** The registrations dated after resume's day, up to asOf; `events` holds these and all earlier ones (used on a replay). */
  added: EvaluateInput["events"];
}

export interface NextDayResult extends EvaluationWithResume {
  /** True when the pupil was evaluated afresh over all registrations (see PupilResume). */
  replayed: boolean;
}

/** evaluateStep, and the state to continue from on a later day. */
export function evaluateStepWithResume(input: EvaluateInput): EvaluationWithResume {
  const evaluation = evaluateStep(input);
  // evaluateStep leaves the pupil's registrations loaded in the engine's scratch tables: capture from them.
  return { evaluation, resume: captureLoaded(input) };
}

/**
 * Evaluates the registrations added since `resume` on top of it. The result equals evaluateStep over all
 * registrations with the same `previous` (new keys, step), and `resume` is the state as of `asOf`.
 */
export function evaluateNextDay(input: NextDayInput): NextDayResult {
  const { resume, ladder, calendar, asOf, caseOpenedAt, earlySigns } = input;
  const compiled = compileLadder(ladder);
  const dc = dayContextOf(calendar, asOf);
  const caseStart = caseOpenedAt === undefined ? undefined : parseIsoDate(caseOpenedAt);
  if (resume.ladder !== ladder || dc.yearStart !== resume.yearStart || caseStart !== resume.caseStart || dc.asOfDay <= resume.asOfDay || (earlySigns !== undefined && earlySigns.length > 0)) {
    return replay(input);
  }

  loadInput(input.added, input.pupil.id, dc, caseStart === undefined ? dc.yearStart : Math.min(dc.yearStart, caseStart), undefined, ignoredScratch);
  invalidateItems();
  const n = regs.n;
  let day = -1;
  let index = -1;
  if (n > 0) {
    day = regs.day[0] as number;
    // One new school day after the state's day; anything else (a correction of an earlier day, several days) replays.
    if (day <= resume.asOfDay || regs.day[n - 1] !== day) return replay(input);
    index = regs.index[0] as number;
    if (runLimited(compiled) && hasDayRow()) return replay(input);
  }
  let illness = resume.illness;
  if (compiled.needsIllness && n > 0) {
    const next = advanceIllness(resume.illness, compiled, index);
    if (next === "replay") return replay(input);
    illness = next;
  }

  stubs.n = 0;
  const ctx = nextDayContext;
  ctx.calendar = calendar;
  ctx.asOf = asOf;
  ctx.asOfDay = dc.asOfDay;
  ctx.asOfIndex = dc.asOfIndex;
  ctx.yearStart = dc.yearStart;
  ctx.caseStart = caseStart;
  ctx.fired = input.previous?.firedKeys;
  ctx.firedSet = undefined;
  let kinds = 0;
  for (let i = 0; i < n; i++) kinds |= 1 << (regs.kind[i] as number);
  const step: Step = { ctx, dc, fromIndex: resume.asOfIndex, day, index, kinds };
  const rules = compiled.rules;
  // The rules' states are shared with the previous state until one changes.
  let next = resume.rules;
  for (let r = 0; r < rules.length; r++) {
    const before = resume.rules[r] ?? null;
    const after = advanceRule(step, rules[r] as CompiledRule, before);
    if (after === before) continue;
    if (next === resume.rules) next = resume.rules.slice();
    (next as (RuleResume | null)[])[r] = after;
  }
  ctx.fired = undefined;
  const evaluation = stepEvaluationOfStubs(input.pupil.id, compiled, asOf, input.previous);
  return {
    evaluation,
    resume: { ladder, asOfDay: dc.asOfDay, asOfIndex: dc.asOfIndex, yearStart: dc.yearStart, caseStart, rules: next, illness },
    replayed: false,
  };
}

function replay(input: NextDayInput): NextDayResult {
  const { evaluation, resume } = evaluateStepWithResume(input);
  return { evaluation, resume, replayed: true };
}

// ---------------------------------------------------------------------------------------------
// Capturing the state from a pupil's loaded registrations.

function captureLoaded(input: EvaluateInput): PupilResume {
  const compiled = compileLadder(input.ladder);
  const dc = dayContextOf(input.calendar, input.asOf);
  const caseStart = input.caseOpenedAt === undefined ? undefined : parseIsoDate(input.caseOpenedAt);

  let illness: IllnessResume | null = null;
  if (compiled.needsIllness) {
    ensureEpisodes();
    if (regs.hasIllness) illness = captureIllness();
  }
  let rules: (RuleResume | null)[] = noRules;
  for (let r = 0; r < compiled.rules.length; r++) {
    const state = captureRule(compiled.rules[r] as CompiledRule, dc, caseStart);
    if (state === null) continue;
    if (rules === noRules) rules = new Array<RuleResume | null>(compiled.rules.length).fill(null);
    rules[r] = state;
  }
  invalidateItems();
  return { ladder: input.ladder, asOfDay: dc.asOfDay, asOfIndex: dc.asOfIndex, yearStart: dc.yearStart, caseStart, rules, illness };
}

/** The rules' states of a pupil with nothing to carry over (most pupils on most days): one shared empty list. */
const noRules: (RuleResume | null)[] = [];

function captureIllness(): IllnessResume | null {
  const groups: number[] = [];
  const localOf = new Map<number, number>();
  const episodeIds: string[] = [];
  const episodeGroups: number[] = [];
  let trailing = -1;
  let trailingIndex = 0;
  for (let i = 0; i < regs.n; i++) {
    let root = regs.group[i] as number;
    if (root < 0) continue;
    while (regs.groupParent[root] !== root) root = regs.groupParent[root] as number;
    let local = localOf.get(root);
    if (local === undefined) {
      local = groups.length;
      localOf.set(root, local);
      groups.push(regs.groupDays[root] as number);
    }
    const id = episodeAt(i);
    if (id !== undefined && !episodeIds.includes(id)) {
      episodeIds.push(id);
      episodeGroups.push(local);
    }
    trailing = local;
    trailingIndex = regs.index[i] as number;
  }
  return trailing < 0 ? null : { groups, trailing, trailingIndex, episodeIds, episodeGroups };
}

function captureRule(rule: CompiledRule, dc: DayContext, caseStart: EpochDay | undefined): RuleResume | null {
  if (rule.filter.continuousIllnessMinDays > 0) ensureEpisodes();
  switch (rule.type) {
    case "count": {
      const from = countFrom(rule, dc, caseStart);
      if (from === undefined) return null;
      if (!rule.perSubject) {
        collect(rule, from, undefined);
        return captureCount(rule, dc, caseStart);
      }
      const subjects: string[] = [];
      for (let i = 0; i < regs.n; i++) {
        if (regs.kind[i] !== rule.kind) continue;
        const s = subjectOf(i);
        if (!subjects.includes(s)) subjects.push(s);
      }
      if (subjects.length === 0) return null;
      const counts = subjects.map((s) => {
        collect(rule, from, s);
        return captureCount(rule, dc, caseStart);
      });
      return { kind: "per_subject", subjects, counts };
    }
    case "consecutive_days": {
      collectDays(rule.filter, dc.yearStart);
      if (items.n === 0) return null;
      const last = items.n - 1;
      let first = last;
      while (first > 0 && items.index[first - 1] === (items.index[first] as number) - 1) first--;
      return { kind: "run", lastIndex: items.index[last] as number, length: last - first + 1, firstDay: items.day[first] as number };
    }
    default:
      return null;
  }
}

/** The items a count rule counts, as evaluateCountFor collects them. */
function collect(rule: CompiledRule, from: EpochDay, subject: string | undefined): void {
  if (rule.kind === KIND_DAY) collectDays(rule.filter, from);
  else collectEvents(rule.kind, rule.filter, from, subject, rule.measure === "lesson_days");
}

function captureCount(rule: CompiledRule, dc: DayContext, caseStart: EpochDay | undefined): CountResume | null {
  if (rule.windowType === "rolling_school_days") {
    const tail: number[] = [];
    let sum = 0;
    for (let k = 0; k < items.n; k++) {
      const index = items.index[k] as number;
      if (index <= dc.asOfIndex - rule.windowDays) continue;
      tail.push(index, items.weight[k] as number);
      sum += items.weight[k] as number;
    }
    return tail.length === 0 ? null : { kind: "rolling", active: sum >= rule.min, tail };
  }
  const windowFrom = fixedWindowFrom(rule, dc.asOfDay, dc, caseStart);
  let sum = 0;
  for (let k = 0; k < items.n; k++) if ((items.day[k] as number) >= windowFrom) sum += items.weight[k] as number;
  return sum === 0 ? null : { kind: "fixed", windowFrom, sum };
}

// ---------------------------------------------------------------------------------------------
// Advancing by one school day.

interface Step {
  ctx: EngineContext;
  dc: DayContext;
  /** School index the state is as of. */
  fromIndex: number;
  /** The new rows' day and school index; -1 when the pupil has no new rows (the state only moves on). */
  day: EpochDay;
  index: number;
  /** Bit mask of the kinds among the new rows. */
  kinds: number;
}

const nextDayContext: EngineContext = {
  calendar: undefined as unknown as EngineContext["calendar"],
  asOf: "",
  asOfDay: 0,
  asOfIndex: 0,
  yearStart: 0,
  caseStart: undefined,
  fired: undefined,
  firedSet: undefined,
  trips: [],
  lean: true,
};

function advanceRule(step: Step, rule: CompiledRule, state: RuleResume | null): RuleResume | null {
  // Without new rows of the rule's kind only a rolling window's state moves (its items age).
  if (rule.type !== "occurrence" && (step.kinds & (1 << rule.kind)) === 0 && (state === null || (state.kind !== "rolling" && state.kind !== "per_subject"))) return state;
  switch (rule.type) {
    case "count": {
      const from = countFrom(rule, step.dc, step.ctx.caseStart);
      if (from === undefined) return null;
      if (!rule.perSubject) return advanceCount(step, rule, state as CountResume | null, contribution(rule, from, undefined), undefined);
      return advancePerSubject(step, rule, state as Extract<RuleResume, { kind: "per_subject" }> | null, from);
    }
    case "consecutive_days":
      return advanceRun(step, rule, state as Extract<RuleResume, { kind: "run" }> | null);
    case "occurrence":
      advanceOccurrence(step, rule);
      return null;
    default:
      return null;
  }
}

/** What the new rows add to a count: 1 for a counted day or lesson day, else the counted registrations' weight. */
function contribution(rule: CompiledRule, from: EpochDay, subject: string | undefined): number {
  let weight = 0;
  for (let i = 0; i < regs.n; i++) {
    if (regs.kind[i] !== rule.kind || (regs.day[i] as number) < from) continue;
    // collectDays counts whole days whatever their subject; the other kinds can be limited to one subject.
    if (subject !== undefined && rule.kind !== KIND_DAY && subjectOf(i) !== subject) continue;
    if (classify(i, rule.filter) !== COUNTED) continue;
    if (rule.kind === KIND_DAY || rule.measure === "lesson_days") return 1;
    weight += regs.lessons[i] as number;
  }
  return weight;
}

function advanceCount(step: Step, rule: CompiledRule, state: CountResume | null, weight: number, subject: string | undefined): CountResume | null {
  if (rule.windowType === "rolling_school_days") return advanceRolling(step, rule, state as RollingWindowResume | null, weight, subject);
  if (step.day < 0 || weight === 0) return state;
  const windowFrom = fixedWindowFrom(rule, step.day, step.dc, step.ctx.caseStart);
  const before = state !== null && (state as FixedWindowResume).windowFrom === windowFrom ? (state as FixedWindowResume).sum : 0;
  const after = before + weight;
  // The window trips on the day its running sum reaches the threshold (evaluateFixedWindows).
  if (before < rule.min && after >= rule.min && !(rule.windowType === "term" && rule.windowOnly !== 0 && step.dc.calendar.termOf(step.day).number !== rule.windowOnly)) {
    trip(step, rule, windowFrom, subject);
  }
  return { kind: "fixed", windowFrom, sum: after };
}

/**
 * A rolling window trips on the first day of each stretch of school days on which the window's sum is at or
 * over the threshold (evaluateRollingWindow). Between two days with items the sum only falls.
 */
function advanceRolling(step: Step, rule: CompiledRule, state: RollingWindowResume | null, weight: number, subject: string | undefined): RollingWindowResume | null {
  const days = rule.windowDays;
  let tail = state?.tail ?? [];
  let active = state?.active ?? false;
  let last = step.fromIndex;
  if (step.day >= 0) {
    const m = step.index;
    if (active && m - 1 > last && windowSum(tail, m - 1, days) < rule.min) active = false;
    const sum = windowSum(tail, m, days) + weight;
    if (!active && sum >= rule.min) {
      trip(step, rule, step.day, subject);
      active = true;
    } else if (active && sum < rule.min) active = false;
    if (weight > 0) tail = tail.concat(m, weight);
    last = m;
  }
  const asOfIndex = step.dc.asOfIndex;
  if (active && asOfIndex > last && windowSum(tail, asOfIndex, days) < rule.min) active = false;
  let dropped = 0;
  while (dropped < tail.length && (tail[dropped] as number) <= asOfIndex - days) dropped += 2;
  if (state !== null && tail === state.tail && dropped === 0 && active === state.active) return state;
  if (dropped === tail.length && !active) return null;
  return { kind: "rolling", active, tail: dropped === 0 ? tail : tail.slice(dropped) };
}

function windowSum(tail: readonly number[], at: number, days: number): number {
  let sum = 0;
  for (let k = 0; k < tail.length; k += 2) if ((tail[k] as number) > at - days) sum += tail[k + 1] as number;
  return sum;
}

function advancePerSubject(step: Step, rule: CompiledRule, state: Extract<RuleResume, { kind: "per_subject" }> | null, from: EpochDay): RuleResume | null {
  let subjects = state ? state.subjects : [];
  let counts = state ? state.counts : [];
  if (step.day >= 0 && (step.kinds & (1 << rule.kind)) !== 0) {
    for (let i = 0; i < regs.n; i++) {
      if (regs.kind[i] !== rule.kind) continue;
      const s = subjectOf(i);
      if (subjects.includes(s)) continue;
      if (subjects === state?.subjects) {
        subjects = subjects.slice();
        counts = counts.slice();
      }
      (subjects as string[]).push(s);
      (counts as (CountResume | null)[]).push(null);
    }
  }
  let changed = subjects !== state?.subjects;
  let any = false;
  for (let k = 0; k < subjects.length; k++) {
    const subject = subjects[k] as string;
    const before = counts[k] ?? null;
    const weight = step.day >= 0 && (step.kinds & (1 << rule.kind)) !== 0 ? contribution(rule, from, subject) : 0;
    const after = advanceCount(step, rule, before, weight, subject);
    if (after !== before) {
      if (!changed) counts = counts.slice();
      changed = true;
      (counts as (CountResume | null)[])[k] = after;
    }
    if (after !== null) any = true;
  }
  if (!changed) return state;
  return any ? { kind: "per_subject", subjects, counts } : null;
}

function advanceRun(step: Step, rule: CompiledRule, state: Extract<RuleResume, { kind: "run" }> | null): RuleResume | null {
  if (step.day < 0 || contribution(rule, step.dc.yearStart, undefined) === 0) return state;
  const extends_ = state !== null && state.lastIndex === step.index - 1;
  const length = extends_ ? state.length + 1 : 1;
  const firstDay = extends_ ? state.firstDay : step.day;
  // A run trips once, on the day it reaches the threshold, keyed by its first day (evaluateConsecutive).
  if (length === rule.min) trip(step, rule, firstDay, undefined);
  return { kind: "run", lastIndex: step.index, length, firstDay };
}

function advanceOccurrence(step: Step, rule: CompiledRule): void {
  if (step.day < 0 || step.day < step.dc.yearStart) return;
  for (let i = 0; i < regs.n; i++) {
    if ((rule.kindMask & (1 << (regs.kind[i] as number))) === 0 || classify(i, rule.filter) !== COUNTED) continue;
    trip(step, rule, step.day, undefined);
    return;
  }
}

/** A new trip on the new day, keyed like the engine's, unless that key already fired. */
function trip(step: Step, rule: CompiledRule, keyDay: EpochDay, subject: string | undefined): void {
  const key = triggerKey(rule, keyDay, subject);
  if (!alreadyFired(step.ctx, key)) addStub(key, step.day, rule);
}

/**
 * Marks the new day's illness rows as the engine would over all rows: joined with the latest illness group
 * when on the next school day, and with earlier groups sharing an episodeId. When that makes earlier days
 * continuous illness that counted before (a group crosses a filter's minimum), returns "replay".
 */
function advanceIllness(state: IllnessResume | null, compiled: CompiledLadder, index: number): IllnessResume | null | "replay" {
  const joined: number[] = [];
  const newIds: string[] = [];
  let ill = false;
  for (let i = 0; i < regs.n; i++) {
    if (!isIllnessDay(i)) continue;
    ill = true;
    const id = episodeAt(i);
    if (id === undefined) continue;
    const k = state ? state.episodeIds.indexOf(id) : -1;
    if (k >= 0) {
      const g = (state as IllnessResume).episodeGroups[k] as number;
      if (!joined.includes(g)) joined.push(g);
    } else if (!newIds.includes(id)) newIds.push(id);
  }
  if (!ill) {
    regs.episodeDays.fill(0, 0, regs.n);
    regs.episodesReady = true;
    return state;
  }
  if (state && state.trailing >= 0 && state.trailingIndex === index - 1 && !joined.includes(state.trailing)) joined.push(state.trailing);
  let days = 1;
  for (const g of joined) days += state?.groups[g] as number;
  for (const rule of compiled.rules) {
    const min = rule.type === "early_sign" ? 0 : rule.filter.continuousIllnessMinDays;
    if (min === 0) continue;
    for (const g of joined) if ((state?.groups[g] as number) < min && days >= min) return "replay";
  }
  for (let i = 0; i < regs.n; i++) regs.episodeDays[i] = isIllnessDay(i) ? days : 0;
  regs.episodesReady = true;
  const groups = state ? state.groups.slice() : [];
  const group = groups.length;
  groups.push(days);
  const episodeIds = state ? state.episodeIds.slice() : [];
  const episodeGroups = state ? state.episodeGroups.map((g) => (joined.includes(g) ? group : g)) : [];
  for (const id of newIds) {
    episodeIds.push(id);
    episodeGroups.push(group);
  }
  return { groups, trailing: group, trailingIndex: index, episodeIds, episodeGroups };
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
      return dc.calendar.termOf(day).start;
    case "since_case_opened":
      return caseStart as EpochDay;
    default:
      return dc.yearStart;
  }
}

const runLimits = new WeakMap<CompiledLadder, boolean>();
let lastRunLimit: { compiled: CompiledLadder; limited: boolean } | undefined;

/** Some rule counts only days in short runs: a new day can drop earlier days from the count, so those replay. */
function runLimited(compiled: CompiledLadder): boolean {
  if (lastRunLimit?.compiled === compiled) return lastRunLimit.limited;
  let limited = runLimits.get(compiled);
  if (limited === undefined) {
    limited = compiled.rules.some((r) => r.type !== "early_sign" && r.filter.maxRunLength > 0);
    runLimits.set(compiled, limited);
  }
  lastRunLimit = { compiled, limited };
  return limited;
}

function hasDayRow(): boolean {
  for (let i = 0; i < regs.n; i++) if (regs.kind[i] === KIND_DAY) return true;
  return false;
}
