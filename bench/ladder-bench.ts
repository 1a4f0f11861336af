/**
 * npm run bench:ladder [-- --pupils N] [--seed S] [--repeat R] [--no-objects] [--duckdb-threads T]
 *
 * A deterministic national school year (640,000 pupils by default) evaluated by the ladder engine — the
 * whole year, then one new school day incrementally — and the same Ørland and Molde day counts computed by
 * DuckDB over the same registrations. Prints whether the two agree pupil by pupil (exit code 1 if not), the
 * timings, peak memory, and each target with ✓/✗. Timings on a shared machine vary from run to run: every
 * timed part runs several times and the median is what the targets are checked against; the ratio to DuckDB
 * is of engine and DuckDB runs taken in turns.
 */
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { DuckBench } from "./ladder-duckdb";
import {
  type ShardWorker,
  compareTwoThreadYear,
  createShardWorker,
  ingestSplitDay,
  mainPupils,
  shardState,
} from "./ladder-shard";
import {
  type BenchData,
  MOLDE,
  ORLAND,
  buildEvents,
  describeData,
  generateBenchData,
  ladderGroups,
} from "./ladder-data";
import {
  type EngineFigures,
  type IncrementalResult,
  type PupilState,
  type YearPupils,
  aggregate,
  compareFigures,
  compareIncrementalWithFresh,
  compareObjectsAndColumns,
  engineFigures,
  engineFreshNewDay,
  engineFullYear,
  engineNewDay,
  engineYear,
  sameKeys,
  yearPupils,
  mergeDays,
  copyResumes,
  engineNewDayTrips,
  engineResumeStates,
  ingestNewDay,
  storedPupils,
  engineOverEvents,
  engineServiceRun,
  exactOrlandCounts,
} from "./ladder-engine";
import type { AbsenceEvent } from "../src/domain/absence";

interface Options {
  pupils: number;
  seed: number;
  repeat: number;
  objects: boolean;
  duckdbThreads: number | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { pupils: 640_000, seed: 20250818, repeat: 5, objects: true, duckdbThreads: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 1) throw new Error(`${arg} needs a positive number`);
      return Math.floor(v);
    };
    if (arg === "--pupils") options.pupils = value();
    else if (arg === "--seed") options.seed = value();
    else if (arg === "--repeat") options.repeat = value();
    else if (arg === "--duckdb-threads") options.duckdbThreads = value();
    else if (arg === "--no-objects") options.objects = false;
    else if (arg === "--help" || arg === "-h") {
      console.log("npm run bench:ladder -- [--pupils N] [--seed S] [--repeat R] [--no-objects] [--duckdb-threads T]");
      process.exit(0);
    } else throw new Error(`Unknown argument ${arg}`);
  }
  return options;
}

// A full GC before each timed part, so garbage from generation or an earlier part is not billed to the next;
// then a pause, so that the collector's own work after it (concurrent sweeping) is not billed either.
setFlagsFromString("--expose-gc");
const fullGc = runInNewContext("gc") as () => void;
const pause = new Int32Array(new SharedArrayBuffer(4));
const collectGarbage = (): void => {
  fullGc();
  Atomics.wait(pause, 0, 0, 200);
};

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");
const sec = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
const msText = (ms: number): string => `${ms.toFixed(1)} ms`;
const mb = (bytes: number): string => `${fmt(bytes / 1024 / 1024)} MB`;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const maxRss = (): number => process.resourceUsage().maxRSS * 1024;
const check = (ok: boolean): string => (ok ? "✓" : "✗");

interface Timed<T> {
  value: T;
  ms: number[];
  cpuMs: number[];
}

/** The full year on two threads: the worker evaluates its shard's pupils while this thread evaluates `own`, the others. */
function twoThreadYear(worker: ShardWorker, pupils: YearPupils, own: Int32Array): PupilState {
  worker.startYear();
  const result = engineYear(pupils, own);
  worker.finishYear();
  return result;
}

/** Runs `run` `repeat` times, each after `setup` (not timed), a full GC and its pause, and keeps the last value. */
function timed<T, S = undefined>(repeat: number, run: (prepared: S) => T, setup?: () => S): Timed<T> {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < repeat; i++) {
    const prepared = setup?.() as S;
    collectGarbage();
    const cpu = process.cpuUsage();
    const started = performance.now();
    value = run(prepared);
    ms.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  return { value: value as T, ms, cpuMs };
}

/**
 * The service's choice (docs/benchmark.md, «Engine: the lean path in the product?»): evaluate() for every pupil,
 * or evaluateStep for every pupil and evaluate() only for those with new trips; on the first run (no stored state)
 * and on a run with every pupil's stored state (nothing new).
 */
function serviceRunFigures(
  data: BenchData,
  events: readonly AbsenceEvent[][],
  state: PupilState,
  repeat: number,
): void {
  console.log(
    "  the service's run over these objects, evaluate() for every pupil against the lean path (evaluateStep for",
  );
  console.log("  every pupil, then evaluate() for those with new trips):");
  for (const [label, stored] of [
    ["first run, nothing stored", undefined],
    ["a later run, every pupil's step and fired keys stored", state],
  ] as const) {
    const full = timed(repeat, () => engineServiceRun(data, events, false, stored));
    const lean = timed(repeat, () => engineServiceRun(data, events, true, stored));
    const same = full.value.keys === lean.value.keys;
    console.log(
      `    ${label}: evaluate() for all ${fmt(data.pupils)} pupils median ${sec(median(full.ms))} (runs ${full.ms.map(sec).join(", ")}); lean path median ${sec(median(lean.ms))} (runs ${lean.ms.map(sec).join(", ")}), evaluate() for ${fmt(lean.value.evaluated)} pupils; same new keys (${fmt(full.value.keys)}): ${same ? "yes" : "NO"}`,
    );
  }
}

/** The deterministic school year, generated and described. */
function dataSection(options: Options): { data: BenchData; baseRows: number } {
  const started = performance.now();
  const data: BenchData = generateBenchData({ pupils: options.pupils, seed: options.seed });
  const generateMs = performance.now() - started;
  const shape = describeData(data);
  const baseRows = data.baseEnd.reduce((sum, end, p) => sum + end - (data.pupilStart[p] as number), 0);
  const groupPupils = [0, 0];
  for (let p = 0; p < data.pupils; p++)
    groupPupils[data.pupilGroup[p] as number] = (groupPupils[data.pupilGroup[p] as number] as number) + 1;
  console.log("\nData (deterministic, seed " + data.seed + ")");
  console.log(
    `  ${fmt(data.pupils)} pupils in ${fmt(data.schools)} schools: ${ladderGroups[ORLAND]} ${fmt(groupPupils[ORLAND] as number)}, ${ladderGroups[MOLDE]} ${fmt(groupPupils[MOLDE] as number)} (own school calendars 2025/26, Norwegian public holidays)`,
  );
  console.log(
    `  ${fmt(data.rows)} registrations: ${Object.entries(shape.byKind)
      .map(([k, n]) => `${k} ${fmt(n)}`)
      .join(", ")}`,
  );
  console.log(
    `  whole absence days per pupil: mean ${shape.daysMean.toFixed(1)}, median ${shape.daysMedian}, ≥10 days ${((100 * shape.over10) / data.pupils).toFixed(1)} %, ≥20 days ${((100 * shape.over20) / data.pupils).toFixed(1)} %`,
  );
  console.log(
    `  full year: ${fmt(baseRows)} registrations up to ${data.fullAsOfIso[ORLAND]}; new day ${data.newDayIso}: ${fmt(data.newDayEvents.length)} registrations`,
  );
  console.log(`  generated in ${sec(generateMs)}`);
  return { data, baseRows };
}

/** The engine's full year: evaluateSteps over registration columns, a school at a time. */
function fullYearSection(
  data: BenchData,
  options: Options,
  baseRows: number,
): { full: Timed<PupilState>; fullMs: number; state: PupilState } {
  console.log(
    "\nEngine — full year: evaluateSteps over registration columns, a school at a time, every pupil, one thread",
  );
  const full = timed(options.repeat, () => engineFullYear(data));
  const fullMs = median(full.ms);
  const state: PupilState = full.value;
  let keyCount = 0;
  let withStep = 0;
  for (let p = 0; p < data.pupils; p++) {
    keyCount += (state.keys[p] as string[]).length;
    if (state.step[p] !== null) withStep++;
  }
  console.log(`  runs ${full.ms.map(sec).join(", ")} (CPU ${full.cpuMs.map(sec).join(", ")}); median ${sec(fullMs)}`);
  console.log(
    `  ${fmt(baseRows / (fullMs / 1000))} registrations/s, ${fmt(data.pupils / (fullMs / 1000))} pupils/s; ${fmt(keyCount)} trips, ${fmt(withStep)} pupils on a step`,
  );
  return { full, fullMs, state };
}

/** The state to continue from, and one new school day evaluated incrementally on one thread. */
function newDaySection(data: BenchData, options: Options, state: PupilState) {
  console.log(
    "\nEngine — the state to continue from: the full year again with evaluateStepWithResume (not part of the full-year figure)",
  );
  const captured = timed(1, () => engineResumeStates(data));
  const { resumes } = captured.value;
  const sameAsFull = captured.value.state.keys.every((k, p) => sameKeys(k, state.keys[p] as readonly string[]));
  console.log(
    `  ${sec(median(captured.ms))} for ${fmt(data.pupils)} pupils; same steps and keys as the full-year run: ${sameAsFull ? "yes" : "NO"}`,
  );
  console.log("\nEngine — one new school day");
  const pupilIndex = new Map<string, number>();
  data.pupilIds.forEach((id, p) => pupilIndex.set(id, p));
  const ingest = timed(Math.max(options.repeat, 9), () => ingestNewDay(data, data.newDayEvents, pupilIndex));
  const ingestMs = median(ingest.ms);
  const batch = ingest.value;
  console.log(
    `  ingested as they arrive (POST /api/absence): ${fmt(data.newDayEvents.length)} AbsenceEvents resolved to the roster's pupils (a Map of ${fmt(data.pupils)}), grouped by ladder group and pupil into one column batch per group`,
  );
  console.log(`    runs ${ingest.ms.map(msText).join(", ")}; median ${msText(ingestMs)}`);
  console.log(
    "  evaluated as the daily job does: each group's batch with evaluateNextDays, every pupil from its stored state, its stored",
  );
  console.log(
    "  step and fired keys read when it trips: the new trips' keys and the step, like the full-year figure (states advanced in",
  );
  console.log("  place; each run on a fresh copy of the stored states, copied before the clock starts)");
  const working = copyResumes(resumes);
  // The incremental path runs here for the first time: its first runs, while V8 still compiles it, are printed apart.
  // Eight, not three: the replays' general path meets chained row batches here first and is deoptimized, and with
  // some twenty replays a day V8 recompiles its functions over the next runs (seen with --trace-opt).
  const warmUp = 8;
  const views = storedPupils(data, state, working);
  const day = timed(
    warmUp + Math.max(options.repeat, 9),
    () => engineNewDay(batch, views),
    () => copyResumes(resumes, working),
  );
  const dayRuns = day.ms.slice(warmUp);
  const dayMs = median(dayRuns);
  const incremental: IncrementalResult = day.value;
  console.log(
    `    ${fmt(incremental.touched)} pupils (${fmt(incremental.replayed)} replayed over all their rows), ${fmt(incremental.pupilsWithNewTrips)} with new trips (${fmt(incremental.newTrips)} trips, ${fmt(incremental.raised)} raised a step)`,
  );
  console.log(
    `    first ${warmUp} runs (V8 still compiling the incremental path) ${day.ms.slice(0, warmUp).map(msText).join(", ")}`,
  );
  console.log(
    `    then runs ${dayRuns.map(msText).join(", ")}; median ${msText(dayMs)} (${fmt(data.newDayEvents.length / (dayMs / 1000))} registrations/s); with the ingestion ${msText(ingestMs + dayMs)}`,
  );
  // CPU time beside wall time: a run whose wall time is well above its CPU time waited for the shared machine (CPU time counts all the process's threads).
  console.log(
    `    the same runs' CPU time (all threads) ${day.cpuMs.slice(warmUp).map(msText).join(", ")}; median ${msText(median(day.cpuMs.slice(warmUp)))}`,
  );
  return { resumes, pupilIndex, working, views, warmUp, incremental, dayMs, ingestMs };
}

/** The same day on two threads, the full year on two threads for reference, and the new day's Trip objects. */
function twoThreadSection(
  data: BenchData,
  options: Options,
  state: PupilState,
  fullMs: number,
  oneThread: ReturnType<typeof newDaySection>,
) {
  const { resumes, pupilIndex, working, views, warmUp, incremental, dayMs } = oneThread;
  // The same day on two threads: a national daily job would give each core a share of the pupils, each share
  // with its own stored state, as the worker owns the odd pupils' here (copied to it once, not timed).
  const inShard = (p: number): boolean => (p & 1) === 1;
  console.log(
    "  the same day on two threads: the odd pupils' stored state copied once to a worker thread that owns it; the day's",
  );
  console.log(
    "  registrations split between the threads as they arrive; each evaluates its pupils' batches and keeps its updates, as each thread of a",
  );
  console.log(
    "  job would write back its own pupils (the clock stops when both are done; the worker's updates are fetched after it, for the check)",
  );
  const shardStarted = performance.now();
  const worker = createShardWorker(shardState(data, state, resumes, inShard));
  const shardSetupMs = performance.now() - shardStarted;
  const split = ingestSplitDay(data, data.newDayEvents, pupilIndex, inShard);
  worker.post(split.shard);
  const twoThreads = timed(
    warmUp + Math.max(options.repeat, 9),
    () => {
      worker.start();
      const own = engineNewDay(split.main, views);
      return { own, theirs: worker.finish() };
    },
    () => {
      copyResumes(resumes, working);
      worker.restore();
    },
  );
  // The worker's updates of the last run, fetched after the clock for the check.
  const twoDay: IncrementalResult = mergeDays(twoThreads.value.own, {
    ...twoThreads.value.theirs,
    updates: worker.updates(),
  });
  const twoRuns = twoThreads.ms.slice(warmUp);
  const twoMs = median(twoRuns);
  console.log(
    `    worker set up in ${sec(shardSetupMs)}; ${fmt(twoDay.touched)} pupils (${fmt(twoDay.replayed)} replayed), ${fmt(twoDay.pupilsWithNewTrips)} with new trips (${fmt(twoDay.newTrips)} trips)`,
  );
  console.log(`    first ${warmUp} runs ${twoThreads.ms.slice(0, warmUp).map(msText).join(", ")}`);
  console.log(
    `    then runs ${twoRuns.map(msText).join(", ")}; median ${msText(twoMs)} (one thread: ${msText(dayMs)})`,
  );
  // The full year on two threads too, for reference (the full-year targets are for one core): the worker already
  // holds its pupils' rows for the day. Each thread keeps its pupils' results; the worker's are fetched after the clock.
  console.log(
    "  the full year on two threads, for reference (the full-year targets are for one core): the worker evaluates the odd pupils",
  );
  console.log(
    "  over the rows it holds, this thread the even ones, each keeping its pupils' results (the worker's fetched after the clock, for the check)",
  );
  const year = yearPupils(data);
  const ownPupils = mainPupils(data.pupils, inShard);
  // Each timed two-thread year starts after a full GC on both threads.
  const timeTwoThreadYear = (repeat: number): Timed<PupilState> =>
    timed(
      repeat,
      () => twoThreadYear(worker, year, ownPupils),
      () => worker.collect(),
    );
  const yearTwo = timeTwoThreadYear(options.repeat);
  const yearTwoMs = median(yearTwo.ms);
  console.log(`    runs ${yearTwo.ms.map(sec).join(", ")}; median ${sec(yearTwoMs)} (one thread: ${sec(fullMs)})`);
  const tripsBuilt = timed(Math.max(options.repeat, 5), () => engineNewDayTrips(data, state, incremental));
  console.log(
    `  then, for the nudges: full Trip objects with facts and Norwegian text for the ${fmt(incremental.pupilsWithNewTrips)} pupils with new trips (evaluate() over all their rows): median ${msText(median(tripsBuilt.ms))}, ${fmt(tripsBuilt.value.withText)} of ${fmt(tripsBuilt.value.trips)} trips with text`,
  );
  return { worker, inShard, twoDay, twoMs, timeTwoThreadYear, yearTwo };
}

/**
 * The same evaluation over AbsenceEvent objects, the store's format (for comparison, and as a check). The objects
 * live only in this function: kept in main, they would stay alive through DuckDB's runs.
 */
function objectsSection(
  data: BenchData,
  options: Options,
  state: PupilState,
  baseRows: number,
): { leanMs: number; agreement: ReturnType<typeof compareObjectsAndColumns> } {
  console.log("\nEngine over AbsenceEvent objects (the format evaluate() gets from the store) — for comparison");
  const started = performance.now();
  const events = buildEvents(data);
  console.log(`  ${fmt(baseRows)} objects built in ${sec(performance.now() - started)}`);
  const objectsLean = timed(options.repeat, () => engineOverEvents(data, events, false));
  const objectsLeanMs = median(objectsLean.ms);
  console.log(
    `  evaluateStep (step and trigger keys): runs ${objectsLean.ms.map(sec).join(", ")}; median ${sec(objectsLeanMs)} (${fmt(baseRows / (objectsLeanMs / 1000))} registrations/s)`,
  );
  const objectsFull = timed(1, () => engineOverEvents(data, events, true));
  const columnsFull = timed(1, () => engineOverEvents(data, undefined, true));
  console.log(
    `  evaluate() for every pupil (all Trip objects with facts and Norwegian text): ${sec(median(objectsFull.ms))}; over columns ${sec(median(columnsFull.ms))}`,
  );
  serviceRunFigures(data, events, state, options.repeat);
  const every = Math.max(1, Math.floor(data.pupils / 20_000));
  return { leanMs: objectsLeanMs, agreement: compareObjectsAndColumns(data, events, state, every) };
}

/** DuckDB's load and query, in turns with the engine's full year (one thread and two). */
async function duckSection(
  data: BenchData,
  options: Options,
  state: PupilState,
  two: ReturnType<typeof twoThreadSection>,
) {
  const { worker, inShard, timeTwoThreadYear, yearTwo } = two;
  const duck = await DuckBench.open(options.duckdbThreads);
  const threads = await duck.threads();
  console.log(
    `\nDuckDB ${await duck.version()} (@duckdb/node-api, ${threads} threads) — same registrations, same counts in SQL`,
  );
  collectGarbage();
  const loadMs = await duck.load(data);
  console.log(`  load: ${sec(loadMs)} (data chunks of 2,048 rows copied from the typed arrays)`);
  // The engine's full year and DuckDB's query take turns, so that both meet the shared machine in the same
  // state: the ratio target compares the medians of these paired runs. At least nine pairs: the shared
  // machine's slow spells last seconds, and a pair that straddles one skews its ratio.
  const queryMs: number[] = [];
  const pairedMs: number[] = [];
  const pairedTwoMs: number[] = [];
  let lastTwo: PupilState = yearTwo.value;
  let duckFull: Awaited<ReturnType<DuckBench["count"]>> | undefined;
  // One turn: the engine's full year, the same on two threads, then DuckDB's query.
  const takeTurn = async (): Promise<{
    engineMs: number;
    two: Timed<PupilState>;
    query: Awaited<ReturnType<DuckBench["count"]>>;
  }> => {
    const engineMs = timed(1, () => engineFullYear(data)).ms[0] as number;
    const two = timeTwoThreadYear(1);
    collectGarbage();
    return { engineMs, two, query: await duck.count(data, data.fullAsOf) };
  };
  // One turn first, not counted: V8 throws away the full year's compiled kernels while the sections since
  // the engine's own runs run (--trace-deopt: "code dependencies"), and the first pair compiled them again (--trace-opt).
  const warm = await takeTurn();
  console.log(
    `  one turn first, not counted (V8 compiles the full year's kernels again here): engine ${sec(warm.engineMs)}, on two threads ${sec(warm.two.ms[0] as number)}, DuckDB's query ${sec(warm.query.ms)}`,
  );
  for (let i = 0; i < Math.max(options.repeat, 9); i++) {
    const turn = await takeTurn();
    pairedMs.push(turn.engineMs);
    pairedTwoMs.push(turn.two.ms[0] as number);
    lastTwo = turn.two.value;
    duckFull = turn.query;
    queryMs.push(turn.query.ms);
  }
  const duckMs = median(queryMs);
  const pairedEngineMs = median(pairedMs);
  const pairedTwoMedian = median(pairedTwoMs);
  // The two threads' last year, for the check: the worker's results copied here only now, after every timed run.
  const yearTwoAgreement = compareTwoThreadYear(data, state, lastTwo, worker.yearState(), inShard);
  await worker.close();
  console.log(
    `  query (per-pupil Ørland days and Molde alerts, then totals): runs ${queryMs.map(sec).join(", ")}; median ${sec(duckMs)}`,
  );
  console.log(
    `  the engine's full year, each run just before one of these: runs ${pairedMs.map(sec).join(", ")}; median ${sec(pairedEngineMs)}`,
  );
  console.log(
    `  DuckDB's query ÷ the engine's full year, run by run: ${queryMs.map((q, i) => `${(q / (pairedMs[i] as number)).toFixed(2)}×`).join(", ")}`,
  );
  console.log(
    `  the engine's full year on two threads, each run between those two: runs ${pairedTwoMs.map(sec).join(", ")}; median ${sec(pairedTwoMedian)}`,
  );
  // The same query on one DuckDB thread, for a per-core comparison (the target is against the default above).
  await duck.setThreads(1);
  const oneThreadMs: number[] = [];
  for (let i = 0; i < options.repeat; i++) oneThreadMs.push((await duck.count(data, data.fullAsOf)).ms);
  const duckOneMs = median(oneThreadMs);
  console.log(`  the same query on 1 thread: runs ${oneThreadMs.map(sec).join(", ")}; median ${sec(duckOneMs)}`);
  await duck.setThreads(threads);
  duckFull = await duck.count(data, data.fullAsOf);
  const duckFullPupils = await duck.perPupil(data.pupils);
  const islands = await duck.islandsWithSeveralEpisodes(data, data.fullAsOf);
  const duckDay = await duck.count(data, [data.newDay, data.newDay]);
  const duckDayPupils = await duck.perPupil(data.pupils);
  duck.close();
  return {
    threads,
    loadMs,
    duckMs,
    pairedEngineMs,
    pairedTwoMedian,
    duckOneMs,
    yearTwoAgreement,
    duckFull,
    duckFullPupils,
    islands,
    duckDay,
    duckDayPupils,
  };
}

type Agree = (label: string, ok: boolean, detail: string, examples?: readonly string[]) => void;

/** Engine and SQL, pupil by pupil; the incremental day and the two-thread runs against fresh evaluations. */
function agreementSection(
  data: BenchData,
  state: PupilState,
  agree: Agree,
  incremental: IncrementalResult,
  twoDay: IncrementalResult,
  duck: Awaited<ReturnType<typeof duckSection>>,
  objectsAgreement: ReturnType<typeof compareObjectsAndColumns> | undefined,
): void {
  const { duckFull, duckFullPupils, islands, duckDay, duckDayPupils, yearTwoAgreement } = duck;
  console.log("\nAgreement, pupil by pupil");
  const figures: EngineFigures = engineFigures(data, state);
  const engineTotals = aggregate(figures);
  const sqlTotals = (duckFull as NonNullable<typeof duckFull>).counts;
  const fullCompare = compareFigures(data, figures, duckFullPupils);
  agree(
    `full year, ${data.fullAsOfIso[ORLAND]}`,
    fullCompare.disagreements === 0 && JSON.stringify(engineTotals) === JSON.stringify(sqlTotals),
    `Ørland pupils over 3/6/9 days engine ${engineTotals.orlandOver.map(fmt).join("/")}, SQL ${sqlTotals.orlandOver.map(fmt).join("/")}; ` +
      `Molde «høyt fravær» alerts engine ${fmt(engineTotals.moldeAlerts)} (${fmt(engineTotals.moldeAlertPupils)} pupils, ${fmt(engineTotals.moldeTwoAlerts)} with both terms), ` +
      `SQL ${fmt(sqlTotals.moldeAlerts)} (${fmt(sqlTotals.moldeAlertPupils)}, ${fmt(sqlTotals.moldeTwoAlerts)}); ${fmt(fullCompare.disagreements)} pupils differ`,
    fullCompare.examples,
  );
  collectGarbage();
  const exact = exactOrlandCounts(data, state, duckFullPupils.orlandDays);
  agree(
    "Ørland day counts behind «over 3 dager»",
    exact.mismatches === 0,
    `the count in each trip's facts equals SQL's for ${fmt(exact.checked)} pupils; ${fmt(exact.mismatches)} differ`,
    exact.examples,
  );
  collectGarbage();
  const fresh = engineFreshNewDay(data);
  const dayFigures = engineFigures(data, fresh);
  const dayCompare = compareFigures(data, dayFigures, duckDayPupils);
  const dayTotals = aggregate(dayFigures);
  agree(
    `as of the new day, ${data.newDayIso}`,
    dayCompare.disagreements === 0 && JSON.stringify(dayTotals) === JSON.stringify(duckDay.counts),
    `Ørland over 3/6/9 engine ${dayTotals.orlandOver.map(fmt).join("/")}, SQL ${duckDay.counts.orlandOver.map(fmt).join("/")}; Molde alerts engine ${fmt(dayTotals.moldeAlerts)}, SQL ${fmt(duckDay.counts.moldeAlerts)}; ${fmt(dayCompare.disagreements)} pupils differ`,
    dayCompare.examples,
  );
  const consistent = compareIncrementalWithFresh(data, state, incremental.updates, fresh);
  agree(
    "incremental day",
    consistent.mismatches === 0,
    `its new trips are exactly the fresh evaluation's trips not fired before, and its step the higher of stored and fresh, for all ${fmt(data.pupils)} pupils; ${fmt(consistent.mismatches)} differ ` +
      `(${fmt(consistent.keptAboveNow)} pupils keep a trip the fresh evaluation no longer has, e.g. when a new illness day joins an earlier one: fired keys never un-fire)`,
    consistent.examples,
  );
  const consistentTwo = compareIncrementalWithFresh(data, state, twoDay.updates, fresh);
  agree(
    "incremental day on two threads",
    consistentTwo.mismatches === 0 && twoDay.touched === incremental.touched,
    `the same check for the two threads' merged updates: ${fmt(twoDay.touched)} pupils evaluated; ${fmt(consistentTwo.mismatches)} differ`,
    consistentTwo.examples,
  );
  agree(
    "full year on two threads",
    yearTwoAgreement.mismatches === 0,
    `the two threads' steps and trigger keys equal the one-thread run's for all ${fmt(data.pupils)} pupils; ${fmt(yearTwoAgreement.mismatches)} differ`,
    yearTwoAgreement.examples,
  );
  agree(
    "SQL's episode joining holds",
    islands === 0,
    `${fmt(islands)} islands of illness days carry more than one episode id`,
  );
  const same = objectsAgreement;
  if (same)
    agree(
      "objects = columns",
      same.mismatches === 0,
      `same step and trigger keys for all ${fmt(same.pupils)} pupils, identical full evaluations for ${fmt(same.fullChecked)} sampled pupils; ${fmt(same.mismatches)} differ`,
      same.examples,
    );
}

/** The targets, against this run's medians; true for each one met. */
function targetsSection(
  options: Options,
  figures: {
    full: Timed<PupilState>;
    fullMs: number;
    engineRss: number;
    dayMs: number;
    twoMs: number;
    ingestMs: number;
    warmUp: number;
    objectsLeanMs: number;
  },
  duck: Awaited<ReturnType<typeof duckSection>>,
): boolean[] {
  const { full, fullMs, engineRss, dayMs, twoMs, ingestMs, warmUp, objectsLeanMs } = figures;
  const { threads, loadMs, duckMs, pairedEngineMs, pairedTwoMedian, duckOneMs } = duck;
  const ratio = duckMs / pairedEngineMs;
  // The day on one core, like the full year: on this shared 2-core machine the second core is not always free.
  const targetsMet = [fullMs <= 2000, ratio >= 2, engineRss <= 1.5 * 1024 ** 3, dayMs <= 20];
  console.log("\nTargets (medians of this run)");
  console.log(
    `  ${check(targetsMet[0] as boolean)} full year ≤ 2 s on one core: ${sec(fullMs)} wall, ${sec(median(full.cpuMs))} CPU (GC helper threads count as CPU)`,
  );
  console.log(
    `  ${check(targetsMet[1] as boolean)} ≥ 2× faster than DuckDB's query: ${ratio.toFixed(2)}× (DuckDB ${sec(duckMs)} on ${threads} threads vs engine ${sec(pairedEngineMs)} on one: medians of the runs taken in turns)`,
  );
  console.log(
    `      for reference: ${(duckOneMs / pairedEngineMs).toFixed(2)}× DuckDB's query on 1 thread (per core); ${(duckMs / pairedTwoMedian).toFixed(2)}× with the engine on two threads too (${sec(pairedTwoMedian)}); ${((loadMs + duckMs) / pairedEngineMs).toFixed(2)}× DuckDB's load + query` +
      (Number.isNaN(objectsLeanMs)
        ? ""
        : `; evaluateStep over AbsenceEvent objects ${(duckMs / objectsLeanMs).toFixed(2)}× DuckDB's query`),
  );
  console.log(
    `  ${check(targetsMet[2] as boolean)} peak memory ≤ 1.5 GB (generation + engine): ${mb(engineRss)}; whole run incl. DuckDB${options.objects ? " and the AbsenceEvent objects" : ""}: ${mb(maxRss())}`,
  );
  console.log(
    `  ${check(targetsMet[3] as boolean)} one new school day ≤ 20 ms on one core: ${msText(dayMs)} evaluating it on one thread (${msText(twoMs)} on two), after ${warmUp} warm-up runs (the day's ingestion, done as the registrations arrive: ${msText(ingestMs)})`,
  );
  return targetsMet;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const wallStart = performance.now();
  const disagreements: string[] = [];
  const agree = (label: string, ok: boolean, detail: string, examples: readonly string[] = []): void => {
    console.log(`  ${ok ? "PASS" : "FAIL"}  ${label}: ${detail}`);
    for (const e of examples) console.log(`          ${e}`);
    if (!ok) disagreements.push(label);
  };

  console.log("Nærvær ladder benchmark");
  console.log(
    `  node ${process.version}, ${process.platform}/${process.arch}, ${(await import("node:os")).cpus().length} cores (shared machine: timings vary between runs)`,
  );
  console.log(
    "  every timed run starts after a full GC and a 200 ms pause for the collector's concurrent work; targets use the medians",
  );

  const { data, baseRows } = dataSection(options);
  const { full, fullMs, state } = fullYearSection(data, options, baseRows);
  const oneThread = newDaySection(data, options, state);
  const two = twoThreadSection(data, options, state, fullMs, oneThread);
  const engineRss = maxRss();
  console.log(
    `\nPeak memory so far (generation + engine): ${mb(engineRss)} RSS high-water mark (process.resourceUsage().maxRSS)`,
  );
  const objects = options.objects ? objectsSection(data, options, state, baseRows) : undefined;
  collectGarbage();
  const duck = await duckSection(data, options, state, two);
  agreementSection(data, state, agree, oneThread.incremental, two.twoDay, duck, objects?.agreement);
  const { dayMs, ingestMs, warmUp } = oneThread;
  const objectsLeanMs = objects?.leanMs ?? Number.NaN;
  const targetsMet = targetsSection(
    options,
    { full, fullMs, engineRss, dayMs, twoMs: two.twoMs, ingestMs, warmUp, objectsLeanMs },
    duck,
  );
  const met = targetsMet.filter(Boolean).length;
  console.log(
    `\n${disagreements.length === 0 ? "PASS" : "FAIL"}: engine and DuckDB ${disagreements.length === 0 ? "agree" : `disagree (${disagreements.join("; ")})`}; ${met} of ${targetsMet.length} targets met; total ${sec(performance.now() - wallStart)}`,
  );
  return disagreements.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
