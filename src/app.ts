import path from "node:path";
import type { Server } from "restify";
import { createAdapter, createBot } from "./bot/create-bot";
import { createCaseCards } from "./bot/case-cards";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { createTeamsTransport } from "./bot/proactive";
import { createOutboxRepo } from "./store/outbox-repo";
import { startDeliveryWorker, type DeliveryWorker } from "./jobs/delivery";
import { handleDead, recordDelivered, type Transport } from "./usecases/delivery";
import { createCardUpdater, createChannelPoster } from "./bot/proactive";
import { createCaseThreads, createThreadTransport } from "./bot/case-threads";
import { createOutboxWriter, type OutboxWriter } from "./bot/outbox-writer";
import { createAppInstaller } from "./bot/graph-install";
import { createCaseThreadRepo, createSchoolChannelRepo, type SchoolChannelRepo } from "./store/channel-repo";
import type { TeamsAdapter } from "@microsoft/teams-ai";
import type { CaseCards } from "./usecases/ports";
import { createCaseRepo } from "./store/case-repo";
import { createReminderRepo } from "./store/reminder-repo";
import { createErasure } from "./store/erasure";
import { startReminders } from "./jobs/reminders";
import { startRetention } from "./jobs/retention";
import { createAuditRepo } from "./store/audit-repo";
import { createAuditTrail } from "./usecases/audit";
import type { BotDeps } from "./bot/deps";
import { createCardRenderer } from "./cards/render";
import { createSettableClock, createSystemClock, type Clock, type SettableClock } from "./clock";
import type { Config } from "./config";
import { seedDemo } from "./demo/seed-demo";
import { seedDemoThread } from "./demo/demo-thread";
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
import { evaluateOnePupil, raiseStepByJudgement, type EvaluateDeps } from "./usecases/evaluate-pupils";
import type { ImportDeps } from "./usecases/import-data";
import { morningFollowUp } from "./usecases/morning-follow-up";
import { nudgesOnNewTrips } from "./usecases/nudge-and-escalate";
import { tellLeadersEvaluationFailed } from "./usecases/tell-leaders";
import type { CaseDeps } from "./usecases/deps";

/**
 * Teams for the use cases and for the delivery worker: the port writes every message (1:1 and case threads) to the
 * outbox; the transport is what the worker sends them with.
 */
function createTeams(
  deps: Pick<BotDeps, "cards" | "clock" | "ladders" | "conversations" | "roster"> & { writer: OutboxWriter },
  teams: { adapter: TeamsAdapter; config: Config; logger: Logger; store: Store; schoolChannels: SchoolChannelRepo },
): { port: CaseCards; transport: Transport } {
  const { adapter, config, logger } = teams;
  const threadDeps = {
    cards: deps.cards,
    clock: deps.clock,
    writer: deps.writer,
    notifier: createCardUpdater(adapter, config, logger),
    logger,
    schoolChannels: teams.schoolChannels,
    threads: createCaseThreadRepo(teams.store),
    poster: createChannelPoster(adapter, config, logger),
  };
  return {
    port: { ...createCaseCards(deps), ...createCaseThreads(threadDeps) },
    transport: {
      ...createTeamsTransport(
        adapter,
        deps.conversations,
        config,
        deps.clock,
        logger,
        createAppInstaller(config, deps.clock, logger),
      ),
      ...createThreadTransport(threadDeps),
    },
  };
}

/** The worker that drains the outbox in this process, with the use cases that follow a delivery or a dead item. */
function startDelivery(deps: CaseDeps, transport: Transport, config: Config): DeliveryWorker {
  return startDeliveryWorker({
    outbox: deps.outbox,
    transport,
    clock: deps.clock,
    logger: deps.logger,
    instanceId: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    limits: {
      tenantPerSecond: config.DELIVERY_RATE_PER_SECOND,
      leaseMs: config.DELIVERY_LEASE_SECONDS * 1000,
      // A send must have answered (or be given up as unknown) well before its lease runs out.
      sendTimeoutMs: (config.DELIVERY_LEASE_SECONDS * 1000) / 3,
    },
    onSent: (item, location) => recordDelivered(deps, item, location),
    onDead: (item) => handleDead(deps, item),
  });
}

export interface Naervaer {
  server: Server;
  store: Store;
  clock: Clock;
  /** The demo's case thread in the Playground's team channel (`serviceUrl`: the Playground's connector). */
  seedDemoThread(serviceUrl: string): Promise<void>;
  /** Listens on config.PORT (0 = any free port) and resolves with the bound port. */
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** Wires the service: store, bot, HTTP routes. Nothing here reads the environment; config comes in parsed. */
export async function createNaervaer(config: Config, logger: Logger): Promise<Naervaer> {
  const testClock: SettableClock | undefined = config.TEST_CLOCK ? createSettableClock() : undefined;
  const clock = testClock ?? createSystemClock();
  // Ladder files are checked before anything starts, so a broken file stops the start at once.
  const ladders = createLadderRegistry(path.resolve(config.LADDERS_DIR));
  const store = await createStore({
    endpoint: config.COSMOS_ENDPOINT,
    key: config.COSMOS_KEY,
    databaseName: config.COSMOS_DATABASE,
    dataDir: config.DATA_DIR,
    logger,
  });
  const roster = createRosterRepo(store);
  const absences = createAbsenceRepo(store);
  const statuses = createStatusRepo(store);
  const conversations = createConversationRefs(store);
  const adapter = createAdapter(config);
  const cards = createCardRenderer();
  const outbox = createOutboxRepo(store);
  const schoolChannels = createSchoolChannelRepo(store);
  const audits = createAuditRepo(store);
  const audit = createAuditTrail({ audits, clock });
  const writer = createOutboxWriter({ outbox, clock, onQueued: () => delivery.wake() });
  const teams = createTeams(
    { cards, clock, ladders, conversations, roster, writer },
    { adapter, config, logger, store, schoolChannels },
  );
  const caseDeps: CaseDeps = {
    clock,
    logger,
    roster,
    statuses,
    absences,
    cases: createCaseRepo(store),
    // The use cases reach Teams through this port only: 1:1 chats (through the outbox), and threads in the schools' channels.
    caseCards: teams.port,
    outbox,
    schoolChannels,
    audit,
    reminders: createReminderRepo(store),
    ladders,
    evaluateOne: (pupilId, date, now, signs) => evaluateOnePupil(evaluation, pupilId, date, now, signs),
    raiseStep: (input) => raiseStepByJudgement(evaluation, input),
  };
  const evaluation: EvaluateDeps = {
    roster,
    absences,
    statuses,
    ladders,
    ...nudgesOnNewTrips(caseDeps),
    onSchoolFailed: (school, date, failure) => tellLeadersEvaluationFailed(caseDeps, school, date, failure),
    logger,
  };
  const delivery = startDelivery(caseDeps, teams.transport, config);
  const botDeps: BotDeps = { ...caseDeps, config, cards, conversations };
  const bot = createBot(botDeps, adapter);

  const imports: ImportDeps = { roster, absences, ladders };
  const afterSchool = async (schoolId: string) => void (await morningFollowUp(caseDeps, schoolId));
  const daily = startDailyEvaluation({ deps: evaluation, store, clock, at: config.EVALUATE_AT, logger, afterSchool });
  const reminders = startReminders(caseDeps);
  testClock?.onChange(async () => {
    await daily.tick();
    await reminders.tick();
    await delivery.drain();
  });
  // The demo's first evaluation nudges nobody: the Playground user gets what is waiting when they open the chat.
  if (config.SEED_DEMO) await seedDemo({ ...evaluation, onNewTrips: undefined }, clock.now(), logger);

  const retention = startRetention({
    audit: audits,
    outbox,
    clock,
    auditDays: config.AUDIT_RETENTION_DAYS,
    outboxDays: config.OUTBOX_RETENTION_DAYS,
    logger,
  });
  testClock?.onChange(() => retention.tick());
  const keys = {
    ingest: config.INGEST_API_KEY,
    read: config.READ_API_KEY,
    audit: config.AUDIT_API_KEY,
    erase: config.ERASE_API_KEY,
  };
  const server = createHttpServer(
    createHttpRoutes({
      bot,
      store,
      version: packageVersion,
      clock,
      testClock,
      keys,
      imports,
      evaluation,
      cases: caseDeps.cases,
      erasure: createErasure(store, [roster, absences]),
      audit,
      logger,
      delivery: { stats: () => outbox.stats(clock.now()), counters: () => delivery.counters() },
    }),
    keys,
    logger,
  );

  return {
    server,
    store,
    clock,
    seedDemoThread: (serviceUrl) => seedDemoThread(caseDeps, serviceUrl),
    listen: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.PORT, "0.0.0.0", () => resolve(server.address().port));
      }),
    async close() {
      daily.stop();
      retention.stop();
      reminders.stop();
      await delivery.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
