import { buildEvents, generateBenchData, type BenchData } from "../../bench/ladder-data";
import { DuckBench } from "../../bench/ladder-duckdb";
import {
  aggregate,
  compareFigures,
  compareIncrementalWithFresh,
  compareObjectsAndColumns,
  engineFigures,
  engineFreshNewDay,
  engineFullYear,
  engineNewDay,
  engineYear,
  yearPupils,
  mergeDays,
  copyResumes,
  engineNewDayTrips,
  engineResumeStates,
  ingestNewDay,
  storedPupils,
  exactOrlandCounts,
  type PupilState,
} from "../../bench/ladder-engine";
import {
  compareTwoThreadYear,
  createShard,
  mainPupils,
  ingestSplitDay,
  restoreShard,
  runShardDay,
  runShardYear,
  shardDay,
  shardState,
} from "../../bench/ladder-shard";

// Correctness only: the benchmark's generator, the engine and DuckDB at a small scale. No timings here.
describe("ladder benchmark: engine and DuckDB agree", () => {
  let data: BenchData;
  let state: PupilState;
  let duck: DuckBench;

  beforeAll(async () => {
    data = generateBenchData({ pupils: 2_000, seed: 4242 });
    state = engineFullYear(data);
    duck = await DuckBench.open(1);
    await duck.load(data);
  });

  afterAll(() => duck?.close());

  it("generates a realistic, deterministic year", () => {
    const again = generateBenchData({ pupils: 2_000, seed: 4242 });
    expect(again.rows).toBe(data.rows);
    expect(
      Buffer.from(again.regDay.buffer, again.regDay.byteOffset, again.regDay.byteLength).equals(
        Buffer.from(data.regDay.buffer, data.regDay.byteOffset, data.regDay.byteLength),
      ),
    ).toBe(true);
    // The first pupils of a larger run are the same pupils.
    const larger = generateBenchData({ pupils: 2_500, seed: 4242 });
    expect(Array.from(larger.regKind.subarray(0, data.rows))).toEqual(Array.from(data.regKind));
    expect(data.newDayEvents.length).toBeGreaterThan(0);
  });

  it("agrees pupil by pupil on the full year", async () => {
    const sql = await duck.count(data, data.fullAsOf);
    const perPupil = await duck.perPupil(data.pupils);
    const figures = engineFigures(data, state);
    expect(compareFigures(data, figures, perPupil)).toEqual({ disagreements: 0, examples: [] });
    expect(aggregate(figures)).toEqual(sql.counts);
    // Both ladders do trip at this scale, so the comparison is not vacuous.
    expect(sql.counts.orlandOver[0]).toBeGreaterThan(50);
    expect(sql.counts.moldeAlerts).toBeGreaterThan(50);
    expect(await duck.islandsWithSeveralEpisodes(data, data.fullAsOf)).toBe(0);
    expect(exactOrlandCounts(data, state, perPupil.orlandDays)).toMatchObject({ mismatches: 0 });
  });

  it("agrees after one new school day evaluated incrementally", async () => {
    const pupilIndex = new Map(data.pupilIds.map((id, p) => [id, p] as const));
    const captured = engineResumeStates(data);
    // Capturing the state changes nothing in the evaluation itself.
    expect(captured.state).toEqual(state);
    const batch = ingestNewDay(data, data.newDayEvents, pupilIndex);
    const day = engineNewDay(batch, storedPupils(data, state, copyResumes(captured.resumes)));
    expect(day.touched).toBeGreaterThan(0);
    // Most pupils continue from their state; a few are replayed over all rows (e.g. an illness day joining earlier ones).
    expect(day.replayed).toBeLessThan(day.touched / 10);
    const fresh = engineFreshNewDay(data);
    expect(compareIncrementalWithFresh(data, state, day.updates, fresh)).toMatchObject({ mismatches: 0 });
    // Full Trip objects (with Norwegian text) are built for the pupils whose keys are new.
    expect(day.pupilsWithNewTrips).toBeGreaterThan(0);
    const trips = engineNewDayTrips(data, state, day);
    expect(trips.trips).toBe(day.newTrips);
    expect(trips.withText).toBe(trips.trips);

    await duck.count(data, [data.newDay, data.newDay]);
    const perPupil = await duck.perPupil(data.pupils);
    expect(compareFigures(data, engineFigures(data, fresh), perPupil)).toEqual({ disagreements: 0, examples: [] });
  });

  it("when the day's pupils are split between two threads' shards, then the merged day is the one-thread day", () => {
    const pupilIndex = new Map(data.pupilIds.map((id, p) => [id, p] as const));
    const { resumes } = engineResumeStates(data);
    const oneThread = engineNewDay(
      ingestNewDay(data, data.newDayEvents, pupilIndex),
      storedPupils(data, state, copyResumes(resumes)),
    );
    const inShard = (p: number): boolean => (p & 1) === 1;
    // The worker's side, run here in the test's thread: the same functions the worker thread calls.
    const shard = createShard(structuredClone(shardState(data, state, resumes, inShard)));
    const split = ingestSplitDay(data, data.newDayEvents, pupilIndex, inShard);
    const posted = shardDay(shard, structuredClone(split.shard));
    const own = engineNewDay(split.main, storedPupils(data, state, copyResumes(resumes)));
    const merged = mergeDays(own, runShardDay(shard, posted));
    expect(own.touched).toBeGreaterThan(0);
    expect(merged.touched - own.touched).toBeGreaterThan(0);
    const byPupil = (day: typeof merged): string[] =>
      day.updates.pupils.map((p, i) => `${p}:${day.updates.steps[i]}:${day.updates.newKeys[i]?.join("|")}`).sort();
    expect(byPupil(merged)).toEqual(byPupil(oneThread));
    expect({ ...merged, updates: undefined }).toEqual({ ...oneThread, updates: undefined });
    // Restored, the shard evaluates the same day again to the same result (each timed run starts from it).
    restoreShard(shard);
    expect(
      byPupil(
        mergeDays(
          engineNewDay(split.main, storedPupils(data, state, copyResumes(resumes))),
          runShardDay(shard, posted),
        ),
      ),
    ).toEqual(byPupil(oneThread));
  });

  it("when the full year is split between two threads' shards, then every pupil gets the one-thread step and keys", () => {
    const { resumes } = engineResumeStates(data);
    const inShard = (p: number): boolean => (p & 1) === 1;
    // The worker's side, run here in the test's thread over the rows its shard holds.
    const theirs = runShardYear(createShard(structuredClone(shardState(data, state, resumes, inShard))));
    const own = engineYear(yearPupils(data), mainPupils(data.pupils, inShard));
    expect(theirs.step.length).toBe(data.pupils / 2);
    expect(compareTwoThreadYear(data, state, own, theirs, inShard)).toEqual({ mismatches: 0, examples: [] });
    // The check sees a shard that lost a pupil's trip.
    const tripped = theirs.keys.findIndex((k) => k.length > 0);
    const broken = { step: theirs.step, keys: theirs.keys.map((k, i) => (i === tripped ? k.slice(1) : k)) };
    expect(compareTwoThreadYear(data, state, own, broken, inShard).mismatches).toBe(1);
  });

  it("gives the same results over AbsenceEvent objects as over columns", () => {
    const events = buildEvents(data);
    expect(compareObjectsAndColumns(data, events, state, 1)).toMatchObject({ mismatches: 0, fullChecked: data.pupils });
  });
});
