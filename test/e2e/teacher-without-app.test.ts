import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { removeDir, startServer, type RunningServer } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "without-app-ingest-key-0001";
const auth = { authorization: `Bearer ${key}` };
const teacher = { aadObjectId: "88888888-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };
const coordinator = { aadObjectId: "88888888-0000-0000-0000-000000000003", name: "Tone Tiltaksleder" };

describe("a contact teacher who does not have the app", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({
      env: { INGEST_API_KEY: key, BOT_SERVICE_URL: "http://127.0.0.1:1/", TEST_CLOCK: "true" },
    });
    await server.post("/api/test/clock", { now: "2026-11-16T09:00:00+01:00" });
    const roster = {
      schools: [{ id: "s1", name: "Nordbyen skole", municipality: "Molde", ladder: "molde-nordbyen" }],
      staff: [
        { ...teacher, roles: [{ schoolId: "s1", role: "contact_teacher" }] },
        { ...coordinator, roles: [{ schoolId: "s1", role: "coordinator" }] },
      ],
      pupils: [
        {
          id: "p1",
          name: "Mia Testesen",
          schoolId: "s1",
          grade: 6,
          className: "6A",
          contactTeacherIds: [teacher.aadObjectId],
        },
      ],
    };
    expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    // Only the tiltaksleder has the app: Teams answers 403 when Nærvær opens a chat with the teacher.
    const leaderChat = createTeamsConversation(coordinator, {
      serviceUrl: recorder.serviceUrl,
      conversationId: "a:leader",
    });
    await sendActivity(server, leaderChat.installationUpdate("add"));
    recorder.withoutApp.add(teacher.aadObjectId);
    recorder.clear();
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
  });

  test("when Teams answers 403 for the teacher, then the nudge goes down the fallback chain to the tiltaksleder, who is told why", async () => {
    const events = [{ id: "e1", pupilId: "p1", schoolId: "s1", date: "2026-11-16", kind: "day", documented: false }];
    expect((await server.post("/api/absence", events, auth)).body.accepted).toBe(1);
    expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
    const [nudge] = await recorder.waitFor((a) => a.some((x) => cardText(x).includes("Mia Testesen")));
    const tried = recorder.calls.filter((c) => c.path === "/v3/conversations" && c.method === "POST");
    expect(tried.map((c) => c.body.members[0].id)).toContain(teacher.aadObjectId);
    expect(recorder.sentActivities("a:leader").map(cardText).join()).toMatch(/ingen kontaktlærer kunne nås/);
    expect(nudge).toBeDefined();
  });

  test("when the next morning comes, then the tiltaksleder's list names the teacher Nærvær could not reach, and why; once", async () => {
    const lists = () =>
      recorder
        .sentActivities("a:leader")
        .map(cardText)
        .filter((t) => /Meldinger som ikke kom fram i Teams/.test(t));
    await server.post("/api/test/clock", { now: "2026-11-17T06:30:00+01:00" });
    await recorder.waitFor(() => lists().length >= 1);
    expect(lists()[0]).toMatch(/Kari Kontaktlærer: 1 melding – nås ikke i Teams \(appen er ikke installert/);
    expect(lists()[0]).not.toMatch(/Mia/);
    await server.post("/api/test/clock", { now: "2026-11-17T09:30:00+01:00" });
    await new Promise((r) => setTimeout(r, 1000));
    expect(lists()).toHaveLength(1);
  });
});
