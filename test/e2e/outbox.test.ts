import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { removeDir, startServer, type RunningServer } from "../support/server";
import { startSharedStore, type SharedStore } from "../../bench/support/shared-store";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";
import { readStoredDocuments } from "../../src/store/snapshot";

const key = "outbox-test-ingest-key-0123";
const auth = { authorization: `Bearer ${key}` };
const teachers = Array.from({ length: 12 }, (_, i) => ({
  aadObjectId: `55555555-0000-0000-0000-0000000000${String(i).padStart(2, "0")}`,
  name: `Lærer ${i}`,
}));
const coordinator = { aadObjectId: "55555555-0000-0000-0000-000000000099", name: "Tone Tiltaksleder" };
const pupils = teachers.map((t, i) => ({
  id: `p${i}`,
  name: `Elev ${i} Testesen`,
  schoolId: "s1",
  grade: 6,
  className: "6A",
  contactTeacherIds: [t.aadObjectId],
}));
const roster = {
  schools: [
    { id: "s1", name: "Brekstad skole", municipality: "Ørland", ladder: "orland-skole", schoolYearStart: "2026-08-19" },
  ],
  staff: [
    ...teachers.map((t) => ({ ...t, roles: [{ schoolId: "s1", role: "contact_teacher" }] })),
    { ...coordinator, roles: [{ schoolId: "s1", role: "coordinator" }] },
  ],
  pupils,
};
// One undocumented day each: Ørland's «udokumentert fravær» (trinn 0), a nudge to each pupil's kontaktlærer.
const absence = pupils.map((p) => ({
  id: `d-${p.id}`,
  pupilId: p.id,
  schoolId: "s1",
  date: "2026-11-16",
  kind: "day",
  documented: false,
}));

/** The pupil of each nudge card the connector took, sorted: a pupil twice is a duplicate. */
function nudges(recorder: ConnectorRecorder): string[] {
  return recorder.calls
    .filter((c) => c.method === "POST" && /\/activities(\/[^/]+)?$/.test(c.path))
    .flatMap((c) => pupils.filter((p) => cardText(c.body).includes(`Fravær å følge opp: ${p.name}`)))
    .map((p) => p.id)
    .sort();
}

async function install(server: RunningServer, recorder: ConnectorRecorder): Promise<void> {
  for (const user of [...teachers, coordinator])
    await sendActivity(
      server,
      createTeamsConversation(user, {
        serviceUrl: recorder.serviceUrl,
        conversationId: `a:${user.aadObjectId}`,
      }).installationUpdate("add"),
    );
  await recorder.waitFor((a) => a.length >= teachers.length + 1);
  recorder.clear();
}

describe("the outbox: Teams never holds up the work, and each message arrives once", () => {
  test("when a nudge has arrived, then the outbox keeps where it landed but not the card, and after OUTBOX_RETENTION_DAYS not the item", async () => {
    const recorder = await startConnectorRecorder();
    const server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true", OUTBOX_RETENTION_DAYS: "30" } });
    const outbox = () => readStoredDocuments(server.dataDir, "naervaer").outbox!.filter((d) => d.type === "item");
    try {
      await server.post("/api/test/clock", { now: "2026-11-16T09:00:00+01:00" });
      await server.post("/api/roster", roster, auth);
      await install(server, recorder);
      await server.post("/api/absence", absence, auth);
      expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
      await server.delivered();
      expect(nudges(recorder)).toEqual(pupils.map((p) => p.id).sort());
      const sent = outbox().filter((d) => d.state === "sent");
      expect(sent.length).toBeGreaterThanOrEqual(teachers.length);
      for (const item of sent) expect((item.sent as { activityId?: string }).activityId).toBeTruthy();
      expect(JSON.stringify(sent)).not.toMatch(/Testesen|Elev \d/);

      await server.post("/api/test/clock", { now: "2026-12-15T09:00:00+01:00" });
      const earlier = () => outbox().filter((d) => sent.some((s) => s.id === d.id));
      expect(earlier()).toHaveLength(sent.length);
      await server.post("/api/test/clock", { now: "2026-12-17T09:00:00+01:00" });
      expect(earlier()).toEqual([]);
    } finally {
      await server.stop();
      await recorder.close();
      removeDir(server.dataDir);
    }
  });

  test("when Teams does not answer at all, then the evaluation still answers, and when Teams is back every nudge arrives once", async () => {
    const recorder = await startConnectorRecorder();
    const server = await startServer({ env: { INGEST_API_KEY: key } });
    try {
      await server.post("/api/roster", roster, auth);
      await install(server, recorder);
      recorder.setHanging(true);
      await server.post("/api/absence", absence, auth);
      const run = await server.post("/api/evaluate", { date: "2026-11-16" }, auth);
      expect(run.status).toBe(200);
      const health = await server.get("/healthz");
      expect(health.body.outbox.pending).toBeGreaterThanOrEqual(teachers.length);
      expect(nudges(recorder)).toEqual([]);

      recorder.setHanging(false);
      await recorder.waitFor(() => nudges(recorder).length >= teachers.length, 60_000);
      await new Promise((r) => setTimeout(r, 1500));
      expect(nudges(recorder)).toEqual(pupils.map((p) => p.id).sort());
      const metrics = await fetch(`${server.baseUrl}/metrics`).then((r) => r.text());
      expect(metrics).toMatch(/^naervaer_outbox_pending 0$/m);
      expect(metrics).toMatch(/^naervaer_delivery_sent_total \d+$/m);
    } finally {
      await server.stop();
      await recorder.close();
      removeDir(server.dataDir);
    }
  }, 120_000);

  test("when the server is killed while its sends are in flight, then after a restart each nudge arrives once", async () => {
    const recorder = await startConnectorRecorder();
    const env = { INGEST_API_KEY: key, DELIVERY_LEASE_SECONDS: "3" };
    const first = await startServer({ env });
    let second: RunningServer | undefined;
    try {
      await first.post("/api/roster", roster, auth);
      await install(first, recorder);
      recorder.setHanging(true);
      await first.post("/api/absence", absence, auth);
      expect((await first.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1000));
      await first.kill();
      recorder.setHanging(false);
      expect(nudges(recorder)).toEqual([]);

      second = await startServer({ env, dataDir: first.dataDir });
      await recorder.waitFor(() => nudges(recorder).length >= teachers.length, 60_000);
      await new Promise((r) => setTimeout(r, 2000));
      expect(nudges(recorder)).toEqual(pupils.map((p) => p.id).sort());
    } finally {
      await second?.stop();
      await recorder.close();
      removeDir(first.dataDir);
    }
  }, 120_000);

  test("when three instances share one store, then every nudge is delivered exactly once", async () => {
    const recorder = await startConnectorRecorder();
    const store: SharedStore = await startSharedStore();
    const servers: RunningServer[] = [];
    try {
      for (let i = 0; i < 3; i++) servers.push(await startServer({ env: { INGEST_API_KEY: key, ...store.env } }));
      const [a, b, c] = servers as [RunningServer, RunningServer, RunningServer];
      await a.post("/api/roster", roster, auth);
      await install(b, recorder);
      await c.post("/api/absence", absence, auth);
      expect((await a.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
      await recorder.waitFor(() => nudges(recorder).length >= teachers.length, 60_000);
      await new Promise((r) => setTimeout(r, 2000));
      expect(nudges(recorder)).toEqual(pupils.map((p) => p.id).sort());
      expect((await b.get("/healthz")).body.outbox).toMatchObject({ pending: 0, dead: 0 });
    } finally {
      for (const server of servers) {
        await server.stop();
        removeDir(server.dataDir);
      }
      await store.stop();
      await recorder.close();
    }
  }, 180_000);
});
