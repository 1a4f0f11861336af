import { createServiceUrlCheck } from "../../src/bot/service-url";

describe("which Bot Connector hosts proactive messages may go to", () => {
  test("when nothing is configured in production, then Microsoft's connector hosts pass and anything else is refused", () => {
    const allowed = createServiceUrlCheck([], true);
    expect(allowed("https://smba.trafficmanager.net/emea/")).toBe(true);
    expect(allowed("https://europe.botframework.com/")).toBe(true);
    expect(allowed("https://smba.trafficmanager.net.evil.example/")).toBe(false);
    expect(allowed("http://smba.trafficmanager.net/emea/")).toBe(false);
    expect(allowed("http://127.0.0.1:3979/")).toBe(false);
    expect(allowed("not a url")).toBe(false);
    expect(allowed(undefined)).toBe(false);
  });

  test("when nothing is configured locally, then this machine is allowed too (the Playground and the test stand-in)", () => {
    expect(createServiceUrlCheck([], false)("http://127.0.0.1:56150/")).toBe(true);
  });

  test("when hosts are configured, then exactly those pass", () => {
    const allowed = createServiceUrlCheck(["smba.trafficmanager.net"], false);
    expect(allowed("https://smba.trafficmanager.net/amer/")).toBe(true);
    expect(allowed("http://127.0.0.1:56150/")).toBe(false);
    expect(allowed("https://europe.botframework.com/")).toBe(false);
  });
});
