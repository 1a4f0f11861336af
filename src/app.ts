import path from "node:path";
import type { Server } from "restify";
import { createBot } from "./bot/create-bot";
import type { BotDeps } from "./bot/deps";
import { createCardRenderer } from "./cards/render";
import { createSettableClock, createSystemClock, type Clock, type SettableClock } from "./clock";
import type { Config } from "./config";
import { seedDemo } from "./demo/seed-demo";
import { createHttpServer } from "./http/create-server";
import { createHttpRoutes } from "./http/routes";
import type { Logger } from "./logger";
import { packageVersion } from "./paths";
import { createConversationRefs } from "./store/conversation-refs";
import { createStore, type Store } from "./store/create-store";
import { createRosterRepo } from "./store/roster-repo";
import { createAbsenceRepo } from "./store/absence-repo";
import { createStatusRepo } from "./store/status-repo";
import { createLadderRegistry } from "./ladder-registry";
import { startDailyEvaluation } from "./jobs/daily-evaluation";
import type { EvaluateDeps } from "./usecases/evaluate-pupils";
import type { ImportDeps } from "./usecases/import-data";

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
  const ladders = createLadderRegistry(path.resolve(config.LADDERS_DIR));
  const absences = createAbsenceRepo(store);
  const evaluation: EvaluateDeps = { roster, absences, statuses: createStatusRepo(store), ladders };
  const imports: ImportDeps = { roster, absences, isKnownLadder: ladders.isKnown };
  const daily = startDailyEvaluation({ deps: evaluation, store, clock, at: config.EVALUATE_AT, logger });
  testClock?.onChange(() => daily.tick());
  if (config.SEED_DEMO) await seedDemo(evaluation, clock.now(), logger);

  const deps: BotDeps = { config, clock, logger, cards: createCardRenderer(), conversations: createConversationRefs(store), roster };
  const bot = createBot(deps);
  const server = createHttpServer(
    createHttpRoutes({ bot, store, version: packageVersion, clock, testClock, ingestKey: config.INGEST_API_KEY, imports, evaluation }),
    logger,
  );

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
      daily.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
