import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { findAction, walkTemplate as walkCards } from "../support/card-walker";
import { readAuth, removeDir, startServer, type RunningServer } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "close-case-test-ingest-key-01";
const auth = { authorization: `Bearer ${key}` };
const teacher = { aadObjectId: "66666666-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };
const coordinator = { aadObjectId: "66666666-0000-0000-0000-000000000002", name: "Tone Tiltaksleder" };
const nurse = { aadObjectId: "66666666-0000-0000-0000-000000000003", name: "Hanne Helsesykepleier" };
const otherTeacher = { aadObjectId: "66666666-0000-0000-0000-000000000004", name: "Ola Annenlærer" };

const roster = {
  schools: [
    { id: "s1", name: "Brekstad skole", municipality: "Ørland", ladder: "orland-skole", schoolYearStart: "2026-08-19" },
  ],
  staff: [
    { aadObjectId: teacher.aadObjectId, name: teacher.name, roles: [{ schoolId: "s1", role: "contact_teacher" }] },
    { aadObjectId: coordinator.aadObjectId, name: coordinator.name, roles: [{ schoolId: "s1", role: "coordinator" }] },
    { aadObjectId: nurse.aadObjectId, name: nurse.name, roles: [{ schoolId: "s1", role: "school_nurse" }] },
    {
      aadObjectId: otherTeacher.aadObjectId,
      name: otherTeacher.name,
      roles: [{ schoolId: "s1", role: "contact_teacher" }],
    },
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
      className: "6B",
      contactTeacherIds: [otherTeacher.aadObjectId],
    },
  ],
};

// Seven undocumented days for Mia: Ørland Trinn 1 («Fraværet passerer 6 dager»), held by kontaktlærer and tiltaksleder.
const miaDays = ["2026-11-04", "2026-11-05", "2026-11-06", "2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12"];
const events = [
  ...miaDays.map((date, i) => ({ id: `m${i}`, pupilId: "p1", schoolId: "s1", date, kind: "day", documented: false })),
  { id: "l1", pupilId: "p2", schoolId: "s1", date: "2026-11-16", kind: "day", documented: false },
];

describe("«Avslutt saken»: closed with a reason and a date, reopened, and a later trip opens a new case", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  const chatOf = (user: { aadObjectId: string; name: string }) =>
    createTeamsConversation(user, { serviceUrl: recorder.serviceUrl, conversationId: `a:${user.aadObjectId}` });
  const invoke = async (user: { aadObjectId: string; name: string }, verb: string, data: Record<string, unknown>) => {
    const response = await sendActivity(server, chatOf(user).cardAction(verb, data));
    expect(response.status).toBe(200);
    return response.body.value;
  };
  const textOf = (card: unknown) => cardText({ attachments: [{ content: card }] });
  const sentAbout = (name: RegExp) => recorder.sentActivities().filter((x) => name.test(cardText(x)));
  const clock = (now: string) => server.post("/api/test/clock", { now });
  const settle = () => new Promise((r) => setTimeout(r, 500));
  const more = (card: any) => findAction(card, (a) => a.type === "Action.ShowCard" && /Flere valg/.test(a.title)).card;
  /** The «Avslutt saken» form's button, from the case card's more choices. */
  const closeButton = (card: any) =>
    more(card).actions.find((a: any) => a.title === "Avslutt saken")?.card.actions[0] as
      { verb: string; data: Record<string, unknown> } | undefined;
  const status = async () => (await server.get("/api/pupils/p1/status", readAuth)).body;

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true" } });
    await clock("2026-11-16T09:00:00+01:00");
    expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    for (const user of [teacher, coordinator, nurse, otherTeacher])
      await sendActivity(server, chatOf(user).installationUpdate("add"));
    await recorder.waitFor((a) => a.length >= 4);
    recorder.clear();
    expect((await server.post("/api/absence", events, auth)).body.accepted).toBe(events.length);
    expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
    await recorder.waitFor((a) => a.filter((x) => /Mia Testesen/.test(cardText(x))).length >= 2);
    await settle();
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
  });

  test("when the family gives samtykke, the nurse is brought in and «Minn meg» is set, then the case is open to them", async () => {
    const card = await invoke(teacher, "case.refresh", { pupilId: "p1" });
    const consent = more(card).actions.find((a: any) => a.data?.templateId === "consent");
    const first = await invoke(teacher, "template.start", consent.data);
    await walkCards(
      (verb, data) => invoke(teacher, verb, data),
      first,
      {
        a_services: "health_service",
        a_consent_decision: "given",
      },
      "2026-11-16",
    );
    const withConsent = await invoke(teacher, "case.refresh", { pupilId: "p1" });
    const bringNurse = more(withConsent).actions.find((a: any) => a.title === "Koble på helsesykepleier");
    expect(textOf(await invoke(teacher, bringNurse.verb, bringNurse.data))).toMatch(
      /Hanne Helsesykepleier er koblet på/,
    );
    expect(textOf(await invoke(nurse, "case.refresh", { pupilId: "p1" }))).toMatch(/Fravær å følge opp: Mia Testesen/);
    const current = await invoke(teacher, "case.refresh", { pupilId: "p1" });
    const remind = findAction(current, (a) => a.type === "Action.ShowCard" && /Minn meg/.test(a.title)).card;
    const choice = remind.body[0].choices[0].value;
    expect(textOf(await invoke(teacher, "case.remind", { ...remind.actions[0].data, remindAt: choice }))).toMatch(
      /du får en påminnelse/,
    );
  });

  test("when a teacher outside the case or the nurse sends «Avslutt saken», then it is refused and the case stays open", async () => {
    const button = closeButton(await invoke(teacher, "case.refresh", { pupilId: "p1" }))!;
    expect(button.verb).toBe("case.close");
    const data = { ...button.data, closeReason: "normal_attendance", closeOn: "2026-11-16" };
    expect(textOf(await invoke(otherTeacher, "case.close", data))).toMatch(/ikke tilgang/);
    expect(textOf(await invoke(nurse, "case.close", data))).toMatch(/ikke tilgang/);
    expect((await status()).log.some((e: any) => e.templateId === "closed")).toBe(false);
  });

  test("when «annet» comes without a text or the date is after today, then it says what is missing and nothing changes", async () => {
    const button = closeButton(await invoke(teacher, "case.refresh", { pupilId: "p1" }))!;
    const other = await invoke(teacher, "case.close", { ...button.data, closeReason: "other", closeText: " " });
    expect(textOf(other)).toMatch(/Skriv kort hvorfor saken avsluttes/);
    const later = await invoke(teacher, "case.close", {
      ...button.data,
      closeReason: "moved",
      closeOn: "2026-11-17",
    });
    expect(textOf(later)).toMatch(/Datoen må være i dag eller tidligere/);
    expect((await status()).log.some((e: any) => e.templateId === "closed")).toBe(false);
  });

  test("when the teacher closes the case «normalt nærvær», then it reads «Avsluttet», the log says why, the nurse loses access and is told, and «saker» no longer lists it", async () => {
    recorder.clear();
    const button = closeButton(await invoke(teacher, "case.refresh", { pupilId: "p1" }))!;
    const closed = await invoke(teacher, "case.close", {
      ...button.data,
      closeReason: "normal_attendance",
      closeText: "",
      closeOn: "2026-11-16",
    });
    expect(textOf(closed)).toMatch(/Avsluttet 16\.11: normalt nærvær\. Saken kan bare leses\./);
    expect(textOf(closed)).toMatch(/Gjenåpne saken/);
    expect(textOf(closed)).not.toMatch(/Ikke bekymringsfullt|Minn meg|Flere valg|Start /);
    const entry = (await status()).log.find((e: any) => e.templateId === "closed");
    expect(entry).toMatchObject({ author: teacher.aadObjectId, contactDate: "2026-11-16" });
    expect(entry.reasonForContact).toBe("normalt nærvær");

    const toNurse = await recorder.waitFor((a) => a.some((x) => x.conversation?.id === `a:${nurse.aadObjectId}`));
    expect(cardText(toNurse.find((x) => x.conversation?.id === `a:${nurse.aadObjectId}`))).toMatch(
      /Du har ikke lenger tilgang til saken/,
    );
    expect(textOf(await invoke(nurse, "case.refresh", { pupilId: "p1" }))).toMatch(/ikke tilgang/);
    expect(textOf(await invoke(teacher, "cases.list", {}))).not.toMatch(/Mia Testesen/);
    expect(textOf(await invoke(coordinator, "cases.list", {}))).not.toMatch(/Mia Testesen/);
    expect(textOf(await invoke(coordinator, "cases.list", {}))).toMatch(/Leo Prøvesen/);
  });

  test("when a button of an older card is clicked on the closed case, then nothing changes and the closed case is shown", async () => {
    const answer = await invoke(teacher, "template.start", { pupilId: "p1", templateId: "attendance_meeting" });
    expect(textOf(answer)).toMatch(/Avsluttet 16\.11: normalt nærvær/);
    expect(textOf(answer)).not.toMatch(/steg 1 av/i);
  });

  test("when the clock moves past the reminder and the deadlines, then nothing arrives about the closed case; the open one still escalates", async () => {
    recorder.clear();
    await clock("2026-11-17T09:00:00+01:00");
    await settle();
    await clock("2026-11-25T09:00:00+01:00");
    await recorder.waitFor((a) => a.some((x) => /Leo Prøvesen/.test(cardText(x))));
    await settle();
    expect(sentAbout(/Leo Prøvesen/).length).toBeGreaterThanOrEqual(1);
    expect(sentAbout(/Mia Testesen/)).toHaveLength(0);
  });

  test("when the tiltaksleder reopens the case, then it is open again and the log says so; closing it again works", async () => {
    const card = await invoke(coordinator, "case.refresh", { pupilId: "p1" });
    const reopen = findAction(card, (a) => a.verb === "case.reopen");
    const reopened = await invoke(coordinator, reopen.verb!, reopen.data!);
    expect(textOf(reopened)).not.toMatch(/Avsluttet 16\.11/);
    expect(textOf(reopened)).toMatch(/Flere valg/);
    expect((await status()).log.some((e: any) => e.templateId === "reopened")).toBe(true);
    const button = closeButton(reopened)!;
    const closed = await invoke(coordinator, "case.close", {
      ...button.data,
      closeReason: "normal_attendance",
      closeOn: "2026-11-25",
    });
    expect(textOf(closed)).toMatch(/Avsluttet 25\.11: normalt nærvær/);
  });

  test("when a new trip comes after the closure, then a new case opens that names the earlier one, and the tiltaksleder hears of the step again", async () => {
    recorder.clear();
    const later = { id: "m9", pupilId: "p1", schoolId: "s1", date: "2026-11-26", kind: "day", documented: false };
    expect((await server.post("/api/absence", [later], auth)).body.accepted).toBe(1);
    await clock("2026-11-26T09:00:00+01:00");
    expect((await server.post("/api/evaluate", { date: "2026-11-26" }, auth)).status).toBe(200);
    await recorder.waitFor((a) => a.filter((x) => /Mia Testesen/.test(cardText(x))).length >= 2);
    const toTeacher = recorder.sentActivities(`a:${teacher.aadObjectId}`).map(cardText);
    expect(toTeacher.filter((t) => /Mia Testesen/.test(t))).toHaveLength(1);
    expect(toTeacher[0]).toMatch(/Tidligere sak avsluttet 25\.11: normalt nærvær/);
    expect(toTeacher[0]).not.toMatch(/Avsluttet 25\.11: normalt nærvær\. Saken kan bare leses/);
    expect(recorder.sentActivities(`a:${coordinator.aadObjectId}`).map(cardText).join()).toMatch(/Mia Testesen/);
    const card = await invoke(teacher, "case.refresh", { pupilId: "p1" });
    expect(textOf(card)).toMatch(/Flere valg/);
    // The new case starts without the earlier samtykke: it lasted until that case was closed.
    expect(textOf(card)).not.toMatch(/Samtykke 16\.11/);
    expect(textOf(await invoke(teacher, "cases.list", {}))).toMatch(/Mia Testesen/);
  });

  test("when the tiltaksleder asks for the report, then the closed cases count per reason (a reopened one does not)", async () => {
    const response = await sendActivity(server, chatOf(coordinator).message("rapport"));
    expect(response.status).toBe(200);
    const [report] = await recorder.waitFor((a) => a.some((x) => /Fraværsoversikt/.test(cardText(x))));
    const text = cardText(recorder.sentActivities().find((x) => /Fraværsoversikt/.test(cardText(x))) ?? report);
    expect(text).toMatch(/Saker avsluttet i perioden/);
    expect(text).toMatch(/1 \(normalt nærvær 1, flyttet 0, overført 0, annet 0\)/);
  });
});
