import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { walkTemplate } from "../support/card-walker";
import { removeDir, startServer, storedItems, type RunningServer } from "../support/server";
import { cardText, createTeamsConversation, sendActivity } from "../support/teams";

const key = "case-thread-ingest-key-0123";
const auth = { authorization: `Bearer ${key}` };
const teacher = { aadObjectId: "33333333-0000-0000-0000-000000000001", name: "Kari Kontaktlærer" };
const coordinator = { aadObjectId: "33333333-0000-0000-0000-000000000002", name: "Tone Tiltaksleder" };
const nurse = { aadObjectId: "33333333-0000-0000-0000-000000000003", name: "Hanne Helsesykepleier" };
const ppt = { aadObjectId: "33333333-0000-0000-0000-000000000004", name: "Per PPT" };
const colleague = { aadObjectId: "33333333-0000-0000-0000-000000000005", name: "Ola Kollega" };
const channelId = "19:ressursteam@thread.tacv2";
const pupil = {
  id: "elev-selma-01",
  name: "Selma Sakesen",
  birthDate: "2013-04-09",
  schoolId: "s1",
  grade: 7,
  className: "7C",
  contactTeacherIds: [teacher.aadObjectId],
};
const roster = {
  schools: [{ id: "s1", name: "Fjordvik skole", municipality: "Eksempel", ladder: "custom:traad" }],
  staff: [
    { ...teacher, roles: [{ schoolId: "s1", role: "contact_teacher" }] },
    { ...coordinator, roles: [{ schoolId: "s1", role: "coordinator" }] },
    { ...nurse, roles: [{ schoolId: "s1", role: "school_nurse" }] },
    { ...ppt, roles: [{ schoolId: "s1", role: "ppt" }] },
    { ...colleague, roles: [{ schoolId: "s1", role: "contact_teacher" }] },
  ],
  pupils: [pupil],
};
/** A ladder whose first step offers the samtykkeerklæring, so the case can be shared without climbing first. */
const ladder = {
  formatVersion: 1,
  id: "traad",
  name: "Tråd-kommune",
  municipality: "Eksempel",
  institution: "school",
  source: "Test",
  steps: [
    {
      number: 0,
      name: "Undre seg",
      holders: [{ role: "contact_teacher", title: "Kontaktlærer" }],
      actions: ["Ring foresatte."],
      templates: ["phone_call", "consent"],
      source: "Test",
    },
  ],
  rules: [
    {
      id: "udokumentert",
      label: "Udokumentert fravær",
      step: 0,
      source: "Test",
      trigger: { type: "occurrence", kinds: ["day"], filter: { documented: false } },
    },
  ],
};

describe("the team around the pupil works in a case thread in the school's channel", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  let laddersDir: string;
  const chatOf = (user: typeof teacher) =>
    createTeamsConversation(user, { serviceUrl: recorder.serviceUrl, conversationId: `a:${user.name}` });
  const inChannel = (user: typeof teacher) =>
    createTeamsConversation(user, {
      serviceUrl: recorder.serviceUrl,
      conversationType: "channel",
      conversationId: channelId,
    });
  const invoke = async (
    chat: ReturnType<typeof createTeamsConversation>,
    verb: string,
    data: Record<string, unknown>,
  ) => {
    const response = await sendActivity(server, chat.cardAction(verb, data));
    expect(response.status).toBe(200);
    return response.body.value;
  };
  /** An Action.Execute anywhere on the card, «Flere valg» included. */
  const findAction = (card: any, predicate: (a: any) => boolean): any => {
    if (Array.isArray(card)) return card.map((c) => findAction(c, predicate)).find(Boolean);
    if (!card || typeof card !== "object") return undefined;
    if (card.type === "Action.Execute" && predicate(card)) return card;
    return Object.values(card)
      .map((v) => findAction(v, predicate))
      .find(Boolean);
  };
  const textOf = (card: any) => cardText({ attachments: [{ content: card }] });
  /** Posts in the channel: new threads (a conversation created in the channel) and replies, with the id Teams gave each. */
  const channelPosts = () =>
    recorder.calls
      .filter(
        (c) =>
          c.method === "POST" &&
          ((c.path === "/v3/conversations" && c.body?.channelData?.channel?.id === channelId) ||
            (c.conversationId?.startsWith(channelId) && /\/activities/.test(c.path) && c.body?.attachments?.length)),
      )
      .map((c) => ({
        conversationId: c.conversationId,
        root: c.path === "/v3/conversations",
        responseId: c.responseId,
        card: (c.body.activity ?? c.body).attachments[0].content,
      }));
  /** The card a message was last replaced with (the root card as access changes). */
  const lastUpdateOf = (activityId: string) =>
    recorder.calls.filter((c) => c.method === "PUT" && c.path.endsWith(`/activities/${activityId}`)).at(-1)!.body
      .attachments[0].content;
  const topLevel = () => channelPosts().filter((c) => c.root);
  const cardOf = (post: { card: any }) => post.card;
  const giveConsent = async (overrides: Record<string, string>, date: string) => {
    const card = await invoke(chatOf(teacher), "case.refresh", { pupilId: pupil.id });
    const start = findAction(card, (a) => a.verb === "template.start" && a.data?.templateId === "consent");
    await walkTemplate(
      (verb, data) => invoke(chatOf(teacher), verb, data),
      await invoke(chatOf(teacher), start.verb, start.data),
      overrides,
      date,
    );
  };
  const identifying = [pupil.name, "Selma", "Sakesen", pupil.className, pupil.birthDate, "09.04.2013"];

  beforeAll(async () => {
    laddersDir = mkdtempSync(path.join(os.tmpdir(), "naervaer-thread-ladders-"));
    writeFileSync(path.join(laddersDir, "traad.json"), JSON.stringify(ladder));
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { INGEST_API_KEY: key, TEST_CLOCK: "true", LADDERS_DIR: laddersDir } });
    await server.post("/api/test/clock", { now: "2026-11-18T09:00:00+01:00" });
    expect((await server.post("/api/roster", roster, auth)).body.rejected).toEqual([]);
    for (const user of [teacher, nurse, ppt]) await sendActivity(server, chatOf(user).installationUpdate("add"));
    const days = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-17", "2026-11-18"];
    const events = days.map((date, i) => ({
      id: `e${i}`,
      pupilId: pupil.id,
      schoolId: "s1",
      date,
      kind: "day",
      documented: false,
    }));
    expect((await server.post("/api/absence", events, auth)).body.accepted).toBe(days.length);
    expect((await server.post("/api/evaluate", { date: "2026-11-18" }, auth)).status).toBe(200);
    await recorder.waitFor((a) =>
      a.some((x) => x.conversation?.id === `a:${teacher.name}` && /Selma Sakesen/.test(cardText(x))),
    );
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
    removeDir(laddersDir);
  });

  test("when someone who is not a leader of the school types «koble til skolen» in a channel, then it is refused and nothing is linked; a leader links it", async () => {
    await sendActivity(server, inChannel(colleague).message("koble til skolen"));
    const refused = await recorder.waitFor((a) =>
      a.some((x) => /Bare tiltaksleder, rektor eller teamleder/.test(x.text ?? "")),
    );
    expect(refused.filter((x) => x.conversation?.id === channelId)).toHaveLength(1);
    expect(storedItems(server.dataDir, "channels")).toEqual([]);

    await sendActivity(server, inChannel(coordinator).message("koble til skolen"));
    await recorder.waitFor((a) => a.some((x) => /Denne kanalen er nå koblet til Fjordvik skole/.test(x.text ?? "")));
    expect(storedItems(server.dataDir, "channels")).toEqual([
      expect.objectContaining({
        id: "link",
        schoolId: "s1",
        conversationId: channelId,
        linkedBy: coordinator.aadObjectId,
      }),
    ]);
  });

  test("when the teacher chooses «Drøft anonymt», then the channel gets a thread with grade and pattern and nothing that identifies the pupil", async () => {
    const card = await invoke(chatOf(teacher), "case.refresh", { pupilId: pupil.id });
    const discuss = findAction(card, (a) => a.verb === "case.discussAnonymously");
    expect(discuss.title).toBe("Drøft anonymt");
    expect(textOf(await invoke(chatOf(teacher), discuss.verb, discuss.data))).toMatch(/lagt ut til anonym drøfting/);
    await server.delivered();
    const [anonymous] = topLevel();
    expect(anonymous).toBeDefined();
    const posted = JSON.stringify(cardOf(anonymous!));
    expect(textOf(cardOf(anonymous!))).toMatch(/Anonym drøfting: elev på 7\. trinn/);
    expect(textOf(cardOf(anonymous!))).toMatch(/5 fraværsdager i år \(5 udokumenterte\)/);
    for (const word of [...identifying, pupil.id]) expect(posted).not.toContain(word);
    expect(posted).not.toMatch(/\d{1,2}\.\d{1,2}\.|\d{4}-\d{2}-\d{2}/);
  });

  test("when samtykke covers the nurse and she is brought in, then one thread opens with a mention of her, its base card shows no pupil data, and PPT brought in later is a reply in the same thread", async () => {
    await giveConsent(
      {
        a_services: "health_service,ppt",
        a_consent_decision: "given",
        a_signed_by: "guardians",
        a_place: "Fjordvik",
        a_service_location: "Fjordvik skole",
      },
      "2026-11-18",
    );
    const before = topLevel().length;
    expect(textOf(await invoke(chatOf(teacher), "case.bringIn", { pupilId: pupil.id, role: "school_nurse" }))).toMatch(
      /Hanne Helsesykepleier er koblet på/,
    );
    await server.delivered();
    expect(topLevel()).toHaveLength(before + 1);
    const root = topLevel().at(-1)!;
    const card = cardOf(root);
    expect(card.msteams.entities).toEqual([
      {
        type: "mention",
        text: "<at>Hanne Helsesykepleier</at>",
        mentioned: { id: nurse.aadObjectId, name: nurse.name },
      },
    ]);
    expect(
      card.body.some((b: any) => b.type === "TextBlock" && b.text.includes("<at>Hanne Helsesykepleier</at>")),
    ).toBe(true);
    const base = JSON.stringify(card);
    for (const word of identifying) expect(base).not.toContain(word);
    expect(textOf(card)).toMatch(/Sak 7-/);
    expect(textOf(card)).toMatch(/Fjordvik skole/);
    expect(card.refresh.action.verb).toBe("thread.refresh");
    expect([...card.refresh.userIds].sort()).toEqual(
      [teacher.aadObjectId, coordinator.aadObjectId, nurse.aadObjectId].sort(),
    );

    await invoke(chatOf(teacher), "case.bringIn", { pupilId: pupil.id, role: "ppt" });
    await server.delivered();
    expect(topLevel()).toHaveLength(before + 1);
    const reply = channelPosts().at(-1)!;
    expect(reply.conversationId).toBe(`${channelId};messageid=${root.responseId}`);
    expect(cardOf(reply).msteams.entities).toEqual([
      { type: "mention", text: "<at>Per PPT</at>", mentioned: { id: ppt.aadObjectId, name: ppt.name } },
    ]);
    // The root card's refresh list now holds PPT too.
    const update = lastUpdateOf(root.responseId!);
    expect([...update.refresh.userIds].sort()).toEqual(
      [teacher.aadObjectId, coordinator.aadObjectId, nurse.aadObjectId, ppt.aadObjectId].sort(),
    );
  });

  test("when a channel member without access refreshes the thread's card, then they get the base card; the nurse gets the details", async () => {
    const forColleague = await invoke(inChannel(colleague), "thread.refresh", { pupilId: pupil.id });
    const colleagueView = JSON.stringify(forColleague);
    for (const word of identifying) expect(colleagueView).not.toContain(word);
    expect(textOf(forColleague)).toMatch(/Sak 7-/);
    const forNurse = await invoke(inChannel(nurse), "thread.refresh", { pupilId: pupil.id });
    expect(textOf(forNurse)).toMatch(/Selma Sakesen, 7C/);
    expect(forNurse.refresh.action.verb).toBe("thread.refresh");
  });

  test("when the teacher links the anonymous discussion under samtykke, then that thread gets the case's root card", async () => {
    const card = await invoke(chatOf(teacher), "case.refresh", { pupilId: pupil.id });
    const link = findAction(card, (a) => a.verb === "case.linkAnonymous");
    expect(textOf(await invoke(chatOf(teacher), link.verb, link.data))).toMatch(
      /Den anonyme drøftingen er koblet til saken/,
    );
    await server.delivered();
    const anonymousRoot = topLevel()[0]!;
    const posted = channelPosts().at(-1)!;
    expect(posted.conversationId).toBe(`${channelId};messageid=${anonymousRoot.responseId}`);
    expect(cardOf(posted).refresh.action.verb).toBe("thread.refresh");
    for (const word of identifying) expect(JSON.stringify(cardOf(posted))).not.toContain(word);
  });

  test("when the samtykke is recorded again, then the case's thread gets a reply with the date and services and no pupil data", async () => {
    const root = topLevel()[1]!;
    await giveConsent(
      {
        a_services: "health_service,ppt",
        a_consent_decision: "given",
        a_signed_by: "guardians",
        a_place: "Fjordvik",
        a_service_location: "Fjordvik skole",
      },
      "2026-11-18",
    );
    await server.delivered();
    const reply = channelPosts().at(-1)!;
    expect(reply.conversationId).toBe(`${channelId};messageid=${root.responseId}`);
    expect(textOf(reply.card)).toMatch(/Samtykke registrert 18\.11: Forebyggende helsetjenester .*, PPT\./);
    for (const word of identifying) expect(JSON.stringify(reply.card)).not.toContain(word);
  });

  test("when samtykke is withdrawn, then the nurse and PPT leave the refresh list at once, the thread is told, and her refresh gets the base card", async () => {
    const root = topLevel()[1]!;
    await server.post("/api/test/clock", { now: "2026-11-19T09:00:00+01:00" });
    await giveConsent(
      { a_consent_decision: "withdrawn", a_consent_date: "2026-11-19", a_signed_by: "guardians" },
      "2026-11-19",
    );
    await server.delivered();
    const notice = channelPosts().filter((c) =>
      /Samtykke er trukket – saken kan bare drøftes anonymt/.test(textOf(cardOf(c))),
    );
    expect(notice).toHaveLength(1);
    expect(notice[0]!.conversationId).toBe(`${channelId};messageid=${root.responseId}`);
    const update = lastUpdateOf(root.responseId!);
    expect([...update.refresh.userIds].sort()).toEqual([teacher.aadObjectId, coordinator.aadObjectId].sort());
    const forNurse = await invoke(inChannel(nurse), "thread.refresh", { pupilId: pupil.id });
    expect(JSON.stringify(forNurse)).not.toContain(pupil.name);
  });

  test("when a leader types «koble fra skolen», then the channel is unlinked", async () => {
    await sendActivity(server, inChannel(coordinator).message("koble fra skolen"));
    await recorder.waitFor((a) => a.some((x) => /ikke lenger koblet til Fjordvik skole/.test(x.text ?? "")));
    expect(storedItems(server.dataDir, "channels")).toEqual([]);
  });
});
