import type { Bot } from "../bot/create-bot";
import type { SettableClock } from "../clock";
import type { Store } from "../store/create-store";
import { createHealthzHandler } from "./handlers/healthz";
import { createMessagesHandler } from "./handlers/messages";
import { createGetClockHandler, createSetClockHandler } from "./handlers/test-clock";
import type { HttpRoute } from "./types";

export interface HttpDeps {
  bot: Bot;
  store: Store;
  version: string;
  /** Present only when TEST_CLOCK=true. */
  testClock?: SettableClock;
}

/** Every HTTP endpoint of the service in one table. */
export function createHttpRoutes(deps: HttpDeps): HttpRoute[] {
  const routes: HttpRoute[] = [
    { method: "get", path: "/healthz", handler: createHealthzHandler(deps.store, deps.version) },
    { method: "post", path: "/api/messages", handler: createMessagesHandler(deps.bot) },
  ];
  if (deps.testClock) {
    routes.push(
      { method: "get", path: "/api/test/clock", handler: createGetClockHandler(deps.testClock) },
      { method: "post", path: "/api/test/clock", handler: createSetClockHandler(deps.testClock) },
    );
  }
  return routes;
}
