import type { AbsenceEvent } from "../src/domain/absence";
import { type ColumnRows, type EvaluateInput, evaluate } from "../src/domain/evaluation";
import { type StepBatch, evaluateStep, evaluateSteps } from "./engine/bulk";
import { columnsFromEvents } from "./engine/columns";
import { benchPresets } from "./engine/presets";
import {
  type NextDayBatch,
  type NextDayPupils,
  type NextDayUpdates,
  type ResumeTable,
  createResumeCodes,
  createResumeTable,
  evaluateNextDays,
  evaluateStepWithResume,
} from "./engine/resume";
import type { Ladder } from "../src/domain/ladder";
import { type BenchData, MOLDE, ORLAND, ladderGroups } from "./ladder-data";

/** The two presets, by ladder group, as the engine forms and the SQL model read them. */
export const benchLadders: readonly Ladder[] = ladderGroups.map((id) => benchPresets[id]);

/** What the daily job stores per pupil: the step and the trigger keys that already fired. */
export interface PupilState {
  step: (number | null)[];
  keys: (readonly string[])[];
}

/** Whether two lists of trigger keys are the same keys in the same order. */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function inputOf(
  data: BenchData,
  p: number,
  events: EvaluateInput["events"],
  asOf: string,
  state?: PupilState,
): EvaluateInput {
  const g = data.pupilGroup[p] as number;
  const input: EvaluateInput = {
    pupil: { id: data.pupilIds[p] as string },
    events,
    ladder: benchLadders[g] as Ladder,
    calendar: data.groups[g]?.calendar as EvaluateInput["calendar"],
    asOf,
  };
  if (state) input.previous = { step: state.step[p] ?? null, firedKeys: state.keys[p] as readonly string[] };
  return input;
}

/** Pupil p's rows before the new day, in the generator's columns. */
export function baseRows(data: BenchData, p: number): ColumnRows {
  return { columns: data.columns, from: data.pupilStart[p] as number, to: data.baseEnd[p] as number };
}

/**
 * What a full-year run reads of its pupils: each pupil's rows [from, to) of `columns`, ladder group and id, and
 * each group's calendar and as-of date. The bench's data is one such view; a worker's shard (ladder-shard.ts) another.
 */
export interface YearPupils {
  columns: ColumnRows["columns"];
  from: Int32Array;
  to: Int32Array;
  group: Uint8Array;
  ids: readonly string[];
  calendars: readonly EvaluateInput["calendar"][];
  asOf: readonly string[];
}

/** The full year of the bench's data: every pupil's rows up to the school day before the new day. */
export function yearPupils(data: BenchData): YearPupils {
  return {
    columns: data.columns,
    from: data.pupilStart,
    to: data.baseEnd,
    group: data.pupilGroup,
    ids: data.pupilIds,
    calendars: data.groups.map((g) => g.calendar),
    asOf: data.fullAsOfIso,
  };
}

/**
 * The full year: evaluateSteps over the columns for the pupils in `only` (their numbers, in order), or every pupil,
 * a school's worth at a time (each run of pupils with the same ladder group, as a school's pupils come together).
 * Returns the state the daily job would store (step and fired keys per pupil; pupils left out stay empty).
 */
export function engineYear(pupils: YearPupils, only?: Int32Array): PupilState {
  const out: PupilState = { step: new Array(pupils.ids.length), keys: new Array(pupils.ids.length) };
  const count = only === undefined ? pupils.ids.length : only.length;
  const pupilAt = (k: number): number => (only === undefined ? k : (only[k] as number));
  const batch: StepBatch = {
    ladder: benchLadders[0] as Ladder,
    calendar: pupils.calendars[0] as EvaluateInput["calendar"],
    asOf: "",
    columns: pupils.columns,
    from: pupils.from,
    to: pupils.to,
    ids: pupils.ids,
    order: only,
    start: 0,
    end: 0,
  };
  for (let k = 0; k < count;) {
    const g = pupils.group[pupilAt(k)] as number;
    let end = k + 1;
    while (end < count && pupils.group[pupilAt(end)] === g) end++;
    batch.ladder = benchLadders[g] as Ladder;
    batch.calendar = pupils.calendars[g] as EvaluateInput["calendar"];
    batch.asOf = pupils.asOf[g] as string;
    batch.start = k;
    batch.end = end;
    evaluateSteps(batch, out);
    k = end;
  }
  return out;
}

/** The full year of every pupil, on this thread. */
export function engineFullYear(data: BenchData): PupilState {
  return engineYear(yearPupils(data));
}

/** Every pupil's state for the incremental run: one table per ladder group, and each pupil's slot in its group's table. */
export interface BenchResumes {
  tables: ResumeTable[];
  slot: Int32Array;
}

/** The full year again, keeping for every pupil the state the incremental run continues from (evaluateStepWithResume). */
export function engineResumeStates(data: BenchData): { state: PupilState; resumes: BenchResumes } {
  const step: (number | null)[] = new Array(data.pupils);
  const keys: (readonly string[])[] = new Array(data.pupils);
  const slot = new Int32Array(data.pupils);
  const sizes = benchLadders.map(() => 0);
  for (let p = 0; p < data.pupils; p++) {
    const g = data.pupilGroup[p] as number;
    slot[p] = sizes[g] as number;
    sizes[g] = (sizes[g] as number) + 1;
  }
  const codes = createResumeCodes();
  const tables = benchLadders.map((ladder, g) => createResumeTable(ladder, sizes[g] as number, codes));
  for (let p = 0; p < data.pupils; p++) {
    const g = data.pupilGroup[p] as number;
    const r = evaluateStepWithResume(
      inputOf(data, p, baseRows(data, p), data.fullAsOfIso[g] as string),
      tables[g] as ResumeTable,
      slot[p] as number,
    );
    step[p] = r.step;
    keys[p] = r.newTriggerKeys;
  }
  return { state: { step, keys }, resumes: { tables, slot } };
}

/** A copy of the stored states, for a run that advances them in place; `into` (an earlier copy) is refilled instead of allocating again. */
export function copyResumes(resumes: BenchResumes, into?: BenchResumes): BenchResumes {
  if (!into) return { tables: resumes.tables.map((t) => ({ ...t, data: t.data.slice() })), slot: resumes.slot };
  resumes.tables.forEach((t, g) => (into.tables[g] as ResumeTable).data.set(t.data));
  return into;
}

/**
 * The day's registrations as they are ingested (POST /api/absence): AbsenceEvents resolved to the roster's pupils
 * (`pupilIndex`), grouped by ladder group and by pupil (a counting sort, pupils in first-seen order) into one
 * column batch per group, as the daily job evaluates them (evaluateNextDays).
 */
export function ingestNewDay(
  data: BenchData,
  events: readonly AbsenceEvent[],
  pupilIndex: ReadonlyMap<string, number>,
): NextDayBatch[] {
  const pupilOf = new Int32Array(events.length);
  const slotOf = new Int32Array(data.pupils).fill(-1);
  const touched: number[][] = benchLadders.map(() => []);
  const counts: number[][] = benchLadders.map(() => []);
  for (let i = 0; i < events.length; i++) {
    const p = pupilIndex.get((events[i] as AbsenceEvent).pupilId);
    if (p === undefined) throw new Error(`Unknown pupil ${(events[i] as AbsenceEvent).pupilId}`);
    pupilOf[i] = p;
    const g = data.pupilGroup[p] as number;
    let k = slotOf[p] as number;
    if (k < 0) {
      k = (touched[g] as number[]).length;
      slotOf[p] = k;
      (touched[g] as number[]).push(p);
      (counts[g] as number[]).push(0);
    }
    (counts[g] as number[])[k] = ((counts[g] as number[])[k] as number) + 1;
  }
  return benchLadders.map((ladder, g) => {
    const groupCounts = counts[g] as number[];
    const start = new Int32Array(groupCounts.length + 1);
    for (let k = 0; k < groupCounts.length; k++) start[k + 1] = (start[k] as number) + (groupCounts[k] as number);
    const fill = start.slice(0, groupCounts.length);
    const ordered: AbsenceEvent[] = new Array(start[groupCounts.length] as number);
    for (let i = 0; i < events.length; i++) {
      const p = pupilOf[i] as number;
      if (data.pupilGroup[p] !== g) continue;
      const k = slotOf[p] as number;
      ordered[fill[k] as number] = events[i] as AbsenceEvent;
      fill[k] = (fill[k] as number) + 1;
    }
    const calendar = data.groups[g]?.calendar as EvaluateInput["calendar"];
    return {
      ladder,
      calendar,
      asOf: data.newDayIso,
      added: columnsFromEvents(ordered),
      start,
      pupils: Int32Array.from(touched[g] as number[]),
    };
  });
}

/**
 * The stored state as the daily job reads it for the day, one view per ladder group: each pupil's slot, stored
 * step, fired keys, id and stored rows. Made once, like the job's store (not per day).
 */
export function storedPupils(data: BenchData, state: PupilState, resumes: BenchResumes): NextDayPupils[] {
  // The stored rows end where the day's begin (the generator keeps the day's rows after them, unused here).
  const stored = { columns: data.columns, from: data.pupilStart, to: data.baseEnd };
  return resumes.tables.map((table) => ({
    table,
    slot: resumes.slot,
    ids: data.pupilIds,
    steps: state.step,
    firedKeys: state.keys,
    stored,
  }));
}

export interface IncrementalResult {
  /** Pupils with registrations on the new day. */
  touched: number;
  /** Of those, pupils evaluated afresh over all their rows (see ResumeTable: e.g. an illness day joining earlier ones). */
  replayed: number;
  /** New trips, pupils with new trips, and pupils whose step was raised. */
  newTrips: number;
  pupilsWithNewTrips: number;
  raised: number;
  /** What the job writes back for the pupils with new trips: each pupil, its new step and its newly fired keys. */
  updates: NextDayUpdates;
}

/**
 * One new school day as the daily job evaluates it: each ladder group's batch with evaluateNextDays, every pupil
 * with new registrations from its stored state (the new rows only, unless the pupil must be replayed over all
 * rows), its stored step and fired keys read only if it trips. Each state is advanced in place, as the job keeps
 * one table.
 */
export function engineNewDay(day: readonly NextDayBatch[], stored: readonly NextDayPupils[]): IncrementalResult {
  return day
    .map((batch, g): IncrementalResult => {
      const r = evaluateNextDays(batch, stored[g] as NextDayPupils);
      return {
        touched: r.pupils,
        replayed: r.replayed,
        newTrips: r.newTrips,
        pupilsWithNewTrips: r.updates.pupils.length,
        raised: r.raised,
        updates: r.updates,
      };
    })
    .reduce(mergeDays);
}

/** Two parts of a day (ladder groups, or threads) as one day's result. */
export function mergeDays(a: IncrementalResult, b: IncrementalResult): IncrementalResult {
  return {
    touched: a.touched + b.touched,
    replayed: a.replayed + b.replayed,
    newTrips: a.newTrips + b.newTrips,
    pupilsWithNewTrips: a.pupilsWithNewTrips + b.pupilsWithNewTrips,
    raised: a.raised + b.raised,
    updates: {
      pupils: [...a.updates.pupils, ...b.updates.pupils],
      steps: [...a.updates.steps, ...b.updates.steps],
      newKeys: [...a.updates.newKeys, ...b.updates.newKeys],
    },
  };
}

/**
 * The full Trip objects (facts, deadlines, Norwegian text) of the new day's trips, for the nudges: evaluate()
 * over all rows of each pupil with new trips. Returns how many trips were built and how many have text.
 */
export function engineNewDayTrips(
  data: BenchData,
  state: PupilState,
  day: IncrementalResult,
): { trips: number; withText: number } {
  let trips = 0;
  let withText = 0;
  for (const p of day.updates.pupils) {
    const rows: ColumnRows = {
      columns: data.columns,
      from: data.pupilStart[p] as number,
      to: data.pupilStart[p + 1] as number,
    };
    const full = evaluate(inputOf(data, p, rows, data.newDayIso, state));
    trips += full.trips.length;
    for (const trip of full.trips) if (trip.text.length > 0) withText++;
  }
  return { trips, withText };
}

/** Per-pupil figures to compare with SQL: Ørland thresholds passed (bits 1/2/4 for over 3/6/9) and Molde alerts. */
export interface EngineFigures {
  orlandOver: Uint8Array;
  moldeAlerts: Int8Array;
}

const orlandRules = ["over-3-dager@", "over-6-dager@", "over-9-dager@"] as const;
const moldeAlertRule = "varsel-hoyt-fravaer@";

export function engineFigures(data: BenchData, state: PupilState): EngineFigures {
  const orlandOver = new Uint8Array(data.pupils);
  const moldeAlerts = new Int8Array(data.pupils);
  for (let p = 0; p < data.pupils; p++) {
    const keys = state.keys[p] as string[];
    if (data.pupilGroup[p] === ORLAND) {
      let bits = 0;
      for (const key of keys)
        orlandRules.forEach((prefix, i) => {
          if (key.startsWith(prefix)) bits |= 1 << i;
        });
      orlandOver[p] = bits;
    } else if (data.pupilGroup[p] === MOLDE) {
      let alerts = 0;
      for (const key of keys) if (key.startsWith(moldeAlertRule)) alerts++;
      moldeAlerts[p] = alerts;
    }
  }
  return { orlandOver, moldeAlerts };
}

/** Aggregates in the same shape as DuckCounts. */
export function aggregate(figures: EngineFigures): {
  orlandOver: [number, number, number];
  moldeAlertPupils: number;
  moldeTwoAlerts: number;
  moldeAlerts: number;
} {
  const over: [number, number, number] = [0, 0, 0];
  let alertPupils = 0;
  let two = 0;
  let alerts = 0;
  for (let p = 0; p < figures.orlandOver.length; p++) {
    const bits = figures.orlandOver[p] as number;
    for (let i = 0; i < 3; i++) if (bits & (1 << i)) over[i] = (over[i] as number) + 1;
    const a = figures.moldeAlerts[p] as number;
    if (a > 0) alertPupils++;
    if (a === 2) two++;
    alerts += a;
  }
  return { orlandOver: over, moldeAlertPupils: alertPupils, moldeTwoAlerts: two, moldeAlerts: alerts };
}

/** Pupil-by-pupil comparison with SQL's figures; returns the disagreements (at most `limit` described). */
export function compareFigures(
  data: BenchData,
  engine: EngineFigures,
  sql: { orlandDays: Int32Array; moldeAlerts: Int8Array },
  limit = 5,
): { disagreements: number; examples: string[] } {
  let disagreements = 0;
  const examples: string[] = [];
  for (let p = 0; p < data.pupils; p++) {
    let ok: boolean;
    let what: string;
    if (data.pupilGroup[p] === ORLAND) {
      const days = sql.orlandDays[p] as number;
      const expected = (days > 3 ? 1 : 0) | (days > 6 ? 2 : 0) | (days > 9 ? 4 : 0);
      ok = expected === engine.orlandOver[p];
      what = `Ørland: SQL ${days} days (bits ${expected}), engine bits ${engine.orlandOver[p]}`;
    } else {
      ok = sql.moldeAlerts[p] === engine.moldeAlerts[p];
      what = `Molde: SQL ${sql.moldeAlerts[p]} alerts, engine ${engine.moldeAlerts[p]}`;
    }
    if (ok) continue;
    disagreements++;
    if (examples.length < limit) examples.push(`${data.pupilIds[p]} — ${what}`);
  }
  return { disagreements, examples };
}

/**
 * The exact Ørland day count behind each «over 3 dager» trip (its facts), from full evaluations, against SQL's
 * count; and the same evaluation done over AbsenceEvent objects must give the identical result.
 */
export function exactOrlandCounts(
  data: BenchData,
  state: PupilState,
  sqlDays: Int32Array,
  every = 1,
): { checked: number; mismatches: number; examples: string[] } {
  let checked = 0;
  let mismatches = 0;
  const examples: string[] = [];
  for (let p = 0; p < data.pupils; p += every) {
    if (data.pupilGroup[p] !== ORLAND || !(state.keys[p] as string[]).some((k) => k.startsWith("over-3-dager@")))
      continue;
    const full = evaluate(inputOf(data, p, baseRows(data, p), data.fullAsOfIso[ORLAND] as string));
    const trip = full.trips.find((t) => t.ruleId === "over-3-dager");
    const count = trip?.facts.type === "count" ? trip.facts.count : -1;
    checked++;
    if (count !== sqlDays[p]) {
      mismatches++;
      if (examples.length < 5) examples.push(`${data.pupilIds[p]}: engine ${count}, SQL ${sqlDays[p]}`);
    }
  }
  return { checked, mismatches, examples };
}

/** The full year over AbsenceEvent objects (or over the columns when `events` is undefined), lean or full evaluate(); results are counted, not kept. */
export function engineOverEvents(
  data: BenchData,
  events: readonly AbsenceEvent[][] | undefined,
  full: boolean,
): { trips: number } {
  let trips = 0;
  for (let p = 0; p < data.pupils; p++) {
    const input = inputOf(
      data,
      p,
      events ? (events[p] as AbsenceEvent[]) : baseRows(data, p),
      data.fullAsOfIso[data.pupilGroup[p] as number] as string,
    );
    trips += (full ? evaluate(input) : evaluateStep(input)).newTriggerKeys.length;
  }
  return { trips };
}

/**
 * The service's evaluation of every pupil over AbsenceEvent objects, either way: evaluate() for each pupil, or the
 * lean path (evaluateStep for each pupil, then evaluate() only for those with new trigger keys). `state`: each
 * pupil's stored step and fired keys (a later run; with the full year's own state nothing is new), or none (the
 * first run). Both give the same new keys; the count is returned so the work is not optimized away.
 */
export function engineServiceRun(
  data: BenchData,
  events: readonly AbsenceEvent[][],
  lean: boolean,
  state?: PupilState,
): { keys: number; evaluated: number } {
  let keys = 0;
  let evaluated = 0;
  for (let p = 0; p < data.pupils; p++) {
    const input = inputOf(
      data,
      p,
      events[p] as AbsenceEvent[],
      data.fullAsOfIso[data.pupilGroup[p] as number] as string,
      state,
    );
    if (lean && evaluateStep(input).newTriggerKeys.length === 0) continue;
    evaluated++;
    keys += evaluate(input).newTriggerKeys.length;
  }
  return { keys, evaluated };
}

/** Evaluations over objects and over columns agree: step and trigger keys for every pupil, and full results for every k-th. */
export function compareObjectsAndColumns(
  data: BenchData,
  events: readonly AbsenceEvent[][],
  state: PupilState,
  every: number,
): { pupils: number; fullChecked: number; mismatches: number; examples: string[] } {
  let mismatches = 0;
  let fullChecked = 0;
  const examples: string[] = [];
  for (let p = 0; p < data.pupils; p++) {
    const input = inputOf(
      data,
      p,
      events[p] as AbsenceEvent[],
      data.fullAsOfIso[data.pupilGroup[p] as number] as string,
    );
    const lean = evaluateStep(input);
    const keys = state.keys[p] as string[];
    let same = lean.step === state.step[p] && sameKeys(lean.newTriggerKeys, keys);
    if (same && p % every === 0) {
      fullChecked++;
      const fromEvents = evaluate(input);
      const fromColumns = evaluate({ ...input, events: baseRows(data, p) });
      same = JSON.stringify(fromEvents) === JSON.stringify(fromColumns);
    }
    if (same) continue;
    mismatches++;
    if (examples.length < 5) examples.push(data.pupilIds[p] as string);
  }
  return { pupils: data.pupils, fullChecked, mismatches, examples };
}

/** Every pupil evaluated afresh (no previous state) as of the new day, over all rows including the new day's. */
export function engineFreshNewDay(data: BenchData): PupilState {
  const step: (number | null)[] = new Array(data.pupils);
  const keys: (readonly string[])[] = new Array(data.pupils);
  for (let p = 0; p < data.pupils; p++) {
    // The generator's columns hold the new day's rows too, right after the pupil's earlier rows.
    const rows: ColumnRows = {
      columns: data.columns,
      from: data.pupilStart[p] as number,
      to: data.pupilStart[p + 1] as number,
    };
    const r = evaluateStep(inputOf(data, p, rows, data.newDayIso));
    step[p] = r.step;
    keys[p] = r.newTriggerKeys;
  }
  return { step, keys };
}

/**
 * The incremental day against a fresh evaluation as of the new day: the day's new trips are exactly the fresh
 * trips not fired before, and the step is the higher of the stored step and the fresh one (a step never drops,
 * and a fired key stays fired even when, say, a joined illness lowers a count later).
 */
export function compareIncrementalWithFresh(
  data: BenchData,
  before: PupilState,
  updates: IncrementalResult["updates"],
  fresh: PupilState,
): { mismatches: number; examples: string[]; keptAboveNow: number } {
  let mismatches = 0;
  let keptAboveNow = 0;
  const examples: string[] = [];
  const updated = new Map(updates.pupils.map((p, k) => [p, k]));
  for (let p = 0; p < data.pupils; p++) {
    const previous = new Set(before.keys[p]);
    const freshKeys = fresh.keys[p] as string[];
    const expectedNew = freshKeys.filter((k) => !previous.has(k));
    const k = updated.get(p);
    const gotNew = k === undefined ? [] : (updates.newKeys[k] as readonly string[]);
    const previousStep = before.step[p] ?? null;
    const freshStep = fresh.step[p] ?? null;
    const expectedStep =
      previousStep === null ? freshStep : freshStep === null ? previousStep : Math.max(previousStep, freshStep);
    const gotStep = k === undefined ? previousStep : (updates.steps[k] as number | null);
    if (freshKeys.length < previous.size + expectedNew.length) keptAboveNow++;
    if (expectedStep === gotStep && sameKeys(expectedNew, gotNew)) continue;
    mismatches++;
    if (examples.length < 5)
      examples.push(
        `${data.pupilIds[p]}: expected step ${expectedStep} and new ${JSON.stringify(expectedNew)}, got step ${gotStep} and ${JSON.stringify(gotNew)}`,
      );
  }
  return { mismatches, examples, keptAboveNow };
}
