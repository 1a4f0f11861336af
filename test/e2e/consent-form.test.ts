import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { cardInputs, findAction, walkTemplate } from "../support/card-walker";
import { removeDir, startServer, type RunningServer, readAuth } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "consent-form-test-ingest-key-01";
const auth = { authorization: `Bearer ${key}` };
const teacher = { aadObjectId: "33333333-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };

const pupil = (id: string, name: string, birthDate: string) => ({
  id,
  name,
  schoolId: "s1",
  grade: 9,
  className: "9A",
  birthDate,
  contactTeacherIds: [teacher.aadObjectId],
});
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
  // On 18.11.2026 Ola is 14 (15 the day after), Siv is 15 that very day.
  pupils: [pupil("p1", "Ola Fjorten", "2011-11-19"), pupil("p2", "Siv Femten", "2011-11-18")],
};

describe("the samtykkeerklæring as the form (003) has it, walked in Teams", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  const chat = () => createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl, conversationId: "a:t" });
  const invoke = async (verb: string, data: Record<string, unknown>) => {
    const response = await sendActivity(server, chat().cardAction(verb, data));
    expect(response.status).toBe(200);
    return response.body.value;
  };
  const textOf = (card: any) => cardText({ attachments: [{ content: card }] });

  /** The phone call judges nivå 1, where the nærværsmøte and with it the samtykkeerklæring are offered. */
  async function toLevelOne(pupilId: string): Promise<void> {
    const card = await invoke("case.refresh", { pupilId });
    const call = await invoke("template.start", findAction(card, (a) => a.verb === "template.start").data!);
    await walkTemplate(invoke, call, { a_assessed_step: "1", a_meeting_needed: "yes" }, "2026-11-18");
  }

  /** Walks the samtykkeerklæring, keeping every card it showed. */
  async function walkConsent(pupilId: string, overrides: Record<string, string>): Promise<any[]> {
    const card = await invoke("case.refresh", { pupilId });
    const more = findAction(card, (a) => a.type === "Action.ShowCard" && /Flere valg/.test(a.title));
    const start = more.card.actions.find((a: any) => a.data.templateId === "consent");
    const cards: any[] = [await invoke("template.start", start.data)];
    const keep = async (verb: string, data: Record<string, unknown>) => {
      const next = await invoke(verb, data);
      cards.push(next);
      return next;
    };
    await walkTemplate(keep, cards[0], overrides, "2026-11-18");
    return cards;
  }

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true" } });
    await server.post("/api/test/clock", { now: "2026-11-18T09:00:00+01:00" });
    expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    await sendActivity(server, chat().installationUpdate("add"));
    const events = ["p1", "p2"].map((pupilId, i) => ({
      id: `e${i}`,
      pupilId,
      schoolId: "s1",
      date: "2026-11-18",
      kind: "day",
      documented: false,
    }));
    expect((await server.post("/api/absence", events, auth)).body.accepted).toBe(2);
    expect((await server.post("/api/evaluate", { date: "2026-11-18" }, auth)).status).toBe(200);
    await toLevelOne("p1");
    await toLevelOne("p2");
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
  });

  test("when the pupil is 14 on the day, then only the guardians sign; when the specialist health service is ticked, then the card asks which", async () => {
    const cards = await walkConsent("p1", {
      a_services: "health_service,specialist_health,fint",
      a_specialist_health_detail: "BUP",
      a_consent_decision: "given",
      a_signed_by: "guardians",
      a_place: "Molde",
      a_service_location: "Nordbyen skole",
    });
    const first = cardInputs(cards[0]);
    // The form's eleven services take two columns; the second is its own input.
    const services = first.filter((i) => i.id === "a_services" || i.id === "a_services__2").flatMap((i) => i.choices);
    expect(services).toEqual(expect.arrayContaining(["fint", "specialist_health"]));
    expect(first.some((i) => i.id === "a_specialist_health_detail")).toBe(true);
    const signature = cards.find((c) => cardInputs(c).some((i) => i.id === "a_signed_by"));
    expect(cardInputs(signature).find((i) => i.id === "a_signed_by")?.choices).toEqual(["guardians"]);
    expect(textOf(signature)).toMatch(/Eleven er under 15 år: foresatte signerer erklæringen/);
    expect(cardInputs(signature).map((i) => i.id)).toEqual(
      expect.arrayContaining(["a_consent_date", "a_place", "a_obtained_by", "a_service_location"]),
    );

    // The log entry says who signed, where and when, who obtained it and at which service.
    const done = textOf(cards.at(-1));
    expect(done).toMatch(/Signert av\W+Foresatte/);
    expect(done).toMatch(/Sted og dato\W+Molde, 18\.11\.2026/);
    expect(done).toMatch(/Samtykke er innhentet av\W+Kari Kontaktlærer/);
    expect(done).toMatch(/Tjenestested\W+Nordbyen skole/);
    expect(done).toMatch(/Spesialisthelsetjeneste \(BUP\)/);
    const status = (await server.get("/api/pupils/p1/status", readAuth)).body;
    expect(status.consent).toMatchObject({
      services: ["health_service", "fint", "specialist_health"],
      specified: { specialist_health: "BUP" },
      signedBy: ["guardians"],
    });
  });

  test("when the pupil turns 15 that day, then «Barnet (over 15 år)» is offered and signs; someone else who obtained it is named", async () => {
    const cards = await walkConsent("p2", {
      a_services: "ppt",
      a_consent_decision: "given",
      a_signed_by: "pupil,guardians",
      a_obtained_by: "other",
      a_obtained_by_name: "Siri Helsesykepleier",
      a_place: "Molde",
    });
    const signature = cards.find((c) => cardInputs(c).some((i) => i.id === "a_signed_by"));
    expect(cardInputs(signature).find((i) => i.id === "a_signed_by")?.choices).toEqual(["pupil", "guardians"]);
    const done = textOf(cards.at(-1));
    expect(done).toMatch(/Signert av\W+Eleven, foresatte/);
    expect(done).toMatch(/Samtykke er innhentet av\W+Siri Helsesykepleier/);
    expect((await server.get("/api/pupils/p2/status", readAuth)).body.consent).toMatchObject({
      signedBy: ["pupil", "guardians"],
      obtainedBy: "Siri Helsesykepleier",
    });
  });
});
