import http from "node:http";
import type { AddressInfo } from "node:net";
import { createGraphInstaller } from "../../src/bot/graph-install";
import { createSystemClock } from "../../src/clock";
import { createLogger } from "../../src/logger";

const teamsAppId = "0f0e0d0c-0000-4000-8000-00000000abcd";

/** Graph's catalogue and installation endpoints; the catalogue answers slowly, as over a network, and can be down. */
async function startGraph() {
  const lookups: string[] = [];
  const installs: string[] = [];
  const state = { catalogDown: false };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    res.setHeader("content-type", "application/json");
    if (url.pathname === "/v1.0/appCatalogs/teamsApps") {
      lookups.push(url.searchParams.get("$filter") ?? "");
      setTimeout(() => {
        if (state.catalogDown) {
          res.statusCode = 503;
          res.end("{}");
          return;
        }
        res.end(JSON.stringify({ value: [{ id: "catalog-app-1" }] }));
      }, 50);
      return;
    }
    installs.push(url.pathname);
    res.statusCode = 201;
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`,
    lookups,
    installs,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("installing the app through Graph for teachers the bot cannot reach", () => {
  let graph: Awaited<ReturnType<typeof startGraph>>;
  beforeEach(async () => {
    graph = await startGraph();
  });
  afterEach(() => graph.close());

  const installer = () =>
    createGraphInstaller({
      endpoint: graph.endpoint,
      teamsAppId,
      getToken: async () => undefined,
      clock: createSystemClock(),
      logger: createLogger("silent"),
    });

  test("when three teachers are installed for at once, then the catalogue is asked once and each teacher gets the app", async () => {
    const graphInstaller = installer();
    const outcomes = await Promise.all(["t1", "t2", "t3"].map((id) => graphInstaller.install(id)));
    expect(outcomes).toEqual(["installed", "installed", "installed"]);
    expect(graph.lookups).toEqual([`externalId eq '${teamsAppId}'`]);
    expect(graph.installs.sort()).toEqual(["t1", "t2", "t3"].map((id) => `/v1.0/users/${id}/teamwork/installedApps`));
  });

  test("when the catalogue was down at the first install, then the next teacher's install asks it again and succeeds", async () => {
    const graphInstaller = installer();
    graph.state.catalogDown = true;
    expect(await graphInstaller.install("t1")).toBe("failed");
    graph.state.catalogDown = false;
    expect(await graphInstaller.install("t2")).toBe("installed");
    expect(graph.lookups).toHaveLength(2);
    expect(graph.installs).toEqual(["/v1.0/users/t2/teamwork/installedApps"]);
  });
});
