// The trip texts in Norwegian bokmål, moved here unchanged from the engine; src/i18n/trip-texts.ts is to replace them.
import type { AbsenceReason } from "../absence";
import type { SchoolCalendar } from "../calendar";
import {
  type EpochDay,
  type IsoDate,
  formatNorwegianDate,
  formatNorwegianRange,
  isoWeekNumber,
  norwegianMonthName,
  parseIsoDate,
  toDateParts,
} from "../dates";
import type { CountMeasure, LadderDeadline, Threshold } from "../ladder";
import type { ExclusionFacts, Trip, TripFacts, WindowSpan } from "./types";

const reasonLabels: Record<AbsenceReason, string> = {
  illness: "sykdom",
  leave: "permisjon",
  travel: "reise",
  appointment: "lege-/tannlegetime",
  other: "annet",
  unknown: "ukjent årsak",
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function measurePhrase(measure: CountMeasure, n: number): string {
  switch (measure) {
    case "days":
      return plural(n, "fraværsdag", "fraværsdager");
    case "lessons":
      return `${plural(n, "time", "timer")} fravær`;
    case "lesson_days":
      return plural(n, "dag med timefravær", "dager med timefravær");
    case "late":
      return plural(n, "forsentkomming", "forsentkomminger");
    case "left":
      return `${plural(n, "gang", "ganger")} gått fra skolen`;
    case "not_in_class":
      return `${plural(n, "gang", "ganger")} på skolen, men ikke i timen`;
  }
}

/** «over 4» / «4 eller flere», exactly as the threshold is written. */
export function describeThreshold(t: Threshold): string {
  return "atLeast" in t ? `${t.atLeast} eller flere` : `over ${t.moreThan}`;
}

function windowPhrase(w: WindowSpan, calendar: SchoolCalendar, asOfDay: EpochDay): string {
  switch (w.type) {
    case "school_year":
      return `siden ${formatNorwegianDate(w.from)}`;
    case "since_case_opened":
      return `siden saken ble opprettet ${formatNorwegianDate(w.from)}`;
    case "calendar_month": {
      const { month, year } = toDateParts(w.from);
      return `i ${norwegianMonthName(month)} ${year}`;
    }
    case "calendar_week":
      return `i uke ${isoWeekNumber(w.from)}`;
    case "term":
      return w.to >= asOfDay
        ? `dette halvåret (siden ${formatNorwegianDate(w.from)})`
        : `i halvåret ${formatNorwegianRange(w.from, w.to)}`;
    case "rolling_school_days":
      return `på ${calendar.countSchoolEpochDays(w.from, w.to)} skoledager (${formatNorwegianRange(w.from, w.to)})`;
  }
}

function describeExclusions(excluded: readonly ExclusionFacts[]): string {
  if (excluded.length === 0) return "";
  const parts = excluded.map((x) => {
    const span = formatNorwegianRange(parseIsoDate(x.from), parseIsoDate(x.to));
    switch (x.kind) {
      case "continuous_illness":
        return `${plural(x.count, "dag", "dager")} sammenhengende sykdom ${span}`;
      case "agreed":
        return `${plural(x.count, "dag", "dager")} avklart fravær`;
      case "reason":
        return `${plural(x.count, "dag", "dager")} ${reasonLabels[x.reason ?? "unknown"]}`;
      case "in_run":
        return `${plural(x.count, "dag", "dager")} i perioder på rad (bare enkeltdager teller)`;
    }
  });
  return ` Ikke talt: ${parts.join("; ")}.`;
}

function breakdown(documented: number, undocumented: number): string {
  const parts: string[] = [];
  if (undocumented > 0) parts.push(plural(undocumented, "udokumentert", "udokumenterte"));
  if (documented > 0) parts.push(plural(documented, "dokumentert", "dokumenterte"));
  return parts.length === 0 ? "" : `: ${parts.join(", ")}`;
}

export function describeFacts(
  facts: TripFacts,
  day: EpochDay,
  calendar: SchoolCalendar,
  asOfDay: EpochDay,
  span?: WindowSpan,
): string {
  switch (facts.type) {
    case "count": {
      const subject = facts.subject ? ` i ${facts.subject}` : "";
      const split =
        facts.measure === "days" || facts.measure === "lessons" || facts.measure === "lesson_days"
          ? breakdown(facts.documented, facts.undocumented)
          : "";
      const when = span ? ` ${windowPhrase(span, calendar, asOfDay)}` : "";
      return `${measurePhrase(facts.measure, facts.count)}${subject}${when}${split}.${describeExclusions(facts.excluded)} Grense: ${describeThreshold(facts.threshold)}.`;
    }
    case "consecutive_days": {
      const range = formatNorwegianRange(parseIsoDate(facts.from), parseIsoDate(facts.to));
      return `${plural(facts.length, "fraværsdag", "fraværsdager")} på rad ${range}${breakdown(facts.documented, facts.undocumented)}.${describeExclusions(facts.excluded)} Grense: ${describeThreshold(facts.threshold)} på rad.`;
    }
    case "occurrence": {
      let what = facts.wholeDay ? "hel dag" : "";
      const add = (part: string): void => {
        what = what === "" ? part : `${what}, ${part}`;
      };
      if (facts.lessons > 0)
        add(
          `${plural(facts.lessons, "time", "timer")}${facts.subjects.length ? ` (${facts.subjects.join(", ")})` : ""}`,
        );
      if (facts.kinds.includes("late")) add("kom for sent");
      if (facts.kinds.includes("left")) add("gikk fra skolen");
      if (facts.kinds.includes("not_in_class")) add("på skolen, men ikke i timen");
      return `${facts.undocumented ? "Udokumentert fravær" : "Fravær"} ${formatNorwegianDate(day)}: ${what}.`;
    }
    case "early_sign":
      return `Tidlig tegn meldt ${formatNorwegianDate(day)}: ${facts.signLabel}${facts.note ? ` (${facts.note})` : ""}`;
    case "judgement":
      return `${facts.label} ${formatNorwegianDate(day)}`;
  }
}

/** Renders a trip's facts in Norwegian bokmål again (e.g. for a card), from the trip alone. */
export function describeTrip(trip: Pick<Trip, "facts" | "date">, calendar: SchoolCalendar, asOf: IsoDate): string {
  const f = trip.facts;
  const span =
    f.type === "count"
      ? { type: f.window.type, from: parseIsoDate(f.window.from), to: parseIsoDate(f.window.to) }
      : undefined;
  return describeFacts(f, parseIsoDate(trip.date), calendar, parseIsoDate(asOf), span);
}

export function describeDeadline(d: LadderDeadline): string {
  if (d.label) return d.label;
  switch (d.type) {
    case "same_day":
      return "samme dag";
    case "school_days":
      return `innen ${plural(d.days, "skoledag", "skoledager")}`;
    case "weeks":
      return `innen ${plural(d.weeks, "uke", "uker")}`;
    case "calendar_days":
      return `innen ${plural(d.days, "dag", "dager")}`;
  }
}
