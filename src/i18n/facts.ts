import type { Trip, TripFacts } from "../domain/evaluation";
import type { PatternReport } from "../domain/pattern";
import type { Language } from "./catalog";
import { shortDate } from "./dates";

/**
 * The engine words its facts in bokmål, the routines' language. Nynorsk and English readers get the same
 * facts rendered here from the structured data; the ladder's own labels stay in the routine's words.
 */
type Words = {
  measures: Record<string, string>;
  window: (from: string, to: string) => string;
  split: (undocumented: number, documented: number) => string;
  notCounted: (count: number, from: string, to: string) => string;
  inARow: (length: number, from: string, to: string) => string;
  undocumentedOn: (date: string, what: string) => string;
  wholeDay: string;
  lessons: (n: number) => string;
  earlySign: (date: string, label: string) => string;
  overRepresented: (weekday: string, days: number, total: number) => string;
  mondaysFridays: (days: number, total: number) => string;
  nextToBreaks: (days: number, total: number) => string;
  onlySingles: (days: number) => string;
  runs: (runs: number, longest: number) => string;
  rising: string;
  weekdays: readonly string[];
};

const nn: Words = {
  measures: {
    days: "fråværsdagar",
    lessons: "timar fråvær",
    lesson_days: "dagar med timefråvær",
    late: "forseintkomingar",
    left: "gonger gått frå skulen",
    not_in_class: "gonger ikkje i timen",
  },
  window: (from, to) => `${from}–${to}`,
  split: (u, d) => `${u} udokumenterte, ${d} dokumenterte`,
  notCounted: (c, from, to) => `Ikkje rekna med: ${c} dagar ${from}–${to}`,
  inARow: (n, from, to) => `${n} fråværsdagar på rad ${from}–${to}`,
  undocumentedOn: (date, what) => `Udokumentert fråvær ${date}: ${what}`,
  wholeDay: "heil dag",
  lessons: (n) => `${n} timar`,
  earlySign: (date, label) => `Tidleg teikn meldt ${date}: ${label}`,
  overRepresented: (w, d, t) => `${w} er overrepresenterte: ${d} av ${t} dagar`,
  mondaysFridays: (d, t) => `Måndagar og fredagar: ${d} av ${t} fråværsdagar`,
  nextToBreaks: (d, t) => `${d} av ${t} fråværsdagar ligg inntil helg eller ferie`,
  onlySingles: (d) => `Berre enkeltdagar: ${d} fråværsdagar, ingen på rad`,
  runs: (r, l) => `${r} periodar med fleire dagar på rad (lengste: ${l} dagar)`,
  rising: "Fråværet aukar dei siste vekene",
  weekdays: ["Måndagar", "Tysdagar", "Onsdagar", "Torsdagar", "Fredagar"],
};

const en: Words = {
  measures: {
    days: "days absent",
    lessons: "lessons missed",
    lesson_days: "days with lessons missed",
    late: "late arrivals",
    left: "times left school",
    not_in_class: "times not in class",
  },
  window: (from, to) => `${from}–${to}`,
  split: (u, d) => `${u} undocumented, ${d} documented`,
  notCounted: (c, from, to) => `Not counted: ${c} days ${from}–${to}`,
  inARow: (n, from, to) => `${n} days absent in a row ${from}–${to}`,
  undocumentedOn: (date, what) => `Undocumented absence ${date}: ${what}`,
  wholeDay: "whole day",
  lessons: (n) => `${n} lessons`,
  earlySign: (date, label) => `Early sign reported ${date}: ${label}`,
  overRepresented: (w, d, t) => `${w} are over-represented: ${d} of ${t} days`,
  mondaysFridays: (d, t) => `Mondays and Fridays: ${d} of ${t} days absent`,
  nextToBreaks: (d, t) => `${d} of ${t} days absent are next to a weekend or holiday`,
  onlySingles: (d) => `Single days only: ${d} days absent, none in a row`,
  runs: (r, l) => `${r} runs of several days in a row (longest: ${l} days)`,
  rising: "Absence is rising over the last weeks",
  weekdays: ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays"],
};

const words: Record<Exclude<Language, "nb">, Words> = { nn, en };

function describe(facts: TripFacts, w: Words): string {
  switch (facts.type) {
    case "count": {
      const head = `${facts.count} ${w.measures[facts.measure] ?? facts.measure}${facts.subject ? ` (${facts.subject})` : ""} ${w.window(shortDate(facts.window.from), shortDate(facts.window.to))}`;
      const parts = [`${head}: ${w.split(facts.undocumented, facts.documented)}.`];
      for (const x of facts.excluded) parts.push(`${w.notCounted(x.count, shortDate(x.from), shortDate(x.to))}.`);
      return parts.join(" ");
    }
    case "consecutive_days":
      return `${w.inARow(facts.length, shortDate(facts.from), shortDate(facts.to))}: ${w.split(facts.undocumented, facts.documented)}.`;
    case "occurrence":
      return `${w.undocumentedOn(shortDate(facts.date), facts.wholeDay ? w.wholeDay : w.lessons(facts.lessons))}.`;
    case "early_sign":
      return `${w.earlySign(shortDate(facts.date), facts.signLabel)}.`;
    case "judgement":
      return `${facts.label} ${shortDate(facts.date)}.`;
  }
}

export function tripText(trip: Trip, language: Language): string {
  return language === "nb" ? trip.text : describe(trip.facts, words[language]);
}

export function patternObservations(pattern: PatternReport, language: Language): string[] {
  if (language === "nb") return pattern.observations;
  const w = words[language];
  const lines: string[] = [];
  for (const day of pattern.weekdays)
    if (day.overRepresented)
      lines.push(w.overRepresented(w.weekdays[day.weekday] ?? day.name, day.days, pattern.absenceDays));
  if (pattern.mondaysAndFridays.overRepresented)
    lines.push(w.mondaysFridays(pattern.mondaysAndFridays.days, pattern.absenceDays));
  if (pattern.absenceDays > 0 && pattern.runs.length === 0) lines.push(w.onlySingles(pattern.absenceDays));
  if (pattern.runs.length > 0) lines.push(w.runs(pattern.runs.length, Math.max(...pattern.runs.map((r) => r.length))));
  if (pattern.nextToBreaks.overRepresented) lines.push(w.nextToBreaks(pattern.nextToBreaks.days, pattern.absenceDays));
  if (pattern.trend === "rising") lines.push(w.rising);
  return lines;
}
