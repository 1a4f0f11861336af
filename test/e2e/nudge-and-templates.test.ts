import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { cardActions, cardInputs, fillInputs, findAction, walkTemplate as walkCards } from "../support/card-walker";
import { removeDir, startServer, storedItems, type RunningServer, readAuth } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "nudge-test-ingest-key-0123";
const auth = { authorization: `Bearer ${key}` };
const teacher = { aadObjectId: "22222222-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };
const otherTeacher = { aadObjectId: "22222222-0000-0000-0000-000000000002", name: "Ola Annenlærer" };
const coordinator = { aadObjectId: "22222222-0000-0000-0000-000000000003", name: "Tone Tiltaksleder" };
const stranger = { aadObjectId: "22222222-0000-0000-0000-000000000099", name: "Uvedkommende" };
const nurse = { aadObjectId: "22222222-0000-0000-0000-000000000004", name: "Hanne Helsesykepleier" };

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
    {
      aadObjectId: otherTeacher.aadObjectId,
      name: otherTeacher.name,
      roles: [{ schoolId: "s1", role: "contact_teacher" }],
    },
    { aadObjectId: coordinator.aadObjectId, name: coordinator.name, roles: [{ schoolId: "s1", role: "coordinator" }] },
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
      className: "6B",
      contactTeacherIds: [otherTeacher.aadObjectId],
    },
    { id: "p3", name: "Ida Uten", schoolId: "s1", grade: 6, className: "6C", contactTeacherIds: [] },
  ],
};

describe("a tripped threshold becomes a nudge, and the nudge becomes documentation", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  const teacherChat = () =>
    createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl, conversationId: "a:teacher-chat" });
  const coordinatorChat = () =>
    createTeamsConversation(coordinator, { serviceUrl: recorder.serviceUrl, conversationId: "a:coordinator-chat" });
  const invoke = async (
    chat: ReturnType<typeof createTeamsConversation>,
    verb: string,
    data: Record<string, unknown>,
  ) => {
    const response = await sendActivity(server, chat.cardAction(verb, data));
    expect(response.status).toBe(200);
    return response.body.value;
  };

  const walkTemplate = (
    chat: ReturnType<typeof createTeamsConversation>,
    first: any,
    overrides: Record<string, string>,
    today: string,
  ) => walkCards((verb, data) => invoke(chat, verb, data), first, overrides, today);

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true" } });
    await server.post("/api/test/clock", { now: "2026-11-16T09:00:00+01:00" });
    expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    await sendActivity(server, teacherChat().installationUpdate("add"));
    await sendActivity(server, coordinatorChat().installationUpdate("add"));
    await recorder.waitFor((a) => a.length >= 2);
    recorder.clear();
    const events = [
      { id: "e1", pupilId: "p1", schoolId: "s1", date: "2026-11-09", kind: "day", documented: true, reason: "illness" },
      { id: "e2", pupilId: "p1", schoolId: "s1", date: "2026-11-16", kind: "day", documented: false },
      { id: "e3", pupilId: "p2", schoolId: "s1", date: "2026-11-16", kind: "day", documented: false },
      { id: "e4", pupilId: "p3", schoolId: "s1", date: "2026-11-16", kind: "day", documented: false },
    ];
    expect((await server.post("/api/absence", events, auth)).body.accepted).toBe(4);
    expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
    await server.delivered();
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
  });

  test("when a pupil trips a threshold, then only that pupil's contact teacher gets the nudge, with step, deadline, why and pattern", async () => {
    const [nudge] = await recorder.waitFor((a) => a.some((x) => cardText(x).includes("Mia Testesen")));
    const inTeacherChat = recorder.sentActivities("a:teacher-chat");
    expect(inTeacherChat).toHaveLength(1);
    const text = cardText(inTeacherChat[0]);
    expect(text).toMatch(/Fravær å følge opp: Mia Testesen, 6A/);
    expect(text).toMatch(/Nivå 0: Oppdage og utforske/);
    expect(text).toMatch(/Frist: innen i dag/);
    expect(text).toMatch(/Udokumentert fravær 16\.11/);
    expect(text).toMatch(/Ta kontakt med foresatte/);
    expect(text).toMatch(/2 fraværsdager \(1 udokumentert\)/);
    expect(text).toMatch(/Man/);
    expect(nudge).toBeDefined();
    expect(recorder.sentActivities("a:teacher-chat").map(cardText).join()).not.toMatch(/Leo Prøvesen|Ida Uten/);
  });

  test("when a contact teacher has no chat with Nærvær yet, then Nærvær opens one and nudges there", async () => {
    const created = recorder.calls.filter((c) => c.method === "POST" && c.path === "/v3/conversations");
    expect(created.some((c) => c.body.members?.[0]?.id === otherTeacher.aadObjectId)).toBe(true);
    const leo = recorder.sentActivities().filter((a) => cardText(a).includes("Leo Prøvesen"));
    expect(leo).toHaveLength(1);
  });

  test("when a pupil has no contact teacher, then the coordinator gets the nudge and is told why", async () => {
    const toCoordinator = recorder.sentActivities("a:coordinator-chat").map(cardText);
    expect(toCoordinator.some((t) => /Ida Uten/.test(t) && /ingen kontaktlærer kunne nås/.test(t))).toBe(true);
  });

  test("when the same evaluation runs again, then no second nudge is sent", async () => {
    await server.delivered();
    const before = recorder.sentActivities().length;
    await server.post("/api/evaluate", { date: "2026-11-16" }, auth);
    await server.delivered();
    expect(recorder.sentActivities().length).toBe(before);
  });

  test("when someone who is not the pupil's teacher or coordinator clicks, then it is refused and nothing changes", async () => {
    const nudge = recorder.sentActivities("a:teacher-chat")[0];
    const start = findAction(nudge.attachments[0].content, (a) => a.verb === "template.start");
    const chat = createTeamsConversation(stranger, { serviceUrl: recorder.serviceUrl });
    const answer = await invoke(chat, "template.start", start.data!);
    expect(JSON.stringify(answer)).toMatch(/ikke tilgang til denne eleven/);
    const status = (await server.get("/api/pupils/p1/status", readAuth)).body;
    expect(status.openTasks.filter((t: any) => t.kind === "draft")).toHaveLength(0);
  });

  test("when someone without access acts on a pupil whose case is not open, then it is refused and no case is opened", async () => {
    // A pupil with a status and nothing to follow up: no nudge has opened a case for her.
    const withNew = {
      ...roster,
      pupils: [
        ...roster.pupils,
        {
          id: "p9",
          name: "Nora Ny",
          schoolId: "s1",
          grade: 6,
          className: "6A",
          contactTeacherIds: [teacher.aadObjectId],
        },
      ],
    };
    expect((await server.post("/api/roster", withNew, auth)).body.rejected).toEqual([]);
    expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
    expect((await server.get("/api/pupils/p9/status", readAuth)).body.evaluated).toBe(true);
    const answer = await invoke(
      createTeamsConversation(stranger, { serviceUrl: recorder.serviceUrl }),
      "case.refresh",
      { pupilId: "p9" },
    );
    expect(JSON.stringify(answer)).toMatch(/ikke tilgang til denne eleven/);
    // The embedded store writes its snapshot 300 ms after the last write.
    await new Promise((r) => setTimeout(r, 1000));
    const cases = storedItems(server.dataDir, "cases");
    const caseOf = (pupilId: string) => cases.find((item) => item.pupilId === pupilId && item.id === "case");
    expect(caseOf("p1")).toBeDefined();
    expect(caseOf("p9")).toBeUndefined();
  });

  describe("a conversation moves only as its steps allow", () => {
    // Leo's phone call, walked to the step that asks for the date of contact (required); a later test finishes it.
    const leoChat = () => createTeamsConversation(otherTeacher, { serviceUrl: recorder.serviceUrl });
    let atDate: any;
    beforeAll(async () => {
      const leo = await invoke(leoChat(), "case.refresh", { pupilId: "p2" });
      let card = await invoke(leoChat(), "template.start", findAction(leo, (a) => a.verb === "template.start").data!);
      for (let guard = 0; guard < 8 && !cardInputs(card).some((i) => i.id.endsWith("contact_date")); guard++) {
        const next = cardActions(card).find((a) => a.verb === "template.next")!;
        card = await invoke(leoChat(), "template.next", { ...next.data, ...fillInputs(card, "2026-11-16") });
      }
      atDate = card;
    });
    const stepOf = (card: any) => /steg (\d) av 7/.exec(cardText({ attachments: [{ content: card }] }))?.[1];

    test("when a required answer is left empty, then the same step comes back saying so and the draft stays there", async () => {
      expect(cardInputs(atDate).some((i) => i.id.endsWith("contact_date"))).toBe(true);
      const next = cardActions(atDate).find((a) => a.verb === "template.next")!;
      const emptied = Object.fromEntries(Object.keys(fillInputs(atDate, "2026-11-16")).map((id) => [id, ""]));
      const answer = await invoke(leoChat(), "template.next", { ...next.data, ...emptied });
      expect(cardText({ attachments: [{ content: answer }] })).toMatch(/Fyll ut de påkrevde feltene/);
      expect(stepOf(answer)).toBe(stepOf(atDate));
      const drafts = (await server.get("/api/pupils/p2/status", readAuth)).body.openTasks.filter(
        (t: any) => t.kind === "draft",
      );
      expect(drafts.map((d: any) => d.stepIndex + 1)).toEqual([Number(stepOf(atDate))]);
    });

    test("when a finish arrives from a step before the last, then the conversation is not completed and nothing is logged", async () => {
      const next = cardActions(atDate).find((a) => a.verb === "template.next")!;
      const answer = await invoke(leoChat(), "template.finish", { ...next.data, ...fillInputs(atDate, "2026-11-16") });
      expect(stepOf(answer)).toBe(stepOf(atDate));
      const status = (await server.get("/api/pupils/p2/status", readAuth)).body;
      expect(status.log).toEqual([]);
      expect(status.openTasks.filter((t: any) => t.kind === "draft")).toHaveLength(1);
    });
  });

  test("when the teacher walks the telefonsamtale to the end, then one log entry is written and a redelivered finish writes nothing more", async () => {
    const nudge = recorder.sentActivities("a:teacher-chat")[0].attachments[0].content;
    const start = findAction(nudge, (a) => a.verb === "template.start");
    expect(start.title).toMatch(/Start telefonsamtale/i);
    let card = await invoke(teacherChat(), "template.start", start.data!);
    expect(cardText({ attachments: [{ content: card }] })).toMatch(/steg 1 av 7/);
    // Step 1 is pre-filled from the pattern analysis.
    expect(JSON.stringify(card)).toMatch(/mandag|Mandag|fraværsdag/);

    let finishData: Record<string, unknown> | undefined;
    for (let guard = 0; guard < 12; guard++) {
      const next = cardActions(card).find((a) => a.verb === "template.next" || a.verb === "template.finish");
      expect(next).toBeDefined();
      const data = { ...next!.data, ...fillInputs(card, "2026-11-16") };
      if (next!.verb === "template.finish") {
        finishData = data;
        break;
      }
      const following = await invoke(teacherChat(), "template.next", data);
      // Teams redelivers: the same click again shows the same next step and moves nothing.
      const redelivered = await invoke(teacherChat(), "template.next", data);
      expect(JSON.stringify(redelivered)).toEqual(JSON.stringify(following));
      card = following;
    }
    expect(finishData).toBeDefined();
    const done = await invoke(teacherChat(), "template.finish", finishData!);
    const doneText = cardText({ attachments: [{ content: done }] });
    expect(doneText).toMatch(/Dokumentert: Telefonsamtale/i);
    expect(doneText).toMatch(/Lagret i fraværsloggen/);
    expect(doneText).toMatch(/Kari Kontaktlærer/);

    const again = await invoke(teacherChat(), "template.finish", finishData!);
    expect(JSON.stringify(again)).toMatch(/allerede fullført/);

    const status = (await server.get("/api/pupils/p1/status", readAuth)).body;
    expect(status.log).toHaveLength(1);
    expect(status.log[0]).toMatchObject({
      kind: "absence_log",
      templateId: "phone_call",
      author: teacher.aadObjectId,
      step: 0,
      contactDate: "2026-11-16",
    });
    expect(status.openTasks.filter((t: any) => t.kind === "draft")).toHaveLength(0);
  });

  test("when the teacher judges it not concerning, then the reason is documented, and an old card answers with the current state", async () => {
    const nudge = recorder.sentActivities("a:teacher-chat")[0].attachments[0].content;
    const dismiss = findAction(nudge, (a) => a.type === "Action.ShowCard" && /Ikke bekymringsfullt/.test(a.title));
    const submit = dismiss.card.actions[0];
    const stale = await invoke(teacherChat(), submit.verb, {
      ...submit.data,
      reason: "Kjent sykdom, avklart med foresatte",
    });
    // The card was sent before the phone call moved the case on.
    expect(cardText({ attachments: [{ content: stale }] })).toMatch(/Saken har gått videre/);

    const current = await invoke(teacherChat(), "case.refresh", { pupilId: "p1" });
    const fresh = findAction(current, (a) => a.type === "Action.ShowCard" && /Ikke bekymringsfullt/.test(a.title)).card
      .actions[0];
    const result = await invoke(teacherChat(), fresh.verb, {
      ...fresh.data,
      reason: "Kjent sykdom, avklart med foresatte",
    });
    expect(cardText({ attachments: [{ content: result }] })).toMatch(/vurderte fraværet som ikke bekymringsfullt/);
    const status = (await server.get("/api/pupils/p1/status", readAuth)).body;
    expect(status.log.map((l: any) => l.templateId)).toEqual(["phone_call", "dismissal"]);
  });

  test("when the teacher opens «Vis fraværet», then every registration is listed with documented or not", async () => {
    const card = await invoke(teacherChat(), "case.showAbsence", { pupilId: "p1" });
    const text = cardText({ attachments: [{ content: card }] });
    expect(text).toMatch(/16\.11/);
    expect(text).toMatch(/udokumentert/);
    expect(text).toMatch(/09\.11/);
  });

  test("when the phone call concludes a meeting is needed, then the case moves to nivå 1 and the nærværsmøte ends in a tiltaksplan with evaluation dates", async () => {
    const chat = createTeamsConversation(otherTeacher, { serviceUrl: recorder.serviceUrl });
    const walk = (first: any, overrides: Record<string, string>) => walkTemplate(chat, first, overrides, "2026-11-17");
    const leo = await invoke(chat, "case.refresh", { pupilId: "p2" });
    // The phone call is under way (see «a conversation moves only as its steps allow»): the card offers to go on with it.
    const goOn = findAction(leo, (a) => a.verb === "template.start" || a.verb === "template.resume");
    const phoneCall = await invoke(chat, goOn.verb!, goOn.data!);
    const called = cardText({
      attachments: [{ content: await walk(phoneCall, { a_assessed_step: "1", a_meeting_needed: "yes" }) }],
    });
    // The level judged is where the entry goes (002 §2.4 punkt 7, §2.8: nivå 1 or higher in the elevlogg).
    expect(called).toMatch(/Lagret i elevloggen/);
    expect(called).toMatch(/Nivå\W+1/);
    expect(called).not.toMatch(/Trinn\W+0/);

    const refreshed = await invoke(chat, "case.refresh", { pupilId: "p2" });
    const refreshedText = cardText({ attachments: [{ content: refreshed }] });
    expect(refreshedText).toMatch(/Nivå 1: Videre oppfølging/);
    const startMeeting = findAction(refreshed, (a) => a.verb === "template.start");
    expect(startMeeting.title).toMatch(/nærværsmøte/i);

    const meeting = await invoke(chat, "template.start", startMeeting.data!);
    const done = await walk(meeting, {});
    const doneText = cardText({ attachments: [{ content: done }] });
    expect(doneText).toMatch(/Dokumentert: Nærværsmøte/i);
    expect(doneText).toMatch(/Lagret i elevloggen/);
    expect(doneText).toMatch(/Avtalte tiltak/);

    const status = (await server.get("/api/pupils/p2/status", readAuth)).body;
    expect(status.step).toBe(1);
    expect(status.log.map((l: any) => [l.templateId, l.kind])).toEqual([
      ["phone_call", "pupil_log"],
      ["attendance_meeting", "pupil_log"],
    ]);
    expect(status.log[0].step).toBe(1);
    expect(status.measures.length).toBeGreaterThan(0);
    expect(status.measures[0]).toMatchObject({
      responsible: expect.any(String),
      evaluationDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      status: "active",
    });
    expect(status.openTasks.filter((t: any) => t.kind === "evaluation").length).toBe(status.measures.length);
  });

  test("when the teacher asks to be reminded, then the card comes back when the time comes", async () => {
    const current = await invoke(teacherChat(), "case.refresh", { pupilId: "p1" });
    const remind = findAction(current, (a) => a.type === "Action.ShowCard" && /Minn meg/.test(a.title)).card;
    // «I morgen kl. 08.00», «om en uke»: school hours at the school, the next morning first.
    expect(remind.body[0].choices.map((c: any) => c.title)).toEqual([
      expect.stringMatching(/^I morgen, tirsdag kl\. 08\.00$/),
      expect.stringMatching(/^Om en uke, mandag 23\.11 kl\. 08\.00$/),
    ]);
    const choice = remind.body[0].choices[0].value;
    expect(choice).toBe("2026-11-17T07:00:00.000Z");
    const answer = await invoke(teacherChat(), "case.remind", { ...remind.actions[0].data, remindAt: choice });
    expect(cardText({ attachments: [{ content: answer }] })).toMatch(/du får en påminnelse/);
    recorder.clear();
    // The next morning's run also tells the tiltaksleder of deadlines that ran out: the teacher's chat is looked at.
    await server.post("/api/test/clock", { now: new Date(Date.parse(choice) + 60_000).toISOString() });
    const toTeacher = (x: any) => x.conversation?.id === "a:teacher-chat";
    const reminders = (await recorder.waitFor((a) => a.some(toTeacher))).filter(toTeacher);
    expect(cardText(reminders[0])).toMatch(/Påminnelse: dette venter fortsatt på deg/);
    await server.post("/api/test/clock", { now: "2026-11-16T09:00:00+01:00" });
  });

  test("when the family gives samtykke for helsesykepleier and PPT, then the case card and status say so, the nurse can be brought in to read the case, and a withdrawal takes it back", async () => {
    const chat = createTeamsConversation(otherTeacher, { serviceUrl: recorder.serviceUrl });
    const nurseChat = createTeamsConversation(nurse, {
      serviceUrl: recorder.serviceUrl,
      conversationId: "a:nurse-chat",
    });
    const textOf = (card: any) => cardText({ attachments: [{ content: card }] });
    await sendActivity(server, nurseChat.installationUpdate("add"));
    // No samtykke yet: the school nurse cannot open the case, and the teacher cannot bring her in.
    expect(textOf(await invoke(nurseChat, "case.refresh", { pupilId: "p2" }))).toMatch(/ikke tilgang/);
    expect(textOf(await invoke(chat, "case.bringIn", { pupilId: "p2", role: "school_nurse" }))).toMatch(
      /Samtykket som gjelder, dekker ikke helsesykepleier/,
    );
    const walk = (first: any, overrides: Record<string, string>) => walkTemplate(chat, first, overrides, "2026-11-18");
    const startConsent = async () => {
      // Leo is on nivå 1 (the test before): the nærværsmøte is offered there, and with it the samtykkeerklæring.
      const card = await invoke(chat, "case.refresh", { pupilId: "p2" });
      const more = findAction(card, (a) => a.type === "Action.ShowCard" && /Flere valg/.test(a.title));
      const consent = more.card.actions.find((a: any) => a.data.templateId === "consent");
      expect(consent.title).toBe("Samtykkeerklæring");
      return invoke(chat, "template.start", consent.data);
    };
    const first = await startConsent();
    expect(cardText({ attachments: [{ content: first }] })).toMatch(/Samtykkeerklæring.*steg 1 av 3/i);
    expect(cardInputs(first).find((i) => i.id === "a_services")?.choices).toEqual(
      expect.arrayContaining(["health_service", "ppt", "child_welfare"]),
    );
    const done = await walk(first, {
      a_services: "health_service,ppt",
      a_consent_decision: "given",
      a_stafettlogg: "yes",
      a_signed_by: "guardians",
      a_place: "Molde",
      a_service_location: "Nordbyen skole",
    });
    expect(cardText({ attachments: [{ content: done }] })).toMatch(
      /Samtykke til utveksling av opplysninger med: Forebyggende helsetjenester \(helsestasjon\/skolehelsetjeneste\), PPT/,
    );

    let status = (await server.get("/api/pupils/p2/status", readAuth)).body;
    expect(status.consent).toEqual({
      status: "given",
      services: ["health_service", "ppt"],
      stafettlogg: true,
      signedBy: ["guardians"],
      date: "2026-11-18",
      place: "Molde",
      serviceLocation: "Nordbyen skole",
    });
    const entry = status.log.find((l: any) => l.templateId === "consent");
    expect(entry).toMatchObject({
      author: otherTeacher.aadObjectId,
      contactDate: "2026-11-18",
      consent: { status: "given" },
    });
    let card = await invoke(chat, "case.refresh", { pupilId: "p2" });
    expect(cardText({ attachments: [{ content: card }] })).toMatch(
      /Samtykke 18\.11: opplysninger kan utveksles med Forebyggende helsetjenester \(helsestasjon\/skolehelsetjeneste\), PPT\./,
    );

    // Under that samtykke the teacher brings the nurse in; she gets the case in Teams, once, and can only read it.
    const more = findAction(card, (a) => a.type === "Action.ShowCard" && /Flere valg/.test(a.title));
    const bringNurse = more.card.actions.find((a: any) => a.title === "Koble på helsesykepleier");
    expect(more.card.actions.some((a: any) => a.title === "Koble på PPT")).toBe(true);
    expect(textOf(await invoke(chat, "case.bringIn", { pupilId: "p2", role: "ppt" }))).toMatch(
      /Skolen har ingen PPT registrert i Nærvær/,
    );
    // Only what happened: she is on the case; the message is on its way, and who cannot be reached is listed.
    const broughtIn = textOf(await invoke(chat, bringNurse.verb, bringNurse.data));
    expect(broughtIn).toMatch(
      /Hanne Helsesykepleier er koblet på saken\. Nærvær sender dem beskjed i Teams; kan noen ikke nås der, står det i tiltaksleders morgenliste/,
    );
    expect(broughtIn).not.toMatch(/har fått beskjed/);
    await invoke(chat, bringNurse.verb, bringNurse.data);
    const toNurse = (
      await recorder.waitFor((all) =>
        all.some((x) => x.conversation?.id === "a:nurse-chat" && /Leo Prøvesen/.test(cardText(x))),
      )
    ).filter((x) => x.conversation?.id === "a:nurse-chat" && /Leo Prøvesen/.test(cardText(x)));
    expect(toNurse).toHaveLength(1);
    expect(cardText(toNurse[0])).toMatch(/Ola Annenlærer har koblet deg på saken etter samtykke 18\.11/);
    const nurseView = await invoke(nurseChat, "case.refresh", { pupilId: "p2" });
    expect(textOf(nurseView)).toMatch(/Fravær å følge opp: Leo Prøvesen/);
    expect(cardActions(nurseView).map((a) => a.verb ?? a.title)).toEqual(["case.showAbsence"]);
    expect(textOf(await invoke(nurseChat, "case.showAbsence", { pupilId: "p2" }))).toMatch(
      /Fravær: Leo Prøvesen|Leo Prøvesen/,
    );
    const logBefore = (await server.get("/api/pupils/p2/status", readAuth)).body.log.length;
    expect(textOf(await invoke(nurseChat, "case.dismiss", { pupilId: "p2", reason: "ikke bekymret" }))).toMatch(
      /ikke tilgang/,
    );
    expect(textOf(await invoke(nurseChat, "template.start", { pupilId: "p2", templateId: "consent" }))).toMatch(
      /ikke tilgang/,
    );
    expect((await server.get("/api/pupils/p2/status", readAuth)).body.log).toHaveLength(logBefore);
    // «saker» lists the case for her now, with «Åpne».
    await sendActivity(server, nurseChat.message("saker"));
    const nurseList = await recorder.waitFor((all) =>
      all.some(
        (x) =>
          x.conversation?.id === "a:nurse-chat" &&
          /Saker du følger/.test(cardText(x)) &&
          /Leo Prøvesen/.test(cardText(x)),
      ),
    );
    expect(
      nurseList
        .filter((x) => x.conversation?.id === "a:nurse-chat" && /Saker du følger/.test(cardText(x)))
        .map(cardText)
        .join(),
    ).not.toMatch(/Mia Testesen|Ida Uten/);
    expect((await server.get("/api/pupils/p2/status", readAuth)).body.sharedWith).toEqual([
      { aadObjectId: nurse.aadObjectId, role: "school_nurse", by: otherTeacher.aadObjectId, at: expect.any(String) },
    ]);
    // The log says who was brought in, under which samtykke; it is not a follow-up of the trip.
    expect(
      (await server.get("/api/pupils/p2/status", readAuth)).body.log
        .filter((l: any) => l.templateId === "shared")
        .map((l: any) => [l.author, l.furtherMeasures]),
    ).toEqual([[otherTeacher.aadObjectId, "helsesykepleier: Hanne Helsesykepleier (samtykke 18.11.2026)"]]);
    card = await invoke(chat, "case.refresh", { pupilId: "p2" });
    expect(textOf(card)).toMatch(
      /Koblet på · Ola Annenlærer · helsesykepleier: Hanne Helsesykepleier \(samtykke 18\.11\.2026\)/,
    );
    expect(textOf(card)).not.toMatch(/ikke bekymret/);
    expect(JSON.stringify(card)).not.toMatch(/Koble på helsesykepleier/);

    await server.post("/api/test/clock", { now: "2026-11-19T09:00:00+01:00" });
    await walk(await startConsent(), {
      a_consent_decision: "withdrawn",
      a_consent_date: "2026-11-19",
      a_signed_by: "guardians",
    });
    status = (await server.get("/api/pupils/p2/status", readAuth)).body;
    expect(status.consent).toMatchObject({ status: "withdrawn", services: [], date: "2026-11-19" });
    expect(status.log.filter((l: any) => l.templateId === "consent")).toHaveLength(2);
    card = await invoke(chat, "case.refresh", { pupilId: "p2" });
    const text = cardText({ attachments: [{ content: card }] });
    expect(text).toMatch(/Samtykket ble trukket tilbake 19\.11: opplysninger deles ikke med andre tjenester\./);
    expect(text).not.toMatch(/opplysninger kan utveksles med/);
    // The withdrawal ends the nurse's access, and she is told once.
    expect(textOf(await invoke(nurseChat, "case.refresh", { pupilId: "p2" }))).toMatch(/ikke tilgang/);
    const ended = (
      await recorder.waitFor((all) =>
        all.some((x) => x.conversation?.id === "a:nurse-chat" && /dekker ikke lenger/.test(cardText(x))),
      )
    ).filter((x) => x.conversation?.id === "a:nurse-chat" && /dekker ikke lenger/.test(cardText(x)));
    expect(ended).toHaveLength(1);
    expect(cardText(ended[0])).toMatch(/Samtykket for Leo Prøvesen, 6B dekker ikke lenger din tjeneste/);
    expect(status.sharedWith).toEqual([]);
    expect(status.log.filter((l: any) => l.templateId === "unshared").map((l: any) => l.furtherMeasures)).toEqual([
      "helsesykepleier: Hanne Helsesykepleier",
    ]);
    recorder.clear();
    await sendActivity(server, nurseChat.message("saker"));
    const emptyList = await recorder.waitFor((all) =>
      all.some((x) => x.conversation?.id === "a:nurse-chat" && /Saker du følger/.test(cardText(x))),
    );
    expect(emptyList.map(cardText).join()).not.toMatch(/Leo Prøvesen/);
    await server.post("/api/test/clock", { now: "2026-11-16T09:00:00+01:00" });
  });

  test("when the teacher adds a correction to a log entry, then a new entry points at the old one and the old one is unchanged", async () => {
    const before = (await server.get("/api/pupils/p1/status", readAuth)).body.log;
    const original = before.find((l: any) => l.templateId === "phone_call");
    const data = { pupilId: "p1", entryId: original.id, correction: "Riktig dato for samtalen er 17.11" };
    const answer = await invoke(teacherChat(), "log.correct", data);
    expect(JSON.stringify(answer)).toMatch(/ny oppføring som viser til den opprinnelige/);
    await invoke(teacherChat(), "log.correct", data);
    const after = (await server.get("/api/pupils/p1/status", readAuth)).body.log;
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((l: any) => l.corrects === original.id)).toMatchObject({
      summary: "Riktig dato for samtalen er 17.11",
      author: teacher.aadObjectId,
    });
    expect(after.find((l: any) => l.id === original.id)).toEqual(original);
  });

  test("when the routine names more conversations at the step, then the card offers them and the undringssamtale can be started", async () => {
    const card = await invoke(coordinatorChat(), "case.refresh", { pupilId: "p3" });
    const others = findAction(card, (a) => a.type === "Action.ShowCard" && /Flere valg/.test(a.title));
    const wonder = others.card.actions.find((a: any) => a.data.templateId === "wonder_talk_pupil");
    expect(wonder).toBeDefined();
    const first = await invoke(coordinatorChat(), "template.start", wonder.data);
    expect(cardText({ attachments: [{ content: first }] })).toMatch(/Undringssamtale.*steg 1 av/i);
  });

  test("when a teacher writes «saker», then only their own pupils on the ladder are listed; the coordinator sees the whole school and opens a case from the list", async () => {
    recorder.clear();
    await sendActivity(server, teacherChat().message("saker"));
    const [own] = await recorder.waitFor((a) => a.some((x) => x.conversation?.id === "a:teacher-chat"));
    const ownText = cardText(own);
    expect(ownText).toMatch(/Saker du følger/);
    expect(ownText).toMatch(/Mia Testesen, 6A/);
    const mia = (await server.get("/api/pupils/p1/status", readAuth)).body;
    expect(ownText).toContain(`Nivå ${mia.step}: ${mia.stepName}`);
    // Her conversations are documented, so the list says so instead of a passed deadline.
    expect(ownText).toMatch(/Fulgt opp \w+ \d\d\.\d\d/);
    expect(ownText).not.toMatch(/Leo Prøvesen|Ida Uten/);

    await sendActivity(server, coordinatorChat().message("saker"));
    const lists = await recorder.waitFor((a) => a.some((x) => x.conversation?.id === "a:coordinator-chat"));
    const schoolList = lists.find((x) => x.conversation?.id === "a:coordinator-chat");
    const schoolText = cardText(schoolList);
    expect(schoolText).toMatch(/3 elever ved skolen/);
    for (const name of ["Mia Testesen", "Leo Prøvesen", "Ida Uten"]) expect(schoolText).toContain(name);
    const open = findAction(
      schoolList.attachments[0].content,
      (a) => a.verb === "case.refresh" && a.data?.pupilId === "p3",
    );
    const opened = await invoke(coordinatorChat(), "case.refresh", open.data ?? {});
    expect(cardText({ attachments: [{ content: opened }] })).toMatch(/Fravær å følge opp: Ida Uten, 6C/);

    const refreshed = await invoke(teacherChat(), "cases.list", { from: "list" });
    expect(cardText({ attachments: [{ content: refreshed }] })).toMatch(/Mia Testesen/);
  });

  test("when someone outside the roster writes «saker», then no pupil is listed and they are told why", async () => {
    recorder.clear();
    const strangerChat = createTeamsConversation(stranger, {
      serviceUrl: recorder.serviceUrl,
      conversationId: "a:stranger-chat",
    });
    await sendActivity(server, strangerChat.message("saker"));
    const [reply] = await recorder.waitFor((a) => a.some((x) => x.conversation?.id === "a:stranger-chat"));
    expect(cardText(reply)).toMatch(/står ikke som kontaktlærer eller tiltaksleder/);
    expect(cardText(reply)).not.toMatch(/Mia|Leo|Ida/);
  });

  test("when the day comes to evaluate the measures of the nærværsmøte, then the teacher who agreed them gets the case card saying which, at 08:00, once", async () => {
    const measures = (await server.get("/api/pupils/p2/status", readAuth)).body.measures;
    // The latest evaluation date: the earlier ones fell due while the tests before moved the clock.
    const day = [...new Set<string>(measures.map((m: any) => m.evaluationDate))].sort().at(-1)!;
    expect(day > "2026-11-19").toBe(true);
    const dueThatDay = measures.filter((m: any) => m.evaluationDate === day);
    recorder.clear();
    await server.post("/api/test/clock", { now: `${day}T07:30:00+01:00` });
    expect(recorder.sentActivities().filter((x) => /Tiltak som skal evalueres i dag/.test(cardText(x)))).toHaveLength(
      0,
    );
    await server.post("/api/test/clock", { now: `${day}T08:01:00+01:00` });
    const isEvaluation = (x: any) => /Tiltak som skal evalueres i dag/.test(cardText(x));
    const sent = (await recorder.waitFor((all) => all.some(isEvaluation))).filter(isEvaluation);
    expect(sent).toHaveLength(1);
    expect(recorder.calls.find((c) => c.body && isEvaluation(c.body))?.conversationId).not.toBe("a:teacher-chat");
    for (const m of dueThatDay) expect(cardText(sent[0])).toContain(m.measure);
    expect(cardText(sent[0])).toMatch(/Leo Prøvesen/);
    await server.post("/api/test/clock", { now: `${day}T09:01:00+01:00` });
    expect(recorder.sentActivities().filter(isEvaluation)).toHaveLength(1);

    // The evaluation meeting that day: the earlier plan's measures due by then are evaluated, the new plan's are open.
    const chat = createTeamsConversation(otherTeacher, { serviceUrl: recorder.serviceUrl });
    const card = await invoke(chat, "case.refresh", { pupilId: "p2" });
    const start =
      cardActions(card).find(
        (a) =>
          (a.verb === "template.start" && a.data?.templateId === "attendance_meeting") || a.verb === "template.resume",
      ) ??
      findAction(card, (a) => a.type === "Action.ShowCard" && /Flere valg/.test(a.title)).card.actions.find(
        (a: any) => a.data.templateId === "attendance_meeting",
      );
    await walkTemplate(chat, await invoke(chat, start.verb, start.data), { a_meeting_date: day }, day);
    const after = (await server.get("/api/pupils/p2/status", readAuth)).body;
    const old = after.measures.filter((m: any) => measures.some((x: any) => x.id === m.id));
    expect(old.map((m: any) => m.status)).toEqual(old.map(() => "evaluated"));
    const fresh = after.measures.filter((m: any) => !measures.some((x: any) => x.id === m.id));
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((m: any) => m.status === "active")).toBe(true);
    expect(
      after.openTasks
        .filter((t: any) => t.kind === "evaluation")
        .map((t: any) => t.measureId)
        .sort(),
    ).toEqual(fresh.map((m: any) => m.id).sort());
    await server.post("/api/test/clock", { now: "2026-11-16T09:00:00+01:00" });
  });
});

describe("«Meld bekymring»: a concern on the teacher's own judgement", () => {
  test("when a contact teacher reports early signs, then the pupil is put on the ladder and the nudge arrives; another teacher's pupil is refused", async () => {
    const recorder = await startConnectorRecorder();
    const server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true" } });
    try {
      await server.post("/api/test/clock", { now: "2026-11-18T10:00:00+01:00" });
      await server.post("/api/roster", roster, auth);
      const chat = createTeamsConversation(teacher, {
        serviceUrl: recorder.serviceUrl,
        conversationId: "a:concern-chat",
      });
      await sendActivity(server, chat.message("meld bekymring"));
      const [form] = await recorder.waitFor((a) => a.length >= 1);
      const content = form.attachments[0].content;
      const text = cardText(form);
      expect(text).toMatch(/Meld bekymring/);
      const pupilInput = content.body.find((b: any) => b.id === "pupilId");
      expect(pupilInput.choices.map((c: any) => c.value)).toEqual(["p1"]);
      const signs = content.body.find((b: any) => b.id === "signs").choices.map((c: any) => c.value);
      expect(signs.length).toBeGreaterThan(0);

      const refused = await sendActivity(server, chat.cardAction("concern.report", { pupilId: "p2", signs: signs[0] }));
      expect(JSON.stringify(refused.body)).toMatch(/bare melde bekymring for elever du er kontaktlærer for/);
      expect((await server.get("/api/pupils/p2/status", readAuth)).body.step).toBeNull();

      const reported = await sendActivity(
        server,
        chat.cardAction("concern.report", { pupilId: "p1", signs: signs[0], note: "Virker sliten" }),
      );
      expect(JSON.stringify(reported.body)).toMatch(/Bekymringen for Mia Testesen er registrert/);
      const nudges = await recorder.waitFor((a) => a.some((x) => /Fravær å følge opp: Mia Testesen/.test(cardText(x))));
      expect(nudges.filter((x) => /Fravær å følge opp: Mia Testesen/.test(cardText(x)))).toHaveLength(1);
      const status = (await server.get("/api/pupils/p1/status", readAuth)).body;
      expect(status.step).toBe(0);
      expect(status.trips.map((t: any) => t.factsData.type)).toContain("early_sign");
    } finally {
      await server.stop();
      await recorder.close();
      removeDir(server.dataDir);
    }
  });
});

describe("a nudge nobody else can take", () => {
  test("when a pupil has no contact teacher and the school no tiltaksleder, then the rektor gets the nudge and is told why", async () => {
    const recorder = await startConnectorRecorder();
    const server = await startServer({
      env: { INGEST_API_KEY: key, TEST_CLOCK: "true", BOT_SERVICE_URL: recorder.serviceUrl },
    });
    try {
      await server.post("/api/test/clock", { now: "2026-11-16T09:00:00+01:00" });
      const principal = { aadObjectId: "22222222-0000-0000-0000-000000000004", name: "Rita Rektor" };
      const small = {
        schools: [
          {
            id: "s2",
            name: "Vika skole",
            municipality: "Molde",
            ladder: "molde-nordbyen",
            schoolYearStart: "2026-08-19",
          },
        ],
        staff: [
          { aadObjectId: principal.aadObjectId, name: principal.name, roles: [{ schoolId: "s2", role: "principal" }] },
        ],
        pupils: [{ id: "p9", name: "Siri Alene", schoolId: "s2", grade: 5, className: "5A", contactTeacherIds: [] }],
      };
      expect((await server.post("/api/roster", small, auth)).body.rejected).toEqual([]);
      await server.post(
        "/api/absence",
        [{ id: "v1", pupilId: "p9", schoolId: "s2", date: "2026-11-16", kind: "day", documented: false }],
        auth,
      );
      await server.post("/api/evaluate", { date: "2026-11-16" }, auth);
      const sent = await recorder.waitFor((a) => a.some((x) => cardText(x).includes("Siri Alene")));
      const nudge = sent.find((x) => cardText(x).includes("Siri Alene"));
      expect(cardText(nudge)).toMatch(/ingen kontaktlærer kunne nås/);
      const created = recorder.calls.filter((c) => c.method === "POST" && c.path === "/v3/conversations");
      expect(created.map((c) => c.body.members?.[0]?.id)).toEqual([principal.aadObjectId]);
    } finally {
      await server.stop();
      await recorder.close();
      removeDir(server.dataDir);
    }
  });
});
