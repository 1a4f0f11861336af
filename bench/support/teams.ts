import { randomUUID } from "node:crypto";
import type { RunningServer } from "./server";

export const testTenantId = "11111111-2222-3333-4444-555555555555";
export const botAccount = { id: "28:bot-app-id", name: "Nærvær" };

export interface TeamsUser {
  aadObjectId: string;
  name: string;
  /** The 29:… id Teams gives the user in this bot's conversations. */
  id?: string;
}

export interface ConversationOptions {
  serviceUrl: string;
  tenantId?: string;
  locale?: string;
  /** personal (1:1 with the bot) unless said otherwise. */
  conversationType?: "personal" | "groupChat" | "channel";
  conversationId?: string;
}

/** Builds activities shaped like the ones Teams' Bot Connector posts to a bot, for one user in one conversation. */
export function createTeamsConversation(user: TeamsUser, options: ConversationOptions) {
  const tenantId = options.tenantId ?? testTenantId;
  const conversationType = options.conversationType ?? "personal";
  const conversationId = options.conversationId ?? `a:${randomUUID()}`;
  const from = { id: user.id ?? `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId };
  const base = () => ({
    id: randomUUID(),
    channelId: "msteams",
    serviceUrl: options.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: options.locale ?? "nb-NO",
    from,
    recipient: botAccount,
    conversation: { id: conversationId, conversationType, tenantId, isGroup: conversationType !== "personal" },
    channelData: { tenant: { id: tenantId } },
  });
  return {
    conversationId,
    user: from,
    message: (text: string) => ({ ...base(), type: "message", text, textFormat: "plain" }),
    installationUpdate: (action: "add" | "remove") => ({ ...base(), type: "installationUpdate", action }),
    membersAdded: (members = [botAccount]) => ({ ...base(), type: "conversationUpdate", membersAdded: members }),
    membersRemoved: (members = [botAccount]) => ({ ...base(), type: "conversationUpdate", membersRemoved: members }),
    /** Teams sends the id of the message holding the card as replyToId; a card answer with `refresh` replaces that message. */
    cardAction: (verb: string, data: Record<string, unknown> = {}, replyToId = "card-message-1") => ({
      ...base(),
      type: "invoke",
      replyToId,
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
    }),
  };
}

/** Posts an activity to the bot the way the Bot Connector does. */
export async function sendActivity(server: RunningServer, activity: object, headers: Record<string, string> = {}) {
  return server.post("/api/messages", activity, headers);
}

/** Text of every TextBlock and fact in a sent activity's Adaptive Cards, to assert on what a user reads. */
export function cardText(activity: any): string {
  const parts: string[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    if (node.type === "TextBlock" && typeof node.text === "string") parts.push(node.text);
    if (typeof node.title === "string") parts.push(node.title);
    if (typeof node.value === "string" && node.title !== undefined) parts.push(node.value);
    Object.values(node).forEach(walk);
  };
  for (const attachment of activity?.attachments ?? []) walk(attachment.content);
  return parts.join("\n");
}
