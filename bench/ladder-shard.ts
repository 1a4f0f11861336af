import { join } from "node:path";
import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";
import type { AbsenceEvent } from "../src/domain/absence";
import { createSchoolCalendar } from "../src/domain/calendar";
import type { RegistrationColumns } from "../src/domain/evaluation";
import { type NextDayBatch, type NextDayPupils, type ResumeTable, createResumeTable } from "./engine/resume";
import type { School } from "../src/domain/roster";
import type { BenchData } from "./ladder-data";
import {
  type BenchResumes,
  type IncrementalResult,
  type PupilState,
  type YearPupils,
  benchLadders,
  engineNewDay,
  engineYear,
  ingestNewDay,
  sameKeys,
} from "./ladder-engine";

/**
 * The stored state of a share of the pupils, renumbered 0..n-1 in pupil order: what a worker thread owns to
 * evaluate those pupils' part of each day, and their full year. Plain data and typed arrays, so that it can be posted to a worker.
 */
export interface ShardState {
  /** Each ladder group's school, for its calendar (the ladders are the presets), and the full year's as-of date. */
  schools: School[];
  asOf: string[];
  /** The pupil number of each local pupil, and its ladder group. */
  pupils: Int32Array;
  group: Uint8Array;
  /** Each local pupil's slot in its group's table; each group's number of slots, and its table of these pupils' slots. */
  slot: Int32Array;
  slots: number[];
  tables: Int32Array[];
  subjects: [string, number][];
  ids: string[];
  steps: (number | null)[];
  keys: (readonly string[])[];
  /** Each local pupil's stored rows, [from, to) of `columns`. */
  columns: RegistrationColumns;
  from: Int32Array;
  to: Int32Array;
}

/** A day's batch for a worker: each group's batch without its ladder and calendar (the worker has its own). */
export type PostedBatch = Pick<NextDayBatch, "asOf" | "added" | "start" | "pupils">;

/** Each pupil's number in the shard (its pupils in pupil order), -1 for the pupils the shard does not own. */
function shardNumbers(pupils: number, inShard: (p: number) => boolean): Int32Array {
  const local = new Int32Array(pupils).fill(-1);
  let n = 0;
  for (let p = 0; p < pupils; p++) if (inShard(p)) local[p] = n++;
  return local;
}

/** The pupils the shard does not own, in pupil order: the main thread's share. */
export function mainPupils(pupils: number, inShard: (p: number) => boolean): Int32Array {
  const local = shardNumbers(pupils, inShard);
  return Int32Array.from({ length: pupils }, (_, p) => p).filter((p) => (local[p] as number) < 0);
}

/** The pupils of one shard: pupil p belongs to it when `inShard(p)`. */
export function shardState(
  data: BenchData,
  state: PupilState,
  resumes: BenchResumes,
  inShard: (p: number) => boolean,
): ShardState {
  const local = shardNumbers(data.pupils, inShard);
  const members: number[] = [];
  for (let p = 0; p < data.pupils; p++) if ((local[p] as number) >= 0) members.push(p);
  const pupils = Int32Array.from(members);
  const group = Uint8Array.from(members, (p) => data.pupilGroup[p] as number);
  const counts = resumes.tables.map(() => 0);
  const slot = Int32Array.from(members, (p) => {
    const g = data.pupilGroup[p] as number;
    counts[g] = (counts[g] as number) + 1;
    return (counts[g] as number) - 1;
  });
  const tables = resumes.tables.map((t, g) => new Int32Array((counts[g] as number) * t.width));
  members.forEach((p, i) => {
    const t = resumes.tables[group[i] as number] as ResumeTable;
    const at = (resumes.slot[p] as number) * t.width;
    (tables[group[i] as number] as Int32Array).set(t.data.subarray(at, at + t.width), (slot[i] as number) * t.width);
  });
  const rows = compactRows(data.columns, pupils, data.pupilStart, data.baseEnd);
  return {
    schools: data.groups.map((g) => g.school),
    asOf: [...data.fullAsOfIso],
    pupils,
    group,
    slot,
    slots: counts,
    tables,
    subjects: [...(resumes.tables[0] as ResumeTable).codes.subjects],
    ids: members.map((p) => data.pupilIds[p] as string),
    steps: members.map((p) => state.step[p] ?? null),
    keys: members.map((p) => state.keys[p] as readonly string[]),
    ...rows,
  };
}

/** The rows [from[p], to[p]) of each of `pupils`, one after the other, in new columns. */
function compactRows(
  c: RegistrationColumns,
  pupils: Int32Array,
  from: Int32Array,
  to: Int32Array,
): Pick<ShardState, "columns" | "from" | "to"> {
  const starts = new Int32Array(pupils.length);
  const ends = new Int32Array(pupils.length);
  let n = 0;
  pupils.forEach((p, i) => {
    starts[i] = n;
    n += (to[p] as number) - (from[p] as number);
    ends[i] = n;
  });
  const pick = <A extends Int32Array | Int16Array | Int8Array | Uint8Array>(column: A): A => {
    const out = new (column.constructor as new (length: number) => A)(n);
    pupils.forEach((p, i) => out.set(column.subarray(from[p] as number, to[p] as number), starts[i] as number));
    return out;
  };
  const columns: RegistrationColumns = {
    day: pick(c.day),
    kind: pick(c.kind),
    documented: pick(c.documented),
    reason: pick(c.reason),
    agreed: pick(c.agreed),
    filterCode: pick(c.filterCode),
    lessons: pick(c.lessons),
    subject: pick(c.subject),
    subjects: c.subjects,
    episode: pick(c.episode),
    episodes: c.episodes,
  };
  return { columns, from: starts, to: ends };
}

/** A shard as its thread holds it: the stored-state views evaluateNextDays reads, its pupils' full year, and the states to restore between runs. */
export interface Shard {
  pupils: Int32Array;
  views: NextDayPupils[];
  year: YearPupils;
  calendars: NextDayBatch["calendar"][];
  pristine: Int32Array[];
}

export function createShard(s: ShardState): Shard {
  const codes = { subjects: new Map(s.subjects) };
  const stored = { columns: s.columns, from: s.from, to: s.to };
  const views = benchLadders.map((ladder, g) => {
    const table = createResumeTable(ladder, s.slots[g] as number, codes);
    table.data.set(s.tables[g] as Int32Array);
    return { table, slot: s.slot, ids: s.ids, steps: s.steps, firedKeys: s.keys, stored };
  });
  const calendars = s.schools.map((school) => createSchoolCalendar(school));
  const year = { columns: s.columns, from: s.from, to: s.to, group: s.group, ids: s.ids, calendars, asOf: s.asOf };
  return { pupils: s.pupils, views, year, calendars, pristine: s.tables };
}

/** Puts the shard's stored states back as they were before the day (each timed run starts from them). */
export function restoreShard(shard: Shard): void {
  shard.views.forEach((v, g) => v.table.data.set(shard.pristine[g] as Int32Array));
}

/**
 * The day's registrations split between the pupils of the main thread and those of the shard (`inShard`),
 * each ingested as ingestNewDay does; the shard's pupils renumbered as the shard numbers them.
 */
export function ingestSplitDay(
  data: BenchData,
  events: readonly AbsenceEvent[],
  pupilIndex: ReadonlyMap<string, number>,
  inShard: (p: number) => boolean,
): { main: NextDayBatch[]; shard: PostedBatch[] } {
  // Numbered as shardState numbers the shard's pupils. An unknown pupil stays with the main thread, whose ingestion rejects it.
  const local = shardNumbers(data.pupils, inShard);
  const mine: AbsenceEvent[] = [];
  const theirs: AbsenceEvent[] = [];
  for (const e of events) ((local[pupilIndex.get(e.pupilId) ?? -1] ?? -1) >= 0 ? theirs : mine).push(e);
  const shard = ingestNewDay(data, theirs, pupilIndex).map(({ asOf, added, start, pupils }) => ({
    asOf,
    added,
    start,
    pupils: pupils.map((p) => local[p] as number),
  }));
  return { main: ingestNewDay(data, mine, pupilIndex), shard };
}

/** A posted day as the shard evaluates it: with its own ladder and calendar objects (evaluateNextDays compares ladders by identity). */
export function shardDay(shard: Shard, day: readonly PostedBatch[]): NextDayBatch[] {
  return day.map((b, g) => ({
    ...b,
    ladder: benchLadders[g] as NextDayBatch["ladder"],
    calendar: shard.calendars[g] as NextDayBatch["calendar"],
  }));
}

/** The shard's part of the day, its pupils reported by their pupil numbers. */
export function runShardDay(shard: Shard, day: readonly NextDayBatch[]): IncrementalResult {
  const result = engineNewDay(day, shard.views);
  result.updates.pupils = result.updates.pupils.map((i) => shard.pupils[i] as number);
  return result;
}

/** The shard's pupils' full year, on the shard's thread (engineYear over its own rows). */
export function runShardYear(shard: Shard): PupilState {
  return engineYear(shard.year);
}

/**
 * Whether the full year on two threads gave every pupil the one-thread run's step and trigger keys: `own` holds
 * the main thread's pupils (the others left empty), `theirs` the shard's, by shard number.
 */
export function compareTwoThreadYear(
  data: BenchData,
  one: PupilState,
  own: PupilState,
  theirs: PupilState,
  inShard: (p: number) => boolean,
): { mismatches: number; examples: string[] } {
  const local = shardNumbers(data.pupils, inShard);
  let mismatches = 0;
  const examples: string[] = [];
  for (let p = 0; p < data.pupils; p++) {
    const i = local[p] as number;
    const step = i >= 0 ? theirs.step[i] : own.step[p];
    const keys = (i >= 0 ? theirs.keys[i] : own.keys[p]) ?? [];
    const expected = one.keys[p] as readonly string[];
    if (step === one.step[p] && sameKeys(keys, expected)) continue;
    mismatches++;
    if (examples.length < 5)
      examples.push(
        `${data.pupilIds[p]}: one thread step ${one.step[p]} and ${JSON.stringify(expected)}, two threads step ${step} and ${JSON.stringify(keys)}`,
      );
  }
  return { mismatches, examples };
}

/** A day's counts without its updates: what the worker answers when its part of the day is done. */
export type DayCounts = Omit<IncrementalResult, "updates">;

export type WorkerRequest =
  | { type: "day"; day: readonly PostedBatch[] }
  | { type: "restore" }
  | { type: "run" }
  | { type: "updates" }
  | { type: "year" }
  | { type: "yearState" }
  | { type: "collect" };
type WorkerReply =
  | { ok: true; counts?: DayCounts; updates?: IncrementalResult["updates"]; year?: PupilState; error?: undefined }
  | { ok: false; counts?: undefined; updates?: undefined; year?: undefined; error: string };

/** The counts of a day's part, for the reply that ends a timed run (the updates stay with the thread that owns the pupils). */
export function countsOf(day: IncrementalResult): DayCounts {
  return {
    touched: day.touched,
    replayed: day.replayed,
    newTrips: day.newTrips,
    pupilsWithNewTrips: day.pupilsWithNewTrips,
    raised: day.raised,
  };
}

/** The main thread's handle on the worker that owns a shard: each call waits for the worker's answer. */
export interface ShardWorker {
  /** Gives the worker its part of the day (as it arrives, before the day is evaluated). */
  post(day: readonly PostedBatch[]): void;
  restore(): void;
  /**
   * Starts the worker on its part of the day; `finish` waits until it is done and returns its counts. Its
   * updates stay with it, as a job's thread would write back its own pupils: `updates` fetches those of the
   * last run (for the bench's check, after the clock).
   */
  start(): void;
  finish(): DayCounts;
  updates(): IncrementalResult["updates"];
  /** The same for the shard's full year: `finishYear` waits until it is done; `yearState` fetches its result (by local pupil). */
  startYear(): void;
  finishYear(): void;
  yearState(): PupilState;
  /** A full GC in the worker, which first lets go of its last year's results: before each timed year, as the main thread's. */
  collect(): void;
  close(): Promise<number>;
}

/** Starts a worker thread (dist/bench/ladder-shard-worker.js) that owns `state`, and waits until it is ready. */
export function createShardWorker(state: ShardState): ShardWorker {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  // The state's typed arrays are the shard's own copies: moved to the worker, not copied again.
  const c = state.columns;
  const arrays = [
    state.pupils,
    state.group,
    state.slot,
    ...state.tables,
    state.from,
    state.to,
    c.day,
    c.kind,
    c.documented,
    c.reason,
    c.agreed,
    c.lessons,
    c.subject,
    c.episode,
  ];
  const transferList = [port2, ...arrays.map((a) => a.buffer as ArrayBuffer)];
  const worker = new Worker(join(__dirname, "ladder-shard-worker.js"), {
    workerData: { state, port: port2, flag },
    transferList,
  });
  // A bench that stops early (an error) must not be kept running by its worker.
  worker.unref();
  const wait = (): WorkerReply & { ok: true } => {
    // A worker that failed to start never answers: give up rather than wait forever.
    if (Atomics.wait(flag, 0, 0, 300_000) === "timed-out")
      throw new Error("The benchmark's shard worker did not answer within 5 minutes");
    Atomics.store(flag, 0, 0);
    let message = receiveMessageOnPort(port1);
    while (message === undefined) message = receiveMessageOnPort(port1);
    const answer = message.message as WorkerReply;
    if (!answer.ok) throw new Error(`The benchmark's shard worker failed: ${answer.error}`);
    return answer;
  };
  const call = (request: WorkerRequest): WorkerReply => {
    worker.postMessage(request);
    return wait();
  };
  wait();
  return {
    post: (day) => void call({ type: "day", day }),
    restore: () => void call({ type: "restore" }),
    start: () => worker.postMessage({ type: "run" } satisfies WorkerRequest),
    finish: () => wait().counts as DayCounts,
    updates: () => call({ type: "updates" }).updates as IncrementalResult["updates"],
    startYear: () => worker.postMessage({ type: "year" } satisfies WorkerRequest),
    finishYear: () => void wait(),
    yearState: () => call({ type: "yearState" }).year as PupilState,
    collect: () => void call({ type: "collect" }),
    close: () => worker.terminate(),
  };
}
