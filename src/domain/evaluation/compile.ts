// Compiled ladder: settings resolved once per ladder object, not per pupil, and the codes rows are stored as.
import type { AbsenceKind, AbsenceReason } from "../absence";
import {
  type AbsenceFilter,
  type CaseHolder,
  type CountMeasure,
  type Ladder,
  type LadderDeadline,
  type LadderRule,
  type LadderStep,
  type LadderTrigger,
  type LadderWindow,
  type Threshold,
  findStep,
  isRuleEnabled,
  minimumCount,
  resolveSetting,
} from "../ladder";
import { describeDeadline } from "../../i18n/trip-texts";
import type { StepSummary } from "./types";

/**
 * CompiledRule.keyCacheBase before the rule's first key: a small integer (V8's 31-bit range), not NaN, so the base
 * stays an integer field and `day - base` integer arithmetic.
 */
export const NO_KEY_CACHE = -(2 ** 30);

export const kindCode: Record<AbsenceKind, number> = { day: 0, lesson: 1, late: 2, left: 3, not_in_class: 4 };
export const KIND_DAY = 0;
export const KIND_LESSON = 1;
export const KIND_LATE = 2;
export const KIND_LEFT = 3;
export const KIND_NOT_IN_CLASS = 4;
export const kindNames: readonly AbsenceKind[] = ["day", "lesson", "late", "left", "not_in_class"];
export const reasonCode: Record<AbsenceReason, number> = {
  illness: 0,
  leave: 1,
  travel: 2,
  appointment: 3,
  other: 4,
  unknown: 5,
};
export const reasonNames: readonly AbsenceReason[] = ["illness", "leave", "travel", "appointment", "other", "unknown"];
export const NO_REASON = -1;
export const REASON_ILLNESS = 0;

export const RULE_COUNT = 0;
export const RULE_CONSECUTIVE = 1;
export const RULE_OCCURRENCE = 2;
export const RULE_EARLY_SIGN = 3;
export const ruleTypeCode: Record<LadderTrigger["type"], number> = {
  count: RULE_COUNT,
  consecutive_days: RULE_CONSECUTIVE,
  occurrence: RULE_OCCURRENCE,
  early_sign: RULE_EARLY_SIGN,
};

/** Bit mask of codes; 0 means "no restriction". */
function maskOf<T extends string>(values: readonly T[] | undefined, codes: Record<T, number>): number {
  let mask = 0;
  for (const v of values ?? []) mask |= 1 << codes[v];
  return mask;
}

export interface CompiledFilter {
  /** -1: both, 0: only undocumented, 1: only documented. */
  documented: number;
  reasonMask: number;
  excludeReasonMask: number;
  excludeAgreed: boolean;
  /** 0: continuous illness is counted. */
  continuousIllnessMinDays: number;
  /** Continuous illness is left out only when it is the pupil's one period of illness (single_period). */
  continuousIllnessAlone: boolean;
  /** 0: no limit. */
  maxRunLength: number;
  subjects: ReadonlySet<string> | undefined;
  /** True when anything is left out and reported (reasons, agreed, continuous illness). */
  excludes: boolean;
  /** This filter's bit in the rows' pass bits (see passTableOf); 0 for a filter past the 30th of a ladder. */
  bit: number;
}

/** What bounds a count from above: 0 distinct days, 1 lesson weight, 2 distinct lesson days, 3 registrations of the kind. */
type CountBound = 0 | 1 | 2 | 3;

/**
 * A rule with its settings resolved. Every rule type has every field (unused ones hold neutral values), so all
 * compiled rules share one object shape and the hot loops see one shape.
 */
export interface CompiledRule {
  type: LadderTrigger["type"];
  /** `type` as a number (RULE_*): the per-pupil rule loop switches on it. */
  typeCode: number;
  rule: LadderRule;
  /** "ruleId@": every trigger key of the rule starts with it. */
  keyPrefix: string;
  /** Window type of a count rule's keys; undefined (a plain date) for the other rules. */
  keyWindow: LadderWindow["type"] | undefined;
  /** Trigger keys by day (`keyCache[day - keyCacheBase]`): the same few hundred keys recur for every pupil. NO_KEY_CACHE until the first key. */
  keyCacheBase: number;
  keyCache: (string | undefined)[];
  /** Step number, -1 for a notice. */
  stepNumber: number;
  step: LadderStep | undefined;
  deadline: LadderDeadline | undefined;
  deadlineLabel: string | null;
  holders: readonly CaseHolder[];
  actions: readonly string[];
  /** Count, consecutive and occurrence rules; an empty filter for early signs. */
  filter: CompiledFilter;
  // Count rules.
  measure: CountMeasure;
  bound: CountBound;
  kind: number;
  window: LadderWindow;
  windowType: LadderWindow["type"];
  /** Length of a rolling window; 0 otherwise. */
  windowDays: number;
  /** Term a term window is limited to; 0 for both. */
  windowOnly: number;
  perSubject: boolean;
  // Count and consecutive rules.
  threshold: Threshold;
  min: number;
  // Occurrence rules.
  kindMask: number;
  // Early-sign rules.
  signs: ReadonlySet<string> | undefined;
}
export type CountRule = CompiledRule;
export type ConsecutiveRule = CompiledRule;
export type OccurrenceRule = CompiledRule;
export type EarlySignRule = CompiledRule;

/** A ladder with settings resolved and rules pre-digested; built once per ladder object and cached. */
export interface CompiledLadder {
  readonly ladder: Ladder;
  readonly rules: readonly CompiledRule[];
  readonly needsIllness: boolean;
  /** Whether some rule counts per subject. */
  readonly perSubject: boolean;
  /** Filter bits by row combination (filterCodeOf), stored per loaded row in `regs.pass`. */
  readonly passTable: Int32Array;
  readonly signLabels: ReadonlyMap<string, string>;
  readonly stepSummaries: ReadonlyMap<number, StepSummary>;
  /** stepSummaries by step number. */
  readonly stepList: readonly (StepSummary | undefined)[];
}

const compiledCache = new WeakMap<Ladder, CompiledLadder>();

/** Compiles a filter; equal filters within one ladder share one object so collected items can be reused. */
function compileFilter(
  ladder: Ladder,
  filter: AbsenceFilter | undefined,
  shared: Map<string, CompiledFilter>,
): CompiledFilter {
  const key = JSON.stringify(filter ?? {});
  const known = shared.get(key);
  if (known) return known;
  const compiled = compileFilterOnce(ladder, filter, shared.size < 30 ? 1 << shared.size : 0);
  shared.set(key, compiled);
  return compiled;
}

function compileFilterOnce(ladder: Ladder, filter: AbsenceFilter | undefined, bit: number): CompiledFilter {
  const illness = filter?.excludeContinuousIllness;
  let continuousIllnessMinDays = 0;
  let continuousIllnessAlone = false;
  if (illness === true) continuousIllnessMinDays = 2;
  else if (typeof illness === "object") {
    continuousIllnessMinDays = resolveSetting(ladder, illness.minDays);
    continuousIllnessAlone = resolveSetting(ladder, illness.reading ?? "each_period") === "single_period";
  }
  const excludeReasonMask = maskOf(filter?.excludeReasons, reasonCode);
  const excludeAgreed = filter?.excludeAgreed === true;
  return {
    documented: filter?.documented === undefined ? -1 : filter.documented ? 1 : 0,
    reasonMask: maskOf(filter?.reasons, reasonCode),
    excludeReasonMask,
    excludeAgreed,
    continuousIllnessMinDays,
    continuousIllnessAlone,
    maxRunLength: filter?.maxRunLength === undefined ? 0 : resolveSetting(ladder, filter.maxRunLength),
    subjects: filter?.subjects ? new Set(filter.subjects) : undefined,
    excludes: excludeReasonMask !== 0 || excludeAgreed || continuousIllnessMinDays > 0,
    bit,
  };
}

/**
 * A row's documentation, reason and agreed flag as one of 32 combinations: reason class (0 none, 1 + code for
 * a reason, 7 for a code no mask can hold) * 4, + 2 when documented, + 1 when agreed.
 */
export function filterCodeOf(documented: number, reason: number, agreed: number): number {
  return ((reasonClass[reason & 255] as number) << 2) | (documented === 1 ? 2 : 0) | agreed;
}

/** Reason class by reason code & 255: classify shifts by the code, so only its low five bits matter. */
const reasonClass = Uint8Array.from({ length: 256 }, (_, code) =>
  code === 255 ? 0 : (code & 31) <= 5 ? (code & 31) + 1 : 7,
);

/** For each combination (filterCodeOf), the bits of the filters whose documentation, reason and agreed tests it passes. */
function passTableOf(filters: readonly CompiledFilter[]): Int32Array {
  const table = new Int32Array(32);
  for (let combo = 0; combo < 32; combo++) {
    const rc = combo >> 2;
    const documented = (combo >> 1) & 1;
    const agreed = combo & 1;
    // Any code with the class's low five bits stands for the class (6 holds no mask bit, like class 7's codes).
    const reason = rc === 0 ? NO_REASON : rc === 7 ? 6 : rc - 1;
    for (const f of filters) {
      if (f.documented >= 0 && documented !== f.documented) continue;
      if (f.reasonMask !== 0 && (reason === NO_REASON || (f.reasonMask & (1 << reason)) === 0)) continue;
      if (f.excludeReasonMask !== 0 && reason !== NO_REASON && (f.excludeReasonMask & (1 << reason)) !== 0) continue;
      if (f.excludeAgreed && agreed === 1) continue;
      table[combo] = (table[combo] as number) | f.bit;
    }
  }
  return table;
}

export const measureKind: Record<CountMeasure, AbsenceKind> = {
  days: "day",
  lessons: "lesson",
  lesson_days: "lesson",
  late: "late",
  left: "left",
  not_in_class: "not_in_class",
};

let lastCompiled: CompiledLadder | undefined;

/** Resolves settings and defaults once per ladder object (cached), so evaluating many pupils does no schema work. */
export function compileLadder(ladder: Ladder): CompiledLadder {
  // Bulk runs evaluate every pupil against the same ladder object: skip even the WeakMap lookup.
  if (lastCompiled?.ladder === ladder) return lastCompiled;
  const cached = compiledCache.get(ladder);
  if (cached) return (lastCompiled = cached);
  const rules: CompiledRule[] = [];
  const filters = new Map<string, CompiledFilter>();
  for (const rule of ladder.rules) {
    if (!isRuleEnabled(ladder, rule)) continue;
    const step = rule.step === undefined ? undefined : findStep(ladder, rule.step);
    const deadline = rule.deadline ?? step?.deadline;
    const t = rule.trigger;
    const threshold: Threshold =
      t.type === "count"
        ? resolveSetting(ladder, t.threshold)
        : t.type === "consecutive_days"
          ? resolveSetting(ladder, t.length)
          : { atLeast: 1 };
    const window: LadderWindow = t.type === "count" ? resolveSetting(ladder, t.window) : { type: "school_year" };
    const measure: CountMeasure = t.type === "count" ? t.measure : "days";
    // One literal with every field, in one order: see CompiledRule.
    const compiled: CompiledRule = {
      type: t.type,
      typeCode: ruleTypeCode[t.type],
      rule,
      keyPrefix: `${rule.id}@`,
      keyWindow: t.type === "count" ? window.type : undefined,
      keyCacheBase: NO_KEY_CACHE,
      keyCache: [],
      stepNumber: step?.number ?? -1,
      step,
      deadline,
      deadlineLabel: deadline ? describeDeadline(deadline) : null,
      holders: rule.holders ?? step?.holders ?? [],
      actions: rule.actions ?? step?.actions ?? [],
      filter: compileFilter(ladder, t.type === "early_sign" ? undefined : t.filter, filters),
      measure,
      bound: measure === "days" ? 0 : measure === "lessons" ? 1 : measure === "lesson_days" ? 2 : 3,
      kind: kindCode[measureKind[measure]],
      window,
      windowType: window.type,
      windowDays: window.type === "rolling_school_days" ? window.days : 0,
      windowOnly: window.type === "term" ? (window.only ?? 0) : 0,
      perSubject: t.type === "count" && t.perSubject === true,
      threshold,
      min: minimumCount(threshold),
      kindMask: t.type === "occurrence" ? maskOf(t.kinds, kindCode) : 0,
      signs: t.type === "early_sign" && t.signs ? new Set(t.signs) : undefined,
    };
    rules.push(compiled);
  }
  const compiled: CompiledLadder = {
    ladder,
    rules,
    needsIllness: rules.some((r) => r.type !== "early_sign" && r.filter.continuousIllnessMinDays > 0),
    perSubject: rules.some((r) => r.perSubject),
    passTable: passTableOf([...filters.values()]),
    signLabels: new Map(ladder.earlySigns.map((s) => [s.id, s.label])),
    stepSummaries: new Map(ladder.steps.map((s) => [s.number, stepSummary(s)])),
    stepList: [],
  };
  const stepList = compiled.stepList as (StepSummary | undefined)[];
  for (const [number, summary] of compiled.stepSummaries) {
    while (stepList.length <= number) stepList.push(undefined);
    stepList[number] = summary;
  }
  compiledCache.set(ladder, compiled);
  lastCompiled = compiled;
  return compiled;
}

function stepSummary(step: LadderStep): StepSummary {
  const summary: StepSummary = {
    number: step.number,
    name: step.name,
    holders: step.holders,
    actions: step.actions,
    source: step.source,
  };
  if (step.evaluateAfter) summary.evaluateAfter = step.evaluateAfter;
  return summary;
}

// Character tests instead of keyed object lookups: this runs for every registration of every pupil.
export function kindCodeOf(kind: AbsenceKind): number {
  switch (kind.charCodeAt(0)) {
    case 100: // d(ay)
      return 0;
    case 110: // n(ot_in_class)
      return 4;
    default: // l(esson) l(ate) l(eft)
      return kind.charCodeAt(1) === 97 ? 2 : kind.charCodeAt(2) === 115 ? 1 : 3;
  }
}

export function reasonCodeOf(reason: AbsenceReason): number {
  switch (reason.charCodeAt(0)) {
    case 105: // i(llness)
      return 0;
    case 108: // l(eave)
      return 1;
    case 116: // t(ravel)
      return 2;
    case 97: // a(ppointment)
      return 3;
    case 111: // o(ther)
      return 4;
    default: // u(nknown)
      return 5;
  }
}
