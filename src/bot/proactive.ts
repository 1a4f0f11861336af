import { TurnContext, type Activity, type ConversationReference } from "botbuilder";
import type { TeamsAdapter } from "@microsoft/teams-ai";
import type { Clock } from "../clock";
import type { Config } from "../config";
import type { Logger } from "../logger";
import type { CardLocation } from "../domain/case";
import { DeliveryFailure, type Transport } from "../usecases/delivery";
import type { ConversationRefs } from "../store/conversation-refs";
import type { AppInstaller } from "./graph-install";
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

/** Refuses a Bot Connector host not on BOT_SERVICE_HOSTS (production), so a stored address cannot send elsewhere. */
function createHostGuard(config: Config, logger: Logger): (serviceUrl: string | undefined) => void {
  const isAllowedHost = createServiceUrlCheck(config.BOT_SERVICE_HOSTS, config.NODE_ENV === "production");
  return (serviceUrl) => {
    if (isAllowedHost(serviceUrl)) return;
    logger.warn({ event: "proactive_host_refused", host: hostOf(serviceUrl) });
    throw new DeliveryFailure("rejected", "The conversation's serviceUrl is not on BOT_SERVICE_HOSTS");
  };
}

/**
 * Sends an activity in an existing conversation, the client's own retries off. A failure is caught inside and thrown
 * here: the adapter's turn error handler would otherwise swallow it, and a failed send would look delivered.
 */
async function sendInConversation(
  adapter: TeamsAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
): Promise<CardLocation> {
  let sent: CardLocation | undefined;
  let failed: unknown;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    withoutClientRetries(context, adapter);
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
}

/** Proactive messages through the Bot Connector, for the delivery worker: the stored reference first, else a new 1:1 chat. */
export function createTeamsTransport(
  adapter: TeamsAdapter,
  conversations: ConversationRefs,
  config: Config,
  clock: Clock,
  logger: Logger,
  installer?: AppInstaller,
): Pick<Transport, "deliver"> {
  const appId = config.BOT_ID ?? "";
  const refuseHost = createHostGuard(config, logger);
  const send = (reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<CardLocation> => {
    refuseHost(reference.serviceUrl);
    return sendInConversation(adapter, appId, reference, activity);
  };
  /** A new 1:1 chat with the person (Teams answers with the existing one if there is one), and the message in it. */
  const openChat = async (aadObjectId: string, activity: Partial<Activity>): Promise<CardLocation> => {
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
  };
  const reach = async (aadObjectId: string, activity: Partial<Activity>): Promise<CardLocation> => {
    try {
      const stored = await conversations.getPersonal(aadObjectId);
      return stored ? await send(stored.reference, activity) : await openChat(aadObjectId, activity);
    } catch (error) {
      throw classify(error);
    }
  };
  return {
    async deliver(aadObjectId, activity) {
      try {
        return await reach(aadObjectId, activity);
      } catch (error) {
        const failure = classify(error);
        // 403: the app is not installed for the person. Where allowed, the bot installs itself and tries once more.
        if (!installer || failure.status !== 403 || (await installer.install(aadObjectId)) !== "installed")
          throw failure;
        try {
          return await openChat(aadObjectId, activity);
        } catch (again) {
          const next = classify(again);
          // A new installation can take a moment to open: later, not dead (its installationUpdate also revives it).
          if (next.status === 403)
            throw new DeliveryFailure("retry", "installed through Graph; not open yet", 403, 30_000);
          throw next;
        }
      }
    },
  };
}

/** Replaces a card Nærvær posted earlier (a thread's root card, when who may see its details changes). */
export interface CardUpdater {
  update(sent: CardLocation, activity: Partial<Activity>): Promise<void>;
}

export function createCardUpdater(adapter: TeamsAdapter, config: Config, logger: Logger): CardUpdater {
  const appId = config.BOT_ID ?? "";
  const refuseHost = createHostGuard(config, logger);
  return {
    async update(sent, activity) {
      refuseHost(sent.serviceUrl);
      const reference: Partial<ConversationReference> = {
        conversation: { id: sent.conversationId } as never,
        serviceUrl: sent.serviceUrl,
        channelId: "msteams",
      };
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        await context.updateActivity({
          ...activity,
          id: sent.activityId,
          conversation: { id: sent.conversationId } as never,
        });
      });
    },
  };
}

export interface ChannelPoster {
  /**
   * Posts to a team channel: a new thread, or with `replyTo` (the thread's root activity id) a reply in that thread.
   * Teams addresses a reply as the channel's conversation id with «;messageid=<root>».
   */
  post(reference: Partial<ConversationReference>, activity: Partial<Activity>, replyTo?: string): Promise<CardLocation>;
}

export function createChannelPoster(adapter: TeamsAdapter, config: Config, logger: Logger): ChannelPoster {
  const appId = config.BOT_ID ?? "";
  const refuseHost = createHostGuard(config, logger);
  async function post(
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
    replyTo?: string,
  ): Promise<CardLocation> {
    refuseHost(reference.serviceUrl);
    const channelId = (reference.conversation?.id ?? "").split(";")[0]!;
    if (replyTo) {
      const thread = { ...reference.conversation, id: `${channelId};messageid=${replyTo}` } as never;
      const sent = await sendInConversation(adapter, appId, { ...reference, conversation: thread }, activity);
      return { ...sent, conversationId: channelId };
    }
    let sent: CardLocation | undefined;
    // A new thread is a new conversation in the channel (as TeamsInfo.sendMessageToTeamsChannel does); its id
    // ends in «;messageid=<the root's activity id>».
    const tenantId = (reference.conversation as { tenantId?: string } | undefined)?.tenantId ?? config.BOT_TENANT_ID;
    await adapter.createConversationAsync(
      appId,
      "msteams",
      reference.serviceUrl!,
      botFrameworkAudience,
      {
        isGroup: true,
        bot: { id: appId, name: "Nærvær" },
        channelData: { channel: { id: channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
        activity,
      } as never,
      async (context) => {
        const root = /;messageid=(.+)$/.exec(context.activity.conversation.id)?.[1] ?? "";
        sent = { conversationId: channelId, activityId: root, serviceUrl: reference.serviceUrl! };
      },
    );
    if (!sent) throw new DeliveryFailure("ambiguous", "the post gave no answer");
    return sent;
  }
  return {
    async post(reference, activity, replyTo) {
      try {
        return await post(reference, activity, replyTo);
      } catch (error) {
        throw classify(error);
      }
    },
  };
}
