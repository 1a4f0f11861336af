import { ActivityTypes, type TurnContext } from "botbuilder";
import { Application, TeamsAdapter, TurnState } from "@microsoft/teams-ai";
import { messagesFor } from "../i18n/catalog";
import type { BotDeps } from "./deps";
import { resolveLanguage } from "./language";
import { botRoutes, placeOf, routeAllowedIn, type BotRoute } from "./routes";
import { readSender } from "./turn";
import { rememberConversation } from "./handlers/installation";
import { reuseConnectorClients } from "./connector-clients";

export interface Bot {
  adapter: TeamsAdapter;
  app: Application<TurnState>;
}

/** Without BOT_ID the adapter skips JWT validation: acceptable only for local runs and tests (config forbids it in production). */
export function createAdapter(config: BotDeps["config"]): TeamsAdapter {
  const adapter = new TeamsAdapter({
    MicrosoftAppId: config.BOT_ID ?? "",
    MicrosoftAppPassword: config.BOT_PASSWORD ?? "",
    MicrosoftAppType: config.BOT_ID
      ? config.BOT_TYPE === "UserAssignedMsi"
        ? "UserAssignedMSI"
        : "SingleTenant"
      : "MultiTenant",
    MicrosoftAppTenantId: config.BOT_TENANT_ID ?? "",
  });
  return reuseConnectorClients(adapter);
}

export function createBot(deps: BotDeps, adapter: TeamsAdapter, routes: BotRoute[] = botRoutes): Bot {
  const app = new Application<TurnState>({
    adapter,
    botAppId: deps.config.BOT_ID ?? "",
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    turnStateFactory: () => new TurnState(),
  });

  app.turn("beforeTurn", async (context) => {
    if (!isAllowedTenant(context, deps)) return false;
    // Any message in a 1:1 chat refreshes the stored reference, so proactive nudges reach people who installed before.
    if (context.activity.type === ActivityTypes.Message && readSender(context).scope === "personal")
      await rememberConversation(context, deps);
    return true;
  });

  for (const route of routes) {
    const here = (context: TurnContext) => routeAllowedIn(route.where, placeOf(context.activity));
    switch (route.on) {
      case "activity":
        app.activity(route.type, async (context) => (here(context) ? route.handler(context, deps) : undefined));
        break;
      case "message":
        app.message(route.text, async (context) =>
          here(context) ? route.handler(context, deps) : refuseHere(context, deps),
        );
        break;
      case "anyMessage":
        app.activity(ActivityTypes.Message, async (context) =>
          here(context) ? route.handler(context, deps) : refuseHere(context, deps),
        );
        break;
      case "cardAction":
        app.adaptiveCards.actionExecute(
          route.verb,
          async (context, _state, data) =>
            (here(context)
              ? route.handler(context, deps, data)
              : deps.cards.render("message", { title: await onlyPersonal(context, deps), lines: [] })) as never,
        );
        break;
    }
  }

  app.error(async (context, error) => {
    deps.logger.error({ event: "turn_failed", activityType: context.activity.type, err: error.message });
    if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity(messagesFor(readSender(context).teamsLanguage).genericError).catch(() => undefined);
    }
  });
  return { adapter, app };
}

/** The short line a route that shows pupil data answers with outside the 1:1 chat; it names no pupil. */
async function onlyPersonal(context: TurnContext, deps: BotDeps): Promise<string> {
  deps.logger.info({
    event: "route_refused_here",
    place: placeOf(context.activity),
    activityType: context.activity.type,
  });
  return messagesFor(await resolveLanguage(context, deps)).onlyPersonal;
}

async function refuseHere(context: TurnContext, deps: BotDeps): Promise<void> {
  await context.sendActivity(await onlyPersonal(context, deps));
}

/** Drops activities from tenants outside ALLOWED_TENANT_IDS; the log holds the tenant id and nothing about the person. */
function isAllowedTenant(context: TurnContext, deps: BotDeps): boolean {
  const allowed = deps.config.ALLOWED_TENANT_IDS;
  if (allowed.length === 0) return true;
  const { tenantId } = readSender(context);
  if (tenantId && allowed.includes(tenantId)) return true;
  deps.logger.warn({ event: "tenant_rejected", tenantId: tenantId ?? "missing", activityType: context.activity.type });
  return false;
}
