import { removeDir, startServer, storedItems, type RunningServer } from "../support/server";

const key = "test-ingest-key-0123456789";
const auth = { authorization: `Bearer ${key}` };
const env = { INGEST_API_KEY: key, LOG_LEVEL: "warn" };
// Kills per delay; CRASH_ROUNDS=20 runs the full series (about a minute per round on a loaded machine).
const rounds = Number(process.env.CRASH_ROUNDS ?? 2);
const acknowledgedPerRound = 20;

const roster = {
  schools: [{ id: "s1", name: "Testskolen", municipality: "Molde", ladder: "molde-nordbyen", timeZone: "Europe/Oslo" }],
  staff: [],
  pupils: [{ id: "p1", name: "Elev En", schoolId: "s1", grade: 7, className: "7A", contactTeacherIds: [] }],
};

/**
 * Sends absence rows from four clients at once until `enough` requests were answered 200, then keeps sending
 * while the caller kills the server; answers the source ids of every row in a request answered 200.
 */
function writeUntilKilled(server: RunningServer, tag: string, enough: number) {
  const acknowledged: string[] = [];
  let answered = 0;
  let stopped = false;
  let reachedEnough!: () => void;
  const enoughAnswered = new Promise<void>((resolve) => (reachedEnough = resolve));
  const worker = async (w: number) => {
    for (let n = 0; !stopped; n += 1) {
      const ids = Array.from({ length: 5 }, (_, i) => `${tag}-${w}-${n}-${i}`);
      const csv = ["id,pupilId,schoolId,date,kind,documented", ...ids.map((id) => `${id},p1,s1,2026-11-16,day,nei`)];
      try {
        const answer = await server.post("/api/absence", csv.join("\n"), { ...auth, "content-type": "text/csv" });
        if (answer.status !== 200) continue;
        acknowledged.push(...ids);
        if (++answered === enough) reachedEnough();
      } catch {
        return; // the server is gone: this request was never answered
      }
    }
  };
  const workers = Promise.all([0, 1, 2, 3].map(worker));
  return {
    enoughAnswered,
    acknowledged,
    finish: async () => {
      stopped = true;
      await workers;
    },
  };
}

describe("crash safety of the embedded store", () => {
  let server: RunningServer;
  let dataDir: string;
  beforeAll(async () => {
    server = await startServer({ env });
    dataDir = server.dataDir;
    expect((await server.post("/api/roster", roster, auth)).status).toBe(200);
  });
  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  test.each([0, 50, 500])(
    "when the server is killed %i ms after an answer, then every acknowledged write is there after the restart",
    async (delayMs) => {
      for (let round = 0; round < rounds; round += 1) {
        const writes = writeUntilKilled(server, `k${delayMs}r${round}`, acknowledgedPerRound);
        await writes.enoughAnswered;
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        await server.kill();
        await writes.finish();

        server = await startServer({ env, dataDir });
        const stored = new Set(storedItems(dataDir, "absences").map((d) => d.sourceId as string));
        const lost = writes.acknowledged.filter((id) => !stored.has(id));
        expect(writes.acknowledged.length).toBeGreaterThanOrEqual(acknowledgedPerRound * 5);
        expect(lost).toEqual([]);
      }
    },
    rounds * 120_000,
  );
});
