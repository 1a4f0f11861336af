import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { findAction } from "../support/card-walker";
import { readAuth, removeDir, startServer, type RunningServer } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "concurrent-clicks-ingest-key";
const auth = { authorization: `Bearer ${key}` };
const teacher = { aadObjectId: "55555555-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };

describe("concurrent and repeated clicks change things once", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  const chat = () => createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl, conversationId: "a:teacher" });
  const status = async (pupilId: string) => (await server.get(`/api/pupils/${pupilId}/status`, readAuth)).body;

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true" } });
    await server.post("/api/test/clock", { now: "2026-11-16T09:00:00+01:00" });
    const pupil = (id: string) => ({
      id,
      name: `Elev ${id}`,
      schoolId: "s1",
      grade: 6,
      className: "6A",
      contactTeacherIds: [teacher.aadObjectId],
    });
    const roster = {
      schools: [{ id: "s1", name: "Nordbyen skole", municipality: "Molde", ladder: "molde-nordbyen" }],
      staff: [{ ...teacher, roles: [{ schoolId: "s1", role: "contact_teacher" }] }],
      pupils: [pupil("p1"), pupil("p2"), pupil("p3")],
    };
    expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    const events = ["p1", "p2", "p3"].map((p) => ({
      id: `e-${p}`,
      pupilId: p,
      schoolId: "s1",
      date: "2026-11-16",
      kind: "day",
      documented: false,
    }));
    expect((await server.post("/api/absence", events, auth)).body.accepted).toBe(3);
    expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
  });

  const dismissAction = async (pupilId: string) => {
    const card = (await sendActivity(server, chat().cardAction("case.refresh", { pupilId }))).body.value;
    return findAction(card, (a) => a.type === "Action.ShowCard" && /Ikke bekymringsfullt/.test(a.title)).card
      .actions[0];
  };

  test("when the same «Ikke bekymringsfullt» activity arrives 10 times at once, then one log entry is written and every answer is a card", async () => {
    const submit = await dismissAction("p1");
    const activity = chat().cardAction(submit.verb, { ...submit.data, reason: "Kjent sykdom, avklart med foresatte" });
    const answers = await Promise.all(Array.from({ length: 10 }, () => sendActivity(server, activity)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    for (const a of answers) expect(a.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect((await status("p1")).log.filter((l: { templateId: string }) => l.templateId === "dismissal")).toHaveLength(
      1,
    );
  });

  test("when 10 separate clicks on the same card arrive at once, then one log entry is written and each gets the current card", async () => {
    const submit = await dismissAction("p2");
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        sendActivity(server, chat().cardAction(submit.verb, { ...submit.data, reason: "Avklart med foresatte" })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect((await status("p2")).log.filter((l: { templateId: string }) => l.templateId === "dismissal")).toHaveLength(
      1,
    );
    const texts = answers.map((a) => cardText({ attachments: [{ content: a.body.value }] }));
    expect(texts.every((t) => /ikke bekymringsfullt/i.test(t))).toBe(true);
  });

  test("when «Start telefonsamtale» is clicked 10 times at once, then one draft is open", async () => {
    const card = (await sendActivity(server, chat().cardAction("case.refresh", { pupilId: "p3" }))).body.value;
    const start = findAction(card, (a) => a.verb === "template.start");
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => sendActivity(server, chat().cardAction(start.verb!, start.data))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const drafts = (await status("p3")).openTasks.filter((t: { kind: string }) => t.kind === "draft");
    expect(drafts).toHaveLength(1);
  });
});
