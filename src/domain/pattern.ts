import type { AbsenceEvent, AbsenceReason } from "./absence";
import type { SchoolCalendar } from "./calendar";
import {
  type EpochDay,
  formatIsoDate,
  isoWeekNumber,
  norwegianWeekdayName,
  parseIsoDate,
  startOfIsoWeek,
  weekdayOf,
} from "./dates";
import { describePattern } from "../i18n/trip-texts";

/**
 * Pattern analysis for the first step of the phone call home (002 §2.4 pkt. 1, 001 «Første kontakt med
 * hjemmet» pkt. 1): which weekdays, single days or days in a row, late arrivals and leaving early,
 * subjects, absence next to weekends and holidays, and the trend over the last weeks.
 * Plain data for cards, plus short observations in bokmål (worded in i18n/trip-texts.ts, as in nynorsk and English).
 */

export type {
  PatternInput,
  WeekdayShare,
  ShareFacts,
  AbsenceRun,
  SubjectCount,
  WeekCount,
  BreakNeighbour,
  Trend,
  PatternReport,
} from "./pattern-report";
import type {
  PatternInput,
  WeekdayShare,
  ShareFacts,
  SubjectCount,
  WeekCount,
  BreakNeighbour,
  Trend,
  PatternReport,
} from "./pattern-report";

/** At least this many days before a pattern is called a pattern. */
const minimumDaysForPattern = 3;
/** A single weekday is over-represented at twice its expected share. */
const weekdayFactor = 2;
/** Groups that are already large (Monday + Friday ≈ 40 %, next to a break) need 1.5 times their share. */
const groupFactor = 1.5;

interface DayRecord {
  day: EpochDay;
  undocumented: boolean;
  reason: AbsenceReason | "none";
}

function isOverRepresented(days: number, share: number, expectedShare: number, factor: number): boolean {
  return days >= minimumDaysForPattern && expectedShare > 0 && share >= factor * expectedShare;
}

function pickEvents(input: PatternInput, fromDay: EpochDay, toDay: EpochDay): AbsenceEvent[] {
  const byId = new Map<string, AbsenceEvent>();
  for (const e of input.events) {
    if (input.pupilId !== undefined && e.pupilId !== input.pupilId) continue;
    if (!byId.has(e.id)) byId.set(e.id, e);
  }
  const result: AbsenceEvent[] = [];
  for (const e of byId.values()) {
    const day = parseIsoDate(e.date);
    if (day < fromDay || day > toDay || !input.calendar.isSchoolEpochDay(day)) continue;
    result.push(e);
  }
  return result.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function collectDays(events: readonly AbsenceEvent[]): DayRecord[] {
  const days: DayRecord[] = [];
  for (const e of events) {
    if (e.kind !== "day") continue;
    const day = parseIsoDate(e.date);
    const last = days[days.length - 1];
    if (last && last.day === day) {
      if (e.documented === false) last.undocumented = true;
      continue;
    }
    days.push({ day, undocumented: e.documented === false, reason: e.reason ?? "none" });
  }
  return days;
}

function findRuns(days: readonly DayRecord[], calendar: SchoolCalendar): { singles: DayRecord[]; runs: DayRecord[][] } {
  const singles: DayRecord[] = [];
  const runs: DayRecord[][] = [];
  let current: DayRecord[] = [];
  for (const d of days) {
    const last = current[current.length - 1];
    if (last && calendar.schoolIndex(d.day) === calendar.schoolIndex(last.day) + 1) current.push(d);
    else {
      if (current.length === 1) singles.push(current[0] as DayRecord);
      else if (current.length > 1) runs.push(current);
      current = [d];
    }
  }
  if (current.length === 1) singles.push(current[0] as DayRecord);
  else if (current.length > 1) runs.push(current);
  return { singles, runs };
}

/** The holiday name in the closed days between a school day and its neighbouring school day, if any. */
function holidayInGap(calendar: SchoolCalendar, from: EpochDay, to: EpochDay): string | undefined {
  for (let d = from; d <= to; d++) {
    const name = calendar.holidayNameOfEpochDay(d);
    if (name !== undefined) return name;
  }
  return undefined;
}

function analyseBreaks(
  days: readonly DayRecord[],
  calendar: SchoolCalendar,
  fromDay: EpochDay,
  toDay: EpochDay,
): ShareFacts & { dates: BreakNeighbour[] } {
  const isNextToBreak = (d: EpochDay): boolean =>
    !calendar.isSchoolEpochDay(d - 1) || !calendar.isSchoolEpochDay(d + 1);
  let schoolDays = 0;
  let breakDays = 0;
  for (let d = fromDay; d <= toDay; d++) {
    if (!calendar.isSchoolEpochDay(d)) continue;
    schoolDays++;
    if (isNextToBreak(d)) breakDays++;
  }
  const dates: BreakNeighbour[] = [];
  for (const r of days) {
    if (!isNextToBreak(r.day)) continue;
    const before = calendar.previousSchoolEpochDay(r.day);
    const after = calendar.nextSchoolEpochDay(r.day);
    const holiday = holidayInGap(calendar, before + 1, r.day - 1) ?? holidayInGap(calendar, r.day + 1, after - 1);
    dates.push(holiday === undefined ? { date: formatIsoDate(r.day) } : { date: formatIsoDate(r.day), holiday });
  }
  const share = days.length === 0 ? 0 : dates.length / days.length;
  const expectedShare = schoolDays === 0 ? 0 : breakDays / schoolDays;
  return {
    days: dates.length,
    share,
    expectedShare,
    overRepresented: isOverRepresented(dates.length, share, expectedShare, groupFactor),
    dates,
  };
}

function analyseTrend(
  events: readonly AbsenceEvent[],
  asOfDay: EpochDay,
  weeks: number,
): { weeks: WeekCount[]; trend: Trend } {
  const lastWeek = startOfIsoWeek(asOfDay);
  const counts: WeekCount[] = [];
  for (let w = weeks - 1; w >= 0; w--) {
    const start = lastWeek - 7 * w;
    counts.push({
      weekStart: formatIsoDate(start),
      week: isoWeekNumber(start),
      days: 0,
      lessonOccasions: 0,
      late: 0,
      left: 0,
      notInClass: 0,
      total: 0,
    });
  }
  const firstWeek = lastWeek - 7 * (weeks - 1);
  const seenDays = new Set<string>();
  for (const e of events) {
    const day = parseIsoDate(e.date);
    if (day < firstWeek || day > asOfDay) continue;
    const week = counts[Math.floor((startOfIsoWeek(day) - firstWeek) / 7)];
    if (!week) continue;
    // Several registrations of one kind on one day are one occasion.
    const occasion = `${e.kind}:${e.date}`;
    if (seenDays.has(occasion)) continue;
    seenDays.add(occasion);
    if (e.kind === "day") week.days++;
    else if (e.kind === "lesson") week.lessonOccasions++;
    else if (e.kind === "late") week.late++;
    else if (e.kind === "left") week.left++;
    else week.notInClass++;
    week.total++;
  }
  return { weeks: counts, trend: trendOf(counts.map((c) => c.total)) };
}

/** Rising when the least-squares slope is positive and the later half has more than the earlier half. */
export function trendOf(values: readonly number[]): Trend {
  const n = values.length;
  if (n < 2) return "flat";
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  const slope = num / den;
  const half = Math.floor(n / 2);
  const early = values.slice(0, half).reduce((a, b) => a + b, 0);
  const late = values.slice(n - half).reduce((a, b) => a + b, 0);
  if (slope > 0 && late > early) return "rising";
  if (slope < 0 && late < early) return "falling";
  return "flat";
}

/** Analyses one pupil's absence pattern between `from` (default: school-year start) and `asOf`. Pure. */
export function analyzePattern(input: PatternInput): PatternReport {
  const { calendar, asOf } = input;
  const toDay = parseIsoDate(asOf);
  const fromDay = input.from === undefined ? calendar.schoolYearStartDay(toDay) : parseIsoDate(input.from);
  const events = pickEvents(input, fromDay, toDay);
  const days = collectDays(events);

  // Expected shares follow the school days actually in the period, so Easter Monday or 17 May do not skew it.
  const schoolDaysByWeekday = [0, 0, 0, 0, 0];
  for (let d = fromDay; d <= toDay; d++)
    if (calendar.isSchoolEpochDay(d)) schoolDaysByWeekday[weekdayOf(d)] = (schoolDaysByWeekday[weekdayOf(d)] ?? 0) + 1;
  const totalSchoolDays = schoolDaysByWeekday.reduce((a, b) => a + b, 0);
  const absenceByWeekday = [0, 0, 0, 0, 0];
  for (const r of days) absenceByWeekday[weekdayOf(r.day)] = (absenceByWeekday[weekdayOf(r.day)] ?? 0) + 1;
  const weekdays: WeekdayShare[] = absenceByWeekday.map((count, weekday) => {
    const share = days.length === 0 ? 0 : count / days.length;
    const expectedShare = totalSchoolDays === 0 ? 0 : (schoolDaysByWeekday[weekday] ?? 0) / totalSchoolDays;
    return {
      weekday,
      name: norwegianWeekdayName(weekday),
      days: count,
      schoolDays: schoolDaysByWeekday[weekday] ?? 0,
      share,
      expectedShare,
      overRepresented: isOverRepresented(count, share, expectedShare, weekdayFactor),
    };
  });
  const mfDays = (absenceByWeekday[0] ?? 0) + (absenceByWeekday[4] ?? 0);
  const mfShare = days.length === 0 ? 0 : mfDays / days.length;
  const mfExpected =
    totalSchoolDays === 0 ? 0 : ((schoolDaysByWeekday[0] ?? 0) + (schoolDaysByWeekday[4] ?? 0)) / totalSchoolDays;

  const { singles, runs } = findRuns(days, calendar);

  const bySubject = new Map<string, { lessons: number; days: Set<string> }>();
  let lessonTotal = 0;
  const lessonDays = new Set<string>();
  let late = 0;
  let left = 0;
  let notInClass = 0;
  for (const e of events) {
    if (e.kind === "late") late++;
    else if (e.kind === "left") left++;
    else if (e.kind === "not_in_class") notInClass++;
    else if (e.kind === "lesson") {
      const lessons = e.lessons ?? 1;
      lessonTotal += lessons;
      lessonDays.add(e.date);
      const subject = e.subject ?? "ukjent fag";
      const entry = bySubject.get(subject) ?? { lessons: 0, days: new Set<string>() };
      entry.lessons += lessons;
      entry.days.add(e.date);
      bySubject.set(subject, entry);
    }
  }
  const subjects: SubjectCount[] = [...bySubject]
    .map(([subject, v]) => ({ subject, lessons: v.lessons, occasions: v.days.size }))
    .sort((a, b) => b.lessons - a.lessons || b.occasions - a.occasions || a.subject.localeCompare(b.subject, "nb"));

  const reasonCounts = new Map<AbsenceReason | "none", number>();
  for (const r of days) reasonCounts.set(r.reason, (reasonCounts.get(r.reason) ?? 0) + 1);
  const reasons = [...reasonCounts]
    .map(([reason, n]) => ({ reason, days: n }))
    .sort((a, b) => b.days - a.days || a.reason.localeCompare(b.reason));

  const { weeks, trend } = analyseTrend(events, toDay, input.weeks ?? 6);
  const report: Omit<PatternReport, "observations"> = {
    from: formatIsoDate(fromDay),
    to: asOf,
    absenceDays: days.length,
    undocumentedDays: days.filter((d) => d.undocumented).length,
    weekdays,
    mondaysAndFridays: {
      days: mfDays,
      share: mfShare,
      expectedShare: mfExpected,
      overRepresented: isOverRepresented(mfDays, mfShare, mfExpected, groupFactor),
    },
    singleDays: singles.map((d) => formatIsoDate(d.day)),
    runs: runs.map((r) => ({
      from: formatIsoDate((r[0] as DayRecord).day),
      to: formatIsoDate((r[r.length - 1] as DayRecord).day),
      length: r.length,
      undocumented: r.filter((d) => d.undocumented).length,
    })),
    late,
    left,
    notInClass,
    lessons: { total: lessonTotal, occasions: lessonDays.size, bySubject: subjects },
    reasons,
    nextToBreaks: analyseBreaks(days, calendar, fromDay, toDay),
    weeks,
    trend,
  };
  return { ...report, observations: describePattern(report) };
}
