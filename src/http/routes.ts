import type { Bot } from "../bot/create-bot";
import type { Clock, SettableClock } from "../clock";
import type { EvaluateDeps } from "../usecases/evaluate-pupils";
import type { ImportDeps } from "../usecases/import-data";
import type { CaseRepo } from "../store/case-repo";
import { createEvaluateHandler, createPupilStatusHandler } from "./handlers/evaluation";
import { createAbsenceImportHandler, createRosterImportHandler } from "./handlers/ingest";
import type { Store } from "../store/create-store";
import { createHealthzHandler } from "./handlers/healthz";
import { createErasePupilHandler } from "./handlers/erasure";
import type { Erasure } from "../store/erasure";
import type { Logger } from "../logger";
import { createSchoolReportHandler } from "./handlers/report";
import { createMessagesHandler } from "./handlers/messages";
import { createGetClockHandler, createSetClockHandler } from "./handlers/test-clock";
import type { HttpRoute } from "./types";

export interface HttpDeps {
  bot: Bot;
  store: Store;
  version: string;
  clock: Clock;
  ingestKey: string | undefined;
  imports: ImportDeps;
  evaluation: EvaluateDeps;
  cases: CaseRepo;
  erasure: Erasure;
  logger: Logger;
  /** Present only when TEST_CLOCK=true. */
  testClock?: SettableClock;
}

/** Every HTTP endpoint of the service in one table. */
export function createHttpRoutes(deps: HttpDeps): HttpRoute[] {
  const routes: HttpRoute[] = [
    { method: "get", path: "/healthz", handler: createHealthzHandler(deps.store, deps.version) },
    { method: "post", path: "/api/messages", handler: createMessagesHandler(deps.bot, deps.logger) },
    {
      method: "post",
      path: "/api/roster",
      handler: createRosterImportHandler(deps.imports, deps.ingestKey, () => deps.evaluation.ladders.ids()),
    },
    { method: "post", path: "/api/absence", handler: createAbsenceImportHandler(deps.imports, deps.ingestKey) },
    {
      method: "post",
      path: "/api/evaluate",
      handler: createEvaluateHandler(deps.evaluation, deps.clock, deps.ingestKey),
    },
    {
      method: "get",
      path: "/api/pupils/:pupilId/status",
      handler: createPupilStatusHandler(deps.evaluation, deps.cases, deps.ingestKey),
    },
    {
      method: "del",
      path: "/api/pupils/:pupilId",
      handler: createErasePupilHandler(
        { roster: deps.evaluation.roster, erasure: deps.erasure, logger: deps.logger },
        deps.ingestKey,
      ),
    },
    {
      method: "get",
      path: "/api/schools/:schoolId/report",
      handler: createSchoolReportHandler({ ...deps.evaluation, cases: deps.cases }, deps.clock, deps.ingestKey),
    },
  ];
  if (deps.testClock) {
    routes.push(
      { method: "get", path: "/api/test/clock", handler: createGetClockHandler(deps.testClock) },
      { method: "post", path: "/api/test/clock", handler: createSetClockHandler(deps.testClock) },
    );
  }
  return routes;
}
