import { startConnectorRecorder, type ConnectorRecorder } from "../support/connector";
import { removeDir, runUntilExit, startServer, storedItems, type RunningServer } from "../support/server";
import { cardText, createTeamsConversation, sendActivity, testTenantId } from "../support/teams";
import { playgroundUsers } from "../../src/demo/demo-school";

const teacher = { aadObjectId: playgroundUsers.alexWilber, name: "Alex Wilber" };
const coordinator = { aadObjectId: playgroundUsers.meganBowen, name: "Megan Bowen" };
const stranger = { aadObjectId: "aaaaaaaa-0000-0000-0000-000000000099", name: "Ukjent Bruker" };

describe("the bot over HTTP, with Teams played by a recorder", () => {
  let recorder: ConnectorRecorder;
  let server: RunningServer;
  beforeAll(async () => {
    recorder = await startConnectorRecorder();
    server = await startServer({ env: { SEED_DEMO: "true", TEST_CLOCK: "true" } });
  });
  afterAll(async () => {
    await server.stop();
    await recorder.close();
    removeDir(server.dataDir);
  });
  // What a test started (an install sends the nudges waiting for the teacher) lands before the next one counts.
  beforeEach(async () => {
    await server.delivered();
    recorder.clear();
  });

  test("when a teacher writes something, then the bot replies into that conversation at the Bot Connector", async () => {
    const chat = createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl });
    const response = await sendActivity(server, chat.message("hallo"));
    expect(response.status).toBe(200);
    const [reply] = await recorder.waitFor((a) => a.length >= 1);
    expect(recorder.calls[0]!.conversationId).toBe(chat.conversationId);
    expect(reply.text).toMatch(/Skriv «hjelp»/);
  });

  test("when the app is installed, then the welcome card says what Nærvær does and what the teacher is registered as", async () => {
    const chat = createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl });
    await sendActivity(server, chat.installationUpdate("add"));
    const [welcome] = await recorder.waitFor((a) => a.length >= 1);
    expect(welcome.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    const text = cardText(welcome);
    expect(text).toMatch(/Velkommen til Nærvær/);
    expect(text).toMatch(/kontaktlærer for 6 elever i 7B ved Nordbyen skole \(demo\)/);
    expect(text).toMatch(/Molde kommune/);
    expect(text).not.toMatch(/Emma|Noah|Sofie/);
  });

  test("when Teams sends both install events and redelivers one, then the welcome card arrives once", async () => {
    const chat = createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl });
    const install = chat.installationUpdate("add");
    await Promise.all([
      sendActivity(server, install),
      sendActivity(server, chat.membersAdded()),
      sendActivity(server, install),
    ]);
    await recorder.waitFor((a) => a.length >= 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(recorder.sentActivities(chat.conversationId)).toHaveLength(1);
  });

  test("when someone not in the roster installs, then the card says to ask the school to be added", async () => {
    const chat = createTeamsConversation(stranger, { serviceUrl: recorder.serviceUrl });
    await sendActivity(server, chat.membersAdded());
    const [welcome] = await recorder.waitFor((a) => a.length >= 1);
    expect(cardText(welcome)).toMatch(/ikke registrert på noen skole/);
  });

  test("when a coordinator with a nynorsk Teams writes «hjelp», then the same card comes back in nynorsk", async () => {
    const chat = createTeamsConversation(coordinator, { serviceUrl: recorder.serviceUrl, locale: "nn-NO" });
    await sendActivity(server, chat.message("hjelp"));
    const [help] = await recorder.waitFor((a) => a.length >= 1);
    expect(cardText(help)).toMatch(/Velkomen til Nærvær/);
    expect(cardText(help)).toMatch(/Du står som tiltaksleiar ved Nordbyen skole \(demo\)/);
  });

  test("when a coordinator with an English Teams asks for help, then the card is in English", async () => {
    const chat = createTeamsConversation(coordinator, { serviceUrl: recorder.serviceUrl, locale: "en-US" });
    await sendActivity(server, chat.message("help"));
    const [help] = await recorder.waitFor((a) => a.length >= 1);
    expect(cardText(help)).toMatch(/Welcome to Nærvær/);
  });

  test("when the roster sets bokmål for a teacher with an English Teams, then bokmål wins until the teacher picks «språk english»", async () => {
    const chat = createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl, locale: "en-US" });
    await sendActivity(server, chat.message("hjelp"));
    const [first] = await recorder.waitFor((a) => a.length >= 1);
    expect(cardText(first)).toMatch(/Velkommen til Nærvær/);

    await sendActivity(server, chat.message("språk english"));
    const [, confirmation] = await recorder.waitFor((a) => a.length >= 2);
    expect(confirmation.text).toMatch(/English from now on/);

    await sendActivity(server, chat.message("hjelp"));
    const [, , english] = await recorder.waitFor((a) => a.length >= 3);
    expect(cardText(english)).toMatch(/Welcome to Nærvær/);

    await sendActivity(server, chat.message("språk bokmål"));
    await recorder.waitFor((a) => a.length >= 4);
  });

  test("when the language word is unknown, then the reply lists the choices", async () => {
    const chat = createTeamsConversation(coordinator, { serviceUrl: recorder.serviceUrl });
    await sendActivity(server, chat.message("språk klingon"));
    const [reply] = await recorder.waitFor((a) => a.length >= 1);
    expect(reply.text).toMatch(/språk nynorsk/);
  });

  test("when a card action has no handler, then the bot answers 501 and sends nothing", async () => {
    const chat = createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl });
    const response = await sendActivity(server, chat.cardAction("no.such.verb"));
    expect(response.status).toBe(501);
    expect(recorder.sentActivities()).toHaveLength(0);
  });

  test("when the test clock is set, then the server reports the new time", async () => {
    const set = await server.post("/api/test/clock", { now: "2026-09-14T08:00:00+02:00" });
    expect(set.status).toBe(200);
    const read = await server.get("/api/test/clock");
    expect(Date.parse(read.body.now) - Date.parse("2026-09-14T06:00:00Z")).toBeLessThan(5_000);
    expect(Date.parse(read.body.now)).toBeGreaterThanOrEqual(Date.parse("2026-09-14T06:00:00Z"));
  });

  test("when the test clock gets a bad time, then the error names the field and the format", async () => {
    const response = await server.post("/api/test/clock", { now: "mandag" });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ field: "now" });
    expect(response.body.error.message).toMatch(/ISO datetime/);
  });

  test("when health is asked, then it says the embedded Cosmos answers", async () => {
    const response = await server.get("/healthz");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "ok", cosmos: "ok", store: "embedded" });
  });

  test("when the log is read, then it holds no names of the people who wrote", () => {
    expect(server.output()).not.toMatch(/Alex Wilber|Megan Bowen|Ukjent Bruker/);
  });
});

describe("install, uninstall and restart", () => {
  test("when the service restarts, then stored conversations survive and an uninstall removes them", async () => {
    const recorder = await startConnectorRecorder();
    let server = await startServer();
    const dataDir = server.dataDir;
    try {
      const chat = createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl });
      await sendActivity(server, chat.installationUpdate("add"));
      await recorder.waitFor((a) => a.length >= 1);
      expect(await server.stop()).toBe(0);

      const stored = () => storedItems(dataDir, "conversations");
      expect(stored().filter((d: any) => d.type === "reference" && d.aadObjectId === teacher.aadObjectId)).toHaveLength(
        1,
      );

      server = await startServer({ dataDir });
      recorder.clear();
      await sendActivity(server, chat.installationUpdate("add"));
      await new Promise((r) => setTimeout(r, 500));
      expect(recorder.sentActivities()).toHaveLength(0);

      await sendActivity(server, chat.installationUpdate("remove"));
      expect(await server.stop()).toBe(0);
      expect(stored().filter((d: any) => d.type === "reference" && d.aadObjectId === teacher.aadObjectId)).toHaveLength(
        0,
      );
    } finally {
      await server.stop();
      await recorder.close();
      removeDir(dataDir);
    }
  });
});

describe("security at the edge", () => {
  test("when BOT_ID is set, then a request without a valid token gets 401 and reaches no handler", async () => {
    const recorder = await startConnectorRecorder();
    const server = await startServer({
      env: { BOT_ID: "7c0f3b2a-1111-4222-8333-944455556666", BOT_PASSWORD: "not-used", BOT_TENANT_ID: testTenantId },
    });
    try {
      const chat = createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl });
      expect((await sendActivity(server, chat.message("hjelp"))).status).toBe(401);
      expect(
        (await sendActivity(server, chat.message("hjelp"), { authorization: "Bearer forged.token.value" })).status,
      ).toBe(401);
      expect(recorder.calls).toHaveLength(0);
    } finally {
      await server.stop();
      await recorder.close();
      removeDir(server.dataDir);
    }
  });

  test("when production starts without bot credentials, then it exits with a message naming them", async () => {
    const { code, output } = await runUntilExit({ NODE_ENV: "production", INGEST_API_KEY: "0123456789abcdef0123" });
    expect(code).not.toBe(0);
    expect(output).toMatch(/BOT_ID, BOT_TENANT_ID must be set when NODE_ENV=production/);
  });

  test("when an activity comes from a tenant outside ALLOWED_TENANT_IDS, then it is dropped and logged without personal data", async () => {
    const recorder = await startConnectorRecorder();
    const server = await startServer({ env: { ALLOWED_TENANT_IDS: testTenantId } });
    try {
      const outsider = createTeamsConversation(teacher, {
        serviceUrl: recorder.serviceUrl,
        tenantId: "99999999-8888-7777-6666-555555555555",
      });
      await sendActivity(server, outsider.message("hjelp"));
      const insider = createTeamsConversation(teacher, { serviceUrl: recorder.serviceUrl });
      await sendActivity(server, insider.message("hjelp"));
      await recorder.waitFor((a) => a.length >= 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(recorder.sentActivities(outsider.conversationId)).toHaveLength(0);
      expect(recorder.sentActivities(insider.conversationId)).toHaveLength(1);
      expect(server.output()).toMatch(/"event":"tenant_rejected","tenantId":"99999999-8888-7777-6666-555555555555"/);
      expect(server.output()).not.toMatch(/Alex Wilber/);
    } finally {
      await server.stop();
      await recorder.close();
      removeDir(server.dataDir);
    }
  });
});
