import type { Activity } from "botbuilder";
import { ClaimsIdentity, type BotFrameworkAuthentication } from "botframework-connector";
import { createAdapter } from "../../src/bot/create-bot";
import { parseConfig } from "../../src/config";

const authOf = (adapter: object) =>
  (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;

const activity = (serviceUrl: string): Activity =>
  ({
    type: "message",
    channelId: "msteams",
    serviceUrl,
    from: { id: "29:1" },
    recipient: { id: "28:bot" },
    conversation: { id: "a:1" },
  }) as Activity;

describe("the Bot Connector clients of the adapter", () => {
  const auth = authOf(createAdapter(parseConfig({ NODE_ENV: "test" })));
  const emea = "https://smba.trafficmanager.net/emea/";
  const amer = "https://smba.trafficmanager.net/amer/";

  test("when two turns come from the same Teams region, then they share one client, and another region has its own", async () => {
    const first = await auth.authenticateRequest(activity(emea), "");
    const second = await auth.authenticateRequest(activity(emea), "");
    const a = await first.connectorFactory!.create(emea, first.audience);
    const b = await second.connectorFactory!.create(emea, second.audience);
    expect(b).toBe(a);
    const other = await second.connectorFactory!.create(amer, second.audience);
    expect(other).not.toBe(a);
    expect(other.baseUri).toBe(amer);
  });

  test("when the bot sends to two chats proactively, then it uses one client and one user token client", async () => {
    const identity = new ClaimsIdentity([{ type: "aud", value: "bot-app" }], true);
    const one = await auth.createConnectorFactory(identity).create(emea);
    const two = await auth.createConnectorFactory(identity).create(emea);
    expect(two).toBe(one);
    expect(await auth.createUserTokenClient(identity)).toBe(await auth.createUserTokenClient(identity));
  });

  test("when another caller's claims come in, then it gets a client of its own", async () => {
    const bot = new ClaimsIdentity([{ type: "aud", value: "bot-app" }], true);
    const skill = new ClaimsIdentity(
      [
        { type: "aud", value: "bot-app" },
        { type: "appid", value: "other-app" },
      ],
      true,
    );
    expect(await auth.createConnectorFactory(skill).create(emea)).not.toBe(
      await auth.createConnectorFactory(bot).create(emea),
    );
  });
});
