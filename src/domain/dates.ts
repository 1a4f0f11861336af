/**
 * Date helpers for the pure domain. Dates cross the boundary as `YYYY-MM-DD` strings and are
 * handled internally as integer "epoch days" (days since 1970-01-01), so hot loops never allocate
 * Date objects.
 */

/** A calendar date written as YYYY-MM-DD. */
export type IsoDate = string;

/** Days since 1970-01-01 (a Thursday). */
export type EpochDay = number;

const isoPattern = /^\d{4}-\d{2}-\d{2}$/;

/** Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function toEpochDayFromParts(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1–12) and day of month for an epoch day (civil_from_days). */
export function toDateParts(epochDay: EpochDay): { year: number; month: number; day: number } {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  return (
    toEpochDayFromParts(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    toEpochDayFromParts(year, month, 1)
  );
}

/** True when the string is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!isoPattern.test(value)) return false;
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(value.slice(0, 4)), month);
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const daysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysBeforeYear(year: number): number {
  // Integer division by truncation is exact for years after 1969, the usual case.
  if (year >= 1970)
    return 365 * (year - 1970) + ((year - 1969) >> 2) - (((year - 1901) / 100) | 0) + (((year - 1601) / 400) | 0);
  return (
    365 * (year - 1970) +
    Math.floor((year - 1969) / 4) -
    Math.floor((year - 1901) / 100) +
    Math.floor((year - 1601) / 400)
  );
}

function notADate(value: string): RangeError {
  return new RangeError(`Not a YYYY-MM-DD date: ${value}`);
}

/** Parses YYYY-MM-DD into an epoch day; throws RangeError on anything else (including 2025-02-30). */
export function parseIsoDate(value: IsoDate): EpochDay {
  // Digit arithmetic instead of Number()/slice/Date so parsing millions of registrations stays allocation-free.
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) throw notADate(value);
  const y0 = value.charCodeAt(0) - 48;
  const y1 = value.charCodeAt(1) - 48;
  const y2 = value.charCodeAt(2) - 48;
  const y3 = value.charCodeAt(3) - 48;
  const m0 = value.charCodeAt(5) - 48;
  const m1 = value.charCodeAt(6) - 48;
  const d0 = value.charCodeAt(8) - 48;
  const d1 = value.charCodeAt(9) - 48;
  // Unsigned compare catches both characters below '0' (negative) and above '9'.
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9
  )
    throw notADate(value);
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12) throw notADate(value);
  const leap = isLeapYear(year);
  const length = month === 2 && leap ? 29 : (monthLengths[month - 1] as number);
  if (day < 1 || day > length) throw notADate(value);
  return daysBeforeYear(year) + (daysBeforeMonth[month - 1] as number) + (month > 2 && leap ? 1 : 0) + day - 1;
}

/** Formatted dates of epoch days 0 … formatCacheDays-1 (1970–2243), filled on use: the same few hundred recur for every pupil. */
const formatCacheDays = 100_000;
const formatCache: (IsoDate | undefined)[] = [];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Formats an epoch day as YYYY-MM-DD (cached). */
export function formatIsoDate(epochDay: EpochDay): IsoDate {
  if (epochDay >= 0 && epochDay < formatCache.length) {
    const cached = formatCache[epochDay];
    if (cached !== undefined) return cached;
  }
  return formatAndCache(epochDay);
}

// Kept apart from formatIsoDate so the rare miss does not disturb the optimized lookup.
function formatAndCache(epochDay: EpochDay): IsoDate {
  const { year, month, day } = toDateParts(epochDay);
  const text = `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
  if (epochDay >= 0 && epochDay < formatCacheDays && Number.isInteger(epochDay)) {
    // Grow densely (no holes), so lookups stay on the fast elements path.
    while (formatCache.length <= epochDay) formatCache.push(undefined);
    formatCache[epochDay] = text;
  }
  return text;
}

/** Weekday with Monday = 0 … Sunday = 6. */
export function weekdayOf(epochDay: EpochDay): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

/** The Monday of the ISO week containing the day. */
export function startOfIsoWeek(epochDay: EpochDay): EpochDay {
  return epochDay - weekdayOf(epochDay);
}

/** ISO 8601 week number (1–53). */
export function isoWeekNumber(epochDay: EpochDay): number {
  const thursday = epochDay - weekdayOf(epochDay) + 3;
  const { year } = toDateParts(thursday);
  return Math.floor((thursday - toEpochDayFromParts(year, 1, 1)) / 7) + 1;
}

/** A month as one integer (year * 12 + month - 1), handy as a window key. */
export function monthIndexOf(epochDay: EpochDay): number {
  const { year, month } = toDateParts(epochDay);
  return year * 12 + month - 1;
}

// Month starts for 1970–2199 in one table: month windows are computed for every pupil.
const monthTableFirstYear = 1970;
const monthTableYears = 230;
let monthStarts: Int32Array | undefined;

function monthStartTable(): Int32Array {
  if (monthStarts) return monthStarts;
  const table = new Int32Array(monthTableYears * 12 + 1);
  for (let m = 0; m <= monthTableYears * 12; m++)
    table[m] = toEpochDayFromParts(monthTableFirstYear + Math.floor(m / 12), (m % 12) + 1, 1);
  monthStarts = table;
  return table;
}

/** Position of the month containing the day in the month table, or -1 outside it. */
function monthSlot(epochDay: EpochDay): number {
  const table = monthStartTable();
  if (epochDay < 0 || epochDay >= (table[table.length - 1] as number)) return -1;
  // Months are 28–31 days, so the estimate is off by at most one.
  let m = Math.floor(epochDay / 30.436875);
  if (m >= table.length - 1) m = table.length - 2;
  while ((table[m] as number) > epochDay) m--;
  while ((table[m + 1] as number) <= epochDay) m++;
  return m;
}

export function startOfMonth(epochDay: EpochDay): EpochDay {
  const slot = monthSlot(epochDay);
  if (slot >= 0) return monthStartTable()[slot] as number;
  const { year, month } = toDateParts(epochDay);
  return toEpochDayFromParts(year, month, 1);
}

export function endOfMonth(epochDay: EpochDay): EpochDay {
  const slot = monthSlot(epochDay);
  if (slot >= 0) return (monthStartTable()[slot + 1] as number) - 1;
  const { year, month } = toDateParts(epochDay);
  return toEpochDayFromParts(year, month, daysInMonth(year, month));
}

/** Adds calendar days to an ISO date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return formatIsoDate(parseIsoDate(date) + days);
}

const norwegianMonths = [
  "januar",
  "februar",
  "mars",
  "april",
  "mai",
  "juni",
  "juli",
  "august",
  "september",
  "oktober",
  "november",
  "desember",
] as const;
const englishMonths = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;
const norwegianWeekdays = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"] as const;
const norwegianWeekdaysPlural = [
  "Mandager",
  "Tirsdager",
  "Onsdager",
  "Torsdager",
  "Fredager",
  "Lørdager",
  "Søndager",
] as const;

export function norwegianMonthName(month: number): string {
  return norwegianMonths[month - 1] ?? "";
}

/** A month's name (1–12) in bokmål or nynorsk (the same words, lower case) or English. */
export function monthName(month: number, language: "nb" | "nn" | "en"): string {
  return language === "en" ? (englishMonths[month - 1] ?? "") : norwegianMonthName(month);
}

/** Lower-case Norwegian weekday name, Monday = 0. */
export function norwegianWeekdayName(weekday: number): string {
  return norwegianWeekdays[weekday] ?? "";
}

/** Capitalised plural («Mandager»), used in observations. */
export function norwegianWeekdayPlural(weekday: number): string {
  return norwegianWeekdaysPlural[weekday] ?? "";
}

/** Short Norwegian date «18.08»; with the year «18.08.2025». */
const shortDateCache = new Map<EpochDay, string>();

export function formatNorwegianDate(epochDay: EpochDay, withYear = false): string {
  if (!withYear) {
    // Cached: every trip's text names a few dates, and the same school days recur for every pupil.
    const cached = shortDateCache.get(epochDay);
    if (cached !== undefined) return cached;
  }
  const { year, month, day } = toDateParts(epochDay);
  if (withYear) return `${pad2(day)}.${pad2(month)}.${year}`;
  const text = `${pad2(day)}.${pad2(month)}`;
  if (shortDateCache.size < 100_000) shortDateCache.set(epochDay, text);
  return text;
}

/** Norwegian date range: «01.–05.09» within a month, «29.08–02.09» across months, «01.09» for one day. */
export function formatNorwegianRange(from: EpochDay, to: EpochDay): string {
  if (from === to) return formatNorwegianDate(from);
  const a = toDateParts(from);
  const b = toDateParts(to);
  if (a.year === b.year && a.month === b.month) return `${pad2(a.day)}.–${formatNorwegianDate(to)}`;
  return `${formatNorwegianDate(from)}–${formatNorwegianDate(to)}`;
}

const localDateFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The local calendar date of an instant in a time zone (e.g. Europe/Oslo), so callers can turn
 * "now" into the `asOf` date the pure functions take. Pure: the instant is an argument.
 */
export function toLocalIsoDate(instant: Date, timeZone: string): IsoDate {
  let formatter = localDateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    localDateFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/**
 * «16.11» in a text about the past as «16.11.2026»: each day and month without a year gets the year that puts it on or
 * before `asOf` (a trip's facts name days of the last months). Dates that have a year keep it.
 */
export function withYears(text: string, asOf: IsoDate): string {
  const { year, month, day } = toDateParts(parseIsoDate(asOf));
  return text.replace(/(?<![\d.])(?<!kl\.\s?)(\d{2})\.(\d{2})(?![.\d])/g, (whole, dd: string, mm: string) => {
    const m = Number(mm);
    const d = Number(dd);
    if (m < 1 || m > 12 || d < 1 || d > 31) return whole;
    const later = m > month || (m === month && d > day);
    return `${dd}.${mm}.${later ? year - 1 : year}`;
  });
}
