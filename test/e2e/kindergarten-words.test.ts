import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { cardActions, walkTemplate } from "../support/card-walker";
import { removeDir, startServer, type RunningServer } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "kindergarten-words-test-key-01";
const auth = { authorization: `Bearer ${key}` };
const leader = { aadObjectId: "55555555-0000-0000-0000-000000000001", name: "Per Pedagog" };
const coordinator = { aadObjectId: "55555555-0000-0000-0000-000000000002", name: "Tone Tiltaksleder" };

// Ørland's kindergarten routine (000 Del 2 and Del 4): the pedagogisk leder carries the child's case.
const roster = {
  schools: [
    {
      id: "b1",
      name: "Brekstad barnehage",
      municipality: "Ørland",
      ladder: "orland-barnehage",
      schoolYearStart: "2026-08-17",
    },
  ],
  staff: [
    { aadObjectId: leader.aadObjectId, name: leader.name, roles: [{ schoolId: "b1", role: "contact_teacher" }] },
    { aadObjectId: coordinator.aadObjectId, name: coordinator.name, roles: [{ schoolId: "b1", role: "coordinator" }] },
  ],
  pupils: [
    {
      id: "k1",
      name: "Nora Barn",
      schoolId: "b1",
      grade: 1,
      className: "Blå",
      contactTeacherIds: [leader.aadObjectId],
    },
  ],
};
// «Barnehagen tar kontakt med foresatte etter 3 dager dersom det ikke gis beskjed om fravær» (000 Del 2).
const events = ["2026-11-11", "2026-11-12", "2026-11-13", "2026-11-16"].map((date, i) => ({
  id: `k${i}`,
  pupilId: "k1",
  schoolId: "b1",
  date,
  kind: "day",
  documented: false,
}));

// The school's words, at the start of a word: «elev», «eleven», «elevlogg», «kontaktlærer», «skole», «skulen» …
const schoolWords: Record<string, RegExp> = {
  nb: /(?<!\p{L})(elev|kontaktlær|skole)/iu,
  nn: /(?<!\p{L})(elev|kontaktlær|skule)/iu,
  en: /(?<!\p{L})(pupil|contact teacher|school)/iu,
};

/** The lines of the texts that have the school's words, each with where it was seen. */
function withSchoolWords(language: string, seen: readonly { where: string; text: string }[]): string[] {
  return seen.flatMap(({ where, text }) =>
    text
      .split("\n")
      // A choice's id (school_difficult) is data the card carries, not a text anyone reads.
      .filter((line) => !/^[a-z0-9_]+$/.test(line) && schoolWords[language]!.test(line))
      .map((line) => `${where}: ${line}`),
  );
}

describe("a kindergarten child's case speaks of the child, the pedagogisk leder and the kindergarten", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  const chatOf = (user: { aadObjectId: string; name: string }, locale: string) =>
    createTeamsConversation(user, { serviceUrl: recorder.serviceUrl, conversationId: `a:${user.aadObjectId}`, locale });
  const textOf = (card: unknown) => cardText({ attachments: [{ content: card }] });

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true" } });
    await server.post("/api/test/clock", { now: "2026-11-16T09:00:00+01:00" });
    expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    for (const user of [leader, coordinator])
      await sendActivity(server, chatOf(user, "nb-NO").installationUpdate("add"));
    await recorder.waitFor((a) => a.length >= 2);
    recorder.clear();
    expect((await server.post("/api/absence", events, auth)).body.accepted).toBe(events.length);
    expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
    await recorder.waitFor((a) => a.some((x) => /Nora Barn/.test(cardText(x))));
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
  });

  test("when the nudge reaches the pedagogisk leder, then it has none of the school's words", () => {
    const nudge = recorder.sentActivities(`a:${leader.aadObjectId}`).map(cardText).join("\n");
    expect(nudge).toMatch(/Nora Barn/);
    expect(withSchoolWords("nb", [{ where: "nudge", text: nudge }])).toEqual([]);
  });

  test.each(["nb", "nn", "en"])(
    "when the pedagogisk leder walks every card in %s (case, absence, message drafts, each conversation to its log entry, the archive), then none has the school's words",
    async (language) => {
      const chat = chatOf(leader, { nb: "nb-NO", nn: "nn-NO", en: "en-GB" }[language]!);
      const seen: { where: string; text: string }[] = [];
      const invoke = async (verb: string, data: Record<string, unknown>) => {
        const response = await sendActivity(server, chat.cardAction(verb, data));
        expect(response.status).toBe(200);
        seen.push({ where: verb, text: textOf(response.body.value) });
        return response.body.value;
      };
      const card = await invoke("case.refresh", { pupilId: "k1" });
      const data = { pupilId: "k1" };
      await invoke("case.showAbsence", data);
      await invoke("case.absenceMessage", data);
      const more = cardActions(card).find((a) => a.type === "Action.ShowCard" && a.card?.actions);
      const starts = [
        ...cardActions(card).filter((a) => a.verb === "template.start"),
        ...(more?.card.actions ?? []).filter((a: any) => a.verb === "template.start"),
      ];
      expect(starts.length).toBeGreaterThan(0);
      for (const start of starts) {
        const first = await invoke(start.verb!, start.data!);
        // The first walk judges the child to be on trinn 1, so the later ones walk trinn 1's conversations too.
        await walkTemplate(invoke, first, language === "nb" ? { a_assessed_step: "1" } : {}, "2026-11-16");
      }
      await invoke("case.archive", data);
      await invoke("case.refresh", data);
      expect(withSchoolWords(language, seen)).toEqual([]);
    },
  );

  test.each(["nb", "nn", "en"])(
    "when the pedagogisk leder asks for the case list in %s, then it speaks of the child too",
    async (language) => {
      recorder.clear();
      const chat = chatOf(leader, { nb: "nb-NO", nn: "nn-NO", en: "en-GB" }[language]!);
      await sendActivity(server, chat.message("saker"));
      const [list] = await recorder.waitFor((a) => a.length >= 1);
      expect(cardText(list)).toMatch(/Nora Barn/);
      expect(withSchoolWords(language, [{ where: "saker", text: cardText(list) }])).toEqual([]);
    },
  );
});
