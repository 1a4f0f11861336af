import type { TurnContext } from "botbuilder";
import { messagesFor } from "../../i18n/catalog";
import type { BotDeps } from "../deps";
import { resolveLanguage } from "../language";
import { readSender } from "../turn";

export async function handleUnknownMessage(context: TurnContext, deps: BotDeps): Promise<void> {
  const sender = readSender(context);
  await context.sendActivity(messagesFor(await resolveLanguage(context, deps)).unknownMessage);
}
