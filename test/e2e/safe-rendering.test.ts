import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { findAction, walkTemplate } from "../support/card-walker";
import { removeDir, startServer, type RunningServer } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";
import { escapeMarkdown } from "../../src/cards/plain-text";

const key = "safe-rendering-ingest-key-01";
const auth = { authorization: `Bearer ${key}` };
const teacher = { aadObjectId: "33333333-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };
const coordinator = { aadObjectId: "33333333-0000-0000-0000-000000000003", name: "Tone Tiltaksleder" };
const link = "[Logg inn på nytt](https://evil.example/login)";

describe("text a user typed is shown as text in every card", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  const chat = (user: typeof teacher, id: string) =>
    createTeamsConversation(user, { serviceUrl: recorder.serviceUrl, conversationId: id });
  const invoke = async (user: typeof teacher, id: string, verb: string, data: Record<string, unknown>) => {
    const response = await sendActivity(server, chat(user, id).cardAction(verb, data));
    expect(response.status).toBe(200);
    return response.body.value;
  };

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true" } });
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
    await sendActivity(server, chat(teacher, "a:teacher").installationUpdate("add"));
    const events = [{ id: "e1", pupilId: "p1", schoolId: "s1", date: "2026-11-16", kind: "day", documented: false }];
    expect((await server.post("/api/absence", events, auth)).body.accepted).toBe(1);
    expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
  });

  test("when a teacher's text holds a markdown link, then the coordinator's card shows it escaped, never as a link", async () => {
    // A dismissal's reason is on its log entry only, so the text the coordinator's case card shows is a conversation's
    // «Videre tiltak», in the log's timeline.
    const current = await invoke(teacher, "a:teacher", "case.refresh", { pupilId: "p1" });
    const start = findAction(current, (a) => a.verb === "template.start");
    await walkTemplate(
      (verb, data) => invoke(teacher, "a:teacher", verb, data),
      await invoke(teacher, "a:teacher", "template.start", start.data!),
      { a_further_measures: `Avklart ${link}` },
      "2026-11-16",
    );

    const seen = cardText({
      attachments: [{ content: await invoke(coordinator, "a:coord", "case.refresh", { pupilId: "p1" }) }],
    });
    expect(seen).toContain(escapeMarkdown(link));
    expect(seen).not.toContain(link);
  });

  test("when text holds markdown or template syntax, then every syntax character is escaped and plain words are left alone", () => {
    expect(escapeMarkdown(link)).toBe("\\[Logg inn på nytt\\](https://evil.example/login)");
    expect(escapeMarkdown("**fet** _kursiv_ `kode` ${user.name}")).toBe(
      "\\*\\*fet\\*\\* \\_kursiv\\_ \\`kode\\` \\${user.name}",
    );
    expect(escapeMarkdown("# Overskrift\n- punkt\n1. nummer")).toBe("\\# Overskrift\n\\- punkt\n1\\. nummer");
    expect(escapeMarkdown("Fravær 16.11 (2 dager): ring hjem, avtal møte.")).toBe(
      "Fravær 16.11 (2 dager): ring hjem, avtal møte.",
    );
  });
});
