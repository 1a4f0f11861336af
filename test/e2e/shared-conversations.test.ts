import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { removeDir, startServer, type RunningServer } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "shared-conversations-ingest-key-01";
const auth = { authorization: `Bearer ${key}` };
const teacher = { aadObjectId: "55555555-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };
const coordinator = { aadObjectId: "55555555-0000-0000-0000-000000000002", name: "Tone Tiltaksleder" };

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
      birthDate: "2014-03-02",
      contactTeacherIds: [teacher.aadObjectId],
    },
  ],
};
const days = ["2026-11-04", "2026-11-05", "2026-11-06", "2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12"];
const events = days.map((date, i) => ({
  id: `m${i}`,
  pupilId: "p1",
  schoolId: "s1",
  date,
  kind: "day",
  documented: false,
}));
/** What a shared conversation must never show: the pupil's name, class or the deadline. */
const pupilData = /Mia|Testesen|6A|Frist/;

describe("nothing about a pupil in a group chat or a channel: only in the 1:1 chat with Nærvær", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  const groupChat = () =>
    createTeamsConversation(teacher, {
      serviceUrl: recorder.serviceUrl,
      conversationType: "groupChat",
      conversationId: "19:group-chat@thread.v2",
    });
  const channel = () =>
    createTeamsConversation(coordinator, {
      serviceUrl: recorder.serviceUrl,
      conversationType: "channel",
      conversationId: "19:general@thread.tacv2",
    });
  const settle = () => new Promise((r) => setTimeout(r, 400));

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true" } });
    await server.post("/api/test/clock", { now: "2026-11-16T09:00:00+01:00" });
    expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    // Nærvær is added to a group chat and a team, never opened in a 1:1 chat.
    await sendActivity(server, groupChat().installationUpdate("add"));
    await sendActivity(server, channel().installationUpdate("add"));
    await recorder.waitFor((a) => a.length >= 2);
    await settle();
    recorder.clear();
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
  });

  test("when the pupils trip a step, then the case cards go to 1:1 chats, never to the group chat or the channel", async () => {
    expect((await server.post("/api/absence", events, auth)).body.accepted).toBe(events.length);
    expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
    await recorder.waitFor((a) => a.filter((x) => /Mia Testesen/.test(cardText(x))).length >= 2);
    await settle();
    const withPupil = recorder.sentActivities().filter((x) => pupilData.test(cardText(x)));
    expect(withPupil.length).toBeGreaterThanOrEqual(2);
    for (const activity of withPupil) {
      expect(activity.conversation?.id).toMatch(/^created-conversation-/);
      expect(activity.conversation?.isGroup).not.toBe(true);
    }
    expect(recorder.sentActivities("19:group-chat@thread.v2")).toHaveLength(0);
    expect(recorder.sentActivities("19:general@thread.tacv2")).toHaveLength(0);
  });

  test("when «saker» is typed in a group chat, then the answer says it only works in the 1:1 chat and shows no pupil", async () => {
    recorder.clear();
    expect((await sendActivity(server, groupChat().message("saker"))).status).toBe(200);
    const [reply] = await recorder.waitFor((a) => a.length >= 1);
    const text = `${reply.text ?? ""}\n${cardText(reply)}`;
    expect(reply.conversation.id).toBe("19:group-chat@thread.v2");
    expect(text).toMatch(/bare i 1:1-chatten med Nærvær/);
    expect(text).not.toMatch(pupilData);
  });

  test("when a leader types «saker» or «meld bekymring» in a channel no school is linked to, then no pupil data is posted there", async () => {
    recorder.clear();
    await sendActivity(server, channel().message("saker"));
    await sendActivity(server, channel().message("meld bekymring"));
    await recorder.waitFor((a) => a.length >= 2);
    await settle();
    for (const reply of recorder.sentActivities()) {
      expect(reply.conversation.id).toBe("19:general@thread.tacv2");
      expect(`${reply.text ?? ""}\n${cardText(reply)}`).toMatch(/bare i 1:1-chatten med Nærvær/);
      expect(`${reply.text ?? ""}\n${cardText(reply)}`).not.toMatch(pupilData);
    }
  });

  test("when a case card's button is clicked in a group chat, then the answer names no pupil", async () => {
    for (const verb of ["case.refresh", "case.showAbsence", "cases.list"]) {
      const response = await sendActivity(server, groupChat().cardAction(verb, { pupilId: "p1" }));
      expect(response.status).toBe(200);
      const text = cardText({ attachments: [{ content: response.body.value }] });
      expect(text).toMatch(/bare i 1:1-chatten med Nærvær/);
      expect(text).not.toMatch(pupilData);
    }
  });

  test("when «hjelp» is typed in a group chat, then the help card comes as in the 1:1 chat", async () => {
    recorder.clear();
    await sendActivity(server, groupChat().message("hjelp"));
    const [reply] = await recorder.waitFor((a) => a.length >= 1);
    expect(cardText(reply)).toMatch(/Dette kan du skrive/);
    expect(cardText(reply)).not.toMatch(/bare i 1:1-chatten/);
  });
});
