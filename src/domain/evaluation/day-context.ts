// The day an evaluation is for: its calendar lookups, remembered for the pupils evaluated for the same day.
import type { SchoolCalendar } from "../calendar";
import { type EpochDay, type IsoDate, formatIsoDate, parseIsoDate } from "../dates";

/** Marks a day that is not a school day in a DayContext's index table (school indices are never this low). */
export const NOT_SCHOOL_DAY = -2147483648;

// All pupils of a school are usually evaluated for the same day: remember the day's calendar lookups. A few
// contexts are kept, so pupils of schools with different calendars can be evaluated in any order.
export interface DayContext {
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
// Caches, not working tables: a day context depends only on its calendar and day.
const dayContexts: (DayContext | undefined)[] = [undefined, undefined, undefined, undefined];
let nextDayContextSlot = 0;

let lastDayContext: DayContext | undefined;

export function dayContextOf(calendar: SchoolCalendar, asOf: IsoDate): DayContext {
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
