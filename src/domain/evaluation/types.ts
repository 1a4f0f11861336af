// The engine's data: its input, its result (trips and their facts), and the registrations as columns.
import type { AbsenceEvent, AbsenceKind, AbsenceReason } from "../absence";
import type { SchoolCalendar } from "../calendar";
import type { EpochDay, IsoDate } from "../dates";
import type { CaseHolder, CountMeasure, Ladder, LadderPeriod, LadderWindow, Threshold } from "../ladder";
import type { Pupil } from "../roster";

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
 * Registrations of many pupils as columns (typed arrays), for bulk runs (the benchmark's, bench/engine): reading
 * columns costs a fraction of reading AbsenceEvent objects. Codes follow `absenceKinds` and `absenceReasons`. Each
 * registration is there once (the caller has already dropped duplicate ids). Within a day, rows in id order give
 * results identical to evaluate() on the equivalent AbsenceEvents; build columns from events with
 * `columnsFromEvents` (bench/engine/columns.ts).
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

/** A trip's window in epoch days, for its facts and text. */
export type WindowSpan = { type: LadderWindow["type"]; from: EpochDay; to: EpochDay };
