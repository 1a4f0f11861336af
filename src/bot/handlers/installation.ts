import { TurnContext, type Activity } from "botbuilder";
import type { BotDeps } from "../deps";
import { resolveLanguage } from "../language";
import { readSender } from "../turn";
import { deliverWaitingNudges } from "../../usecases/nudge-and-escalate";
import { buildWelcomeCard } from "../welcome-card";
import { createServiceUrlCheck } from "../service-url";

function botWasAdded(activity: Activity): boolean {
  if (activity.type === "installationUpdate") return activity.action === "add" || activity.action === "add-upgrade";
  return (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
}

function botWasRemoved(activity: Activity): boolean {
  if (activity.type === "installationUpdate")
    return activity.action === "remove" || activity.action === "remove-upgrade";
  return (activity.membersRemoved ?? []).some((m) => m.id === activity.recipient?.id);
}

/** Install: keep the conversation reference for proactive nudges and greet once per conversation. */
export async function handleInstallationChange(context: TurnContext, deps: BotDeps): Promise<void> {
  const activity = context.activity;
  const sender = readSender(context);
  if (!sender.aadObjectId) return;
  if (botWasRemoved(activity)) {
    await deps.conversations.remove(sender.aadObjectId, sender.scope, activity.conversation.id);
    deps.logger.info({ event: "conversation_removed", scope: sender.scope });
    return;
  }
  if (!botWasAdded(activity)) return;
  await rememberConversation(context, deps);
  if (await deps.conversations.claimWelcome(sender.aadObjectId, activity.conversation.id, deps.clock.now())) {
    await context.sendActivity({
      attachments: [await buildWelcomeCard(deps, sender.aadObjectId, await resolveLanguage(context, deps))],
    });
    deps.logger.info({ event: "welcome_sent", scope: sender.scope });
  }
  if (sender.scope === "personal") await deliverWaitingNudges(deps, sender.aadObjectId);
}

export async function rememberConversation(context: TurnContext, deps: BotDeps): Promise<void> {
  const sender = readSender(context);
  if (!sender.aadObjectId) return;
  // A reference whose connector host is not allowed would only fail later, at every send: it is not kept.
  if (
    !createServiceUrlCheck(
      deps.config.BOT_SERVICE_HOSTS,
      deps.config.NODE_ENV === "production",
    )(context.activity.serviceUrl)
  ) {
    deps.logger.warn({ event: "conversation_host_refused", aadObjectId: sender.aadObjectId });
    return;
  }
  await deps.conversations.save({
    aadObjectId: sender.aadObjectId,
    tenantId: sender.tenantId,
    scope: sender.scope,
    locale: context.activity.locale,
    reference: TurnContext.getConversationReference(context.activity),
    updatedAt: deps.clock.now().toISOString(),
  });
}
