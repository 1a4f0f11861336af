import { startConnectorRecorder } from "../support/connector";
import { removeDir, startServer, type RunningServer } from "../support/server";
import { createTeamsConversation, sendActivity } from "../support/teams";

const botId = "11111111-2222-3333-4444-555555555555";
const activity = {
  type: "message",
  id: "1",
  text: "saker",
  from: { id: "u1", aadObjectId: "00000000-0000-0000-0000-000000000001" },
  recipient: { id: botId },
  conversation: { id: "c1", conversationType: "personal" },
  channelId: "msteams",
  serviceUrl: "http://127.0.0.1:1/",
};

/** A token of the right shape whose signature can only be checked against the Bot Framework's published keys. */
function unsignedToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", kid: "k1", typ: "JWT" })}.${part({ iss: "https://api.botframework.com", aud: botId, exp: 4102444800, nbf: 1 })}.c2ln`;
}

describe("the Bot Framework endpoint's answers to requests it cannot verify", () => {
  let server: RunningServer;

  beforeAll(async () => {
    // No network here, so the signing keys are unreachable, as during an outage of the identity service.
    server = await startServer({ env: { BOT_ID: botId, BOT_PASSWORD: "secret", BOT_TENANT_ID: botId } });
  });
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it("when an activity comes without a token, then it answers 401 with a short error and no internals", async () => {
    const res = await server.post("/api/messages", activity);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
  });

  it("when a token is not a token at all, then it answers 401", async () => {
    const res = await server.post("/api/messages", activity, { authorization: "Bearer garbage" });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
  });

  it("when the signing keys cannot be fetched, then it answers 503 and never the fetch error", async () => {
    const res = await server.post("/api/messages", activity, { authorization: `Bearer ${unsignedToken()}` });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("auth_unavailable");
    expect(JSON.stringify(res.body)).not.toMatch(/fetch|ENOTFOUND|EAI_AGAIN|openid|at /i);
  });
});

describe("proactive sends go only to Bot Connector hosts on BOT_SERVICE_HOSTS", () => {
  it("when a conversation names a connector host that is not allowed, then nothing is stored or sent there", async () => {
    const recorder = await startConnectorRecorder();
    const server = await startServer({ env: { BOT_SERVICE_HOSTS: "smba.trafficmanager.net" } });
    try {
      const user = { aadObjectId: "66666666-0000-0000-0000-000000000001", name: "Kari" };
      const chat = createTeamsConversation(user, { serviceUrl: recorder.serviceUrl, conversationId: "a:kari" });
      expect((await sendActivity(server, chat.installationUpdate("add"))).status).toBeLessThan(300);
      // The reply in the turn goes back where Teams called from; nothing is kept for sending there later.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.output()).toMatch(/conversation_host_refused/);
    } finally {
      await server.stop();
      await recorder.close();
      removeDir(server.dataDir);
    }
  });
});
