import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { readAuth, removeDir, startServer, type RunningServer } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "school-isolation-ingest-key";
const auth = { authorization: `Bearer ${key}` };
const leader = { aadObjectId: "77777777-0000-0000-0000-000000000003", name: "Tone Tiltaksleder" };

/** The worked example of docs/ladders.md, as a municipality would save it in its ladders folder. */
function ladderFile(): string {
  const markdown = readFileSync(path.resolve(__dirname, "../../docs/ladders.md"), "utf8");
  const block = [...markdown.matchAll(/```json\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((b) => b.includes('"formatVersion"'));
  if (!block) throw new Error("docs/ladders.md has no worked example");
  return block;
}

const pupil = (id: string, schoolId: string) => ({ id, name: `Elev ${id}`, schoolId, grade: 6, className: "6A" });
const roster = {
  schools: [
    { id: "s-own", name: "Egenskolen", municipality: "Eksempel", ladder: "custom:egen" },
    { id: "s-molde", name: "Nordbyen skole", municipality: "Molde", ladder: "molde-nordbyen" },
  ],
  staff: [{ ...leader, roles: [{ schoolId: "s-own", role: "coordinator" }] }],
  pupils: [pupil("p-own", "s-own"), pupil("p-molde", "s-molde")],
};
const absence = ["p-own", "p-molde"].flatMap((p) =>
  ["2026-11-16", "2026-11-17"].map((date) => ({
    id: `${p}-${date}`,
    pupilId: p,
    schoolId: p === "p-own" ? "s-own" : "s-molde",
    date,
    kind: "day",
    documented: false,
  })),
);

describe("one school's failure never stops the others", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  let dataDir: string;
  const laddersDir = mkdtempSync(path.join(os.tmpdir(), "naervaer-ladders-"));
  const emptyLadders = mkdtempSync(path.join(os.tmpdir(), "naervaer-no-ladders-"));

  beforeAll(async () => {
    writeFileSync(path.join(laddersDir, "egen.json"), ladderFile());
    recorder = await startConnectorRecorder();
    const env = { INGEST_API_KEY: key, TEST_CLOCK: "true", EVALUATE_AT: "06:00" };
    const first = await startServer({ env: { ...env, LADDERS_DIR: laddersDir } });
    dataDir = first.dataDir;
    expect((await first.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    expect((await first.post("/api/absence", absence, auth)).body.accepted).toBe(4);
    const chat = createTeamsConversation(leader, { serviceUrl: recorder.serviceUrl, conversationId: "a:leader" });
    await sendActivity(first, chat.installationUpdate("add"));
    await first.stop();
    // The municipality's ladder file is gone (moved, renamed) when the service starts again.
    server = await startServer({ dataDir, env: { ...env, LADDERS_DIR: emptyLadders } });
    recorder.clear();
    // Before the day's run time, so the evaluation below is the API's.
    await server.post("/api/test/clock", { now: "2026-11-17T05:00:00+01:00" });
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    [dataDir, laddersDir, emptyLadders].forEach(removeDir);
  });

  test("when a school's evaluation fails, then the answer reports it per school, the other school is evaluated, and its leader is told why without pupil data", async () => {
    const res = await server.post("/api/evaluate", { date: "2026-11-17" }, auth);
    expect(res.status).toBe(200);
    const bySchool = Object.fromEntries(res.body.schools.map((s: { schoolId: string }) => [s.schoolId, s]));
    expect(bySchool["s-own"].failed).toEqual({ kind: "ladder", detail: expect.stringMatching(/custom:egen/) });
    expect(bySchool["s-molde"].failed).toBeUndefined();
    expect((await server.get("/api/pupils/p-molde/status", readAuth)).body.evaluated).toBe(true);

    const [card] = await recorder
      .waitFor((a) => a.length >= 1)
      .catch((error: Error) => {
        throw new Error(`${error.message}\n${server.output().slice(-3000)}`);
      });
    const text = cardText(card);
    expect(text).toMatch(/kunne ikke vurdere fraværet ved Egenskolen/);
    expect(text).not.toMatch(/Elev|p-own|6A/);
  });

  test("when the daily run meets the failing school, then it tries again within the hour, and the leader is told once that day", async () => {
    recorder.clear();
    await server.post("/api/test/clock", { now: "2026-11-18T06:30:00+01:00" });
    await server.post("/api/test/clock", { now: "2026-11-18T06:50:00+01:00" });
    const attempts = server
      .output()
      .split("\n")
      .filter((line) => line.includes('"event":"daily_evaluation_failed"') && line.includes('"date":"2026-11-18"'));
    expect(attempts.map((line) => JSON.parse(line).attempt)).toEqual([1, 2]);
    const done = server
      .output()
      .split("\n")
      .filter((line) => line.includes('"event":"daily_evaluation_done"'));
    expect(done.filter((line) => line.includes('"schoolId":"s-molde"'))).toHaveLength(1);
    const told = recorder
      .sentActivities("a:leader")
      .map(cardText)
      .filter((t) => /kunne ikke vurdere/.test(t));
    expect(told).toHaveLength(1);
  });
});
