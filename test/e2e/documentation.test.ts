import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { cardActions, cardInputs, fillInputs, findAction } from "../support/card-walker";
import { readAuth, removeDir, startServer, type RunningServer } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "documentation-test-ingest-key-01";
const auth = { authorization: `Bearer ${key}` };
const teacher = { aadObjectId: "33333333-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };
const workingNote = "Arbeidsnotat: blir i utkastet og kommer ikke i loggen.";

const roster = {
  schools: [
    {
      id: "s1",
      name: "Nordbyen skole",
      municipality: "Molde",
      ladder: "molde-nordbyen",
      schoolYearStart: "2026-08-19",
    },
  ],
  staff: [
    { aadObjectId: teacher.aadObjectId, name: teacher.name, roles: [{ schoolId: "s1", role: "contact_teacher" }] },
  ],
  pupils: ["p1", "p2", "p3"].map((id, i) => ({
    id,
    name: `Elev ${i + 1}`,
    schoolId: "s1",
    grade: 6,
    className: "6A",
    contactTeacherIds: [teacher.aadObjectId],
  })),
};

/** The ids of the inputs whose field says, on the card, that it stays a working note. */
function workingNoteInputs(card: any): Set<string> {
  const ids = new Set<string>();
  const visit = (node: any): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    if (node.type === "Container" && Array.isArray(node.items)) {
      const marked = node.items.some((i: any) => i.type === "TextBlock" && i.text === workingNote);
      if (marked) for (const i of node.items) if (String(i.type).startsWith("Input.")) ids.add(i.id);
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(card.body);
  return ids;
}

describe("what the teacher writes is what the log says", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  const chat = () =>
    createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl, conversationId: "a:documentation-chat" });
  const invoke = async (verb: string, data: Record<string, unknown>) => {
    const response = await sendActivity(server, chat().cardAction(verb, data));
    expect(response.status).toBe(200);
    return response.body.value;
  };

  /** Walks a conversation to its end, typing a unique text into every free-text field; returns what was typed where. */
  async function walkTyping(first: any, overrides: Record<string, string>) {
    const typed: { id: string; text: string; workingNote: boolean }[] = [];
    const cards: any[] = [];
    let card = first;
    for (let guard = 0; guard < 15; guard++) {
      cards.push(card);
      const next = cardActions(card).find((a) => a.verb === "template.next" || a.verb === "template.finish")!;
      const answers = fillInputs(card, "2026-11-17");
      const notes = workingNoteInputs(card);
      for (const input of cardInputs(card))
        if (input.type === "Input.Text" && input.id.startsWith("a_")) {
          answers[input.id] = `skrevet ${input.id.slice(2).replace(/_/g, "-")}`;
          typed.push({ id: input.id, text: answers[input.id]!, workingNote: notes.has(input.id) });
        }
      Object.assign(answers, overrides);
      card = await invoke(next.verb!, { ...next.data, ...answers });
      if (next.verb === "template.finish") return { done: card, typed, cards };
    }
    throw new Error("the conversation did not end");
  }
  const textOf = (card: any) => cardText({ attachments: [{ content: card }] });

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true" } });
    await server.post("/api/test/clock", { now: "2026-11-17T09:00:00+01:00" });
    expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    await sendActivity(server, chat().installationUpdate("add"));
    const events = ["p1", "p2", "p3"].map((pupilId) => ({
      id: `e-${pupilId}`,
      pupilId,
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

  test("when the teacher types into every field of the telefonsamtale and the nærværsmøte, then each text is in the log entry and «Til elevmappen», unless its field said it stays a working note", async () => {
    const start = findAction(await invoke("case.refresh", { pupilId: "p1" }), (a) => a.verb === "template.start");
    const call = await walkTyping(await invoke("template.start", start.data!), {
      a_assessed_step: "1",
      a_meeting_needed: "yes",
    });
    expect(cardText({ attachments: [{ content: call.done }] })).toMatch(/Dokumentert: Telefonsamtale/);
    const meetingStart = findAction(
      await invoke("case.refresh", { pupilId: "p1" }),
      (a) => a.verb === "template.start" && /nærværsmøte/i.test(a.title),
    );
    const meeting = await walkTyping(await invoke("template.start", meetingStart.data!), {});
    expect(cardText({ attachments: [{ content: meeting.done }] })).toMatch(/Dokumentert: Nærværsmøte/);

    const log = JSON.stringify((await server.get("/api/pupils/p1/status", readAuth)).body.log);
    const archive = JSON.stringify(await invoke("case.archive", { pupilId: "p1" }));
    const typed = [...call.typed, ...meeting.typed];
    expect(typed.map((t) => t.id)).toEqual(
      expect.arrayContaining(["a_guardians_view", "a_thriving_note", "a_status", "a_plan_b"]),
    );
    for (const field of typed.filter((t) => !t.workingNote)) {
      expect([field.id, log.includes(field.text)]).toEqual([field.id, true]);
      expect([field.id, archive.includes(field.text)]).toEqual([field.id, true]);
    }
    for (const field of typed.filter((t) => t.workingNote))
      expect([field.id, log.includes(field.text)]).toEqual([field.id, false]);
  });

  test("when the telefonsamtale and the nærværsmøte are walked, then step 3 of the call presents step 1's findings, and the meeting has seven points, shows the ladder with the pupil on it and starts the summary from the areas", async () => {
    const start = findAction(await invoke("case.refresh", { pupilId: "p2" }), (a) => a.verb === "template.start");
    const call = await walkTyping(await invoke("template.start", start.data!), {
      a_assessed_step: "1",
      a_meeting_needed: "yes",
    });
    const describe = call.cards.find((c) => /Beskriv fraværet/.test(textOf(c)))!;
    expect(textOf(describe)).toContain("skrevet pattern-days");

    const meetingStart = findAction(
      await invoke("case.refresh", { pupilId: "p2" }),
      (a) => a.verb === "template.start" && /nærværsmøte/i.test(a.title),
    );
    const first = await invoke("template.start", meetingStart.data!);
    expect(textOf(first)).toMatch(/steg 1 av 7/);
    let card = first;
    const seen: any[] = [];
    for (let guard = 0; guard < 10 && !seen.some((c) => cardInputs(c).some((i) => i.id === "a_summary")); guard++) {
      seen.push(card);
      const next = cardActions(card).find((a) => a.verb === "template.next")!;
      const answers = { ...fillInputs(card, "2026-11-17"), a_skole_notes: "Vanskelig i gymtimene" };
      card = await invoke(next.verb!, { ...next.data, ...answers });
      seen.push(card);
    }
    expect(seen.map(textOf).join("\n")).toMatch(/Nivå 1: .*← Elev 2 er her/);
    const summary = cardInputs(seen.at(-1)).find((i) => i.id === "a_summary");
    expect(summary?.value).toMatch(/^• Skole\/SFO: .*Vanskelig i gymtimene/);
  });

  test("when the teacher judges the absence not concerning with «annet» and a short text, then the log entry has the reason and no later card repeats it", async () => {
    const nudge = await invoke("case.refresh", { pupilId: "p3" });
    const dismiss = findAction(nudge, (a) => a.type === "Action.ShowCard" && /Ikke bekymringsfullt/.test(a.title));
    const choice = cardInputs(dismiss.card).find((i) => i.id === "reasonChoice");
    expect(choice?.choices).toEqual(expect.arrayContaining(["clarified", "other"]));
    const submit = dismiss.card.actions[0];
    const empty = await invoke(submit.verb, { ...submit.data, reasonChoice: "other", reasonText: "" });
    expect(cardText({ attachments: [{ content: empty }] })).toMatch(/Velg en begrunnelse/);

    const after = await invoke(submit.verb, {
      ...submit.data,
      reasonChoice: "other",
      reasonText: "Har hatt influensa",
    });
    const later = await invoke("case.refresh", { pupilId: "p3" });
    for (const card of [after, later]) {
      expect(cardText({ attachments: [{ content: card }] })).toMatch(/vurderte fraværet som ikke bekymringsfullt/);
      expect(JSON.stringify(card)).not.toMatch(/influensa/);
    }
    const log = (await server.get("/api/pupils/p3/status", readAuth)).body.log;
    expect(log.map((e: any) => [e.templateId, e.summary])).toEqual([["dismissal", "Annet: Har hatt influensa"]]);
    expect(JSON.stringify(await invoke("case.archive", { pupilId: "p3" }))).toMatch(/Annet: Har hatt influensa/);
  });
});
