import type { AbsenceEvent, AbsenceKind } from "../../src/domain/absence";
import { createSchoolCalendar } from "../../src/domain/calendar";
import { formatIsoDate } from "../../src/domain/dates";
import type { SchoolCalendar } from "../../src/domain/calendar";
import { type EvaluateInput, type Evaluation, evaluate } from "../../src/domain/evaluation";
import { createStepEvaluation, evaluateStep } from "../../bench/engine/bulk";
import { columnsFromEvents } from "../../bench/engine/columns";
import type { Ladder } from "../../src/domain/ladder";
import type { School } from "../../src/domain/roster";

/** A school year 2025/26 with the usual Norwegian breaks (weeks 40, 52–1, 9 and Easter). */
export const school2025: School = {
  id: "nordbyen",
  name: "Testskolen",
  municipality: "Testkommune",
  ladder: "orland-skole",
  timeZone: "Europe/Oslo",
  schoolYearStart: "2025-08-18",
  holidays: [
    { from: "2025-09-29", to: "2025-10-05", name: "Høstferie" },
    { from: "2025-12-22", to: "2026-01-02", name: "Juleferie" },
    { from: "2026-02-23", to: "2026-03-01", name: "Vinterferie" },
    { from: "2026-03-30", to: "2026-04-06", name: "Påskeferie" },
  ],
};

let sharedCalendar: SchoolCalendar | undefined;

export function calendar2025(): SchoolCalendar {
  sharedCalendar ??= createSchoolCalendar(school2025);
  return sharedCalendar;
}

export const pupil = { id: "elev-1" };

let counter = 0;

export interface EventSpec {
  kind?: AbsenceKind;
  documented?: boolean;
  reason?: AbsenceEvent["reason"];
  agreed?: boolean;
  episodeId?: string;
  lessons?: number;
  subject?: string;
  id?: string;
}

/** One registration for the test pupil. Day and lesson registrations are documented unless told otherwise. */
export function absence(date: string, spec: EventSpec = {}): AbsenceEvent {
  const kind = spec.kind ?? "day";
  const event: AbsenceEvent = {
    id: spec.id ?? `e${++counter}`,
    pupilId: pupil.id,
    schoolId: school2025.id,
    date,
    kind,
  };
  if (kind === "day" || kind === "lesson") event.documented = spec.documented ?? true;
  else if (spec.documented !== undefined) event.documented = spec.documented;
  if (spec.reason !== undefined) event.reason = spec.reason;
  if (spec.agreed !== undefined) event.agreed = spec.agreed;
  if (spec.episodeId !== undefined) event.episodeId = spec.episodeId;
  if (spec.lessons !== undefined) event.lessons = spec.lessons;
  if (spec.subject !== undefined) event.subject = spec.subject;
  return event;
}

export function days(dates: readonly string[], spec: EventSpec = {}): AbsenceEvent[] {
  return dates.map((d) => absence(d, spec));
}

/**
 * Distinct single school days in autumn 2025, none next to another (Mondays, Wednesdays and Fridays are
 * never used twice in a row), so no two of them form a run.
 */
export const spreadDays = [
  "2025-08-19", // Tue
  "2025-08-21", // Thu
  "2025-08-26", // Tue
  "2025-08-28", // Thu
  "2025-09-02", // Tue
  "2025-09-04", // Thu
  "2025-09-09", // Tue
  "2025-09-11", // Thu
  "2025-09-16", // Tue
  "2025-09-18", // Thu
  "2025-09-23", // Tue
  "2025-09-25", // Thu
] as const;

/**
 * evaluate() for the test pupil. Every table test built on it also checks the bulk path: evaluateStep over the
 * same registrations as one column batch (the single pass, where the ladder has one) must give the same step and
 * new keys, so each threshold is tested on both sides there too.
 */
export function run(
  ladder: Ladder,
  events: readonly AbsenceEvent[],
  asOf = "2025-12-19",
  extra: Partial<EvaluateInput> = {},
): Evaluation {
  const input: EvaluateInput = { pupil, events, ladder, calendar: calendar2025(), asOf, ...extra };
  const result = evaluate(input);
  // Columns carry neither pupil ids nor registration ids: only inputs without other pupils or repeated ids compare.
  if (
    input.events === events &&
    new Set(events.map((e) => e.id)).size === events.length &&
    events.every((e) => e.pupilId === pupil.id)
  ) {
    // Filled into the object the previous test's bulk run left: a bulk caller's reused result holds nothing of the last pupil.
    const bulk = evaluateStep(
      { ...input, events: { columns: columnsFromEvents(events), from: 0, to: events.length } },
      reusedResult,
    );
    expect(bulk).toBe(reusedResult);
    expect({
      step: bulk.step,
      keys: bulk.newTriggerKeys,
      raised: bulk.raised,
      previousStep: bulk.previousStep,
      asOf: bulk.asOf,
    }).toEqual({
      step: result.step,
      keys: result.newTriggerKeys,
      raised: result.raised,
      previousStep: result.previousStep,
      asOf: result.asOf,
    });
  }
  return result;
}

const reusedResult = createStepEvaluation();

export function ruleIds(result: Evaluation): string[] {
  return result.trips.map((t) => t.ruleId);
}

/** A registration drawn by a property test, before it has a day and an id. */
export interface RegistrationDraft {
  kind: AbsenceEvent["kind"];
  documented: boolean;
  reason?: AbsenceEvent["reason"];
  agreed?: boolean;
  episodeId?: string;
  /** 0: not given (a lesson registration without a count). */
  lessons: number;
  subject: string;
}

/** The test pupil's registration of a draft on an epoch day. */
export function eventOfDraft(d: RegistrationDraft, day: number, id: string): AbsenceEvent {
  const e: AbsenceEvent = { id, pupilId: pupil.id, schoolId: school2025.id, date: formatIsoDate(day), kind: d.kind };
  if (d.kind === "day" || d.kind === "lesson") e.documented = d.documented;
  if (d.reason !== undefined) e.reason = d.reason;
  if (d.agreed !== undefined) e.agreed = d.agreed;
  if (d.episodeId !== undefined) e.episodeId = d.episodeId;
  if (d.kind === "lesson") {
    if (d.lessons > 0) e.lessons = d.lessons;
    e.subject = d.subject;
  }
  return e;
}
