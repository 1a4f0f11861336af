import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { auditAuth, eraseAuth, readAuth, removeDir, startServer, type RunningServer } from "../support/server";
import { createTeamsConversation, sendActivity } from "../support/teams";

const ingestAuth = { authorization: "Bearer audit-test-ingest-key-0001" };
const roster = {
  schools: [{ id: "s1", name: "Skolen", municipality: "Molde", ladder: "molde-nordbyen" }],
  pupils: [
    { id: "p1", name: "Elev En", schoolId: "s1", grade: 7, className: "7A" },
    { id: "p2", name: "Elev To", schoolId: "s1", grade: 7, className: "7A" },
  ],
};

describe("the audit trail, for the data protection officer", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({
      env: { INGEST_API_KEY: "audit-test-ingest-key-0001", TEST_CLOCK: "true", AUDIT_RETENTION_DAYS: "30" },
    });
    expect((await server.post("/api/roster", roster, ingestAuth)).status).toBe(200);
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it("when a pupil's status is read through the API, then the audit lists who, what, which pupil and when, without names", async () => {
    expect((await server.get("/api/pupils/p1/status", readAuth)).status).toBe(200);
    const res = await server.get("/api/audit?pupilId=p1", auditAuth);
    expect(res.status).toBe(200);
    expect(res.body.entries).toEqual([
      expect.objectContaining({
        pupilId: "p1",
        actor: "api:read",
        action: "status.read",
        outcome: "allowed",
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/Elev/);
    expect((await server.get("/api/audit?pupilId=p2", auditAuth)).body.entries).toEqual([]);
  });

  it("when a pupil is erased, then the erasure is in the audit and the entries stay", async () => {
    expect((await server.delete("/api/pupils/p2", eraseAuth)).status).toBe(200);
    const actions = (await server.get("/api/audit?pupilId=p2", auditAuth)).body.entries.map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual(["pupil.erase"]);
  });

  it("when the audit is asked with the read key or without a pupil, then it is refused", async () => {
    expect((await server.get("/api/audit?pupilId=p1", readAuth)).status).toBe(401);
    const res = await server.get("/api/audit", auditAuth);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("pupilId");
  });

  it("when entries are older than AUDIT_RETENTION_DAYS, then they are deleted", async () => {
    const later = new Date(Date.now() + 31 * 24 * 60 * 60 * 1000).toISOString();
    expect((await server.post("/api/test/clock", { now: later })).status).toBe(200);
    expect((await server.get("/api/audit?pupilId=p1", auditAuth)).body.entries).toEqual([]);
  });
});

describe("the audit trail of what people do in Teams", () => {
  const teacher = { aadObjectId: "44444444-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };
  const stranger = { aadObjectId: "44444444-0000-0000-0000-000000000099", name: "Uvedkommende" };
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  const click = (user: typeof teacher, verb: string, data: Record<string, unknown>) =>
    sendActivity(
      server,
      createTeamsConversation(user, {
        serviceUrl: recorder.serviceUrl,
        conversationId: `a:${user.aadObjectId}`,
      }).cardAction(verb, data),
    );

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { INGEST_API_KEY: "audit-test-ingest-key-0001", TEST_CLOCK: "true" } });
    await server.post("/api/test/clock", { now: "2026-11-16T09:00:00+01:00" });
    const teams = {
      ...roster,
      staff: [
        { ...teacher, roles: [{ schoolId: "s1", role: "contact_teacher" }] },
        { ...stranger, roles: [{ schoolId: "s1", role: "contact_teacher" }] },
      ],
      pupils: [{ ...roster.pupils[0], contactTeacherIds: [teacher.aadObjectId] }],
    };
    expect((await server.post("/api/roster", teams, ingestAuth)).body.rejected).toEqual([]);
    const events = [{ id: "e1", pupilId: "p1", schoolId: "s1", date: "2026-11-16", kind: "day", documented: false }];
    expect((await server.post("/api/absence", events, ingestAuth)).body.accepted).toBe(1);
    expect((await server.post("/api/evaluate", { date: "2026-11-16" }, ingestAuth)).status).toBe(200);
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
  });

  it("when the contact teacher opens the case and its absence, and a stranger tries, then each is an entry: reads allowed, the attempt refused", async () => {
    expect((await click(teacher, "case.refresh", { pupilId: "p1" })).status).toBe(200);
    expect((await click(teacher, "case.showAbsence", { pupilId: "p1" })).status).toBe(200);
    expect((await click(stranger, "case.refresh", { pupilId: "p1" })).status).toBe(200);
    expect((await click(teacher, "case.dismiss", { pupilId: "p1", reason: "Avklart med foresatte" })).status).toBe(200);
    const entries = (await server.get("/api/audit?pupilId=p1", auditAuth)).body.entries;
    const seen = entries.map((e: { actor: string; role: string; action: string; outcome: string }) =>
      [e.actor, e.role, e.action, e.outcome].join(" "),
    );
    expect(seen).toEqual(
      expect.arrayContaining([
        `${teacher.aadObjectId} contact_teacher case.read allowed`,
        `${teacher.aadObjectId} contact_teacher case.absence.read allowed`,
        `${stranger.aadObjectId} none case.read refused`,
        `${teacher.aadObjectId} contact_teacher case.change allowed`,
      ]),
    );
    expect(JSON.stringify(entries)).not.toMatch(/Kari|Elev En/);
  });
});
