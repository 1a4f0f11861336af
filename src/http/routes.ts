import type { Bot } from "../bot/create-bot";
import type { Clock, SettableClock } from "../clock";
import type { EvaluateDeps } from "../usecases/evaluate-pupils";
import type { ImportDeps } from "../usecases/import-data";
import type { CaseRepo } from "../store/case-repo";
import { createEvaluateHandler, createPupilStatusHandler } from "./handlers/evaluation";
import { createAbsenceImportHandler, createRosterImportHandler } from "./handlers/ingest";
import type { Store } from "../store/create-store";
import { createHealthzHandler, createMetricsHandler, type DeliveryHealth } from "./handlers/healthz";
import { createErasePupilHandler } from "./handlers/erasure";
import type { Erasure } from "../store/erasure";
import type { Logger } from "../logger";
import { createSchoolReportHandler } from "./handlers/report";
import { createMessagesHandler } from "./handlers/messages";
import { createGetClockHandler, createSetClockHandler } from "./handlers/test-clock";
import type { ApiKeys } from "./auth";
import type { AuditTrail } from "../usecases/audit";
import { createAuditHandler } from "./handlers/audit";
import type { HttpRoute } from "./types";

export interface HttpDeps {
  bot: Bot;
  store: Store;
  version: string;
  clock: Clock;
  keys: ApiKeys;
  imports: ImportDeps;
  evaluation: EvaluateDeps;
  cases: CaseRepo;
  erasure: Erasure;
  audit: AuditTrail;
  logger: Logger;
  delivery: DeliveryHealth;
  /** Present only when TEST_CLOCK=true. */
  testClock?: SettableClock;
}

/** Every HTTP endpoint of the service in one table, with the API key each needs. */
export function createHttpRoutes(deps: HttpDeps): HttpRoute[] {
  const { evaluation, cases, clock } = deps;
  const routes: HttpRoute[] = [
    { method: "get", path: "/healthz", handler: createHealthzHandler(deps.store, deps.version, deps.delivery) },
    // Counts only, no personal data: open like /healthz, for a scraper without an API key.
    { method: "get", path: "/metrics", handler: createMetricsHandler(deps.delivery) },
    { method: "post", path: "/api/messages", handler: createMessagesHandler(deps.bot, deps.logger) },
    {
      method: "post",
      path: "/api/roster",
      key: "ingest",
      handler: createRosterImportHandler(deps.imports, () => evaluation.ladders.ids()),
    },
    { method: "post", path: "/api/absence", key: "ingest", handler: createAbsenceImportHandler(deps.imports) },
    { method: "post", path: "/api/evaluate", key: "ingest", handler: createEvaluateHandler(evaluation, clock) },
    {
      method: "get",
      path: "/api/pupils/:pupilId/status",
      key: "read",
      handler: createPupilStatusHandler(evaluation, cases, deps.audit, deps.clock),
    },
    {
      method: "get",
      path: "/api/schools/:schoolId/report",
      key: "read",
      handler: createSchoolReportHandler({ ...evaluation, cases }, clock),
    },
    {
      method: "del",
      path: "/api/pupils/:pupilId",
      key: "erase",
      handler: createErasePupilHandler({
        roster: evaluation.roster,
        erasure: deps.erasure,
        audit: deps.audit,
        logger: deps.logger,
      }),
    },
    { method: "get", path: "/api/audit", key: "audit", handler: createAuditHandler(deps.audit) },
  ];
  if (deps.testClock) {
    routes.push(
      { method: "get", path: "/api/test/clock", handler: createGetClockHandler(deps.testClock) },
      { method: "post", path: "/api/test/clock", handler: createSetClockHandler(deps.testClock) },
    );
  }
  return routes;
}
