import Holidays from "date-holidays";
import type { School, SchoolHoliday } from "./roster";
import {
  type EpochDay,
  type IsoDate,
  formatIsoDate,
  parseIsoDate,
  toDateParts,
  toEpochDayFromParts,
  weekdayOf,
} from "./dates";

/**
 * A school's calendar: which days are school days (not weekends, not Norwegian public holidays,
 * not the school's own holidays), and arithmetic on school days for windows and deadlines.
 *
 * Internally one flat table per calendar maps every epoch day in the covered years to a running
 * school-day index, so "school days between", "add N school days" and "in a row" are O(1).
 */
export interface SchoolCalendar {
  readonly schoolId: string;
  readonly timeZone: string;

  isSchoolDay(date: IsoDate): boolean;
  /** The first school day strictly after the date. */
  nextSchoolDay(date: IsoDate): IsoDate;
  /** The last school day strictly before the date. */
  previousSchoolDay(date: IsoDate): IsoDate;
  /** The date itself when it is a school day, otherwise the next school day (deadline roll-forward). */
  schoolDayOnOrAfter(date: IsoDate): IsoDate;
  /** School days from `from` to `to`, both inclusive (0 when to < from). */
  countSchoolDays(from: IsoDate, to: IsoDate): number;
  /** The school days from `from` to `to`, both inclusive. */
  listSchoolDays(from: IsoDate, to: IsoDate): IsoDate[];
  /** The n-th school day after the date (n = 0: the date itself or the next school day). */
  addSchoolDays(date: IsoDate, n: number): IsoDate;
  /** True when both are school days and `b` is the school day right after `a` (Friday → Monday counts). */
  areConsecutiveSchoolDays(a: IsoDate, b: IsoDate): boolean;
  /** Name of the public holiday or school holiday on that date, if any. */
  holidayName(date: IsoDate): string | undefined;
  /** First day of the school year the date belongs to. */
  schoolYearStart(date: IsoDate): IsoDate;
  /** First day of the term (halvår) the date belongs to: school-year start or 1 January. */
  termStart(date: IsoDate): IsoDate;

  // Epoch-day versions for hot loops (no string parsing).
  isSchoolEpochDay(day: EpochDay): boolean;
  /** Count of school days before `day` from an internal anchor; consecutive school days differ by exactly 1. */
  schoolIndex(day: EpochDay): number;
  /** The school day with the given index (inverse of schoolIndex on school days). */
  epochDayOfSchoolIndex(index: number): EpochDay;
  nextSchoolEpochDay(day: EpochDay): EpochDay;
  previousSchoolEpochDay(day: EpochDay): EpochDay;
  schoolEpochDayOnOrAfter(day: EpochDay): EpochDay;
  addSchoolEpochDays(day: EpochDay, n: number): EpochDay;
  countSchoolEpochDays(from: EpochDay, to: EpochDay): number;
  holidayNameOfEpochDay(day: EpochDay): string | undefined;
  schoolYearStartDay(day: EpochDay): EpochDay;
  /** Term (halvår) of the day: 1 from school-year start to 31 December, 2 from 1 January. */
  termOf(day: EpochDay): Term;
}

export interface Term {
  readonly number: 1 | 2;
  readonly start: EpochDay;
  readonly end: EpochDay;
}

export interface CalendarOptions {
  /** Extra closed days on top of school.holidays, e.g. sommerferie when the roster does not list it. */
  extraHolidays?: readonly SchoolHoliday[];
  /** Month and day (MM-DD) a school year starts when school.schoolYearStart is not set. */
  defaultSchoolYearStart?: string;
}

const defaultSchoolYearMonthDay = "08-01";
const minSupportedYear = 1900;
const maxSupportedYear = 2200;

// Public holidays depend only on the year, so every calendar shares one cache.
const publicHolidayCache = new Map<number, Map<EpochDay, string>>();
let norwegianHolidays: Holidays | undefined;

function publicHolidaysOf(year: number): Map<EpochDay, string> {
  let days = publicHolidayCache.get(year);
  if (days) return days;
  norwegianHolidays ??= new Holidays("NO");
  days = new Map();
  for (const holiday of norwegianHolidays.getHolidays(year)) {
    // Only 'public' days close schools; julaften/nyttårsaften are 'bank' and covered by juleferie.
    if (holiday.type !== "public") continue;
    const day = parseIsoDate(holiday.date.slice(0, 10));
    // Two holidays can share a day (17 May 2027 is also Whit Monday): keep both names.
    const other = days.get(day);
    days.set(day, other === undefined ? holiday.name : `${other} / ${holiday.name}`);
  }
  publicHolidayCache.set(year, days);
  return days;
}

interface ClosedRange {
  from: EpochDay;
  to: EpochDay;
  name: string;
}

function parseMonthDay(value: string): { month: number; day: number } {
  const match = /^(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`Not an MM-DD month and day: ${value}`);
  return { month: Number(match[1]), day: Number(match[2]) };
}

/** The flat school-day tables of one calendar, built lazily per year. */
interface SchoolDayTable {
  /** Makes sure the tables cover the day. */
  ensureDay(day: EpochDay): void;
  isSchoolEpochDay(day: EpochDay): boolean;
  schoolIndex(day: EpochDay): number;
  epochDayOfSchoolIndex(index: number): EpochDay;
}

function createSchoolDayTable(closed: readonly ClosedRange[]): SchoolDayTable {
  // Flat tables over [firstDay, firstDay + flags.length); rebuilt (rarely) when a new year is needed.
  let minYear = 0;
  let maxYear = -1;
  let anchorYear = 0;
  const yearFlags = new Map<number, Uint8Array>();
  const yearCounts = new Map<number, number>();
  let firstDay = 0;
  let flags = new Uint8Array(0);
  let before = new Int32Array(1);
  let schoolDays = new Int32Array(0);
  let firstIndex = 0;

  function buildYear(year: number): void {
    const start = toEpochDayFromParts(year, 1, 1);
    const length = toEpochDayFromParts(year + 1, 1, 1) - start;
    const marks = new Uint8Array(length);
    const publicDays = publicHolidaysOf(year);
    let count = 0;
    for (let i = 0; i < length; i++) {
      const day = start + i;
      const isSchool = weekdayOf(day) < 5 && !publicDays.has(day) && !closed.some((r) => day >= r.from && day <= r.to);
      marks[i] = isSchool ? 1 : 0;
      if (isSchool) count++;
    }
    yearFlags.set(year, marks);
    yearCounts.set(year, count);
  }

  function rebuildTables(): void {
    firstDay = toEpochDayFromParts(minYear, 1, 1);
    const lastDayExclusive = toEpochDayFromParts(maxYear + 1, 1, 1);
    flags = new Uint8Array(lastDayExclusive - firstDay);
    before = new Int32Array(flags.length + 1);
    // Indices stay absolute relative to anchorYear, so extending backwards never shifts them.
    let index = 0;
    if (minYear < anchorYear) for (let y = minYear; y < anchorYear; y++) index -= yearCounts.get(y) ?? 0;
    firstIndex = index;
    let offset = 0;
    const days: number[] = [];
    for (let y = minYear; y <= maxYear; y++) {
      const marks = yearFlags.get(y) as Uint8Array;
      flags.set(marks, offset);
      for (let i = 0; i < marks.length; i++) {
        before[offset + i] = index;
        if (marks[i] === 1) {
          days.push(firstDay + offset + i);
          index++;
        }
      }
      offset += marks.length;
    }
    before[offset] = index;
    schoolDays = Int32Array.from(days);
  }

  function ensureYears(fromYear: number, toYear: number): void {
    if (fromYear < minSupportedYear || toYear > maxSupportedYear)
      throw new RangeError(`Year outside ${minSupportedYear}–${maxSupportedYear}`);
    if (maxYear < minYear) {
      anchorYear = fromYear;
      minYear = fromYear;
      maxYear = fromYear - 1;
    }
    if (fromYear >= minYear && toYear <= maxYear) return;
    for (let y = Math.min(fromYear, minYear); y <= Math.max(toYear, maxYear); y++) if (!yearFlags.has(y)) buildYear(y);
    minYear = Math.min(fromYear, minYear);
    maxYear = Math.max(toYear, maxYear);
    rebuildTables();
  }

  function ensureDay(day: EpochDay): void {
    if (day >= firstDay && day < firstDay + flags.length) return;
    const { year } = toDateParts(day);
    // One spare year ahead so deadlines late in December do not trigger a rebuild.
    ensureYears(year, year + 1);
  }

  function isSchoolEpochDay(day: EpochDay): boolean {
    ensureDay(day);
    return flags[day - firstDay] === 1;
  }

  function schoolIndex(day: EpochDay): number {
    ensureDay(day);
    return before[day - firstDay] as number;
  }

  function epochDayOfSchoolIndex(index: number): EpochDay {
    while (index - firstIndex >= schoolDays.length) ensureYears(minYear, maxYear + 1);
    while (index < firstIndex) ensureYears(minYear - 1, maxYear);
    return schoolDays[index - firstIndex] as number;
  }

  return { ensureDay, isSchoolEpochDay, schoolIndex, epochDayOfSchoolIndex };
}

/** School-year and term lookups for a school year that starts on the given month and day. */
function createSchoolYearLookup(yearStartMonthDay: { month: number; day: number }): {
  schoolYearStartDay(day: EpochDay): EpochDay;
  termOf(day: EpochDay): Term;
} {
  // Most lookups fall in the same school year as the previous one.
  let memoYearFrom = 1;
  let memoYearTo = 0;

  function schoolYearStartDay(day: EpochDay): EpochDay {
    if (day >= memoYearFrom && day <= memoYearTo) return memoYearFrom;
    const start = computeSchoolYearStart(day);
    memoYearFrom = start;
    memoYearTo = toEpochDayFromParts(toDateParts(start).year + 1, yearStartMonthDay.month, yearStartMonthDay.day) - 1;
    return start;
  }

  function computeSchoolYearStart(day: EpochDay): EpochDay {
    const { year } = toDateParts(day);
    const thisYear = toEpochDayFromParts(year, yearStartMonthDay.month, yearStartMonthDay.day);
    return day >= thisYear ? thisYear : toEpochDayFromParts(year - 1, yearStartMonthDay.month, yearStartMonthDay.day);
  }

  let memoTerms: { first: Term; second: Term } | undefined;

  function termOf(day: EpochDay): Term {
    const start = schoolYearStartDay(day);
    if (memoTerms?.first.start !== start) {
      const newYear = toEpochDayFromParts(toDateParts(start).year + 1, 1, 1);
      memoTerms = {
        first: { number: 1, start, end: newYear - 1 },
        second: { number: 2, start: newYear, end: memoYearTo },
      };
    }
    return day < memoTerms.second.start ? memoTerms.first : memoTerms.second;
  }

  return { schoolYearStartDay, termOf };
}

// A frozen school (as the roster hands it out) cannot change, so its calendar is built once for every reader.
const calendarsOfFrozenSchools = new WeakMap<object, SchoolCalendar>();

/** Creates the calendar for one school. Create it once per school and reuse it: tables are built lazily per year. */
export function createSchoolCalendar(
  school: Pick<School, "id" | "holidays" | "timeZone" | "schoolYearStart">,
  options?: CalendarOptions,
): SchoolCalendar {
  if (options || !Object.isFrozen(school)) return buildSchoolCalendar(school, options ?? {});
  let calendar = calendarsOfFrozenSchools.get(school);
  if (!calendar) calendarsOfFrozenSchools.set(school, (calendar = buildSchoolCalendar(school, {})));
  return calendar;
}

function buildSchoolCalendar(
  school: Pick<School, "id" | "holidays" | "timeZone" | "schoolYearStart">,
  options: CalendarOptions,
): SchoolCalendar {
  const closed: ClosedRange[] = [...(school.holidays ?? []), ...(options.extraHolidays ?? [])].map((h) => ({
    from: parseIsoDate(h.from),
    to: parseIsoDate(h.to),
    name: h.name ?? "skolefri",
  }));
  const yearStart = school.schoolYearStart ? parseIsoDate(school.schoolYearStart) : undefined;
  const yearStartMonthDay = school.schoolYearStart
    ? { month: toDateParts(yearStart as number).month, day: toDateParts(yearStart as number).day }
    : parseMonthDay(options.defaultSchoolYearStart ?? defaultSchoolYearMonthDay);
  const { ensureDay, isSchoolEpochDay, schoolIndex, epochDayOfSchoolIndex } = createSchoolDayTable(closed);
  const { schoolYearStartDay, termOf } = createSchoolYearLookup(yearStartMonthDay);

  function nextSchoolEpochDay(day: EpochDay): EpochDay {
    return epochDayOfSchoolIndex(schoolIndex(day + 1));
  }

  function previousSchoolEpochDay(day: EpochDay): EpochDay {
    return epochDayOfSchoolIndex(schoolIndex(day) - 1);
  }

  function schoolEpochDayOnOrAfter(day: EpochDay): EpochDay {
    return epochDayOfSchoolIndex(schoolIndex(day));
  }

  function addSchoolEpochDays(day: EpochDay, n: number): EpochDay {
    if (n === 0) return schoolEpochDayOnOrAfter(day);
    // From a closed day, counting starts at the last school day before it.
    const base = isSchoolEpochDay(day) ? schoolIndex(day) : schoolIndex(day) - 1;
    return epochDayOfSchoolIndex(base + n);
  }

  function countSchoolEpochDays(from: EpochDay, to: EpochDay): number {
    if (to < from) return 0;
    ensureDay(from);
    ensureDay(to + 1);
    return schoolIndex(to + 1) - schoolIndex(from);
  }

  function holidayNameOfEpochDay(day: EpochDay): string | undefined {
    const name = publicHolidaysOf(toDateParts(day).year).get(day);
    if (name !== undefined) return name;
    return closed.find((r) => day >= r.from && day <= r.to)?.name;
  }

  return {
    schoolId: school.id,
    timeZone: school.timeZone ?? "Europe/Oslo",
    isSchoolDay: (date) => isSchoolEpochDay(parseIsoDate(date)),
    nextSchoolDay: (date) => formatIsoDate(nextSchoolEpochDay(parseIsoDate(date))),
    previousSchoolDay: (date) => formatIsoDate(previousSchoolEpochDay(parseIsoDate(date))),
    schoolDayOnOrAfter: (date) => formatIsoDate(schoolEpochDayOnOrAfter(parseIsoDate(date))),
    countSchoolDays: (from, to) => countSchoolEpochDays(parseIsoDate(from), parseIsoDate(to)),
    listSchoolDays(from, to) {
      const a = parseIsoDate(from);
      const b = parseIsoDate(to);
      const result: IsoDate[] = [];
      for (let d = a; d <= b; d++) if (isSchoolEpochDay(d)) result.push(formatIsoDate(d));
      return result;
    },
    addSchoolDays: (date, n) => formatIsoDate(addSchoolEpochDays(parseIsoDate(date), n)),
    areConsecutiveSchoolDays(a, b) {
      const x = parseIsoDate(a);
      const y = parseIsoDate(b);
      return isSchoolEpochDay(x) && isSchoolEpochDay(y) && schoolIndex(y) === schoolIndex(x) + 1;
    },
    holidayName: (date) => holidayNameOfEpochDay(parseIsoDate(date)),
    schoolYearStart: (date) => formatIsoDate(schoolYearStartDay(parseIsoDate(date))),
    termStart: (date) => formatIsoDate(termOf(parseIsoDate(date)).start),
    isSchoolEpochDay,
    schoolIndex,
    epochDayOfSchoolIndex,
    nextSchoolEpochDay,
    previousSchoolEpochDay,
    schoolEpochDayOnOrAfter,
    addSchoolEpochDays,
    countSchoolEpochDays,
    holidayNameOfEpochDay,
    schoolYearStartDay,
    termOf,
  };
}
