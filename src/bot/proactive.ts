import { TurnContext, type Activity, type ConversationReference } from "botbuilder";
import type { TeamsAdapter } from "@microsoft/teams-ai";
import type { Clock } from "../clock";
import type { Config } from "../config";
import type { Logger } from "../logger";
import type { CardLocation } from "../domain/case";
import { DeliveryFailure, type Transport } from "../usecases/delivery";
import type { ConversationRefs } from "../store/conversation-refs";
import { createServiceUrlCheck } from "./service-url";

/** The Bot Connector's answer when a send failed, read into what the delivery worker should do about it. */
function classify(error: unknown): DeliveryFailure {
  if (error instanceof DeliveryFailure) return error;
  const e = error as {
    statusCode?: number;
    code?: string;
    message?: string;
    response?: { headers?: { get?(name: string): string | undefined } };
  };
  const status = e.statusCode;
  const detail = `${status ?? e.code ?? "error"}: ${(e.message ?? "").split("\n")[0]!.slice(0, 160)}`;
  if (status === 429) {
    const seconds = Number(e.response?.headers?.get?.("retry-after"));
    return new DeliveryFailure("retry", detail, status, Number.isFinite(seconds) ? seconds * 1000 : undefined);
  }
  // 403 MessageWritesBlocked / bot not installed, 404 user or conversation not found: asking again will not help.
  if (status === 403 || status === 404) return new DeliveryFailure("unreachable", detail, status);
  if (status === 400 || status === 413) return new DeliveryFailure("rejected", detail, status);
  // Teams may have posted the message before a gateway gave up: sending again can make a duplicate.
  if (status === 502 || status === 504 || e.code === "ECONNRESET" || e.code === "ETIMEDOUT")
    return new DeliveryFailure("ambiguous", detail, status);
  return new DeliveryFailure("retry", detail, status);
}

const botFrameworkAudience = "https://api.botframework.com";

function hostOf(serviceUrl: string | undefined): string {
  try {
    return new URL(serviceUrl ?? "").host;
  } catch {
    return "(not a URL)";
  }
}

/** The delivery worker retries with its own backoff and limits; the client's own retries would hide 429s and double 502s. */
function withoutClientRetries(context: TurnContext, adapter: TeamsAdapter): void {
  const client = context.turnState.get<{ client?: { pipeline?: { removePolicy(o: { name: string }): unknown } } }>(
    adapter.ConnectorClientKey,
  );
  client?.client?.pipeline?.removePolicy({ name: "defaultRetryPolicy" });
}

/** Proactive messages through the Bot Connector, for the delivery worker: the stored reference first, else a new 1:1 chat. */
export function createTeamsTransport(
  adapter: TeamsAdapter,
  conversations: ConversationRefs,
  config: Config,
  clock: Clock,
  logger: Logger,
): Transport {
  const appId = config.BOT_ID ?? "";
  const isAllowedHost = createServiceUrlCheck(config.BOT_SERVICE_HOSTS, config.NODE_ENV === "production");
  const refuseHost = (serviceUrl: string | undefined) => {
    if (isAllowedHost(serviceUrl)) return;
    logger.warn({ event: "proactive_host_refused", host: hostOf(serviceUrl) });
    throw new DeliveryFailure("rejected", "The conversation's serviceUrl is not on BOT_SERVICE_HOSTS");
  };
  const send = async (
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
  ): Promise<CardLocation> => {
    refuseHost(reference.serviceUrl);
    let sent: CardLocation | undefined;
    let failed: unknown;
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      withoutClientRetries(context, adapter);
      // Caught here: the adapter's turn error handler would otherwise swallow it, and a failed send look delivered.
      try {
        const response = await context.sendActivity(activity);
        sent = {
          conversationId: context.activity.conversation.id,
          activityId: response?.id ?? "",
          serviceUrl: context.activity.serviceUrl,
        };
      } catch (error) {
        failed = error;
      }
    });
    if (failed || !sent) throw failed ?? new DeliveryFailure("ambiguous", "the send gave no answer");
    return sent;
  };
  return {
    async deliver(aadObjectId, activity) {
      try {
        const stored = await conversations.getPersonal(aadObjectId);
        if (stored) return await send(stored.reference, activity);
        const tenantId = config.BOT_TENANT_ID ?? (await conversations.anyTenantId());
        const serviceUrl = (await conversations.anyServiceUrl()) ?? config.BOT_SERVICE_URL;
        refuseHost(serviceUrl);
        let sent: CardLocation | undefined;
        let failed: unknown;
        await adapter.createConversationAsync(
          appId,
          "msteams",
          serviceUrl,
          botFrameworkAudience,
          {
            isGroup: false,
            bot: { id: appId, name: "Nærvær" },
            members: [{ id: aadObjectId, name: "" }],
            tenantId,
            channelData: { tenant: { id: tenantId } },
          } as never,
          async (context) => {
            withoutClientRetries(context, adapter);
            await conversations.save({
              aadObjectId,
              tenantId,
              scope: "personal",
              reference: TurnContext.getConversationReference(context.activity),
              updatedAt: clock.now().toISOString(),
            });
            try {
              const response = await context.sendActivity(activity);
              sent = { conversationId: context.activity.conversation.id, activityId: response?.id ?? "", serviceUrl };
            } catch (error) {
              failed = error;
            }
          },
        );
        if (failed || !sent) throw failed ?? new DeliveryFailure("ambiguous", "the send gave no answer");
        return sent;
      } catch (error) {
        throw classify(error);
      }
    },
  };
}
