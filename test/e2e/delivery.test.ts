import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { removeDir, startServer, type RunningServer } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "delivery-test-ingest-key-01";
const auth = { authorization: `Bearer ${key}` };
const teacher = { aadObjectId: "44444444-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };
const coordinator = { aadObjectId: "44444444-0000-0000-0000-000000000002", name: "Tone Tiltaksleder" };

const roster = {
  schools: [
    { id: "s1", name: "Brekstad skole", municipality: "Ørland", ladder: "orland-skole", schoolYearStart: "2026-08-19" },
  ],
  staff: [
    { aadObjectId: teacher.aadObjectId, name: teacher.name, roles: [{ schoolId: "s1", role: "contact_teacher" }] },
    { aadObjectId: coordinator.aadObjectId, name: coordinator.name, roles: [{ schoolId: "s1", role: "coordinator" }] },
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

describe("a nudge Teams could not take is not lost", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  const chatOf = (user: { aadObjectId: string; name: string }) =>
    createTeamsConversation(user, { serviceUrl: recorder.serviceUrl, conversationId: `a:${user.aadObjectId}` });
  const nudgesTo = (user: { aadObjectId: string }) =>
    recorder
      .sentActivities(`a:${user.aadObjectId}`)
      .map(cardText)
      .filter((t) => /Fravær å følge opp: Mia Testesen/.test(t));
  const clock = (now: string) => server.post("/api/test/clock", { now });
  const settle = () => new Promise((r) => setTimeout(r, 600));

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true" } });
    await clock("2026-11-16T09:00:00+01:00");
    expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    for (const user of [teacher, coordinator]) await sendActivity(server, chatOf(user).installationUpdate("add"));
    await recorder.waitFor((a) => a.length >= 2);
    recorder.clear();
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
  });

  test("when Teams is down as the day is evaluated, then the kontaktlærer gets the nudge the next morning, once", async () => {
    recorder.setDown(true);
    // One undocumented day: Ørland's «udokumentert fravær» (trinn 0), to be followed up the same day.
    expect(
      (
        await server.post(
          "/api/absence",
          [{ id: "d1", pupilId: "p1", schoolId: "s1", date: "2026-11-16", kind: "day", documented: false }],
          auth,
        )
      ).body.accepted,
    ).toBe(1);
    expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
    await settle();
    // The bot tried (the teacher, then the tiltaksleder) and nobody got it.
    expect(recorder.refused.length).toBeGreaterThan(0);
    expect(nudgesTo(teacher)).toHaveLength(0);
    expect(nudgesTo(coordinator)).toHaveLength(0);

    // Teams is back; evaluating the same day again finds no new trips, so that alone would never send it.
    recorder.setDown(false);
    await server.post("/api/evaluate", { date: "2026-11-16" }, auth);
    await settle();
    expect(nudgesTo(teacher)).toHaveLength(0);

    // The next morning's run tries the nudge again: the teacher gets it, the tiltaksleder does not (the teacher was reached).
    await clock("2026-11-17T06:30:00+01:00");
    await recorder.waitFor(() => nudgesTo(teacher).length >= 1);
    await settle();
    expect(nudgesTo(teacher)).toHaveLength(1);
    expect(nudgesTo(teacher)[0]).toMatch(/udokumentert/i);
    expect(nudgesTo(coordinator)).toHaveLength(0);
  });

  test("when Teams is down the morning a deadline's list should go to the tiltaksleder, then it goes the next morning, once", async () => {
    const lists = () =>
      recorder
        .sentActivities(`a:${coordinator.aadObjectId}`)
        .map(cardText)
        .filter((t) => /Frister som har gått ut/.test(t));
    expect(lists()).toHaveLength(0);
    // The teacher was told on 17.11 and documented nothing: the deadline has run out, and the list is due on 18.11's run.
    recorder.setDown(true);
    await clock("2026-11-18T06:30:00+01:00");
    await settle();
    await settle();
    expect(recorder.refused.some((c) => c.conversationId === `a:${coordinator.aadObjectId}`)).toBe(true);
    expect(lists()).toHaveLength(0);

    recorder.setDown(false);
    await clock("2026-11-19T06:30:00+01:00");
    await recorder.waitFor(() => lists().length >= 1);
    await settle();
    expect(lists()).toHaveLength(1);
    expect(lists()[0]).toMatch(/Mia Testesen, 6A/);

    // Sent is sent: the mornings after, neither the list nor the nudge again.
    await clock("2026-11-20T06:30:00+01:00");
    await settle();
    await settle();
    expect(lists()).toHaveLength(1);
    expect(nudgesTo(teacher)).toHaveLength(1);
  });
});
