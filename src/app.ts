import type { Server } from "restify";
import { createBot } from "./bot/create-bot";
import type { BotDeps } from "./bot/deps";
import { createCardRenderer } from "./cards/render";
import { createSettableClock, createSystemClock, type Clock, type SettableClock } from "./clock";
import type { Config } from "./config";
import { demoRoster } from "./demo/demo-school";
import { createHttpServer } from "./http/create-server";
import { createHttpRoutes } from "./http/routes";
import type { Logger } from "./logger";
import { packageVersion } from "./paths";
import { createConversationRefs } from "./store/conversation-refs";
import { createStore, type Store } from "./store/create-store";
import { createRosterRepo } from "./store/roster-repo";

export interface Naervaer {
  server: Server;
  store: Store;
  clock: Clock;
  /** Listens on config.PORT (0 = any free port) and resolves with the bound port. */
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** Wires the service: store, bot, HTTP routes. Nothing here reads the environment; config comes in parsed. */
export async function createNaervaer(config: Config, logger: Logger): Promise<Naervaer> {
  const testClock: SettableClock | undefined = config.TEST_CLOCK ? createSettableClock() : undefined;
  const clock = testClock ?? createSystemClock();
  const store = await createStore({
    endpoint: config.COSMOS_ENDPOINT,
    key: config.COSMOS_KEY,
    databaseName: config.COSMOS_DATABASE,
    dataDir: config.DATA_DIR,
    logger,
  });
  const roster = createRosterRepo(store);
  if (config.SEED_DEMO) {
    const counts = await roster.save(demoRoster);
    logger.info({ event: "demo_seeded", ...counts });
  }
  const deps: BotDeps = { config, clock, logger, cards: createCardRenderer(), conversations: createConversationRefs(store), roster };
  const bot = createBot(deps);
  const server = createHttpServer(createHttpRoutes({ bot, store, version: packageVersion, testClock }), logger);

  return {
    server,
    store,
    clock,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.PORT, "0.0.0.0", () => resolve(server.address().port));
      }),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
