import type { AbsenceReason } from "../domain/absence";
import type { SchoolCalendar } from "../domain/calendar";
import {
  type EpochDay,
  monthName,
  type IsoDate,
  formatNorwegianDate,
  formatNorwegianRange,
  isoWeekNumber,
  norwegianMonthName,
  norwegianWeekdayPlural,
  parseIsoDate,
  toDateParts,
} from "../domain/dates";
import type { ExclusionFacts, Trip, TripFacts } from "../domain/evaluation/types";
import type { CountMeasure, LadderDeadline, LadderWindow, Threshold } from "../domain/ladder";
import type { PatternReport } from "../domain/pattern-report";
import type { Language } from "./catalog";
import { shortDate } from "./dates";
import { countOf } from "./plural";

/**
 * Every sentence of a trip and of the absence pattern, in bokmål, nynorsk and English. The bokmål is the
 * engine's own text (Trip.text, PatternReport.observations), so it must not change by a byte; the other two
 * say the same facts in the same order.
 */

/** A window between two days; the engine keeps days as epoch days while it evaluates. */
export type WindowSpan = { type: LadderWindow["type"]; from: EpochDay; to: EpochDay };

/** Singular and plural of a noun. */
type Forms = readonly [one: string, other: string];

function count(n: number, forms: Forms, language: Language): string {
  return countOf(n, language, forms[0], forms[1]);
}

interface TripWords {
  language: Language;
  measure: (measure: CountMeasure, n: number) => string;
  atLeast: (n: number) => string;
  moreThan: (n: number) => string;
  monthName: (month: number) => string;
  sinceSchoolYear: (date: string) => string;
  sinceCaseOpened: (date: string) => string;
  inMonth: (month: string, year: number) => string;
  inWeek: (week: number) => string;
  thisTerm: (date: string) => string;
  inTerm: (range: string) => string;
  schoolDays: Forms;
  rolling: (schoolDays: string, range: string) => string;
  day: Forms;
  continuousIllness: (days: string, span: string) => string;
  agreed: (days: string) => string;
  reason: (days: string, reason: string) => string;
  inRun: (days: string) => string;
  reasons: Record<AbsenceReason, string>;
  notCounted: string;
  undocumented: Forms;
  documented: Forms;
  inSubject: (subject: string) => string;
  limit: string;
  inARow: string;
  wholeDay: string;
  lesson: Forms;
  cameLate: string;
  leftSchool: string;
  notInClass: string;
  undocumentedAbsence: string;
  absence: string;
  earlySign: (date: string) => string;
  sameDay: string;
  week: Forms;
  within: (span: string) => string;
}

const nb: TripWords = {
  language: "nb",
  measure: (measure, n) => {
    switch (measure) {
      case "days":
        return countOf(n, "nb", "fraværsdag", "fraværsdager");
      case "lessons":
        return `${countOf(n, "nb", "time", "timer")} fravær`;
      case "lesson_days":
        return countOf(n, "nb", "dag med timefravær", "dager med timefravær");
      case "late":
        return countOf(n, "nb", "forsentkomming", "forsentkomminger");
      case "left":
        return `${countOf(n, "nb", "gang", "ganger")} gått fra skolen`;
      case "not_in_class":
        return `${countOf(n, "nb", "gang", "ganger")} på skolen, men ikke i timen`;
    }
  },
  atLeast: (n) => `${n} eller flere`,
  moreThan: (n) => `over ${n}`,
  monthName: norwegianMonthName,
  sinceSchoolYear: (date) => `siden ${date}`,
  sinceCaseOpened: (date) => `siden saken ble opprettet ${date}`,
  inMonth: (month, year) => `i ${month} ${year}`,
  inWeek: (week) => `i uke ${week}`,
  thisTerm: (date) => `dette halvåret (siden ${date})`,
  inTerm: (range) => `i halvåret ${range}`,
  schoolDays: ["skoledag", "skoledager"],
  rolling: (schoolDays, range) => `på ${schoolDays} (${range})`,
  day: ["dag", "dager"],
  continuousIllness: (days, span) => `${days} sammenhengende sykdom ${span}`,
  agreed: (days) => `${days} avklart fravær`,
  reason: (days, reason) => `${days} ${reason}`,
  inRun: (days) => `${days} i perioder på rad (bare enkeltdager teller)`,
  reasons: {
    illness: "sykdom",
    leave: "permisjon",
    travel: "reise",
    appointment: "lege-/tannlegetime",
    other: "annet",
    unknown: "ukjent årsak",
  },
  notCounted: "Ikke talt",
  undocumented: ["udokumentert", "udokumenterte"],
  documented: ["dokumentert", "dokumenterte"],
  inSubject: (subject) => ` i ${subject}`,
  limit: "Grense",
  inARow: "på rad",
  wholeDay: "hel dag",
  lesson: ["time", "timer"],
  cameLate: "kom for sent",
  leftSchool: "gikk fra skolen",
  notInClass: "på skolen, men ikke i timen",
  undocumentedAbsence: "Udokumentert fravær",
  absence: "Fravær",
  earlySign: (date) => `Tidlig tegn meldt ${date}`,
  sameDay: "samme dag",
  week: ["uke", "uker"],
  within: (span) => `innen ${span}`,
};

const nn: TripWords = {
  language: "nn",
  measure: (measure, n) => {
    switch (measure) {
      case "days":
        return countOf(n, "nn", "fråværsdag", "fråværsdagar");
      case "lessons":
        return `${countOf(n, "nn", "time", "timar")} fråvær`;
      case "lesson_days":
        return countOf(n, "nn", "dag med timefråvær", "dagar med timefråvær");
      case "late":
        return countOf(n, "nn", "forseintkoming", "forseintkomingar");
      case "left":
        return `${countOf(n, "nn", "gong", "gonger")} gått frå skulen`;
      case "not_in_class":
        return `${countOf(n, "nn", "gong", "gonger")} på skulen, men ikkje i timen`;
    }
  },
  atLeast: (n) => `${n} eller fleire`,
  moreThan: (n) => `over ${n}`,
  // Nynorsk month names are the bokmål ones.
  monthName: norwegianMonthName,
  sinceSchoolYear: (date) => `sidan ${date}`,
  sinceCaseOpened: (date) => `sidan saka vart oppretta ${date}`,
  inMonth: (month, year) => `i ${month} ${year}`,
  inWeek: (week) => `i veke ${week}`,
  thisTerm: (date) => `dette halvåret (sidan ${date})`,
  inTerm: (range) => `i halvåret ${range}`,
  schoolDays: ["skuledag", "skuledagar"],
  rolling: (schoolDays, range) => `på ${schoolDays} (${range})`,
  day: ["dag", "dagar"],
  continuousIllness: (days, span) => `${days} samanhengande sjukdom ${span}`,
  agreed: (days) => `${days} avklart fråvær`,
  reason: (days, reason) => `${days} ${reason}`,
  inRun: (days) => `${days} i periodar på rad (berre enkeltdagar tel)`,
  reasons: {
    illness: "sjukdom",
    leave: "permisjon",
    travel: "reise",
    appointment: "lege-/tannlegetime",
    other: "anna",
    unknown: "ukjend årsak",
  },
  notCounted: "Ikkje talt",
  undocumented: ["udokumentert", "udokumenterte"],
  documented: ["dokumentert", "dokumenterte"],
  inSubject: (subject) => ` i ${subject}`,
  limit: "Grense",
  inARow: "på rad",
  wholeDay: "heil dag",
  lesson: ["time", "timar"],
  cameLate: "kom for seint",
  leftSchool: "gjekk frå skulen",
  notInClass: "på skulen, men ikkje i timen",
  undocumentedAbsence: "Udokumentert fråvær",
  absence: "Fråvær",
  earlySign: (date) => `Tidleg teikn meldt ${date}`,
  sameDay: "same dag",
  week: ["veke", "veker"],
  within: (span) => `innan ${span}`,
};

const en: TripWords = {
  language: "en",
  measure: (measure, n) => {
    switch (measure) {
      case "days":
        return countOf(n, "en", "day absent", "days absent");
      case "lessons":
        return countOf(n, "en", "lesson missed", "lessons missed");
      case "lesson_days":
        return countOf(n, "en", "day with lessons missed", "days with lessons missed");
      case "late":
        return countOf(n, "en", "late arrival", "late arrivals");
      case "left":
        return countOf(n, "en", "time left school", "times left school");
      case "not_in_class":
        return countOf(n, "en", "time at school but not in class", "times at school but not in class");
    }
  },
  atLeast: (n) => `${n} or more`,
  moreThan: (n) => `more than ${n}`,
  monthName: (month) => monthName(month, "en"),
  sinceSchoolYear: (date) => `since ${date}`,
  sinceCaseOpened: (date) => `since the case was opened ${date}`,
  inMonth: (month, year) => `in ${month} ${year}`,
  inWeek: (week) => `in week ${week}`,
  thisTerm: (date) => `this term (since ${date})`,
  inTerm: (range) => `in the term ${range}`,
  schoolDays: ["school day", "school days"],
  rolling: (schoolDays, range) => `over ${schoolDays} (${range})`,
  day: ["day", "days"],
  continuousIllness: (days, span) => `${days} of continuous illness ${span}`,
  agreed: (days) => `${days} of agreed absence`,
  reason: (days, reason) => `${days} (${reason})`,
  inRun: (days) => `${days} in runs of days in a row (only single days count)`,
  reasons: {
    illness: "illness",
    leave: "leave",
    travel: "travel",
    appointment: "doctor's or dentist's appointment",
    other: "other",
    unknown: "unknown reason",
  },
  notCounted: "Not counted",
  undocumented: ["undocumented", "undocumented"],
  documented: ["documented", "documented"],
  inSubject: (subject) => ` in ${subject}`,
  limit: "Threshold",
  inARow: "in a row",
  wholeDay: "whole day",
  lesson: ["lesson", "lessons"],
  cameLate: "came late",
  leftSchool: "left school",
  notInClass: "at school but not in class",
  undocumentedAbsence: "Undocumented absence",
  absence: "Absence",
  earlySign: (date) => `Early sign reported ${date}`,
  sameDay: "same day",
  week: ["week", "weeks"],
  within: (span) => `within ${span}`,
};

const tripWords: Record<Language, TripWords> = { nb, nn, en };

/** «6 fraværsdager», «1 time fravær»: a count of what a count rule measures. */
export function measurePhrase(measure: CountMeasure, n: number, language: Language = "nb"): string {
  return tripWords[language].measure(measure, n);
}

/** «over 4» / «4 eller flere», exactly as the threshold is written. */
export function describeThreshold(t: Threshold, language: Language = "nb"): string {
  const w = tripWords[language];
  return "atLeast" in t ? w.atLeast(t.atLeast) : w.moreThan(t.moreThan);
}

/** «siden 18.08», «i uke 37», «på 20 skoledager (…)»: a count's window; `asOfDay` tells a running term from a past one. */
export function windowPhrase(
  span: WindowSpan,
  calendar: SchoolCalendar,
  asOfDay: EpochDay,
  language: Language = "nb",
): string {
  const w = tripWords[language];
  switch (span.type) {
    case "school_year":
      return w.sinceSchoolYear(formatNorwegianDate(span.from));
    case "since_case_opened":
      return w.sinceCaseOpened(formatNorwegianDate(span.from));
    case "calendar_month": {
      const { month, year } = toDateParts(span.from);
      return w.inMonth(w.monthName(month), year);
    }
    case "calendar_week":
      return w.inWeek(isoWeekNumber(span.from));
    case "term":
      return span.to >= asOfDay
        ? w.thisTerm(formatNorwegianDate(span.from))
        : w.inTerm(formatNorwegianRange(span.from, span.to));
    case "rolling_school_days":
      return w.rolling(
        count(calendar.countSchoolEpochDays(span.from, span.to), w.schoolDays, w.language),
        formatNorwegianRange(span.from, span.to),
      );
  }
}

function exclusionPhrase(x: ExclusionFacts, w: TripWords): string {
  const days = count(x.count, w.day, w.language);
  switch (x.kind) {
    case "continuous_illness":
      return w.continuousIllness(days, formatNorwegianRange(parseIsoDate(x.from), parseIsoDate(x.to)));
    case "agreed":
      return w.agreed(days);
    case "reason":
      return w.reason(days, w.reasons[x.reason ?? "unknown"]);
    case "in_run":
      return w.inRun(days);
  }
}

/** « Ikke talt: 5 dager sammenhengende sykdom 01.–05.09.» (with its leading space), or "" when nothing was left out. */
export function describeExclusions(excluded: readonly ExclusionFacts[], language: Language = "nb"): string {
  if (excluded.length === 0) return "";
  const w = tripWords[language];
  return ` ${w.notCounted}: ${excluded.map((x) => exclusionPhrase(x, w)).join("; ")}.`;
}

/** «: 3 udokumenterte, 4 dokumenterte» (with its leading colon), or "" when both are 0. */
export function breakdown(documented: number, undocumented: number, language: Language = "nb"): string {
  const w = tripWords[language];
  const parts: string[] = [];
  if (undocumented > 0) parts.push(count(undocumented, w.undocumented, w.language));
  if (documented > 0) parts.push(count(documented, w.documented, w.language));
  return parts.length === 0 ? "" : `: ${parts.join(", ")}`;
}

/** Only absence days and lessons are split into documented and undocumented. */
function hasBreakdown(measure: CountMeasure): boolean {
  return measure === "days" || measure === "lessons" || measure === "lesson_days";
}

/** The sentence of a trip that needs no calendar: an occurrence, an early sign or a judgement. */
function describeEvent(
  facts: Extract<TripFacts, { type: "occurrence" | "early_sign" | "judgement" }>,
  day: EpochDay,
  w: TripWords,
): string {
  switch (facts.type) {
    case "occurrence": {
      const what: string[] = [];
      if (facts.wholeDay) what.push(w.wholeDay);
      if (facts.lessons > 0)
        what.push(
          `${count(facts.lessons, w.lesson, w.language)}${facts.subjects.length ? ` (${facts.subjects.join(", ")})` : ""}`,
        );
      if (facts.kinds.includes("late")) what.push(w.cameLate);
      if (facts.kinds.includes("left")) what.push(w.leftSchool);
      if (facts.kinds.includes("not_in_class")) what.push(w.notInClass);
      return `${facts.undocumented ? w.undocumentedAbsence : w.absence} ${formatNorwegianDate(day)}: ${what.join(", ")}.`;
    }
    case "early_sign":
      return `${w.earlySign(formatNorwegianDate(day))}: ${facts.signLabel}${facts.note ? ` (${facts.note})` : ""}`;
    case "judgement":
      return `${facts.label} ${formatNorwegianDate(day)}`;
  }
}

/** A trip's facts as one or two sentences; `span` is the count's window (without it the window is not named). */
export function describeFacts(
  facts: TripFacts,
  day: EpochDay,
  calendar: SchoolCalendar,
  asOfDay: EpochDay,
  span?: WindowSpan,
  language: Language = "nb",
): string {
  const w = tripWords[language];
  switch (facts.type) {
    case "count": {
      const subject = facts.subject ? w.inSubject(facts.subject) : "";
      const split = hasBreakdown(facts.measure) ? breakdown(facts.documented, facts.undocumented, language) : "";
      const when = span ? ` ${windowPhrase(span, calendar, asOfDay, language)}` : "";
      return `${w.measure(facts.measure, facts.count)}${subject}${when}${split}.${describeExclusions(facts.excluded, language)} ${w.limit}: ${describeThreshold(facts.threshold, language)}.`;
    }
    case "consecutive_days": {
      const range = formatNorwegianRange(parseIsoDate(facts.from), parseIsoDate(facts.to));
      return `${w.measure("days", facts.length)} ${w.inARow} ${range}${breakdown(facts.documented, facts.undocumented, language)}.${describeExclusions(facts.excluded, language)} ${w.limit}: ${describeThreshold(facts.threshold, language)} ${w.inARow}.`;
    }
    default:
      return describeEvent(facts, day, w);
  }
}

/** Renders a trip's facts again (e.g. for a card), from the trip alone; in bokmål it is the engine's Trip.text. */
export function describeTrip(
  trip: Pick<Trip, "facts" | "date">,
  calendar: SchoolCalendar,
  asOf: IsoDate,
  language: Language = "nb",
): string {
  const f = trip.facts;
  const span =
    f.type === "count"
      ? { type: f.window.type, from: parseIsoDate(f.window.from), to: parseIsoDate(f.window.to) }
      : undefined;
  return describeFacts(f, parseIsoDate(trip.date), calendar, parseIsoDate(asOf), span, language);
}

/**
 * A trip's facts without the school calendar (a card that has only the trip): windows and exclusions as
 * date ranges «18.08–16.11», no threshold.
 */
export function summarizeTrip(trip: Pick<Trip, "facts" | "date">, language: Language): string {
  const w = tripWords[language];
  const f = trip.facts;
  const range = (from: IsoDate, to: IsoDate): string =>
    from === to ? shortDate(from) : `${shortDate(from)}–${shortDate(to)}`;
  switch (f.type) {
    case "count": {
      const subject = f.subject ? w.inSubject(f.subject) : "";
      const split = hasBreakdown(f.measure) ? breakdown(f.documented, f.undocumented, language) : "";
      const excluded = f.excluded.map((x) => `${count(x.count, w.day, w.language)} ${range(x.from, x.to)}`);
      const notCounted = excluded.length ? ` ${w.notCounted}: ${excluded.join("; ")}.` : "";
      return `${w.measure(f.measure, f.count)}${subject} ${range(f.window.from, f.window.to)}${split}.${notCounted}`;
    }
    case "consecutive_days":
      return `${w.measure("days", f.length)} ${w.inARow} ${range(f.from, f.to)}${breakdown(f.documented, f.undocumented, language)}.`;
    default:
      return describeEvent(f, parseIsoDate(trip.date), w);
  }
}

/** «samme dag», «innen 3 skoledager», or the ladder's own label. */
export function describeDeadline(d: LadderDeadline, language: Language = "nb"): string {
  if (d.label) return d.label;
  const w = tripWords[language];
  switch (d.type) {
    case "same_day":
      return w.sameDay;
    case "school_days":
      return w.within(count(d.days, w.schoolDays, w.language));
    case "weeks":
      return w.within(count(d.weeks, w.week, w.language));
    case "calendar_days":
      return w.within(count(d.days, w.day, w.language));
  }
}

interface PatternWords {
  language: Language;
  weekdays: (weekday: number) => string;
  overRepresented: (weekdays: string, days: number, total: number) => string;
  mondaysFridays: (days: number, total: number, expected: string) => string;
  absenceDays: Forms;
  onlySingles: (days: string) => string;
  singleDays: Forms;
  runs: Forms;
  singlesAndRuns: (singles: string, runs: string, longest: number, span: string) => string;
  nextToBreaks: (days: number, total: number, expected: string) => string;
  nextToHolidays: (days: string, holidays: string) => string;
  times: Forms;
  late: (times: string) => string;
  left: (times: string) => string;
  notInClass: (times: string) => string;
  lessons: Forms;
  mostLessons: (subject: string, lessons: string, times: string) => string;
  appointments: (days: number) => string;
  rising: (totals: string, weeks: number) => string;
  falling: (totals: string, weeks: number) => string;
  percent: (share: number) => string;
}

const norwegianPercent = (share: number): string => `${Math.round(share * 100)} %`;

const nbPattern: PatternWords = {
  language: "nb",
  weekdays: norwegianWeekdayPlural,
  overRepresented: (weekdays, days, total) => `${weekdays} er overrepresentert: ${days} av ${total} dager`,
  mondaysFridays: (days, total, expected) =>
    `Mandager og fredager: ${days} av ${total} fraværsdager (jevnt fordelt ville gitt ca. ${expected})`,
  absenceDays: ["fraværsdag", "fraværsdager"],
  onlySingles: (days) => `Bare enkeltdager: ${days}, ingen dager på rad`,
  singleDays: ["enkeltdag", "enkeltdager"],
  runs: ["periode", "perioder"],
  singlesAndRuns: (singles, runs, longest, span) => `${singles} og ${runs} på rad (lengste: ${longest} dager, ${span})`,
  nextToBreaks: (days, total, expected) =>
    `${days} av ${total} fraværsdager ligger inntil helg eller ferie (jevnt fordelt ville gitt ca. ${expected})`,
  nextToHolidays: (days, holidays) => `${days} inntil ferie eller helligdag (${holidays})`,
  times: ["gang", "ganger"],
  late: (times) => `Kom for sent ${times}`,
  left: (times) => `Gikk fra skolen ${times}`,
  notInClass: (times) => `På skolen, men ikke i timen ${times}`,
  lessons: ["time", "timer"],
  mostLessons: (subject, lessons, times) => `Mest timefravær i ${subject}: ${lessons} (${times})`,
  appointments: (days) => `${days} fraværsdager med lege-/tannlegetime`,
  rising: (totals, weeks) => `Fraværet øker uke for uke: ${totals} ganger fravær i uka de siste ${weeks} ukene`,
  falling: (totals, weeks) => `Fraværet går ned uke for uke: ${totals} ganger fravær i uka de siste ${weeks} ukene`,
  percent: norwegianPercent,
};

const nnWeekdays = ["Måndagar", "Tysdagar", "Onsdagar", "Torsdagar", "Fredagar", "Laurdagar", "Sundagar"];

const nnPattern: PatternWords = {
  language: "nn",
  weekdays: (weekday) => nnWeekdays[weekday] ?? "",
  overRepresented: (weekdays, days, total) => `${weekdays} er overrepresenterte: ${days} av ${total} dagar`,
  mondaysFridays: (days, total, expected) =>
    `Måndagar og fredagar: ${days} av ${total} fråværsdagar (jamt fordelt ville gitt ca. ${expected})`,
  absenceDays: ["fråværsdag", "fråværsdagar"],
  onlySingles: (days) => `Berre enkeltdagar: ${days}, ingen dagar på rad`,
  singleDays: ["enkeltdag", "enkeltdagar"],
  runs: ["periode", "periodar"],
  singlesAndRuns: (singles, runs, longest, span) => `${singles} og ${runs} på rad (lengste: ${longest} dagar, ${span})`,
  nextToBreaks: (days, total, expected) =>
    `${days} av ${total} fråværsdagar ligg inntil helg eller ferie (jamt fordelt ville gitt ca. ${expected})`,
  nextToHolidays: (days, holidays) => `${days} inntil ferie eller heilagdag (${holidays})`,
  times: ["gong", "gonger"],
  late: (times) => `Kom for seint ${times}`,
  left: (times) => `Gjekk frå skulen ${times}`,
  notInClass: (times) => `På skulen, men ikkje i timen ${times}`,
  lessons: ["time", "timar"],
  mostLessons: (subject, lessons, times) => `Mest timefråvær i ${subject}: ${lessons} (${times})`,
  appointments: (days) => `${days} fråværsdagar med lege-/tannlegetime`,
  rising: (totals, weeks) => `Fråværet aukar veke for veke: ${totals} gonger fråvær i veka dei siste ${weeks} vekene`,
  falling: (totals, weeks) =>
    `Fråværet går ned veke for veke: ${totals} gonger fråvær i veka dei siste ${weeks} vekene`,
  percent: norwegianPercent,
};

const enWeekdays = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"];

const enPattern: PatternWords = {
  language: "en",
  weekdays: (weekday) => enWeekdays[weekday] ?? "",
  overRepresented: (weekdays, days, total) => `${weekdays} are over-represented: ${days} of ${total} days`,
  mondaysFridays: (days, total, expected) =>
    `Mondays and Fridays: ${days} of ${total} days absent (evenly spread would give about ${expected})`,
  absenceDays: ["day absent", "days absent"],
  onlySingles: (days) => `Single days only: ${days}, none in a row`,
  singleDays: ["single day", "single days"],
  runs: ["run", "runs"],
  singlesAndRuns: (singles, runs, longest, span) =>
    `${singles} and ${runs} of days in a row (longest: ${longest} days, ${span})`,
  nextToBreaks: (days, total, expected) =>
    `${days} of ${total} days absent are next to a weekend or holiday (evenly spread would give about ${expected})`,
  nextToHolidays: (days, holidays) => `${days} next to a holiday (${holidays})`,
  times: ["time", "times"],
  late: (times) => `Came late ${times}`,
  left: (times) => `Left school ${times}`,
  notInClass: (times) => `At school but not in class ${times}`,
  lessons: ["lesson", "lessons"],
  mostLessons: (subject, lessons, times) => `Most lessons missed in ${subject}: ${lessons} (${times})`,
  appointments: (days) => `${days} days absent with a doctor's or dentist's appointment`,
  rising: (totals, weeks) =>
    `Absence is rising week by week: absent ${totals} times a week over the last ${weeks} weeks`,
  falling: (totals, weeks) =>
    `Absence is falling week by week: absent ${totals} times a week over the last ${weeks} weeks`,
  percent: (share) => `${Math.round(share * 100)}%`,
};

const patternWords: Record<Language, PatternWords> = { nb: nbPattern, nn: nnPattern, en: enPattern };

/** The first of the longest runs. */
function longestRun(runs: PatternReport["runs"]): PatternReport["runs"][number] | undefined {
  return runs.reduce<PatternReport["runs"][number] | undefined>(
    (best, r) => (!best || r.length > best.length ? r : best),
    undefined,
  );
}

/**
 * The pattern's observations for the phone call home, from the report's facts: weekdays, Mondays and
 * Fridays, single days and runs, breaks and holidays, late arrivals, subjects, appointments, trend.
 */
export function describePattern(report: Omit<PatternReport, "observations">, language: Language = "nb"): string[] {
  const w = patternWords[language];
  const notes: string[] = [];
  for (const day of report.weekdays)
    if (day.overRepresented) notes.push(w.overRepresented(w.weekdays(day.weekday), day.days, report.absenceDays));
  const mf = report.mondaysAndFridays;
  if (mf.overRepresented) notes.push(w.mondaysFridays(mf.days, report.absenceDays, w.percent(mf.expectedShare)));
  if (report.absenceDays > 0) {
    const singles = report.singleDays.length;
    const longest = longestRun(report.runs);
    if (!longest) notes.push(w.onlySingles(count(singles, w.absenceDays, w.language)));
    else {
      const span = formatNorwegianRange(parseIsoDate(longest.from), parseIsoDate(longest.to));
      notes.push(
        w.singlesAndRuns(
          count(singles, w.singleDays, w.language),
          count(report.runs.length, w.runs, w.language),
          longest.length,
          span,
        ),
      );
    }
  }
  const b = report.nextToBreaks;
  if (b.overRepresented) notes.push(w.nextToBreaks(b.days, report.absenceDays, w.percent(b.expectedShare)));
  const holidays = [...new Set(b.dates.map((d) => d.holiday).filter((h): h is string => h !== undefined))];
  if (holidays.length > 0) {
    const days = b.dates.filter((d) => d.holiday !== undefined).length;
    notes.push(w.nextToHolidays(count(days, w.absenceDays, w.language), holidays.join(", ")));
  }
  if (report.late > 0) notes.push(w.late(count(report.late, w.times, w.language)));
  if (report.left > 0) notes.push(w.left(count(report.left, w.times, w.language)));
  if (report.notInClass > 0) notes.push(w.notInClass(count(report.notInClass, w.times, w.language)));
  const top = report.lessons.bySubject[0];
  if (top)
    notes.push(
      w.mostLessons(top.subject, count(top.lessons, w.lessons, w.language), count(top.occasions, w.times, w.language)),
    );
  const appointments = report.reasons.find((r) => r.reason === "appointment")?.days ?? 0;
  if (appointments >= 2) notes.push(w.appointments(appointments));
  const totals = report.weeks.map((week) => week.total).join(", ");
  if (report.trend === "rising") notes.push(w.rising(totals, report.weeks.length));
  if (report.trend === "falling") notes.push(w.falling(totals, report.weeks.length));
  return notes;
}
