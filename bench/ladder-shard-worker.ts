/** The worker thread of the benchmark's day and full year on two threads: it owns a shard of the pupils (createShardWorker). */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import type { NextDayBatch } from "./engine/resume";
import type { IncrementalResult, PupilState } from "./ladder-engine";
import {
  type PostedBatch,
  type ShardState,
  type WorkerRequest,
  countsOf,
  createShard,
  restoreShard,
  runShardDay,
  runShardYear,
  shardDay,
} from "./ladder-shard";

const { state, port, flag } = workerData as { state: ShardState; port: MessagePort; flag: Int32Array };
const shard = createShard(state);
let day: NextDayBatch[] = [];
let last: IncrementalResult | undefined;
let lastYear: PupilState | undefined;
// This thread's own full GC, as the bench runs one on the main thread before each timed run.
setFlagsFromString("--expose-gc");
const fullGc = runInNewContext("gc") as () => void;

// The main thread waits on `flag` (it cannot take events while it waits), then reads the reply from `port`.
function reply(message: unknown): void {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

parentPort?.on("message", (request: WorkerRequest) => {
  try {
    if (request.type === "day") {
      day = shardDay(shard, request.day as PostedBatch[]);
      reply({ ok: true });
    } else if (request.type === "restore") {
      restoreShard(shard);
      reply({ ok: true });
    } else if (request.type === "run") {
      last = runShardDay(shard, day);
      reply({ ok: true, counts: countsOf(last) });
    } else if (request.type === "updates") {
      if (last === undefined) throw new Error("updates asked for before the worker ran its part of the day");
      reply({ ok: true, updates: last.updates });
    } else if (request.type === "collect") {
      // The previous year's results go first, so that the collection frees them.
      lastYear = undefined;
      fullGc();
      reply({ ok: true });
    } else if (request.type === "year") {
      lastYear = runShardYear(shard);
      reply({ ok: true });
    } else {
      if (lastYear === undefined) throw new Error("the year's state asked for before the worker ran its pupils' year");
      reply({ ok: true, year: lastYear });
    }
  } catch (error) {
    reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
reply({ ok: true });
