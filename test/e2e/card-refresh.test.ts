import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { cardActions, cardInputs, fillInputs, findAction, walkTemplate } from "../support/card-walker";
import { removeDir, startServer, type RunningServer, readAuth } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "card-refresh-test-ingest-key-01";
const auth = { authorization: `Bearer ${key}` };
const teacher = { aadObjectId: "44444444-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };
const nurse = { aadObjectId: "44444444-0000-0000-0000-000000000002", name: "Hanne Helsesykepleier" };

// An Ørland school with its own juleferie (issue 22: the default evaluation date fell on 28 December, inside it).
const roster = {
  schools: [
    {
      id: "s1",
      name: "Brekstad skole",
      municipality: "Ørland",
      ladder: "orland-skole",
      schoolYearStart: "2026-08-19",
      holidays: [{ from: "2026-12-21", to: "2027-01-01", name: "Juleferie" }],
    },
  ],
  staff: [
    { aadObjectId: teacher.aadObjectId, name: teacher.name, roles: [{ schoolId: "s1", role: "contact_teacher" }] },
    { aadObjectId: nurse.aadObjectId, name: nurse.name, roles: [{ schoolId: "s1", role: "school_nurse" }] },
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
    {
      id: "p2",
      name: "Leo Prøvesen",
      schoolId: "s1",
      grade: 6,
      className: "6A",
      contactTeacherIds: [teacher.aadObjectId],
    },
  ],
};

// Seven undocumented days for Mia (Ørland Trinn 1: the nærværsmøte); one for Leo (Trinn 0, a deadline of its own).
const miaDays = ["2026-11-04", "2026-11-05", "2026-11-06", "2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12"];
const events = [
  ...miaDays.map((date, i) => ({ id: `m${i}`, pupilId: "p1", schoolId: "s1", date, kind: "day", documented: false })),
  { id: "l1", pupilId: "p2", schoolId: "s1", date: "2026-11-16", kind: "day", documented: false },
];

/** Every TextBlock of a card with its colour, to tell the red deadline from the green «Fulgt opp». */
function textBlocks(card: any): { text: string; color?: string }[] {
  const found: { text: string; color?: string }[] = [];
  const walk = (node: any): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    if (node.type === "TextBlock") found.push({ text: String(node.text), color: node.color });
    for (const value of Object.values(node)) walk(value);
  };
  walk(card.body);
  return found;
}

describe("after every action, the card the teacher clicked is the case as it is now", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  const chat = () =>
    createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl, conversationId: "a:refresh-teacher" });
  const invoke = async (verb: string, data: Record<string, unknown>) => {
    const response = await sendActivity(server, chat().cardAction(verb, data));
    expect(response.status).toBe(200);
    return response.body.value;
  };
  const textOf = (card: unknown) => cardText({ attachments: [{ content: card }] });
  const clock = (now: string) => server.post("/api/test/clock", { now });
  const status = async (pupilId: string) => (await server.get(`/api/pupils/${pupilId}/status`, readAuth)).body;
  const moreItem = (card: any, predicate: (a: any) => boolean) =>
    findAction(card, (a) => a.type === "Action.ShowCard" && /Flere valg/.test(a.title)).card.actions.find(predicate);

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true" } });
    await clock("2026-11-16T09:00:00+01:00");
    expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    await sendActivity(server, chat().installationUpdate("add"));
    expect((await server.post("/api/absence", events, auth)).body.accepted).toBe(events.length);
    expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
    await recorder.waitFor((a) => a.filter((x) => /Fravær å følge opp/.test(cardText(x))).length >= 2);
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
  });

  test("when the teacher saves «Ikke bekymringsfullt» on a card with a passed deadline, then the answer shows the case followed up, with the new log line", async () => {
    await clock("2026-11-24T09:00:00+01:00");
    const before = await invoke("case.refresh", { pupilId: "p2" });
    expect(textBlocks(before)).toContainEqual({ text: expect.stringMatching(/^Fristen var/), color: "Attention" });
    const dismiss = findAction(before, (a) => a.type === "Action.ShowCard" && /Ikke bekymringsfullt/.test(a.title));
    const submit = dismiss.card.actions[0];
    const answers = fillInputs(dismiss.card, "2026-11-24");
    const after = await invoke(submit.verb, { ...submit.data, ...answers });
    expect(textOf(after)).toMatch(/Fravær å følge opp: Leo Prøvesen, 6A/);
    expect(textBlocks(after).some((b) => /^Fristen var/.test(b.text))).toBe(false);
    expect(textBlocks(after)).toContainEqual({
      text: expect.stringMatching(/^Fulgt opp tirsdag 24\.11/),
      // Bold default text, not green: WCAG AA contrast on a light card.
      color: "Default",
    });
    expect(textOf(after)).toMatch(/Ikke bekymringsfullt · Kari Kontaktlærer/);
  });

  test("when the nærværsmøte is held three weeks before the juleferie, then its measures are evaluated on the first school day after it, and a next meeting picked in the holiday is kept with a warning", async () => {
    await clock("2026-11-30T09:00:00+01:00");
    const card = await invoke("case.refresh", { pupilId: "p1" });
    const start =
      cardActions(card).find((a) => a.verb === "template.start" && a.data?.templateId === "attendance_meeting") ??
      moreItem(card, (a) => a.data.templateId === "attendance_meeting");
    const done = await walkTemplate(
      invoke,
      await invoke(start.verb, start.data),
      (id) =>
        id === "a_next_meeting_date"
          ? "2026-12-28"
          : id === "a_main_goal"
            ? "Mia møter på skolen alle dager"
            : /^m_.*_0_measure$/.test(id)
              ? "Fast oppmøte kl. 08.15 med kontaktlærer"
              : undefined,
      "2026-11-30",
    );
    expect(textOf(done)).toMatch(/28\.12\.2026 er ikke en skoledag \(Juleferie\)/);
    const measures = (await status("p1")).measures;
    expect(measures.length).toBeGreaterThan(0);
    // The first row keeps the date the card suggested; the others were given today by the walk.
    expect(measures.find((m: any) => /^Fast oppmøte/.test(m.measure)).evaluationDate).toBe("2027-01-04");
    expect((await status("p1")).log.find((l: any) => l.templateId === "attendance_meeting").nextContactDate).toBe(
      "2026-12-28",
    );
  });

  test("when the teacher saves the evaluation of the measures, then the answer is the case card with the evaluation in its log and nothing left to evaluate", async () => {
    await clock("2027-01-04T09:00:00+01:00");
    const form = await invoke("measures.evaluateOpen", { pupilId: "p1" });
    // «Er målet nådd?»: the plan's goal, and 16 school days since the meeting against the 16 before it (5 whole days).
    expect(textOf(form)).toMatch(/Hovedmål i planen: Mia møter på skolen alle dager/);
    expect(textOf(form)).toMatch(/Fravær siden planen startet 30\.11/);
    expect(textOf(form)).toMatch(/Skoledager siden planen startet\n16\n/);
    expect(textOf(form)).toMatch(/Hele dager borte\n0 \(før planen: 5\)/);
    const save = findAction(form, (a) => a.verb === "measures.evaluate");
    const results = Object.fromEntries(
      cardInputs(form)
        .filter((i) => /^r_\d+$/.test(i.id))
        .map((i) => [i.id, "worked"]),
    );
    const after = await invoke("measures.evaluate", {
      ...save.data,
      ...results,
      outcome: "maintain",
      evaluationDate: "2027-01-04",
    });
    const text = textOf(after);
    expect(text).toMatch(/Fravær å følge opp: Mia Testesen, 6A/);
    expect(text).toMatch(/Dokumentert: Evaluering av tiltak/);
    expect(text).toMatch(/Fast oppmøte kl\. 08\.15 med kontaktlærer: Hadde effekt/);
    expect(text).toMatch(/Evaluering av tiltak · Kari Kontaktlærer · Målet er nådd eller på god vei/);
    expect(cardActions(after).some((a) => a.verb === "measures.evaluateOpen")).toBe(false);
    const active = (await status("p1")).measures.filter((m: any) => m.status === "active");
    expect(active.length).toBeGreaterThan(0);
  });

  test("when the teacher brings the school nurse in under a samtykke, then the answer shows the new log line", async () => {
    const card = await invoke("case.refresh", { pupilId: "p1" });
    const consent = moreItem(card, (a) => a.data.templateId === "consent");
    await walkTemplate(
      invoke,
      await invoke(consent.verb, consent.data),
      {
        a_services: "health_service",
        a_consent_decision: "given",
        a_stafettlogg: "yes",
        a_signed_by: "guardians",
        a_place: "Brekstad",
        a_service_location: "Brekstad skole",
      },
      "2027-01-04",
    );
    const current = await invoke("case.refresh", { pupilId: "p1" });
    const bringNurse = moreItem(current, (a) => a.title === "Koble på helsesykepleier");
    const after = await invoke(bringNurse.verb, bringNurse.data);
    expect(textOf(after)).toMatch(
      /Koblet på · Kari Kontaktlærer · helsesykepleier: Hanne Helsesykepleier \(samtykke 04\.01\.2027\)/,
    );
  });
});
