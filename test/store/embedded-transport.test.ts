import { CosmosClient } from "@azure/cosmos";
import { createLogger } from "../../src/logger";
import { embeddedCosmosKey, startEmbeddedCosmos, type EmbeddedCosmos } from "../../src/store/embedded-cosmos";
import { createInProcessHttpClient, skipQueryPlans } from "../../src/store/embedded-transport";

const logger = createLogger("silent");

describe("the SDK's transport to the embedded store in this process", () => {
  let embedded: EmbeddedCosmos;
  let inProcess: CosmosClient;
  let overHttp: CosmosClient;
  beforeAll(async () => {
    embedded = await startEmbeddedCosmos({ name: "transport-test", logger });
    const connectionPolicy = { enableEndpointDiscovery: false };
    inProcess = new CosmosClient({
      endpoint: embedded.endpoint,
      key: embeddedCosmosKey,
      connectionPolicy,
      httpClient: embedded.httpClient,
    });
    // Another instance of the service reaches the same store over HTTP (COSMOS_ENDPOINT of the first one's store).
    overHttp = new CosmosClient({ endpoint: embedded.endpoint, key: embeddedCosmosKey, connectionPolicy });
    const { database } = await inProcess.databases.createIfNotExists({ id: "db" });
    await database.containers.createIfNotExists({ id: "cases", partitionKey: { paths: ["/pupilId"] } });
  });
  afterAll(async () => {
    inProcess.dispose();
    overHttp.dispose();
    await embedded.close();
  });

  test("when this instance writes in process and another reads over HTTP, then both see the same documents, ETags and conflicts", async () => {
    const here = inProcess.database("db").container("cases");
    const there = overHttp.database("db").container("cases");
    const { resource: created } = await here.items.create({ id: "case", pupilId: "p1", step: 1 });
    const { resource: read } = await there.item("case", "p1").read();
    expect(read).toEqual(created);

    await there.item("case", "p1").replace({ id: "case", pupilId: "p1", step: 2 });
    // The ETag this instance holds is stale now: Cosmos refuses the write (412), in process as over HTTP.
    const stale = here
      .item("case", "p1")
      .replace(
        { id: "case", pupilId: "p1", step: 3 },
        { accessCondition: { type: "IfMatch", condition: created!._etag } },
      );
    await expect(stale).rejects.toMatchObject({ code: 412 });
    await expect(here.items.create({ id: "case", pupilId: "p1" })).rejects.toMatchObject({ code: 409 });

    const { resources } = await here.items
      .query({ query: "SELECT c.step FROM c WHERE c.pupilId = @p", parameters: [{ name: "@p", value: "p1" }] })
      .fetchAll();
    expect(resources).toEqual([{ step: 2 }]);
    const missing = await here.item("nothing", "p1").read();
    expect(missing.statusCode).toBe(404);
  });

  test("when the service queries its embedded store, then it asks for no query plan, and TOP, ORDER BY and COUNT answer as before", async () => {
    const plansAsked = (skip: boolean) => {
      const plans: string[] = [];
      const client = new CosmosClient({
        endpoint: embedded.endpoint,
        key: embeddedCosmosKey,
        connectionPolicy: { enableEndpointDiscovery: false },
        httpClient: {
          sendRequest: (request) => {
            if (/^true$/i.test(request.headers.get("x-ms-cosmos-is-query-plan-request") ?? "")) plans.push(request.url);
            return embedded.httpClient.sendRequest(request);
          },
        },
      });
      if (skip) skipQueryPlans(client);
      return { container: client.database("db").container("cases"), plans, client };
    };
    const withPlans = plansAsked(false);
    const without = plansAsked(true);
    try {
      for (const n of [1, 2, 3]) await without.container.items.create({ id: `m${n}`, pupilId: "p2", n });
      const query = async ({ container }: typeof without) => [
        (await container.items.query("SELECT TOP 2 c.n FROM c WHERE c.pupilId = 'p2' ORDER BY c.n DESC").fetchAll())
          .resources,
        (await container.items.query("SELECT VALUE COUNT(1) FROM c WHERE c.pupilId = 'p2'").fetchAll()).resources,
        (await container.items.readAll({ partitionKey: "p2" }).fetchAll()).resources.length,
      ];
      const answers = await query(withPlans);
      expect(answers).toEqual([[{ n: 3 }, { n: 2 }], [3], 3]);
      expect(withPlans.plans.length).toBeGreaterThan(0);
      expect(await query(without)).toEqual(answers);
      expect(without.plans).toEqual([]);
    } finally {
      withPlans.client.dispose();
      without.client.dispose();
    }
  });

  test("when the store never answers, then the SDK's request fails as a timeout instead of waiting for ever", async () => {
    const silent = new CosmosClient({
      endpoint: embedded.endpoint,
      key: embeddedCosmosKey,
      connectionPolicy: { enableEndpointDiscovery: false, requestTimeout: 200 },
      httpClient: createInProcessHttpClient(() => () => undefined),
    });
    try {
      await expect(silent.database("db").read()).rejects.toThrow(/Timeout/);
    } finally {
      silent.dispose();
    }
  });
});
