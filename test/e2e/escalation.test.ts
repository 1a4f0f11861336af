import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { cardActions, cardInputs, findAction, walkTemplate } from "../support/card-walker";
import { removeDir, startServer, type RunningServer, readAuth, eraseAuth } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "escalation-test-ingest-key-01";
const auth = { authorization: `Bearer ${key}` };
const teacher = { aadObjectId: "33333333-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };
const coordinator = { aadObjectId: "33333333-0000-0000-0000-000000000002", name: "Tone Tiltaksleder" };
const principal = { aadObjectId: "33333333-0000-0000-0000-000000000003", name: "Rita Rektor" };
const smallTeacher = { aadObjectId: "33333333-0000-0000-0000-000000000004", name: "Siv Småskole" };
const smallPrincipal = { aadObjectId: "33333333-0000-0000-0000-000000000005", name: "Rolf Rektor" };

// Two Ørland schools: Brekstad has a tiltaksleder, Grande only a rektor.
const roster = {
  schools: [
    { id: "s1", name: "Brekstad skole", municipality: "Ørland", ladder: "orland-skole", schoolYearStart: "2026-08-19" },
    { id: "s2", name: "Grande skole", municipality: "Ørland", ladder: "orland-skole", schoolYearStart: "2026-08-19" },
  ],
  staff: [
    { aadObjectId: teacher.aadObjectId, name: teacher.name, roles: [{ schoolId: "s1", role: "contact_teacher" }] },
    { aadObjectId: coordinator.aadObjectId, name: coordinator.name, roles: [{ schoolId: "s1", role: "coordinator" }] },
    { aadObjectId: principal.aadObjectId, name: principal.name, roles: [{ schoolId: "s1", role: "principal" }] },
    {
      aadObjectId: smallTeacher.aadObjectId,
      name: smallTeacher.name,
      roles: [{ schoolId: "s2", role: "contact_teacher" }],
    },
    {
      aadObjectId: smallPrincipal.aadObjectId,
      name: smallPrincipal.name,
      roles: [{ schoolId: "s2", role: "principal" }],
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
      className: "6A",
      contactTeacherIds: [teacher.aadObjectId],
    },
    { id: "p4", name: "Ola Sen", schoolId: "s1", grade: 6, className: "6A", contactTeacherIds: [teacher.aadObjectId] },
    {
      id: "p3",
      name: "Ida Grande",
      schoolId: "s2",
      grade: 3,
      className: "3A",
      contactTeacherIds: [smallTeacher.aadObjectId],
    },
  ],
};

// Seven undocumented days for Mia («Fraværet passerer 6 dager»: Ørland Trinn 1); one for Leo and Ida (trinn 0, same day).
const miaDays = ["2026-11-04", "2026-11-05", "2026-11-06", "2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12"];
const events = [
  ...miaDays.map((date, i) => ({ id: `m${i}`, pupilId: "p1", schoolId: "s1", date, kind: "day", documented: false })),
  { id: "l1", pupilId: "p2", schoolId: "s1", date: "2026-11-16", kind: "day", documented: false },
  { id: "i1", pupilId: "p3", schoolId: "s2", date: "2026-11-16", kind: "day", documented: false },
  // Ola's third late arrival on 16.11 is «gjentatt forsentkomming» (Ørland Trinn 0): talk with him within a week.
  ...["2026-11-12", "2026-11-13", "2026-11-16"].map((date, i) => ({
    id: `o${i}`,
    pupilId: "p4",
    schoolId: "s1",
    date,
    kind: "late",
    minutes: 10,
  })),
];

describe("the routine brings the tiltaksleder in: at a step they hold, and when a deadline or an evaluation runs out", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  const chatOf = (user: { aadObjectId: string; name: string }) =>
    createTeamsConversation(user, { serviceUrl: recorder.serviceUrl, conversationId: `a:${user.aadObjectId}` });
  const sentTo = (user: { aadObjectId: string }) => recorder.sentActivities(`a:${user.aadObjectId}`).map(cardText);
  const invoke = async (user: { aadObjectId: string; name: string }, verb: string, data: Record<string, unknown>) => {
    const response = await sendActivity(server, chatOf(user).cardAction(verb, data));
    expect(response.status).toBe(200);
    return response.body.value;
  };
  const textOf = (card: unknown) => cardText({ attachments: [{ content: card }] });
  const clock = (now: string) => server.post("/api/test/clock", { now });
  const settle = () => new Promise((r) => setTimeout(r, 400));
  /** Every measure's result on an evaluation form set to `result`. */
  const allResults = (form: any, result: string) =>
    Object.fromEntries(
      cardInputs(form)
        .filter((i) => /^r_\d+$/.test(i.id))
        .map((i) => [i.id, result]),
    );

  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true" } });
    await clock("2026-11-16T09:00:00+01:00");
    expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    for (const user of [teacher, coordinator, principal, smallTeacher, smallPrincipal])
      await sendActivity(server, chatOf(user).installationUpdate("add"));
    await recorder.waitFor((a) => a.length >= 5);
    recorder.clear();
    expect((await server.post("/api/absence", events, auth)).body.accepted).toBe(events.length);
    expect((await server.post("/api/evaluate", { date: "2026-11-16" }, auth)).status).toBe(200);
    await recorder.waitFor((a) => a.filter((x) => /Fravær å følge opp/.test(cardText(x))).length >= 5);
    await settle();
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
  });

  test("when a pupil reaches Ørland's Trinn 1, then the tiltaksleder gets the case with why, once; the rektor and the other school hear nothing", async () => {
    const toCoordinator = sentTo(coordinator);
    expect(toCoordinator).toHaveLength(1);
    expect(toCoordinator[0]).toMatch(/Fravær å følge opp: Mia Testesen, 6A/);
    expect(toCoordinator[0]).toMatch(/Stafettholder: Kontaktlærer \/ Tiltaksleder/);
    expect(toCoordinator[0]).toMatch(
      /Du får dette som tiltaksleder: eleven har nådd trinn 1, der rutinen sier at tiltaksleder skal være med/,
    );
    expect(sentTo(principal)).toHaveLength(0);
    expect(sentTo(smallPrincipal)).toHaveLength(0);
    // Leo is on trinn 0, the contact teacher's alone.
    expect(sentTo(teacher).filter((t) => /Leo Prøvesen/.test(t))).toHaveLength(1);
    expect(toCoordinator.join()).not.toMatch(/Leo Prøvesen/);

    await server.post("/api/evaluate", { date: "2026-11-16" }, auth);
    await settle();
    expect(sentTo(coordinator)).toHaveLength(1);
  });

  test("when the tiltaksleder opens the card, then they can act on the case, and the teacher's timeline says who was told", async () => {
    const card = await invoke(coordinator, "case.refresh", { pupilId: "p1" });
    expect(cardActions(card).some((a) => a.verb === "template.start")).toBe(true);
    const timeline = textOf(await invoke(teacher, "case.refresh", { pupilId: "p1" }));
    expect(timeline).toMatch(/Varslet · Trinn 1 nådd: tiltaksleder Tone Tiltaksleder/);
  });

  test("when the teacher holds the nærværsmøte, then Mia's deadline is followed up and not escalated next morning; Leo's ran out and goes to the tiltaksleder, Ida's to her school's rektor", async () => {
    const card = await invoke(teacher, "case.refresh", { pupilId: "p1" });
    const start =
      cardActions(card).find((a) => a.verb === "template.start" && a.data?.templateId === "attendance_meeting") ??
      findAction(card, (a) => a.type === "Action.ShowCard" && /Flere valg/.test(a.title)).card.actions.find(
        (a: any) => a.data.templateId === "attendance_meeting",
      );
    const measureInput = (id: string) =>
      /^m_.*_evaluationDate$/.test(id)
        ? "2026-11-18"
        : /^m_.*_0_measure$/.test(id)
          ? "Fast oppmøte kl. 08.15 med kontaktlærer"
          : undefined;
    await walkTemplate(
      (verb, data) => invoke(teacher, verb, data),
      await invoke(teacher, start.verb, start.data),
      measureInput,
      "2026-11-16",
    );
    const measures = (await server.get("/api/pupils/p1/status", readAuth)).body.measures;
    expect(measures.some((m: any) => m.evaluationDate === "2026-11-18" && m.status === "active")).toBe(true);

    recorder.clear();
    await clock("2026-11-17T06:30:00+01:00");
    const isList = (x: any) => /Frister som har gått ut/.test(cardText(x));
    await recorder.waitFor((a) => a.filter(isList).length >= 2);
    await settle();
    const lists = sentTo(coordinator);
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatch(/Du får beskjed som tiltaksleder/);
    expect(lists[0]).toMatch(/Leo Prøvesen, 6A/);
    expect(lists[0]).toMatch(/Fristen var mandag 16\.11, og ingenting er dokumentert/);
    expect(lists[0]).not.toMatch(/Mia Testesen/);
    expect(sentTo(principal)).toHaveLength(0);
    const grande = sentTo(smallPrincipal);
    expect(grande).toHaveLength(1);
    expect(grande[0]).toMatch(/Du får beskjed som rektor/);
    expect(grande[0]).toMatch(/Ida Grande, 3A/);
    expect(grande[0]).not.toMatch(/Leo Prøvesen/);

    // «Åpne» on the list opens the case for the tiltaksleder; Leo's timeline records the escalation.
    const list = recorder.sentActivities(`a:${coordinator.aadObjectId}`)[0];
    const open = findAction(list.attachments[0].content, (a) => a.verb === "case.refresh" && a.data?.pupilId === "p2");
    const opened = textOf(await invoke(coordinator, "case.refresh", open.data!));
    expect(opened).toMatch(/Fravær å følge opp: Leo Prøvesen, 6A/);
    expect(opened).toMatch(/Varslet · Fristen 16\.11\.2026 gikk ut uten dokumentasjon: tiltaksleder Tone Tiltaksleder/);
  });

  test("when the clock moves on the same day or the evaluation is today, then nothing is told twice", async () => {
    recorder.clear();
    await clock("2026-11-17T09:00:00+01:00");
    await clock("2026-11-18T06:30:00+01:00");
    await settle();
    expect(recorder.sentActivities().filter((x) => /Frister som har gått ut/.test(cardText(x)))).toHaveLength(0);
  });

  test("when the evaluation day passes with the measures not evaluated, then the tiltaksleder is told which measures, the next school day", async () => {
    recorder.clear();
    await clock("2026-11-19T06:30:00+01:00");
    const isList = (x: any) => /Frister som har gått ut/.test(cardText(x));
    await recorder.waitFor((a) => a.some(isList));
    await settle();
    const lists = sentTo(coordinator);
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatch(/Mia Testesen, 6A/);
    expect(lists[0]).toMatch(/Tiltakene skulle evalueres onsdag 18\.11: Fast oppmøte kl\. 08\.15 med kontaktlærer/);
    expect(lists[0]).not.toMatch(/Leo Prøvesen/);
    expect(sentTo(smallPrincipal)).toHaveLength(0);
  });

  test("when a deadline set a week ago falls today with nothing documented, then the teacher is reminded that morning, and the tiltaksleder told the next", async () => {
    recorder.clear();
    await clock("2026-11-23T06:30:00+01:00");
    await recorder.waitFor((a) => a.some((x) => /Ola Sen/.test(cardText(x))));
    await settle();
    const toTeacher = sentTo(teacher).filter((t) => /Ola Sen/.test(t));
    expect(toTeacher).toHaveLength(1);
    expect(toTeacher[0]).toMatch(
      /Fristen er i dag, og ingenting er dokumentert ennå\. Blir det ikke dokumentert, får tiltaksleder beskjed neste skoledag/,
    );
    expect(sentTo(coordinator).join()).not.toMatch(/Ola Sen/);

    recorder.clear();
    await clock("2026-11-24T06:30:00+01:00");
    await recorder.waitFor((a) => a.some((x) => /Frister som har gått ut/.test(cardText(x))));
    await settle();
    expect(sentTo(coordinator)).toHaveLength(1);
    expect(sentTo(coordinator)[0]).toMatch(/Ola Sen, 6A[\s\S]*Fristen var mandag 23\.11/);
    expect(sentTo(teacher)).toHaveLength(0);
  });

  test("when the teacher opens Mia's case, then «Evaluer tiltakene» comes first; a save without the way on comes back naming what is missing, answers kept", async () => {
    const card = await invoke(teacher, "case.refresh", { pupilId: "p1" });
    const first = cardActions(card)[0]!;
    const active = (await server.get("/api/pupils/p1/status", readAuth)).body.measures.filter(
      (m: any) => m.status === "active",
    );
    expect(first).toMatchObject({ title: `Evaluer tiltakene (${active.length})`, verb: "measures.evaluateOpen" });
    const form = await invoke(teacher, "measures.evaluateOpen", first.data!);
    expect(textOf(form)).toMatch(/Evaluering av tiltak: Mia Testesen, 6A/);
    expect(textOf(form)).toMatch(/Fast oppmøte kl\. 08\.15 med kontaktlærer/);
    const save = findAction(form, (a) => a.verb === "measures.evaluate");
    const again = await invoke(teacher, "measures.evaluate", {
      ...save.data,
      ...allResults(form, "worked"),
      evaluationDate: "2026-11-19",
    });
    expect(textOf(again)).toMatch(/Velg hva dere ble enige om/);
    expect(JSON.stringify(again)).toMatch(/"id":"r_0"[^}]*"value":"worked"/);
    const status = (await server.get("/api/pupils/p1/status", readAuth)).body;
    expect(status.measures.filter((m: any) => m.status === "active")).toEqual(active);
  });

  test("when the teacher saves «hadde effekt» and «videreføres», then the result is logged, the measure is evaluated and goes on with a new date, once", async () => {
    const form = await invoke(teacher, "measures.evaluateOpen", { pupilId: "p1" });
    const save = findAction(form, (a) => a.verb === "measures.evaluate");
    const shown = (save.data!.measureIds as string[]).length;
    const answers = {
      ...save.data,
      ...allResults(form, "worked"),
      outcome: "maintain",
      evaluationDate: "2026-11-19",
      note: "Godt i gang",
    };
    const logged = textOf(await invoke(teacher, "measures.evaluate", answers));
    expect(logged).toMatch(/Dokumentert: Evaluering av tiltak/);
    expect(logged).toMatch(/tiltakene som virket, videreføres/);
    expect(logged).toMatch(/Fast oppmøte kl\. 08\.15 med kontaktlærer/);
    const status = (await server.get("/api/pupils/p1/status", readAuth)).body;
    const old = status.measures.filter((m: any) => m.evaluationDate === "2026-11-18");
    expect(old).toHaveLength(shown);
    for (const m of old) expect(m).toMatchObject({ status: "evaluated", result: "worked", evaluatedOn: "2026-11-19" });
    const goingOn = status.measures.filter((m: any) => m.status === "active");
    expect(goingOn.map((m: any) => m.measure).sort()).toEqual(old.map((m: any) => m.measure).sort());
    expect(goingOn.every((m: any) => m.evaluationDate > "2026-11-19")).toBe(true);
    expect(
      status.openTasks
        .filter((t: any) => t.kind === "evaluation")
        .map((t: any) => t.measureId)
        .sort(),
    ).toEqual(goingOn.map((m: any) => m.id).sort());

    // A redelivered save shows the same entry and writes nothing more.
    const logs = (await server.get("/api/pupils/p1/status", readAuth)).body;
    expect(textOf(await invoke(teacher, "measures.evaluate", answers))).toMatch(/Dokumentert: Evaluering av tiltak/);
    const after = (await server.get("/api/pupils/p1/status", readAuth)).body;
    expect(after.measures).toEqual(logs.measures);
    const timeline = textOf(await invoke(teacher, "case.refresh", { pupilId: "p1" }));
    expect(timeline.match(/Evaluering av tiltak/g)).toHaveLength(1);
    expect(
      cardActions(await invoke(teacher, "case.refresh", { pupilId: "p1" })).some(
        (a) => a.verb === "measures.evaluateOpen",
      ),
    ).toBe(false);
  });

  test("when someone outside the case sends an evaluation, then it is refused and nothing changes", async () => {
    const before = (await server.get("/api/pupils/p1/status", readAuth)).body.measures;
    const answer = await invoke(smallTeacher, "measures.evaluate", {
      pupilId: "p1",
      measureIds: before.map((m: any) => m.id),
      r_0: "no_effect",
      r_1: "no_effect",
      r_2: "no_effect",
      outcome: "next_step",
    });
    expect(textOf(answer)).toMatch(/ikke tilgang til denne eleven/);
    expect((await server.get("/api/pupils/p1/status", readAuth)).body.measures).toEqual(before);
  });

  test("when the next evaluation shows no effect and the case goes on, then Mia moves to Trinn 2 and the tiltaksleder is told of it", async () => {
    const active = (await server.get("/api/pupils/p1/status", readAuth)).body.measures.find(
      (m: any) => m.status === "active",
    );
    const day = active.evaluationDate;
    await clock(`${day}T12:00:00+01:00`);
    const form = await invoke(teacher, "measures.evaluateOpen", { pupilId: "p1" });
    const outcomes = JSON.stringify(form);
    expect(outcomes).toContain("next_step");
    recorder.clear();
    const save = findAction(form, (a) => a.verb === "measures.evaluate");
    const logged = textOf(
      await invoke(teacher, "measures.evaluate", {
        ...save.data,
        ...allResults(form, "no_effect"),
        outcome: "next_step",
        evaluationDate: day,
      }),
    );
    expect(logged).toMatch(/saken går videre til neste trinn/);
    const status = (await server.get("/api/pupils/p1/status", readAuth)).body;
    expect(status.step).toBe(2);
    expect(status.measures.every((m: any) => m.status === "evaluated")).toBe(true);
    const told = (
      await recorder.waitFor((a) => a.some((x) => x.conversation?.id === `a:${coordinator.aadObjectId}`))
    ).filter((x) => x.conversation?.id === `a:${coordinator.aadObjectId}`);
    expect(cardText(told[0])).toMatch(/eleven har nådd trinn 2/);
  });

  test("when the tiltaksleder writes «rapport», then the school's figures come without names; a teacher is refused", async () => {
    recorder.clear();
    await sendActivity(server, chatOf(coordinator).message("rapport"));
    await sendActivity(server, chatOf(teacher).message("rapport"));
    await recorder.waitFor((a) => a.length >= 2);
    const [report] = sentTo(coordinator);
    expect(report).toMatch(/Fraværsoversikt: Brekstad skole/);
    expect(report).toMatch(/Elever ved skolen\s+3/);
    expect(report).toMatch(/På tiltakstrappen nå\s+3 \(Trinn 0: 2 · Trinn 2: 1\)/);
    expect(report).toMatch(/Tiltak evaluert i perioden\s+6 \(hadde effekt 3, delvis 0, ingen effekt 3\)/);
    expect(report).not.toMatch(/Mia|Leo|Ida|Ola/);
    expect(sentTo(teacher)[0]).toMatch(/Fraværsoversikten er for skolens ledelse/);

    const card = recorder.sentActivities(`a:${coordinator.aadObjectId}`)[0].attachments[0].content;
    const show = findAction(card, (a) => a.verb === "report.show");
    expect(textOf(await invoke(coordinator, "report.show", { ...show.data, period: "school_year" }))).toMatch(
      /Fraværsoversikt: Brekstad skole[\s\S]*19\.08–/,
    );
    expect(textOf(await invoke(coordinator, "report.show", { schoolId: "s2", period: "term" }))).toMatch(
      /for skolens ledelse/,
    );
  });

  test("when the report is fetched over HTTP, then it answers with the same figures; a wrong key, period or school is told what was wrong", async () => {
    const report = await server.get("/api/schools/s1/report?period=school_year", readAuth);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      school: { id: "s1", name: "Brekstad skole" },
      period: "school_year",
      from: "2026-08-19",
      pupils: 3,
      onSteps: [
        { step: 0, pupils: 2 },
        { step: 2, pupils: 1 },
      ],
      measures: { evaluated: 6, worked: 3, noEffect: 3, active: 0 },
    });
    // The measures carried on after the first evaluation were agreed once, not twice.
    expect(report.body.measures.agreed).toBe(3);
    expect(JSON.stringify(report.body)).not.toMatch(/Mia|Leo/);
    expect(
      (await server.get("/api/schools/s1/report", { authorization: "Bearer wrong-key-000000000000" })).status,
    ).toBe(401);
    const bad = await server.get("/api/schools/s1/report?period=week", readAuth);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "invalid_query", field: "period" });
    expect((await server.get("/api/schools/nope/report", readAuth)).status).toBe(404);
  });

  test("when a nærværsmøte concludes Trinn 3, which the tiltaksleder holds alone, then the tiltaksleder is told, and hears of every new trip after it", async () => {
    const status = (await server.get("/api/pupils/p1/status", readAuth)).body;
    const today = status.asOf > "2026-11-24" ? status.asOf : "2026-11-24";
    const card = await invoke(teacher, "case.refresh", { pupilId: "p1" });
    const start =
      cardActions(card).find((a) => a.verb === "template.start" && a.data?.templateId === "attendance_meeting") ??
      findAction(card, (a) => a.type === "Action.ShowCard" && /Flere valg/.test(a.title)).card.actions.find(
        (a: any) => a.data.templateId === "attendance_meeting",
      );
    recorder.clear();
    await walkTemplate(
      (verb, data) => invoke(teacher, verb, data),
      await invoke(teacher, start.verb, start.data),
      { a_assessed_step: "3" },
      today,
    );
    expect((await server.get("/api/pupils/p1/status", readAuth)).body.step).toBe(3);
    const told = (
      await recorder.waitFor((a) => a.some((x) => x.conversation?.id === `a:${coordinator.aadObjectId}`))
    ).filter((x) => x.conversation?.id === `a:${coordinator.aadObjectId}`);
    expect(told).toHaveLength(1);
    expect(cardText(told[0])).toMatch(/eleven har nådd trinn 3/);
    expect(sentTo(teacher)).toHaveLength(0);

    // A new undocumented day: the teacher is nudged as always, and the tiltaksleder as the step's stafettholder.
    recorder.clear();
    const day = (await server.get("/api/test/clock")).body.now.slice(0, 10);
    await server.post(
      "/api/absence",
      [{ id: "m-new", pupilId: "p1", schoolId: "s1", date: day, kind: "day", documented: false }],
      auth,
    );
    await server.post("/api/evaluate", { date: day, schoolId: "s1" }, auth);
    await recorder.waitFor((a) => a.filter((x) => /Mia Testesen/.test(cardText(x))).length >= 2);
    expect(sentTo(teacher).filter((t) => /Mia Testesen/.test(t))).toHaveLength(1);
    const holder = sentTo(coordinator);
    expect(holder).toHaveLength(1);
    expect(holder[0]).toMatch(
      /rutinen sier at tiltaksleder er stafettholder på trinn 3, og eleven har nytt fravær å følge opp/,
    );
  });

  test("when the teacher takes the case «Til elevmappen», then every log entry comes as text to copy, with full dates; a teacher of another school is refused", async () => {
    const card = await invoke(teacher, "case.refresh", { pupilId: "p1" });
    const archive = findAction(
      card,
      (a) => a.type === "Action.ShowCard" && /Flere valg/.test(a.title),
    ).card.actions.find((a: any) => a.verb === "case.archive");
    expect(archive).toBeDefined();
    const texts = cardInputs(await invoke(teacher, "case.archive", archive.data)).map((i) => i.value ?? "");
    const log = (await server.get("/api/pupils/p1/status", readAuth)).body.log;
    expect(texts).toHaveLength(log.length);
    expect(texts.some((t) => /^Møte med foresatte/.test(t) || /nærværsmøte/i.test(t))).toBe(true);
    expect(
      texts.some(
        (t) =>
          /^Evaluering av tiltak \(elevloggen, Brekstad skole\)/.test(t) &&
          /Dato for kontakt: 19\.11\.2026/.test(t) &&
          /Fast oppmøte kl\. 08\.15 med kontaktlærer: Hadde effekt/.test(t),
      ),
    ).toBe(true);
    expect(texts.some((t) => /^Varslet/.test(t) && /Kontakt tatt og skrevet av: Nærvær/.test(t))).toBe(true);
    expect(textOf(await invoke(smallTeacher, "case.archive", { pupilId: "p1" }))).toMatch(
      /ikke tilgang til denne eleven/,
    );
  });

  test("when the IT administrator erases a pupil who has left, then nothing about the pupil is left; a second erase changes nothing", async () => {
    expect((await server.delete("/api/pupils/p4", { authorization: "Bearer wrong-key-000000000000" })).status).toBe(
      401,
    );
    const erased = await server.delete("/api/pupils/p4", eraseAuth);
    expect(erased.status).toBe(200);
    expect(erased.body.pupilId).toBe("p4");
    expect(erased.body.deleted.absences).toBe(3);
    expect(erased.body.deleted.cases).toBeGreaterThan(2);
    expect(erased.body.deleted.roster).toBe(1);
    expect((await server.get("/api/pupils/p4/status", readAuth)).status).toBe(404);
    expect(server.output()).not.toMatch(/Ola Sen/);
    const again = await server.delete("/api/pupils/p4", eraseAuth);
    expect(again.status).toBe(404);
    // Back in the roster (the school system still lists him): he starts from nothing, with no registrations, trips or log.
    await server.post("/api/roster", roster, auth);
    await server.post("/api/evaluate", { date: "2026-11-24", schoolId: "s1" }, auth);
    const fresh = (await server.get("/api/pupils/p4/status", readAuth)).body;
    expect(fresh).toMatchObject({ step: null, trips: [], log: [], measures: [] });
    // The others are untouched: Mia's case still opens.
    expect(textOf(await invoke(teacher, "case.refresh", { pupilId: "p1" }))).toMatch(/Mia Testesen/);
    recorder.clear();
    await sendActivity(server, chatOf(teacher).message("saker"));
    const [list] = await recorder.waitFor((a) => a.length >= 1);
    expect(cardText(list)).not.toMatch(/Ola Sen/);
  });

  test("when one run brings the tiltaksleder four or more pupils on steps they take part in, then they get one list, each pupil with «Åpne», instead of a card each", async () => {
    const newcomers = ["Anna", "Bent", "Cato", "Dina"].map((first, i) => ({
      id: `n${i}`,
      name: `${first} Ny`,
      schoolId: "s1",
      grade: 7,
      className: "7A",
      contactTeacherIds: [teacher.aadObjectId],
    }));
    expect(
      (await server.post("/api/roster", { ...roster, pupils: [...roster.pupils, ...newcomers] }, auth)).body.rejected,
    ).toEqual([]);
    const absence = newcomers.flatMap((p) =>
      miaDays.map((date, i) => ({
        id: `${p.id}-${i}`,
        pupilId: p.id,
        schoolId: "s1",
        date,
        kind: "day",
        documented: false,
      })),
    );
    expect((await server.post("/api/absence", absence, auth)).body.accepted).toBe(absence.length);
    recorder.clear();
    const day = (await server.get("/api/test/clock")).body.now.slice(0, 10);
    await server.post("/api/evaluate", { date: day, schoolId: "s1" }, auth);
    // The run queues the cards; the outbox delivers each person's in order, but not one person's before another's.
    await recorder.waitFor(
      (a) =>
        a.some((x) => /Elever som har nådd et trinn der du er med/.test(cardText(x))) &&
        a.filter((x) => /Ny, 7A/.test(cardText(x))).length >= 4,
    );
    await settle();
    const toCoordinator = sentTo(coordinator);
    expect(toCoordinator).toHaveLength(1);
    expect(toCoordinator[0]).toMatch(/Du får dette som tiltaksleder: 4 elever har nådd et trinn/);
    for (const p of newcomers) expect(toCoordinator[0]).toContain(`${p.name}, 7A`);
    expect(sentTo(teacher).filter((t) => /Ny, 7A/.test(t))).toHaveLength(4);
    const list = recorder.sentActivities(`a:${coordinator.aadObjectId}`)[0];
    expect(
      cardActions(list.attachments[0].content)
        .filter((a) => a.verb === "case.refresh")
        .map((a) => a.data?.pupilId),
    ).toEqual(newcomers.map((p) => p.id));
    const timeline = textOf(await invoke(teacher, "case.refresh", { pupilId: "n0" }));
    expect(timeline).toMatch(/Varslet · Trinn 1 nådd: tiltaksleder Tone Tiltaksleder/);
  });
});
