import type { AbsenceEvent, AbsenceKind, AbsenceReason } from "./absence";
import type { SchoolCalendar } from "./calendar";
import {
  type EpochDay,
  type IsoDate,
  endOfMonth,
  formatIsoDate,
  parseIsoDate,
  startOfIsoWeek,
  startOfMonth,
} from "./dates";
import {
  type AbsenceFilter,
  type CaseHolder,
  type CountMeasure,
  type Ladder,
  type LadderDeadline,
  type LadderPeriod,
  type LadderRule,
  type LadderStep,
  type LadderTrigger,
  type LadderWindow,
  type Threshold,
  findStep,
  isRuleEnabled,
  minimumCount,
  resolveSetting,
} from "./ladder";
import { describeDeadline, describeFacts } from "../i18n/trip-texts";
import { type Kernel, createKernel, createKernelLists } from "./ladder-kernel";
import type { Pupil } from "./roster";

/** A teacher's report of an early sign (tidlig tegn) from the ladder's list. */
export interface EarlySignReport {
  signId: string;
  date: IsoDate;
  note?: string;
}

/** What evaluate() returned last time, stored by the caller. */
export interface PreviousEvaluation {
  /** The step previously reached (also a step set by judgement); evaluate never goes below it. */
  step: number | null;
  /** Trigger keys that already fired; they never fire again. */
  firedKeys: readonly string[] | ReadonlySet<string>;
}

/**
 * Registrations of many pupils as columns (typed arrays), for bulk runs: reading columns costs a fraction of
 * reading AbsenceEvent objects. Codes follow `absenceKinds` and `absenceReasons`. Each registration is there
 * once (the caller has already dropped duplicate ids). Within a day, rows in id order give results identical
 * to evaluate() on the equivalent AbsenceEvents; build columns from events with `columnsFromEvents`.
 */
export interface RegistrationColumns {
  /** Epoch day (days since 1970-01-01) of each registration. */
  readonly day: Int32Array;
  /** Index into absenceKinds: day, lesson, late, left, not_in_class. */
  readonly kind: Uint8Array;
  /** 1 documented, 0 undocumented, -1 not given. */
  readonly documented: Int8Array;
  /** Index into absenceReasons, -1 none. */
  readonly reason: Int8Array;
  /** 1 when agreed (avklart). */
  readonly agreed: Uint8Array;
  /** `documented`, `reason` and `agreed` as one code (filterCodeOf): the row's entry in a ladder's filter table. */
  readonly filterCode: Uint8Array;
  /** Lessons of a lesson registration; 0 when not given (counts as 1, like a missing `lessons`). */
  readonly lessons: Uint8Array;
  /** Index into `subjects`, -1 none. */
  readonly subject: Int32Array | Int16Array | Int8Array;
  readonly subjects: readonly string[];
  /** Index into `episodes` (the episodeId), -1 none. Episodes are told apart by their id string. */
  readonly episode: Int32Array;
  readonly episodes: readonly string[];
}

/** One pupil's rows [from, to) of a column batch; `next` chains more rows of the same pupil in other batches. */
export interface ColumnRows {
  readonly columns: RegistrationColumns;
  readonly from: number;
  readonly to: number;
  readonly next?: ColumnRows;
}

export interface EvaluateInput {
  pupil: Pick<Pupil, "id">;
  /** The pupil's registrations: AbsenceEvents (other pupils' events and repeated ids are left out), or column rows. */
  events: readonly AbsenceEvent[] | ColumnRows;
  ladder: Ladder;
  calendar: SchoolCalendar;
  /** The evaluated day (YYYY-MM-DD in the school's time zone). Later registrations are ignored. */
  asOf: IsoDate;
  previous?: PreviousEvaluation;
  /** When the pupil's case was opened; needed by `since_case_opened` windows. */
  caseOpenedAt?: IsoDate;
  earlySigns?: readonly EarlySignReport[];
}

export interface WindowFacts {
  type: LadderWindow["type"];
  from: IsoDate;
  to: IsoDate;
}

export type ExclusionKind = "continuous_illness" | "agreed" | "reason" | "in_run";

export interface ExclusionFacts {
  kind: ExclusionKind;
  /** Days (or registrations for non-day measures) left out. */
  count: number;
  from: IsoDate;
  to: IsoDate;
  reason?: AbsenceReason;
}

export type TripFacts =
  | {
      type: "count";
      measure: CountMeasure;
      count: number;
      threshold: Threshold;
      window: WindowFacts;
      documented: number;
      undocumented: number;
      subject?: string;
      excluded: readonly ExclusionFacts[];
      dates: IsoDate[];
    }
  | {
      type: "consecutive_days";
      length: number;
      threshold: Threshold;
      from: IsoDate;
      to: IsoDate;
      documented: number;
      undocumented: number;
      excluded: readonly ExclusionFacts[];
    }
  | {
      type: "occurrence";
      date: IsoDate;
      kinds: AbsenceKind[];
      wholeDay: boolean;
      lessons: number;
      subjects: string[];
      undocumented: boolean;
    }
  | { type: "early_sign"; date: IsoDate; signId: string; signLabel: string; note?: string }
  /** A step set by judgement: a conversation concluded it (see judgement.ts), not a count. */
  | { type: "judgement"; date: IsoDate; label: string };

export interface Trip {
  /** Stable id of this trip (rule + window/first date); store it so it never fires twice. */
  key: string;
  ruleId: string;
  /** The criterion in the routine's words. */
  label: string;
  /** Step the rule moves the pupil to; null for a notice. */
  step: number | null;
  stepName: string | null;
  /** The day the criterion was met. */
  date: IsoDate;
  /** Shared with the ladder: do not mutate. */
  holders: readonly CaseHolder[];
  /** Shared with the ladder: do not mutate. */
  actions: readonly string[];
  deadline: IsoDate | null;
  deadlineLabel: string | null;
  overdue: boolean;
  source: string;
  facts: TripFacts;
  /** The facts in plain Norwegian bokmål. */
  text: string;
}

/** A step as the ladder defines it; shared between results, do not mutate. */
export interface StepSummary {
  number: number;
  name: string;
  holders: readonly CaseHolder[];
  actions: readonly string[];
  evaluateAfter?: LadderPeriod;
  source: string;
}

export interface Requirement {
  holders: readonly CaseHolder[];
  /** What must happen now: the new trips' actions, then the new step's actions when the step was raised. */
  actions: string[];
  /** The earliest deadline among the new trips. */
  deadline: IsoDate | null;
  overdue: boolean;
}

export interface SummaryFacts {
  from: IsoDate;
  to: IsoDate;
  days: { total: number; documented: number; undocumented: number };
  lessons: number;
  late: number;
  left: number;
  notInClass: number;
  ignored: { afterAsOf: number; beforeScope: number; notSchoolDay: number; duplicateId: number; otherPupil: number };
}

export interface Evaluation {
  pupilId: string;
  ladderId: string;
  asOf: IsoDate;
  /** max(previous step, highest step tripped now); null when no step is reached. */
  step: number | null;
  previousStep: number | null;
  raised: boolean;
  current: StepSummary | null;
  /** Trips that are new in this evaluation, in date order. */
  trips: Trip[];
  newTriggerKeys: string[];
  required: Requirement | null;
  facts: SummaryFacts;
}

// ---------------------------------------------------------------------------------------------
// Compiled ladder: settings resolved once per ladder object, not per pupil.

const kindCode: Record<AbsenceKind, number> = { day: 0, lesson: 1, late: 2, left: 3, not_in_class: 4 };
const KIND_DAY = 0;
const KIND_LESSON = 1;
const KIND_LATE = 2;
const KIND_LEFT = 3;
const KIND_NOT_IN_CLASS = 4;
const kindNames: readonly AbsenceKind[] = ["day", "lesson", "late", "left", "not_in_class"];
const reasonCode: Record<AbsenceReason, number> = {
  illness: 0,
  leave: 1,
  travel: 2,
  appointment: 3,
  other: 4,
  unknown: 5,
};
const reasonNames: readonly AbsenceReason[] = ["illness", "leave", "travel", "appointment", "other", "unknown"];
const NO_REASON = -1;
const REASON_ILLNESS = 0;

const RULE_COUNT = 0;
const RULE_CONSECUTIVE = 1;
const RULE_OCCURRENCE = 2;
const RULE_EARLY_SIGN = 3;
const ruleTypeCode: Record<LadderTrigger["type"], number> = {
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

interface CompiledFilter {
  /** -1: both, 0: only undocumented, 1: only documented. */
  documented: number;
  reasonMask: number;
  excludeReasonMask: number;
  excludeAgreed: boolean;
  /** 0: continuous illness is counted. */
  continuousIllnessMinDays: number;
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
interface CompiledRule {
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
type CountRule = CompiledRule;
type ConsecutiveRule = CompiledRule;
type OccurrenceRule = CompiledRule;
type EarlySignRule = CompiledRule;

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
  /** The single pass generated for this ladder (ladder-kernel.ts); undefined when a rule does not fit it (singlePassFits). */
  kernel: SinglePassKernel | undefined;
}

type SinglePassKernel = Kernel<ColumnRows, DayContext, Context, RegistrationColumns>;

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
  if (illness === true) continuousIllnessMinDays = 2;
  else if (typeof illness === "object") continuousIllnessMinDays = resolveSetting(ladder, illness.minDays);
  const excludeReasonMask = maskOf(filter?.excludeReasons, reasonCode);
  const excludeAgreed = filter?.excludeAgreed === true;
  return {
    documented: filter?.documented === undefined ? -1 : filter.documented ? 1 : 0,
    reasonMask: maskOf(filter?.reasons, reasonCode),
    excludeReasonMask,
    excludeAgreed,
    continuousIllnessMinDays,
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

const measureKind: Record<CountMeasure, AbsenceKind> = {
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
    kernel: undefined,
  };
  const stepList = compiled.stepList as (StepSummary | undefined)[];
  for (const [number, summary] of compiled.stepSummaries) {
    while (stepList.length <= number) stepList.push(undefined);
    stepList[number] = summary;
  }
  if (singlePassFits(rules)) compiled.kernel = kernelFor(compiled);
  compiledCache.set(ladder, compiled);
  lastCompiled = compiled;
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Scratch tables. evaluate() is synchronous and not re-entrant, so one set of typed arrays is reused
// for every pupil: a national run then allocates almost nothing for pupils that trip nothing.

class Registrations {
  n = 0;
  day = new Int32Array(64);
  /** School-day index: consecutive school days differ by 1. */
  index = new Int32Array(64);
  kind = new Uint8Array(64);
  /** -1 not given, 0 undocumented, 1 documented. */
  documented = new Int8Array(64);
  reason = new Int8Array(64);
  agreed = new Uint8Array(64);
  lessons = new Int32Array(64);
  /** Bits of the ladder's filters whose documentation, reason and agreed tests the row passes (passTableOf). */
  pass = new Int32Array(64);
  /** Days in the continuous-illness episode this day belongs to (0: none), and its first and last day. */
  episodeDays = new Int32Array(64);
  episodeFrom = new Int32Array(64);
  episodeTo = new Int32Array(64);
  /** Union-find scratch for episodes: group of each row, and parent/size/span of each group. */
  group = new Int32Array(64);
  groupParent = new Int32Array(64);
  groupDays = new Int32Array(64);
  groupFrom = new Int32Array(64);
  groupTo = new Int32Array(64);
  event: AbsenceEvent[] = [];
  /** Loaded from columns: subject and episode id per row come from its batch's dictionaries instead of `event`. */
  fromColumns = false;
  /**
   * Loaded row i is row `directFrom + i` of the only batch (nothing left out, already in day order): subject and
   * episode codes are read there, not copied into subjectCode/episodeCode/batchOf.
   */
  direct = false;
  directFrom = 0;
  batches: RegistrationColumns[] = [];
  batchCount = 0;
  batchOf = new Int32Array(64);
  subjectCode = new Int32Array(64);
  episodeCode = new Int32Array(64);
  /** Some day registration is illness or carries an episodeId (else no episode marking is needed). */
  hasIllness = false;
  /** Episodes are marked lazily, by the first rule whose filter looks at continuous illness. */
  episodesReady = false;

  // Upper bounds gathered while loading, so a rule that cannot trip is skipped without a pass (see mayTrip).
  /** Registrations per kind code. */
  kindCount = new Int32Array(5);
  /** Sum of the lesson weights of lesson registrations. */
  lessonWeight = 0;
  /** Distinct days with a whole-day registration (in all, and per term of the school year), and with a lesson registration. */
  dayCount = 0;
  term1Days = 0;
  term2Days = 0;
  lessonDayCount = 0;
  /** Longest run of whole-day absence on consecutive school days. */
  longestRun = 0;
  /** Bit masks of kinds with some documented (=== true) registration, and with some that is not. */
  documentedKinds = 0;
  notDocumentedKinds = 0;
  /** Bit mask of the reasons present. */
  reasons = 0;

  reserve(capacity: number): void {
    if (capacity <= this.day.length) return;
    const size = Math.max(capacity, this.day.length * 2);
    // Contents need not survive: the table is refilled for every pupil.
    this.day = new Int32Array(size);
    this.index = new Int32Array(size);
    this.kind = new Uint8Array(size);
    this.documented = new Int8Array(size);
    this.reason = new Int8Array(size);
    this.agreed = new Uint8Array(size);
    this.lessons = new Int32Array(size);
    this.pass = new Int32Array(size);
    this.episodeDays = new Int32Array(size);
    this.episodeFrom = new Int32Array(size);
    this.episodeTo = new Int32Array(size);
    this.group = new Int32Array(size);
    this.groupParent = new Int32Array(size);
    this.groupDays = new Int32Array(size);
    this.groupFrom = new Int32Array(size);
    this.groupTo = new Int32Array(size);
    this.batchOf = new Int32Array(size);
    this.subjectCode = new Int32Array(size);
    this.episodeCode = new Int32Array(size);
  }
}

/** Countable units for one rule: absence days, or lesson/late/left/not-in-class registrations with a weight. */
class Items {
  n = 0;
  day = new Int32Array(64);
  index = new Int32Array(64);
  weight = new Int32Array(64);
  undocumented = new Uint8Array(64);
  /** Position of the registration in Registrations (for the subject). */
  reg = new Int32Array(64);
  /** Days dropped by maxRunLength, for the facts. */
  dropped = new Int32Array(64);
  droppedCount = 0;

  reserve(capacity: number): void {
    if (capacity <= this.day.length) return;
    const size = Math.max(capacity, this.day.length * 2);
    const day = new Int32Array(size);
    day.set(this.day);
    this.day = day;
    const index = new Int32Array(size);
    index.set(this.index);
    this.index = index;
    const weight = new Int32Array(size);
    weight.set(this.weight);
    this.weight = weight;
    const undocumented = new Uint8Array(size);
    undocumented.set(this.undocumented);
    this.undocumented = undocumented;
    const reg = new Int32Array(size);
    reg.set(this.reg);
    this.reg = reg;
    const dropped = new Int32Array(size);
    dropped.set(this.dropped);
    this.dropped = dropped;
  }

  push(day: EpochDay, index: number, weight: number, undocumented: boolean, reg: number): void {
    if (this.n === this.day.length) this.reserve(this.n + 1);
    const i = this.n++;
    this.day[i] = day;
    this.index[i] = index;
    this.weight[i] = weight;
    this.undocumented[i] = undocumented ? 1 : 0;
    this.reg[i] = reg;
  }
}

const regs = new Registrations();
const items = new Items();
/** What `items` currently holds, so rules that differ only in threshold or window reuse one collection. */
const itemsSource: CountSource & { valid: boolean } = {
  valid: false,
  filter: undefined,
  kind: 0,
  from: 0,
  subject: undefined,
  oncePerDay: false,
};
const picked: AbsenceEvent[] = [];
let pickedCount = 0;
let pickedDay = new Int32Array(64);
let pickedPrint = new Int32Array(64);
let pickedIndex = new Int32Array(64);
let order = new Int32Array(64);

// ---------------------------------------------------------------------------------------------
// Loading registrations.

/** Canonical text of an event, used only to pick the same one of two events sharing an id whatever the input order. */
function canonicalOf(e: AbsenceEvent): string {
  return [
    e.date,
    e.kind,
    e.documented,
    e.lessons,
    e.minutes,
    e.subject,
    e.reason,
    e.episodeId,
    e.agreed,
    e.schoolId,
  ].join("|");
}

/** Drops other pupils' events and duplicated ids (the same one wins whatever the order) into `picked`. */
function pickEvents(events: readonly AbsenceEvent[], pupilId: string, ignored: SummaryFacts["ignored"]): void {
  pickedCount = 0;
  // Small inputs: a quadratic check of integer fingerprints; larger ones: an open-addressing table of them.
  const hashed = events.length > 32;
  if (hashed) clearIdTable(events.length);
  let otherPupil = 0;
  let duplicateId = 0;
  for (let k = 0; k < events.length; k++) {
    const e = events[k] as AbsenceEvent;
    if (e.pupilId !== pupilId) {
      otherPupil++;
      continue;
    }
    let at = -1;
    const id = e.id;
    // A cheap integer fingerprint (length and last character) rules out most ids before comparing strings.
    const print = id.length * 65536 + id.charCodeAt(id.length - 1);
    if (hashed) at = findId(id, print);
    else {
      for (let j = 0; j < pickedCount; j++) {
        if (pickedPrint[j] === print && (picked[j] as AbsenceEvent).id === id) {
          at = j;
          break;
        }
      }
    }
    if (at < 0) {
      if (pickedCount === pickedPrint.length) {
        const grown = new Int32Array(pickedCount * 2);
        grown.set(pickedPrint);
        pickedPrint = grown;
      }
      pickedPrint[pickedCount] = print;
      if (hashed) idTable[idSlot] = pickedCount + 1;
      picked[pickedCount++] = e;
      continue;
    }
    duplicateId++;
    const other = picked[at] as AbsenceEvent;
    if (other !== e && canonicalOf(e) < canonicalOf(other)) picked[at] = e;
  }
  ignored.otherPupil += otherPupil;
  ignored.duplicateId += duplicateId;
}

/** Open-addressing table of picked positions + 1 (0: empty), keyed by id fingerprint; sized for the largest input seen. */
let idTable = new Int32Array(128);
let idMask = 127;
/** The empty slot where findId stopped, for inserting a new id. */
let idSlot = 0;

function clearIdTable(n: number): void {
  let size = idTable.length;
  while (size < n * 2) size *= 2;
  if (size !== idTable.length) idTable = new Int32Array(size);
  else idTable.fill(0);
  idMask = size - 1;
}

/** Position of the picked event with this id, or -1 (and idSlot set to the free slot for it). */
function findId(id: string, print: number): number {
  // An empty id has no last character (print NaN): every empty id shares one chain and compares equal.
  let slot = print === print ? Math.imul(print, 0x9e3779b1) >>> 16 : 0;
  for (;;) {
    slot &= idMask;
    const entry = idTable[slot] as number;
    if (entry === 0) {
      idSlot = slot;
      return -1;
    }
    const j = entry - 1;
    if ((pickedPrint[j] === print || print !== print) && (picked[j] as AbsenceEvent).id === id) return j;
    slot++;
  }
}

/** Marks a day that is not a school day in a DayContext's index table (school indices are never this low). */
const NOT_SCHOOL_DAY = -2147483648;

/**
 * Fills the registration table with the picked events inside [scopeStart, asOf] on school days, sorted by
 * (day, id), and counts the school year's registrations into `summary` on the way (when given).
 */
function loadRegistrations(
  dc: DayContext,
  scopeStart: EpochDay,
  summary: SummaryFacts | undefined,
  passTable: Int32Array,
): void {
  const { calendar, asOfDay, yearStart, indexTable } = dc;
  regs.n = 0;
  regs.reserve(pickedCount);
  if (order.length < pickedCount) {
    order = new Int32Array(pickedCount * 2);
    pickedDay = new Int32Array(pickedCount * 2);
    pickedIndex = new Int32Array(pickedCount * 2);
  }
  let afterAsOf = 0;
  let beforeScope = 0;
  let notSchoolDay = 0;
  let m = 0;
  for (let k = 0; k < pickedCount; k++) {
    const day = parseIsoDate((picked[k] as AbsenceEvent).date);
    if (day > asOfDay) {
      afterAsOf++;
      continue;
    }
    if (day < scopeStart) {
      beforeScope++;
      continue;
    }
    // Registrations on weekends and holidays cannot be school absence; they are not counted.
    // Days of this school year come from the day context's table; earlier ones (an older case) ask the calendar.
    const at = day - yearStart;
    const index =
      at >= 0
        ? (indexTable[at] as number)
        : calendar.isSchoolEpochDay(day)
          ? calendar.schoolIndex(day)
          : NOT_SCHOOL_DAY;
    if (index === NOT_SCHOOL_DAY) {
      notSchoolDay++;
      continue;
    }
    pickedDay[k] = day;
    pickedIndex[k] = index;
    // Insertion sort of positions by (day, id): a handful of registrations per pupil, often already in order.
    let i = m++;
    while (i > 0) {
      const prev = order[i - 1] as number;
      const prevDay = pickedDay[prev] as number;
      if (prevDay < day || (prevDay === day && (picked[prev] as AbsenceEvent).id <= (picked[k] as AbsenceEvent).id))
        break;
      order[i] = prev;
      i--;
    }
    order[i] = k;
  }
  let lastWholeDay = -1;
  let lastUndocumented = false;
  let illnessLike = false;
  for (let i = 0; i < m; i++) {
    const k = order[i] as number;
    const e = picked[k] as AbsenceEvent;
    const day = pickedDay[k] as number;
    const kindName = e.kind;
    if (summary !== undefined && day >= yearStart) {
      switch (kindName) {
        case "day":
          if (day !== lastWholeDay) {
            summary.days.total++;
            lastWholeDay = day;
            lastUndocumented = false;
          }
          // A day is undocumented when any of its registrations is.
          if (e.documented === false && !lastUndocumented) {
            lastUndocumented = true;
            summary.days.undocumented++;
          }
          break;
        case "lesson":
          summary.lessons += e.lessons ?? 1;
          break;
        case "late":
          summary.late++;
          break;
        case "left":
          summary.left++;
          break;
        case "not_in_class":
          summary.notInClass++;
          break;
      }
    }
    const reasonName = e.reason;
    if (kindName === "day" && (reasonName === "illness" || e.episodeId !== undefined)) illnessLike = true;
    const kind = kindCodeOf(kindName);
    const documentedFlag = e.documented;
    const documented = documentedFlag === undefined ? -1 : documentedFlag ? 1 : 0;
    const reason = reasonName === undefined ? NO_REASON : reasonCodeOf(reasonName);
    regs.day[i] = day;
    regs.index[i] = pickedIndex[k] as number;
    regs.kind[i] = kind;
    regs.documented[i] = documented;
    regs.reason[i] = reason;
    const agreed = e.agreed === true ? 1 : 0;
    regs.agreed[i] = agreed;
    regs.pass[i] = passTable[filterCodeOf(documented, reason, agreed)] as number;
    regs.lessons[i] = kindName === "lesson" ? (e.lessons ?? 1) : 1;
    regs.event[i] = e;
  }
  regs.n = m;
  regs.fromColumns = false;
  regs.direct = false;
  regs.hasIllness = illnessLike;
  regs.episodesReady = false;
  if (summary !== undefined) {
    summary.ignored.afterAsOf += afterAsOf;
    summary.ignored.beforeScope += beforeScope;
    summary.ignored.notSchoolDay += notSchoolDay;
    summary.days.documented = summary.days.total - summary.days.undocumented;
  }
}

/**
 * loadRegistrations for column rows: the same filtering, order (by day; rows keep their order within a day),
 * summary and bounds, without reading any object.
 */
function loadColumnRows(
  rows: ColumnRows,
  dc: DayContext,
  scopeStart: EpochDay,
  summary: SummaryFacts | undefined,
  compiled: CompiledLadder,
): void {
  const { asOfDay, yearStart } = dc;
  let total = 0;
  let batches = 0;
  for (let r: ColumnRows | undefined = rows; r !== undefined; r = r.next) {
    total += Math.max(0, r.to - r.from);
    regs.batches[batches++] = r.columns;
  }
  regs.batchCount = batches;
  regs.n = 0;
  regs.reserve(total);
  const {
    day: rDay,
    index: rIndex,
    kind: rKind,
    documented: rDocumented,
    reason: rReason,
    agreed: rAgreed,
    lessons: rLessons,
    pass,
  } = regs;
  const passTable = compiled.passTable;
  // School index of every day in scope (no calls inside the loop below, so array checks can be hoisted). Scope
  // before this school year (an older case) is looked up from the pupil's earliest row on, not from the case.
  let tableFrom = yearStart;
  if (scopeStart < yearStart) {
    let earliest = yearStart;
    for (let r: ColumnRows | undefined = rows; r !== undefined; r = r.next) {
      for (let row = r.from; row < r.to; row++) {
        const day = r.columns.day[row] as number;
        if (day >= scopeStart && day < earliest) earliest = day;
      }
    }
    tableFrom = earliest;
  }
  const table = tableFrom < yearStart ? scopeIndexTable(dc, tableFrom) : dc.indexTable;
  let afterAsOf = 0;
  let beforeScope = 0;
  let notSchoolDay = 0;
  let sorted = true;
  let lastDay = NOT_SCHOOL_DAY;
  let m = 0;
  for (let r: ColumnRows | undefined = rows; r !== undefined; r = r.next) {
    const c = r.columns;
    const { day: days, kind: kinds, documented, reason, agreed, filterCode, lessons } = c;
    for (let row = r.from; row < r.to; row++) {
      const day = days[row] as number;
      if (day > asOfDay) {
        afterAsOf++;
        continue;
      }
      if (day < scopeStart) {
        beforeScope++;
        continue;
      }
      const index = table[day - tableFrom] as number;
      if (index === NOT_SCHOOL_DAY) {
        notSchoolDay++;
        continue;
      }
      if (day < lastDay) sorted = false;
      lastDay = day;
      const kind = kinds[row] as number;
      const given = lessons[row] as number;
      const doc = documented[row] as number;
      const re = reason[row] as number;
      // A lesson registration without a count is one lesson; other kinds weigh 1.
      const weight = kind === KIND_LESSON && given !== 0 ? given : 1;
      rDay[m] = day;
      rIndex[m] = index;
      rKind[m] = kind;
      rDocumented[m] = doc;
      rReason[m] = re;
      const ag = agreed[row] === 1 ? 1 : 0;
      rAgreed[m] = ag;
      pass[m] = passTable[filterCode[row] as number] as number;
      rLessons[m] = weight;
      m++;
    }
  }
  regs.n = m;
  regs.fromColumns = true;
  regs.direct = batches === 1 && sorted && afterAsOf + beforeScope + notSchoolDay === 0;
  regs.directFrom = rows.from;
  if (!regs.direct) copyCodes(rows, asOfDay, scopeStart, table, tableFrom);
  if (!sorted) sortRowsByDay();
  // Whether a column row is illness is left to markIllnessEpisodes, which finds none just as fast.
  regs.hasIllness = true;
  regs.episodesReady = false;
  if (summary !== undefined) {
    summarizeRows(summary, yearStart);
    summary.ignored.afterAsOf += afterAsOf;
    summary.ignored.beforeScope += beforeScope;
    summary.ignored.notSchoolDay += notSchoolDay;
  }
}

/** Subject and episode codes and batch numbers of the rows loadColumnRows kept, in load order (before any sort). */
function copyCodes(
  rows: ColumnRows,
  asOfDay: EpochDay,
  scopeStart: EpochDay,
  table: Int32Array,
  tableFrom: EpochDay,
): void {
  const { batchOf, subjectCode, episodeCode } = regs;
  let m = 0;
  let b = 0;
  for (let r: ColumnRows | undefined = rows; r !== undefined; r = r.next, b++) {
    const { day: days, subject, episode } = r.columns;
    for (let row = r.from; row < r.to; row++) {
      const day = days[row] as number;
      if (day > asOfDay || day < scopeStart || table[day - tableFrom] === NOT_SCHOOL_DAY) continue;
      batchOf[m] = b;
      subjectCode[m] = subject[row] as number;
      episodeCode[m] = episode[row] as number;
      m++;
    }
  }
}

let lastScopeTable: { dc: DayContext; from: EpochDay; table: Int32Array } | undefined;

/** School indices from `from` (before the school year: a case opened earlier) to asOf, NOT_SCHOOL_DAY on closed days. */
function scopeIndexTable(dc: DayContext, from: EpochDay): Int32Array {
  if (lastScopeTable?.dc === dc && lastScopeTable.from === from) return lastScopeTable.table;
  const table = new Int32Array(dc.asOfDay - from + 1);
  for (let at = 0; at < table.length; at++) {
    const day = from + at;
    table[at] =
      day >= dc.yearStart
        ? (dc.indexTable[day - dc.yearStart] as number)
        : dc.calendar.isSchoolEpochDay(day)
          ? dc.calendar.schoolIndex(day)
          : NOT_SCHOOL_DAY;
  }
  lastScopeTable = { dc, from, table };
  return table;
}

/** Stable insertion sort of the loaded column rows by day (rows of a pupil usually come in day order already). */
function sortRowsByDay(): void {
  const { day, index, kind, documented, reason, agreed, lessons, pass, batchOf, subjectCode, episodeCode } = regs;
  for (let i = 1; i < regs.n; i++) {
    const d = day[i] as number;
    if ((day[i - 1] as number) <= d) continue;
    const x = index[i] as number;
    const k = kind[i] as number;
    const doc = documented[i] as number;
    const re = reason[i] as number;
    const ag = agreed[i] as number;
    const le = lessons[i] as number;
    const pa = pass[i] as number;
    const ba = batchOf[i] as number;
    const su = subjectCode[i] as number;
    const ep = episodeCode[i] as number;
    let j = i;
    while (j > 0 && (day[j - 1] as number) > d) {
      day[j] = day[j - 1] as number;
      index[j] = index[j - 1] as number;
      kind[j] = kind[j - 1] as number;
      documented[j] = documented[j - 1] as number;
      reason[j] = reason[j - 1] as number;
      agreed[j] = agreed[j - 1] as number;
      lessons[j] = lessons[j - 1] as number;
      pass[j] = pass[j - 1] as number;
      batchOf[j] = batchOf[j - 1] as number;
      subjectCode[j] = subjectCode[j - 1] as number;
      episodeCode[j] = episodeCode[j - 1] as number;
      j--;
    }
    day[j] = d;
    index[j] = x;
    kind[j] = k;
    documented[j] = doc;
    reason[j] = re;
    agreed[j] = ag;
    lessons[j] = le;
    pass[j] = pa;
    batchOf[j] = ba;
    subjectCode[j] = su;
    episodeCode[j] = ep;
  }
}

/**
 * Upper bounds for mayTrip, from the loaded rows (in day order): registrations per kind, distinct days of
 * whole-day absence (in all, per term of this school year, and the longest run on consecutive school days),
 * lesson weight and lesson days, and which kinds and reasons occur with or without documentation.
 */
function boundsFromRows(dc: DayContext): void {
  const { day, index, kind, documented, reason, lessons, kindCount } = regs;
  const { yearStart, term2Start } = dc;
  kindCount[0] = 0;
  kindCount[1] = 0;
  kindCount[2] = 0;
  kindCount[3] = 0;
  kindCount[4] = 0;
  let lessonWeight = 0;
  let dayCount = 0;
  let term1Days = 0;
  let term2Days = 0;
  let run = 0;
  let longestRun = 0;
  let lastRunIndex = NOT_SCHOOL_DAY;
  let lessonDayCount = 0;
  let lastDayRow = NOT_SCHOOL_DAY;
  let lastLessonRow = NOT_SCHOOL_DAY;
  let documentedKinds = 0;
  let notDocumentedKinds = 0;
  let reasons = 0;
  for (let i = 0; i < regs.n; i++) {
    const k = kind[i] as number;
    const d = day[i] as number;
    kindCount[k] = (kindCount[k] as number) + 1;
    if (k === KIND_DAY) {
      if (d !== lastDayRow) {
        dayCount++;
        if (d >= term2Start) term2Days++;
        else if (d >= yearStart) term1Days++;
        const x = index[i] as number;
        run = x === lastRunIndex + 1 ? run + 1 : 1;
        if (run > longestRun) longestRun = run;
        lastRunIndex = x;
        lastDayRow = d;
      }
    } else if (k === KIND_LESSON) {
      const weight = lessons[i] as number;
      if (weight > 0) lessonWeight += weight;
      if (d !== lastLessonRow) lessonDayCount++;
      lastLessonRow = d;
    }
    // documented is -1, 0 or 1: (documented + 1) >> 1 is 1 only for documented.
    const isDocumented = ((documented[i] as number) + 1) >> 1;
    documentedKinds |= isDocumented << k;
    notDocumentedKinds |= (isDocumented ^ 1) << k;
    // NO_REASON (-1) sets bit 31, which no reason mask has.
    reasons |= 1 << (reason[i] as number);
  }
  regs.lessonWeight = lessonWeight;
  regs.dayCount = dayCount;
  regs.term1Days = term1Days;
  regs.term2Days = term2Days;
  regs.longestRun = longestRun;
  regs.lessonDayCount = lessonDayCount;
  regs.documentedKinds = documentedKinds;
  regs.notDocumentedKinds = notDocumentedKinds;
  regs.reasons = reasons;
}

/** The school year's registrations counted into the summary facts, from the loaded column rows. */
function summarizeRows(summary: SummaryFacts, yearStart: EpochDay): void {
  const { day, kind, documented, lessons } = regs;
  let lastWholeDay = -1;
  let lastUndocumented = false;
  for (let i = 0; i < regs.n; i++) {
    const d = day[i] as number;
    if (d < yearStart) continue;
    switch (kind[i]) {
      case KIND_DAY:
        if (d !== lastWholeDay) {
          summary.days.total++;
          lastWholeDay = d;
          lastUndocumented = false;
        }
        // A day is undocumented when any of its registrations is.
        if (documented[i] === 0 && !lastUndocumented) {
          lastUndocumented = true;
          summary.days.undocumented++;
        }
        break;
      case KIND_LESSON:
        summary.lessons += lessons[i] as number;
        break;
      case KIND_LATE:
        summary.late++;
        break;
      case KIND_LEFT:
        summary.left++;
        break;
      case KIND_NOT_IN_CLASS:
        summary.notInClass++;
        break;
    }
  }
  summary.days.documented = summary.days.total - summary.days.undocumented;
}

/**
 * Column batch of AbsenceEvents, in the given order (ids are dropped: leave out repeated ids first). Used to
 * turn a day's new registrations into a batch that evaluates together with the columns already held.
 */
export function columnsFromEvents(events: readonly AbsenceEvent[]): RegistrationColumns {
  const n = events.length;
  const columns = {
    day: new Int32Array(n),
    kind: new Uint8Array(n),
    documented: new Int8Array(n),
    reason: new Int8Array(n),
    agreed: new Uint8Array(n),
    filterCode: new Uint8Array(n),
    lessons: new Uint8Array(n),
    subject: new Int32Array(n),
    subjects: [] as string[],
    episode: new Int32Array(n),
    episodes: [] as string[],
  };
  const subjectCodes = new Map<string, number>();
  const episodeCodes = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const e = events[i] as AbsenceEvent;
    const kind = e.kind;
    columns.day[i] = parseIsoDate(e.date);
    columns.kind[i] = kindCodeOf(kind);
    columns.documented[i] = e.documented === undefined ? -1 : e.documented ? 1 : 0;
    columns.reason[i] = e.reason === undefined ? NO_REASON : reasonCodeOf(e.reason);
    columns.agreed[i] = e.agreed === true ? 1 : 0;
    columns.filterCode[i] = filterCodeOf(
      columns.documented[i] as number,
      columns.reason[i] as number,
      columns.agreed[i] as number,
    );
    columns.lessons[i] = kind === "lesson" ? (e.lessons ?? 0) : 0;
    columns.subject[i] = codeOf(e.subject, subjectCodes, columns.subjects);
    columns.episode[i] = kind === "day" ? codeOf(e.episodeId, episodeCodes, columns.episodes) : -1;
  }
  return columns;
}

function codeOf(value: string | undefined, codes: Map<string, number>, names: string[]): number {
  if (value === undefined) return -1;
  let code = codes.get(value);
  if (code === undefined) {
    code = names.length;
    codes.set(value, code);
    names.push(value);
  }
  return code;
}

// Character tests instead of keyed object lookups: this runs for every registration of every pupil.
function kindCodeOf(kind: AbsenceKind): number {
  switch (kind.charCodeAt(0)) {
    case 100: // d(ay)
      return 0;
    case 110: // n(ot_in_class)
      return 4;
    default: // l(esson) l(ate) l(eft)
      return kind.charCodeAt(1) === 97 ? 2 : kind.charCodeAt(2) === 115 ? 1 : 3;
  }
}

function reasonCodeOf(reason: AbsenceReason): number {
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

/** The column batch row i was loaded from. */
function batchAt(i: number): RegistrationColumns {
  return regs.batches[regs.direct ? 0 : (regs.batchOf[i] as number)] as RegistrationColumns;
}

/** Subject and episode codes of loaded column row i, from the batch itself when the rows were loaded as they are. */
function subjectCodeAt(i: number): number {
  return regs.direct
    ? ((regs.batches[0] as RegistrationColumns).subject[regs.directFrom + i] as number)
    : (regs.subjectCode[i] as number);
}

function episodeCodeAt(i: number): number {
  return regs.direct
    ? ((regs.batches[0] as RegistrationColumns).episode[regs.directFrom + i] as number)
    : (regs.episodeCode[i] as number);
}

/** The registration's subject and episode id, from the event or from the columns it was loaded from. */
function subjectAt(i: number): string | undefined {
  if (!regs.fromColumns) return (regs.event[i] as AbsenceEvent).subject;
  const code = subjectCodeAt(i);
  return code < 0 ? undefined : batchAt(i).subjects[code];
}

function episodeAt(i: number): string | undefined {
  if (!regs.fromColumns) return (regs.event[i] as AbsenceEvent).episodeId;
  const code = episodeCodeAt(i);
  return code < 0 ? undefined : batchAt(i).episodes[code];
}

/** A whole day of illness: reason illness, or an episodeId without a reason (markIllnessEpisodes tests the same inline). */
function isIllnessDay(i: number): boolean {
  if (regs.kind[i] !== KIND_DAY) return false;
  const reason = regs.reason[i];
  return reason === REASON_ILLNESS || (reason === NO_REASON && episodeAt(i) !== undefined);
}

const episodeKeys: string[] = [];
let episodeGroup = new Int32Array(16);

/**
 * Continuous illness, built one illness day row at a time in day order, in regs' group tables: illness days
 * on consecutive school days form a group, and groups sharing an episodeId are joined (union-find).
 * markIllnessEpisodes and the single pass (ladder-kernel.ts) both build it with these steps.
 */
const illnessGroups = { groups: 0, episodes: 0, merged: false, lastIndex: Number.NaN, lastGroup: -1 };

function startIllnessGroups(): void {
  illnessGroups.groups = 0;
  illnessGroups.episodes = 0;
  illnessGroups.merged = false;
  illnessGroups.lastIndex = Number.NaN;
  illnessGroups.lastGroup = -1;
}

function rootOf(parent: Int32Array, g: number): number {
  while (parent[g] !== g) g = parent[g] as number;
  return g;
}

/** Adds an illness day row (its school index, day and episodeId, if any) and returns its group. */
function addIllnessDay(index: number, day: EpochDay, episodeId: string | undefined): number {
  const t = illnessGroups;
  const { groupParent: parent, groupDays, groupFrom, groupTo } = regs;
  let g: number;
  if (index === t.lastIndex || index === t.lastIndex + 1) g = t.lastGroup;
  else {
    g = t.groups++;
    parent[g] = g;
    groupDays[g] = 0;
    groupFrom[g] = day;
    groupTo[g] = -1;
  }
  // Rows come in day order, so a day after the group's current end is a new day of it.
  if (day > (groupTo[g] as number)) {
    groupDays[g] = (groupDays[g] as number) + 1;
    groupTo[g] = day;
  }
  if (episodeId !== undefined) {
    const episodes = t.episodes;
    let e = 0;
    // SameValueZero, as a Map key would compare.
    while (
      e < episodes &&
      episodeKeys[e] !== episodeId &&
      !(episodeKeys[e] !== episodeKeys[e] && episodeId !== episodeId)
    )
      e++;
    if (e === episodes) {
      episodeKeys[episodes] = episodeId;
      if (episodes === episodeGroup.length) {
        const grown = new Int32Array(episodes * 2);
        grown.set(episodeGroup);
        episodeGroup = grown;
      }
      episodeGroup[episodes] = g;
      t.episodes = episodes + 1;
    } else {
      const a = rootOf(parent, g);
      const b = rootOf(parent, episodeGroup[e] as number);
      if (a !== b) {
        parent[a] = b;
        t.merged = true;
      }
    }
  }
  t.lastIndex = index;
  t.lastGroup = g;
  return g;
}

/** After the last row (`group`: each row's group or -1): when episodes joined groups, their days and span are counted again at the root. */
function finishIllnessGroups(n: number, group: Int32Array, days: Int32Array): void {
  if (!illnessGroups.merged) return;
  const { groupParent: parent, groupDays, groupFrom, groupTo } = regs;
  for (let g = 0; g < illnessGroups.groups; g++) {
    groupDays[g] = 0;
    groupTo[g] = -1;
  }
  for (let i = 0; i < n; i++) {
    const first = group[i] as number;
    if (first < 0) continue;
    const root = rootOf(parent, first);
    const day = days[i] as number;
    if (day > (groupTo[root] as number)) {
      groupDays[root] = (groupDays[root] as number) + 1;
      groupTo[root] = day;
    }
    if (day < (groupFrom[root] as number)) groupFrom[root] = day;
  }
}

/**
 * Marks continuous illness on the loaded rows (as the single pass does while loading): each illness day row's
 * episode days, first and last day.
 */
function markIllnessEpisodes(): void {
  const n = regs.n;
  const {
    group,
    groupParent: parent,
    groupDays,
    groupFrom,
    groupTo,
    episodeDays,
    episodeFrom,
    episodeTo,
    day: days,
    index: indices,
    kind,
    reason,
  } = regs;
  startIllnessGroups();
  // Rows loaded as they are: their episode codes and dictionary are the one batch's, looked up once here.
  const direct = regs.direct;
  const batch = regs.batches[0] as RegistrationColumns;
  const directFrom = regs.directFrom;
  for (let i = 0; i < n; i++) {
    episodeDays[i] = 0;
    group[i] = -1;
    if (kind[i] !== KIND_DAY) continue;
    const re = reason[i] as number;
    if (re !== REASON_ILLNESS && re !== NO_REASON) continue;
    let episodeId: string | undefined;
    if (direct) {
      const code = batch.episode[directFrom + i] as number;
      episodeId = code < 0 ? undefined : batch.episodes[code];
    } else episodeId = episodeAt(i);
    // An episodeId marks one continuous illness; a reason other than illness overrides it.
    if (re === NO_REASON && episodeId === undefined) continue;
    group[i] = addIllnessDay(indices[i] as number, days[i] as number, episodeId);
  }
  if (illnessGroups.groups === 0) return;
  finishIllnessGroups(n, group, days);
  for (let i = 0; i < n; i++) {
    const first = group[i] as number;
    if (first < 0) continue;
    const root = rootOf(parent, first);
    episodeDays[i] = groupDays[root] as number;
    episodeFrom[i] = groupFrom[root] as number;
    episodeTo[i] = groupTo[root] as number;
  }
}

// ---------------------------------------------------------------------------------------------
// Filtering.

const COUNTED = 0;
const SKIP = 1;
const EXCLUDED_REASON = 2;
const EXCLUDED_AGREED = 3;
const EXCLUDED_ILLNESS = 4;

/** COUNTED, SKIP (not what the rule looks at) or one of the reported EXCLUDED_* codes. */
function classify(i: number, f: CompiledFilter): number {
  if (f.documented >= 0 && (regs.documented[i] === 1 ? 1 : 0) !== f.documented) return SKIP;
  const reason = regs.reason[i] as number;
  if (f.reasonMask !== 0 && (reason === NO_REASON || (f.reasonMask & (1 << reason)) === 0)) return SKIP;
  if (f.subjects) {
    const subject = subjectAt(i);
    if (subject === undefined || !f.subjects.has(subject)) return SKIP;
  }
  if (f.excludeReasonMask !== 0 && reason !== NO_REASON && (f.excludeReasonMask & (1 << reason)) !== 0)
    return EXCLUDED_REASON;
  if (f.excludeAgreed && regs.agreed[i] === 1) return EXCLUDED_AGREED;
  if (f.continuousIllnessMinDays > 0 && (regs.episodeDays[i] as number) >= f.continuousIllnessMinDays)
    return EXCLUDED_ILLNESS;
  return COUNTED;
}

/** classify(i, f) === COUNTED, from the row's pass bits (and the subject and illness tests the bits leave out). */
function counts(i: number, f: CompiledFilter): boolean {
  if (((regs.pass[i] as number) & f.bit) === 0) return f.bit === 0 && classify(i, f) === COUNTED;
  if (f.subjects) {
    const subject = subjectAt(i);
    if (subject === undefined || !f.subjects.has(subject)) return false;
  }
  return f.continuousIllnessMinDays === 0 || (regs.episodeDays[i] as number) < f.continuousIllnessMinDays;
}

/** Absence days passing the filter into `items`: one per school day (any passing registration counts the day); the single pass counts in its own loops (ladder-kernel.ts). */
function collectDays(f: CompiledFilter, from: EpochDay): void {
  const n = regs.n;
  items.reserve(n);
  const { kind, day, index, documented } = regs;
  const { day: itemDay, index: itemIndex, weight: itemWeight, undocumented: itemUndocumented, reg: itemReg } = items;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (kind[i] !== KIND_DAY) continue;
    const d = day[i] as number;
    if (d < from || !counts(i, f)) continue;
    const undocumented = documented[i] === 0;
    if (m > 0 && itemDay[m - 1] === d) {
      if (undocumented) itemUndocumented[m - 1] = 1;
      continue;
    }
    itemDay[m] = d;
    itemIndex[m] = index[i] as number;
    itemWeight[m] = 1;
    itemUndocumented[m] = undocumented ? 1 : 0;
    itemReg[m] = i;
    m++;
  }
  items.n = m;
  items.droppedCount = 0;
  if (f.maxRunLength > 0) limitRunLength(f.maxRunLength);
}

/** Keeps only days in runs of at most maxRun consecutive school days; the others go to `dropped`. */
function limitRunLength(maxRun: number): void {
  let write = 0;
  let start = 0;
  for (let i = 1; i <= items.n; i++) {
    if (i < items.n && items.index[i] === (items.index[i - 1] as number) + 1) continue;
    const keep = i - start <= maxRun;
    for (let k = start; k < i; k++) {
      if (!keep) {
        items.dropped[items.droppedCount++] = items.day[k] as number;
        continue;
      }
      items.day[write] = items.day[k] as number;
      items.index[write] = items.index[k] as number;
      items.weight[write] = items.weight[k] as number;
      items.undocumented[write] = items.undocumented[k] as number;
      items.reg[write] = items.reg[k] as number;
      write++;
    }
    start = i;
  }
  items.n = write;
}

/** Registrations of one kind passing the filter into `items`; `subject` limits to one subject; `oncePerDay` counts occasions. */
function collectEvents(
  kind: number,
  f: CompiledFilter,
  from: EpochDay,
  subject: string | undefined,
  oncePerDay: boolean,
): void {
  items.n = 0;
  items.droppedCount = 0;
  for (let i = 0; i < regs.n; i++) {
    if (regs.kind[i] !== kind || (regs.day[i] as number) < from) continue;
    if (subject !== undefined && subjectOf(i) !== subject) continue;
    if (!counts(i, f)) continue;
    const undocumented = regs.documented[i] === 0;
    const last = items.n - 1;
    if (oncePerDay && last >= 0 && items.day[last] === regs.day[i]) {
      if (undocumented) items.undocumented[last] = 1;
      continue;
    }
    items.push(
      regs.day[i] as number,
      regs.index[i] as number,
      oncePerDay ? 1 : (regs.lessons[i] as number),
      undocumented,
      i,
    );
  }
}

function subjectOf(i: number): string {
  return subjectAt(i) ?? "ukjent fag";
}

const noExclusions: readonly ExclusionFacts[] = Object.freeze([]);

/** Exclusions between two days, for the facts of a trip (computed only when something trips). */
function exclusionsBetween(kind: number, f: CompiledFilter, from: EpochDay, to: EpochDay): readonly ExclusionFacts[] {
  if (!f.excludes && items.droppedCount === 0) return noExclusions;
  const result: ExclusionFacts[] = [];
  // Each continuous illness is its own line (told apart by its first day); other exclusions group by kind and reason.
  const episodes: number[] = [];
  const add = (exclusion: ExclusionKind, day: EpochDay, episode: number, reason?: AbsenceReason): void => {
    const iso = formatIsoDate(day);
    for (let g = 0; g < result.length; g++) {
      const x = result[g] as ExclusionFacts;
      if (x.kind !== exclusion || x.reason !== reason || episodes[g] !== episode) continue;
      // Rows come in day order: a later day extends the group; the same day again counts only for registrations.
      if (iso !== x.to || kind !== KIND_DAY) x.count++;
      x.to = iso;
      return;
    }
    const fact: ExclusionFacts = { kind: exclusion, count: 1, from: iso, to: iso };
    if (reason !== undefined) fact.reason = reason;
    result.push(fact);
    episodes.push(episode);
  };
  for (let i = 0; i < regs.n; i++) {
    const day = regs.day[i] as number;
    if (regs.kind[i] !== kind || day < from || day > to) continue;
    const code = classify(i, f);
    if (code === COUNTED || code === SKIP) continue;
    // A day counted through one registration is not also reported as excluded through another.
    if (kind === KIND_DAY && isCountedDay(day, f)) continue;
    if (code === EXCLUDED_ILLNESS) add("continuous_illness", day, regs.episodeFrom[i] as number);
    else if (code === EXCLUDED_AGREED) add("agreed", day, -1);
    else add("reason", day, -1, reasonNames[regs.reason[i] as number]);
  }
  for (let k = 0; k < items.droppedCount; k++) {
    const day = items.dropped[k] as number;
    if (day >= from && day <= to) add("in_run", day, -1);
  }
  return result;
}

/** True when some day registration on that day passes the filter. */
function isCountedDay(day: EpochDay, f: CompiledFilter): boolean {
  for (let i = 0; i < regs.n; i++) if (regs.day[i] === day && regs.kind[i] === KIND_DAY && counts(i, f)) return true;
  return false;
}

/**
 * False when the rule provably cannot trip on the loaded registrations, so it is skipped without a pass:
 * a count or run never exceeds the registrations (or their positive lesson weights) there are, and an
 * occurrence needs a registration of its kinds, documentation and reasons. Skipping changes no result.
 */
function mayTrip(rule: CompiledRule): boolean {
  switch (rule.typeCode) {
    case RULE_COUNT: {
      const b = rule.bound;
      let bound: number;
      if (b === 0) {
        // Days counted in a term window lie in that term of this school year.
        if (rule.windowType !== "term") bound = regs.dayCount;
        else if (rule.windowOnly === 1) bound = regs.term1Days;
        else if (rule.windowOnly === 2) bound = regs.term2Days;
        else bound = Math.max(regs.term1Days, regs.term2Days);
      } else
        bound = b === 1 ? regs.lessonWeight : b === 2 ? regs.lessonDayCount : (regs.kindCount[rule.kind] as number);
      return bound >= rule.min && (!rule.perSubject || someSubjectMayTrip(rule));
    }
    case RULE_CONSECUTIVE:
      return regs.longestRun >= rule.min;
    case RULE_OCCURRENCE: {
      const f = rule.filter;
      const kinds =
        f.documented === 1
          ? regs.documentedKinds
          : f.documented === 0
            ? regs.notDocumentedKinds
            : regs.documentedKinds | regs.notDocumentedKinds;
      if ((kinds & rule.kindMask) === 0) return false;
      return f.reasonMask === 0 || (f.reasonMask & regs.reasons) !== 0;
    }
    default:
      return true;
  }
}

/** Subject dictionaries whose names are distinct strings other than "ukjent fag", so that codes tell subjects apart. */
const distinctSubjects = new WeakMap<readonly string[], boolean>();

let lastSubjects: { subjects: readonly string[]; distinct: boolean } = { subjects: [], distinct: true };

function subjectsDistinct(subjects: readonly string[]): boolean {
  // A bulk run reads one batch: skip even the WeakMap lookup.
  if (lastSubjects.subjects === subjects) return lastSubjects.distinct;
  let known = distinctSubjects.get(subjects);
  if (known === undefined) {
    const names = new Set<string | undefined>(subjects);
    known = names.size === subjects.length && !names.has("ukjent fag") && !names.has(undefined);
    distinctSubjects.set(subjects, known);
  }
  lastSubjects = { subjects, distinct: known };
  return known;
}

let subjectCounts = new Int32Array(16);

/**
 * False when no subject's bound in evaluateCount (its registrations, or their positive lesson weights) reaches
 * the minimum, so evaluateCount would count no subject. Counted by subject code, when codes tell subjects apart.
 */
function someSubjectMayTrip(rule: CountRule): boolean {
  if (!regs.fromColumns || regs.batchCount !== 1) return true;
  const subjects = (regs.batches[0] as RegistrationColumns).subjects;
  if (!subjectsDistinct(subjects)) return true;
  // Slot 0 is "ukjent fag": no subject, or a code outside the dictionary.
  const size = subjects.length + 1;
  if (subjectCounts.length < size) subjectCounts = new Int32Array(size * 2);
  const counts = subjectCounts;
  counts.fill(0, 0, size);
  const { kind, lessons } = regs;
  const byLessons = rule.measure === "lessons";
  for (let i = 0; i < regs.n; i++) {
    if (kind[i] !== rule.kind) continue;
    const weight = byLessons ? (lessons[i] as number) : 1;
    if (weight <= 0) continue;
    const at = subjectSlotOf(subjectCodeAt(i), subjects.length);
    const count = (counts[at] as number) + weight;
    if (count >= rule.min) return true;
    counts[at] = count;
  }
  return false;
}

/** Marks continuous illness the first time a rule's filter needs it (most pupils never get that far). */
function ensureEpisodes(): void {
  if (regs.episodesReady) return;
  if (regs.hasIllness) markIllnessEpisodes();
  else regs.episodeDays.fill(0, 0, regs.n);
  regs.episodesReady = true;
}

// ---------------------------------------------------------------------------------------------
// Evaluation context and trip output.

interface Context {
  calendar: SchoolCalendar;
  asOf: IsoDate;
  asOfDay: EpochDay;
  /** Index of the last school day on or before asOf. */
  asOfIndex: number;
  yearStart: EpochDay;
  caseStart: EpochDay | undefined;
  fired: ReadonlySet<string> | readonly string[] | undefined;
  /** A Set of a long `fired` list, built on first use. */
  firedSet: Set<string> | undefined;
  /** Lookups in `fired` so far: a long list is indexed only for a second lookup. */
  firedLookups: number;
  trips: Trip[];
  /**
   * Lean mode (evaluateStep): trips are recorded as key, day and step only (see `stubs`), and no facts or
   * text are built. Keys, trip days and steps are computed by the same code in both modes.
   */
  lean: boolean;
}

/** Trips found in lean mode: key, trip day and step (-1 for a notice), in discovery order. */
const stubs = {
  n: 0,
  day: new Int32Array(32),
  step: new Int32Array(32),
  key: [] as string[],
};

function addStub(key: string, day: EpochDay, rule: CompiledRule): void {
  const i = stubs.n++;
  if (i === stubs.day.length) {
    const day2 = new Int32Array(i * 2);
    day2.set(stubs.day);
    stubs.day = day2;
    const step2 = new Int32Array(i * 2);
    step2.set(stubs.step);
    stubs.step = step2;
  }
  stubs.day[i] = day;
  stubs.step[i] = rule.stepNumber;
  stubs.key[i] = key;
}

/** True when the key is among the caller's fired keys (keys are unique per evaluation by construction). */
function alreadyFired(ctx: Context, key: string): boolean {
  const fired = ctx.fired;
  if (fired === undefined) return false;
  if (!Array.isArray(fired)) return (fired as ReadonlySet<string>).has(key);
  const list = fired as readonly string[];
  // Long lists (a pupil with many fired keys) are indexed once per evaluation, when a second key is looked up.
  if (list.length > 12 && ctx.firedLookups++ > 0) {
    ctx.firedSet ??= new Set(list);
    return ctx.firedSet.has(key);
  }
  for (let i = 0; i < list.length; i++) if (list[i] === key) return true;
  return false;
}

const KEY_CACHE_SPAN = 1024;
// A small integer (V8's 31-bit range), not NaN: the base stays an integer field, and `day - base` integer arithmetic.
const NO_KEY_CACHE = -(2 ** 30);

/**
 * The string as the engine's string table holds it (as a property name is): two such keys compare by identity,
 * so a fired-keys check need not compare their characters, and the key is one flat string, not a concatenation.
 */
function internalized(text: string): string {
  for (const name in { [text]: 0 }) return name;
  return text;
}

/**
 * The rule's trigger key for a window starting on `day` (count rules) or for a date (the other rules):
 * "ruleId@" + windowKey, with "@subject" for per-subject counts. Keys without a subject are cached per rule.
 */
function triggerKey(rule: CompiledRule, day: EpochDay, subject: string | undefined): string {
  if (subject !== undefined) return `${rule.keyPrefix}${windowKey(rule.keyWindow, day)}@${subject}`;
  if (rule.keyCacheBase === NO_KEY_CACHE) rule.keyCacheBase = day - KEY_CACHE_SPAN / 2;
  const at = day - rule.keyCacheBase;
  if (at < 0 || at >= KEY_CACHE_SPAN) return rule.keyPrefix + windowKey(rule.keyWindow, day);
  let key = rule.keyCache[at];
  if (key === undefined) {
    key = internalized(rule.keyPrefix + windowKey(rule.keyWindow, day));
    while (rule.keyCache.length < at) rule.keyCache.push(undefined);
    rule.keyCache[at] = key;
  }
  return key;
}

type WindowSpan = { type: LadderWindow["type"]; from: EpochDay; to: EpochDay };

function emitTrip(
  ctx: Context,
  rule: CompiledRule,
  key: string,
  day: EpochDay,
  facts: TripFacts,
  span?: WindowSpan,
): void {
  const deadline = rule.deadline ? deadlineDay(rule.deadline, day, ctx.calendar) : undefined;
  ctx.trips.push({
    key,
    ruleId: rule.rule.id,
    label: rule.rule.label,
    step: rule.step?.number ?? null,
    stepName: rule.step?.name ?? null,
    date: formatIsoDate(day),
    holders: rule.holders,
    actions: rule.actions,
    deadline: deadline === undefined ? null : formatIsoDate(deadline),
    deadlineLabel: rule.deadlineLabel,
    overdue: deadline !== undefined && deadline < ctx.asOfDay,
    source: rule.rule.source,
    facts,
    text: describeFacts(facts, day, ctx.calendar, ctx.asOfDay, span),
  });
}

/** Lean counterpart of emitCount: the same key and trip day, no facts. `keyDay` is the window's first day (or the stretch's). */
function stubCount(
  ctx: Context,
  rule: CountRule,
  keyDay: EpochDay,
  tripDay: EpochDay,
  subject: string | undefined,
): void {
  const key = triggerKey(rule, keyDay, subject);
  if (alreadyFired(ctx, key)) return;
  addStub(key, tripDay, rule);
}

function emitCount(
  ctx: Context,
  rule: CountRule,
  keyDay: EpochDay,
  tripDay: EpochDay,
  span: WindowSpan,
  subject: string | undefined,
): void {
  const key = triggerKey(rule, keyDay, subject);
  if (alreadyFired(ctx, key)) return;
  let count = 0;
  let undocumented = 0;
  const dates: IsoDate[] = [];
  let lastDay = Number.NaN;
  for (let k = 0; k < items.n; k++) {
    const day = items.day[k] as number;
    if (day < span.from || day > span.to) continue;
    // Rolling windows are bounded by school-day index, the others by date; both agree on school days.
    const weight = items.weight[k] as number;
    count += weight;
    if (items.undocumented[k] === 1) undocumented += weight;
    if (day !== lastDay) dates.push(formatIsoDate(day));
    lastDay = day;
  }
  const facts: TripFacts = {
    type: "count",
    measure: rule.measure,
    count,
    threshold: rule.threshold,
    window: { type: span.type, from: formatIsoDate(span.from), to: formatIsoDate(span.to) },
    documented: count - undocumented,
    undocumented,
    excluded: exclusionsBetween(rule.kind, rule.filter, span.from, span.to),
    dates,
  };
  if (subject !== undefined) facts.subject = subject;
  emitTrip(ctx, rule, key, tripDay, facts, span);
}

// ---------------------------------------------------------------------------------------------
// Windows.

/** Fixed windows (week, month, term, year, case): the trip is the item at which the running sum reaches `min`. */
function evaluateFixedWindows(ctx: Context, rule: CountRule, subject: string | undefined): void {
  const type = rule.windowType;
  let i = 0;
  while (i < items.n) {
    const first = items.day[i] as number;
    let from: EpochDay;
    let to: EpochDay;
    let skip = false;
    switch (type) {
      case "calendar_week":
        from = startOfIsoWeek(first);
        to = from + 6;
        break;
      case "calendar_month":
        from = startOfMonth(first);
        to = endOfMonth(first);
        break;
      case "term": {
        const term = ctx.calendar.termOf(first);
        from = term.start;
        to = term.end;
        skip = rule.windowOnly !== 0 && term.number !== rule.windowOnly;
        break;
      }
      case "school_year":
        from = ctx.yearStart;
        to = ctx.asOfDay;
        break;
      case "since_case_opened":
        from = ctx.caseStart as EpochDay;
        to = ctx.asOfDay;
        break;
      case "rolling_school_days":
        // Rolling windows go to evaluateRollingWindow.
        return;
    }
    let j = i;
    let sum = 0;
    let tripDay = -1;
    while (j < items.n && (items.day[j] as number) <= to) {
      sum += items.weight[j] as number;
      if (tripDay < 0 && sum >= rule.min) tripDay = items.day[j] as number;
      j++;
    }
    if (tripDay >= 0 && !skip) {
      if (ctx.lean) stubCount(ctx, rule, from, tripDay, subject);
      else emitCount(ctx, rule, from, tripDay, { type, from, to: Math.min(to, ctx.asOfDay) }, subject);
    }
    i = j;
  }
}

/** Stable window part of a trigger key: "2025-09" for a month, "term:2025-08-18", "year:…", "case:…", or the week's Monday. */
function windowKey(type: LadderWindow["type"] | undefined, from: EpochDay): string {
  const date = formatIsoDate(from);
  switch (type) {
    case "calendar_month":
      return date.slice(0, 7);
    case "term":
      return `term:${date}`;
    case "school_year":
      return `year:${date}`;
    case "since_case_opened":
      return `case:${date}`;
    default:
      return date;
  }
}

/**
 * Rolling windows of N school days: each stretch during which the sum stays at or above `min` trips once,
 * keyed by the day it started, so a condition that simply continues never trips again.
 */
function evaluateRollingWindow(ctx: Context, rule: CountRule, days: number, subject: string | undefined): void {
  const min = rule.min;
  let sum = 0;
  let lo = 0;
  let activeDay = -1;
  let i = 0;
  while (i < items.n) {
    const index = items.index[i] as number;
    const day = items.day[i] as number;
    // Items leave the window N school days after they entered; a stretch ends when the sum falls below min.
    while (lo < i && (items.index[lo] as number) <= index - days) {
      const leaveIndex = (items.index[lo] as number) + days;
      sum -= items.weight[lo] as number;
      lo++;
      // A removal on this very day may be offset by this day's items, so that case is checked after adding them.
      if (activeDay >= 0 && sum < min && leaveIndex < index) {
        closeStretch(ctx, rule, days, subject, activeDay, leaveIndex - 1);
        activeDay = -1;
      }
    }
    while (i < items.n && items.index[i] === index) sum += items.weight[i++] as number;
    if (activeDay >= 0 && sum < min) {
      closeStretch(ctx, rule, days, subject, activeDay, index - 1);
      activeDay = -1;
    }
    if (activeDay < 0 && sum >= min) activeDay = day;
  }
  if (activeDay < 0) return;
  // The end of the last stretch only shapes the facts' window, which lean mode does not build.
  if (ctx.lean) {
    closeStretch(ctx, rule, days, subject, activeDay, ctx.asOfIndex);
    return;
  }
  // Still active at asOf unless the remaining items left the window before it.
  let endIndex = ctx.asOfIndex;
  for (let k = lo; k < items.n && (items.index[k] as number) <= ctx.asOfIndex - days; k++) {
    sum -= items.weight[k] as number;
    if (sum < min) {
      endIndex = (items.index[k] as number) + days - 1;
      break;
    }
  }
  closeStretch(ctx, rule, days, subject, activeDay, endIndex);
}

/** A stretch of a rolling window that started on `activeDay` and held until school index `endIndex`: one trip. */
function closeStretch(
  ctx: Context,
  rule: CountRule,
  days: number,
  subject: string | undefined,
  activeDay: EpochDay,
  endIndex: number,
): void {
  if (ctx.lean) {
    stubCount(ctx, rule, activeDay, activeDay, subject);
    return;
  }
  const span: WindowSpan = {
    type: "rolling_school_days",
    from: ctx.calendar.epochDayOfSchoolIndex(endIndex - days + 1),
    to: ctx.calendar.epochDayOfSchoolIndex(endIndex),
  };
  emitCount(ctx, rule, activeDay, activeDay, span, subject);
}

// ---------------------------------------------------------------------------------------------
// Rules.

function evaluateCount(ctx: Context, rule: CountRule): void {
  let from = ctx.yearStart;
  if (rule.windowType === "since_case_opened") {
    if (ctx.caseStart === undefined) return;
    from = ctx.caseStart;
  }
  if (!rule.perSubject) {
    evaluateCountFor(ctx, rule, from, undefined);
    return;
  }
  const subjects: string[] = [];
  let bounds = subjectBounds;
  for (let i = 0; i < regs.n; i++) {
    if (regs.kind[i] !== rule.kind) continue;
    const s = subjectOf(i);
    // SameValueZero, as Array.prototype.includes compares.
    let k = 0;
    while (k < subjects.length && subjects[k] !== s && !(subjects[k] !== subjects[k] && s !== s)) k++;
    if (k === subjects.length) k = -1;
    if (k < 0) {
      k = subjects.length;
      subjects.push(s);
      if (k === bounds.length) {
        bounds = new Int32Array(k * 2);
        bounds.set(subjectBounds);
        subjectBounds = bounds;
      }
      bounds[k] = 0;
    }
    // Upper bound of what the subject can count: its registrations, or their positive lesson weights.
    const weight = rule.measure === "lessons" ? (regs.lessons[i] as number) : 1;
    if (weight > 0) bounds[k] = (bounds[k] as number) + weight;
  }
  for (let k = 0; k < subjects.length; k++) {
    // A subject with fewer registrations than the threshold cannot trip.
    if ((subjectBounds[k] as number) >= rule.min) evaluateCountFor(ctx, rule, from, subjects[k] as string);
  }
}

let subjectBounds = new Int32Array(16);

function evaluateCountFor(ctx: Context, rule: CountRule, from: EpochDay, subject: string | undefined): void {
  collectCountItems(rule, from, subject);
  if (items.n === 0) return;
  if (rule.windowType === "rolling_school_days") evaluateRollingWindow(ctx, rule, rule.windowDays, subject);
  else evaluateFixedWindows(ctx, rule, subject);
}

/** The items a count rule counts from `from` (for one subject) into `items`; rules that share them collect once. */
function collectCountItems(rule: CountRule, from: EpochDay, subject: string | undefined): void {
  const held = itemsSource;
  if (held.valid && isCountSource(held, rule, from, subject)) return;
  if (rule.kind === KIND_DAY) collectDays(rule.filter, from);
  else collectEvents(rule.kind, rule.filter, from, subject, rule.measure === "lesson_days");
  held.valid = true;
  setCountSource(held, rule, from, subject);
}

/** What a count rule's counted rows depend on: rules that differ only in threshold or window (Ørland's 3, 6 and 9 days) count the same rows. */
interface CountSource {
  filter: CompiledFilter | undefined;
  kind: number;
  from: EpochDay;
  subject: string | undefined;
  oncePerDay: boolean;
}

function isCountSource(s: CountSource, rule: CountRule, from: EpochDay, subject: string | undefined): boolean {
  return (
    s.filter === rule.filter &&
    s.kind === rule.kind &&
    s.from === from &&
    s.subject === subject &&
    s.oncePerDay === (rule.measure === "lesson_days")
  );
}

function setCountSource(s: CountSource, rule: CountRule, from: EpochDay, subject: string | undefined): void {
  s.filter = rule.filter;
  s.kind = rule.kind;
  s.from = from;
  s.subject = subject;
  s.oncePerDay = rule.measure === "lesson_days";
}

function evaluateConsecutive(ctx: Context, rule: ConsecutiveRule): void {
  collectDays(rule.filter, ctx.yearStart);
  itemsSource.valid = false;
  let start = 0;
  for (let i = 1; i <= items.n; i++) {
    if (i < items.n && items.index[i] === (items.index[i - 1] as number) + 1) continue;
    const length = i - start;
    if (length >= rule.min) {
      const first = items.day[start] as number;
      const last = items.day[i - 1] as number;
      const key = triggerKey(rule, first, undefined);
      if (!alreadyFired(ctx, key)) {
        const tripDay = items.day[start + rule.min - 1] as number;
        if (ctx.lean) addStub(key, tripDay, rule);
        else {
          let undocumented = 0;
          for (let k = start; k < i; k++) undocumented += items.undocumented[k] as number;
          emitTrip(ctx, rule, key, tripDay, {
            type: "consecutive_days",
            length,
            threshold: rule.threshold,
            from: formatIsoDate(first),
            to: formatIsoDate(last),
            documented: length - undocumented,
            undocumented,
            excluded: exclusionsBetween(KIND_DAY, rule.filter, first, last),
          });
        }
      }
    }
    start = i;
  }
}

function evaluateOccurrence(ctx: Context, rule: OccurrenceRule): void {
  const { day: days, kind: kinds } = regs;
  const n = regs.n;
  const f = rule.filter;
  const mask = rule.kindMask;
  const yearStart = ctx.yearStart;
  let lastHit = NOT_SCHOOL_DAY;
  // Rows come in day order: the first passing row of a day makes the day's one trip, in day order.
  for (let i = 0; i < n; i++) {
    const day = days[i] as number;
    if (day === lastHit || day < yearStart || (mask & (1 << (kinds[i] as number))) === 0 || !counts(i, f)) continue;
    lastHit = day;
    const key = triggerKey(rule, day, undefined);
    if (alreadyFired(ctx, key)) continue;
    if (ctx.lean) addStub(key, day, rule);
    else emitOccurrence(ctx, rule, key, day, i);
  }
}

/** The occurrence trip of a day whose first passing row is `first` (the day's earlier rows did not pass). */
function emitOccurrence(ctx: Context, rule: OccurrenceRule, key: string, day: EpochDay, first: number): void {
  const kinds: AbsenceKind[] = [];
  const subjects: string[] = [];
  let lessons = 0;
  let undocumented = false;
  for (let k = first; k < regs.n && regs.day[k] === day; k++) {
    const kind = regs.kind[k] as number;
    if ((rule.kindMask & (1 << kind)) === 0 || !counts(k, rule.filter)) continue;
    const name = kindNames[kind] as AbsenceKind;
    if (!kinds.includes(name)) kinds.push(name);
    if (kind === KIND_LESSON) lessons += regs.lessons[k] as number;
    const subject = subjectAt(k);
    if (subject !== undefined && !subjects.includes(subject)) subjects.push(subject);
    if (regs.documented[k] === 0) undocumented = true;
  }
  emitTrip(ctx, rule, key, day, {
    type: "occurrence",
    date: formatIsoDate(day),
    kinds,
    wholeDay: kinds.includes("day"),
    lessons,
    subjects,
    undocumented,
  });
}

function evaluateEarlySigns(
  ctx: Context,
  rule: EarlySignRule,
  reports: readonly EarlySignReport[],
  labels: ReadonlyMap<string, string>,
): void {
  for (const report of reports) {
    const label = labels.get(report.signId);
    if (label === undefined || (rule.signs && !rule.signs.has(report.signId))) continue;
    const day = parseIsoDate(report.date);
    if (day > ctx.asOfDay || day < ctx.yearStart) continue;
    const rest = `${report.signId}@${report.date}`;
    const key = rule.keyPrefix + rest;
    // The same sign reported twice on one day is one trip.
    if (alreadyFired(ctx, key)) continue;
    if (ctx.lean) {
      if (!stubs.key.slice(0, stubs.n).includes(key)) addStub(key, day, rule);
      continue;
    }
    if (ctx.trips.some((t) => t.key === key)) continue;
    const facts: TripFacts = { type: "early_sign", date: report.date, signId: report.signId, signLabel: label };
    if (report.note !== undefined) facts.note = report.note;
    emitTrip(ctx, rule, key, day, facts);
  }
}

/** Runs the ladder's rules over the loaded registrations; trips go to ctx.trips, or to `stubs` in lean mode. */
function runRules(
  ctx: Context,
  dc: DayContext,
  compiled: CompiledLadder,
  earlySigns: readonly EarlySignReport[] | undefined,
): void {
  // The bounds are taken here, not as the rows load: resume.ts's day step loads a pupil's new rows without them.
  boundsFromRows(dc);
  const rules = compiled.rules;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as CompiledRule;
    if (!mayTrip(rule)) continue;
    switch (rule.typeCode) {
      case RULE_COUNT:
        if (rule.filter.continuousIllnessMinDays > 0) ensureEpisodes();
        evaluateCount(ctx, rule);
        break;
      case RULE_CONSECUTIVE:
        if (rule.filter.continuousIllnessMinDays > 0) ensureEpisodes();
        evaluateConsecutive(ctx, rule);
        break;
      case RULE_OCCURRENCE:
        if (rule.filter.continuousIllnessMinDays > 0) ensureEpisodes();
        evaluateOccurrence(ctx, rule);
        break;
      case RULE_EARLY_SIGN:
        if (earlySigns && earlySigns.length > 0) evaluateEarlySigns(ctx, rule, earlySigns, compiled.signLabels);
        break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Norwegian text: worded in i18n/trip-texts.ts, with nynorsk and English beside the bokmål.

export { describeThreshold, describeTrip } from "../i18n/trip-texts";

/** The deadline date on the school calendar; a deadline landing on a closed day moves to the next school day. */
function deadlineDay(d: LadderDeadline, from: EpochDay, calendar: SchoolCalendar): EpochDay {
  switch (d.type) {
    case "same_day":
      return calendar.schoolEpochDayOnOrAfter(from);
    case "school_days":
      return calendar.addSchoolEpochDays(from, d.days);
    case "weeks":
      return calendar.schoolEpochDayOnOrAfter(from + 7 * d.weeks);
    case "calendar_days":
      return calendar.schoolEpochDayOnOrAfter(from + d.days);
  }
}

// ---------------------------------------------------------------------------------------------
// Public entry point.

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

// All pupils of a school are usually evaluated for the same day: remember the day's calendar lookups. A few
// contexts are kept, so pupils of schools with different calendars can be evaluated in any order.
interface DayContext {
  calendar: SchoolCalendar;
  asOf: IsoDate;
  asOfDay: EpochDay;
  asOfIndex: number;
  yearStart: EpochDay;
  yearStartIso: IsoDate;
  /** First day of the school year's second term (1 January). */
  term2Start: EpochDay;
  /** School index of every day from yearStart to asOf, NOT_SCHOOL_DAY on closed days: one lookup per registration. */
  indexTable: Int32Array;
}
const dayContexts: (DayContext | undefined)[] = [undefined, undefined, undefined, undefined];
let nextDayContextSlot = 0;

let lastDayContext: DayContext | undefined;

function dayContextOf(calendar: SchoolCalendar, asOf: IsoDate): DayContext {
  // Pupils of one school come together: the context of the previous pupil usually fits.
  const last = lastDayContext;
  if (last !== undefined && last.calendar === calendar && last.asOf === asOf) return last;
  lastDayContext = findDayContext(calendar, asOf);
  return lastDayContext;
}

function findDayContext(calendar: SchoolCalendar, asOf: IsoDate): DayContext {
  for (let i = 0; i < dayContexts.length; i++) {
    const known = dayContexts[i];
    if (known !== undefined && known.calendar === calendar && known.asOf === asOf) return known;
  }
  const asOfDay = parseIsoDate(asOf);
  const yearStart = calendar.schoolYearStartDay(asOfDay);
  const indexTable = new Int32Array(Math.max(0, asOfDay - yearStart + 1));
  for (let at = 0; at < indexTable.length; at++) {
    const day = yearStart + at;
    indexTable[at] = calendar.isSchoolEpochDay(day) ? calendar.schoolIndex(day) : NOT_SCHOOL_DAY;
  }
  const context: DayContext = {
    calendar,
    asOf,
    asOfDay,
    asOfIndex: calendar.schoolIndex(asOfDay + 1) - 1,
    yearStart,
    yearStartIso: formatIsoDate(yearStart),
    term2Start: calendar.termOf(yearStart).end + 1,
    indexTable,
  };
  dayContexts[nextDayContextSlot] = context;
  nextDayContextSlot = (nextDayContextSlot + 1) % dayContexts.length;
  return context;
}

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

/**
 * Evaluates one pupil against a ladder on a given day. Pure: the same input gives the same output.
 * Never lowers the step below `previous.step`, and never returns a trigger key listed in `previous.firedKeys`.
 */
export function evaluate(input: EvaluateInput): Evaluation {
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
  loadInput(input.events, pupil.id, compiled, dc, scopeStart, summary, summary.ignored);
  itemsSource.valid = false;

  const ctx: Context = {
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

function loadInput(
  events: EvaluateInput["events"],
  pupilId: string,
  compiled: CompiledLadder,
  dc: DayContext,
  scopeStart: EpochDay,
  summary: SummaryFacts | undefined,
  ignored: SummaryFacts["ignored"],
): void {
  if (Array.isArray(events)) {
    pickEvents(events as readonly AbsenceEvent[], pupilId, ignored);
    loadRegistrations(dc, scopeStart, summary, compiled.passTable);
  } else loadColumnRows(events as ColumnRows, dc, scopeStart, summary, compiled);
}

const ignoredScratch: SummaryFacts["ignored"] = {
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
  const { events, ladder, calendar, asOf, caseOpenedAt, earlySigns } = input;
  const compiled = compileLadder(ladder);
  const kernel = compiled.kernel;
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
      stubs.n = 0;
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
  const { ladder, calendar, asOf, columns, from, to, ids, order, start, end } = batch;
  const compiled = compileLadder(ladder);
  const kernel = !compiled.perSubject || subjectsDistinct(columns.subjects) ? compiled.kernel : undefined;
  const dc = dayContextOf(calendar, asOf);
  const rows = { columns, from: 0, to: 0 };
  const { step, keys } = out;
  let ctx = leanContextFor(calendar, asOf, dc, undefined, undefined);
  for (let k = start; k < end; k++) {
    const p = order === undefined ? k : (order[k] as number);
    rows.from = from[p] as number;
    rows.to = to[p] as number;
    if (kernel !== undefined) {
      stubs.n = 0;
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

/** evaluateStep over the registrations loaded into `regs` (any input), which it leaves loaded for resume.ts. */
function evaluateStepLoaded(input: EvaluateInput, into?: StepEvaluation): StepEvaluation {
  const { pupil, ladder, calendar, asOf, previous, caseOpenedAt, earlySigns } = input;
  const compiled = compileLadder(ladder);
  const dc = dayContextOf(calendar, asOf);
  const caseStart = caseOpenedAt === undefined ? undefined : parseIsoDate(caseOpenedAt);
  const scopeStart = caseStart === undefined ? dc.yearStart : Math.min(dc.yearStart, caseStart);
  loadInput(input.events, pupil.id, compiled, dc, scopeStart, undefined, ignoredScratch);
  itemsSource.valid = false;

  stubs.n = 0;
  const ctx = leanContextFor(calendar, asOf, dc, caseStart, previous);
  runRules(ctx, dc, compiled, earlySigns);
  ctx.fired = undefined;
  return stepEvaluationOfStubs(pupil.id, compiled, asOf, previous, into);
}

/** evaluateStep's one context object, set for a pupil (nothing keeps it: no allocation per pupil). */
function leanContextFor(
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
function stepEvaluationOfStubs(
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

const leanContext: Context = {
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
  const key = stubs.key;
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
  const { day, step, key } = stubs;
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

// ---------------------------------------------------------------------------------------------
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
        !(r.perSubject && r.kind === KIND_DAY)),
  );
}

/** Slot of a subject code: 0 for "ukjent fag" (no subject, or a code outside the dictionary), else code + 1. */
function subjectSlotOf(code: number, subjects: number): number {
  return code >= 0 && code < subjects ? code + 1 : 0;
}

let slotBounds = new Int32Array(16);
let slotOrder = new Int32Array(16);

const kernelLists = createKernelLists();

const kernelCodes = {
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

function kernelFor(compiled: CompiledLadder): SinglePassKernel | undefined {
  const passTable = compiled.passTable;
  const helpers = {
    stubCount,
    items,
    itemsSource,
    startOfMonth,
    endOfMonth,
    startOfIsoWeek,
    evaluateRollingWindow,
    evaluatePerSubject: evaluatePerSubjectOverList,
    addIllnessDay,
    startIllnessGroups,
    finishIllnessGroups,
    rootOf,
    regs,
    illnessGroups,
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
function alwaysPasses(compiled: CompiledLadder, bit: number): boolean {
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

/** The deadline date (YYYY-MM-DD) a ladder deadline gives from a day, on the school calendar; for steps set by judgement. */
export function deadlineDate(deadline: LadderDeadline, from: IsoDate, calendar: SchoolCalendar): IsoDate {
  return formatIsoDate(deadlineDay(deadline, parseIsoDate(from), calendar));
}

/**
 * The engine's scratch tables and building blocks, for the incremental evaluation in resume.ts only: it
 * classifies a new day's rows with the same code, so both agree by construction. Not for other callers (tests
 * compare evaluateStep with its general path, evaluateStepLoaded).
 */
export const engineParts = {
  evaluateStepLoaded,
  alwaysPasses,
  kernelCodes,
  regs,
  items,
  stubs,
  invalidateItems(): void {
    itemsSource.valid = false;
  },
  leanContext,
  leanContextFor,
  isCountSource,
  setCountSource,
  dayContextOf,
  loadInput,
  counts,
  isIllnessDay,
  episodeAt,
  subjectOf,
  stubCount,
  stepEvaluationOfStubs,
  ensureEpisodes,
  collectDays,
  collectCountItems,
  ignoredScratch,
  KIND_DAY,
} as const;
export type { CompiledRule, Context as EngineContext, DayContext };
