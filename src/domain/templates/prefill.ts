import { addDays, formatNorwegianRange, parseIsoDate, toDateParts, toEpochDayFromParts, weekdayOf } from "../dates";
import { countOf } from "../../i18n/plural";
import type { PatternReport } from "../pattern";
import {
  type TemplateLanguage,
  defaultMaxLength,
  measureAreas,
  toKindergartenWords,
  translate,
  truncate,
} from "./common";
import { type EvaluationPeriod, ladderProfile } from "./ladders";
import type { Answers, MeasureAnswer, TemplateContext, TemplateDefinition, TemplateField } from "./types";

/**
 * Pre-filled answers for a template: step 1 of the phone call from the pattern analysis (002 §2.4 pkt. 1,
 * 001 «Første kontakt med hjemmet» pkt. 1), today's date where the template asks for the date of the
 * contact, the pupil's step, and evaluation dates from the ladder's period. Pure: dates come from
 * `context.today`, never from the clock. Every text is the teacher's to edit.
 */

// ── Evaluation period ───────────────────────────────────────────────────────────────────────────

/** A period as read from the context: the ladder units, or plain calendar days. */
export type Period = EvaluationPeriod | { unit: "days"; amount: number };

const unitWords: readonly [RegExp, Period["unit"]][] = [
  [/^(school[ _-]?days?|skoledag(?:er)?|skuledag(?:ar)?|sd)$/, "school_days"],
  [/^(w|wk|wks|weeks?|uker?|veker?|veke)$/, "weeks"],
  [/^(m|mo|months?|måned(?:er)?|månad(?:er)?|mnd)$/, "months"],
  [/^(d|days?|dag(?:er|ar)?)$/, "days"],
];

function unitOf(word: string): Period["unit"] | undefined {
  const w = word.trim().toLowerCase();
  return unitWords.find(([pattern]) => pattern.test(w))?.[1];
}

/**
 * Reads the ladder's evaluation period as the context carries it: "3 weeks", "3w", "weeks:3",
 * "15 school_days", "1 month", an ISO 8601 duration ("P3W", "P1M", "P21D") or the ladder's own
 * `{ "unit": "weeks", "amount": 3 }`. Anything else gives null.
 */
export function parseEvaluationPeriod(text: string | null | undefined): Period | null {
  if (typeof text !== "string") return null;
  const value = text.trim();
  if (value.length === 0 || value.length > 100) return null;
  let amount: number | undefined;
  let unit: Period["unit"] | undefined;
  const iso = /^P(\d{1,3})([DWM])$/i.exec(value);
  const numberFirst = /^(\d{1,3})\s*([\p{L}_ -]+)$/u.exec(value);
  const unitFirst = /^([\p{L}_ -]+)\s*[:=]\s*(\d{1,3})$/u.exec(value);
  if (iso) {
    amount = Number(iso[1]);
    unit = ({ D: "days", W: "weeks", M: "months" } as const)[(iso[2] as string).toUpperCase() as "D" | "W" | "M"];
  } else if (numberFirst) {
    amount = Number(numberFirst[1]);
    unit = unitOf(numberFirst[2] as string);
  } else if (unitFirst) {
    amount = Number(unitFirst[2]);
    unit = unitOf(unitFirst[1] as string);
  } else if (value.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === "object") {
        const p = parsed as { unit?: unknown; amount?: unknown };
        if (typeof p.amount === "number" && typeof p.unit === "string") {
          amount = p.amount;
          unit = unitOf(p.unit);
        }
      }
    } catch {
      return null;
    }
  }
  if (unit === undefined || amount === undefined || !Number.isInteger(amount) || amount < 1 || amount > 365)
    return null;
  return { unit, amount };
}

/** Adds the period to a date. School days skip Saturdays and Sundays (holidays are not known here). */
export function addPeriod(date: string, period: Period): string {
  switch (period.unit) {
    case "days":
      return addDays(date, period.amount);
    case "weeks":
      return addDays(date, 7 * period.amount);
    case "school_days": {
      let day = parseIsoDate(date);
      let left = period.amount;
      while (left > 0) {
        day += 1;
        if (weekdayOf(day) < 5) left -= 1;
      }
      return addDays(date, day - parseIsoDate(date));
    }
    case "months": {
      const { year, month, day } = toDateParts(parseIsoDate(date));
      const index = year * 12 + (month - 1) + period.amount;
      const y = Math.floor(index / 12);
      const m = (index % 12) + 1;
      const length = toEpochDayFromParts(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - toEpochDayFromParts(y, m, 1);
      const target = toEpochDayFromParts(y, m, Math.min(day, length));
      return addDays(date, target - parseIsoDate(date));
    }
  }
}

/**
 * The default evaluation date of measures: `context.evaluationDefault` when it reads as a period,
 * else the ladder's own (three weeks in 002 §1.3 and 001 Trinn 3–4; about one month in 000 Del 4).
 * With the school's calendar, the next school day on or after the period's end: an evaluation (and its
 * reminder) never falls in the school's own holidays.
 */
export function defaultEvaluationDate(
  context: Pick<TemplateContext, "today" | "ladderId" | "evaluationDefault" | "calendar">,
): string {
  const period = parseEvaluationPeriod(context.evaluationDefault) ?? ladderProfile(context.ladderId).evaluation;
  const calendar = context.calendar;
  if (!calendar) return addPeriod(context.today, period);
  if (period.unit === "school_days") return calendar.addSchoolDays(context.today, period.amount);
  return calendar.schoolDayOnOrAfter(addPeriod(context.today, period));
}

// ── Pattern texts ───────────────────────────────────────────────────────────────────────────────

const weekdayShort: Readonly<Record<TemplateLanguage, readonly string[]>> = {
  nb: ["man", "tir", "ons", "tor", "fre"],
  nn: ["mån", "tys", "ons", "tor", "fre"],
  en: ["Mon", "Tue", "Wed", "Thu", "Fri"],
};

const weekdayPlural: Readonly<Record<TemplateLanguage, readonly string[]>> = {
  nb: ["Mandager", "Tirsdager", "Onsdager", "Torsdager", "Fredager"],
  nn: ["Måndagar", "Tysdagar", "Onsdagar", "Torsdagar", "Fredagar"],
  en: ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays"],
};

type Noun = "absenceDay" | "time" | "lesson" | "single" | "run" | "day";
const nouns: Readonly<Record<TemplateLanguage, Readonly<Record<Noun, readonly [string, string]>>>> = {
  nb: {
    absenceDay: ["fraværsdag", "fraværsdager"],
    time: ["gang", "ganger"],
    lesson: ["time", "timer"],
    single: ["enkeltdag", "enkeltdager"],
    run: ["periode", "perioder"],
    day: ["dag", "dager"],
  },
  nn: {
    absenceDay: ["fråværsdag", "fråværsdagar"],
    time: ["gong", "gonger"],
    lesson: ["time", "timar"],
    single: ["enkeltdag", "enkeltdagar"],
    run: ["periode", "periodar"],
    day: ["dag", "dagar"],
  },
  en: {
    absenceDay: ["day of absence", "days of absence"],
    time: ["time", "times"],
    lesson: ["lesson", "lessons"],
    single: ["single day", "single days"],
    run: ["run", "runs"],
    day: ["day", "days"],
  },
};

function count(language: TemplateLanguage, n: number, noun: Noun): string {
  const [one, many] = nouns[language][noun];
  return countOf(n, language, one, many);
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function range(from: string, to: string): string {
  return formatNorwegianRange(parseIsoDate(from), parseIsoDate(to));
}

export interface PatternTexts {
  days: string;
  runs: string;
  lateLeft: string;
  activities: string;
  appointments: string;
}

/** Short texts for step 1 of the phone call, in the teacher's language, from a pattern report. */
/** Which weekdays, over-represented ones, Monday + Friday, next to breaks. */
function dayTexts(report: PatternReport, language: TemplateLanguage): string[] {
  const t = translate(language);
  const n = report.absenceDays;
  const period = range(report.from, report.to);
  const days: string[] = [];
  if (n === 0) {
    days.push(
      t(
        `Ingen hele fraværsdager i perioden ${period}.`,
        `Ingen heile fråværsdagar i perioden ${period}.`,
        `No whole days of absence in the period ${period}.`,
      ),
    );
  } else {
    const perWeekday = report.weekdays
      .filter((w) => w.weekday >= 0 && w.weekday < 5)
      .map((w) => `${weekdayShort[language][w.weekday]} ${w.days}`)
      .join(", ");
    const undocumented = report.undocumentedDays;
    days.push(
      t(
        `${count("nb", n, "absenceDay")} (${countOf(undocumented, "nb", "udokumentert", "udokumenterte")}) i perioden ${period}: ${perWeekday}.`,
        `${count("nn", n, "absenceDay")} (${countOf(undocumented, "nn", "udokumentert", "udokumenterte")}) i perioden ${period}: ${perWeekday}.`,
        `${count("en", n, "absenceDay")} (${undocumented} undocumented) in the period ${period}: ${perWeekday}.`,
      ),
    );
    const over = report.weekdays.filter((w) => w.overRepresented && w.weekday < 5);
    for (const w of over) {
      const name = weekdayPlural[language][w.weekday] ?? "";
      days.push(
        t(
          `${name} er overrepresentert: ${w.days} av ${n} dager.`,
          `${name} er overrepresenterte: ${w.days} av ${n} dagar.`,
          `${name} are over-represented: ${w.days} of ${n} days.`,
        ),
      );
    }
    const mf = report.mondaysAndFridays;
    if (mf.overRepresented) {
      days.push(
        t(
          `Mandager og fredager: ${mf.days} av ${n} fraværsdager (jevnt fordelt ville gitt ca. ${percent(mf.expectedShare)}).`,
          `Måndagar og fredagar: ${mf.days} av ${n} fråværsdagar (jamt fordelt ville gitt ca. ${percent(mf.expectedShare)}).`,
          `Mondays and Fridays: ${mf.days} of ${n} days of absence (an even spread would give about ${percent(mf.expectedShare)}).`,
        ),
      );
    }
    const b = report.nextToBreaks;
    if (b.overRepresented) {
      days.push(
        t(
          `${b.days} av ${n} fraværsdager ligger inntil helg eller ferie.`,
          `${b.days} av ${n} fråværsdagar ligg inntil helg eller ferie.`,
          `${b.days} of ${n} days of absence are next to a weekend or holiday.`,
        ),
      );
    }
    if (over.length === 0 && !mf.overRepresented && !b.overRepresented) {
      days.push(t("Ingen ukedag skiller seg ut.", "Ingen vekedag skil seg ut.", "No weekday stands out."));
    }
  }

  return days;
}

/** Runs or single days, and the trend. */
function runTexts(report: PatternReport, language: TemplateLanguage): string[] {
  const t = translate(language);
  const n = report.absenceDays;
  const runs: string[] = [];
  if (n > 0) {
    if (report.runs.length === 0) {
      runs.push(
        t(
          `Bare enkeltdager: ${count("nb", report.singleDays.length, "absenceDay")}, ingen dager på rad.`,
          `Berre enkeltdagar: ${count("nn", report.singleDays.length, "absenceDay")}, ingen dagar på rad.`,
          `Only single days: ${count("en", report.singleDays.length, "absenceDay")}, none in a row.`,
        ),
      );
    } else {
      const longest = report.runs.reduce((best, r) => (r.length > best.length ? r : best));
      const span = range(longest.from, longest.to);
      runs.push(
        t(
          `${count("nb", report.singleDays.length, "single")} og ${count("nb", report.runs.length, "run")} på rad (lengste: ${count("nb", longest.length, "day")}, ${span}).`,
          `${count("nn", report.singleDays.length, "single")} og ${count("nn", report.runs.length, "run")} på rad (lengste: ${count("nn", longest.length, "day")}, ${span}).`,
          `${count("en", report.singleDays.length, "single")} and ${count("en", report.runs.length, "run")} of days in a row (longest: ${count("en", longest.length, "day")}, ${span}).`,
        ),
      );
    }
  }
  const totals = report.weeks.map((w) => w.total).join(", ");
  if (report.trend === "rising") {
    runs.push(
      t(
        `Fraværet øker uke for uke: ${totals} ganger fravær i uka de siste ${report.weeks.length} ukene.`,
        `Fråværet aukar veke for veke: ${totals} gonger fråvær i veka dei siste ${report.weeks.length} vekene.`,
        `Absence is rising week by week: absent ${totals} times a week over the last ${report.weeks.length} weeks.`,
      ),
    );
  } else if (report.trend === "falling") {
    runs.push(
      t(
        `Fraværet går ned uke for uke: ${totals} ganger fravær i uka de siste ${report.weeks.length} ukene.`,
        `Fråværet går ned veke for veke: ${totals} gonger fråvær i veka dei siste ${report.weeks.length} vekene.`,
        `Absence is falling week by week: absent ${totals} times a week over the last ${report.weeks.length} weeks.`,
      ),
    );
  }

  return runs;
}

export function describePattern(report: PatternReport, language: TemplateLanguage = "nb"): PatternTexts {
  const t = translate(language);
  const days = dayTexts(report, language);
  const runs = runTexts(report, language);

  // Late arrivals and leaving early.
  const lateLeft: string[] = [];
  if (report.late > 0)
    lateLeft.push(
      t(
        `Kom for sent ${count("nb", report.late, "time")}.`,
        `Kom for seint ${count("nn", report.late, "time")}.`,
        `Arrived late ${count("en", report.late, "time")}.`,
      ),
    );
  if (report.left > 0) {
    lateLeft.push(
      t(
        `Gikk hjem før skoledagen var over ${count("nb", report.left, "time")}.`,
        `Gjekk heim før skuledagen var over ${count("nn", report.left, "time")}.`,
        `Went home before the end of the school day ${count("en", report.left, "time")}.`,
      ),
    );
  }
  if (lateLeft.length === 0) {
    lateLeft.push(
      t(
        "Ingen registrerte forsentkomminger eller tidlig hjemgang.",
        "Ingen registrerte forseinkingar eller tidleg heimgang.",
        "No late arrivals or early departures registered.",
      ),
    );
  }

  // Lessons and activities: in school but not in class, lesson absence by subject.
  const activities: string[] = [];
  if (report.notInClass > 0) {
    activities.push(
      t(
        `På skolen, men ikke i timen ${count("nb", report.notInClass, "time")}.`,
        `På skulen, men ikkje i timen ${count("nn", report.notInClass, "time")}.`,
        `In school but not in class ${count("en", report.notInClass, "time")}.`,
      ),
    );
  }
  const subjects = report.lessons.bySubject.slice(0, 3);
  if (subjects.length > 0) {
    const list = subjects
      .map((s) => `${s.subject} ${count(language, s.lessons, "lesson")} (${count(language, s.occasions, "time")})`)
      .join(", ");
    activities.push(t(`Timefravær: ${list}.`, `Timefråvær: ${list}.`, `Lesson absence: ${list}.`));
  }
  if (activities.length === 0) {
    activities.push(
      t(
        "Ikke registrert timefravær eller fravær fra timen.",
        "Ikkje registrert timefråvær eller fråvær frå timen.",
        "No lesson absence or time out of class registered.",
      ),
    );
  }

  // Appointments (the seed asks about doctor/dentist and tests; only a count, never what for).
  const appointments = report.reasons.find((r) => r.reason === "appointment")?.days ?? 0;
  const appointmentText =
    appointments > 0
      ? t(
          `${count("nb", appointments, "absenceDay")} registrert som time hos lege/tannlege o.l.`,
          `${count("nn", appointments, "absenceDay")} registrert som time hos lege/tannlege o.l.`,
          `${count("en", appointments, "absenceDay")} registered as doctor/dentist appointments or similar.`,
        )
      : "";

  const fit = (parts: string[]): string => truncate(parts.join(" "), defaultMaxLength);
  return {
    days: fit(days),
    runs: fit(runs),
    lateLeft: fit(lateLeft),
    activities: fit(activities),
    appointments: truncate(appointmentText, defaultMaxLength),
  };
}

// ── Prefill ─────────────────────────────────────────────────────────────────────────────────────

function fieldsOf(definition: TemplateDefinition): Map<string, TemplateField> {
  const map = new Map<string, TemplateField>();
  for (const step of definition.steps) for (const field of step.fields) map.set(field.id, field);
  return map;
}

export function prefill(definition: TemplateDefinition, context: TemplateContext): Answers {
  const language: TemplateLanguage = context.language === "nn" || context.language === "en" ? context.language : "nb";
  const fields = fieldsOf(definition);
  const candidates: Answers = {};
  const today = context.today;
  const evaluationDate = defaultEvaluationDate(context);
  const texts = context.pattern ? describePattern(context.pattern, language) : null;

  if (texts) {
    candidates.pattern_days = texts.days;
    candidates.pattern_runs = texts.runs;
    candidates.pattern_late_left = texts.lateLeft;
    candidates.pattern_activities = texts.activities;
    if (texts.appointments) candidates.pattern_appointments = texts.appointments;
  }

  switch (definition.id) {
    case "phone_call":
    case "absence_message":
      candidates.contact_date = today;
      break;
    case "attendance_meeting":
      candidates.meeting_date = today;
      candidates.next_meeting_date = evaluationDate;
      if (texts) candidates.status = truncate(`${texts.days} ${texts.lateLeft}`, defaultMaxLength);
      break;
    case "wonder_talk_guardians":
      candidates.meeting_date = today;
      candidates.evaluation_date = evaluationDate;
      if (texts) candidates.observation = truncate(`${texts.days} ${texts.runs} ${texts.lateLeft}`, defaultMaxLength);
      break;
    case "wonder_talk_pupil":
      candidates.talk_date = today;
      break;
    case "vulnerability_mapping":
      candidates.mapping_date = today;
      break;
  }

  // One blank measure row with the default evaluation date, for the card to fill in.
  const blankRow = (): MeasureAnswer => ({ area: "", measure: "", responsible: "", evaluationDate });
  const answers: Answers = {};
  for (const [id, field] of fields) {
    if (field.kind === "measures") {
      answers[id] = [blankRow()];
      continue;
    }
    if (id === "assessed_step" && context.step !== null && field.choices?.some((c) => c.id === String(context.step))) {
      answers[id] = String(context.step);
      continue;
    }
    const value = candidates[id];
    if (value !== undefined && value !== "") answers[id] = value;
  }
  return answers;
}

/**
 * «Oppsummer punktvis det dere har kommet fram til» (002 §2.5 pkt. 5): when a meeting reaches its summary and the
 * teacher has written none, one point per area the meeting found something in (topics and notes, in the areas'
 * order). The pupil's cause cards stay categories and are not written out. Other steps: nothing.
 */
export function prefillOnEntering(
  definition: TemplateDefinition,
  stepIndex: number,
  answers: Answers,
  context: { ladderId: string; language: TemplateLanguage },
): Answers {
  const { language } = context;
  const kindergarten = ladderProfile(context.ladderId).institution === "kindergarten";
  const step = definition.steps[stepIndex];
  const field = step?.fields.find((f) => f.id === "summary");
  if (definition.id !== "attendance_meeting" || step?.id !== "summary" || !field) return {};
  const current = answers.summary;
  if (typeof current === "string" && current.trim() !== "") return {};
  const fields = fieldsOf(definition);
  const points: string[] = [];
  for (const [id, topicsField] of fields) {
    if (!id.endsWith("_topics")) continue;
    const area = id.slice(0, -"_topics".length);
    const chosen = Array.isArray(answers[id]) ? (answers[id] as string[]) : [];
    const topics = (topicsField.choices ?? []).filter((c) => chosen.includes(c.id)).map((c) => c.label[language]);
    const notes = answers[`${area}_notes`];
    const parts = [topics.join(", "), typeof notes === "string" ? notes.trim() : ""].filter(Boolean);
    if (parts.length === 0) continue;
    const name = measureAreas.find((a) => a.id === area)?.label[language] ?? area;
    points.push(`• ${kindergarten ? toKindergartenWords(language, name) : name}: ${parts.join(". ")}`);
  }
  return points.length > 0 ? { summary: truncate(points.join("\n"), field.maxLength ?? defaultMaxLength) } : {};
}
