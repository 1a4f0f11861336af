/** The absence pattern's report: the types analyzePattern fills and the texts describe. */
import type { AbsenceEvent, AbsenceReason } from "./absence";
import type { SchoolCalendar } from "./calendar";
import type { IsoDate } from "./dates";

export interface PatternInput {
  events: readonly AbsenceEvent[];
  calendar: SchoolCalendar;
  /** Last day analysed; later registrations are ignored. */
  asOf: IsoDate;
  /** First day analysed; defaults to the start of the school year. */
  from?: IsoDate;
  /** Only this pupil's events (when the list holds several pupils). */
  pupilId?: string;
  /** Weeks in the trend, ending with the week of asOf (default 6). */
  weeks?: number;
}

export interface WeekdayShare {
  /** Monday = 0 … Friday = 4. */
  weekday: number;
  name: string;
  days: number;
  /** School days with this weekday in the period (holidays make some weekdays rarer). */
  schoolDays: number;
  share: number;
  expectedShare: number;
  overRepresented: boolean;
}

export interface ShareFacts {
  days: number;
  share: number;
  expectedShare: number;
  overRepresented: boolean;
}

export interface AbsenceRun {
  from: IsoDate;
  to: IsoDate;
  /** School days in the run (Friday + Monday is 2). */
  length: number;
  undocumented: number;
}

export interface SubjectCount {
  subject: string;
  lessons: number;
  /** Days with lesson absence in the subject. */
  occasions: number;
}

export interface WeekCount {
  weekStart: IsoDate;
  week: number;
  days: number;
  lessonOccasions: number;
  late: number;
  left: number;
  notInClass: number;
  /** All registrations that week: days + lesson occasions + late + left + not in class. */
  total: number;
}

export interface BreakNeighbour {
  date: IsoDate;
  /** Name of the holiday next to the day, when it is not just a weekend. */
  holiday?: string;
}

export type Trend = "rising" | "falling" | "flat";

export interface PatternReport {
  from: IsoDate;
  to: IsoDate;
  absenceDays: number;
  undocumentedDays: number;
  weekdays: WeekdayShare[];
  mondaysAndFridays: ShareFacts;
  singleDays: IsoDate[];
  /** Runs of two or more absence days on consecutive school days. */
  runs: AbsenceRun[];
  late: number;
  left: number;
  notInClass: number;
  lessons: { total: number; occasions: number; bySubject: SubjectCount[] };
  reasons: { reason: AbsenceReason | "none"; days: number }[];
  /** Absence days right before or after a weekend or holiday. */
  nextToBreaks: ShareFacts & { dates: BreakNeighbour[] };
  weeks: WeekCount[];
  trend: Trend;
  observations: string[];
}
