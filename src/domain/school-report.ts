/**
 * A school's figures for the leadership's own follow-up, without names: «Rektor og tiltaksleder rapporterer til
 * enhetsleder hvert halvår» on «antall elever med bekymringsfullt skolefravær» (000 Del 5 «Kommunens rutine for
 * oppfølgingsplikt»); «Skolens ledelse har ansvar for gjennomgang av fravær minst en gang pr. mnd.» (004); «Få oversikt
 * over elever med 10 dager fravær eller mer ved 1.termin» (002, årshjul januar). Pure: the caller reads the facts.
 */
import { closeReasons, type CloseReason } from "./case";
import type { IsoDate } from "./dates";
import type { MeasureResult } from "./measure-evaluation";

export const reportPeriods = ["month", "term", "school_year"] as const;
export type ReportPeriod = (typeof reportPeriods)[number];

/** Whole days of absence from which a pupil is counted in the årshjul's overview (002: «10 dager fravær eller mer»). */
export const manyDaysThreshold = 10;

/** From the period's first day up to and including `today`: this month, this term (autumn or spring), this school year. */
export function periodRange(
  period: ReportPeriod,
  today: IsoDate,
  calendar: { termStart(date: IsoDate): IsoDate; schoolYearStart(date: IsoDate): IsoDate },
): { from: IsoDate; to: IsoDate } {
  const from =
    period === "month"
      ? `${today.slice(0, 7)}-01`
      : period === "term"
        ? calendar.termStart(today)
        : calendar.schoolYearStart(today);
  return { from, to: today };
}

/** What the report needs of one pupil of the school. */
export interface PupilFacts {
  step: number | null;
  /** Every trip so far: the day and the step it put the pupil on (null for a notice). */
  trips: readonly { date: IsoDate; step: number | null }[];
  deadline: IsoDate | null;
  followedUp: IsoDate | null;
  measures: readonly {
    status: "active" | "evaluated";
    agreedOn: IsoDate;
    evaluatedOn?: IsoDate;
    result?: MeasureResult;
    /** The measure it carries on into a new agreement after an evaluation: agreed once, with that one. */
    continues?: string;
  }[];
  consent: "given" | "refused" | "withdrawn" | null;
  /** Helsesykepleier or PPT brought in now. */
  servicesBroughtIn: number;
  /** School days in the period with a whole-day absence, documented or not. */
  absenceDays: number;
  /** The pupil's closed cases (the current one if closed, and earlier ones), by the day each ended. */
  closures?: readonly { on: IsoDate; reason: CloseReason }[];
  /** The current case is closed: it waits for no one. */
  closedNow?: boolean;
}

export interface SchoolReport {
  from: IsoDate;
  to: IsoDate;
  pupils: number;
  /** Pupils on each step now, lowest step first. */
  onSteps: { step: number; pupils: number }[];
  /** Pupils put on the ladder, or moved up it, by a trip in the period. */
  reachedInPeriod: number;
  /** On the ladder now: waiting for a follow-up of the newest trip (of them, past the deadline), and followed up. */
  waiting: number;
  overdue: number;
  followedUp: number;
  measures: { agreed: number; active: number; evaluated: number; worked: number; partly: number; noEffect: number };
  consent: { given: number; refused: number; withdrawn: number };
  pupilsWithServices: number;
  /** Pupils with `manyDaysThreshold` or more whole days of absence in the period. */
  manyDays: number;
  /** Cases closed in the period («Avslutt saken»), in all and per reason. */
  closed: { total: number } & Record<CloseReason, number>;
}

const inPeriod = (date: IsoDate | undefined, from: IsoDate, to: IsoDate): boolean =>
  date !== undefined && date >= from && date <= to;

export function summarizeSchool(
  pupils: readonly PupilFacts[],
  range: { from: IsoDate; to: IsoDate },
  today: IsoDate,
): SchoolReport {
  const { from, to } = range;
  const steps = new Map<number, number>();
  const report: SchoolReport = {
    from,
    to,
    pupils: pupils.length,
    onSteps: [],
    reachedInPeriod: 0,
    waiting: 0,
    overdue: 0,
    followedUp: 0,
    measures: { agreed: 0, active: 0, evaluated: 0, worked: 0, partly: 0, noEffect: 0 },
    consent: { given: 0, refused: 0, withdrawn: 0 },
    pupilsWithServices: 0,
    manyDays: 0,
    closed: { total: 0, ...(Object.fromEntries(closeReasons.map((r) => [r, 0])) as Record<CloseReason, number>) },
  };
  for (const p of pupils) {
    if (p.absenceDays >= manyDaysThreshold) report.manyDays++;
    if (p.consent) report.consent[p.consent]++;
    if (p.servicesBroughtIn > 0) report.pupilsWithServices++;
    for (const m of p.measures) {
      if (m.continues === undefined && inPeriod(m.agreedOn, from, to)) report.measures.agreed++;
      if (m.status === "active") report.measures.active++;
      if (m.status !== "evaluated" || !inPeriod(m.evaluatedOn, from, to)) continue;
      report.measures.evaluated++;
      if (m.result === "worked") report.measures.worked++;
      if (m.result === "partly") report.measures.partly++;
      if (m.result === "no_effect") report.measures.noEffect++;
    }
    for (const c of p.closures ?? []) {
      if (!inPeriod(c.on, from, to)) continue;
      report.closed.total++;
      report.closed[c.reason]++;
    }
    if (p.step === null) continue;
    steps.set(p.step, (steps.get(p.step) ?? 0) + 1);
    if (p.trips.some((t) => t.step !== null && inPeriod(t.date, from, to))) report.reachedInPeriod++;
    if (p.followedUp) report.followedUp++;
    else if (!p.closedNow) {
      report.waiting++;
      if (p.deadline !== null && p.deadline < today) report.overdue++;
    }
  }
  report.onSteps = [...steps].sort(([a], [b]) => a - b).map(([step, count]) => ({ step, pupils: count }));
  return report;
}
