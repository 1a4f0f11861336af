import { TurnContext, type Activity, type ConversationReference } from "botbuilder";
import type { TeamsAdapter } from "@microsoft/teams-ai";
import type { Clock } from "../clock";
import type { Config } from "../config";
import type { Logger } from "../logger";
import type { CardLocation } from "../domain/case";
import type { ConversationRefs } from "../store/conversation-refs";
import { createServiceUrlCheck } from "./service-url";

export type SentCard = CardLocation;

export interface Notifier {
  /** Sends to the user's 1:1 chat with Nærvær, creating the chat when there is none; undefined when the user cannot be reached. */
  sendToUser(aadObjectId: string, activity: Partial<Activity>): Promise<SentCard | undefined>;
  /** Replaces an earlier message (a nudge card) in place. */
  update(sent: SentCard, activity: Partial<Activity>): Promise<void>;
}

const botFrameworkAudience = "https://api.botframework.com";

function hostOf(serviceUrl: string | undefined): string {
  try {
    return new URL(serviceUrl ?? "").host;
  } catch {
    return "(not a URL)";
  }
}

/** Proactive messages through the Bot Connector: the stored reference first, else a new 1:1 conversation. */
export function createNotifier(
  adapter: TeamsAdapter,
  conversations: ConversationRefs,
  config: Config,
  clock: Clock,
  logger: Logger,
): Notifier {
  const appId = config.BOT_ID ?? "";
  const isAllowedHost = createServiceUrlCheck(config.BOT_SERVICE_HOSTS, config.NODE_ENV === "production");
  const refuseHost = (serviceUrl: string | undefined) => {
    if (isAllowedHost(serviceUrl)) return;
    logger.warn({ event: "proactive_host_refused", host: hostOf(serviceUrl) });
    throw new Error("The conversation's serviceUrl is not on BOT_SERVICE_HOSTS");
  };
  const send = async (reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<SentCard> => {
    refuseHost(reference.serviceUrl);
    let sent: SentCard | undefined;
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      const response = await context.sendActivity(activity);
      sent = {
        conversationId: context.activity.conversation.id,
        activityId: response?.id ?? "",
        serviceUrl: context.activity.serviceUrl,
      };
    });
    return sent!;
  };
  return {
    async sendToUser(aadObjectId, activity) {
      const stored = await conversations.getPersonal(aadObjectId);
      try {
        if (stored) return await send(stored.reference, activity);
        const tenantId = config.BOT_TENANT_ID ?? (await conversations.anyTenantId());
        const serviceUrl = (await conversations.anyServiceUrl()) ?? config.BOT_SERVICE_URL;
        refuseHost(serviceUrl);
        let sent: SentCard | undefined;
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
            await conversations.save({
              aadObjectId,
              tenantId,
              scope: "personal",
              reference: TurnContext.getConversationReference(context.activity),
              updatedAt: clock.now().toISOString(),
            });
            const response = await context.sendActivity(activity);
            sent = { conversationId: context.activity.conversation.id, activityId: response?.id ?? "", serviceUrl };
          },
        );
        return sent;
      } catch (error) {
        // 403 MessageWritesBlocked: the user blocked or removed the bot; the caller falls back to the coordinator.
        logger.warn({
          event: "proactive_send_failed",
          status: (error as { statusCode?: number }).statusCode,
          err: (error as Error).message,
        });
        return undefined;
      }
    },
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
  post(reference: Partial<ConversationReference>, activity: Partial<Activity>, replyTo?: string): Promise<SentCard>;
}

export function createChannelPoster(adapter: TeamsAdapter, config: Config, logger: Logger): ChannelPoster {
  const appId = config.BOT_ID ?? "";
  const isAllowedHost = createServiceUrlCheck(config.BOT_SERVICE_HOSTS, config.NODE_ENV === "production");
  return {
    async post(reference, activity, replyTo) {
      if (!isAllowedHost(reference.serviceUrl)) {
        logger.warn({ event: "proactive_host_refused", host: hostOf(reference.serviceUrl) });
        throw new Error("The conversation's serviceUrl is not on BOT_SERVICE_HOSTS");
      }
      const channelId = (reference.conversation?.id ?? "").split(";")[0]!;
      let sent: SentCard | undefined;
      if (replyTo) {
        const thread = { ...reference.conversation, id: `${channelId};messageid=${replyTo}` } as never;
        await adapter.continueConversationAsync(appId, { ...reference, conversation: thread }, async (context) => {
          const response = await context.sendActivity(activity);
          sent = { conversationId: channelId, activityId: response?.id ?? "", serviceUrl: context.activity.serviceUrl };
        });
        return sent!;
      }
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
      return sent!;
    },
  };
}
